// How far the case assessments have got: a case is complete when every standard that applies to
// it is completed. Sign-off needs every case complete, and ratings stay provisional until then.
import { standardStatus } from '../assessment/standard-edit.ts';
import type { CaseAssessment } from '../assessment/types.ts';
import type { Framework } from '../framework/framework.ts';

export const isCaseComplete = (framework: Framework, c: CaseAssessment): boolean =>
  framework.caseStandards.every((s) => {
    const { status } = standardStatus(s, c);
    return status === 'completed' || status === 'not-applicable';
  });

export interface CaseProgress {
  casesComplete: number;
  casesTotal: number;
  /** The references of the cases not yet complete, in the order given. */
  incomplete: string[];
}

export function caseProgress(framework: Framework, cases: readonly CaseAssessment[]): CaseProgress {
  const incomplete = cases.filter((c) => !isCaseComplete(framework, c)).map((c) => c.caseRef);
  return { casesComplete: cases.length - incomplete.length, casesTotal: cases.length, incomplete };
}
