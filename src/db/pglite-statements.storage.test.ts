// Statements kept as named prepared statements on PGlite: the same rows, values and errors as
// PGlite's own query(), each statement prepared once, and none left behind or gone stale.
// PGlite only, so skipped in the run against a PostgreSQL server (TEST_DATABASE_URL).
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PGliteStatements } from './pglite-statements.ts';

const onServer = !!process.env.TEST_DATABASE_URL;
let pglite: PGlite;

beforeAll(async () => {
  if (onServer) return;
  pglite = await PGlite.create();
  await pglite.exec(`create table thing (id serial primary key, name text not null unique, at timestamptz, details jsonb, tags text[], size numeric, big bigint, data bytea, ok boolean)`);
});
afterAll(async () => void (await pglite?.close()));
beforeEach(async () => {
  if (onServer) return;
  await pglite.exec('deallocate all; truncate thing restart identity');
});

const prepared = async () => (await pglite.query<{ name: string }>('select name from pg_prepared_statements order by name')).rows.map((r) => r.name);

describe.skipIf(onServer)('PGliteStatements', () => {
  it('sends values and reads rows as query() does, for every kind of column', async () => {
    const statements = new PGliteStatements(pglite);
    const insert = 'insert into thing (name, at, details, tags, size, big, data, ok) values ($1, $2, $3, $4, $5, $6, $7, $8) returning *';
    const values = ['a', new Date('2026-12-06T10:00:00Z'), { nested: [1, 'two', null] }, ['x', 'y, z'], '12.50', 9007199254740993n, new Uint8Array([0, 1, 255]), true];
    const ours = await statements.run(insert, values);
    const theirs = await pglite.query(insert, ['b', ...values.slice(1)], { rowMode: 'object' });
    expect({ ...ours.rows[0]!, id: 0, name: '' }).toEqual({ ...theirs.rows[0]!, id: 0, name: '' });
    expect(ours).toMatchObject({ command: 'INSERT', affectedRows: 1 });
    const select = 'select * from thing where name = any($1::text[]) and ok = $2 order by id';
    expect((await statements.run(select, [['a', 'b'], true])).rows).toEqual((await pglite.query(select, [['a', 'b'], true])).rows);
    expect((await statements.run('select * from thing where at is null and details = $1', [null])).rows).toEqual([]);
  });

  it('prepares a statement once and runs it again from the session', async () => {
    const statements = new PGliteStatements(pglite);
    for (const name of ['a', 'b', 'c']) await statements.run('insert into thing (name) values ($1)', [name]);
    expect(await prepared()).toHaveLength(1);
    expect((await statements.run('select count(*)::int as n from thing', [])).rows).toEqual([{ n: 3 }]);
    expect(await prepared()).toHaveLength(2);
  });

  it('keeps no statement given an array: each run is planned for the values given', async () => {
    const statements = new PGliteStatements(pglite);
    await statements.run('insert into thing (name) values ($1)', ['a']);
    const select = 'select name from thing where name = any($1::text[])';
    for (let run = 0; run < 7; run++) expect((await statements.run(select, [['a', 'b']])).rows).toEqual([{ name: 'a' }]);
    expect(await prepared()).toHaveLength(1); // the insert only
  });

  it('gives errors as query() does, with the statement, and carries on', async () => {
    const statements = new PGliteStatements(pglite);
    const insert = 'insert into thing (name) values ($1)';
    await statements.run(insert, ['a']);
    const error = await statements.run(insert, ['a']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23505', constraint: 'thing_name_key', query: insert, params: ['a'] });
    await expect(statements.run('select nonsense from thing', [])).rejects.toMatchObject({ code: '42703' });
    await statements.run(insert, ['b']);
    expect((await statements.run('select name from thing order by id', [])).rows).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('runs statements that cannot be kept, with and without parameters, and forgets what DDL may change', async () => {
    const statements = new PGliteStatements(pglite);
    await statements.run('insert into thing (name) values ($1)', ['a']);
    const before = (await statements.run('select * from thing', [])).rows[0]!;
    expect((await statements.run('explain select * from thing where id = $1', [1])).rows).not.toEqual([]);
    // In a transaction, where a statement refused could not be tried again.
    await statements.run('begin', []);
    await statements.run('alter table thing add column extra int default 7', []);
    expect((await statements.run('select * from thing', [])).rows).toEqual([{ ...before, extra: 7 }]);
    await statements.run('rollback', []);
    expect((await statements.run('select * from thing', [])).rows).toEqual([before]);
    expect(await prepared()).toHaveLength(1); // the select, prepared again after each change
  });

  it('prepares again a statement changed or dropped behind its back, outside a transaction', async () => {
    const statements = new PGliteStatements(pglite);
    await statements.run('insert into thing (name) values ($1)', ['a']);
    const select = 'select * from thing';
    await statements.run(select, []);
    await pglite.exec('alter table thing add column extra int default 7');
    try {
      expect((await statements.run(select, [])).rows[0]).toMatchObject({ name: 'a', extra: 7 });
      await pglite.exec('deallocate all');
      expect((await statements.run(select, [])).rows).toHaveLength(1);
    } finally {
      await pglite.exec('alter table thing drop column extra');
    }
  });

  it('keeps at most the number given, closing the least recently used', async () => {
    const statements = new PGliteStatements(pglite, 2);
    for (const n of [1, 2, 1, 3]) await statements.run(`select ${n} as n`, []);
    await statements.run('select 1 as n', []); // the Close of the one evicted goes with the next message
    expect((await pglite.query<{ statement: string }>('select statement from pg_prepared_statements order by statement')).rows.map((r) => r.statement)).toEqual([
      'select 1 as n',
      'select 3 as n',
    ]);
  });

  it('leaves no statement behind when closed, the PGlite still open', async () => {
    const statements = new PGliteStatements(pglite);
    await statements.run('select 1', []);
    await statements.run('select 2', []);
    await statements.close();
    expect(await prepared()).toEqual([]);
  });
});
