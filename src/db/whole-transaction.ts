// One transaction around work made of use cases that each open their own, so that all of it
// commits or none does: a use case's `inTransaction` joins the transaction it is given. For work
// done in the background (the demonstration data after the start), an abort signal stops it at its
// next query, which rolls all of it back, and it gives way to the event loop between queries:
// embedded PGlite runs each query on this thread, and work that never yields would keep the server
// from answering even pages that read nothing from the database.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Db } from './repositories/index.ts';

export interface BackgroundWork {
  /** Stops the work at its next query (the transaction rolls back). */
  signal: AbortSignal;
  /** Gives way to the event loop once this many milliseconds have passed since it last did (default 20). */
  yieldAfterMs?: number;
}

class BackgroundPlugin implements KyselyPlugin {
  #since = performance.now();
  constructor(private readonly work: BackgroundWork) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.work.signal.throwIfAborted();
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (performance.now() - this.#since >= (this.work.yieldAfterMs ?? 20)) {
      await new Promise((resolve) => setImmediate(resolve));
      this.#since = performance.now();
    }
    return args.result;
  }
}

/** Runs `fn` in one transaction that the use cases it calls join. */
export function inWholeTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>, background?: BackgroundWork): Promise<T> {
  background?.signal.throwIfAborted();
  return db.transaction().execute((trx) => fn(background ? trx.withPlugin(new BackgroundPlugin(background)) : trx));
}
