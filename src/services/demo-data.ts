// The demonstration data `npm start` loads into a database with no inspection, so every demonstration
// account has something real to try: the Leeds inspection in fieldwork (inspection 1, the team's
// work lists and quality assurance under way: demo-fieldwork.ts), two years of published
// inspections with an annual report (demo-national.ts), and one inspection at each stage between
// (Sheffield at factual accuracy, another PDU embargoed: demo-stages.ts), a youth justice inspection
// in fieldwork (demo-youth.ts) and three published (demo-youth-published.ts). Dates follow from today.
// Everything is generated and labelled: not real people, cases or findings.
import { listInspections, type Db } from '../db/repositories/index.ts';
import { fullDate } from '../domain/timeline/dates.ts';
import { createDemoFieldworkInspection, stageDemoFieldwork } from './demo-fieldwork.ts';
import { createDemoNationalYears, createDemoYouthAnnualReport } from './demo-national.ts';
import { createDemoLaterStages } from './demo-stages.ts';
import { demoServiceStaff, demoSfoPeople, demoTeam, ensureDemoUsers, type DemoAccount } from './identity/demo-users.ts';
import { createDemoSfo } from './demo-sfo.ts';
import { createDemoSfoPanelAndReport } from './demo-sfo-panels.ts';
import { createDemoYouthInspection } from './demo-youth.ts';
import { createDemoPublishedYouth } from './demo-youth-published.ts';
import { clock } from './clock.ts';

export interface DemoData {
  /** What was made, a line each, for the start-up log; empty when the database already had inspections. */
  made: string[];
  /** The demonstration accounts, when asked for (the embedded database only). */
  accounts?: DemoAccount[];
}

/**
 * Loads the demonstration data into a database with no inspection. `accounts`: create the
 * demonstration accounts (any missing, on every start) and give the team its work; without them
 * (a PostgreSQL server) the inspections are the same but nobody is assigned and nothing is dip-sampled.
 */
export async function ensureDemoData(db: Db, options: { accounts: boolean }, today = clock.today(), actor = 'system:demo'): Promise<DemoData> {
  const existing = await listInspections(db);
  if (existing.length) {
    const demoId = existing.find((i) => i.isDemo)?.id;
    return { made: [], ...(options.accounts ? { accounts: await ensureDemoUsers(db, demoId, actor) } : {}) };
  }
  const made: string[] = [];
  // Inspection 1, so the accounts join its team as they are made.
  const fieldwork = await createDemoFieldworkInspection(db, today, actor);
  const accounts = options.accounts ? await ensureDemoUsers(db, fieldwork, actor) : undefined;
  const team = accounts ? await demoTeam(db) : undefined;
  if (team) await stageDemoFieldwork(db, fieldwork, team);
  made.push(`Demonstration inspection ${fieldwork} (Leeds PDU) created with generated cases, in fieldwork${team ? ': cases assigned to the demonstration team, part-assessed, quality assurance under way' : ''}`);

  // Two years of published demonstration inspections, so national reporting has something to show.
  const national = await createDemoNationalYears(db, today, actor);
  made.push(`Demonstration: ${national.inspections} published inspections (${national.surveys} with survey replies)${national.annualReport ? ` and annual report ${national.annualReport}` : ''}`);

  const staged = await createDemoLaterStages(db, today, { ...(team ? { team } : {}), serviceStaff: accounts ? await demoServiceStaff(db) : new Map() }, actor);
  for (const s of staged)
    made.push(`Demonstration inspection ${s.id} (${s.pduName} PDU): ${s.stage === 'embargoed' ? `report embargoed, to be published on ${fullDate(s.publishOn!)}` : 'draft report at the factual accuracy check'}`);

  made.push(await createDemoYouthInspection(db, today, actor)); // issue 12: a youth justice inspection in fieldwork (demo-youth.ts)
  // Issue 12: youth justice inspections published in the past year (demo-youth-published.ts), for the public youth ratings and open data.
  const youth = await createDemoPublishedYouth(db, today, actor);
  if (youth.length) made.push(`Demonstration: ${youth.length} published youth justice inspections (${youth.map((y) => y.service).join(', ')})`);
  // Their draft annual report, as the PDU inspections have one (demo-national.ts).
  const youthReport = await createDemoYouthAnnualReport(db, today, actor);
  if (youthReport) made.push(`Demonstration: draft annual report ${youthReport} of the youth justice inspections`);

  // SFO review QA: a year of reviews, quarterly samples, and (with the accounts) assessments at every stage.
  made.push(...(await createDemoSfo(db, today, accounts ? await demoSfoPeople(db) : undefined, actor)));
  // SFO learning panel and the draft annual SFO report, once the SFO register is loaded.
  made.push(...(await createDemoSfoPanelAndReport(db, today, actor)));
  return { made, ...(accounts ? { accounts } : {}) };
}
