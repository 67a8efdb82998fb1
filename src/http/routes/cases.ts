// Case assessment pages: the inspection's cases, one case's standards as a task list, and the form
// for one standard of one case.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { blindListNote } from '../../domain/access/first-assessment.ts';
import { canAssessCases, mayOpen } from '../../domain/access/permissions.ts';
import { loadAssessment } from '../../services/inspections.ts';
import { caseAssignments } from '../../services/lead-inspector.ts';
import { caseStandard, loadCase, saveStandard } from '../../services/case-assessment.ts';
import { isCaseComplete } from '../../domain/sign-off/case-progress.ts';
import { caseProgress } from '../../domain/assessment/case-progress.ts';
import { flattenStandard, type FlatValues, type StandardStatus } from '../../domain/assessment/standard-edit.ts';
import { roleColumns } from '../../presenters/sample-page.ts';
import { decodeBase, fieldId, standardFormPage } from '../../presenters/standard-form-page.ts';
import { caseAccess, inspectionFor, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { escapeHtml, page, renderMacro } from '../render.ts';

const STATUS_TEXT: Record<StandardStatus, string> = {
  'not-applicable': 'Not applicable',
  'not-started': 'Not started',
  'in-progress': 'In progress',
  completed: 'Completed',
};
export const statusTag = (s: StandardStatus) =>
  renderMacro('govuk/components/tag', 'govukTag', { text: STATUS_TEXT[s], classes: s === 'completed' ? 'govuk-tag--green' : s === 'in-progress' ? 'govuk-tag--light-blue' : 'govuk-tag--grey' });

const caseHref = (inspectionId: number, caseRef: string) => `/inspections/${inspectionId}/cases/${encodeURIComponent(caseRef)}`;

export function caseRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/inspections/:id/cases', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('cases'));
    const [{ framework, assessment }, work, access] = await Promise.all([loadAssessment(db, inspection.id), caseAssignments(db, inspection.id), caseAccess(db, actor, scope)]);
    const workByRef = new Map(work.map((w) => [w.caseRef, w]));
    const mine = c.req.query('mine') === '1';
    // The sign-off checklist links here for the cases still to finish.
    const incompleteOnly = c.req.query('incomplete') === '1';
    // The case type and risk level by their roles in the framework file.
    const columns = roleColumns(framework);
    const rows = assessment.cases
      // A case the person is assessing blind is left out: its progress would tell of its first assessment.
      .filter((x) => access.mayRead(x.caseRef))
      .filter((x) => !mine || workByRef.get(x.caseRef)?.assignedTo === actor.userId)
      .filter((x) => !incompleteOnly || !isCaseComplete(framework, x))
      .map((x) => {
        const { completed: done, standards, status: overall } = caseProgress(framework, x);
        return [
          { html: `<a class="govuk-link" href="${escapeHtml(caseHref(inspection.id, x.caseRef))}">${escapeHtml(x.caseRef)}</a>` },
          ...columns.map((col) => ({ text: x.attributes[col.id] ?? '–' })),
          { text: workByRef.get(x.caseRef)?.assignedToName ?? 'Not assigned' },
          { text: `${done} of ${standards}`, format: 'numeric', attributes: { 'data-sort-value': String(done) } },
          { html: statusTag(overall) },
        ];
      });
    return page(c, 'cases.njk', {
      title: `Cases: ${inspection.title}`,
      inspection,
      section: 'cases',
      rows,
      head: [
        { text: 'Case', attributes: { 'aria-sort': 'ascending' } },
        ...columns.map((col) => ({ text: col.heading, attributes: { 'aria-sort': 'none' } })),
        { text: 'Inspector', attributes: { 'aria-sort': 'none' } },
        { text: 'Standards completed', format: 'numeric', attributes: { 'aria-sort': 'none' } },
        { text: 'Status', attributes: { 'aria-sort': 'none' } },
      ],
      mine,
      incompleteOnly,
      canAssess: canAssessCases(actor, scope),
      withheld: access.hidden.size ? blindListNote(access.hidden) : null,
    });
  });

  routes.get('/inspections/:id/cases/:caseRef', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('cases'));
    await caseAccess(db, actor, scope, c.req.param('caseRef'));
    const view = await loadCase(db, inspection.id, c.req.param('caseRef'));
    const base = caseHref(inspection.id, view.assessment.caseRef);
    return page(c, 'case.njk', {
      title: `Case ${view.assessment.caseRef}`,
      savedStatus: view.framework.caseStandards.find((s) => s.id === c.req.query('saved'))?.id,
      merged: c.req.query('merged') === '1',
      inspection,
      view,
      canAssess: canAssessCases(actor, scope),
      detailRows: view.framework.definition.caseAttributes
        .filter((a) => view.assessment.attributes[a.id])
        .map((a) => ({ key: { text: a.label }, value: { text: view.assessment.attributes[a.id] } })),
      tasks: view.standards.map(({ standard, status }) => ({
        title: { text: `${standard.id} ${standard.name}` },
        ...(status === 'not-applicable' ? {} : { href: `${base}/standards/${standard.id}` }),
        status: status === 'completed' || status === 'not-applicable' ? { text: STATUS_TEXT[status], classes: status === 'not-applicable' ? 'govuk-task-list__status--cannot-start-yet' : '' } : { tag: { text: STATUS_TEXT[status], classes: status === 'in-progress' ? 'govuk-tag--light-blue' : 'govuk-tag--blue' } },
      })),
    });
  });

  const formPage = async (
    c: Context<AppEnv>,
    options: { values?: FlatValues; errors?: { key: string; message: string }[]; conflict?: Extract<Awaited<ReturnType<typeof saveStandard>>, { outcome: 'conflict' }>; status?: 200 | 400 | 409 },
  ) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('cases'));
    await caseAccess(db, actor, scope, c.req.param('caseRef') ?? '');
    const view = await loadCase(db, inspection.id, c.req.param('caseRef') ?? '');
    const standard = caseStandard(view, c.req.param('standardId') ?? '');
    const stored = flattenStandard(standard, view.assessment);
    const editable = canAssessCases(actor, scope) && inspection.status !== 'signed-off';
    return page(
      c,
      'case-standard.njk',
      {
        title: `${options.errors?.length ? 'Error: ' : ''}${standard.id} ${standard.name}, case ${view.assessment.caseRef}`,
        inspection,
        caseRef: view.assessment.caseRef,
        caseHref: caseHref(inspection.id, view.assessment.caseRef),
        standard,
        editable,
        conflict: options.conflict && {
          by: options.conflict.by,
          rows: options.conflict.conflicts.map((x) => [{ text: x.key }, { text: x.mine || '(blank)' }, { text: x.theirs || '(blank)' }]),
          firstField: `#${fieldId(options.conflict.conflicts[0]!.key)}`,
        },
        form: standardFormPage({
          framework: view.framework,
          standard,
          assessment: view.assessment,
          values: options.values ?? stored,
          base: options.conflict?.base ?? stored,
          version: options.conflict?.version ?? view.work.version,
          errors: options.errors ?? [],
          editable,
        }),
      },
      options.status ?? 200,
    );
  };

  routes.get('/inspections/:id/cases/:caseRef/standards/:standardId', (c) => formPage(c, {}));

  routes.post('/inspections/:id/cases/:caseRef/standards/:standardId', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, canAssessCases);
    await caseAccess(db, actor, scope, c.req.param('caseRef'));
    const body = await c.req.parseBody();
    const values: FlatValues = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => /^\d/.test(e[0]) && typeof e[1] === 'string'));
    const mode = body.mode === 'complete' ? 'complete' : body.mode === 'overwrite' ? 'overwrite' : 'draft';
    const result = await saveStandard(
      db,
      {
        inspectionId: inspection.id,
        caseRef: c.req.param('caseRef'),
        standardId: c.req.param('standardId') ?? '',
        values,
        base: decodeBase(body._base),
        version: Number(body._version) || 0,
        mode,
      },
      actingUser(c),
    );
    if (result.outcome === 'invalid') return formPage(c, { values: result.values, errors: result.problems, status: 400 });
    if (result.outcome === 'conflict') return formPage(c, { values: result.values, conflict: result, status: 409 });
    const merged = result.mergedWith?.items.length ? '&merged=1' : '';
    return c.redirect(`${caseHref(inspection.id, c.req.param('caseRef'))}?saved=${c.req.param('standardId')}${merged}`, 303);
  });

  return routes;
}
