// Youth justice services: the risk scores as of a date, making a selection (targeted and at
// random, with its seed), and a stored selection.
import { Hono } from 'hono';
import type { Db } from '../../../db/repositories/index.ts';
import { isRealDate } from '../../../services/programme/dates.ts';
import { canPlanInspections } from '../../../services/programme/permissions.ts';
import { canCreateInspections } from '../../../domain/access/permissions.ts';
import { youthSelectionChoices } from '../../../services/inspection-youth-selection.ts';
import { planningYouthServices } from '../../../services/programme/registry.ts';
import { getStoredSelection, listStoredSelections, makeYouthSelection, newSeed, repeatsExactly, youthScores } from '../../../services/programme/youth.ts';
import { shortDate } from '../../../presenters/programme-cycle.ts';
import { scoreHead, scoreRows, selectedRows, selectionCounts } from '../../../presenters/programme-pages.ts';
import { govukDate, govukDateTime } from '../../../presenters/govuk-dates.ts';
import { dateInputItems, readDateInput } from '../../../presenters/date-input.ts';
import { actingUser } from '../../access.ts';
import type { AppEnv } from '../../auth.ts';
import { escapeHtml as escape, page } from '../../render.ts';
import { nextProgrammeYearStart, pathId, plan, view, type C } from './common.ts';
import { DATE_PARTS, dateItemsOf, errorsOf, formFieldErrors, formRoute, status, titled, type Failure } from './form.ts';

export function youthRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const youthPage = async (c: C, failed?: Failure) => {
    const actor = view(c);
    // The date to score as of: the form's date input (asOf-day, -month, -year), or ?asOf=YYYY-MM-DD from a link.
    const query = c.req.query();
    const typed = DATE_PARTS.some((p) => (query[`asOf-${p}`] ?? '').trim());
    const read = typed ? readDateInput(query, 'asOf', 'the date to score as of') : undefined;
    const scoreError = read && !read.ok ? read : undefined;
    const asOf = read?.ok ? read.date : !scoreError && query.asOf && isRealDate(query.asOf) ? query.asOf : nextProgrammeYearStart();
    const [{ services, organisationIds }, stored] = await Promise.all([planningYouthServices(db), listStoredSelections(db)]);
    const scores = await youthScores(db, asOf, services);
    const values = failed?.values ?? { title: '', asOf, targeted: '10', random: '5', seed: String(newSeed()), capacity: '33', joint: '' };
    const errors = errorsOf(failed);
    // The scoring form's date input has ids of its own (score-asOf-day, …): the selection form's date is asOf too.
    const scoreDateErrors = scoreError ? [{ href: `#score-asOf-${scoreError.parts[0] ?? 'day'}`, text: scoreError.message }] : [];
    return page(
      c,
      'programme-youth.njk',
      {
        title: titled('Youth justice services: risk and selection', failed),
        activeNav: 'programme',
        section: 'youth',
        canPlan: canPlanInspections(actor),
        asOf,
        asOfText: shortDate(asOf),
        scoreHead: scoreHead(),
        scoreRows: scoreRows(scores, organisationIds),
        count: scores.length,
        scoreDate: dateInputItems(query, 'asOf', scoreError ? undefined : asOf, scoreError?.parts),
        scoreDateError: scoreError && { text: scoreError.message },
        values,
        errors: [...scoreDateErrors, ...errors],
        fieldErrors: formFieldErrors(errors),
        dates: dateItemsOf(values, errors),
        storedRows: stored.map((s) => [
          { html: `<a class="govuk-link" href="/programme/youth/selections/${s.id}">${escape(s.title)}</a>` },
          { text: shortDate(s.asOf) },
          { text: String(s.seed), format: 'numeric' },
          { text: String(s.selected.length), format: 'numeric' },
          { text: `${s.createdBy}, ${govukDate(s.createdAt)}` },
        ]),
      },
      status(failed),
    );
  };
  routes.get('/programme/youth', (c) => youthPage(c));
  routes.post(
    '/programme/youth/selections',
    formRoute({
      guard: plan,
      form: 'selection',
      save: async (c, values) => `/programme/youth/selections/${(await makeYouthSelection(db, values, actingUser(c))).id}`,
      again: youthPage,
    }),
  );

  routes.get('/programme/youth/selections/:id', async (c) => {
    const actor = view(c);
    const selection = await getStoredSelection(db, pathId(c, 'id', 'a youth selection'));
    const [{ organisationIds }, made] = await Promise.all([planningYouthServices(db), youthSelectionChoices(db, String(selection.id))]);
    const { result, input } = selection;
    // Each selected service's inspection: the one made from this selection, else (for those who may create inspections) a link to create it.
    const canCreate = canCreateInspections(actor);
    const inspectionOf = new Map(made.choices.map((ch) => [ch.service, ch.inspectionId]));
    const inspectionCell = (service: string) => {
      const id = inspectionOf.get(service);
      if (id !== null && id !== undefined) return { html: `<a class="govuk-link" href="/inspections/${id}">Inspection ${id}<span class="govuk-visually-hidden">: ${escape(service)}</span></a>` };
      if (!canCreate) return { text: 'Not yet' };
      const href = `/inspections/new?youthSelection=${selection.id}&service=${encodeURIComponent(service)}#youth-selection`;
      return { html: `<a class="govuk-link" href="${escape(href)}">Create an inspection<span class="govuk-visually-hidden">: ${escape(service)}</span></a>` };
    };
    return page(c, 'programme-youth-selection.njk', {
      title: selection.title,
      activeNav: 'programme',
      section: 'youth',
      selection,
      counts: selectionCounts(result),
      summary: [
        { key: { text: 'Programme year from' }, value: { text: shortDate(input.asOf) } },
        { key: { text: 'Targeted (highest risk scores)' }, value: { text: String(input.targeted) } },
        { key: { text: 'At random' }, value: { text: String(input.random) } },
        { key: { text: 'Seed of the random draw' }, value: { text: String(input.seed) } },
        { key: { text: 'Inspections the year can take' }, value: { text: input.capacity === undefined ? 'Not given' : String(input.capacity) } },
        { key: { text: 'Services considered' }, value: { text: String(input.services.length) } },
        { key: { text: 'Made by' }, value: { text: `${selection.createdBy}, ${govukDateTime(selection.createdAt)}` } },
      ],
      repeats: repeatsExactly(selection),
      rows: selectedRows(result, organisationIds).map((row, i) => [...row, inspectionCell(result.selected[i]!.service)]),
      notYetDue: result.notYetDue.map((n) => [{ text: n.service }, { text: shortDate(n.dueFrom) }, { text: n.reason }]),
      notes: result.notes,
    });
  });

  return routes;
}
