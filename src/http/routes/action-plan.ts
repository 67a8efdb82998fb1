// Action plans: the service's answers to the recommendations and its progress, and the next
// inspection's review of whether each earlier recommendation was met.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { canCommentOnReport, canLeadInspection, mayOpen, type Actor, type InspectionScope } from '../../domain/access/permissions.ts';
import { actionPlan, recordProgress, respondToRecommendation, reviewPreviousRecommendation } from '../../services/action-plan.ts';
import { AppError } from '../../services/errors.ts';
import { frameworkOf } from '../../services/inspections.ts';
import { addresseeNames } from '../../presenters/recommendation-addressees.ts';
import { inspectionFor, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { withFlash, type FlashKey } from '../flash.ts';
import { page } from '../render.ts';
import { dateInputItems, readDateInput, type DateParts } from '../../presenters/date-input.ts';

const RESPONSE_NAMES = { agreed: 'Agreed', 'partly-agreed': 'Partly agreed', 'not-agreed': 'Not agreed' } as const;
const OUTCOME_NAMES = { met: 'Met', 'partly-met': 'Partly met', 'not-met': 'Not met' } as const;
/** The inspected service answers; the inspection's lead may record an answer given by letter. */
const canAnswer = (actor: Actor, scope: InspectionScope) => canCommentOnReport(actor, scope) || canLeadInspection(actor, scope);

export function actionPlanRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const planPage = async (c: Context<AppEnv>, error?: { href: string; text: string }) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('action-plan'));
    const plan = await actionPlan(db, inspection.id);
    const addressees = addresseeNames((await frameworkOf(db, inspection)).regime);
    const answerable = canAnswer(actor, scope) && plan.published;
    const present = (r: (typeof plan.recommendations)[number]) => ({
      ...r,
      addressee: addressees[r.addressedTo],
      responseName: r.response && RESPONSE_NAMES[r.response.response],
      reviewNames: r.reviews.map((v) => `${OUTCOME_NAMES[v.outcome]}: ${v.note}`),
      // The date the actions are due, as a GOV.UK date input (optional).
      dueItems: dateInputItems({}, 'dueOn', r.response?.dueOn ?? undefined, error?.href.startsWith(`#due-${r.id}-`) ? [error.href.slice(`#due-${r.id}-`.length) as DateParts] : []),
      dueError: error?.href.startsWith(`#due-${r.id}-`) ? { text: error.text } : undefined,
    });
    return page(
      c,
      'action-plan.njk',
      {
        title: `${error ? 'Error: ' : ''}Action plan: ${inspection.title}`,
        inspection,
        section: 'action-plan',
        errors: error ? [error] : [],
        published: plan.published,
        answerable,
        canReview: canLeadInspection(actor, scope) && inspection.status !== 'signed-off',
        recommendations: plan.recommendations.map(present),
        previous: plan.previous,
        previousRecommendations: plan.previousRecommendations.map(present),
        responseItems: Object.entries(RESPONSE_NAMES).map(([value, text]) => ({ value, text })),
        outcomeItems: Object.entries(OUTCOME_NAMES).map(([value, text]) => ({ value, text })),
      },
      error ? 400 : 200,
    );
  };

  const act = (field: (c: Context<AppEnv>) => string, check: (a: Actor, s: InspectionScope) => boolean, run: (c: Context<AppEnv>, id: number, body: Record<string, string>) => Promise<void>) =>
    async (c: Context<AppEnv>) => {
      const { inspection } = await inspectionFor(c, db, check);
      const body = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
      try {
        await run(c, inspection.id, body);
      } catch (e) {
        if (e instanceof AppError && e.code === 'invalid') return planPage(c, { href: `#${field(c)}`, text: e.message });
        throw e;
      }
      return c.redirect(withFlash(`/inspections/${inspection.id}/action-plan`, `${field(c).split('-')[0]}-saved` as FlashKey), 303);
    };
  const actor = actingUser;
  const recommendationId = (c: Context<AppEnv>) => Number(c.req.param('recommendationId'));

  routes.get('/inspections/:id/action-plan', (c) => planPage(c));
  routes.post('/inspections/:id/action-plan/:recommendationId/response', async (c) => {
    const body = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
    // The due date is optional: read only when any of its parts is typed.
    const typed = ['day', 'month', 'year'].some((p) => (body[`dueOn-${p}`] ?? '').trim() !== '');
    const due = typed ? readDateInput(body, 'dueOn', 'the date the actions are due') : undefined;
    if (due && !due.ok) {
      await inspectionFor(c, db, canAnswer);
      return planPage(c, { href: due.href.replace('#dueOn-', `#due-${recommendationId(c)}-`), text: due.message });
    }
    return act((c) => `response-${c.req.param('recommendationId')}`, canAnswer, (c, id, b) =>
      respondToRecommendation(db, { inspectionId: id, recommendationId: recommendationId(c), response: b.response ?? '', actions: b.actions ?? '', owner: b.owner ?? '', dueOn: due?.ok ? due.date : (b.dueOn ?? '') }, actor(c)))(c);
  });
  routes.post('/inspections/:id/action-plan/:recommendationId/progress', act((c) => `progress-${c.req.param('recommendationId')}`, canAnswer, (c, id, b) =>
    recordProgress(db, { inspectionId: id, recommendationId: recommendationId(c), note: b.note ?? '' }, actor(c))));
  routes.post('/inspections/:id/action-plan/:recommendationId/review', act((c) => `outcome-${c.req.param('recommendationId')}`, canLeadInspection, (c, id, b) =>
    reviewPreviousRecommendation(db, { inspectionId: id, recommendationId: recommendationId(c), outcome: b.outcome ?? '', note: b.note ?? '' }, actor(c))));
  return routes;
}
