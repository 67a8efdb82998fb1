// The inspection programme's JSON API, mounted at /api/programme: the registry, PDU cycles with
// their revisions, youth risk scores and selections, programme years with their topics and
// consultation. Whoever may read the programme's pages may read it.
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../../db/repositories/index.ts';
import { checkPlan } from '../../domain/programme/cycle-check.ts';
import { consultationDocument, consultationResponses, numberedQuestions } from '../../services/programme/consultation.ts';
import { cycleRevisions, getCycleState, listCycleSummaries } from '../../services/programme/cycles.ts';
import { getServiceRecord, listRegistry } from '../../services/programme/registry.ts';
import { listYears, yearTopics } from '../../services/programme/years.ts';
import { getStoredSelection, listStoredSelections, repeatsExactly, youthScores } from '../../services/programme/youth.ts';
import { registryJson, serviceRecordJson } from '../../presenters/registry-json.ts';
import type { AppEnv } from '../auth.ts';
import { nextProgrammeYearStart, pathId, revisionQuery, view } from './programme/common.ts';

export function apiProgrammeRoutes(db: Db): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.use(
    '*',
    createMiddleware<AppEnv>(async (c, next) => {
      view(c);
      await next();
    }),
  );

  api.get('/', (c) =>
    c.json({
      name: 'Inspection programme API',
      resources: {
        services: '/api/programme/services?q=NAME (q optional: services whose name or a former name contains it)',
        service: '/api/programme/services/{id}',
        cycles: '/api/programme/cycles',
        cycle: '/api/programme/cycles/{id}?revision=N',
        revisions: '/api/programme/cycles/{id}/revisions',
        youthScores: '/api/programme/youth/scores?asOf=YYYY-MM-DD',
        youthSelections: '/api/programme/youth/selections',
        youthSelection: '/api/programme/youth/selections/{id}',
        years: '/api/programme/years',
        topics: '/api/programme/years/{id}/topics',
        consultation: '/api/programme/years/{id}/consultation',
      },
    }),
  );
  api.get('/services', async (c) => {
    const registry = await listRegistry(db, undefined, { query: c.req.query('q')?.slice(0, 200) });
    return c.json(registryJson(registry.regions, registry.youthServices));
  });
  api.get('/services/:id', async (c) => c.json(serviceRecordJson(await getServiceRecord(db, pathId(c, 'id', 'a service')))));
  api.get('/cycles', async (c) =>
    c.json({ cycles: (await listCycleSummaries(db)).map((s) => ({ ...s.cycle, start: s.start, years: s.years, teams: s.teams, bookings: s.bookings, unmet: s.unmet, links: { self: `/api/programme/cycles/${s.cycle.id}` } })) }),
  );
  api.get('/cycles/:id', async (c) => {
    const state = await getCycleState(db, pathId(c, 'id', 'a PDU cycle'), revisionQuery(c));
    const { input, plan: cyclePlan } = state.shown;
    return c.json({
      ...state.cycle,
      revision: state.shown.revision,
      currentRevision: state.current.revision,
      change: state.shown.change,
      input,
      organisationIds: state.shown.organisationIds,
      plan: cyclePlan,
      check: checkPlan(input, cyclePlan),
    });
  });
  api.get('/cycles/:id/revisions', async (c) => {
    const id = pathId(c, 'id', 'a PDU cycle');
    await getCycleState(db, id);
    return c.json({ revisions: await cycleRevisions(db, id) });
  });
  api.get('/youth/scores', async (c) => {
    const asOf = c.req.query('asOf') ?? nextProgrammeYearStart();
    return c.json({ asOf, scores: await youthScores(db, asOf) });
  });
  api.get('/youth/selections', async (c) =>
    c.json({
      selections: (await listStoredSelections(db)).map((s) => ({ id: s.id, title: s.title, asOf: s.asOf, seed: s.seed, selected: s.selected.length, createdBy: s.createdBy, createdAt: s.createdAt, links: { self: `/api/programme/youth/selections/${s.id}` } })),
    }),
  );
  api.get('/youth/selections/:id', async (c) => {
    const s = await getStoredSelection(db, pathId(c, 'id', 'a youth selection'));
    return c.json({ ...s, repeatsExactly: repeatsExactly(s) });
  });
  api.get('/years', async (c) => c.json({ years: (await listYears(db)).map((y) => ({ ...y, links: { topics: `/api/programme/years/${y.id}/topics`, consultation: `/api/programme/years/${y.id}/consultation` } })) }));
  api.get('/years/:id/topics', async (c) => {
    const { year, plan: topicPlan, ranked } = await yearTopics(db, pathId(c, 'id', 'a programme year'));
    return c.json({
      year,
      resource: topicPlan.resource,
      used: topicPlan.used,
      topics: ranked.map(({ topic, ...r }) => ({ ...r, id: topic.id, kind: topic.slot, summary: topic.summary, jointWith: topic.jointWith, scores: topic.scores })),
    });
  });
  api.get('/years/:id/consultation', async (c) => {
    const doc = await consultationDocument(db, pathId(c, 'id', 'a programme year'));
    const { questions, responses } = await consultationResponses(db, doc.year.id);
    return c.json({ document: doc, questions: numberedQuestions(questions), responses });
  });

  return api;
}
