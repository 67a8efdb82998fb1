// The demonstration inspection in fieldwork: Leeds PDU, inspection 1 of a new database, its fieldwork
// this week. Its 40 generated cases are part-way through assessment and assigned across the
// demonstration team (fieldworkPlan), so each of them has a work list: cases done, cases with
// standards done and one begun as a draft, cases not begun. Quality assurance has begun: a dip
// sample is drawn; inspector2@ is assessing DEMO-001 blind (not yet submitted, so its first
// assessment stays hidden from them); inspector@ has submitted a second assessment of one of
// inspector2@'s cases that disagrees on two key questions, one of them settled by the lead.
// Everything after the generated cases goes through the web app's use cases, as its person.
import { listInspectionMembers, type Db } from '../db/repositories/index.ts';
import { draftOfNextStandard, fieldworkPlan, type DemoTeam } from '../demo/fieldwork-progress.ts';
import type { DipSampleRule } from '../domain/quality/dip-sample.ts';
import { addDays, dayOfWeek } from '../domain/sampling/dates.ts';
import { saveStandard } from './case-assessment.ts';
import { createDemoInspection, DEMO, generateDemoCases, type DemoInspection } from './demo.ts';
import { caseVersion, drawDemoDipSample, nameSecondAssessors, recordSecondAssessment, settleDemoDisagreements, userActor } from './demo-quality.ts';
import { frameworkOf, requireInspection } from './inspections.ts';
import { assignCaseTo, setTeamMember } from './lead-inspector.ts';

/** The case inspector2@ is assessing blind (the acceptance walk-through's case). */
export const DEMO_BLIND_CASE = 'DEMO-001';

/** The Monday of the week `today` falls in. */
export const mondayOfWeek = (today: string): string => addDays(today, 1 - dayOfWeek(today));

// A fifth of each person's cases; the team are not on their first inspection (their earlier ones are demo-stages.ts's).
const DIP_SAMPLE: DipSampleRule = { share: 0.2, firstInspectionAll: false, minimumPerInspector: 1 };

const fieldworkDemo = (fieldworkStart: string): DemoInspection => ({ pduName: DEMO.pdu, fieldworkStart, seed: DEMO.seed, cases: DEMO.cases, withEvidence: true, inFieldwork: true });

/** The Leeds inspection with its generated cases recorded as far as fieldwork has gone; no team yet. */
export const createDemoFieldworkInspection = (db: Db, today: string, actor = 'system:demo'): Promise<number> => createDemoInspection(db, fieldworkDemo(mondayOfWeek(today)), actor);

/** The team's work on the inspection so far: assignments, drafts and quality assurance begun. */
export async function stageDemoFieldwork(db: Db, inspectionId: number, team: DemoTeam): Promise<void> {
  const inspection = await requireInspection(db, inspectionId);
  const framework = await frameworkOf(db, inspection);
  const full = new Map(generateDemoCases(framework, fieldworkDemo(inspection.fieldworkStart), inspectionId).cases.map((c) => [c.caseRef, c]));
  const plans = fieldworkPlan([...full.keys()]);
  const lead = userActor(team.lead);

  const members = new Set((await listInspectionMembers(db, inspectionId)).map((m) => m.userId));
  for (const part of ['lead', 'inspector', 'inspector2'] as const)
    if (!members.has(team[part])) await setTeamMember(db, { inspectionId, userId: team[part], role: part === 'lead' ? 'lead-inspector' : 'inspector' }, 'system:demo');
  for (const plan of plans) await assignCaseTo(db, { inspectionId, caseRef: plan.caseRef, userId: team[plan.assessor] }, lead);

  // Each part-assessed case has its next standard begun, saved as a draft by its inspector.
  for (const plan of plans.filter((p) => p.progress === 'part')) {
    const draft = draftOfNextStandard(framework, full.get(plan.caseRef)!, plan.standardsDone);
    if (!draft) continue;
    const version = await caseVersion(db, inspectionId, plan.caseRef);
    const saved = await saveStandard(db, { inspectionId, caseRef: plan.caseRef, standardId: draft.standardId, values: draft.values, base: {}, version, mode: 'draft' }, userActor(team[plan.assessor]));
    if (saved.outcome !== 'saved') throw new Error(`demonstration draft of ${plan.caseRef} ${draft.standardId}: ${saved.outcome}`);
  }

  // The dip sample: it must hold DEMO-001 and a case inspector2@ has finished, for the second assessments below.
  const finishedBy2 = new Set(plans.filter((p) => p.assessor === 'inspector2' && p.progress === 'complete').map((p) => p.caseRef));
  const chosen = await drawDemoDipSample(db, inspectionId, DIP_SAMPLE, team.lead, (c) => c.some((x) => x.caseRef === DEMO_BLIND_CASE) && c.some((x) => finishedBy2.has(x.caseRef)));
  const second = await nameSecondAssessors(db, inspectionId, chosen, [team.inspector, team.inspector2], team.lead);
  if (second.get(DEMO_BLIND_CASE) !== team.inspector2) throw new Error(`${DEMO_BLIND_CASE}'s second assessor should be inspector2@`);
  await recordSecondAssessment(db, { inspectionId, caseRef: DEMO_BLIND_CASE, assessorId: team.inspector2, standards: 2, draftLast: true, submit: false });

  const checked = chosen.find((c) => finishedBy2.has(c.caseRef))!.caseRef;
  const first = full.get(checked)!;
  const differOn = framework.caseStandards.flatMap((s) => s.keyQuestions.map((kq) => kq.id)).filter((id) => first.answers[id] !== undefined).slice(0, 2);
  await recordSecondAssessment(db, { inspectionId, caseRef: checked, assessorId: second.get(checked)!, differOn, submit: true });
  await settleDemoDisagreements(db, inspectionId, team.lead, 1);
}
