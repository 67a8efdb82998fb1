// A head start for the first `npm start` on an empty data folder: PGlite's initdb, every migration
// and the reference data take most of a first start (about 15 s of CPU on a 2-core machine), and
// they come out the same on every machine. The build (scripts/build.mjs) makes them once into a
// dump of the data folder, kept under node_modules/.cache and made again only when the migrations,
// the reference files or PGlite change; a start on an empty folder begins from that dump. Nothing
// is taken on trust: the start still checks the migrations and the reference digest as on any
// start, so a dump from older code only means more of the usual work. The command line begins an
// empty folder (`npx inspectorate … --data-dir`) from it the same way (firstStartOptions).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFolderDump } from '../db/data-folder-dump.ts';
import type { OpenDatabaseOptions } from '../db/database.ts';
import { referenceFilesDigest } from '../reference/digest.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'inspectorate');
export const FIRST_START_DUMP = join(cacheDir, 'first-start-database.tar');

/** What the dump depends on: the migrations' code (as run: compiled or not), the reference files, PGlite's version and how it is made. */
export function firstStartKey(): string {
  const migrations = fileURLToPath(new URL('../db/migrations/', import.meta.url));
  const hash = createHash('sha256');
  for (const name of readdirSync(migrations).sort()) hash.update(`\0${name}\0`).update(readFileSync(join(migrations, name)));
  // The package exports no package.json: its entry point's folder's own is read instead.
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const pglite = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string };
  // 'checkpointed': how the dump is made (ensureFirstStartDump), so one made before is made again.
  return hash.update(`\0pglite ${pglite.version}\0checkpointed\0`).update(referenceFilesDigest('first-start')).digest('hex');
}

/** The dump to begin an empty data folder from, when the build made one (whatever its age: the start's own checks bring it up to date). */
export function firstStartDump(dataDir: string, path = FIRST_START_DUMP): Blob | undefined {
  if (existsSync(join(dataDir, 'PG_VERSION')) || !existsSync(path)) return undefined;
  return new DataFolderDump(readFileSync(path));
}

/**
 * How a start opens its database, the server's (src/main.ts) and a command's (src/cli/database.ts)
 * alike: an embedded data folder with no database in it yet begins from the build's dump when there
 * is one (then migrated and its reference digest checked as on any open), else initdb as ever.
 * Options for a PostgreSQL server, for no folder, or with data of their own to load (a backup being
 * restored) are used as they are.
 */
export function firstStartOptions(options: OpenDatabaseOptions, path = FIRST_START_DUMP): OpenDatabaseOptions {
  if (options.url || !options.dataDir || options.loadDataDir || options.pgliteFs) return options;
  const dump = firstStartDump(options.dataDir, path);
  return dump ? { ...options, loadDataDir: dump } : options;
}

/**
 * Makes the dump (migrated, reference data loaded) unless the one there was made from the same
 * migrations, reference files and PGlite. `beginFrom` (tests) is a data folder dump to open instead
 * of running initdb: it is migrated to the latest all the same.
 */
export async function ensureFirstStartDump(path = FIRST_START_DUMP, beginFrom?: Blob): Promise<'made' | 'current'> {
  const key = firstStartKey();
  const keyFile = `${path}.key`;
  if (existsSync(path) && existsSync(keyFile) && readFileSync(keyFile, 'utf8').trim() === key) return 'current';
  // The database code only to make one: a build that finds the dump current stays quick.
  const [{ openDatabase }, { loadReferenceData }] = await Promise.all([import('../db/database.ts'), import('./reference-data.ts')]);
  const handle = await openDatabase(beginFrom ? { loadDataDir: beginFrom } : {});
  try {
    await loadReferenceData(handle.db);
    // Checkpointed, so a start from the dump redoes no WAL since initdb's checkpoint (the
    // migrations' and the reference data's writes): ~0.1 s of CPU less on each first start.
    await handle.pglite!.exec('CHECKPOINT');
    const dump = Buffer.from(await (await handle.pglite!.dumpDataDir('none')).arrayBuffer());
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.part`, dump);
    renameSync(`${path}.part`, path); // never half a dump under the name a start reads
    writeFileSync(keyFile, `${key}\n`);
    return 'made';
  } finally {
    await handle.close();
  }
}
