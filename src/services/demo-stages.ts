// Demonstration inspections at the later stages of the way to publication, each of a PDU of its
// own, with dates worked out from today: Sheffield at the factual accuracy check (the draft report
// with the service, two comments from Sheffield's staff awaiting the lead's answer), and Bradford
// and Calderdale embargoed (named recipients, publication a fortnight ahead). Each was assessed by
// the demonstration team, quality-assured (dip sample, second assessments submitted, every
// disagreement settled) and signed off through the web app's use cases, so its sign-off checklist
// is complete. Without the demonstration accounts (a PostgreSQL server) there is no team: no case
// is dip-sampled, and the checklist is complete all the same.
import type { Db } from '../db/repositories/index.ts';
import type { DemoTeam } from '../demo/fieldwork-progress.ts';
import { GENERATED_LABEL } from '../demo/generate-assessment.ts';
import type { DipSampleRule } from '../domain/quality/dip-sample.ts';
import { addDays } from '../domain/sampling/dates.ts';
import { createDemoInspection } from './demo.ts';
import { mondayOfWeek } from './demo-fieldwork.ts';
import { drawDemoDipSample, nameSecondAssessors, recordSecondAssessment, settleDemoDisagreements, userActor } from './demo-quality.ts';
import { frameworkOf, requireInspection } from './inspections.ts';
import { assignCaseTo, setTeamMember, signOff } from './lead-inspector.ts';
import { addRecipient, addRecommendationTo, commentOnReport, decideComment, moveReport, reportOverview, saveReportText } from './publication.ts';
import { listCaseWork } from '../db/repositories/index.ts';

export type LaterStage = 'factual-accuracy' | 'embargoed';

interface StagedDemo {
  pduName: string;
  stage: LaterStage;
  /** Fieldwork was this many weeks before today. */
  weeksAgo: number;
  seed: number;
  cases: number;
}

export const LATER_STAGES: readonly StagedDemo[] = [
  { pduName: 'Sheffield', stage: 'factual-accuracy', weeksAgo: 7, seed: 3101, cases: 20 },
  { pduName: 'Bradford and Calderdale', stage: 'embargoed', weeksAgo: 11, seed: 3102, cases: 20 },
];

// One case of each inspector's assessed again: the team have done inspections before.
const DIP_SAMPLE: DipSampleRule = { share: 0.1, firstInspectionAll: false, minimumPerInspector: 1 };

export interface People {
  team?: DemoTeam;
  /** The demonstration service staff's user ids, by PDU name. */
  serviceStaff: ReadonlyMap<string, number>;
}

export interface StagedInspection {
  id: number;
  pduName: string;
  stage: LaterStage;
  /** The publication date, once embargoed. */
  publishOn?: string;
}

/** The inspections at each later stage, in LATER_STAGES's order. */
export async function createDemoLaterStages(db: Db, today: string, people: People, actor = 'system:demo'): Promise<StagedInspection[]> {
  const made: StagedInspection[] = [];
  for (const demo of LATER_STAGES) made.push(await stageOne(db, demo, today, people, actor));
  return made;
}

async function stageOne(db: Db, demo: StagedDemo, today: string, people: People, actor: string): Promise<StagedInspection> {
  const fieldworkStart = mondayOfWeek(addDays(today, -7 * demo.weeksAgo));
  const id = await createDemoInspection(db, { pduName: demo.pduName, fieldworkStart, seed: demo.seed, cases: demo.cases, caseRefPrefix: 'D', withEvidence: true }, actor);
  const lead = people.team ? userActor(people.team.lead) : actor;
  if (people.team) await assessAndAssure(db, id, people.team, actor);
  await signOff(db, id, lead);

  const input = { inspectionId: id };
  await saveReportText(db, { ...input, foreword: `${GENERATED_LABEL} Foreword.`, overallFindings: `${GENERATED_LABEL} Overall findings for ${demo.pduName} PDU.` }, lead);
  await addRecommendationTo(db, { ...input, addressedTo: 'pdu', text: `${GENERATED_LABEL} Improve the quality of assessment and planning to keep people safe.` }, lead);
  await addRecommendationTo(db, { ...input, addressedTo: 'pdu', text: `${GENERATED_LABEL} Make sure home visits are made where there are risks to children.` }, lead);
  await addRecommendationTo(db, { ...input, addressedTo: 'region', text: `${GENERATED_LABEL} Make sure staff have manageable workloads.` }, lead);
  const fieldworkEnd = (await requireInspection(db, id)).fieldworkEnd;
  await moveReport(db, { ...input, to: 'factual-accuracy' }, lead, addDays(fieldworkEnd, 28));

  // The service's comments on the draft: from its demonstration account where there is one.
  const staff = people.serviceStaff.get(demo.pduName);
  const service = staff !== undefined ? userActor(staff) : actor;
  await commentOnReport(db, { ...input, section: 'Overall findings', comment: `${GENERATED_LABEL} The report says interviews took place in one office; they took place in two.` }, service);
  await commentOnReport(db, { ...input, section: 'Recommendations', comment: `${GENERATED_LABEL} The second recommendation names a team that was merged into another last year.` }, service);
  if (demo.stage === 'factual-accuracy') return { id, pduName: demo.pduName, stage: demo.stage };

  const { comments } = await reportOverview(db, id);
  for (const [i, c] of comments.entries())
    await decideComment(db, { ...input, id: c.id, decision: i ? 'rejected' : 'accepted', reason: i ? `${GENERATED_LABEL} The team's name was correct at the time of fieldwork.` : `${GENERATED_LABEL} Corrected in the report.` }, lead);
  await addRecipient(db, { ...input, name: 'Regional Probation Director (demonstration)', email: 'rpd@demo.inspectorate.local', organisation: 'Probation Service' }, lead);
  await addRecipient(db, { ...input, name: `Head of ${demo.pduName} PDU (demonstration)`, email: 'pdu-head@demo.inspectorate.local', organisation: `${demo.pduName} PDU` }, lead);
  // Embargoed a few days ago, to be published a fortnight from today.
  const publishOn = addDays(today, 14);
  await moveReport(db, { ...input, to: 'embargoed', publishOn }, lead, addDays(today, -3));
  return { id, pduName: demo.pduName, stage: demo.stage, publishOn };
}

/** The two inspectors assess the cases in turn, the lead rates domain one (generated); one case of each is assessed again and every disagreement settled. */
async function assessAndAssure(db: Db, inspectionId: number, team: DemoTeam, actor: string): Promise<void> {
  const lead = userActor(team.lead);
  await setTeamMember(db, { inspectionId, userId: team.lead, role: 'lead-inspector' }, actor);
  for (const userId of [team.inspector, team.inspector2]) await setTeamMember(db, { inspectionId, userId, role: 'inspector' }, lead);
  const work = await listCaseWork(db, inspectionId);
  for (const [i, w] of work.entries()) await assignCaseTo(db, { inspectionId, caseRef: w.caseRef, userId: i % 2 ? team.inspector2 : team.inspector }, lead);
  const chosen = await drawDemoDipSample(db, inspectionId, DIP_SAMPLE, team.lead);
  const second = await nameSecondAssessors(db, inspectionId, chosen, [team.inspector, team.inspector2], team.lead);
  const framework = await frameworkOf(db, await requireInspection(db, inspectionId));
  const firstKeyQuestion = framework.caseStandards[0]!.keyQuestions[0]!.id;
  for (const [i, c] of chosen.entries())
    await recordSecondAssessment(db, { inspectionId, caseRef: c.caseRef, assessorId: second.get(c.caseRef)!, differOn: i === 0 ? [firstKeyQuestion] : [], submit: true });
  await settleDemoDisagreements(db, inspectionId, team.lead);
}
