// The counts a rating is made from: for each key question and outcome question, the cases it
// applied to and was judged yes or no (N), judged yes (n) and left unanswered; the outcome
// questions' progress; and the cases each standard applied to. Counted in one pass over the cases
// (in memory), or added up from counts per profile (from the database): either way the same
// numbers, so both are rated by the same code (engine.ts).
import type { CaseAssessment, Progress } from '../assessment/types.ts';
import type { Framework } from '../framework/framework.ts';

/** The items counted, by index: every key question of a case standard, and every outcome question. */
export interface CountedItems {
  ids: string[];
  index: Map<string, number>;
  /** 1 where the item is an outcome question (its progress is counted too). */
  outcome: Uint8Array;
  /** By case standard, in order: the indexes of its key questions. */
  standards: { id: string; keyQuestions: number[] }[];
}

const layouts = new WeakMap<Framework, CountedItems>();

export function countedItems(framework: Framework): CountedItems {
  const known = layouts.get(framework);
  if (known) return known;
  const ids: string[] = [];
  const outcome: number[] = [];
  const standards = framework.caseStandards.map((s) => {
    const keyQuestions: number[] = [];
    for (const kq of s.keyQuestions) {
      keyQuestions.push(ids.length);
      ids.push(kq.id);
      outcome.push(0);
      if (s.assessedBy === 'case-outcomes')
        for (const p of kq.prompts) {
          ids.push(p.id);
          outcome.push(1);
        }
    }
    return { id: s.id, keyQuestions };
  });
  const layout = { ids, index: new Map(ids.map((id, i) => [id, i])), outcome: Uint8Array.from(outcome), standards };
  layouts.set(framework, layout);
  return layout;
}

/** What applies under one profile, by index into the counted items and standards. */
export interface ProfileItems {
  applies: Uint8Array;
  /** Indexes of the case standards with at least one applicable key question. */
  standards: number[];
}

export function profileItems(layout: CountedItems, applicable: ReadonlySet<string>): ProfileItems {
  const applies = Uint8Array.from(layout.ids, (id) => (applicable.has(id) ? 1 : 0));
  const standards: number[] = [];
  layout.standards.forEach((s, i) => {
    if (s.keyQuestions.some((k) => applies[k])) standards.push(i);
  });
  return { applies, standards };
}

const PROGRESS_INDEX: Record<Progress, number> = { sufficient: 0, some: 1, none: 2 };

/** The running counts of one inspection. */
export class InspectionCounts {
  cases = 0;
  readonly applicable: Int32Array;
  readonly sufficient: Int32Array;
  readonly missing: Int32Array;
  /** Per item, sufficient/some/none progress (3 entries each). */
  readonly progress: Int32Array;
  readonly stabilityCredited: Int32Array;
  readonly casesApplicable: Int32Array;

  constructor(readonly layout: CountedItems) {
    const n = layout.ids.length;
    this.applicable = new Int32Array(n);
    this.sufficient = new Int32Array(n);
    this.missing = new Int32Array(n);
    this.progress = new Int32Array(3 * n);
    this.stabilityCredited = new Int32Array(n);
    this.casesApplicable = new Int32Array(layout.standards.length);
  }

  /** One case: its answers and outcome details, counted for the items that apply to it. */
  addCase(c: CaseAssessment, items: ProfileItems): void {
    this.cases++;
    const { ids, outcome } = this.layout;
    const { answers } = c;
    const applies = items.applies;
    for (let i = 0; i < ids.length; i++) {
      if (!applies[i]) continue;
      const answer = answers[ids[i]!];
      if (answer === undefined) this.missing[i]!++;
      else if (answer === 'yes') {
        this.applicable[i]!++;
        this.sufficient[i]!++;
      } else if (answer === 'no') this.applicable[i]!++;
      if (outcome[i]) {
        const detail = c.outcomes[ids[i]!];
        if (detail) {
          if (detail.progress) this.progress[3 * i + PROGRESS_INDEX[detail.progress]]!++;
          if (detail.stabilityCredited) this.stabilityCredited[i]!++;
        }
      }
    }
    for (const s of items.standards) this.casesApplicable[s]!++;
  }

  /** `cases` cases of one profile, before their answers: every applicable item unanswered so far. */
  addCases(cases: number, items: ProfileItems): void {
    this.cases += cases;
    for (let i = 0; i < items.applies.length; i++) if (items.applies[i]) this.missing[i]! += cases;
    for (const s of items.standards) this.casesApplicable[s]! += cases;
  }

  /** `cases` cases of one profile answering `itemId` with `answer` (after addCases for the profile). */
  addAnswers(itemId: string, answer: string, cases: number, items: ProfileItems): void {
    const i = this.layout.index.get(itemId);
    if (i === undefined || !items.applies[i]) return;
    this.missing[i]! -= cases;
    if (answer === 'yes') {
      this.applicable[i]! += cases;
      this.sufficient[i]! += cases;
    } else if (answer === 'no') this.applicable[i]! += cases;
  }

  /** `cases` cases of one profile with this outcome detail for `itemId`. */
  addOutcomes(itemId: string, progress: Progress | null, stabilityCredited: boolean | null, cases: number, items: ProfileItems): void {
    const i = this.layout.index.get(itemId);
    if (i === undefined || !items.applies[i] || !this.layout.outcome[i]) return;
    if (progress) this.progress[3 * i + PROGRESS_INDEX[progress]]! += cases;
    if (stabilityCredited) this.stabilityCredited[i]! += cases;
  }

  item(id: string): { applicable: number; sufficient: number; missing: number; notApplicable: number } {
    const i = this.layout.index.get(id)!;
    const applicable = this.applicable[i]!;
    const missing = this.missing[i]!;
    return { applicable, sufficient: this.sufficient[i]!, missing, notApplicable: this.cases - applicable - missing };
  }

  outcomeProgress(id: string): { progress: Record<Progress, number>; stabilityCredited: number } {
    const i = this.layout.index.get(id)!;
    const p = this.progress;
    return { progress: { sufficient: p[3 * i]!, some: p[3 * i + 1]!, none: p[3 * i + 2]! }, stabilityCredited: this.stabilityCredited[i]! };
  }

  standardCases(standardIndex: number): number {
    return this.casesApplicable[standardIndex]!;
  }
}
