// Brings a database's schema up to the newest migration, with Kysely's Migrator (which takes a lock,
// so two processes starting together don't both migrate).
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';
import { migrations } from './migrations/index.ts';

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly all: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.all;
  }
}

export function createMigrator(db: Kysely<any>): Migrator {
  // Migrations written on parallel branches land in any order; each is independent by design,
  // so one that arrives after a later-numbered one has run still runs rather than blocking start-up.
  return new Migrator({ db, provider: new InCodeMigrationProvider(migrations), allowUnorderedMigrations: true });
}

export class MigrationFailedError extends Error {
  constructor(
    readonly results: readonly MigrationResult[],
    override readonly cause: unknown,
  ) {
    const failed = results.find((r) => r.status === 'Error');
    super(`Database migration ${failed ? `"${failed.migrationName}" ` : ''}failed: ${(cause as Error)?.message ?? cause}`, {
      cause,
    });
    this.name = 'MigrationFailedError';
  }
}

/** True when every migration has run: two small queries, where the Migrator reads the catalogue and takes its lock. */
async function upToDate(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (!rows[0]?.present) return false;
  const applied = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name));
  return Object.keys(migrations).every((name) => applied.has(name));
}

/** Runs every pending migration; returns the names of those it ran (none when up to date). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (await upToDate(db)) return []; // most starts: nothing to run
  const { error, results = [] } = await createMigrator(db).migrateToLatest();
  if (error) throw new MigrationFailedError(results, error);
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
