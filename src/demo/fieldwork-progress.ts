// How far the demonstration inspection in fieldwork has got: who assesses which generated case, and
// how much of each is done (every standard, the first few with the next one begun as a draft, or
// none yet). Pure: the service (services/demo-fieldwork.ts) stores it through the inspectors' own
// use cases.
import { applyStandard, flattenStandard, type FlatValues } from '../domain/assessment/standard-edit.ts';
import type { CaseAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';

/** The demonstration team by their part in it (the accounts lead@, inspector@ and inspector2@). */
export type DemoAssessor = 'lead' | 'inspector' | 'inspector2';
/** The team's user ids by their part. */
export type DemoTeam = Record<DemoAssessor, number>;

export interface CasePlan {
  caseRef: string;
  assessor: DemoAssessor;
  /** Every case standard recorded; the first few, with the next begun as a draft; or none yet. */
  progress: 'complete' | 'part' | 'none';
  /** For a part-assessed case, how many standards are done before the one begun as a draft. */
  standardsDone: number;
}

const SHARES: [DemoAssessor, number][] = [['inspector', 0.4], ['inspector2', 0.4], ['lead', 0.2]];

/**
 * Four in ten cases each to the two inspectors, the rest (two in ten) to the lead; of each person's
 * cases, the first half assessed, the next quarter part-assessed (one to three standards done), the
 * rest not begun.
 */
export function fieldworkPlan(caseRefs: readonly string[]): CasePlan[] {
  const plans: CasePlan[] = [];
  let from = 0;
  for (const [i, [assessor, share]] of SHARES.entries()) {
    const to = i === SHARES.length - 1 ? caseRefs.length : from + Math.round(caseRefs.length * share);
    const own = caseRefs.slice(from, to);
    from = to;
    const complete = Math.ceil(own.length / 2);
    const partly = Math.ceil((own.length - complete) / 2);
    own.forEach((caseRef, n) => {
      const progress = n < complete ? 'complete' : n < complete + partly ? 'part' : 'none';
      plans.push({ caseRef, assessor, progress, standardsDone: progress === 'part' ? 1 + ((n - complete) % 3) : 0 });
    });
  }
  return plans;
}

/** The case with only its first `done` case standards recorded (its attributes kept: they come from the sample). */
export function withStandardsDone(framework: Framework, c: CaseAssessment, done: number): CaseAssessment {
  return framework.caseStandards.slice(done).reduce((next, standard) => applyStandard(standard, next, {}), c);
}

/**
 * The draft an inspector has begun on the next standard after the first `done`: the prompts (and
 * evidence) of its first key question that applies, without the key question's judgement, so the
 * standard stays in progress. Undefined when no later standard applies to the case.
 */
export function draftOfNextStandard(framework: Framework, full: CaseAssessment, done: number): { standardId: string; values: FlatValues } | undefined {
  for (const standard of framework.caseStandards.slice(done)) {
    const values = flattenStandard(standard, full);
    for (const kq of standard.keyQuestions) {
      const ids = new Set(kq.prompts.map((p) => p.id));
      const draft = Object.fromEntries(Object.entries(values).filter(([key]) => key !== kq.id && (ids.has(key.split(':')[0]!) || key === `${kq.id}:evidence`)));
      if (Object.keys(draft).length) return { standardId: standard.id, values: draft };
    }
  }
  return undefined;
}
