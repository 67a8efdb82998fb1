// A programme year's thematic and research topics: adding, changing (with the ranking's parts) and
// removing one.
import { Hono } from 'hono';
import type { Db } from '../../../db/repositories/index.ts';
import { TOPIC_KIND_NAMES, TOPIC_KINDS } from '../../../domain/programme/programme-words.ts';
import { removeTopic, requireTopic, saveTopic, topicFromForm, yearTopics } from '../../../services/programme/years.ts';
import { scoreSelects, topicPartsRows } from '../../../presenters/programme-pages.ts';
import { actingUser } from '../../access.ts';
import type { AppEnv } from '../../auth.ts';
import { withFlash } from '../../flash.ts';
import { fieldErrors } from '../../form-errors.ts';
import { page } from '../../render.ts';
import { pathId, plan, type C } from './common.ts';
import { errorsOf, formRoute, status, titled, type Failure, type Values } from './form.ts';
import { yearId } from './years.ts';

const topicId = (c: C) => pathId(c, 'topicId', 'a topic');

export function topicRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const topicPage = async (c: C, id: number | null, failed?: Failure) => {
    plan(c);
    const { year, ranked } = await yearTopics(db, yearId(c));
    const topic = id === null ? undefined : await requireTopic(db, year.id, id);
    const result = ranked.find((t) => t.topic.id === id);
    const values: Values = failed?.values ?? {
      title: topic?.title ?? '',
      kind: topic?.slot ?? '',
      size: String(topic?.size ?? 1),
      committed: topic?.committed ? 'yes' : 'no',
      jointWith: topic?.jointWith ?? '',
      summary: topic?.summary ?? '',
      ...Object.fromEntries(Object.entries(topic?.scores ?? {}).map(([k, v]) => [`score-${k}`, String(v)])),
    };
    const errors = errorsOf(failed);
    const fe = fieldErrors(errors);
    return page(
      c,
      'programme-topic.njk',
      {
        title: titled(topic ? `Change topic: ${topic.title}` : 'Add a topic', failed),
        activeNav: 'programme',
        section: 'years',
        year,
        topic,
        result: result && { ...result, partsRows: topicPartsRows(result) },
        action: topic ? `/programme/years/${year.id}/topics/${topic.id}` : `/programme/years/${year.id}/topics`,
        values,
        errors,
        fieldErrors: fe,
        kindItems: TOPIC_KINDS.map((k) => ({ value: k, text: TOPIC_KIND_NAMES[k], checked: values.kind === k })),
        thematicScores: scoreSelects('fieldwork', values, fe),
        researchScores: scoreSelects('research', values, fe),
      },
      status(failed),
    );
  };
  routes.get('/programme/years/:id/topics/new', (c) => topicPage(c, null));
  routes.post(
    '/programme/years/:id/topics',
    formRoute({
      guard: plan,
      form: 'topic',
      save: async (c, values) => {
        await saveTopic(db, yearId(c), null, topicFromForm(values), actingUser(c));
        return `/programme/years/${yearId(c)}`;
      },
      flash: 'topic-saved',
      again: (c, failed) => topicPage(c, null, failed),
    }),
  );
  routes.get('/programme/years/:id/topics/:topicId', (c) => topicPage(c, topicId(c)));
  routes.post(
    '/programme/years/:id/topics/:topicId',
    formRoute({
      guard: plan,
      form: 'topic',
      save: async (c, values) => {
        await saveTopic(db, yearId(c), topicId(c), topicFromForm(values), actingUser(c));
        return `/programme/years/${yearId(c)}`;
      },
      flash: 'topic-saved',
      again: (c, failed) => topicPage(c, topicId(c), failed),
    }),
  );
  routes.post('/programme/years/:id/topics/:topicId/remove', async (c) => {
    plan(c);
    const id = yearId(c);
    await removeTopic(db, id, topicId(c), actingUser(c));
    return c.redirect(withFlash(`/programme/years/${id}`, 'topic-removed'), 303);
  });

  return routes;
}
