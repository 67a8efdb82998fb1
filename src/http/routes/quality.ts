// Quality-assurance pages: the dip sample and second assessors, agreement figures, disagreements
// to settle (lead inspector), and the second assessor's blind assessment of a case.
import { Hono, type Context } from 'hono';
import { randomInt } from 'node:crypto';
import type { Db } from '../../db/repositories/index.ts';
import { canAssessCases, canLeadInspection, mayOpen } from '../../domain/access/permissions.ts';
import { DEFAULT_DIP_SAMPLE } from '../../domain/quality/dip-sample.ts';
import { AppError } from '../../services/errors.ts';
import { actorNamer } from '../../services/audit-trail.ts';
import { teamOf } from '../../services/lead-inspector.ts';
import {
  assignSecondAssessor,
  drawDipSample,
  loadSecondAssessment,
  qualityOverview,
  saveSecondStandard,
  settleDisagreement,
  submitSecondAssessment,
} from '../../services/quality.ts';
import { flattenStandard, type FlatValues } from '../../domain/assessment/standard-edit.ts';
import { standardFormPage } from '../../presenters/standard-form-page.ts';
import { inspectionFor, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { withFlash } from '../flash.ts';
import { page, renderMacro } from '../render.ts';
import { formText } from '../params.ts';

const kappaText = (k: number | null) => (k === null ? 'not defined (no variation)' : k.toFixed(2));
const secondHref = (id: number, caseRef: string) => `/inspections/${id}/cases/${encodeURIComponent(caseRef)}/second`;

export function qualityRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const overviewPage = async (c: Context<AppEnv>, error?: { href: string; text: string }) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('quality'));
    const [overview, members] = await Promise.all([qualityOverview(db, inspection.id), teamOf(db, inspection.id)]);
    const lead = canLeadInspection(actor, scope) && inspection.status !== 'signed-off';
    const names = new Map(members.map((m) => [m.userId, m.displayName]));
    const nameOf = await actorNamer(db);
    const mine = overview.seconds.filter((s) => s.assessorId === actor.userId);
    return page(
      c,
      'quality.njk',
      {
        title: `${error ? 'Error: ' : ''}Quality assurance: ${inspection.title}`,
        inspection,
        section: 'quality',
        lead,
        errors: error ? [error] : [],
        plan: overview.plan,
        defaults: DEFAULT_DIP_SAMPLE,
        mine: mine.map((s) => ({ caseRef: s.caseRef, href: secondHref(inspection.id, s.caseRef), submitted: !!s.submittedAt })),
        secondRows: overview.seconds.map((s) => [
          { text: s.caseRef },
          { text: s.reason },
          { text: s.assessorName ?? 'Not assigned' },
          { text: s.submittedAt ? 'Submitted' : s.version > 1 ? 'In progress' : 'Not started' },
        ]),
        assignments: overview.seconds.filter((s) => !s.submittedAt).map((s) => ({
          id: `second-${s.caseRef}`,
          name: `second:${s.caseRef}`,
          caseRef: s.caseRef,
          label: { text: `Second assessor for case ${s.caseRef}`, classes: 'govuk-visually-hidden' },
          items: [{ value: '', text: 'Not assigned' }, ...members.map((m) => ({ value: String(m.userId), text: m.displayName, selected: s.assessorId === m.userId }))],
        })),
        overall: overview.agreement.overall,
        overallKappa: kappaText(overview.agreement.overall.kappa),
        keyQuestionRows: overview.agreement.byKeyQuestion.map((f) => [{ text: f.key }, { text: String(f.pairs), format: 'numeric' }, { text: `${f.percentage}%`, format: 'numeric' }, { text: kappaText(f.kappa), format: 'numeric' }]),
        inspectorRows: overview.agreement.byInspector.map((f) => [{ text: f.assessor === null ? 'Not assigned' : (names.get(f.assessor) ?? `User ${f.assessor}`) }, { text: String(f.pairs), format: 'numeric' }, { text: `${f.percentage}%`, format: 'numeric' }, { text: kappaText(f.kappa), format: 'numeric' }]),
        open: overview.open.map((d) => ({ ...d, key: `${d.caseRef}-${d.item}`.replace(/[^\w-]/g, '-') })),
        settledRows: overview.settled.map((s) => [{ text: s.caseRef }, { text: s.itemId }, { text: `${s.firstValue} / ${s.secondValue}` }, { text: s.settledValue }, { text: s.reason }, { text: nameOf(s.settledBy) }]),
      },
      error ? 400 : 200,
    );
  };

  routes.get('/inspections/:id/quality', (c) => overviewPage(c));

  routes.post('/inspections/:id/quality/draw', async (c) => {
    const { inspection } = await inspectionFor(c, db, canLeadInspection);
    const body = await c.req.parseBody();
    const percent = Number(body.share);
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) return overviewPage(c, { href: '#share', text: 'Enter the share of cases to assess again, as a percentage from 0 to 100' });
    const seedText = formText(body.seed).trim();
    if (seedText && !/^\d{1,9}$/.test(seedText)) return overviewPage(c, { href: '#seed', text: 'Enter the seed as a whole number, or leave it blank for a new one' });
    const seed = seedText ? Number(seedText) : randomInt(1, 1_000_000_000);
    await drawDipSample(db, inspection.id, { share: percent / 100, firstInspectionAll: body.firstInspectionAll === 'yes', minimumPerInspector: 1 }, seed, actingUser(c));
    return c.redirect(withFlash(`/inspections/${inspection.id}/quality`, 'dip-sample-drawn'), 303);
  });

  routes.post('/inspections/:id/quality/assignments', async (c) => {
    const { inspection } = await inspectionFor(c, db, canLeadInspection);
    const body = await c.req.parseBody();
    const current = new Map((await qualityOverview(db, inspection.id)).seconds.map((s) => [s.caseRef, s.assessorId]));
    for (const [name, value] of Object.entries(body)) {
      if (!name.startsWith('second:') || typeof value !== 'string') continue;
      const caseRef = name.slice(7);
      const userId = value ? Number(value) : null;
      if (current.get(caseRef) === userId) continue;
      try {
        await assignSecondAssessor(db, { inspectionId: inspection.id, caseRef, userId }, actingUser(c));
      } catch (e) {
        if (e instanceof AppError && e.code === 'invalid') return overviewPage(c, { href: `#second-${caseRef}`, text: e.message });
        throw e;
      }
    }
    return c.redirect(withFlash(`/inspections/${inspection.id}/quality`, 'second-assessor-saved'), 303);
  });

  routes.post('/inspections/:id/quality/settle', async (c) => {
    const { inspection } = await inspectionFor(c, db, canLeadInspection);
    const body = await c.req.parseBody();
    const choice = body.choice === 'first' || body.choice === 'second' ? body.choice : undefined;
    const key = `${formText(body.caseRef)}-${formText(body.item)}`.replace(/[^\w-]/g, '-');
    if (!choice) return overviewPage(c, { href: `#choice-${key}`, text: 'Select which judgement stands' });
    try {
      await settleDisagreement(db, { inspectionId: inspection.id, caseRef: formText(body.caseRef), item: formText(body.item), choice, reason: formText(body.reason) }, actingUser(c));
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid') return overviewPage(c, { href: `#reason-${key}`, text: e.message });
      throw e;
    }
    return c.redirect(withFlash(`/inspections/${inspection.id}/quality#disagreements`, 'disagreement-settled'), 303);
  });

  // The second assessor's own view of the case: its details and their answers, never the first assessment.
  const secondFor = async (c: Context<AppEnv>) => {
    const { inspection, actor } = await inspectionFor(c, db, canAssessCases);
    const view = await loadSecondAssessment(db, inspection.id, c.req.param('caseRef') ?? '');
    if (view.second.assessorId !== actor.userId) throw new AppError('forbidden', 'Only the assigned second assessor can open this assessment');
    return { inspection, view };
  };

  routes.get('/inspections/:id/cases/:caseRef/second', async (c) => {
    const { inspection, view } = await secondFor(c);
    const base = secondHref(inspection.id, view.assessment.caseRef);
    return page(c, 'second-assessment.njk', {
      title: `Second assessment of case ${view.assessment.caseRef}`,
      inspection,
      caseRef: view.assessment.caseRef,
      submitted: !!view.second.submittedAt,
      canSubmit: view.standards.every((s) => s.status === 'completed' || s.status === 'not-applicable'),
      detailRows: view.framework.definition.caseAttributes
        .filter((a) => view.assessment.attributes[a.id])
        .map((a) => ({ key: { text: a.label }, value: { text: view.assessment.attributes[a.id] } })),
      tasks: view.standards.map(({ standard, status }) => ({
        title: { text: `${standard.id} ${standard.name}` },
        ...(status === 'not-applicable' ? {} : { href: `${base}/standards/${standard.id}` }),
        status: { html: renderMacro('govuk/components/tag', 'govukTag', { text: status.replace('-', ' ').replace(/^./, (ch) => ch.toUpperCase()), classes: status === 'completed' ? 'govuk-tag--green' : 'govuk-tag--grey' }) },
      })),
      error: c.req.query('error') === 'incomplete',
    });
  });

  const secondFormPage = async (c: Context<AppEnv>, values?: FlatValues, errors: { key: string; message: string }[] = []) => {
    const { inspection, view } = await secondFor(c);
    const standard = view.framework.caseStandards.find((s) => s.id === c.req.param('standardId'));
    if (!standard) throw new AppError('not-found', 'There is no such standard');
    const stored = flattenStandard(standard, view.assessment);
    const editable = !view.second.submittedAt && inspection.status !== 'signed-off';
    return page(
      c,
      'case-standard.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}Second assessment: ${standard.id} ${standard.name}, case ${view.assessment.caseRef}`,
        inspection,
        caseRef: view.assessment.caseRef,
        caseHref: secondHref(inspection.id, view.assessment.caseRef),
        secondAssessment: true,
        standard,
        editable,
        form: standardFormPage({ framework: view.framework, standard, assessment: view.assessment, values: values ?? stored, base: stored, version: view.second.version, errors, editable }),
      },
      errors.length ? 400 : 200,
    );
  };

  routes.get('/inspections/:id/cases/:caseRef/second/standards/:standardId', (c) => secondFormPage(c));
  routes.post('/inspections/:id/cases/:caseRef/second/standards/:standardId', async (c) => {
    const { inspection, view } = await secondFor(c);
    const body = await c.req.parseBody();
    const values: FlatValues = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => /^\d/.test(e[0]) && typeof e[1] === 'string'));
    const result = await saveSecondStandard(
      db,
      { inspectionId: inspection.id, caseRef: view.assessment.caseRef, standardId: c.req.param('standardId') ?? '', values, version: Number(body._version) || 0, mode: body.mode === 'complete' ? 'complete' : 'draft' },
      c.get('session')!.user.id,
      actingUser(c),
    );
    if (result.outcome === 'invalid') return secondFormPage(c, result.values, result.problems);
    return c.redirect(withFlash(secondHref(inspection.id, view.assessment.caseRef), 'second-saved'), 303);
  });

  routes.post('/inspections/:id/cases/:caseRef/second/submit', async (c) => {
    const { inspection, view } = await secondFor(c);
    try {
      await submitSecondAssessment(db, inspection.id, view.assessment.caseRef, c.get('session')!.user.id, actingUser(c));
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid') return c.redirect(`${secondHref(inspection.id, view.assessment.caseRef)}?error=incomplete`, 303);
      throw e;
    }
    return c.redirect(withFlash(`/inspections/${inspection.id}/quality`, 'second-submitted'), 303);
  });

  return routes;
}

