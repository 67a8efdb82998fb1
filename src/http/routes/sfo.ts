// The SFO review QA pages: the register of reviews (filtered through a GET form, a file uploaded,
// one review entered by hand) and the samples drawn from it (drawn with a share and a seed, reviews
// added or removed with a reason). The SFO QA team and administrators only; thin over src/services/sfo.
import { Hono, type Context } from 'hono';
import { randomInt } from 'node:crypto';
import type { Db } from '../../db/repositories/index.ts';
import { actorNamer } from '../../services/audit-trail.ts';
import { canManageSfoSample, canViewSfoReviews } from '../../domain/access/permissions.ts';
import { OFFENCE_CATEGORIES, REGISTER_COLUMNS, type RegisterColumn } from '../../domain/sfo/register.ts';
import { MAX_SEED } from '../../domain/sfo/sample.ts';
import { registerFormatFromFileName } from '../../interchange/sfo/register-file.ts';
import type { FileProblem } from '../../interchange/problems.ts';
import { problemRows, problemSummary } from '../../presenters/sample-page.ts';
import { businessYearPeriod, businessYears, businessYearText, changeRows, regionCountRows, registerRows, selectedRows } from '../../presenters/sfo-pages.ts';
import { govukDate, govukDateTime } from '../../presenters/govuk-dates.ts';
import { AppError, FieldError } from '../../services/errors.ts';
import { currentSfoFramework } from '../../services/sfo/frameworks.ts';
import { addSfoReview, importRegister, sfoRegions, sfoRegister, sfoReviewProblems } from '../../services/sfo/register.ts';
import { changeSfoSample, drawSfoSample, sfoSamples, sfoSampleView } from '../../services/sfo/sample.ts';
import { downloadSfoReviewDocument, reviewsWithDocument, sfoReviewWithDocuments, uploadSfoReviewDocument } from '../../services/sfo/review-document.ts';
import { attachmentDisposition, REVIEW_DOCUMENT_MAX_WORDS, TYPE_NAMES, type ReviewDocumentType } from '../../domain/sfo/review-document.ts';
import { canUploadSfoReviewDocument } from '../../domain/sfo/access.ts';
import { requirePermission, actingUser, sessionOf } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { dateInputItems, readDateInput, type DateParts } from '../../presenters/date-input.ts';
import type { FormError } from '../form-errors.ts';
import { idParam } from '../params.ts';
import { escapeHtml, page } from '../render.ts';

type Values = Record<string, string>;
const formValues = async (c: Context<AppEnv>): Promise<Values> => {
  const values: Values = {};
  for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  return values;
};
const fieldErrorsOf = (errors: readonly FormError[]) => Object.fromEntries(errors.map((e) => [e.href.slice(1).replace(/-(day|month|year)$/, ''), { text: e.text }]));

interface RegisterState {
  errors?: FormError[];
  problems?: FileProblem[];
  values?: Values;
  dateErrors?: Partial<Record<'notified_date' | 'submitted_date', DateParts[]>>;
}

export function sfoRoutes(db: Db) {
  const routes = new Hono<AppEnv>();

  const registerPage = async (c: Context<AppEnv>, state: RegisterState = {}, status: 200 | 400 | 409 = 200) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const regions = await sfoRegions(db);
    const region = regions.find((r) => r === c.req.query('region'));
    const all = await sfoRegister(db);
    const years = businessYears(all);
    const year = years.find((y) => y === c.req.query('period'));
    const reviews = await sfoRegister(db, { ...(region ? { region } : {}), ...(businessYearPeriod(year) ?? {}) });
    const values = state.values ?? {};
    const errors = state.errors ?? [];
    return page(
      c,
      'sfo-register.njk',
      {
        title: 'Serious further offence reviews',
        activeNav: 'sfo',
        errors,
        fieldErrors: fieldErrorsOf(errors),
        problems: state.problems?.length ? problemRows(state.problems, false) : undefined,
        problemCount: state.problems?.length ?? 0,
        imported: c.req.query('imported'),
        added: c.req.query('added'),
        rows: registerRows(reviews, await reviewsWithDocument(db, reviews.map((r) => r.id))),
        total: all.length,
        filtered: !!(region || year),
        regionItems: [{ value: '', text: 'All regions' }, ...regions.map((r) => ({ value: r, text: r, selected: r === region }))],
        periodItems: [{ value: '', text: 'Any time (including not yet submitted)' }, ...years.map((y) => ({ value: y, text: `Submitted ${businessYearText(y)}`, selected: y === year }))],
        filterText: [region, year && `submitted ${businessYearText(year)}`].filter(Boolean).join(', '),
        values,
        formRegionItems: [{ value: '', text: 'Choose a region' }, ...regions.map((r) => ({ value: r, text: r, selected: r === values.region }))],
        offenceItems: [{ value: '', text: 'Choose an offence category' }, ...OFFENCE_CATEGORIES.map((o) => ({ value: o, text: o.charAt(0).toUpperCase() + o.slice(1), selected: o === values.offence_category }))],
        notifiedItems: dateInputItems(values, 'notified_date', undefined, state.dateErrors?.notified_date),
        submittedItems: dateInputItems(values, 'submitted_date', undefined, state.dateErrors?.submitted_date),
        columns: REGISTER_COLUMNS.map((col) => ({ id: col.id, label: col.label, required: col.required })),
        maySample: canManageSfoSample(actor),
      },
      status,
    );
  };

  routes.get('/sfo', (c) => registerPage(c));

  routes.post('/sfo/register', async (c) => {
    requirePermission(c, canViewSfoReviews);
    const file = (await c.req.parseBody()).register;
    if (!(file instanceof File) || !file.size) return registerPage(c, { errors: [{ href: '#register', text: 'Choose the register file to upload' }] }, 400);
    const format = registerFormatFromFileName(file.name);
    if (!format) return registerPage(c, { errors: [{ href: '#register', text: 'The register must be a CSV or Excel (.xlsx) file' }] }, 400);
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      const result = await importRegister(db, { fileName: file.name, format, content: bytes }, actingUser(c));
      return c.redirect(`/sfo?imported=${result.imported}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'invalid' && e.code !== 'conflict')) throw e;
      const problems = e.problems.length ? e.problems : [{ message: e.message }];
      return registerPage(c, { errors: [{ href: '#register', text: e.message }, ...problemSummary(problems, '#problems', 20)], problems }, e.code === 'conflict' ? 409 : 400);
    }
  });

  routes.post('/sfo/reviews', async (c) => {
    requirePermission(c, canViewSfoReviews);
    const values = await formValues(c);
    const errors: FormError[] = [];
    const dateErrors: RegisterState['dateErrors'] = {};
    const fields: Partial<Record<RegisterColumn, string>> = {
      review_ref: values.review_ref ?? '',
      region: values.region ?? '',
      pdu: values.pdu ?? '',
      offence_category: values.offence_category ?? '',
      extension: values.extension ?? '',
      author_role: values.author_role ?? '',
    };
    const notified = readDateInput(values, 'notified_date', 'the date the review was notified');
    if (notified.ok) fields.notified_date = notified.date;
    else {
      errors.push({ href: notified.href, text: notified.message });
      dateErrors.notified_date = notified.parts;
    }
    // Not yet submitted: all three parts left empty.
    if (['day', 'month', 'year'].some((p) => (values[`submitted_date-${p}`] ?? '').trim())) {
      const submitted = readDateInput(values, 'submitted_date', 'the date the review was submitted');
      if (submitted.ok) fields.submitted_date = submitted.date;
      else {
        errors.push({ href: submitted.href, text: submitted.message });
        dateErrors.submitted_date = submitted.parts;
      }
    }
    const order = ['review_ref', 'region', 'pdu', 'offence_category', 'notified_date', 'submitted_date', 'extension', 'author_role'];
    const refuse = (problems: { field: string; message: string }[]) => {
      // A date already said wrong is said once; the other fields are checked too, so every problem shows at once.
      const found = problems.filter((f) => !(f.field in dateErrors)).map((f) => ({ href: `#${f.field === 'notified_date' || f.field === 'submitted_date' ? `${f.field}-day` : f.field}`, text: sentence(f.message, f.field) }));
      const key = (e: FormError) => order.indexOf(e.href.slice(1).replace(/-(day|month|year)$/, ''));
      return registerPage(c, { errors: [...errors, ...found].sort((a, b) => key(a) - key(b)), values, dateErrors }, 400);
    };
    if (errors.length) return refuse(await sfoReviewProblems(db, fields));
    try {
      await addSfoReview(db, fields, actingUser(c));
    } catch (e) {
      if (e instanceof FieldError) return refuse(e.fields);
      throw e;
    }
    return c.redirect(`/sfo?added=${encodeURIComponent(fields.review_ref!.trim().toUpperCase())}`, 303);
  });

  // One review: its facts, its document (every version kept, with who uploaded and replaced it) and the form to attach or replace it.
  const reviewPage = async (c: Context<AppEnv>, state: { errors?: FormError[] } = {}, status: 200 | 400 = 200) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const view = await sfoReviewWithDocuments(db, idParam(c), actor);
    const r = view.review;
    const who = await actorNamer(db);
    const errors = state.errors ?? [];
    const href = (id: number, current: boolean) => `/sfo/reviews/${r.id}/document${current ? '' : `?version=${id}`}`;
    return page(
      c,
      'sfo-review.njk',
      {
        title: `SFO review ${r.reviewRef}`,
        activeNav: 'sfo',
        errors,
        fieldErrors: fieldErrorsOf(errors),
        review: r,
        uploaded: c.req.query('uploaded'),
        maxWords: REVIEW_DOCUMENT_MAX_WORDS,
        mayUpload: view.mayUpload,
        mayDownload: view.mayDownload,
        current: view.current && { ...view.current, href: href(view.current.id, true), type: TYPE_NAMES[view.current.mediaType as ReviewDocumentType] ?? view.current.mediaType, size: sizeText(view.current.sizeBytes), by: who(view.current.uploadedBy), at: govukDateTime(view.current.uploadedAt) },
        factRows: [
          { key: { text: 'Region' }, value: { text: r.region } },
          { key: { text: 'PDU' }, value: { text: r.pdu ?? 'Not given' } },
          { key: { text: 'Offence category' }, value: { text: r.offenceCategory.charAt(0).toUpperCase() + r.offenceCategory.slice(1) } },
          { key: { text: 'Notified' }, value: { text: govukDate(r.notifiedOn) } },
          { key: { text: 'Submitted' }, value: { text: r.submittedOn ? govukDate(r.submittedOn) : 'Not yet submitted' } },
          { key: { text: 'Extension granted' }, value: { text: r.extensionGranted ? 'Yes' : 'No' } },
          { key: { text: 'Author’s role' }, value: { text: r.authorRole ?? 'Not given' } },
        ],
        historyRows: view.documents.map((d) => [
          view.mayDownload ? { html: `<a class="govuk-link" href="${href(d.id, !d.replacedAt)}">${escapeHtml(d.fileName)}</a>` } : { text: d.fileName },
          { text: `${TYPE_NAMES[d.mediaType as ReviewDocumentType] ?? d.mediaType}, ${sizeText(d.sizeBytes)}` },
          { html: `<span class="govuk-!-font-size-16" title="${d.sha256}">${d.sha256.slice(0, 16)}…</span>` },
          { text: `${who(d.uploadedBy)}, ${govukDateTime(d.uploadedAt)}` },
          { text: d.replacedAt ? `Replaced by ${who(d.replacedBy!)}, ${govukDateTime(d.replacedAt)}` : 'Current' },
        ]),
      },
      status,
    );
  };

  routes.get('/sfo/reviews/:id', (c) => reviewPage(c));

  routes.post('/sfo/reviews/:id/document', async (c) => {
    const actor = requirePermission(c, canUploadSfoReviewDocument);
    const id = idParam(c);
    const file = (await c.req.parseBody()).document;
    if (!(file instanceof File) || !file.size) return reviewPage(c, { errors: [{ href: '#document', text: 'Select the review document (a PDF or a Word document)' }] }, 400);
    try {
      await uploadSfoReviewDocument(db, id, { fileName: file.name, content: new Uint8Array(await file.arrayBuffer()) }, actor);
    } catch (e) {
      if (e instanceof FieldError) return reviewPage(c, { errors: e.fields.map((f) => ({ href: '#document', text: f.message })) }, 400);
      throw e;
    }
    return c.redirect(`/sfo/reviews/${id}?uploaded=1`, 303);
  });

  // The document itself: the SFO QA team and the review's own region's staff; anyone else 404.
  routes.get('/sfo/reviews/:id/document', async (c) => {
    const { actor } = sessionOf(c);
    const version = c.req.query('version');
    if (version !== undefined && !/^[1-9]\d{0,9}$/.test(version)) throw new AppError('not-found', 'There is no such version of the document');
    const d = await downloadSfoReviewDocument(db, idParam(c), actor, version === undefined ? undefined : Number(version));
    return c.body(new Uint8Array(d.content), 200, {
      'Content-Type': d.mediaType,
      'Content-Disposition': attachmentDisposition(d.fileName),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  const samplesPage = async (c: Context<AppEnv>, state: { errors?: FormError[]; values?: Values; dateErrors?: Partial<Record<'from' | 'to', DateParts[]>> } = {}, status: 200 | 400 | 409 = 200) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const framework = await currentSfoFramework(db);
    const samples = await sfoSamples(db);
    const values = state.values ?? { share: String(Math.round(framework.definition.sample.share * 1000) / 10), seed: String(randomInt(0, 1_000_000)) };
    const errors = state.errors ?? [];
    return page(
      c,
      'sfo-samples.njk',
      {
        title: 'Samples of SFO reviews',
        activeNav: 'sfo',
        errors,
        fieldErrors: fieldErrorsOf(errors),
        values,
        fromItems: dateInputItems(values, 'from', undefined, state.dateErrors?.from),
        toItems: dateInputItems(values, 'to', undefined, state.dateErrors?.to),
        defaultShare: Math.round(framework.definition.sample.share * 1000) / 10,
        framework: framework.key,
        mayDraw: canManageSfoSample(actor),
        sampleRows: samples.map((s) => [
          { html: `<a class="govuk-link" href="/sfo/samples/${s.id}">Sample ${s.id}</a>` },
          { text: `${govukDate(s.periodFrom)} to ${govukDate(s.periodTo)}` },
          { text: `${Math.round(s.share * 1000) / 10}%`, format: 'numeric' },
          { text: String(s.seed), format: 'numeric' },
          { text: String(s.drawn.length), format: 'numeric' },
          { text: govukDateTime(s.drawnAt) },
        ]),
      },
      status,
    );
  };

  routes.get('/sfo/samples', (c) => samplesPage(c));

  routes.post('/sfo/samples', async (c) => {
    requirePermission(c, canManageSfoSample);
    const values = await formValues(c);
    const errors: FormError[] = [];
    const dateErrors: Partial<Record<'from' | 'to', DateParts[]>> = {};
    const from = readDateInput(values, 'from', 'the first day of the period');
    const to = readDateInput(values, 'to', 'the last day of the period');
    for (const [name, read] of [['from', from], ['to', to]] as const) {
      if (read.ok) continue;
      errors.push({ href: read.href, text: read.message });
      dateErrors[name] = read.parts;
    }
    const shareText = (values.share ?? '').trim().replace(/%$/, '');
    const share = shareText === '' ? undefined : Number(shareText);
    if (share !== undefined && !(Number.isFinite(share) && share > 0 && share <= 100)) errors.push({ href: '#share', text: 'The share must be a percentage more than 0 and at most 100' });
    const seedText = (values.seed ?? '').trim();
    if (!/^\d+$/.test(seedText) || Number(seedText) > MAX_SEED) errors.push({ href: '#seed', text: `The seed must be a whole number from 0 to ${MAX_SEED}` });
    if (errors.length) return samplesPage(c, { errors, values, dateErrors }, 400);
    try {
      const view = await drawSfoSample(db, { periodFrom: (from as { date: string }).date, periodTo: (to as { date: string }).date, ...(share !== undefined ? { share: share / 100 } : {}), seed: Number(seedText) }, actingUser(c));
      return c.redirect(`/sfo/samples/${view.sample.id}?drawn=1`, 303);
    } catch (e) {
      if (e instanceof FieldError) return samplesPage(c, { errors: e.fields.map((f) => ({ href: f.field === 'periodTo' ? '#to-day' : '#from-day', text: sentence(f.message, f.field) })), values }, 400);
      if (e instanceof AppError && e.code === 'conflict') return samplesPage(c, { errors: [{ href: '#from-day', text: e.message }], values }, 409);
      throw e;
    }
  });

  const samplePage = async (c: Context<AppEnv>, state: { errors?: FormError[]; values?: Values } = {}, status: 200 | 400 = 200) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const id = idParam(c);
    const view = await sfoSampleView(db, id);
    const eligible = await sfoRegister(db, { from: view.sample.periodFrom, to: view.sample.periodTo });
    const inSample = new Set(view.selected.map((r) => r.reviewRef));
    const who = await actorNamer(db);
    const names = new Map([...new Set([view.sample.drawnBy, ...view.changes.map((ch) => ch.changedBy)])].map((a) => [a, who(a)]));
    const values = state.values ?? {};
    const errors = state.errors ?? [];
    const s = view.sample;
    return page(
      c,
      'sfo-sample.njk',
      {
        title: `SFO sample ${s.id}`,
        activeNav: 'sfo',
        errors,
        fieldErrors: fieldErrorsOf(errors),
        values,
        sample: s,
        drawn: c.req.query('drawn') === '1',
        changed: c.req.query('changed'),
        summaryRows: [
          { key: { text: 'Period' }, value: { text: `Reviews submitted from ${govukDate(s.periodFrom)} to ${govukDate(s.periodTo)}` } },
          { key: { text: 'Share' }, value: { text: `${Math.round(s.share * 1000) / 10}% of each region's reviews, rounded half up, at least one` } },
          { key: { text: 'Seed' }, value: { text: `${s.seed} (the same register and seed always draw the same reviews)` } },
          { key: { text: 'Framework' }, value: { text: `${s.frameworkId}@${s.frameworkVersion}` } },
          { key: { text: 'Drawn' }, value: { text: `${s.drawn.length} reviews, by ${names.get(s.drawnBy)} on ${govukDateTime(s.drawnAt)}` } },
          { key: { text: 'In the sample now' }, value: { text: `${view.selected.length} of ${view.submitted} reviews submitted` } },
        ],
        regionRows: regionCountRows(view.byRegion),
        selectedRows: selectedRows(view.selected),
        changeRows: changeRows(view.changes, names),
        mayChange: canManageSfoSample(actor),
        addItems: [{ value: '', text: 'Choose a review' }, ...eligible.filter((r) => !inSample.has(r.reviewRef)).map((r) => ({ value: r.reviewRef, text: `${r.reviewRef} (${r.region})`, selected: values.change === 'add' && values.reviewRef === r.reviewRef }))],
        removeItems: [{ value: '', text: 'Choose a review' }, ...view.selected.map((r) => ({ value: r.reviewRef, text: `${r.reviewRef} (${r.region})`, selected: values.change === 'remove' && values.reviewRef === r.reviewRef }))],
      },
      status,
    );
  };

  routes.get('/sfo/samples/:id', (c) => samplePage(c));

  routes.post('/sfo/samples/:id/changes', async (c) => {
    requirePermission(c, canManageSfoSample);
    const id = idParam(c);
    const values = await formValues(c);
    const change = values.change === 'remove' ? 'remove' : 'add';
    try {
      await changeSfoSample(db, id, { change, reviewRef: values.reviewRef ?? '', reason: values.reason ?? '' }, actingUser(c));
    } catch (e) {
      if (e instanceof FieldError) return samplePage(c, { errors: e.fields.map((f) => ({ href: `#${change}-${f.field === 'reason' ? 'reason' : 'reviewRef'}`, text: sentence(f.message, f.field) })), values }, 400);
      throw e;
    }
    return c.redirect(`/sfo/samples/${id}?changed=${change === 'add' ? 'added' : 'removed'}`, 303);
  });

  return routes;
}

const sizeText = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

const FIELD_NAMES: Record<string, string> = Object.fromEntries([...REGISTER_COLUMNS.map((c): [string, string] => [c.id, c.label]), ['periodFrom', 'The period'], ['periodTo', 'The end of the period'], ['reviewRef', 'The review'], ['reason', 'The reason']]);

/** What the GOV.UK pattern says of a required field left empty on the form (the file's rules say "no … given"). */
const EMPTY_FIELD: Record<string, string> = {
  review_ref: 'Enter the review reference',
  region: 'Select the region',
  offence_category: 'Select the offence category',
  extension: 'Select whether an extension was granted',
};

/** A service's message as an error summary's sentence: "give …" stands alone; "must be …" is said of its field; dates in words. */
function sentence(raw: string, field: string): string {
  if (/^no .* given$/.test(raw) && EMPTY_FIELD[field]) return EMPTY_FIELD[field];
  const message = raw.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => govukDate(iso));
  if (/^(give|no |review |the |'|no review)/i.test(message) && !/^(must|is )/.test(message)) return message.charAt(0).toUpperCase() + message.slice(1);
  return `${FIELD_NAMES[field] ?? field} ${message}`;
}
