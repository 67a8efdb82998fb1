// One JSON log line per request (pino): its id, method, path (never the query string, which can
// hold personal data), status and duration. The id is set for the whole of the request's work
// (request context), answered in X-Request-Id, shown on error pages and stored with audit events.
import type { MiddlewareHandler } from 'hono';
import { randomUUID } from 'node:crypto';
import { logger } from '../observability/logger.ts';
import { withRequestContext } from '../observability/request-context.ts';
import type { AppEnv } from './auth.ts';

/** A caller's own id (a proxy's) is kept only when it is a short plain token; anything else is replaced. */
export const requestIdFrom = (incoming: string | undefined): string =>
  incoming && /^[A-Za-z0-9][A-Za-z0-9._-]{7,63}$/.test(incoming) ? incoming : randomUUID();

export function requestLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = requestIdFrom(c.req.header('x-request-id'));
    const started = performance.now();
    c.set('requestId', requestId);
    // Set before the response is made, so that every response the context makes carries it. Setting
    // a header on a finished response remakes it, reading back its whole body (~3 ms for a page).
    c.header('X-Request-Id', requestId);
    await withRequestContext({ requestId }, next);
    if (c.res.headers.get('X-Request-Id') !== requestId) c.header('X-Request-Id', requestId); // one made without the context
    logger.info({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, durationMs: Math.round((performance.now() - started) * 10) / 10 }, 'request');
  };
}
