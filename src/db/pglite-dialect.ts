// The project's Kysely dialect for PGlite. PGlite is one PostgreSQL session, so the driver hands out
// its single connection under a mutex: a transaction (or `db.connection()`) holds PGlite exclusively
// from BEGIN to COMMIT/ROLLBACK and every other query waits its turn. Without the lock an
// autocommit query from another request would run inside the open transaction and share its fate
// (the bug that ruled out the kysely-pglite package).
//
// Consequence for callers: inside `db.transaction().execute(async (trx) => …)` use `trx` only.
// A query on the outer `db` there waits for the lock the transaction holds and never runs.
//
// Statements run as named prepared statements kept by their SQL text (pglite-statements.ts): one
// call into the engine each, and planned once (those given an array, for its values every time),
// where PGlite's query() makes six and plans each time.
import type { PGlite } from '@electric-sql/pglite';
import { PGliteStatements } from './pglite-statements.ts';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

export interface PGliteDialectConfig {
  /** The PGlite instance, or a function creating it when Kysely first needs it. */
  pglite: PGlite | (() => Promise<PGlite>);
  /** Close the PGlite instance when Kysely is destroyed (default false: its creator closes it). */
  closeOnDestroy?: boolean;
}

export class PGliteDialect implements Dialect {
  constructor(private readonly config: PGliteDialectConfig) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.config);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

/** A first-come first-served lock. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  /** Resolves, once every earlier holder has released, with the function that releases the lock. */
  lock(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => released);
    return acquired;
  }
}

const SLOW_LOCK_MS = 30_000;
const SLOW_LOCK_WARNING =
  `PGlite: a query has waited ${SLOW_LOCK_MS / 1000} s for the connection. If it never runs, code inside ` +
  'db.transaction().execute(trx => …) is using the outer db instead of trx (the transaction holds PGlite).';

const AFFECTING = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

class PGliteConnection implements DatabaseConnection {
  readonly statements: PGliteStatements;
  constructor(pglite: PGlite) {
    this.statements = new PGliteStatements(pglite);
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.statements.run<R>(compiledQuery.sql, compiledQuery.parameters);
    const command = (result as { command?: string }).command?.toUpperCase();
    if (command && AFFECTING.has(command)) {
      return { rows: result.rows ?? [], numAffectedRows: BigInt(result.affectedRows ?? 0) };
    }
    return { rows: result.rows ?? [] };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) throw new Error('chunkSize must be a positive integer');
    // PGlite has no cursors over its query API: run the query, then hand the rows out in chunks.
    const { rows } = await this.executeQuery<R>(compiledQuery);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}

class PGliteDriver implements Driver {
  readonly #mutex = new Mutex();
  #pglite: PGlite | undefined;
  #connection: PGliteConnection | undefined;
  #release: (() => void) | undefined;

  constructor(private readonly config: PGliteDialectConfig) {}

  async init(): Promise<void> {
    const { pglite } = this.config;
    this.#pglite = typeof pglite === 'function' ? await pglite() : pglite;
    this.#connection = new PGliteConnection(this.#pglite);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // A wait this long is most often a query on the outer `db` inside a transaction: say so.
    const warning = setTimeout(() => console.warn(SLOW_LOCK_WARNING), SLOW_LOCK_MS);
    warning.unref();
    const release = await this.#mutex.lock().finally(() => clearTimeout(warning));
    if (!this.#connection) {
      release();
      throw new Error('PGlite driver has been destroyed');
    }
    this.#release = release;
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      sql = 'start transaction';
      if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) sql += ` ${settings.accessMode}`;
    }
    await connection.executeQuery(CompiledQuery.raw(sql));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
  }

  async destroy(): Promise<void> {
    // Wait for whoever holds the connection (a transaction in flight) to finish.
    const release = await this.#mutex.lock();
    const pglite = this.#pglite;
    const connection = this.#connection;
    this.#connection = undefined;
    this.#pglite = undefined;
    release();
    if (pglite && this.config.closeOnDestroy && !pglite.closed) await pglite.close();
    else await connection?.statements.close(); // the PGlite lives on: its session keeps no statement of ours
  }
}

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
