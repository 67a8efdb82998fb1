// The consultation's responses: read by question, and one recorded as received.
import { Hono } from 'hono';
import type { Db } from '../../../db/repositories/index.ts';
import { consultationResponses, numberedQuestions, recordResponse } from '../../../services/programme/consultation.ts';
import { canPlanInspections } from '../../../services/programme/permissions.ts';
import { requireProgrammeYear } from '../../../services/programme/years.ts';
import { responseGroups } from '../../../presenters/programme-pages.ts';
import { actingUser } from '../../access.ts';
import type { AppEnv } from '../../auth.ts';
import { page } from '../../render.ts';
import { plan, view, type C } from './common.ts';
import { clock } from '../../../services/clock.ts';
import { dateItemsOf, errorsOf, formFieldErrors, formRoute, status, titled, type Failure } from './form.ts';
import { yearId } from './years.ts';

export function consultationResponseRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const responsesPage = async (c: C, failed?: Failure) => {
    const actor = view(c);
    const year = await requireProgrammeYear(db, yearId(c));
    const { questions, responses } = await consultationResponses(db, year.id);
    const numbered = numberedQuestions(questions);
    const values = failed?.values ?? { questionId: c.req.query('question') ?? '', respondentName: '', respondentOrganisation: '', receivedOn: clock.today(), text: '' };
    const errors = errorsOf(failed);
    return page(
      c,
      'programme-responses.njk',
      {
        title: titled(`Consultation responses: ${year.label}`, failed),
        activeNav: 'programme',
        section: 'years',
        year,
        canPlan: canPlanInspections(actor),
        recorded: !failed && c.req.query('recorded') === '1',
        groups: responseGroups(numbered, responses),
        total: responses.length,
        values,
        errors,
        fieldErrors: formFieldErrors(errors),
        dates: dateItemsOf(values, errors),
        questionItems: [{ value: '', text: 'Select a question' }, ...numbered.map((q) => ({ value: String(q.id), text: `Q${q.number}: ${q.text.length > 90 ? `${q.text.slice(0, 90)}…` : q.text}`, selected: values.questionId === String(q.id) }))],
      },
      status(failed),
    );
  };
  routes.get('/programme/years/:id/consultation/responses', (c) => responsesPage(c));
  routes.post(
    '/programme/years/:id/consultation/responses',
    formRoute({
      guard: plan,
      form: 'response',
      save: async (c, values) => {
        await recordResponse(db, yearId(c), values, actingUser(c));
        return `/programme/years/${yearId(c)}/consultation/responses?recorded=1`;
      },
      again: responsesPage,
    }),
  );

  return routes;
}
