// The command line's database: the PostgreSQL server named by --database-url, or the embedded one
// in --data-dir, which a command holds while it runs (data-folder-lock.ts): a running server, or
// another command, refuses it and says so. Reads are refused too: a copy of a folder another
// process is writing is not a consistent database, so read through the web app or API meanwhile.
// An empty folder begins from the build's migrated database, as the server's first start does.
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from '../db/database.ts';
import { firstStartOptions } from '../services/first-start-database.ts';
import { loadReferenceData } from '../services/reference-data.ts';

export interface DbOptions {
  databaseUrl?: string;
  dataDir: string;
  /** A database already open, migrated and loaded with the reference data (runCli's caller's): used as it is and left open. */
  open?: DatabaseHandle;
}

export const embeddedFolder = (options: DbOptions): string => resolve(options.dataDir, 'pglite');

/** The command being run ("inspectorate import"), as the lock names it to another process. */
let running = 'inspectorate';
export const noteRunningCommand = (command: Command): void => {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  running = names.join(' ');
};
export const runningCommand = () => running;

/** Opens the database as the server's start does (firstStartOptions): an empty embedded folder begins from the build's dump when there is one; restore's backup (`loadDataDir`) is loaded instead. */
export function openCliDatabase(options: DbOptions, more: Pick<OpenDatabaseOptions, 'migrate' | 'loadDataDir' | 'lock'> = {}): Promise<DatabaseHandle> {
  return openDatabase(firstStartOptions(options.databaseUrl ? { url: options.databaseUrl, ...more } : { dataDir: embeddedFolder(options), holder: { kind: 'command', what: running }, ...more }));
}

/** Who the audit trail says acted: the command line and its user. */
export const actor = () => `cli:${process.env.INSPECTORATE_USER ?? userInfo().username}`;

/** Opens the database, brings the reference data up to date (renames due included), runs `fn`, and closes it; or runs `fn` on the database given open. */
export async function withDatabase<T>(options: DbOptions, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  if (options.open) return fn(options.open);
  const handle = await openCliDatabase(options);
  try {
    await loadReferenceData(handle.db, actor());
    return await fn(handle);
  } finally {
    await handle.close();
  }
}
