// Counts added up by the database rather than case by case, for re-rating many inspections at
// once: cases per profile, and each counted item's answers and outcome details per profile (the
// profile cut down to the attributes that item's conditions read). Turned here into the same
// InspectionCounts a pass over the cases gives (counts.ts), so the ratings are the same.
import type { Framework } from '../framework/framework.ts';
import { caseOfProfile, profileShape } from './case-profile.ts';
import { applicableItems } from '../assessment/applicability.ts';
import { countedItems, InspectionCounts, profileItems, type ProfileItems } from './counts.ts';

/** What the database is asked to count, for a framework version. */
export interface CountRequest {
  /** The attributes the conditions read (as JSON text per case), in this order. */
  attributes: string[];
  /** Items whose being answered decides applicability where an attribute is not recorded. */
  deciders: string[];
  /** Key questions and outcome questions, each with the bits of `attributes` its conditions read. */
  items: { id: string; attributeMask: number }[];
  /** The outcome questions among them. */
  outcomeItems: string[];
  /** By attribute: the values its conditions compare it with (a recorded value is one of these, or another). */
  values: string[][];
}

/**
 * A profile as the database saw it: the JSON text of each requested attribute (null when absent,
 * or when not among those the counted item's conditions read), and the deciding items answered
 * yes or no, given only for a case where some requested attribute is absent or empty.
 */
export interface SeenProfile {
  attributes: (string | null)[];
  deciders: string[] | null;
}

/** One row of the database's counts, its profile by number. */
export type ProfileCountRow =
  | { kind: 'cases'; inspectionId: number; profile: number; cases: number }
  | { kind: 'answers'; inspectionId: number; itemId: string; profile: number; answer: 'yes' | 'no' | 'na'; cases: number }
  | { kind: 'outcomes'; inspectionId: number; itemId: string; profile: number; sufficient: number; some: number; none: number; stabilityCredited: number };

export interface ProfileCounts {
  profiles: Map<number, SeenProfile>;
  rows: ProfileCountRow[];
}

const requests = new WeakMap<Framework, CountRequest>();

export function countRequest(framework: Framework): CountRequest {
  const known = requests.get(framework);
  if (known) return known;
  const shape = profileShape(framework);
  const layout = countedItems(framework);
  const items = layout.ids.map((id) => {
    let attributeMask = 0;
    for (const condition of framework.item(id)!.conditions) attributeMask |= 1 << shape.attributes.indexOf(condition.attribute);
    return { id, attributeMask };
  });
  const values = shape.attributes.map(() => new Set<string>());
  for (const item of framework.items) for (const condition of item.conditions) values[shape.attributes.indexOf(condition.attribute)]?.add(condition.equals);
  const request = {
    attributes: shape.attributes,
    deciders: shape.deciders,
    items,
    outcomeItems: layout.ids.filter((_, i) => layout.outcome[i]),
    values: values.map((v) => [...v]),
  };
  requests.set(framework, request);
  return request;
}

/**
 * Where every attribute an item's conditions read (`mask`: bits of the request's attributes) is
 * recorded, that item applies as those conditions say: all that matters of each attribute is which
 * of its compared values it is, or that it is another. The database numbers that for a case as
 * the sum over the mask's attributes, in order, of the value's place (0 for the first compared
 * value, as many as there are for another) times the product of the earlier attributes' (places
 * + 1). This is the profile a number stands for, with another value written as one no condition
 * compares with; attributes outside the mask are absent.
 */
export function profileOfCode(request: CountRequest, mask: number, code: number): SeenProfile {
  let rest = code;
  const attributes = request.attributes.map((_, k): string | null => {
    if (!(mask & (1 << k))) return null;
    const values = request.values[k]!;
    const place = rest % (values.length + 1);
    rest = (rest - place) / (values.length + 1);
    return JSON.stringify(place < values.length ? values[place] : anotherValue(values));
  });
  if (rest !== 0 || !Number.isInteger(code) || code < 0) throw new Error(`No profile has number ${code} for attributes ${mask}`);
  return { attributes, deciders: null };
}

/** A value none of `values` is, nor empty (which would be no value at all). */
function anotherValue(values: readonly string[]): string {
  let other = '\u0000';
  while (values.includes(other)) other += '\u0000';
  return other;
}

/**
 * Each inspection's counts from the database's rows. Every inspection in `inspectionIds` gets
 * counts (none for one with no cases). A row's item counts only where it applies under its profile.
 */
export function countsFromProfiles(framework: Framework, inspectionIds: readonly number[], { profiles, rows }: ProfileCounts): Map<number, InspectionCounts> {
  const layout = countedItems(framework);
  const shape = profileShape(framework);
  const applying = new Map<number, ProfileItems>();
  for (const [n, p] of profiles) applying.set(n, profileItems(layout, applicableItems(framework, caseOfProfile(shape, p.attributes, p.deciders))));
  const itemsOf = (n: number) => {
    const items = applying.get(n);
    if (!items) throw new Error(`The counts name profile ${n}, which they do not describe`);
    return items;
  };
  const result = new Map<number, InspectionCounts>(inspectionIds.map((id) => [id, new InspectionCounts(layout)]));
  // Cases first: each applicable item starts as unanswered in all of them.
  for (const row of rows) if (row.kind === 'cases') result.get(row.inspectionId)?.addCases(row.cases, itemsOf(row.profile));
  for (const row of rows) {
    const counts = result.get(row.inspectionId);
    if (!counts || row.kind === 'cases') continue;
    const items = itemsOf(row.profile);
    if (row.kind === 'answers') counts.addAnswers(row.itemId, row.answer, row.cases, items);
    else {
      counts.addOutcomes(row.itemId, 'sufficient', null, row.sufficient, items);
      counts.addOutcomes(row.itemId, 'some', null, row.some, items);
      counts.addOutcomes(row.itemId, 'none', null, row.none, items);
      counts.addOutcomes(row.itemId, null, true, row.stabilityCredited, items);
    }
  }
  return result;
}
