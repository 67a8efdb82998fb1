// The demonstration data `npm start` loads into a database with no inspection, so every demonstration
// account has something real to try: the Leeds inspection in fieldwork (inspection 1, the team's
// work lists and quality assurance under way: demo-fieldwork.ts), two years of published
// inspections with an annual report (demo-national.ts), and one inspection at each stage between
// (Sheffield at factual accuracy, another PDU embargoed: demo-stages.ts), a youth justice inspection
// in fieldwork (demo-youth.ts) and three published (demo-youth-published.ts). Dates follow from today.
// Everything is generated and labelled: not real people, cases or findings.
//
// It is made in parts (DEMO_STAGES), in order, each in one transaction with the record that it is
// done (migration 0028): the first part (inspection 1 and the accounts) before the server answers,
// the rest after it (demo-loading.ts), and a start stopped part-way makes only the parts missing.
import { listDemoStagesDone, listInspections, recordDemoStageDone, type Db } from '../db/repositories/index.ts';
import { listSfoReviews } from '../db/repositories/sfo-repository.ts';
import { inWholeTransaction, type BackgroundWork } from '../db/whole-transaction.ts';
import { fullDate } from '../domain/timeline/dates.ts';
import { createDemoFieldworkInspection, stageDemoFieldwork } from './demo-fieldwork.ts';
import { createDemoNationalAnnualReport, createDemoYouthAnnualReport, planDemoNationalYears, publishDemoInspection } from './demo-national.ts';
import { createDemoLaterStages } from './demo-stages.ts';
import { DEMO_ACCOUNTS, demoServiceStaff, demoSfoPeople, demoTeam, ensureDemoUsers, missingDemoAccounts, type DemoAccount } from './identity/demo-users.ts';
import { createDemoSfoRegister, stageDemoSfoQuarter } from './demo-sfo.ts';
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

export interface DemoStageContext {
  today: string;
  actor: string;
  /** The demonstration accounts exist (the embedded database): the team is given its work. */
  accounts: boolean;
}

/** A step of a part: made in one transaction with its record; returns what was made, a line each for the start-up log. */
export interface DemoStep {
  /** Its record is `<part>/<key>` (a part of one step has only the part's own). */
  key: string;
  make(db: Db): Promise<string[]>;
}

/**
 * A part of the demonstration data, made once, in steps: each in one transaction with the record
 * that it is done. Most parts are one step; a big one is several, since a transaction holds the
 * embedded database from every request until it ends.
 */
export interface DemoStage {
  /** Its record in demo_data_stage: never renamed once released (nor its steps' keys). */
  name: string;
  /** What it is, for the log while it loads. */
  title: string;
  /** Its steps, in order: the same at every start for the same reference data. */
  steps(db: Db, context: DemoStageContext): Promise<DemoStep[]>;
}

/** A part made in one step. */
const oneStep =
  (make: (db: Db, context: DemoStageContext) => Promise<string[]>): DemoStage['steps'] =>
  (_db, context) =>
    Promise.resolve([{ key: 'all', make: (db) => make(db, context) }]);

/** The parts, in the order they are made (later parts take PDUs and people the earlier ones left). */
export const DEMO_STAGES: readonly DemoStage[] = [
  {
    name: 'fieldwork',
    title: 'the Leeds inspection in fieldwork and the demonstration accounts',
    steps: oneStep(async (db, { today, actor, accounts }) => {
      // Inspection 1, so the accounts join its team as they are made.
      const fieldwork = await createDemoFieldworkInspection(db, today, actor);
      if (accounts) await ensureDemoUsers(db, fieldwork, actor);
      const team = accounts ? await demoTeam(db) : undefined;
      if (team) await stageDemoFieldwork(db, fieldwork, team);
      return [`Demonstration inspection ${fieldwork} (Leeds PDU) created with generated cases, in fieldwork${team ? ': cases assigned to the demonstration team, part-assessed, quality assurance under way' : ''}`];
    }),
  },
  {
    name: 'national',
    title: 'two years of published inspections',
    // So national reporting has something to show: an inspection a step, then the annual report.
    async steps(db, { today, actor }) {
      const plan = await planDemoNationalYears(db, today);
      const surveys = plan.filter((d) => d.survey).length;
      const published: DemoStep[] = plan.map((demo, i) => ({ key: String(i + 1), make: async (trx) => (await publishDemoInspection(trx, demo, actor), []) }));
      if (!plan.length) return published;
      const report: DemoStep = {
        key: 'annual-report',
        make: async (trx) => [`Demonstration: ${plan.length} published inspections (${surveys} with survey replies) and annual report ${await createDemoNationalAnnualReport(trx, today, actor)}`],
      };
      return [...published, report];
    },
  },
  {
    name: 'later-stages',
    title: 'the inspections at factual accuracy and under embargo',
    steps: oneStep(async (db, { today, actor, accounts }) => {
      const team = accounts ? await demoTeam(db) : undefined;
      const staged = await createDemoLaterStages(db, today, { ...(team ? { team } : {}), serviceStaff: accounts ? await demoServiceStaff(db) : new Map() }, actor);
      return staged.map(
        (s) => `Demonstration inspection ${s.id} (${s.pduName} PDU): ${s.stage === 'embargoed' ? `report embargoed, to be published on ${fullDate(s.publishOn!)}` : 'draft report at the factual accuracy check'}`,
      );
    }),
  },
  {
    name: 'youth-fieldwork',
    title: 'the youth justice inspection in fieldwork',
    steps: oneStep(async (db, { today, actor }) => [await createDemoYouthInspection(db, today, actor)]), // issue 12 (demo-youth.ts)
  },
  {
    name: 'youth-published',
    title: 'the published youth justice inspections',
    steps: oneStep(async (db, { today, actor }) => {
      // Issue 12: published in the past year (demo-youth-published.ts), for the public youth ratings and open data.
      const youth = await createDemoPublishedYouth(db, today, actor);
      return youth.length ? [`Demonstration: ${youth.length} published youth justice inspections (${youth.map((y) => y.service).join(', ')})`] : [];
    }),
  },
  {
    name: 'youth-annual-report',
    title: 'the youth justice annual report',
    steps: oneStep(async (db, { today, actor }) => {
      // Their draft annual report, as the PDU inspections have one (demo-national.ts).
      const report = await createDemoYouthAnnualReport(db, today, actor);
      return report ? [`Demonstration: draft annual report ${report} of the youth justice inspections`] : [];
    }),
  },
  {
    name: 'sfo',
    title: 'the SFO reviews and their quality assurance',
    // A year of reviews and quarterly samples, then (with the accounts) a quarter's assessments a step, each at a stage of its own.
    async steps(db, { today, actor, accounts }) {
      if ((await listSfoReviews(db)).length && !(await listDemoStagesDone(db)).has('sfo/register')) return []; // a register of its own: left alone
      const register: DemoStep = { key: 'register', make: (trx) => createDemoSfoRegister(trx, today, actor) };
      const people = accounts ? await demoSfoPeople(db) : undefined;
      if (!people) return [register];
      return [register, ...[0, 1, 2, 3].map((quarter) => ({ key: `quarter-${quarter + 1}`, make: (trx: Db) => stageDemoSfoQuarter(trx, quarter, people, today) }))];
    },
  },
  {
    name: 'sfo-panels',
    title: 'the SFO learning panel and annual SFO reports',
    // Once the SFO register is loaded.
    steps: oneStep((db, { today, actor }) => createDemoSfoPanelAndReport(db, today, actor)),
  },
];

/**
 * The parts still to make. None for a database that had inspections before the parts were recorded
 * (or before demonstration data was asked for): it is left as it is, as it always was.
 */
export async function demoStagesToMake(db: Db, stages: readonly DemoStage[] = DEMO_STAGES): Promise<DemoStage[]> {
  const done = await listDemoStagesDone(db);
  if (!done.size && (await listInspections(db)).length) return [];
  return stages.filter((s) => !done.has(s.name));
}

/**
 * Makes the steps of a part not yet made, each in one transaction with its record (the part's own
 * with its last): each all or nothing. `background`: stopped by its signal (the step rolled back),
 * and giving way to requests as it goes.
 */
export async function makeDemoStage(db: Db, stage: DemoStage, context: DemoStageContext, background?: BackgroundWork): Promise<string[]> {
  const done = await listDemoStagesDone(db);
  const steps = await stage.steps(db, context);
  const made: string[] = [];
  for (const [i, step] of steps.entries()) {
    const record = steps.length === 1 ? stage.name : `${stage.name}/${step.key}`;
    if (done.has(record)) continue;
    const last = i === steps.length - 1;
    const lines = await inWholeTransaction(
      db,
      async (trx) => {
        const lines = await step.make(trx);
        await recordDemoStageDone(trx, record);
        if (last && record !== stage.name) await recordDemoStageDone(trx, stage.name);
        return lines;
      },
      background,
    );
    made.push(...lines);
  }
  if (!steps.length) await recordDemoStageDone(db, stage.name);
  return made;
}

/** The demonstration accounts (any missing made, on every start) and the team's inspection, once the first part exists. */
export async function ensureDemoAccounts(db: Db, actor = 'system:demo'): Promise<DemoAccount[]> {
  if (!(await missingDemoAccounts(db)).length) return DEMO_ACCOUNTS; // every restart: one query
  const demoId = (await listInspections(db)).find((i) => i.isDemo)?.id;
  return ensureDemoUsers(db, demoId, actor);
}

export interface DemoStart extends DemoData {
  /** The parts still to make, in order, and what they are made with. */
  later: DemoStage[];
  context: DemoStageContext;
}

/**
 * The start of the demonstration data: the first part (inspection 1, the accounts and the team's
 * work on it) made if it is missing, the accounts made if any is missing, and the parts still to
 * make after it. `accounts`: create the demonstration accounts and give the team its work; without
 * them (a PostgreSQL server) the inspections are the same but nobody is assigned and nothing is
 * dip-sampled.
 */
export async function beginDemoData(db: Db, options: { accounts: boolean }, today = clock.today(), actor = 'system:demo'): Promise<DemoStart> {
  const context: DemoStageContext = { today, actor, accounts: options.accounts };
  const later = await demoStagesToMake(db);
  const made = later[0] === DEMO_STAGES[0] ? await makeDemoStage(db, later.shift()!, context) : [];
  return { made, later, context, ...(options.accounts ? { accounts: await ensureDemoAccounts(db, actor) } : {}) };
}

/** Loads all of the demonstration data still missing, one part after another, before it returns (the tests and the command line). */
export async function ensureDemoData(db: Db, options: { accounts: boolean }, today = clock.today(), actor = 'system:demo'): Promise<DemoData> {
  const { made, later, context, accounts } = await beginDemoData(db, options, today, actor);
  for (const stage of later) made.push(...(await makeDemoStage(db, stage, context)));
  return { made, ...(accounts ? { accounts } : {}) };
}
