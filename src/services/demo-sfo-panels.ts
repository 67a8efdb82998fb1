// The SFO demonstration's learning panel and draft annual report, made through the same use cases
// as the pages once the demonstration register is loaded: a multi-agency panel on reviews of the
// demonstration year from two regions (signed-off ones first), its learning points and actions (one
// completed, one overdue, one due), and the year's annual SFO report started as a draft; a past year
// with signed-off assessments is then published and the current year started as a draft. Labelled
// as generated; nothing is made twice.
import type { Db } from '../db/repositories/index.ts';
import { listAnnualReports, listPanels } from '../db/repositories/sfo-panel-repository.ts';
import { listSfoReviews } from '../db/repositories/sfo-repository.ts';
import { addDays } from '../domain/sampling/dates.ts';
import { businessYearOf } from '../domain/sfo/annual-report.ts';
import { qualityAssuredReviews } from './sfo/annual-report-input.ts';
import { publishSfoAnnualReport, saveSfoAnnualDraft, yearParam } from './sfo/annual-report.ts';
import { addPanelAction, changePanelActionState, learningPanelView, recordLearningPanel } from './sfo/learning-panels.ts';

const GENERATED = '[Generated demonstration text]';

export async function createDemoSfoPanelAndReport(db: Db, today: string, actor = 'system:demo'): Promise<string[]> {
  if ((await listPanels(db)).length || (await listAnnualReports(db)).length) return [];
  const reviews = (await listSfoReviews(db)).filter((r) => r.submittedOn && r.submittedOn <= today);
  if (!reviews.length) return [];
  // The demonstration year: the latest business year with a review submitted.
  const year = Math.max(...reviews.map((r) => businessYearOf(r.submittedOn!)));
  const inYear = reviews.filter((r) => businessYearOf(r.submittedOn!) === year);
  const assured = new Set((await qualityAssuredReviews(db, { from: `${year}-04-01`, to: `${year + 1}-03-31` })).map((r) => r.reviewRef));
  const ordered = [...inYear.filter((r) => assured.has(r.reviewRef)), ...inYear.filter((r) => !assured.has(r.reviewRef))];
  const regions = [...new Set(ordered.map((r) => r.region))].slice(0, 2);
  const discussed = regions.flatMap((region) => ordered.filter((r) => r.region === region).slice(0, 2));
  const last = discussed.map((r) => r.submittedOn!).sort().at(-1)!;
  // The panel meets a fortnight after the last review it discusses was submitted, and not after today.
  const heldOn = [addDays(last, 14), today].sort()[0]!;
  const panelId = await recordLearningPanel(
    db,
    {
      heldOn,
      title: `${regions.join(' and ')} learning panel ${GENERATED}`,
      agencies: ['Probation Service', 'Police', 'Children’s services', 'Multi-agency public protection arrangements (MAPPA) coordinator', 'HM Inspectorate of Probation'],
      reviewRefs: discussed.map((r) => r.reviewRef),
      learningPoints: [
        `Risk of serious harm assessments were not revisited when circumstances changed. ${GENERATED}`,
        `Information from the police on domestic abuse call-outs did not reach the probation practitioner. ${GENERATED}`,
        `Reviews that looked at culture and workload, not only at process, gave the most useful actions. ${GENERATED}`,
      ],
    },
    actor,
  );
  const actions = [
    { description: `Brief practitioners on reviewing risk after a change in circumstances. ${GENERATED}`, owner: 'Head of PDU, Probation Service', dueOn: addDays(heldOn, 30) },
    { description: `Agree with the police how domestic abuse call-outs are shared with probation within a day. ${GENERATED}`, owner: 'Head of public protection, Probation Service, with the police', dueOn: addDays(heldOn, 45), region: regions[0]! },
    { description: `Share this panel's learning points at the regional quality meeting. ${GENERATED}`, owner: 'SFO QA lead, HM Inspectorate of Probation', dueOn: addDays(today, 60) },
  ];
  for (const a of actions) await addPanelAction(db, panelId, a, actor);
  const first = (await learningPanelView(db, panelId)).actions[0]!;
  await changePanelActionState(db, panelId, first.id, { state: 'completed', note: `Briefings held in every team. ${GENERATED}` }, actor);
  // A past year with signed-off assessments is published (so the public area shows one), and the current year started as a draft.
  const current = businessYearOf(today);
  const published = year < current && assured.size > 0;
  await saveSfoAnnualDraft(
    db,
    year,
    (published
      ? `This report covers the demonstration reviews quality-assured and signed off in the year. ${GENERATED}`
      : `This draft is built from the demonstration assessments signed off so far; it changes as more are signed off, until it is published. ${GENERATED}`) +
      `\n\nThe themes most often written about in the rationales are shown below with the words counted. ${GENERATED}`,
    actor,
  );
  if (!published) return [`SFO learning panel ${panelId} (${discussed.length} reviews, 3 actions: one completed, one overdue, one due) and a draft annual SFO report for ${yearParam(year)}`];
  await publishSfoAnnualReport(db, year, actor);
  await saveSfoAnnualDraft(db, current, `The draft for the year under way: it fills as this year's assessments are signed off. ${GENERATED}`, actor);
  return [`SFO learning panel ${panelId} (${discussed.length} reviews, 3 actions: one completed, one overdue, one due), the annual SFO report for ${yearParam(year)} published and a draft for ${yearParam(current)}`];
}
