// The PGlite dialect's connection lock: a transaction holds PGlite exclusively, others wait.
// PGlite only, so skipped in the run against a PostgreSQL server (TEST_DATABASE_URL).
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql, type Generated } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { PGliteDialect } from './pglite-dialect.ts';

interface Db {
  note: { id: Generated<number>; text: string };
}

const onServer = !!process.env.TEST_DATABASE_URL;
let pglite: PGlite;
let db: Kysely<Db>;

beforeAll(async () => {
  if (onServer) return;
  // The dialect is PGlite's whatever TEST_DATABASE_URL says; start from the template when there is one.
  const template = inject('pgliteTemplatePath');
  pglite = await PGlite.create(template ? { loadDataDir: new Blob([await readFile(template)]) } : {});
  db = new Kysely<Db>({ dialect: new PGliteDialect({ pglite }) });
  await sql`create table note (id serial primary key, text text not null)`.execute(db);
});

afterAll(async () => {
  await db?.destroy();
  await pglite?.close();
});

beforeEach(async () => {
  if (onServer) return;
  await sql`truncate note restart identity`.execute(db);
});

const texts = async () => (await db.selectFrom('note').select('text').orderBy('id').execute()).map((r) => r.text);
const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(onServer)('PGliteDialect', () => {
  it('makes an autocommit insert wait for an open transaction, and keeps it when that one rolls back', async () => {
    let releaseTransaction!: () => void;
    const holdOpen = new Promise<void>((resolve) => (releaseTransaction = resolve));
    let insideTransaction!: () => void;
    const started = new Promise<void>((resolve) => (insideTransaction = resolve));

    const transaction = db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('note').values({ text: 'a (in the transaction)' }).execute();
        insideTransaction();
        await holdOpen;
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);

    await started;
    let independentDone = false;
    const independent = db
      .insertInto('note')
      .values({ text: 'b (independent autocommit insert)' })
      .execute()
      .then(() => (independentDone = true));

    await tick(50);
    expect(independentDone).toBe(false); // waiting for the transaction's lock

    releaseTransaction();
    expect(await transaction).toBe('roll back');
    await independent;
    expect(await texts()).toEqual(['b (independent autocommit insert)']);
  });

  it('serves queued queries in order and commits a transaction as a whole', async () => {
    const done: string[] = [];
    await Promise.all([
      db.transaction().execute(async (trx) => {
        await trx.insertInto('note').values({ text: 'one' }).execute();
        await tick();
        await trx.insertInto('note').values({ text: 'two' }).execute();
        done.push('transaction');
      }),
      db.insertInto('note').values({ text: 'three' }).execute().then(() => done.push('three')),
      db.insertInto('note').values({ text: 'four' }).execute().then(() => done.push('four')),
    ]);
    expect(done).toEqual(['transaction', 'three', 'four']);
    expect(await texts()).toEqual(['one', 'two', 'three', 'four']);
  });

  it('releases the connection after a failing query, in or out of a transaction', async () => {
    await expect(sql`select * from no_such_table`.execute(db)).rejects.toThrow(/no_such_table/);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('note').values({ text: 'lost' }).execute();
        await sql`select 1/0`.execute(trx);
      }),
    ).rejects.toThrow(/division by zero/);
    await db.insertInto('note').values({ text: 'after' }).execute();
    expect(await texts()).toEqual(['after']);
  });

  it('reports affected rows as bigint', async () => {
    const inserted = await db.insertInto('note').values([{ text: 'x' }, { text: 'y' }]).executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    const updated = await db.updateTable('note').set({ text: 'z' }).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    const deleted = await db.deleteFrom('note').where('text', '=', 'z').executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(2n);
  });

  it('supports savepoints, isolation settings and streaming', async () => {
    const trx = await db.startTransaction().setIsolationLevel('serializable').execute();
    await trx.insertInto('note').values({ text: 'kept' }).execute();
    const inner = await trx.savepoint('inner').execute();
    await inner.insertInto('note').values({ text: 'undone' }).execute();
    await inner.rollbackToSavepoint('inner').execute();
    await trx.commit().execute();
    expect(await texts()).toEqual(['kept']);

    await db.insertInto('note').values(Array.from({ length: 5 }, (_, i) => ({ text: `s${i}` }))).execute();
    const chunks: number[] = [];
    for await (const row of db.selectFrom('note').select('text').stream(2)) chunks.push(row.text.length);
    expect(chunks).toHaveLength(6);
  });

  it('lets destroy wait for a transaction in flight', async () => {
    const own = await PGlite.create({ loadDataDir: await pglite.dumpDataDir('none') });
    const ownDb = new Kysely<Db>({ dialect: new PGliteDialect({ pglite: own, closeOnDestroy: true }) });
    const transaction = ownDb.transaction().execute(async (trx) => {
      await tick();
      await trx.insertInto('note').values({ text: 'finished' }).execute();
      return 'committed';
    });
    await tick(5);
    await ownDb.destroy();
    expect(await transaction).toBe('committed');
    expect(own.closed).toBe(true);
  });
});
