// Global setup of the `storage` test project (vitest.config.ts).
//
// On PGlite (no TEST_DATABASE_URL) it builds a migrated database once and dumps it to a file whose
// path each worker reads with inject('pgliteTemplatePath'), so every test file opens a ready
// database in about a second instead of running initdb (~5 s). The dump is cached under
// node_modules/.cache keyed by a hash of the migrations and the PGlite version, so later runs skip
// even that. With TEST_DATABASE_URL set, test-database.ts makes a database per file on the server.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data-directory dump, or null when testing against a PostgreSQL server. */
    pgliteTemplatePath: string | null;
    /** The same with the reference data loaded (`loadReferenceData(db, 'test')`), made once a run; null on a server. */
    pgliteReferenceTemplatePath: string | null;
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const migrationsDir = join(root, 'src/db/migrations');
const cacheDir = join(root, 'node_modules/.cache/inspectorate');
const PREFIX = 'pglite-template-';

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  const pglitePackage = JSON.parse(await readFile(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'));
  hash.update(`pglite ${pglitePackage.version}\n`);
  for (const file of (await readdir(migrationsDir)).sort()) {
    hash.update(`${file}\n`).update(await readFile(join(migrationsDir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

const exists = (path: string) => stat(path).then(() => true, () => false);

export async function buildPGliteTemplate(): Promise<string> {
  const path = join(cacheDir, `${PREFIX}${await templateKey()}.tar`);
  if (await exists(path)) return path;

  const handle = await openDatabase({});
  try {
    const dump = await handle.pglite!.dumpDataDir('none');
    await mkdir(cacheDir, { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, path); // atomic: a concurrent run sees the whole file or none
  } finally {
    await handle.close();
  }
  // Templates of earlier migrations are of no further use once a day old; a younger one may belong
  // to another checkout (another branch, a second working tree) running its tests at the same time.
  for (const file of await readdir(cacheDir)) {
    const other = join(cacheDir, file);
    if (!file.startsWith(PREFIX) || other === path || file.endsWith('.partial')) continue;
    const age = Date.now() - (await stat(other).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > 24 * 3_600_000) await rm(other, { force: true });
  }
  return path;
}

/**
 * The migrated template with the reference data loaded as the tests load it, so a test file that
 * needs it opens it ready (~1.4 s of CPU a file less) and its own loadReferenceData call finds the
 * digest unchanged. Made afresh each run (the loader's code may change without a migration) into a
 * file of this process's own, removed at teardown.
 */
export async function buildReferenceTemplate(migrated: string): Promise<string> {
  const handle = await openDatabase({ loadDataDir: new Blob([await readFile(migrated)]) });
  try {
    await loadReferenceData(handle.db, 'test');
    const dump = await handle.pglite!.dumpDataDir('none');
    await mkdir(cacheDir, { recursive: true });
    const path = join(cacheDir, `pglite-reference-run-${process.pid}-${Date.now()}.tar`);
    await writeFile(path, Buffer.from(await dump.arrayBuffer()));
    return path;
  } finally {
    await handle.close();
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteTemplatePath', null);
    project.provide('pgliteReferenceTemplatePath', null);
    return;
  }
  const migrated = await buildPGliteTemplate();
  const reference = await buildReferenceTemplate(migrated);
  project.provide('pgliteTemplatePath', migrated);
  project.provide('pgliteReferenceTemplatePath', reference);
  return () => rm(reference, { force: true });
}
