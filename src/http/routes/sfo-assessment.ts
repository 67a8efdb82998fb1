// The SFO assessment journey's pages: a sample's assessments (assigning inspectors, drawing and
// assigning second readings, agreement and kappa), an assessment (the first reading's form, or the
// reading with its flags, comparison and settlements), the blind second reading, the sample's
// sign-off checklist and release, the feedback letter (page and tagged PDF) with the region's
// actions, and the list of released feedback. Thin over src/services/sfo.
import { Hono, type Context } from 'hono';
import { randomInt } from 'node:crypto';
import type { Db } from '../../db/repositories/index.ts';
import { actorNamer } from '../../services/audit-trail.ts';
import { canViewSfoReviews } from '../../domain/access/permissions.ts';
import { blindFirstReadingRefusal, canLeadSfoAssessment, canRecordFirstReading, canRecordSecondReading, mayReadFirstReading, mayReadSecondReading } from '../../domain/sfo/access.ts';
import { itemName, readingFlags } from '../../domain/sfo/assessment.ts';
import { dateInputItems, readDateInput, type DateParts } from '../../presenters/date-input.ts';
import { govukDate, govukDateTime } from '../../presenters/govuk-dates.ts';
import { agreementRows, progressRows, ratingItems, readingFromValues, readingValues, STATE_WORDS, standardsForPage } from '../../presenters/sfo-assessment-pages.ts';
import { sfoFeedbackPdf } from '../../reports/tagged-pdf/sfo-feedback-pdf.ts';
import { AppError, FieldError } from '../../services/errors.ts';
import { acknowledgeSfoFlags, assignSfoInspector, saveSfoFirstReading, sfoAssessmentView, sfoReaders } from '../../services/sfo/assessment.ts';
import { accountNames } from '../../services/identity/users.ts';
import { sfoReviewWithDocuments } from '../../services/sfo/review-document.ts';
import { addSfoRegionAction, sfoFeedbackLetter, sfoFeedbackList } from '../../services/sfo/feedback.ts';
import { assignSfoSecondReader, drawSfoModeration, saveSfoSecondReading, settleSfoDisagreement } from '../../services/sfo/moderation.ts';
import { releaseSfoSample, sfoSampleProgress, signOffSfoSample } from '../../services/sfo/sign-off.ts';
import { requirePermission, sessionOf } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import type { FormError } from '../form-errors.ts';
import { idParam } from '../params.ts';
import { escapeHtml, page } from '../render.ts';

type Values = Record<string, string>;
const formValues = async (c: Context<AppEnv>): Promise<Values> => {
  const values: Values = {};
  for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  return values;
};
const errorsOf = (e: FieldError, prefix = ''): FormError[] => e.fields.map((f) => ({ href: `#${prefix}${f.field}`, text: f.message }));
const fieldErrorsOf = (errors: readonly FormError[]) => Object.fromEntries(errors.map((e) => [e.href.slice(1).replace(/-(day|month|year)$/, ''), { text: e.text }]));

/** The success banner after each change, named by the redirect's ?done=. */
const BANNERS: Record<string, string> = {
  assigned: 'Inspector assigned.',
  drawn: 'Reviews drawn for a second reading.',
  reader: 'Second reader assigned.',
  saved: 'Draft saved.',
  submitted: 'Assessment submitted. It is now locked.',
  acknowledged: 'Flags acknowledged, with the reason recorded.',
  settled: 'Disagreement settled, with the reason recorded.',
  'second-submitted': 'Second reading submitted.',
  'signed-off': 'Sample signed off. Its assessments are locked.',
  released: 'Feedback released to the regions.',
  'action-added': 'Action added. The SFO QA team can see it.',
};

export function sfoAssessmentRoutes(db: Db) {
  const routes = new Hono<AppEnv>();
  const userNames = () => accountNames(db);
  const readers = () => sfoReaders(db);

  // A sample's assessments: who assesses what, the moderation and its agreement.
  const assessmentsPage = async (c: Context<AppEnv>, state: { errors?: FormError[]; values?: Values } = {}, status: 200 | 400 | 409 = 200) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const progress = await sfoSampleProgress(db, idParam(c));
    const names = await userNames();
    const people = await readers();
    const values = state.values ?? {};
    const errors = state.errors ?? [];
    const assessable = progress.reviews.filter((r) => !r.assessment || r.assessment.state === 'not-started' || r.assessment.state === 'in-progress');
    const drawnOpen = progress.reviews.filter((r) => r.drawn && r.assessment && !r.second?.submittedAt);
    return page(
      c,
      'sfo-assessments.njk',
      {
        title: `Assessments of SFO sample ${progress.sample.id}`,
        activeNav: 'sfo',
        errors,
        fieldErrors: fieldErrorsOf(errors),
        values: { share: '20', seed: String(randomInt(0, 1_000_000)), ...values },
        sample: progress.sample,
        rows: progressRows(progress.reviews, names),
        submitted: progress.reviews.filter((r) => r.assessment && !['not-started', 'in-progress'].includes(r.assessment.state)).length,
        total: progress.reviews.length,
        moderation: progress.moderation && { ...progress.moderation, drawnText: progress.moderation.drawn.join(', '), byText: `${names.get(Number(progress.moderation.drawnBy.replace('user:', ''))) ?? progress.moderation.drawnBy} on ${govukDateTime(progress.moderation.drawnAt)}` },
        agreementRows: progress.agreement.all.pairs ? agreementRows(progress.framework, progress.agreement.byItem, progress.agreement.all) : [],
        blockers: progress.blockers.length,
        signOff: progress.signOff,
        mayLead: canLeadSfoAssessment(actor) && !progress.signOff,
        reviewItems: [{ value: '', text: 'Choose a review' }, ...assessable.map((r) => ({ value: r.review.reviewRef, text: `${r.review.reviewRef} (${r.review.region})`, selected: values.reviewRef === r.review.reviewRef }))],
        inspectorItems: [{ value: '', text: 'Choose an inspector' }, ...people.map((u) => ({ value: String(u.id), text: u.displayName, selected: values.inspectorId === String(u.id) }))],
        drawnItems: [{ value: '', text: 'Choose a review drawn' }, ...drawnOpen.map((r) => ({ value: String(r.assessment!.id), text: r.review.reviewRef, selected: values.assessmentId === String(r.assessment!.id) }))],
        readerItems: [{ value: '', text: 'Choose a second reader' }, ...people.map((u) => ({ value: String(u.id), text: u.displayName, selected: values.readerId === String(u.id) }))],
        banner: BANNERS[c.req.query('done') ?? ''],
      },
      status,
    );
  };

  routes.get('/sfo/samples/:id/assessments', (c) => assessmentsPage(c));

  routes.post('/sfo/samples/:id/assignments', async (c) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const id = idParam(c);
    const values = await formValues(c);
    const errors: FormError[] = [];
    if (!values.reviewRef) errors.push({ href: '#reviewRef', text: 'Select the review' });
    if (!/^\d+$/.test(values.inspectorId ?? '')) errors.push({ href: '#inspectorId', text: 'Select the inspector' });
    if (!canLeadSfoAssessment(actor)) throw new AppError('forbidden', 'Only the SFO QA lead assigns reviews');
    if (errors.length) return assessmentsPage(c, { errors, values }, 400);
    try {
      await assignSfoInspector(db, id, { reviewRef: values.reviewRef!, inspectorId: Number(values.inspectorId) }, actor);
    } catch (e) {
      if (e instanceof FieldError) return assessmentsPage(c, { errors: errorsOf(e), values }, 400);
      throw e;
    }
    return c.redirect(`/sfo/samples/${id}/assessments?done=assigned`, 303);
  });

  routes.post('/sfo/samples/:id/moderation', async (c) => {
    const actor = requirePermission(c, canViewSfoReviews);
    if (!canLeadSfoAssessment(actor)) throw new AppError('forbidden', 'Only the SFO QA lead moderates assessments');
    const id = idParam(c);
    const values = await formValues(c);
    const share = Number((values.share ?? '').trim().replace(/%$/, ''));
    const seed = /^\d+$/.test((values.seed ?? '').trim()) ? Number(values.seed) : NaN;
    try {
      await drawSfoModeration(db, id, { share: share / 100, seed }, actor);
    } catch (e) {
      if (e instanceof FieldError) return assessmentsPage(c, { errors: errorsOf(e), values }, 400);
      if (e instanceof AppError && e.code === 'conflict') return assessmentsPage(c, { errors: [{ href: '#share', text: e.message }], values }, 409);
      throw e;
    }
    return c.redirect(`/sfo/samples/${id}/assessments?done=drawn#moderation`, 303);
  });

  routes.post('/sfo/samples/:id/second-readers', async (c) => {
    const actor = requirePermission(c, canViewSfoReviews);
    if (!canLeadSfoAssessment(actor)) throw new AppError('forbidden', 'Only the SFO QA lead moderates assessments');
    const id = idParam(c);
    const values = await formValues(c);
    const errors: FormError[] = [];
    if (!/^\d+$/.test(values.assessmentId ?? '')) errors.push({ href: '#assessmentId', text: 'Select the review drawn for a second reading' });
    if (!/^\d+$/.test(values.readerId ?? '')) errors.push({ href: '#readerId', text: 'Select the second reader' });
    if (errors.length) return assessmentsPage(c, { errors, values }, 400);
    try {
      const view = await sfoAssessmentView(db, Number(values.assessmentId));
      if (view.assessment.sampleId !== id) throw new FieldError([{ field: 'assessmentId', message: 'Select a review of this sample' }]);
      await assignSfoSecondReader(db, view.assessment.id, Number(values.readerId), actor);
    } catch (e) {
      if (e instanceof FieldError) return assessmentsPage(c, { errors: errorsOf(e), values }, 400);
      throw e;
    }
    return c.redirect(`/sfo/samples/${id}/assessments?done=reader#moderation`, 303);
  });

  // One assessment: the first reading's form for its inspector while a draft; otherwise the reading.
  const assessmentPage = async (c: Context<AppEnv>, state: { errors?: FormError[]; values?: Values } = {}, status: 200 | 400 | 409 = 200) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const view = await sfoAssessmentView(db, idParam(c));
    const a = view.assessment;
    if (!mayReadFirstReading(actor, view.scope)) {
      return page(c, 'sfo-blind.njk', { title: `Assessment of ${a.reviewRef}`, activeNav: 'sfo', message: blindFirstReadingRefusal(a.reviewRef), assessment: a }, 403);
    }
    const names = await userNames();
    const editable = canRecordFirstReading(actor, view.scope) && (a.state === 'not-started' || a.state === 'in-progress');
    const values = state.values ?? { ...readingValues(a.reading), learningPoints: a.learningPoints ?? '' };
    const errors = state.errors ?? [];
    const nameOf = await actorNamer(db);
    const seeSecond = mayReadSecondReading(actor, view.scope) && !!view.second?.submittedAt;
    const mayLead = canLeadSfoAssessment(actor) && !view.signOff;
    return page(
      c,
      'sfo-assessment.njk',
      {
        title: `Assessment of ${a.reviewRef}`,
        activeNav: 'sfo',
        errors,
        fieldErrors: fieldErrorsOf(errors),
        values,
        assessment: a,
        stateText: STATE_WORDS[a.state],
        inspector: a.inspectorId ? names.get(a.inspectorId) : undefined,
        summaryRows: [
          { key: { text: 'Region' }, value: { text: a.region } },
          { key: { text: 'PDU' }, value: { text: a.pdu ?? 'Not recorded' } },
          { key: { text: 'Offence category' }, value: { text: a.offenceCategory } },
          { key: { text: 'Review submitted' }, value: { text: a.submittedOn ? govukDate(a.submittedOn) : 'Not recorded' } },
          { key: { text: 'Inspector' }, value: { text: a.inspectorId ? (names.get(a.inspectorId) ?? 'Unknown') : 'Not assigned' } },
          { key: { text: 'State' }, value: { text: STATE_WORDS[a.state] ?? a.state } },
          { key: { text: 'Framework' }, value: { text: view.framework.key } },
        ],
        editable,
        standards: standardsForPage(view.framework, editable ? readingFromValues(view.framework, values) : a.reading),
        ratingItems: (selected: string | undefined) => ratingItems(view.framework, selected),
        // While a draft, the flags on what the form holds now (a refused submission shows why).
        flags: editable ? readingFlags(view.framework, readingFromValues(view.framework, values)) : view.flags,
        unacknowledged: view.unacknowledged,
        acknowledgements: view.acknowledgements.map((k) => ({ ...k, by: nameOf(k.acknowledgedBy) })),
        learningPoints: (a.learningPoints ?? '').split(/\n+/).filter((l) => l.trim()),
        drawn: view.drawn,
        second: view.second && { reader: names.get(view.second.readerId), submitted: !!view.second.submittedAt },
        mayRecordSecond: canRecordSecondReading(actor, view.scope) && !view.second?.submittedAt,
        compareRows: seeSecond
          ? [...view.framework.standards.map((s) => s.id), 'overall'].map((item) => {
              const first = item === 'overall' ? view.firstAsSubmitted.overall : view.firstAsSubmitted.standards[item]?.rating;
              const second = item === 'overall' ? view.second!.reading.overall : view.second!.reading.standards[item]?.rating;
              const settled = view.settlements.find((s) => s.item === item);
              return [{ text: itemName(view.framework, item) }, { text: first ?? '–' }, { text: second ?? '–' }, { text: settled ? `${settled.settledRating}: ${settled.reason}` : first === second ? 'Agreed' : 'Not settled' }];
            })
          : [],
        unsettled: mayLead ? view.unsettled.map((d) => ({ ...d, name: itemName(view.framework, d.item), items: ratingItems(view.framework, values[`settle-${d.item}`]) })) : [],
        mayAcknowledge: mayLead && view.unacknowledged.length > 0 && a.state !== 'not-started' && a.state !== 'in-progress',
        signedOff: !!view.signOff,
        banner: BANNERS[c.req.query('done') ?? ''],
      },
      status,
    );
  };

  routes.get('/sfo/assessments/:id', (c) => assessmentPage(c));

  /** A reading posted (first or second): saved as a draft or submitted, or its form again with the errors. */
  const postReading =
    (
      save: (id: number, reading: ReturnType<typeof readingFromValues>, values: Values, submit: boolean, actor: ReturnType<typeof requirePermission>) => Promise<unknown>,
      refused: (c: Context<AppEnv>, values: Values, errors: ReturnType<typeof errorsOf>) => Response | Promise<Response>,
      doneAt: (id: number, submit: boolean) => string,
    ) =>
    async (c: Context<AppEnv>) => {
      const actor = requirePermission(c, canViewSfoReviews);
      const id = idParam(c);
      const values = await formValues(c);
      const view = await sfoAssessmentView(db, id);
      const submit = values.action === 'submit';
      try {
        await save(id, readingFromValues(view.framework, values), values, submit, actor);
      } catch (e) {
        if (e instanceof FieldError) return refused(c, values, errorsOf(e));
        throw e;
      }
      return c.redirect(doneAt(id, submit), 303);
    };

  routes.post(
    '/sfo/assessments/:id',
    postReading(
      (id, reading, values, submit, actor) => saveSfoFirstReading(db, id, { reading, learningPoints: values.learningPoints ?? '', submit, acknowledgement: values.acknowledgement ?? '' }, actor),
      (c, values, errors) => assessmentPage(c, { errors, values }, 400),
      (id, submit) => `/sfo/assessments/${id}?done=${submit ? 'submitted' : 'saved'}`,
    ),
  );

  routes.post('/sfo/assessments/:id/acknowledgements', async (c) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const id = idParam(c);
    const values = await formValues(c);
    try {
      await acknowledgeSfoFlags(db, id, values.reason ?? '', actor);
    } catch (e) {
      if (e instanceof FieldError) return assessmentPage(c, { errors: e.fields.map((f) => ({ href: '#acknowledge-reason', text: f.message })) }, 400);
      throw e;
    }
    return c.redirect(`/sfo/assessments/${id}?done=acknowledged#flags`, 303);
  });

  routes.post('/sfo/assessments/:id/settlements', async (c) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const id = idParam(c);
    const values = await formValues(c);
    const item = values.item ?? '';
    try {
      await settleSfoDisagreement(db, id, { item, rating: values[`settle-${item}`] ?? '', reason: values[`reason-${item}`] ?? '' }, actor);
    } catch (e) {
      if (e instanceof FieldError) return assessmentPage(c, { errors: e.fields.map((f) => ({ href: f.field === 'reason' ? `#reason-${item}` : `#settle-${item}`, text: f.message })), values }, 400);
      throw e;
    }
    return c.redirect(`/sfo/assessments/${id}?done=settled#moderation`, 303);
  });

  // The second reading: blind, for its reader; read-only to the lead and, once submitted, the team.
  const secondPage = async (c: Context<AppEnv>, state: { errors?: FormError[]; values?: Values } = {}, status: 200 | 400 = 200) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const view = await sfoAssessmentView(db, idParam(c));
    if (!view.second || !mayReadSecondReading(actor, view.scope)) throw new AppError('not-found', `There is no second reading of ${view.assessment.reviewRef} for you`);
    const editable = canRecordSecondReading(actor, view.scope) && !view.second.submittedAt && !view.signOff;
    const values = state.values ?? readingValues(view.second.reading);
    const errors = state.errors ?? [];
    return page(
      c,
      'sfo-second-reading.njk',
      {
        title: `Second reading of ${view.assessment.reviewRef}`,
        activeNav: 'sfo',
        errors,
        fieldErrors: fieldErrorsOf(errors),
        values,
        assessment: view.assessment,
        editable,
        blind: !mayReadFirstReading(actor, view.scope),
        standards: standardsForPage(view.framework, editable ? readingFromValues(view.framework, values) : view.second.reading),
        ratingItems: (selected: string | undefined) => ratingItems(view.framework, selected),
        submitted: !!view.second.submittedAt,
        banner: BANNERS[c.req.query('done') ?? ''],
      },
      status,
    );
  };

  routes.get('/sfo/assessments/:id/second-reading', (c) => secondPage(c));

  routes.post(
    '/sfo/assessments/:id/second-reading',
    postReading(
      (id, reading, _values, submit, actor) => saveSfoSecondReading(db, id, { reading, submit }, actor),
      (c, values, errors) => secondPage(c, { errors, values }, 400),
      (id, submit) => (submit ? `/sfo/assessments/${id}?done=second-submitted#moderation` : `/sfo/assessments/${id}/second-reading?done=saved`),
    ),
  );

  // The sample's sign-off: every blocker linked to its fix; then release.
  const signOffPage = async (c: Context<AppEnv>, status: 200 | 409 = 200) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const progress = await sfoSampleProgress(db, idParam(c));
    const named = await actorNamer(db);
    const nameOf = (who: string | null) => (who ? named(who) : '');
    return page(
      c,
      'sfo-sign-off.njk',
      {
        title: `Sign off SFO sample ${progress.sample.id}`,
        activeNav: 'sfo',
        errors: status === 409 ? [{ href: '#blockers', text: `Sample ${progress.sample.id} cannot be signed off yet: ${progress.blockers.length} thing${progress.blockers.length === 1 ? ' is' : 's are'} left to do` }] : [],
        sample: progress.sample,
        blockers: progress.blockers,
        signOff: progress.signOff && { ...progress.signOff, by: nameOf(progress.signOff.signedOffBy), releasedByName: nameOf(progress.signOff.releasedBy) },
        mayLead: canLeadSfoAssessment(actor),
        letters: progress.reviews.filter((r) => r.assessment).map((r) => ({ href: `/sfo/assessments/${r.assessment!.id}/letter`, text: `${r.review.reviewRef} (${r.review.region})` })),
        banner: BANNERS[c.req.query('done') ?? ''],
      },
      status,
    );
  };

  routes.get('/sfo/samples/:id/sign-off', (c) => signOffPage(c));

  routes.post('/sfo/samples/:id/sign-off', async (c) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const id = idParam(c);
    try {
      await signOffSfoSample(db, id, actor);
    } catch (e) {
      if (e instanceof AppError && e.code === 'conflict' && e.problems.length) return signOffPage(c, 409);
      throw e;
    }
    return c.redirect(`/sfo/samples/${id}/sign-off?done=signed-off`, 303);
  });

  routes.post('/sfo/samples/:id/release', async (c) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const id = idParam(c);
    await releaseSfoSample(db, id, actor);
    return c.redirect(`/sfo/samples/${id}/sign-off?done=released`, 303);
  });

  // The feedback letter, for the SFO team and (once released) the region's own staff.
  const letterPage = async (c: Context<AppEnv>, state: { errors?: FormError[]; values?: Values; dateErrors?: DateParts[] } = {}, status: 200 | 400 = 200) => {
    const { actor } = sessionOf(c);
    const letter = await sfoFeedbackLetter(db, idParam(c), actor);
    const reviewDocs = await sfoReviewWithDocuments(db, letter.reviewId, actor);
    const names = await userNames();
    const values = state.values ?? {};
    const errors = state.errors ?? [];
    return page(
      c,
      'sfo-letter.njk',
      {
        title: `Feedback on SFO review ${letter.reviewRef}`,
        activeNav: canViewSfoReviews(actor) ? 'sfo' : 'sfo-feedback',
        errors,
        fieldErrors: fieldErrorsOf(errors),
        values,
        letter,
        team: canViewSfoReviews(actor),
        reviewDocument: reviewDocs.mayDownload && reviewDocs.current ? { href: `/sfo/reviews/${letter.reviewId}/document`, fileName: reviewDocs.current.fileName } : undefined,
        ratingRows: [...letter.standards.map((s) => [{ text: `${s.id} ${s.name}` }, { text: s.rating ?? 'Not rated' }]), [{ text: 'Overall' }, { text: letter.overall.rating ?? 'Not rated' }]],
        dueItems: dateInputItems(values, 'dueOn', undefined, state.dateErrors),
        actionRows: letter.actions.map((x) => [{ text: x.action }, { text: x.owner }, { text: govukDate(x.dueOn) }, { text: `${names.get(Number(x.createdBy.replace('user:', ''))) ?? x.createdBy}, ${govukDateTime(x.createdAt)}` }]),
        banner: BANNERS[c.req.query('done') ?? ''],
      },
      status,
    );
  };

  routes.get('/sfo/assessments/:id/letter', (c) => letterPage(c));

  routes.get('/sfo/assessments/:id/letter.pdf', async (c) => {
    const { actor } = sessionOf(c);
    const letter = await sfoFeedbackLetter(db, idParam(c), actor);
    const pdf = await sfoFeedbackPdf(letter);
    return c.body(new Uint8Array(pdf), 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="sfo-feedback-${letter.reviewRef.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"` });
  });

  routes.post('/sfo/assessments/:id/actions', async (c) => {
    const { actor } = sessionOf(c);
    const id = idParam(c);
    const values = await formValues(c);
    const due = readDateInput(values, 'dueOn', 'the date the action is due');
    try {
      await addSfoRegionAction(db, id, { action: values.action ?? '', owner: values.owner ?? '', dueOn: due.ok ? due.date : undefined }, actor);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      const errors = e.fields.map((f) => (f.field === 'dueOn' ? (due.ok ? { href: '#dueOn-day', text: f.message } : { href: due.href, text: due.message }) : { href: `#${f.field}`, text: f.message }));
      return letterPage(c, { errors, values, ...(due.ok ? {} : { dateErrors: due.parts }) }, 400);
    }
    return c.redirect(`/sfo/assessments/${id}/letter?done=action-added#actions`, 303);
  });

  routes.get('/sfo/feedback', async (c) => {
    const { actor } = sessionOf(c);
    const list = await sfoFeedbackList(db, actor);
    return page(c, 'sfo-feedback.njk', {
      title: list.region ? `SFO review feedback for ${list.region}` : 'SFO review feedback released',
      activeNav: canViewSfoReviews(actor) ? 'sfo' : 'sfo-feedback',
      region: list.region,
      rows: list.items.map((i) => [{ html: `<a class="govuk-link" href="/sfo/assessments/${i.assessmentId}/letter">${escapeHtml(i.reviewRef)}</a>` }, { text: i.region }, { text: i.overall ?? '–' }, { text: String(i.actions), format: 'numeric' }]),
    });
  });

  return routes;
}

