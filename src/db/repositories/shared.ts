// Small helpers shared by the repositories.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** A database handle or an open transaction (a Transaction is a Kysely). */
export type Db = Kysely<Database>;

/** Runs `fn` in the caller's transaction if `db` is one, otherwise in a new transaction. */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** JSON text for a jsonb parameter (both drivers pass a string through unchanged). */
export const toJson = (value: unknown): string => JSON.stringify(value);

/** JSON text, or null for null/undefined. */
export const toJsonOrNull = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);
