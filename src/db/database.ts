// Opens the database: a PostgreSQL server through a `pg` Pool when given a postgres:// URL, otherwise
// embedded PGlite (persisted in a folder, or in memory). Either way the schema is migrated to the
// newest version before the handle is returned, and values read back have the same JS types:
//   int8 (count(*), sum(int), bigserial) → number   date → 'YYYY-MM-DD' string
//   timestamptz → Date   json/jsonb → parsed value   numeric → string
import { resolve } from 'node:path';
import { PGlite, types as pgliteTypes, type PGliteOptions } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { dumpBytes, unpackDataFolderDump } from './data-folder-dump.ts';
import { lockDataFolder, prepareDataFolder, type DataFolderLock, type LockHolder } from './data-folder-lock.ts';
import { migrateToLatest } from './migrate.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { pgliteEngine } from './pglite-engine.ts';
import type { Database } from './schema.ts';

export { migrateToLatest } from './migrate.ts';
export { DataFolderDump } from './data-folder-dump.ts';
export type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface OpenDatabaseOptions {
  /** postgres:// or postgresql:// URL of a PostgreSQL server. Takes precedence over the others. */
  url?: string;
  /** Folder PGlite keeps its data in (created, with its parents, if missing). */
  dataDir?: string;
  /** A PGlite data-directory dump (`dumpDataDir()`) to start from, e.g. a migrated template (a DataFolderDump when read from a file: data-folder-dump.ts). */
  loadDataDir?: Blob | File;
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
  /** What this process is, named to a second process refused the same data folder (default: its command line). */
  holder?: LockHolder;
  /** The data folder's lock when the caller took it already (restoring a backup); released on close. */
  lock?: DataFolderLock;
  /** A PGlite file system to open in memory instead of a folder (the storage tests: a template's files). */
  pgliteFs?: PGliteOptions['fs'];
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Ends every connection; for PGlite also shuts the engine down (an open one keeps Node alive). */
  close(): Promise<void>;
  /**
   * The embedded engine, for `dumpDataDir()` and the like; undefined on a server. Queries made on
   * it directly bypass the dialect's lock, so don't run them while the app is serving requests.
   */
  pglite?: PGlite;
}

const OID = { INT8: 20, DATE: 1082, INT8_ARRAY: 1016, DATE_ARRAY: 1182, INT4_ARRAY: 1007, TEXT_ARRAY: 1009 };

export const isPostgresUrl = (url: string | undefined): boolean => !!url && /^postgres(ql)?:\/\//i.test(url);

/** Type parsers for `pg` matching what PGlite returns (with the date parser below). */
const typeParsersOf = (pg: typeof import('pg').default): pg.CustomTypesConfig => ({
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary') {
      if (oid === OID.INT8) return Number;
      if (oid === OID.DATE) return (value: string) => value;
      if (oid === OID.INT8_ARRAY) return pg.types.getTypeParser(OID.INT4_ARRAY) as (value: string) => number[]; // numbers
      if (oid === OID.DATE_ARRAY) return pg.types.getTypeParser(OID.TEXT_ARRAY) as (value: string) => string[]; // strings
    }
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
});

/**
 * PGlite's own start parameters with shared_buffers of 16 MB instead of initdb's 128 MB: PGlite's
 * Postgres sets up the whole buffer pool in WebAssembly memory at every open (~0.09 s of CPU at
 * 128 MB on a restart), and the app's database is a few tens of MB read from the data folder. Making
 * the demonstration data took no longer (11.2 s of CPU against 11.7). The storage tests' template
 * has the same setting (test/support/storage-global-setup.ts).
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/** PGlite parses `date` into a Date at UTC midnight; keep the text instead (int8 is already a number). */
const pgliteParsers = { [pgliteTypes.DATE]: (value: string) => value };

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url && !isPostgresUrl(options.url)) {
    throw new Error(`Database URL must start with postgres:// or postgresql:// (got "${options.url.split(':')[0]}:…")`);
  }
  const handle = options.url ? await openPostgres(options.url) : await openPGlite(options);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(handle.db);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  // `pg` only when there is a server to talk to: the embedded database's starts don't load it.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, types: typeParsersOf(pg), application_name: 'inspectorate' });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', (error) => console.error('PostgreSQL pool error:', error.message));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed: Promise<void> | undefined;
  return { db, kind: 'postgres', close: () => (closed ??= db.destroy()) };
}

async function openPGlite(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  // A folder is one process's at a time (data-folder-lock.ts); in memory nothing is shared.
  let lock = options.lock;
  if (dataDir && !lock) {
    prepareDataFolder(dataDir);
    lock = lockDataFolder(dataDir, options.holder ?? { kind: 'other', what: process.argv.slice(1).join(' ') });
  }
  let pglite: PGlite;
  try {
    // A dump for a folder on disk is unpacked into it here, PGlite then opening the folder as any
    // other (data-folder-dump.ts: ~0.1 s of CPU for the first-start dump against ~0.7 s through
    // PGlite's loader); one for a database in memory is PGlite's to load.
    if (dataDir && options.loadDataDir) unpackDataFolderDump(await dumpBytes(options.loadDataDir), dataDir);
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir && !dataDir ? { loadDataDir: options.loadDataDir } : {}),
      ...(options.pgliteFs ? { fs: options.pgliteFs } : {}),
      parsers: pgliteParsers,
      startParams: PGLITE_START_PARAMS,
      ...(await pgliteEngine()),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  let closed: Promise<void> | undefined;
  const close = async () => {
    try {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    } finally {
      lock?.release();
    }
  };
  return { db, kind: 'pglite', close: () => (closed ??= close()), pglite };
}
