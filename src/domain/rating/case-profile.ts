// Which items apply to a case depends only on the case attributes the framework's conditions read
// and, where one of those is not recorded, on which of the deciding items were answered yes or no
// (applicability.ts). That is the case's profile: cases with the same profile have the same
// applicable items, so they are worked out once per profile, not once per case. The database's
// bulk counts group cases by the same profile (repositories/rating-counts-repository.ts).
import { applicableItems } from '../assessment/applicability.ts';
import type { CaseAssessment } from '../assessment/types.ts';
import type { Framework } from '../framework/framework.ts';
import type { Condition } from '../framework/schema.ts';
import { flagPlan, type FlagPlan } from '../assessment/consistency.ts';
import { countedItems, profileItems, type ProfileItems } from './counts.ts';

export interface ProfileShape {
  /** The case attributes any applicability condition reads, in a fixed order. */
  attributes: string[];
  /** Items whose being answered can decide applicability when an attribute is not recorded. */
  deciders: string[];
}

const shapes = new WeakMap<Framework, ProfileShape>();

/** The attributes and deciding items of the framework's conditions; worked out once per framework. */
export function profileShape(framework: Framework): ProfileShape {
  const known = shapes.get(framework);
  if (known) return known;
  const attributes = new Set<string>();
  const deciders = new Set<string>();
  const add = (condition: Condition | undefined, items: string[]) => {
    if (!condition) return;
    attributes.add(condition.attribute);
    for (const id of items) deciders.add(id);
  };
  for (const s of framework.caseStandards) {
    add(s.appliesWhen, s.keyQuestions.flatMap((kq) => [kq.id, ...kq.prompts.map((p) => p.id)]));
    for (const kq of s.keyQuestions) {
      add(kq.appliesWhen, [kq.id, ...kq.prompts.map((p) => p.id)]);
      for (const p of kq.prompts) add(p.appliesWhen, [p.id]);
    }
  }
  const shape = { attributes: [...attributes], deciders: [...deciders] };
  shapes.set(framework, shape);
  return shape;
}

const answered = (answer: unknown) => answer === 'yes' || answer === 'no';

/**
 * The case's profile as a string, or null when it has none that can be trusted as a key (an
 * attribute that is not a string): such a case is worked out on its own.
 */
export function profileKey(shape: ProfileShape, c: CaseAssessment): string | null {
  let key = '';
  let open = false;
  for (const attribute of shape.attributes) {
    const value: unknown = c.attributes[attribute];
    if (value === undefined) {
      key += '-;';
      open = true;
    } else if (typeof value === 'string') {
      key += `${value.length}:${value};`;
      if (value === '') open = true;
    } else return null;
  }
  if (!open) return key;
  // An attribute is not recorded: which deciding items were answered matters too.
  key += '|';
  for (let i = 0; i < shape.deciders.length; i++) if (answered(c.answers[shape.deciders[i]!])) key += `${i},`;
  return key;
}

export interface Applicability {
  applicable: ReadonlySet<string>;
  items: ProfileItems;
  flags: FlagPlan;
}

/** Profiles kept per framework version before the memory is cleared (a few dozen in practice). */
const KEPT = 4_096;
const known = new WeakMap<Framework, Map<string, Applicability>>();

/** What applies under a profile; `c` is any case with that profile. */
export function applicabilityOf(framework: Framework, c: CaseAssessment): Applicability {
  const applicable = applicableItems(framework, c);
  return { applicable, items: profileItems(countedItems(framework), applicable), flags: flagPlan(framework, applicable) };
}

/** Applicable items by profile, each worked out from the first case met with that profile (and kept for the framework version). */
export class ApplicabilityByProfile {
  private readonly shape: ProfileShape;
  private readonly known: Map<string, Applicability>;

  constructor(private readonly framework: Framework) {
    this.shape = profileShape(framework);
    let kept = known.get(framework);
    if (!kept || kept.size > KEPT) known.set(framework, (kept = new Map<string, Applicability>()));
    this.known = kept;
  }

  of(c: CaseAssessment): Applicability {
    const key = profileKey(this.shape, c);
    if (key === null) return applicabilityOf(this.framework, c);
    let found = this.known.get(key);
    if (!found) this.known.set(key, (found = applicabilityOf(this.framework, c)));
    return found;
  }
}

/**
 * A case standing for a profile read from the database: the attributes the conditions read, each
 * as its JSON text (null when the case has no such attribute), and the deciding items answered
 * (as yes, which is all applicability asks of them).
 */
export function caseOfProfile(shape: ProfileShape, attributeJson: readonly (string | null)[], answeredDeciders: readonly string[] | null): CaseAssessment {
  const c: CaseAssessment = { caseRef: '', attributes: {}, answers: {}, outcomes: {}, evidence: {} };
  shape.attributes.forEach((a, i) => {
    const json = attributeJson[i];
    if (json !== null && json !== undefined) c.attributes[a] = JSON.parse(json) as string;
  });
  for (const id of answeredDeciders ?? []) c.answers[id] = 'yes';
  return c;
}
