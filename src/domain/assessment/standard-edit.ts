// Editing one standard of one case, as the inspectors' form does. Values are flat, keyed exactly
// as the assessment file format keys them ('2.2.1a', '2.6.1a:progress', '2.2.1:evidence'), so the
// form, the file and the audit trail speak one language.
import type { KeyQuestion, Prompt, Standard } from '../framework/schema.ts';
import { keyQuestionApplies, standardApplies } from './applicability.ts';
import { ANSWERS, PROGRESS, type CaseAssessment } from './types.ts';

/** Item key → value; '' (or absent) means not answered. */
export type FlatValues = Record<string, string>;

export type FieldKind = 'answer' | 'judgement' | 'progress' | 'stability' | 'evidence';

export interface FormField {
  key: string;
  kind: FieldKind;
  /** Whether completing the standard needs it answered. */
  required: boolean;
}

export interface FormKeyQuestion {
  keyQuestion: KeyQuestion;
  prompts: { prompt: Prompt; fields: FormField[] }[];
  judgement: FormField;
  evidence: FormField;
}

const evaluate = (c: CaseAssessment, attribute: string, equals: string): 'yes' | 'no' | 'unknown' => {
  const value = c.attributes[attribute];
  return value === undefined || value === '' ? 'unknown' : value === equals ? 'yes' : 'no';
};

/** Conditions decided by the case's attributes hide items; undecided ones show, and the answers decide. */
const shown = (c: CaseAssessment, condition: { attribute: string; equals: string } | undefined) =>
  !condition || evaluate(c, condition.attribute, condition.equals) !== 'no';

/** The form of a standard for a case: the key questions and prompts that can apply, in order. */
export function standardForm(standard: Standard, c: CaseAssessment): FormKeyQuestion[] {
  if (!shown(c, standard.appliesWhen)) return [];
  const outcomes = standard.assessedBy === 'case-outcomes';
  // Worked out once for the form, not once a field.
  const requiredSet = requiredKeys(standard, c);
  const required = (key: string) => requiredSet.has(key);
  return standard.keyQuestions
    .filter((kq) => shown(c, kq.appliesWhen))
    .map((kq) => ({
      keyQuestion: kq,
      prompts: kq.prompts
        .filter((p) => shown(c, p.appliesWhen))
        .map((p) => ({
          prompt: p,
          fields: outcomes
            ? [
                { key: `${p.id}:progress`, kind: 'progress' as const, required: required(`${p.id}:progress`) },
                { key: `${p.id}:stability`, kind: 'stability' as const, required: false },
                { key: p.id, kind: 'judgement' as const, required: required(p.id) },
              ]
            : [{ key: p.id, kind: 'answer' as const, required: required(p.id) }],
        })),
      judgement: { key: kq.id, kind: 'judgement', required: required(kq.id) },
      evidence: { key: `${kq.id}:evidence`, kind: 'evidence', required: false },
    }));
}

/** Every key the standard's form can hold for this case. */
export function formKeys(standard: Standard, c: CaseAssessment): string[] {
  return standardForm(standard, c).flatMap((kq) => [...kq.prompts.flatMap((p) => p.fields.map((f) => f.key)), kq.judgement.key, kq.evidence.key]);
}

/** Keys that must be answered before the standard is complete, given the case as it stands. */
export function requiredKeys(standard: Standard, c: CaseAssessment): Set<string> {
  const keys = new Set<string>();
  if (!standardApplies(standard, c)) return keys;
  for (const kq of standard.keyQuestions) {
    if (!keyQuestionApplies(standard, kq, c)) continue;
    keys.add(kq.id);
    for (const p of kq.prompts) {
      const truth = p.appliesWhen ? evaluate(c, p.appliesWhen.attribute, p.appliesWhen.equals) : 'yes';
      if (truth === 'no' || (truth === 'unknown' && !['yes', 'no'].includes(c.answers[p.id] ?? ''))) continue;
      keys.add(p.id);
      if (standard.assessedBy === 'case-outcomes') keys.add(`${p.id}:progress`);
    }
  }
  return keys;
}

/** The value the case holds for a form key ('' when none). */
function valueAt(c: CaseAssessment, key: string): string {
  const [id, part] = key.split(':') as [string, string | undefined];
  const value =
    part === 'evidence' ? c.evidence[id]
    : part === 'progress' ? c.outcomes[id]?.progress
    : part === 'stability' ? (c.outcomes[id]?.stabilityCredited === undefined ? undefined : c.outcomes[id].stabilityCredited ? 'yes' : 'no')
    : c.answers[id];
  return value ?? '';
}

export function flattenStandard(standard: Standard, c: CaseAssessment): FlatValues {
  const values: FlatValues = {};
  for (const key of formKeys(standard, c)) {
    const value = valueAt(c, key);
    if (value !== '') values[key] = value;
  }
  return values;
}

/** Problems with submitted values: anything not on the form, or a value the item does not take. */
export function valueProblems(standard: Standard, c: CaseAssessment, values: FlatValues): { key: string; message: string }[] {
  const allowed = new Set(formKeys(standard, c));
  const problems: { key: string; message: string }[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === '') continue;
    if (!allowed.has(key)) problems.push({ key, message: `${key} is not part of this standard for this case` });
    else if (key.endsWith(':progress') && !(PROGRESS as readonly string[]).includes(value)) problems.push({ key, message: 'Select sufficient, some or no progress' });
    else if (key.endsWith(':stability') && value !== 'yes' && value !== 'no') problems.push({ key, message: 'Stability credited is yes or no' });
    else if (key.endsWith(':evidence') && value.length > 20_000) problems.push({ key, message: 'Evidence must be 20,000 characters or fewer' });
    else if (!key.includes(':') && !(ANSWERS as readonly string[]).includes(value)) problems.push({ key, message: 'Select yes, no or not applicable' });
  }
  return problems;
}

/** The case with this standard's items replaced by `values` (other standards untouched). */
export function applyStandard(standard: Standard, c: CaseAssessment, values: FlatValues): CaseAssessment {
  const next: CaseAssessment = structuredClone(c);
  for (const kq of standard.keyQuestions) {
    delete next.answers[kq.id];
    delete next.evidence[kq.id];
    for (const p of kq.prompts) {
      delete next.answers[p.id];
      delete next.outcomes[p.id];
    }
  }
  for (const [key, value] of Object.entries(values)) {
    if (value === '') continue;
    const [id, part] = key.split(':') as [string, string | undefined];
    if (part === 'evidence') next.evidence[id] = value;
    else if (part === 'progress') next.outcomes[id] = { ...next.outcomes[id], progress: value as (typeof PROGRESS)[number] };
    else if (part === 'stability') next.outcomes[id] = { ...next.outcomes[id], stabilityCredited: value === 'yes' };
    else next.answers[id] = value as (typeof ANSWERS)[number];
  }
  return next;
}

export type StandardStatus = 'not-applicable' | 'not-started' | 'in-progress' | 'completed';

export function standardStatus(standard: Standard, c: CaseAssessment): { status: StandardStatus; missing: string[] } {
  if (!shown(c, standard.appliesWhen)) return { status: 'not-applicable', missing: [] };
  const required = requiredKeys(standard, c);
  const missing = [...required].filter((k) => valueAt(c, k) === '');
  // A required key answered is a value on the form; only with none is the whole form looked through.
  const started = missing.length < required.size || Object.keys(flattenStandard(standard, c)).length > 0;
  if (!started) return { status: 'not-started', missing };
  return { status: missing.length ? 'in-progress' : 'completed', missing };
}

export interface MergeConflict {
  key: string;
  base: string;
  mine: string;
  theirs: string;
}

/**
 * Three-way merge of one person's edit with a save made meanwhile by someone else: changes to
 * different items combine; the same item changed differently by both is a conflict.
 */
export function mergeEdits(base: FlatValues, mine: FlatValues, theirs: FlatValues): { merged: FlatValues; conflicts: MergeConflict[]; theirChanges: string[] } {
  const keys = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  const merged: FlatValues = {};
  const conflicts: MergeConflict[] = [];
  const theirChanges: string[] = [];
  for (const key of [...keys].sort()) {
    const b = base[key] ?? '';
    const m = mine[key] ?? '';
    const t = theirs[key] ?? '';
    if (t !== b) theirChanges.push(key);
    const value = m === b ? t : t === b || t === m ? m : undefined;
    if (value === undefined) {
      conflicts.push({ key, base: b, mine: m, theirs: t });
      merged[key] = m;
    } else if (value !== '') merged[key] = value;
  }
  return { merged, conflicts, theirChanges };
}
