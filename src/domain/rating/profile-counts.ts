// Counts added up by the database rather than case by case, for re-rating many inspections at
// once: cases per profile, and each counted item's answers and outcome details per profile (the
// profile cut down to the attributes that item's conditions read). Turned here into the same
// InspectionCounts a pass over the cases gives (counts.ts), so the ratings are the same.
import type { Framework } from '../framework/framework.ts';
import { caseOfProfile, profileShape, type ProfileShape } from './case-profile.ts';
import { applicableItems } from '../assessment/applicability.ts';
import { countedItems, InspectionCounts, profileItems, type CountedItems, type ProfileItems } from './counts.ts';

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
}

/**
 * One row of the database's counts. `attributes`: JSON text of each requested attribute (null
 * when absent, or when not among the item's); `deciders`: the deciding items answered yes or no,
 * given only for a case where some requested attribute is absent or empty.
 */
export type ProfileCountRow =
  | { kind: 'cases'; inspectionId: number; attributes: (string | null)[]; deciders: string[] | null; cases: number }
  | { kind: 'answers'; inspectionId: number; itemId: string; attributes: (string | null)[]; deciders: string[] | null; yes: number; no: number; na: number }
  | {
      kind: 'outcomes';
      inspectionId: number;
      itemId: string;
      attributes: (string | null)[];
      deciders: string[] | null;
      sufficient: number;
      some: number;
      none: number;
      stabilityCredited: number;
    };

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
  const request = { attributes: shape.attributes, deciders: shape.deciders, items, outcomeItems: layout.ids.filter((_, i) => layout.outcome[i]) };
  requests.set(framework, request);
  return request;
}

/** Applicability per profile as the database gives it, worked out once per distinct profile. */
class ProfilesFromRows {
  private readonly known = new Map<string, ProfileItems>();
  constructor(
    private readonly framework: Framework,
    private readonly shape: ProfileShape,
    private readonly layout: CountedItems,
  ) {}

  of(attributes: readonly (string | null)[], deciders: readonly string[] | null): ProfileItems {
    // JSON texts never hold a raw control character, and '' is no JSON text: the key is unambiguous.
    const key = `${attributes.map((a) => a ?? '').join('\u0001')}\u0002${deciders ? deciders.join('\u0001') : '\u0003'}`;
    let items = this.known.get(key);
    if (!items) this.known.set(key, (items = profileItems(this.layout, applicableItems(this.framework, caseOfProfile(this.shape, attributes, deciders)))));
    return items;
  }
}

/**
 * Each inspection's counts from the database's rows. Every inspection in `inspectionIds` gets
 * counts (none for one with no cases). A row's item counts only where it applies under its profile.
 */
export function countsFromProfiles(framework: Framework, inspectionIds: readonly number[], rows: readonly ProfileCountRow[]): Map<number, InspectionCounts> {
  const layout = countedItems(framework);
  const profiles = new ProfilesFromRows(framework, profileShape(framework), layout);
  const result = new Map<number, InspectionCounts>(inspectionIds.map((id) => [id, new InspectionCounts(layout)]));
  // Cases first: each applicable item starts as unanswered in all of them.
  for (const row of rows) if (row.kind === 'cases') result.get(row.inspectionId)?.addCases(row.cases, profiles.of(row.attributes, row.deciders));
  for (const row of rows) {
    const counts = result.get(row.inspectionId);
    if (!counts || row.kind === 'cases') continue;
    const items = profiles.of(row.attributes, row.deciders);
    if (row.kind === 'answers') {
      counts.addAnswers(row.itemId, 'yes', row.yes, items);
      counts.addAnswers(row.itemId, 'no', row.no, items);
      counts.addAnswers(row.itemId, 'na', row.na, items);
    } else {
      counts.addOutcomes(row.itemId, 'sufficient', null, row.sufficient, items);
      counts.addOutcomes(row.itemId, 'some', null, row.some, items);
      counts.addOutcomes(row.itemId, 'none', null, row.none, items);
      counts.addOutcomes(row.itemId, null, true, row.stabilityCredited, items);
    }
  }
  return result;
}
