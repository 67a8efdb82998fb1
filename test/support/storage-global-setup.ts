// Global setup of the `storage` test project (vitest.config.ts).
//
// On PGlite (no TEST_DATABASE_URL) it builds a migrated database once and dumps it to a file whose
// path each worker reads with inject('pgliteTemplatePath'), so every test file opens a ready
// database in about a second instead of running initdb (~5 s). The dump is cached under
// node_modules/.cache keyed by a hash of the migrations and the PGlite version, so later runs skip
// even that. With TEST_DATABASE_URL set, test-database.ts makes a database per file on the server.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
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
const REFERENCE_PREFIX = 'pglite-reference-';

/**
 * Made ready to open cheaply, as each storage file opens one (82 files): a CHECKPOINT before the
 * dump, so a start from it replays no WAL (Postgres otherwise redoes every migration's writes since
 * initdb's checkpoint on each open); shared_buffers of 16 MB instead of initdb's 128 MB, which
 * PGlite's Postgres zeroes on every start (a test file's data is a few MB: what it sees is the same);
 * and no template0/template1, two copies of the empty catalog (~300 files each) every open unpacks:
 * only CREATE DATABASE reads them, which neither the app nor the tests run on PGlite. Measured on
 * 10 opens each: ~0.50 s -> ~0.30 s of CPU per open.
 */
const TEMPLATE_RECIPE = ['checkpoint', 'shared_buffers 16MB', 'no template databases'].join(', ');

async function readyToDump(pglite: PGlite, steps: 'all' | 'checkpoint'): Promise<void> {
  if (steps === 'all') {
    await pglite.exec(`ALTER SYSTEM SET shared_buffers = '16MB'`);
    for (const name of ['template0', 'template1']) {
      await pglite.exec(`ALTER DATABASE ${name} IS_TEMPLATE false`);
      await pglite.exec(`DROP DATABASE ${name}`); // alone: not in exec's implicit transaction
    }
  }
  await pglite.exec('CHECKPOINT');
}

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`recipe ${TEMPLATE_RECIPE}\n`);
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
    await readyToDump(handle.pglite!, 'all');
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

/** Every file under the folder, in name order (sources and reference files for a key). */
async function* treeFiles(dir: string): AsyncGenerator<string> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* treeFiles(path);
    else yield path;
  }
}

/**
 * The migrated template with the reference data loaded as the tests load it, so a test file that
 * needs it opens it ready and its own loadReferenceData call finds the
 * digest unchanged. Cached beside the migrated one, keyed by it and by every file under src/ and
 * reference/ (the loader's code may change without a migration), so a run after an edit to either
 * makes it again (~5 s) and any other run reuses it. Measured cold, open, load and one demonstration
 * inspection take ~1 s of CPU less from it (3.9 s against 5.0 s).
 */
export async function buildReferenceTemplate(migrated: string): Promise<string> {
  const hash = createHash('sha256').update(`${migrated}\n`);
  for (const dir of ['src', 'reference']) for await (const file of treeFiles(join(root, dir))) hash.update(`${file}\n`).update(await readFile(file));
  const path = join(cacheDir, `${REFERENCE_PREFIX}${hash.digest('hex').slice(0, 16)}.tar`);
  if (await exists(path)) {
    const now = new Date();
    await utimes(path, now, now); // in use: kept by the clearing below
    return path;
  }
  const handle = await openDatabase({ loadDataDir: new Blob([await readFile(migrated)]) });
  try {
    await loadReferenceData(handle.db, 'test');
    await readyToDump(handle.pglite!, 'checkpoint');
    const dump = await handle.pglite!.dumpDataDir('none');
    await mkdir(cacheDir, { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, path);
  } finally {
    await handle.close();
  }
  // Each edit makes another (44 MB): those no run has set out from in the last ten minutes go. A
  // run still going that finds its own gone opens the migrated template instead (test-database.ts).
  for (const file of await readdir(cacheDir)) {
    const other = join(cacheDir, file);
    if (!file.startsWith(REFERENCE_PREFIX) || other === path || file.endsWith('.partial')) continue;
    const age = Date.now() - (await stat(other).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > 10 * 60_000) await rm(other, { force: true });
  }
  return path;
}

export default async function setup(project: TestProject): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteTemplatePath', null);
    project.provide('pgliteReferenceTemplatePath', null);
    return;
  }
  const migrated = await buildPGliteTemplate();
  const reference = await buildReferenceTemplate(migrated);
  project.provide('pgliteTemplatePath', migrated);
  project.provide('pgliteReferenceTemplatePath', reference);
}
