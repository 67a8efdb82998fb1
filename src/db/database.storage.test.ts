// Opening, migrating and the JS types values come back as: the same on PGlite and PostgreSQL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { migrateToLatest, openDatabase } from './database.ts';
import { migrations } from './migrations/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe('openDatabase', () => {
  it('opens the engine TEST_DATABASE_URL asks for', () => {
    expect(t.kind).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('has run every migration, and running them again does nothing', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it('returns int8 as numbers and dates as plain YYYY-MM-DD strings', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select count(*) as count, sum(x) as total, 9007199254740991::int8 as big, array[1, 2]::int8[] as bigs,
             '2024-03-31'::date as day, array['2024-01-01'::date, null] as days,
             '2024-03-31T23:30:00Z'::timestamptz as at, '{"a": [1, "b"]}'::jsonb as doc, '{"z": 1, "a": 2}'::json as ordered,
             1.50::numeric as amount, true as flag, 7::int as small
      from (values (1), (2)) v(x)`.execute(t.db);
    expect(rows[0]).toEqual({
      count: 2,
      total: 3,
      big: 9007199254740991,
      bigs: [1, 2],
      day: '2024-03-31',
      days: ['2024-01-01', null],
      at: new Date('2024-03-31T23:30:00Z'),
      doc: { a: [1, 'b'] },
      ordered: { z: 1, a: 2 },
      amount: '1.50',
      flag: true,
      small: 7,
    });
    expect(Object.keys(rows[0]!.ordered as object)).toEqual(['z', 'a']);
  });

  it('passes JSON text and arrays of awkward strings through parameters unchanged', async () => {
    const awkward = ['a"b', 'c\\d', 'e,f', '{g}', 'NULL', '', ' sp ', 'ünï\n\t', null];
    const doc = { text: 'it\'s "quoted" \\ ✓', list: [1, null] };
    const { rows } = await sql<{ strings: (string | null)[]; doc: unknown; day: string }>`
      select ${awkward}::text[] as strings, ${JSON.stringify(doc)}::jsonb as doc, ${'2024-02-29'}::date as day`.execute(t.db);
    expect(rows[0]).toEqual({ strings: awkward, doc, day: '2024-02-29' });
  });

  it('refuses a URL that is not PostgreSQL', async () => {
    await expect(openDatabase({ url: 'mysql://localhost/x' })).rejects.toThrow(/postgres:\/\//);
  });
});

describe.skipIf(!!process.env.TEST_DATABASE_URL)('PGlite in a folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inspectorate-db-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates missing parent folders, keeps data, and migrates only once', async () => {
    const dataDir = join(dir, 'nested', 'deeper', 'pglite');
    const first = await openDatabase({ dataDir, loadDataDir: await t.pglite!.dumpDataDir('none') });
    try {
      await sql`insert into framework (id, version, title, definition, source_text) values ('f', '1', 'F', '{}', 'x')`.execute(first.db);
    } finally {
      await first.close();
    }
    const second = await openDatabase({ dataDir });
    try {
      expect(await migrateToLatest(second.db)).toEqual([]);
      const { rows } = await sql<{ n: number }>`select count(*) as n from framework`.execute(second.db);
      expect(rows[0]!.n).toBe(1);
    } finally {
      await second.close();
    }
  });
});
