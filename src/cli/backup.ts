// `inspectorate backup FILE` and `inspectorate restore FILE [--force]`: the embedded database as
// one file (PGlite's dumpDataDir, a gzipped tar of the data folder), taken while this command holds
// the folder, so never half-way through a server's writes: both refuse while the server runs.
// Restore never writes over a database: an empty folder only, or with --force the old folder is
// moved aside (pglite.before-restore-<time>) and put back if the file cannot be loaded.
// On PostgreSQL, pg_dump and pg_restore do this job.
import type { Command } from 'commander';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { DataFolderDump } from '../db/database.ts';
import { lockDataFolder, prepareDataFolder } from '../db/data-folder-lock.ts';
import { embeddedFolder, openCliDatabase, runningCommand, type DbOptions } from './database.ts';
import { CliError, readBytes } from './io.ts';
import { print } from './programme.ts';

/** Backups are read whole into memory by PGlite; this bounds a wrong file, not a real database. */
const MAX_BACKUP_BYTES = 4 * 1024 * 1024 * 1024 - 1;

const embeddedOnly = (o: DbOptions, what: string) => {
  if (o.databaseUrl) throw new CliError(`${what} is for the embedded database; on a PostgreSQL server use pg_dump and pg_restore`, 2);
};
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function registerBackupCommands(program: Command, dbOptions: () => DbOptions): void {
  program
    .command('backup')
    .description('write the embedded database to a file (a gzipped tar); refused while the server runs')
    .argument('<file>', 'the backup file to write')
    .action(async (file: string) => {
      const o = dbOptions();
      embeddedOnly(o, 'backup');
      const folder = embeddedFolder(o);
      if (!existsSync(`${folder}/PG_VERSION`)) throw new CliError(`There is no embedded database in ${folder} to back up`);
      const handle = await openCliDatabase(o, { migrate: false }); // as it is: a backup changes nothing
      try {
        const dump = Buffer.from(await (await handle.pglite!.dumpDataDir('gzip')).arrayBuffer());
        const partial = `${file}.partial-${process.pid}`;
        writeFileSync(partial, dump);
        renameSync(partial, file); // a backup file is whole or absent
        print(`Backed up ${folder} to ${file} (${megabytes(dump.length)})`);
      } finally {
        await handle.close();
      }
    });

  program
    .command('restore')
    .description('load a backup into the embedded database folder, which must be empty (or give --force)')
    .argument('<file>', 'a file written by inspectorate backup')
    .option('--force', 'replace the database in the folder, keeping the old folder beside it')
    .action(async (file: string, options: { force?: boolean }) => {
      const o = dbOptions();
      embeddedOnly(o, 'restore');
      const backup = readBytes(file, MAX_BACKUP_BYTES);
      const folder = embeddedFolder(o);
      mkdirSync(dirname(folder), { recursive: true });
      prepareDataFolder(folder);
      const lock = lockDataFolder(folder, { kind: 'command', what: runningCommand() });
      let aside: string | undefined;
      try {
        if (readdirSync(folder).length) {
          if (!options.force) throw new CliError(`${folder} already holds a database: give --force to replace it (the old folder is kept beside it)`);
          aside = `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
          renameSync(folder, aside);
        }
        const handle = await openCliDatabase(o, { loadDataDir: new DataFolderDump(backup), lock: { file: lock.file, release: () => undefined } });
        try {
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from inspection`.execute(handle.db);
          print(`Restored ${file} into ${folder}: ${rows[0]!.n} inspection${rows[0]!.n === 1 ? '' : 's'}${aside ? `; the database it replaced is kept in ${aside}` : ''}`);
        } finally {
          await handle.close();
        }
      } catch (e) {
        // Nothing half-loaded stays: the folder is as it was.
        if (aside) {
          rmSync(folder, { recursive: true, force: true });
          renameSync(aside, folder);
        } else if (!(e instanceof CliError)) rmSync(folder, { recursive: true, force: true });
        if (e instanceof CliError) throw e;
        throw new CliError(`${file} could not be restored: ${(e as Error).message.split('\n')[0]}; ${folder} is as it was`);
      } finally {
        lock.release();
      }
    });
}
