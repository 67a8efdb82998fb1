// PDU cycle plans (every revision with the input that made it) and youth-service selections (with
// their seed). Data access only: the planner's input and output are stored as given.
import { sql } from 'kysely';
import { toJson, type Db } from './shared.ts';

export interface ProgrammeCycle {
  id: number;
  title: string;
  createdBy: string;
  createdAt: Date;
  /** The newest revision's number. */
  revision: number;
}

export interface CycleRevision<I = unknown, P = unknown> {
  cycleId: number;
  revision: number;
  input: I;
  plan: P;
  organisationIds: Record<string, number>;
  change: string;
  createdBy: string;
  createdAt: Date;
}

export interface CycleRevisionInput {
  cycleId: number;
  revision: number;
  input: unknown;
  plan: unknown;
  organisationIds: Record<string, number>;
  change: string;
  createdBy: string;
}

export async function insertProgrammeCycle(db: Db, title: string, createdBy: string): Promise<number> {
  const row = await db.insertInto('programme_cycle').values({ title, created_by: createdBy }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Adds a revision; the (cycle, revision) key refuses a second revision with the same number. */
export async function insertCycleRevision(db: Db, r: CycleRevisionInput): Promise<void> {
  await db
    .insertInto('programme_cycle_revision')
    .values({
      cycle_id: r.cycleId,
      revision: r.revision,
      input: toJson(r.input),
      plan: toJson(r.plan),
      organisation_ids: toJson(r.organisationIds),
      change: r.change,
      created_by: r.createdBy,
    })
    .execute();
}

const cycleQuery = (db: Db) =>
  db
    .selectFrom('programme_cycle as c')
    .select(['c.id', 'c.title', 'c.created_by', 'c.created_at'])
    .select((eb) => eb.selectFrom('programme_cycle_revision as r').whereRef('r.cycle_id', '=', 'c.id').select((e) => e.fn.max('r.revision').as('m')).as('revision'));

const toProgrammeCycle = (r: { id: number; title: string; created_by: string; created_at: Date; revision: number | null }): ProgrammeCycle => ({
  id: r.id,
  title: r.title,
  createdBy: r.created_by,
  createdAt: r.created_at,
  revision: r.revision ?? 0,
});

export async function getProgrammeCycle(db: Db, id: number): Promise<ProgrammeCycle | undefined> {
  const row = await cycleQuery(db).where('c.id', '=', id).executeTakeFirst();
  return row && toProgrammeCycle(row);
}

/** Newest first. */
export async function listProgrammeCycles(db: Db): Promise<ProgrammeCycle[]> {
  return (await cycleQuery(db).orderBy('c.id', 'desc').execute()).map(toProgrammeCycle);
}

/** One revision (the newest when `revision` is not given). */
export async function getCycleRevision(db: Db, cycleId: number, revision?: number): Promise<CycleRevision | undefined> {
  let query = db.selectFrom('programme_cycle_revision').selectAll().where('cycle_id', '=', cycleId);
  query = revision === undefined ? query.orderBy('revision', 'desc').limit(1) : query.where('revision', '=', revision);
  const r = await query.executeTakeFirst();
  return (
    r && {
      cycleId: r.cycle_id,
      revision: r.revision,
      input: r.input,
      plan: r.plan,
      organisationIds: r.organisation_ids,
      change: r.change,
      createdBy: r.created_by,
      createdAt: r.created_at,
    }
  );
}

/** Every revision's number, change and author, newest first (without the plans). */
export async function listCycleRevisions(db: Db, cycleId: number): Promise<Omit<CycleRevision, 'input' | 'plan' | 'organisationIds'>[]> {
  const rows = await db
    .selectFrom('programme_cycle_revision')
    .select(['cycle_id', 'revision', 'change', 'created_by', 'created_at'])
    .where('cycle_id', '=', cycleId)
    .orderBy('revision', 'desc')
    .execute();
  return rows.map((r) => ({ cycleId: r.cycle_id, revision: r.revision, change: r.change, createdBy: r.created_by, createdAt: r.created_at }));
}

export interface StoredYouthSelection<I = unknown, R = unknown> {
  id: number;
  title: string;
  asOf: string;
  seed: number;
  input: I;
  result: R;
  createdBy: string;
  createdAt: Date;
}

export async function insertYouthSelection(db: Db, s: { title: string; asOf: string; seed: number; input: unknown; result: unknown; createdBy: string }): Promise<number> {
  const row = await db
    .insertInto('youth_selection')
    .values({ title: s.title, as_of: s.asOf, seed: s.seed, input: toJson(s.input), result: toJson(s.result), created_by: s.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const toSelection = (r: { id: number; title: string; as_of: string; seed: number; input: unknown; result: unknown; created_by: string; created_at: Date }): StoredYouthSelection => ({
  id: r.id,
  title: r.title,
  asOf: r.as_of,
  seed: r.seed,
  input: r.input,
  result: r.result,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export async function getYouthSelection(db: Db, id: number): Promise<StoredYouthSelection | undefined> {
  const row = await db.selectFrom('youth_selection').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSelection(row);
}

/** A stored selection without its input and with only the services it chose (not every service's score): what lists of selections show. */
export type YouthSelectionSummary<S = unknown> = Omit<StoredYouthSelection, 'input' | 'result'> & { selected: S[] };

/** Newest first, as summaries (a selection's input and scores are most of its size). */
export async function listYouthSelectionSummaries(db: Db): Promise<YouthSelectionSummary[]> {
  const rows = await db
    .selectFrom('youth_selection')
    .select(['id', 'title', 'as_of', 'seed', 'created_by', 'created_at'])
    .select(sql<unknown[]>`result->'selected'`.as('selected'))
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, asOf: r.as_of, seed: r.seed, selected: r.selected, createdBy: r.created_by, createdAt: r.created_at }));
}
