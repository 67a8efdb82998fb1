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

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data-directory dump, or null when testing against a PostgreSQL server. */
    pgliteTemplatePath: string | null;
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

export default async function setup(project: TestProject): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteTemplatePath', null);
    return;
  }
  project.provide('pgliteTemplatePath', await buildPGliteTemplate());
}
