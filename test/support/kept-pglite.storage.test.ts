// The database a storage worker keeps between files (kept-pglite.ts) is, for the next file, the same
// as one opened afresh from the template: every table's rows in the same order, every sequence, a
// new session; and one whose structure a file changed is not handed on.
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { structureOf } from './kept-pglite.ts';
import { openTestDatabase, type TestDatabase } from './test-database.ts';

const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const handle of opened) await handle.close();
});
const open = async () => {
  const handle = await openTestDatabase({ referenceData: true });
  opened.push(handle);
  return handle;
};

/** Everything a file could read: each table's rows in stored order, each sequence, the session's settings and temporary tables. */
async function contents(db: Kysely<Database>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const tables = await sql<{ name: string }>`
    select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1`.execute(db);
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ digest: string; n: number }>`select md5(coalesce(string_agg(t::text, E'\n'), '')) as digest, count(*)::int as n from ${sql.raw(name)} t`.execute(db);
    out[name] = `${rows[0]!.n} ${rows[0]!.digest}`;
  }
  const sequences = await sql<{ name: string }>`select format('%I.%I', schemaname, sequencename) as name from pg_sequences order by 1`.execute(db);
  for (const { name } of sequences.rows) {
    const { rows } = await sql<{ state: string }>`select last_value || ' ' || is_called as state from ${sql.raw(name)}`.execute(db);
    out[name] = rows[0]!.state;
  }
  // Not the three SET TRANSACTION sets (a file's repeatable-read transaction leaves them marked as
  // set in the session): every transaction starts from the defaults whatever they say, and
  // PostgreSQL leaves them out of RESET ALL for that reason.
  const settings = await sql<{ changed: string }>`
    select coalesce(string_agg(name || '=' || setting, ',' order by name), '') as changed from pg_settings
    where source = 'session' and name not in ('transaction_isolation', 'transaction_read_only', 'transaction_deferrable')`.execute(db);
  out['session settings'] = settings.rows[0]!.changed;
  const temporary = await sql<{ n: number }>`select count(*)::int as n from pg_class where relpersistence = 't'`.execute(db);
  out['temporary tables'] = String(temporary.rows[0]!.n);
  return out;
}

describe.skipIf(!!process.env.TEST_DATABASE_URL)('the database a worker keeps between files', () => {
  it('is handed to the next file as a fresh one from the template would be', async () => {
    const first = await open();
    const db = first.db;
    // What a file might leave behind: rows added, changed and deleted, in reference tables too; sequences moved; session state.
    await sql`insert into app_user (email, display_name, role) values ('left@example.org', 'Left Behind', 'inspector')`.execute(db);
    await sql`update organisation set name = name || ' (changed)' where kind = 'region'`.execute(db);
    await sql`delete from organisation where id in (select id from organisation where kind = 'pdu' order by id desc limit 3)`.execute(db);
    await sql`delete from framework`.execute(db);
    // As many rows as before in a table nothing references: one deleted, one added.
    await sql`delete from audit_event where id = (select min(id) from audit_event)`.execute(db);
    await sql`insert into audit_event (actor, action, entity, entity_id) values ('test', 'left.behind', 'test', '1')`.execute(db);
    await sql`select nextval(pg_get_serial_sequence('inspection', 'id')) from generate_series(1, 5)`.execute(db);
    await sql`set timezone = 'Pacific/Auckland'`.execute(db);
    await sql`create temporary table scratch (x int)`.execute(db);
    await db.transaction().setIsolationLevel('serializable').execute((trx) => sql`select 1`.execute(trx));
    await first.close();

    const again = await open();
    expect(again.pglite).toBe(first.pglite); // the same PGlite, put back
    const fresh = await open(); // opened while the kept one is in use: a new one from the template
    expect(fresh.pglite).not.toBe(again.pglite);
    const [kept, made] = [await contents(again.db), await contents(fresh.db)];
    expect(Object.keys(kept).length).toBeGreaterThan(40);
    expect(kept).toEqual(made);
    const isolation = await again.db.transaction().execute((trx) => sql<{ level: string }>`select current_setting('transaction_isolation') as level`.execute(trx));
    expect(isolation.rows[0]!.level).toBe('read committed');
    // And the first file's Kysely is gone with it: nothing it left running reaches the next file.
    await expect(sql`select 1`.execute(db)).rejects.toThrow();
    await again.close();
    await fresh.close();
  });

  it('is not handed on when a file changed its structure', async () => {
    const first = await open();
    await sql`alter table organisation add column stray text`.execute(first.db);
    await first.close();
    const next = await open();
    expect(next.pglite).not.toBe(first.pglite);
    const columns = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns where table_name = 'organisation' and column_name = 'stray'`.execute(next.db);
    expect(columns.rows[0]!.n).toBe(0);
    await next.close();
  });

  // Each a change of one kind of object, made in a file's database: the next file gets a new one.
  const changes: [string, string][] = [
    ['a column dropped', 'alter table organisation drop column code'],
    ["a column's type", 'alter table organisation alter column code type varchar(200)'],
    ['a default', "alter table organisation alter column code set default 'x'"],
    ['a table renamed', 'alter table organisation rename to organisation_renamed'],
    ['a constraint', 'alter table organisation add constraint stray check (id > 0)'],
    ['an index', 'create index stray on organisation (code)'],
    ['a view', 'create view stray as select 1 as one'],
    ['a function', 'create function stray() returns int language sql as $$ select 1 $$'],
    ['a trigger', 'create trigger stray before insert on organisation for each row execute function suppress_redundant_updates_trigger()'],
    ['a type', "create type stray as enum ('a')"],
    ['a schema', 'create schema stray'],
    ['a sequence', 'create sequence stray'],
    ['a role', 'create role stray'],
    ['a setting of the database', "do $$ begin execute format('alter database %I set work_mem = %L', current_database(), '8MB'); end $$"],
    ["a role's setting", "alter role current_user set work_mem = '8MB'"],
  ];
  // Checked on the fingerprint itself, each change in a transaction rolled back (which takes back
  // its catalog rows): a new database for each would cost ~0.35 s of CPU apiece.
  it.each(changes)('sees %s in the catalogs\' fingerprint', async (_what, statement) => {
    const handle = await open();
    const pglite = handle.pglite!;
    const before = await structureOf(pglite);
    await pglite.transaction(async (tx) => {
      await tx.exec(statement);
      expect(await structureOf(tx)).not.toBe(before);
      await tx.rollback();
    });
    expect(await structureOf(pglite)).toBe(before);
    await handle.close();
  });

  it('is handed on after a change undone (a table made and dropped), as it is then as it was', async () => {
    const first = await open();
    await sql`create table stray (id int)`.execute(first.db);
    await sql`drop table stray`.execute(first.db);
    await first.close();
    const next = await open();
    expect(next.pglite).toBe(first.pglite);
    await next.close();
  });
});
