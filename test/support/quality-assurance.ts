// Quality assurance done the way the inspectors do it, through the services: a dip-sampled case's
// second assessment recorded standard by standard and submitted, and every disagreement settled.
// Tests that sign an inspection off finish its quality assurance first with these.
import { loadCaseAssessment, type Db } from '../../src/db/repositories/index.ts';
import { flattenStandard } from '../../src/domain/assessment/standard-edit.ts';
import { loadSecondAssessment, qualityOverview, saveSecondStandard, settleDisagreement, submitSecondAssessment } from '../../src/services/quality.ts';

/** The opposite judgement, for a second assessor who disagrees. */
const other = (answer: string | undefined) => (answer === 'yes' ? 'no' : 'yes');

/**
 * The assigned second assessor records every standard as the first assessor did, except the key
 * questions in `differOn` (judged the other way), and submits.
 */
export async function secondAssessCase(db: Db, inspectionId: number, caseRef: string, assessorId: number, differOn: readonly string[] = []): Promise<void> {
  const first = (await loadCaseAssessment(db, inspectionId, caseRef))!;
  const { framework } = await loadSecondAssessment(db, inspectionId, caseRef);
  for (const standard of framework.caseStandards) {
    const values = flattenStandard(standard, first);
    if (!Object.keys(values).length) continue;
    for (const item of differOn) if (item in values) values[item] = other(values[item]);
    const version = (await qualityOverview(db, inspectionId)).seconds.find((s) => s.caseRef === caseRef)!.version;
    const saved = await saveSecondStandard(db, { inspectionId, caseRef, standardId: standard.id, values, version, mode: 'complete' }, assessorId, `user:${assessorId}`);
    if (saved.outcome !== 'saved') throw new Error(`${caseRef} ${standard.id}: ${JSON.stringify(saved.problems)}`);
  }
  await submitSecondAssessment(db, inspectionId, caseRef, assessorId, `user:${assessorId}`);
}

/** The lead inspector settles every open disagreement, keeping the first assessor's judgement, with a reason. */
export async function settleEveryDisagreement(db: Db, inspectionId: number, actor: string): Promise<number> {
  const { open } = await qualityOverview(db, inspectionId);
  for (const d of open) await settleDisagreement(db, { inspectionId, caseRef: d.caseRef, item: d.item, choice: 'first', reason: 'The case record supports the first assessor.' }, actor);
  return open.length;
}
