// A fresh, migrated database for one test file:
//   - TEST_DATABASE_URL set (a PostgreSQL server): a throwaway database inspectorate_test_<random>
//     on that server, created through an admin connection to the URL and dropped on close();
//   - otherwise PGlite in memory, loaded from the migrated template the storage project's global
//     setup built (~0.2 s of CPU: pglite-template-fs.ts), or migrated from scratch outside vitest (about five s); with
//     { referenceData: true }, from the template that also holds the reference data. The worker
//     keeps one per template and puts it back as the template made it for the next file
//     (kept-pglite.ts): a few tens of ms instead of an open.
// Always close() it (in afterAll): an open PGlite keeps the process alive.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.ts';
import { clock } from '../../src/services/clock.ts';
import { ensureDemoInspection } from '../../src/services/demo.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { keptDatabase } from './kept-pglite.ts';
import { TemplateFS, templateEntries } from './pglite-template-fs.ts';

export type TestDatabase = DatabaseHandle;

export interface TestDatabaseOptions {
  /**
   * Start from the template with the reference data already loaded (as `loadReferenceData(db,
   * 'test')` loads it) when there is one: the file's own loadReferenceData call then finds nothing
   * changed. On a server, or outside vitest, the database is only migrated and that call loads it.
   */
  referenceData?: boolean;
}

export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return openServerTestDatabase(url);
  const template = await pgliteTemplate(!!options.referenceData);
  if (template) return keptDatabase(template.path, () => openDatabase({ pgliteFs: new TemplateFS(template.entries) }));
  return openDatabase({});
}

/**
 * The storage project's PGlite template to open (parsed): with the reference data when asked and
 * there is one (a later run, after an edit, may have cleared it already: then the migrated one, and
 * the file's own call loads the data); null outside vitest or on a server.
 */
async function pgliteTemplate(referenceData: boolean): Promise<{ path: string; entries: Awaited<ReturnType<typeof templateEntries>> } | null> {
  const reference = referenceData ? await injected('pgliteReferenceTemplatePath') : null;
  const entries = reference ? await templateEntries(reference).catch(() => null) : null;
  if (reference && entries) return { path: reference, entries };
  const migrated = await pgliteTemplatePath();
  return migrated ? { path: migrated, entries: await templateEntries(migrated) } : null;
}

/**
 * A database with the reference data and the Leeds demonstration inspection (ensureDemoInspection,
 * the fixture many files build on), and that inspection's id. On PGlite the worker keeps one made
 * that way for the day (the inspection's milestones done by hand follow today) and puts it back for
 * each file that asks, instead of making the inspection's 40 cases again (~0.2-0.3 s of CPU a file).
 */
export async function openDemoTestDatabase(): Promise<{ handle: TestDatabase; demoId: number }> {
  const withDemo = async (handle: TestDatabase) => {
    await loadReferenceData(handle.db, 'test');
    await ensureDemoInspection(handle.db);
    return handle;
  };
  const template = process.env.TEST_DATABASE_URL ? null : await pgliteTemplate(true);
  const handle = template
    ? await keptDatabase(`${template.path} with the demonstration inspection on ${clock.today()}`, async () => withDemo(await openDatabase({ pgliteFs: new TemplateFS(template.entries) })))
    : await withDemo(await openTestDatabase({ referenceData: true }));
  const demo = await handle.db.selectFrom('inspection').select('id').where('is_demo', '=', true).orderBy('id').executeTakeFirstOrThrow();
  return { handle, demoId: demo.id };
}

/** The migrated PGlite template the storage project's global setup built (a tar of a data folder), or null. */
export function pgliteTemplatePath(): Promise<string | null> {
  return injected('pgliteTemplatePath');
}

async function injected(key: 'pgliteTemplatePath' | 'pgliteReferenceTemplatePath'): Promise<string | null> {
  try {
    const { inject } = await import('vitest');
    return inject(key) ?? null;
  } catch {
    return null; // not in a vitest worker, or a project without the storage global setup
  }
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'inspectorate-tests' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function openServerTestDatabase(url: string): Promise<TestDatabase> {
  const name = `inspectorate_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(url, (admin) => admin.query(`create database ${name}`));
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const drop = () => withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`));
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ url: testUrl.toString() });
  } catch (error) {
    await drop();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    ...handle,
    close: () =>
      (closed ??= (async () => {
        await handle.close();
        await drop();
      })()),
  };
}
