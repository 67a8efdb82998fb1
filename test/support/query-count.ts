// Counts the statements a piece of work sends to the database: a Kysely plugin on a copy of the
// handle, so a test (or the bench) can serve the app through it and say how many queries a page costs.
import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';
import type { Db } from '../../src/db/repositories/index.ts';

export interface CountingDb {
  db: Db;
  /** The statements executed since the last reset, in order (the kind of each: SelectQueryNode, RawNode, …). */
  readonly executed: string[];
  reset(): void;
}

export function countingDb(db: Db): CountingDb {
  const executed: string[] = [];
  const kinds = new WeakMap<QueryId, RootOperationNode['kind']>();
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      kinds.set(queryId, node.kind);
      return node;
    },
    // Called once per statement that reached the database (a query compiled but not run is not counted).
    transformResult: async ({ result, queryId }) => {
      executed.push(kinds.get(queryId) ?? 'unknown');
      return result;
    },
  };
  return { db: db.withPlugin(plugin), executed, reset: () => void executed.splice(0) };
}
