// Source rows (from CSV or JSON) to an inspection assessment, or every problem with it. Row by row:
// what the item is, whether it belongs on a case or inspection-level row, whether the value is
// allowed, whether it was given before. Then case by case: required attributes, items answered
// where they do not apply, key questions and outcome questions missing (errors) and prompts
// missing (warnings, errors when strict).
import { itemApplies, requiredItems } from '../domain/assessment/applicability.ts';
import { emptyCase, type CaseAssessment, type InspectionAssessment, type RecordedJudgement } from '../domain/assessment/types.ts';
import type { Framework, ItemRef } from '../domain/framework/framework.ts';
import type { CaseAttribute, Condition, Standard } from '../domain/framework/schema.ts';
import type { FileProblem } from './problems.ts';
import { childPath, locate, rowName, type Column, type SourceRow } from './rows.ts';
import { textFault } from './text-faults.ts';
import { listAnd, listOr } from '../domain/text/lists.ts';
import { nearest, readAnswer, readAttribute, readProgress, readRating, readText, readYesNo } from './vocabulary.ts';

export interface ValidateOptions {
  /** Missing answers to applicable prompts are errors rather than warnings. */
  strict?: boolean;
}

export interface Validated {
  assessment?: InspectionAssessment;
  errors: FileProblem[];
  warnings: FileProblem[];
}

/** What the item column names, before deciding whether it is allowed where it appears. */
type Target =
  | { kind: 'case-evidence' }
  | { kind: 'attribute'; attribute: CaseAttribute }
  | { kind: 'case-item'; ref: ItemRef }
  | { kind: 'case-standard'; standard: Standard }
  | { kind: 'judgement'; id: string; label: string }
  | { kind: 'lead-inspector-item'; ref: ItemRef }
  | { kind: 'unknown' };

const SUFFIXES = ['evidence', 'progress', 'stability', 'rationale'] as const;
type Suffix = (typeof SUFFIXES)[number];

interface Vocabulary {
  resolve(base: string): Target;
  caseCandidates: string[];
  inspectionCandidates: string[];
}

const vocabularies = new WeakMap<Framework, Vocabulary>();

function vocabularyOf(framework: Framework): Vocabulary {
  const known = vocabularies.get(framework);
  if (known) return known;
  const caseStandardIds = new Set(framework.caseStandards.map((s) => s.id));
  const judgementStandardIds = new Set(framework.judgementStandards.map((s) => s.id));
  const judgements = new Map(framework.definition.rules.judgements.map((j) => [j.id, j.name]));
  const resolve = (base: string): Target => {
    const lower = base.trim().toLowerCase();
    const id = lower.replace(/\s+/g, '');
    if (lower === 'evidence') return { kind: 'case-evidence' };
    const attribute = framework.attribute(lower);
    if (attribute) return { kind: 'attribute', attribute };
    const ref = framework.item(id);
    if (ref) return caseStandardIds.has(ref.standard.id) ? { kind: 'case-item', ref } : { kind: 'lead-inspector-item', ref };
    const standard = framework.standard(id);
    if (standard && caseStandardIds.has(id)) return { kind: 'case-standard', standard };
    if (standard && judgementStandardIds.has(id)) return { kind: 'judgement', id, label: `standard ${id}` };
    const judgement = judgements.get(lower);
    if (judgement !== undefined) return { kind: 'judgement', id: lower, label: `the ${judgement} judgement` };
    return { kind: 'unknown' };
  };
  const vocabulary: Vocabulary = {
    resolve,
    caseCandidates: [
      ...framework.definition.caseAttributes.map((a) => a.id),
      'evidence',
      ...framework.caseStandards.flatMap((s) => [s.id, ...s.keyQuestions.flatMap((kq) => [kq.id, ...kq.prompts.map((p) => p.id)])]),
    ],
    inspectionCandidates: [...judgementStandardIds, ...judgements.keys()],
  };
  vocabularies.set(framework, vocabulary);
  return vocabulary;
}

/** The canonical name of what a row gives, for noticing it twice: `2.2.1a`, `2.6.1a:progress`, `rosh`. */
function canonicalBase(target: Target, rawBase: string): string {
  switch (target.kind) {
    case 'case-evidence':
      return 'evidence';
    case 'attribute':
      return target.attribute.id;
    case 'case-item':
    case 'lead-inspector-item':
      return target.ref.id;
    case 'case-standard':
      return target.standard.id;
    case 'judgement':
      return target.id;
    case 'unknown':
      return rawBase.trim().toLowerCase().replace(/\s+/g, '');
  }
}

const outcomeQuestionsOf = (framework: Framework) =>
  framework.items.filter((i) => i.kind === 'outcome-question').map((i) => i.id);

/** Everything gathered for one case while reading its rows. */
interface CaseDraft {
  assessment: CaseAssessment;
  /** Canonical names given for the case (valid or not), with the first row to give each, so nothing
   * given is reported missing and nothing given twice goes unnoticed. */
  given: Map<string, SourceRow>;
  /** The row of each answer and outcome detail, for problems found once the case is complete. */
  rowOf: Map<string, SourceRow>;
  /** JSON: where the case is. */
  path?: string;
}

const COLUMN_TEXT = { case_ref: (r: SourceRow) => r.caseRef, item: (r: SourceRow) => r.item, value: (r: SourceRow) => r.value } as const;

/** A character that might make a text faulty (a NUL, half of a surrogate pair, or a whole pair): a cheap
 * first look, so that textFaults (which builds its answer) runs only for the rare row that has one. */
const SURROGATE = /[\uD800-\uDFFF]/;
const suspect = (text: string) => text.includes('\u0000') || SURROGATE.test(text);
const NO_FAULTS: { problems: readonly FileProblem[]; caseRef: boolean } = { problems: [], caseRef: false };

/** A row's values that hold characters no text can (text-faults.ts), each at its column. */
function textFaults(row: SourceRow): { problems: FileProblem[]; caseRef: boolean } {
  const faults = (Object.keys(COLUMN_TEXT) as Column[]).map((column) => ({ column, fault: textFault(COLUMN_TEXT[column](row)) }));
  const faulty = (column: Column) => faults.some((f) => f.column === column && f.fault);
  const about = {
    ...(row.caseRef && !faulty('case_ref') ? { caseRef: row.caseRef } : {}),
    ...(row.item.trim() && !faulty('item') ? { item: row.item.trim() } : {}),
  };
  return {
    problems: faults.flatMap(({ column, fault }) => (fault ? [{ ...locate(row, column), ...about, message: `the ${column} ${fault}` }] : [])),
    caseRef: faulty('case_ref'),
  };
}

/** Rows of a case that do not all come together, read in the mode that expects them to: read the file
 * again with `grouped` off (the case-by-case mode keeps every case until the end). */
export class CaseRowsApart extends Error {
  override name = 'CaseRowsApart';
  constructor(readonly caseRef: string) {
    super(`the rows of case ${caseRef} are not all together`);
  }
}

/** What validation found once every row was read. */
export interface ValidationEnd {
  errors: FileProblem[];
  warnings: FileProblem[];
  judgements: Record<string, RecordedJudgement>;
  /** Cases and answers read (for the audit trail). */
  cases: number;
  answers: number;
}

/**
 * Validates source rows one at a time (`add`), handing each complete case to `onCase` while no
 * error has been found (after one, nothing read is kept: the file is rejected whole, but every
 * problem is still reported). A case is complete when the rows end or, when `grouped`, as soon as
 * another case's rows begin: then only the case being read is held, whatever the file's size,
 * and a case whose rows come back later throws CaseRowsApart. Problems are sorted by row in `finish`.
 */
export class AssessmentValidator {
  private readonly vocabulary: Vocabulary;
  private readonly errors: FileProblem[] = [];
  private readonly warnings: FileProblem[] = [];
  private readonly judgements: Record<string, RecordedJudgement> = {};
  private readonly rationales = new Map<string, { text: string; row: SourceRow }>();
  private readonly inspectionGiven = new Map<string, SourceRow>();
  /** Cases still being read: all of them, or (grouped) the one being read. */
  private readonly open = new Map<string, CaseDraft>();
  /** Grouped: the cases already complete. */
  private readonly done = new Set<string>();
  private current: CaseDraft | undefined;
  private cases = 0;
  private answers = 0;

  constructor(
    private readonly framework: Framework,
    private readonly options: ValidateOptions,
    private readonly onCase: (c: CaseAssessment) => void,
    private readonly grouped = false,
  ) {
    this.vocabulary = vocabularyOf(framework);
  }

  /** True once an error is found: the file will be rejected. */
  get failed(): boolean {
    return this.errors.length > 0;
  }

  private draftOf(caseRef: string, row: SourceRow): CaseDraft {
    if (this.current?.assessment.caseRef === caseRef) return this.current;
    let draft = this.open.get(caseRef);
    if (!draft) {
      if (this.grouped) {
        if (this.done.has(caseRef)) throw new CaseRowsApart(caseRef);
        if (this.current) this.complete(this.current);
      }
      draft = { assessment: emptyCase(caseRef), given: new Map(), rowOf: new Map() };
      const casePath = row.itemPath?.match(/^cases\[\d+\]/)?.[0];
      if (casePath) draft.path = casePath;
      this.open.set(caseRef, draft);
    }
    this.current = draft;
    return draft;
  }

  private complete(draft: CaseDraft): void {
    const c = draft.assessment;
    this.open.delete(c.caseRef);
    if (this.grouped) this.done.add(c.caseRef);
    this.cases++;
    this.answers += Object.keys(c.answers).length;
    checkCase(this.framework, draft, this.errors, this.warnings, this.options);
    if (!this.errors.length) this.onCase(c);
  }

  add(source: SourceRow): void {
    const { framework, vocabulary, errors, judgements, rationales } = this;
    // Text the database cannot store is reported where it is; the row is read no further (a row
    // with a faulty case reference does not even start its case).
    const faults = suspect(source.caseRef) || suspect(source.item) || suspect(source.value) ? textFaults(source) : NO_FAULTS;
    if (faults.problems.length) errors.push(...faults.problems);
    if (faults.caseRef) return;
    const row = faults.problems.length ? { ...source, broken: true } : source;
    const caseRef = row.caseRef;
    const about = (item?: string): Pick<FileProblem, 'caseRef' | 'item'> => ({
      ...(caseRef ? { caseRef } : {}),
      ...(item ? { item } : {}),
    });
    const rawItem = row.item.trim();
    const colon = rawItem.indexOf(':');
    const rawBase = colon < 0 ? rawItem : rawItem.slice(0, colon);
    const rawSuffix = colon < 0 ? undefined : rawItem.slice(colon + 1).trim().toLowerCase();
    const target = vocabulary.resolve(rawBase);
    const base = canonicalBase(target, rawBase);
    const name = rawSuffix === undefined ? base : `${base}:${rawSuffix}`;
    const error = (column: Column, message: string, item: string | undefined = name || undefined) =>
      errors.push({ ...locate(row, column), ...about(item), message });

    const draft = caseRef ? this.draftOf(caseRef, row) : undefined;
    // The first row to give each name, for noticing it given twice (and so nothing given is reported missing).
    const given = draft ? draft.given : this.inspectionGiven;
    if (!given.has(name)) given.set(name, row);

    if (rawItem === '') {
      if (!row.broken) error('item', caseRef ? 'the item is blank; say which item the row gives' : 'the row has a value but no case_ref or item');
      return;
    }
    const first = given.get(name)!;
    if (first !== row) {
      error('item', `${name} is given twice for ${caseRef ? `case ${caseRef}` : 'the inspection'}: ${rowName(first)} and ${rowName(row)}; keep one`);
      return;
    }
    if (row.broken) return;

    const suffix = rawSuffix as Suffix | undefined;
    if (rawSuffix !== undefined && !(SUFFIXES as readonly string[]).includes(rawSuffix)) {
      error(
        'item',
        rawSuffix === ''
          ? `'${rawItem}' ends with ':'; after ':' write evidence, progress, stability or rationale`
          : `unknown ':${rawSuffix}' in '${rawItem}'; after ':' write ${caseRef ? 'evidence, progress or stability' : 'rationale'}`,
      );
      return;
    }

    if (target.kind === 'unknown') {
      const candidates = caseRef ? vocabulary.caseCandidates : vocabulary.inspectionCandidates;
      const guess = nearest(base, candidates);
      const hint = guess
        ? `; did you mean ${guess}?`
        : caseRef
          ? ''
          : `; rows with an empty case_ref give the judgements ${listOr(vocabulary.inspectionCandidates)}`;
      error('item', `unknown item '${rawBase.trim()}'${hint}`);
      return;
    }
    if (target.kind === 'lead-inspector-item') {
      const s = target.ref.standard.id;
      error(
        'item',
        `${target.ref.id} belongs to standard ${s}, which the lead inspector rates for the inspection as a whole; give the rating of ${s} on a row with an empty case_ref`,
      );
      return;
    }

    // Inspection-level rows: judgements and their rationale only.
    if (!draft) {
      if (target.kind !== 'judgement') {
        error('case_ref', `${base} is recorded case by case; give the case_ref`);
        return;
      }
      if (suffix === undefined) {
        const rating = readRating(framework.ratingScale, row.value);
        if (!rating.ok) error('value', rating.message);
        else judgements[target.id] = { rating: rating.value };
      } else if (suffix === 'rationale') {
        const text = readText(row.value);
        if (text) rationales.set(target.id, { text, row });
      } else error('item', `${target.label} is judged for the inspection as a whole; only ${target.id}:rationale can go with it`);
      return;
    }

    // Case rows.
    const c = draft.assessment;
    if (target.kind === 'judgement') {
      error('case_ref', `${target.label} is judged for the inspection as a whole, not case by case; give it on a row with an empty case_ref`);
      return;
    }
    if (suffix === 'rationale') {
      error('item', `:rationale goes with inspection-level judgements only; for a case, use :evidence`);
      return;
    }
    if (suffix === 'evidence') {
      if (target.kind === 'case-item' || target.kind === 'case-standard') {
        const text = readText(row.value);
        if (text) c.evidence[base] = text;
      } else
        error('item', `evidence is given for the case as a whole (item evidence) or for a standard, key question or prompt, such as 2.2:evidence or 2.2.1a:evidence`);
      return;
    }
    if (suffix === 'progress' || suffix === 'stability') {
      if (target.kind !== 'case-item' || target.ref.kind !== 'outcome-question') {
        const examples = outcomeQuestionsOf(framework);
        error('item', `:${suffix} is outcome detail and goes only with the outcome questions ${listOr(examples)}; ${base} is not one`);
        return;
      }
      const detail = (c.outcomes[base] ??= {});
      if (suffix === 'progress') {
        const progress = readProgress(row.value);
        if (progress.ok) detail.progress = progress.value;
        else error('value', progress.message);
      } else {
        const credited = readYesNo(row.value);
        if (credited.ok) detail.stabilityCredited = credited.value === 'yes';
        else error('value', credited.message);
      }
      draft.rowOf.set(name, row);
      return;
    }
    switch (target.kind) {
      case 'case-evidence': {
        const text = readText(row.value);
        if (text) c.evidence[''] = text;
        break;
      }
      case 'attribute': {
        const value = readAttribute(target.attribute, row.value);
        if (!value.ok) error('value', value.message);
        else if (value.value !== '') c.attributes[target.attribute.id] = value.value;
        break;
      }
      case 'case-item': {
        const answer = readAnswer(row.value);
        if (!answer.ok) error('value', answer.message);
        else {
          c.answers[base] = answer.value;
          draft.rowOf.set(base, row);
        }
        break;
      }
      case 'case-standard':
        error(
          'item',
          `${base} is a standard; answer its key questions and prompts (${[target.standard.keyQuestions[0]!.id, target.standard.keyQuestions[0]!.prompts[0]?.id].filter(Boolean).join(', ')} …) or give ${base}:evidence`,
        );
        break;
    }
  }

  finish(): ValidationEnd {
    const { errors, warnings, judgements } = this;
    for (const [id, { text, row }] of this.rationales) {
      const judgement = judgements[id];
      if (judgement) judgement.rationale = text;
      else if (!this.inspectionGiven.has(id))
        warnings.push({ ...locate(row, 'item'), item: `${id}:rationale`, message: `the rationale for ${id} has no rating, so it is not kept; add a row for ${id} with the rating` });
    }
    for (const draft of [...this.open.values()]) this.complete(draft);
    this.current = undefined;

    const byRow = (a: FileProblem, b: FileProblem) => (a.row ?? Infinity) - (b.row ?? Infinity);
    errors.sort(byRow);
    warnings.sort(byRow);
    return { errors, warnings, judgements, cases: this.cases, answers: this.answers };
  }
}

/** Every row at once: the assessment, or every problem with it. */
export function validateRows(framework: Framework, rows: Iterable<SourceRow>, options: ValidateOptions = {}): Validated {
  const cases: CaseAssessment[] = [];
  const validator = new AssessmentValidator(framework, options, (c) => void cases.push(c));
  for (const row of rows) validator.add(row);
  const { errors, warnings, judgements } = validator.finish();
  if (errors.length) return { errors, warnings };
  return { assessment: { frameworkKey: framework.key, cases, judgements }, errors, warnings };
}

/** "sentence_type is post-custody" for the first condition the case's attributes contradict. */
function failedCondition(conditions: Condition[], c: CaseAssessment): string | undefined {
  const failed = conditions.find((k) => c.attributes[k.attribute] !== undefined && c.attributes[k.attribute] !== k.equals);
  return failed && `it applies only when ${failed.attribute} is ${failed.equals}, and this case's ${failed.attribute} is ${c.attributes[failed.attribute]}`;
}

function checkCase(framework: Framework, draft: CaseDraft, errors: FileProblem[], warnings: FileProblem[], options: ValidateOptions) {
  const c = draft.assessment;
  const at = (item: string): Pick<FileProblem, 'path'> =>
    draft.path !== undefined ? { path: childPath(childPath(draft.path, 'items'), item) } : {};
  const caseLevel = draft.path !== undefined ? { path: draft.path } : {};

  const required = framework.definition.caseAttributes.filter((a) => a.required);
  for (const a of required)
    if (!draft.given.has(a.id))
      errors.push({
        ...caseLevel,
        caseRef: c.caseRef,
        item: a.id,
        message: `${a.id} (${a.label.toLowerCase()}) is missing; every case needs ${listAnd(required.map((r) => r.id))}`,
      });

  for (const [id, answer] of Object.entries(c.answers)) {
    if (answer === 'na' || itemApplies(framework, id, c)) continue;
    const ref = framework.item(id)!;
    const why = failedCondition(ref.conditions, c) ?? 'it does not apply to this case';
    const row = draft.rowOf.get(id)!;
    errors.push({ ...locate(row, 'value'), caseRef: c.caseRef, item: id, message: `${id} is answered ${answer}, but ${why}; answer na or leave it out` });
  }
  for (const id of Object.keys(c.outcomes)) {
    if (itemApplies(framework, id, c) || c.answers[id] === 'na') continue;
    const ref = framework.item(id)!;
    const why = failedCondition(ref.conditions, c) ?? 'it does not apply to this case';
    for (const part of ['progress', 'stability'] as const) {
      const row = draft.rowOf.get(`${id}:${part}`);
      if (row)
        errors.push({ ...locate(row, 'item'), caseRef: c.caseRef, item: `${id}:${part}`, message: `outcome detail for ${id}, but ${why}` });
    }
  }

  const { keyQuestions, prompts } = requiredItems(framework, c);
  const why = (id: string): string => {
    const ref = framework.item(id)!;
    const unknown = ref.conditions.find((k) => c.attributes[k.attribute] === undefined);
    if (unknown) {
      const owner =
        unknown === ref.standard.appliesWhen
          ? `standard ${ref.standard.id}`
          : unknown === ref.keyQuestion.appliesWhen
            ? `key question ${ref.keyQuestion.id}`
            : `prompt ${id}`;
      return `the case does not give ${unknown.attribute}, and ${owner} applies because it has answers of yes or no`;
    }
    if (ref.conditions.length) return `it applies because ${listAnd(ref.conditions.map((k) => `${k.attribute} is ${k.equals}`))}`;
    return 'it applies to every case';
  };
  for (const id of keyQuestions)
    if (!draft.given.has(id))
      errors.push({ ...at(id), caseRef: c.caseRef, item: id, message: `key question ${id} is not answered; give yes, no or na (${why(id)})` });
  for (const id of prompts) {
    if (draft.given.has(id)) continue;
    if (framework.item(id)!.kind === 'outcome-question')
      errors.push({ ...at(id), caseRef: c.caseRef, item: id, message: `outcome question ${id} is not answered; give yes, no or na (${why(id)})` });
    else (options.strict ? errors : warnings).push({ ...at(id), caseRef: c.caseRef, item: id, message: `prompt ${id} is not answered (${why(id)})` });
  }
}
