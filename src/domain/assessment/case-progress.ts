// How far one case's assessment has got: its standards that apply, how many are completed, and the
// case's status from them (the cases list and a person's own cases show the same).
import type { Framework } from '../framework/framework.ts';
import { standardStatus, type StandardStatus } from './standard-edit.ts';
import type { CaseAssessment } from './types.ts';

export interface CaseProgress {
  completed: number;
  standards: number;
  status: Exclude<StandardStatus, 'not-applicable'>;
}

export function caseProgress(framework: Framework, c: CaseAssessment): CaseProgress {
  const statuses = framework.caseStandards.map((s) => standardStatus(s, c).status).filter((s) => s !== 'not-applicable');
  const completed = statuses.filter((s) => s === 'completed').length;
  return {
    completed,
    standards: statuses.length,
    status: completed === statuses.length ? 'completed' : statuses.every((s) => s === 'not-started') ? 'not-started' : 'in-progress',
  };
}
