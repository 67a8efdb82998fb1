// The inspection programme's pages, one file a page in programme/: the overview, PDU cycle plans
// (the calendar by week and team, regions, moving and pinning, planning inputs), the registry of
// services, youth justice selections, programme years with their thematic and research topics, and
// the consultation with its questions and responses. Programme managers and administrators plan;
// analysts and inspectors read; administrators change the registry's facts. Its JSON API is in
// api-programme.ts, under /api.
import { Hono } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import type { AppEnv } from '../auth.ts';
import { consultationResponseRoutes } from './programme/consultation-responses.ts';
import { consultationRoutes } from './programme/consultation.ts';
import { cycleMoveRoutes } from './programme/cycle-moves.ts';
import { cycleSettingsRoutes } from './programme/cycle-settings.ts';
import { cycleRoutes } from './programme/cycles.ts';
import { overviewRoutes } from './programme/overview.ts';
import { registryResultRoutes } from './programme/registry-result.ts';
import { registryRoutes } from './programme/registry.ts';
import { topicRoutes } from './programme/topics.ts';
import { yearRoutes } from './programme/years.ts';
import { youthRoutes } from './programme/youth.ts';

export function programmeRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  for (const part of [overviewRoutes, cycleRoutes, cycleMoveRoutes, cycleSettingsRoutes, registryRoutes, registryResultRoutes, youthRoutes, yearRoutes, topicRoutes, consultationRoutes, consultationResponseRoutes]) routes.route('/', part(db));
  return routes;
}
