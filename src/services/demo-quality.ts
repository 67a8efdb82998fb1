// Quality assurance of the demonstration inspections, done as the team does it in the web app:
// the lead draws the dip sample and names each case's second assessor, who records the case
// standard by standard (judging as the first assessor did, but for the key questions given) and
// submits, and the lead settles disagreements with a reason. Through the quality use cases, so the
// rules hold (a case's second assessor is never its first) and every step is audited as its person.
import { getCaseWork, listCaseWork, loadCaseAssessment, previousInspectionCounts, type Db } from '../db/repositories/index.ts';
import { flattenStandard, type FlatValues } from '../domain/assessment/standard-edit.ts';
import { chooseSecondAssessments, type DipSampleChoice, type DipSampleRule } from '../domain/quality/dip-sample.ts';
import { assignSecondAssessor, drawDipSample, loadSecondAssessment, qualityOverview, saveSecondStandard, secondAssessmentOf, settleDisagreement, submitSecondAssessment } from './quality.ts';

export const userActor = (userId: number) => `user:${userId}`;

/**
 * The lead draws the dip sample with the first seed (from 1) whose draw `wanted` accepts, so the
 * demonstration has the cases its walk-through uses; the seed is stored with the plan like any other.
 */
export async function drawDemoDipSample(db: Db, inspectionId: number, rule: DipSampleRule, leadId: number, wanted: (chosen: DipSampleChoice[]) => boolean = () => true): Promise<DipSampleChoice[]> {
  const work = await listCaseWork(db, inspectionId);
  const previous = await previousInspectionCounts(db, inspectionId);
  const cases = work.map((w) => ({ caseRef: w.caseRef, assessor: w.assignedTo }));
  const seed = Array.from({ length: 1000 }, (_, i) => i + 1).find((s) => wanted(chooseSecondAssessments(cases, previous, rule, s)));
  if (seed === undefined) throw new Error(`no dip sample of inspection ${inspectionId} has the cases the demonstration needs`);
  return drawDipSample(db, inspectionId, rule, seed, userActor(leadId));
}

/** The lead names each dip-sampled case's second assessor from `team`, never its first assessor, sharing the work in turn. */
export async function nameSecondAssessors(db: Db, inspectionId: number, chosen: readonly DipSampleChoice[], team: readonly number[], leadId: number): Promise<Map<string, number>> {
  const named = new Map<string, number>();
  for (const [i, c] of chosen.entries()) {
    const others = team.filter((id) => id !== c.assessor);
    const assessor = others[i % others.length]!;
    await assignSecondAssessor(db, { inspectionId, caseRef: c.caseRef, userId: assessor }, userActor(leadId));
    named.set(c.caseRef, assessor);
  }
  return named;
}

const other = (answer: string | undefined) => (answer === 'yes' ? 'no' : 'yes');

/**
 * The second assessor records the case's standards as the first assessment has them, judging the
 * key questions in `differOn` the other way: `standards` of them (every one by default), the last
 * of those only begun when `draftLast`; submitted when every standard is recorded and `submit`.
 */
export async function recordSecondAssessment(
  db: Db,
  input: { inspectionId: number; caseRef: string; assessorId: number; differOn?: readonly string[]; standards?: number; draftLast?: boolean; submit: boolean },
): Promise<void> {
  const first = (await loadCaseAssessment(db, input.inspectionId, input.caseRef))!;
  const { framework } = await loadSecondAssessment(db, input.inspectionId, input.caseRef);
  const recorded = framework.caseStandards.filter((s) => Object.keys(flattenStandard(s, first)).length).slice(0, input.standards);
  // Each save moves the version on by one, as the form's next save would name it.
  const { version: from } = (await secondAssessmentOf(db, input.inspectionId, input.caseRef))!;
  for (const [i, standard] of recorded.entries()) {
    let values: FlatValues = flattenStandard(standard, first);
    for (const item of input.differOn ?? []) if (item in values) values[item] = other(values[item]);
    const draft = input.draftLast && i === recorded.length - 1;
    // A draft: the answers without the key questions' judgements, still to be made.
    if (draft) values = Object.fromEntries(Object.entries(values).filter(([key]) => !standard.keyQuestions.some((kq) => kq.id === key)));
    const saved = await saveSecondStandard(db, { inspectionId: input.inspectionId, caseRef: input.caseRef, standardId: standard.id, values, version: from + i, mode: draft ? 'draft' : 'complete' }, input.assessorId, userActor(input.assessorId));
    if (saved.outcome !== 'saved') throw new Error(`demonstration second assessment of ${input.caseRef} ${standard.id}: ${saved.problems.map((p) => p.message).join('; ')}`);
  }
  if (input.submit) await submitSecondAssessment(db, input.inspectionId, input.caseRef, input.assessorId, userActor(input.assessorId));
}

/** The lead settles open disagreements (all, or the first `count`), keeping the first assessor's judgement where the record supports it. */
export async function settleDemoDisagreements(db: Db, inspectionId: number, leadId: number, count = Infinity): Promise<number> {
  const open = (await qualityOverview(db, inspectionId)).open.slice(0, count);
  for (const [i, d] of open.entries())
    await settleDisagreement(
      db,
      {
        inspectionId,
        caseRef: d.caseRef,
        item: d.item,
        choice: i % 2 ? 'second' : 'first',
        reason: i % 2 ? '[Demonstration] On review of the case record the second assessor’s judgement is right.' : '[Demonstration] The case record supports the first assessor’s judgement.',
      },
      userActor(leadId),
    );
  return open.length;
}

/** The version a case's next save must name (the web app's form carries it). */
export const caseVersion = async (db: Db, inspectionId: number, caseRef: string): Promise<number> => (await getCaseWork(db, inspectionId, caseRef))!.version;
