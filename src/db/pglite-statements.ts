// Statements run on PGlite as named prepared statements, kept by their SQL text for as long as the
// Kysely that runs them. PGlite's own query() makes six calls into the engine for every statement
// (parse, describe, bind, describe, execute, sync) and has PostgreSQL parse and plan it each time;
// here a statement seen before is one call (bind, describe, execute, sync) that PostgreSQL runs from
// its plan cache, and a new one is two. Rows, errors and the values sent are as query() gives them:
// the same protocol messages, PGlite's own serialisers for the parameters' types and its own parser
// for the results. Measured: a one-row select by key 0.20 -> 0.08 ms of CPU; the statements of the
// access matrix test (11,839, 227 distinct) 10-13 s -> 5.8-6.3 s.
import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';

const { serialize } = protocol;

// Statements PostgreSQL can keep a plan for; anything else runs unnamed, and anything but
// transaction control, SET and SHOW (DDL, that is) forgets every kept statement, as it may change
// what a statement returns. A statement given an array runs unnamed too, planned for its values
// every time: kept, PostgreSQL would from its sixth run keep a plan made for any values, which
// compares each row with the array's elements one by one where a plan for the values given looks
// them up in a hash (EXPLAIN (GENERIC_PLAN) shows it; the bulk re-rate, 3 million answers against
// the counted items: 1.1 -> 2.1 times its floor from the sixth run on, measured).
const KEEPABLE = /^\s*\(*\s*(select|insert|update|delete|with|values)\b/i;
const CHANGES_NO_TABLE = /^\s*(begin|start|commit|end|rollback|abort|savepoint|release|set|show)\b/i;
// A kept statement whose table changed shape under it (PostgreSQL refuses it rather than re-plan),
// or one the session no longer has (DISCARD ALL or DEALLOCATE run on the PGlite directly).
const gone = (error: unknown) =>
  error instanceof Error && 'code' in error && ((error.code === '0A000' && error.message.includes('cached plan must not change result type')) || error.code === '26000');
/**
 * Distinct statements kept, each with its plans in the engine's memory (~14 KB measured): the app runs ~230
 * (the access matrix test's 283 routes); an IN list of each length is one. The least recently used go first.
 */
const MAX_KEPT = 500;

let sessions = 0;

interface Kept {
  name: string;
  types: number[];
}

export class PGliteStatements {
  readonly #kept = new Map<string, Kept>();
  /** Kept statements to close with the next message: evicted, or forgotten after DDL. */
  #closing: string[] = [];
  readonly #prefix = `kysely_${++sessions}_`;
  #next = 0;

  constructor(
    private readonly pglite: PGlite,
    private readonly maxKept = MAX_KEPT,
  ) {}

  /** Runs one statement as PGlite's query() would, with rows as objects. */
  run<R>(sql: string, params: readonly unknown[]): Promise<Results<R>> {
    return this.pglite.runExclusive(async () => {
      if (!KEEPABLE.test(sql)) {
        const result = await this.#unnamed<R>(sql, params);
        if (!CHANGES_NO_TABLE.test(sql)) this.forgetAll();
        return result;
      }
      if (params.some(Array.isArray)) return this.#unnamed<R>(sql, params);
      try {
        return await this.#named<R>(sql, params);
      } catch (error) {
        // Outside a transaction the statement can be prepared again; inside, the transaction is lost anyway.
        if (!gone(error) || this.pglite.isInTransaction()) throw error;
        this.forgetAll();
        return this.#named<R>(sql, params);
      }
    });
  }

  /** Forgets every kept statement, closing each in PostgreSQL with the next message sent. */
  forgetAll(): void {
    for (const kept of this.#kept.values()) this.#closing.push(kept.name);
    this.#kept.clear();
  }

  /** Closes the kept statements in PostgreSQL (the Kysely is done with this PGlite, which stays open). */
  async close(): Promise<void> {
    this.forgetAll();
    if (!this.#closing.length || this.pglite.closed) return;
    await this.pglite.runExclusive(() => this.#send([serialize.sync()], '', []));
  }

  async #named<R>(sql: string, params: readonly unknown[]): Promise<Results<R>> {
    let kept = this.#kept.get(sql);
    if (kept) {
      this.#kept.delete(sql); // most recently used last
      this.#kept.set(sql, kept);
    } else {
      const name = `${this.#prefix}${++this.#next}`;
      kept = { name, types: await this.#prepare(name, sql, params) };
      this.#kept.set(sql, kept);
      if (this.#kept.size > this.maxKept) {
        const [oldest, { name: evicted }] = this.#kept.entries().next().value as [string, Kept];
        this.#kept.delete(oldest);
        this.#closing.push(evicted);
      }
    }
    return this.#execute<R>(kept.name, sql, params, kept.types);
  }

  async #unnamed<R>(sql: string, params: readonly unknown[]): Promise<Results<R>> {
    // Without parameters there are no types to ask for: parse and run in one call.
    if (!params.length) return this.#execute<R>('', sql, params, [], [serialize.parse({ text: sql })]);
    return this.#execute<R>('', sql, params, await this.#prepare('', sql, params));
  }

  /** Parses the statement under this name; the types PostgreSQL gave its parameters. */
  async #prepare(name: string, sql: string, params: readonly unknown[]): Promise<number[]> {
    const described = await this.#send([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()], sql, params);
    return parse.parseDescribeStatementResults(described);
  }

  async #execute<R>(name: string, sql: string, params: readonly unknown[], types: number[], before: Uint8Array[] = []): Promise<Results<R>> {
    const messages = await this.#send(
      [...before, serialize.bind({ statement: name, values: this.#values(params, types) }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()],
      sql,
      params,
    );
    return parse.parseResults(messages, this.pglite.parsers, { rowMode: 'object' })[0] as Results<R>;
  }

  /** Parameters as query() sends them: by PGlite's serialiser for the type PostgreSQL gave each. */
  #values(params: readonly unknown[], types: number[]): (string | null)[] {
    return params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = this.pglite.serializers[types[i]!];
      return serializer ? serializer(value) : (value as { toString(): string }).toString(); // as query() does
    });
  }

  /** One call into the engine with these messages (after any Close due), then written to disk as query() would. */
  async #send(messages: Uint8Array[], sql: string, params: readonly unknown[]) {
    const closing = this.#closing.map((name) => serialize.close({ type: 'S', name }));
    this.#closing = [];
    const parts = [...closing, ...messages];
    const message = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) message.set(part, (at += part.length) - part.length);
    try {
      return await this.pglite.execProtocolStream(message, { syncToFs: !this.pglite.isInTransaction() });
    } catch (error) {
      // As query() does: the statement and its values on the error, for the log.
      if (error && typeof error === 'object' && 'code' in error) Object.assign(error, { query: sql, params });
      throw error;
    }
  }
}
