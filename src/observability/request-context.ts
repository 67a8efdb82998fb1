// The request a piece of work is done for, carried through async calls (AsyncLocalStorage), so
// that an audit event or a log line far from the HTTP layer can name the request that caused it.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs fn with the request's context; work it starts (awaited or not) sees the same context. */
export const withRequestContext = <T>(context: RequestContext, fn: () => T): T => storage.run(context, fn);

/** The id of the request being served, or null outside one (the CLI, start-up, timers). */
export const currentRequestId = (): string | null => storage.getStore()?.requestId ?? null;
