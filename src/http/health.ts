// Health checks for whatever runs the service (a load balancer, an orchestrator): unauthenticated,
// cheap, and before the session look-up. /health says the process is up; /health/ready that the
// database answers and its schema is current.
import { Hono } from 'hono';
import type { Db } from '../db/repositories/index.ts';
import { serviceReadiness } from '../services/readiness.ts';
import type { AppEnv } from './auth.ts';

export function healthRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/health', (c) => c.json({ status: 'ok' }, 200, { 'Cache-Control': 'no-store' }));
  routes.get('/health/ready', async (c) => {
    const readiness = await serviceReadiness(db);
    return readiness.ready
      ? c.json({ status: 'ready' }, 200, { 'Cache-Control': 'no-store' })
      : c.json({ status: 'not-ready', reason: readiness.reason }, 503, { 'Cache-Control': 'no-store' });
  });
  return routes;
}
