// The case sample pages: the service (or the lead inspector) uploads the caseload, the lead
// inspector sets the window and the method and confirms the sample. Upload problems name the
// service's references: they go back to the uploader on the page and nowhere else.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/repositories/index.ts';
import { canOpenArea } from '../../domain/access/permissions.ts';
import { MAX_SHIFT_WEEKS } from '../../domain/sampling/window.ts';
import { govukDate, govukDateTime } from '../../presenters/govuk-dates.ts';
import type { FileProblem } from '../../interchange/problems.ts';
import {
  mixTables,
  methodText,
  problemRows,
  problemSummary,
  reliabilityExplanation,
  reliabilityItems,
  sizeText,
  statisticalRows,
  draftCaseRows,
  roleColumns,
  windowText,
  caseloadHint,
  poolCaseloadText,
  poolNotes,
  poolOfCase,
  poolRows,
} from '../../presenters/sample-page.ts';
import { casePools, hasPools } from '../../domain/sampling/pools.ts';
import { canManageSample, canSeeServiceReferences, canUploadServiceFiles, canViewSample } from '../../services/sample/access.ts';
import {
  CONFIDENCE_LEVELS,
  stratifyAttributes,
  confirmSample,
  loadSample,
  setSampleMethod,
  setSampleWindow,
  uploadCaseload,
  type SampleSummary,
} from '../../services/sample/case-sample.ts';
import { AppError } from '../../services/errors.ts';
import { inspectionFor, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { fieldErrors, formErrors, type FormError } from '../form-errors.ts';
import { escapeHtml, page } from '../render.ts';


const WindowForm = z.object({
  weeks: z.enum(['1', '2'], { message: 'Select how long the window is' }),
  shiftWeeks: z.coerce
    .number({ message: 'Select how far to move the window' })
    .int()
    .min(-MAX_SHIFT_WEEKS, `Move the window by ${MAX_SHIFT_WEEKS} weeks or fewer`)
    .max(MAX_SHIFT_WEEKS, `Move the window by ${MAX_SHIFT_WEEKS} weeks or fewer`),
  reason: z.string().default(''),
});

const MethodForm = z.object({
  method: z.enum(['window', 'statistical'], { message: 'Select how the sample is chosen' }),
  confidence: z.string().optional(),
  margin: z.string().optional(),
  stratifyBy: z.string().optional(),
  seed: z.string().optional(),
});

interface PageState {
  errors?: FormError[];
  problems?: FileProblem[];
  uploadWarnings?: FileProblem[];
  values?: Record<string, string>;
}

const SHIFT_ITEMS = Array.from({ length: 2 * MAX_SHIFT_WEEKS + 1 }, (_, i) => i - MAX_SHIFT_WEEKS).map((w) => ({
  value: String(w),
  text: w === 0 ? 'Not moved' : `${Math.abs(w)} week${Math.abs(w) === 1 ? '' : 's'} ${w > 0 ? 'later' : 'earlier'}`,
}));

export function sampleRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const samplePage = async (c: Context<AppEnv>, state: PageState = {}, status: 200 | 400 | 409 = 200) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, canViewSample);
    const seesReferences = canSeeServiceReferences(actor, scope);
    const view = await loadSample(db, inspection.id, { withLinks: seesReferences });
    const { framework, record, window, draft, confirmed } = view;
    const summary: SampleSummary | null = confirmed?.summary ?? draft?.summary ?? null;
    const manage = canManageSample(actor, scope) && inspection.status !== 'signed-off' && !confirmed;
    const upload = canUploadServiceFiles(actor, scope) && inspection.status !== 'signed-off' && !confirmed;
    const values = state.values ?? {};
    const errors = state.errors ?? [];
    const fields = fieldErrors(errors);
    const statistical = confirmed ? confirmed.summary.statistical : draft?.statistical ? { ...draft.statistical, strata: draft.statistical.draw.strata ?? null, seed: draft.statistical.draw.seed } : null;
    const links = new Map((confirmed?.links ?? []).map((l) => [l.pseudonym, l.serviceRef]));
    const caseLinks = canOpenArea(actor, scope, 'cases');
    const method = values.method ?? record?.method ?? 'window';
    const pooled = hasPools(framework);
    const pools = summary?.pools ?? null;
    const poolOf = poolOfCase(confirmed?.summary);
    const caseTypeChosen = values.caseType ?? '';
    return page(
      c,
      'sample-overview.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}Case sample: ${inspection.title}`,
        inspection,
        section: 'sample',
        errors,
        uploaded: c.req.query('uploaded'),
        saved: c.req.query('saved'),
        confirmedNow: c.req.query('confirmed'),
        status: confirmed ? 'Confirmed' : 'Not confirmed',
        summaryRows: [
          { key: { text: 'Fieldwork starts' }, value: { text: govukDate(inspection.fieldworkStart) } },
          { key: { text: 'Window' }, value: { text: windowText(confirmed?.summary.window ?? window) } },
          { key: { text: 'How the sample is chosen' }, value: { text: methodText(framework, confirmed?.summary.statistical ? { method: 'statistical', ...confirmed.summary.statistical } : record) } },
          {
            key: { text: 'Caseload' },
            value: {
              text: confirmed
                ? `${pools ? poolCaseloadText(pools, confirmed.summary.caseloadSize) : `${confirmed.summary.caseloadSize} cases`}; deleted when the sample was confirmed`
                : record?.caseloadUploadedAt
                  ? pools
                    ? `${poolCaseloadText(pools, record.caseloadCases)}; the last file uploaded ${govukDateTime(record.caseloadUploadedAt)} (${record.caseloadFormat?.toUpperCase()})`
                    : `${record.caseloadCases} cases, uploaded ${govukDateTime(record.caseloadUploadedAt)} (${record.caseloadFormat?.toUpperCase()})`
                  : 'Not uploaded yet',
            },
          },
          { key: { text: 'Sample' }, value: { text: summary ? sizeText(summary) : 'None yet: upload the caseload' } },
          {
            key: { text: 'Status' },
            value: { text: confirmed ? `Confirmed on ${govukDate(record!.confirmedAt)}: the inspection's cases are created` : 'Not confirmed' },
          },
        ],
        upload,
        pooled,
        poolLabels: casePools(framework).map((p) => p.label.toLowerCase()),
        uploadHint: pooled ? caseloadHint(framework, true) : null,
        caseTypeForm: pooled
          ? {
              idPrefix: 'caseType',
              name: 'caseType',
              fieldset: { legend: { text: 'Which cases does the file hold?', classes: 'govuk-fieldset__legend--s' } },
              hint: { text: 'A file of one kind replaces that kind\'s cases and keeps the others.' },
              items: [
                { value: '', text: `Every case, in one file (its ${(framework.attributeWithRole('case-type')?.label ?? 'case type').toLowerCase()} column says which)`, checked: caseTypeChosen === '' },
                ...casePools(framework).map((p) => ({ value: p.caseType!, text: `${p.label} only`, checked: caseTypeChosen === p.caseType })),
              ],
              ...(fields.caseType ? { errorMessage: fields.caseType } : {}),
            }
          : null,
        poolTable: pools ? poolRows(pools) : null,
        poolNotes: pools ? poolNotes(pools) : [],
        poolStatistical: pools
          ? pools.flatMap((p) => (p.statistical && record ? [{ label: p.label, seed: p.statistical.seed, ...statisticalRows(framework, { ...p.statistical, confidence: record.confidence ?? 0.95, margin: record.margin ?? 0.05, stratifyBy: record.stratifyBy }, p.caseload) }] : []))
          : [],
        uploadWarnings: state.uploadWarnings ?? (record && !confirmed ? (record.caseloadWarnings) : []),
        problems: state.problems ? problemRows(state.problems) : null,
        problemCount: state.problems?.length ?? 0,
        caseloadError: state.problems?.length ? { text: `The file has ${state.problems.length} problem${state.problems.length === 1 ? '' : 's'}, listed below; nothing was kept` } : (errors.find((e) => e.href === '#caseload') && { text: errors.find((e) => e.href === '#caseload')!.text }),
        sampleEmpty: !!summary && summary.sampleSize === 0,
        mix: summary ? mixTables(summary.mix) : [],
        reliabilityExplanation: summary ? reliabilityExplanation(summary.rule, framework.regime.organisation.singular) : '',
        // The service in its framework's words ("The PDU sends …"), and where its window comes from.
        organisation: framework.regime.organisation,
        windowNote: framework.regime.sampleWindow.note ?? null,
        tooSmall: summary ? summary.reliability.filter((r) => r.tooSmall && r.treatment === 'rated' && r.scope === 'standard').length : 0,
        reliability: summary ? reliabilityItems(summary.reliability) : [],
        statistical: statistical && summary ? statisticalRows(framework, statistical, summary.caseloadSize) : null,
        draftRows: draft ? draftCaseRows(framework, draft.cases, seesReferences) : null,
        draftHead: roleColumns(framework).map((col) => ({ text: col.heading })),
        seesReferences,
        confirmedRows: confirmed
          ? confirmed.cases.map((x) => [
              caseLinks ? { html: `<a class="govuk-link" href="/inspections/${inspection.id}/cases/${encodeURIComponent(x.caseRef)}">${escapeHtml(x.caseRef)}</a>` } : { text: x.caseRef },
              ...(seesReferences ? [{ text: links.get(x.caseRef) ?? 'Deleted' }] : []),
              { text: x.practitioner },
              ...(pools ? [{ text: poolOf.get(x.caseRef) ?? '–' }] : []),
            ])
          : null,
        linksDeleted: record?.linksDeletedAt ? govukDate(record.linksDeletedAt) : null,
        manage,
        windowForm: {
          weeks: {
            idPrefix: 'weeks',
            name: 'weeks',
            classes: 'govuk-radios--inline',
            fieldset: { legend: { text: 'How long is the window?', classes: 'govuk-fieldset__legend--s' } },
            items: [
              { value: '1', text: 'One week', checked: (values.weeks ?? String(record?.windowWeeks ?? window.weeks)) === '1' },
              { value: '2', text: 'Two weeks', checked: (values.weeks ?? String(record?.windowWeeks ?? window.weeks)) === '2' },
            ],
            ...(fields.weeks ? { errorMessage: fields.weeks } : {}),
          },
          shift: {
            id: 'shiftWeeks',
            name: 'shiftWeeks',
            label: { text: 'Move the window', classes: 'govuk-label--s' },
            hint: { text: `If something odd happened in the window (a court closed, a case management system was down), move it by whole weeks, up to ${MAX_SHIFT_WEEKS}.` },
            items: SHIFT_ITEMS.map((i) => ({ ...i, selected: i.value === (values.shiftWeeks ?? String(record?.shiftWeeks ?? 0)) })),
            ...(fields.shiftWeeks ? { errorMessage: fields.shiftWeeks } : {}),
          },
          reason: {
            id: 'reason',
            name: 'reason',
            label: { text: 'Why is it moved?', classes: 'govuk-label--s' },
            hint: { text: 'Needed when the window is moved. It is kept with the window and in the audit trail.' },
            value: values.reason ?? record?.shiftReason ?? '',
            rows: 3,
            ...(fields.reason ? { errorMessage: fields.reason } : {}),
          },
        },
        methodForm: {
          method,
          confidence: {
            id: 'confidence',
            name: 'confidence',
            label: { text: 'Confidence level' },
            items: CONFIDENCE_LEVELS.map((l) => ({ value: String(l), text: `${Math.round(l * 100)}%`, selected: (values.confidence ?? String(record?.confidence ?? 0.95)) === String(l) })),
            ...(fields.confidence ? { errorMessage: fields.confidence } : {}),
          },
          margin: {
            id: 'margin',
            name: 'margin',
            label: { text: 'Margin of error (percentage points either side)' },
            classes: 'govuk-input--width-3',
            inputmode: 'decimal',
            suffix: { text: 'points' },
            value: values.margin ?? (record?.margin ? String(Math.round(record.margin * 1000) / 10) : '5'),
            ...(fields.margin ? { errorMessage: fields.margin } : {}),
          },
          stratifyBy: {
            id: 'stratifyBy',
            name: 'stratifyBy',
            label: { text: 'Stratify by' },
            items: [
              { value: '', text: 'Not stratified' },
              ...stratifyAttributes(framework).map((a) => ({ value: a, text: framework.attribute(a)?.label ?? a, selected: (values.stratifyBy ?? record?.stratifyBy ?? '') === a })),
            ],
            ...(fields.stratifyBy ? { errorMessage: fields.stratifyBy } : {}),
          },
          seed: {
            id: 'seed',
            name: 'seed',
            label: { text: 'Seed (optional)' },
            hint: { text: 'A whole number from 0 to 4294967295. Leave it blank for a random one; it is recorded, so the same draw can be made again.' },
            classes: 'govuk-input--width-10',
            inputmode: 'numeric',
            value: values.seed ?? (record?.seed !== null && record?.seed !== undefined ? String(record.seed) : ''),
            ...(fields.seed ? { errorMessage: fields.seed } : {}),
          },
          methodError: fields.method,
        },
        canConfirm: manage && !!draft && draft.cases.length > 0,
        draftSize: draft?.cases.length ?? 0,
      },
      status,
    );
  };

  routes.get('/inspections/:id/sample', (c) => samplePage(c));

  routes.post('/inspections/:id/sample/caseload', async (c) => {
    const { inspection } = await inspectionFor(c, db, canUploadServiceFiles);
    const body = await c.req.parseBody();
    const file = body.caseload;
    const caseType = typeof body.caseType === 'string' ? body.caseType : '';
    if (!(file instanceof File) || !file.size) return samplePage(c, { errors: [{ href: '#caseload', text: 'Choose the caseload file to upload' }], values: { caseType } }, 400);
    const result = await uploadCaseload(db, { inspectionId: inspection.id, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), ...(caseType ? { caseType } : {}) }, actingUser(c));
    if (!result.ok) {
      const first = result.errors.length === 1 && result.errors[0]!.row === undefined && result.errors[0]!.caseRef === undefined;
      return samplePage(
        c,
        {
          errors: problemSummary(result.errors, '#caseload'),
          problems: first ? undefined : result.errors,
          uploadWarnings: result.warnings,
          values: { caseType },
        },
        400,
      );
    }
    return c.redirect(`/inspections/${inspection.id}/sample?uploaded=${result.cases}`, 303);
  });

  routes.post('/inspections/:id/sample/window', async (c) => {
    const { inspection } = await inspectionFor(c, db, canManageSample);
    const body = await c.req.parseBody();
    const values = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const form = WindowForm.safeParse(values);
    if (!form.success) return samplePage(c, { errors: formErrors(form.error.issues), values }, 400);
    try {
      await setSampleWindow(db, { inspectionId: inspection.id, weeks: Number(form.data.weeks), shiftWeeks: form.data.shiftWeeks, reason: form.data.reason }, actingUser(c));
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid') return samplePage(c, { errors: [{ href: /reason/i.test(e.message) ? '#reason' : '#shiftWeeks', text: e.message }], values }, 400);
      throw e;
    }
    return c.redirect(`/inspections/${inspection.id}/sample?saved=window`, 303);
  });

  routes.post('/inspections/:id/sample/method', async (c) => {
    const { inspection } = await inspectionFor(c, db, canManageSample);
    const body = await c.req.parseBody();
    const values = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const form = MethodForm.safeParse(values);
    if (!form.success) return samplePage(c, { errors: formErrors(form.error.issues), values }, 400);
    const f = form.data;
    const seedText = (f.seed ?? '').trim();
    const marginText = (f.margin ?? '').trim();
    const errors: FormError[] = [];
    if (f.method === 'statistical') {
      if (seedText && !/^\d+$/.test(seedText)) errors.push({ href: '#seed', text: 'The seed is a whole number from 0 to 4294967295; leave it blank for a random one' });
      if (!/^\d+(\.\d+)?$/.test(marginText)) errors.push({ href: '#margin', text: 'Give the margin of error as a number of percentage points from 1 to 20, like 5 for ±5 points' });
    }
    if (errors.length) return samplePage(c, { errors, values }, 400);
    try {
      await setSampleMethod(
        db,
        {
          inspectionId: inspection.id,
          method: f.method,
          ...(f.method === 'statistical'
            ? { confidence: Number(f.confidence), marginPoints: Number(marginText), stratifyBy: f.stratifyBy || null, seed: seedText ? Number(seedText) : null }
            : {}),
        },
        actingUser(c),
      );
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid') {
        const href = /confidence/i.test(e.message) ? '#confidence' : /margin/i.test(e.message) ? '#margin' : /stratify/i.test(e.message) ? '#stratifyBy' : '#seed';
        return samplePage(c, { errors: [{ href, text: e.message }], values }, 400);
      }
      throw e;
    }
    return c.redirect(`/inspections/${inspection.id}/sample?saved=method`, 303);
  });

  routes.post('/inspections/:id/sample/confirm', async (c) => {
    const { inspection } = await inspectionFor(c, db, canManageSample);
    try {
      const { cases } = await confirmSample(db, inspection.id, actingUser(c));
      return c.redirect(`/inspections/${inspection.id}/sample?confirmed=${cases}`, 303);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'invalid' || e.code === 'conflict'))
        return samplePage(c, { errors: [{ href: '#confirm', text: e.message }] }, e.code === 'invalid' ? 400 : 409);
      throw e;
    }
  });

  return routes;
}
