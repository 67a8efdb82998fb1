// The people-on-probation survey pages: the contact list upload, sending and closing the survey,
// the results, follow-up conversations with interview notes, and (for administrators) the text
// outbox. The inbound-message webhook is in smsWebhookRoutes: the text provider has no session,
// so it is mounted before sign-in is required and checks a shared bearer token instead.
import { timingSafeEqual, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { LocalOutboxSender } from '../../adapters/sms/local-outbox.ts';
import type { Db } from '../../db/repositories/index.ts';
import { allMessages } from '../../domain/survey/questionnaire.ts';
import type { FileProblem } from '../../interchange/problems.ts';
import { govukDateTime } from '../../presenters/govuk-dates.ts';
import { problemRows, problemSummary } from '../../presenters/sample-page.ts';
import { countRows, evidenceRows, groupTables, replyRows, responseRows, statementTable, surveyStatusText } from '../../presenters/survey-page.ts';
import { AppError } from '../../services/errors.ts';
import { canInterview, canRunSurvey, canUploadServiceFiles, canViewSmsOutbox, canViewSurvey, canViewSurveyResults } from '../../services/survey/access.ts';
import { readUkMobile } from '../../services/survey/contact-list.ts';
import { loadFollowUps, noteProblems, recordInterviewNote, textFollowUp } from '../../services/survey/follow-ups.ts';
import { InboundBatcher, InboundUnavailable, receiveInbound } from '../../services/survey/inbound.ts';
import type { SurveyMessaging } from '../../services/survey/messaging.ts';
import { textOutboxCounts } from '../../services/survey/outbox.ts';
import { cancelContactList, confirmContactList, findHeldContactList, HELD_LIST_GONE, rowsLeftOut, type ContactListHolder } from '../../services/survey/pending-contacts.ts';
import { closeSurvey, loadSurvey, loadSurveyResults, sendSurvey, uploadContacts } from '../../services/survey/survey.ts';
import { hashToken } from '../../services/identity/sessions.ts';
import { inspectionFor, requirePermission, actingUser } from '../access.ts';
import { SESSION_COOKIE, type AppEnv } from '../auth.ts';
import { fieldErrors, type FormError } from '../form-errors.ts';
import { page } from '../render.ts';

/** A held contact list belongs to the person and the sign-in session that uploaded it. */
const holderOf = (c: Context<AppEnv>): ContactListHolder => ({ userId: c.get('session')!.user.id, sessionHash: hashToken(getCookie(c, SESSION_COOKIE) ?? '') });
const when = (d: Date | null) => (d ? govukDateTime(d) : '');

function respondentParam(c: Context): number {
  const id = Number(c.req.param('respondentId'));
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw new AppError('not-found', 'There is no such person in this survey');
  return id;
}

/** Notify's inbound text message callback. */
const InboundSchema = z.object({
  id: z.string().min(1, 'is empty').max(200),
  source_number: z.string().min(1, 'is empty').max(40),
  destination_number: z.string().max(40).optional(),
  message: z.string().max(5_000),
  date_received: z.string().max(64).optional(),
});

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** POST /sms/inbound: replies from the text provider, authenticated by a shared bearer token. */
export function smsWebhookRoutes(db: Db, sms: SurveyMessaging): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  // Replies that arrive together are handled together: a burst costs statements per batch, not per reply.
  const batcher = new InboundBatcher(db);
  routes.post('/sms/inbound', async (c) => {
    // The token first: nothing of the request is read for a caller who cannot show it.
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (!sms.webhookToken || !token || !sameSecret(token, sms.webhookToken))
      return c.json({ error: 'unauthenticated', message: 'Send the shared secret as "Authorization: Bearer <token>"' }, 401);
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json'))
      return c.json({ error: 'invalid', message: 'Send the message as JSON (Content-Type: application/json)' }, 415);
    // The body is at most 64 KB (limitBodies, counted as it streams in).
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return c.json({ error: 'invalid', message: 'The body is not JSON' }, 400);
    }
    const parsed = InboundSchema.safeParse(body);
    if (!parsed.success)
      return c.json({ error: 'invalid', message: 'The message is not in the inbound text message shape', problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) }, 400);
    const m = parsed.data;
    // Never a 500 for a message in the right shape: it is handled, or held and tried again later.
    let result;
    try {
      result = await batcher.accept({ id: m.id, sourceNumber: m.source_number, message: m.message, dateReceived: m.date_received ?? null });
    } catch (error) {
      if (!(error instanceof InboundUnavailable)) throw error;
      return c.json({ error: 'unavailable', message: 'The message could not be stored now; send it again later' }, 503, { 'Retry-After': '60' });
    }
    if (result.queued) sms.dispatcher.kick();
    return c.json({ outcome: result.outcome }, 200);
  });
  return routes;
}

interface SurveyPageState {
  errors?: FormError[];
  problems?: FileProblem[];
  warnings?: FileProblem[];
}

const NoteForm = z.object({ prompts: z.array(z.string()), text: z.string() });

export function surveyRoutes(db: Db, sms: SurveyMessaging): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const surveyPage = async (c: Context<AppEnv>, state: SurveyPageState = {}, status: 200 | 400 | 409 = 200) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, canViewSurvey);
    const view = await loadSurvey(db, inspection.id);
    const { survey, counts, about } = view;
    const draft = (!survey || survey.status === 'draft') && about.questionnaire !== null;
    const errors = state.errors ?? [];
    return page(
      c,
      'survey-overview.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}Survey of ${about.people}: ${inspection.title}`,
        inspection,
        about,
        section: 'survey',
        errors,
        uploaded: c.req.query('uploaded'),
        done: c.req.query('done'),
        statusRows: [
          { key: { text: 'Status' }, value: { text: surveyStatusText(survey) } },
          { key: { text: 'Texts go through' }, value: { text: sms.sender.label } },
          ...(survey?.contactsUploadedAt ? [{ key: { text: 'Contact list uploaded' }, value: { text: when(survey.contactsUploadedAt) } }] : []),
          ...(counts ? countRows(counts, survey!.contactsSuppressed) : []),
        ],
        localOutbox: !sms.sender.real,
        upload: draft && canUploadServiceFiles(actor, scope) && inspection.status !== 'signed-off',
        contactsError: state.problems?.length ? { text: `The list has ${state.problems.length} problem${state.problems.length === 1 ? '' : 's'}, listed below; nothing was kept` } : (errors.find((e) => e.href === '#contacts') && { text: errors.find((e) => e.href === '#contacts')!.text }),
        problems: state.problems ? problemRows(state.problems, false) : null,
        problemCount: state.problems?.length ?? 0,
        warnings: state.warnings ?? [],
        canSend: canRunSurvey(actor, scope) && !!survey?.contactsUploadedAt && survey.status === 'draft' && inspection.status !== 'signed-off' && (counts?.total ?? 0) > 0,
        canClose: canRunSurvey(actor, scope) && !!survey && survey.status !== 'closed',
        people: counts?.total ?? 0,
        replies: survey && survey.status !== 'draft' ? replyRows(view.replies) : [],
        followUps: view.followUps,
        links: [
          ...(canViewSurveyResults(actor, scope) ? [{ href: `/inspections/${inspection.id}/survey/results`, text: 'Results' }] : []),
          ...(canInterview(actor, scope) ? [{ href: `/inspections/${inspection.id}/survey/follow-ups`, text: `Follow-up conversations (${view.followUps} asked for)` }] : []),
          ...(canViewSmsOutbox(actor) ? [{ href: '/admin/sms-outbox', text: 'Text outbox' }] : []),
        ],
        messages: survey ? allMessages(survey.script) : [],
      },
      status,
    );
  };

  routes.get('/inspections/:id/survey', (c) => surveyPage(c));

  routes.post('/inspections/:id/survey/contacts', async (c) => {
    const { inspection } = await inspectionFor(c, db, canUploadServiceFiles);
    const file = (await c.req.parseBody()).contacts;
    if (!(file instanceof File) || !file.size) return surveyPage(c, { errors: [{ href: '#contacts', text: 'Choose the contact list to upload' }] }, 400);
    try {
      const result = await uploadContacts(db, { inspectionId: inspection.id, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, actingUser(c), holderOf(c));
      // Only some rows are wrong: the uploader checks which rows would be left out before anything is kept.
      if (!result.ok && result.held) return c.redirect(`/inspections/${inspection.id}/survey/contacts/check?upload=${encodeURIComponent(result.held.token)}`, 303);
      if (!result.ok) {
        const single = result.errors.length === 1 && result.errors[0]!.row === undefined;
        return surveyPage(c, { errors: problemSummary(result.errors, '#contacts'), ...(single ? {} : { problems: result.errors }), warnings: result.warnings }, 400);
      }
      if (result.warnings.length) return surveyPage(c, { warnings: result.warnings });
      return c.redirect(`/inspections/${inspection.id}/survey?uploaded=${result.people}`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'conflict') return surveyPage(c, { errors: [{ href: '#contacts', text: e.message }] }, 409);
      throw e;
    }
  });

  const heldToken = async (c: Context<AppEnv>) => {
    const body = await c.req.parseBody();
    return typeof body.upload === 'string' ? body.upload.slice(0, 100) : '';
  };
  const heldListGone = (c: Context<AppEnv>, message: string) => surveyPage(c, { errors: [{ href: '#contacts', text: message }] }, 400);

  routes.get('/inspections/:id/survey/contacts/check', async (c) => {
    const { inspection } = await inspectionFor(c, db, canUploadServiceFiles);
    const token = (c.req.query('upload') ?? '').slice(0, 100);
    const held = await findHeldContactList(db, inspection.id, token, holderOf(c));
    if (!held) return heldListGone(c, HELD_LIST_GONE);
    const leftOut = rowsLeftOut(held.leftOut);
    return page(c, 'survey-contacts-check.njk', {
      title: `Check the contact list: ${inspection.title}`,
      inspection,
      section: 'survey',
      token,
      fileName: held.fileName,
      people: held.contacts.length,
      leftOut,
      expiresAt: held.expiresAt,
      problems: problemRows(held.leftOut.map((p) => ({ ...p, message: p.message.charAt(0).toUpperCase() + p.message.slice(1) })), false),
      warnings: held.warnings,
    });
  });

  routes.post('/inspections/:id/survey/contacts/confirm', async (c) => {
    const { inspection } = await inspectionFor(c, db, canUploadServiceFiles);
    try {
      const { people } = await confirmContactList(db, inspection.id, await heldToken(c), holderOf(c), actingUser(c));
      return c.redirect(`/inspections/${inspection.id}/survey?uploaded=${people}`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not-found') return heldListGone(c, e.message);
      if (e instanceof AppError && e.code === 'conflict') return surveyPage(c, { errors: [{ href: '#contacts', text: e.message }] }, 409);
      throw e;
    }
  });

  routes.post('/inspections/:id/survey/contacts/cancel', async (c) => {
    const { inspection } = await inspectionFor(c, db, canUploadServiceFiles);
    if (!(await cancelContactList(db, inspection.id, await heldToken(c), holderOf(c)))) return heldListGone(c, HELD_LIST_GONE);
    return c.redirect(`/inspections/${inspection.id}/survey?done=contacts-cancelled`, 303);
  });

  routes.post('/inspections/:id/survey/send', async (c) => {
    const { inspection } = await inspectionFor(c, db, canRunSurvey);
    try {
      const { people } = await sendSurvey(db, inspection.id, actingUser(c));
      sms.dispatcher.kick();
      return c.redirect(`/inspections/${inspection.id}/survey?done=sent-${people}`, 303);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'invalid' || e.code === 'conflict')) return surveyPage(c, { errors: [{ href: '#send', text: e.message }] }, e.code === 'invalid' ? 400 : 409);
      throw e;
    }
  });

  routes.post('/inspections/:id/survey/close', async (c) => {
    const { inspection } = await inspectionFor(c, db, canRunSurvey);
    try {
      await closeSurvey(db, inspection.id, actingUser(c));
    } catch (e) {
      if (e instanceof AppError && e.code === 'conflict') return surveyPage(c, { errors: [{ href: '#close', text: e.message }] }, 409);
      throw e;
    }
    return c.redirect(`/inspections/${inspection.id}/survey?done=closed`, 303);
  });

  routes.get('/inspections/:id/survey/results', async (c) => {
    const { inspection } = await inspectionFor(c, db, canViewSurveyResults);
    const { results, survey } = await loadSurveyResults(db, inspection.id);
    return page(c, 'survey-results.njk', {
      title: `Survey results: ${inspection.title}`,
      inspection,
      section: 'survey',
      survey,
      results,
      ...(results
        ? {
            responseRows: responseRows(results),
            statements: statementTable(results),
            groups: groupTables(results),
            evidence: evidenceRows(results),
          }
        : {}),
    });
  });

  const followUpsPage = async (c: Context<AppEnv>, state: { errors?: FormError[]; values?: { prompts: string[]; text: string; message?: string }; person?: number } = {}, status: 200 | 400 | 409 = 200) => {
    const { inspection } = await inspectionFor(c, db, canInterview);
    const view = await loadFollowUps(db, inspection.id);
    const person = state.person ?? (c.req.query('person') ? Number(c.req.query('person')) : undefined);
    const selected = view.followUps.find((f) => f.respondentId === person);
    const errors = state.errors ?? [];
    const fields = fieldErrors(errors);
    const values = state.values ?? { prompts: [], text: '' };
    const notesBy = new Map<number, number>();
    for (const n of view.notes) if (n.respondentId !== null) notesBy.set(n.respondentId, (notesBy.get(n.respondentId) ?? 0) + 1);
    return page(
      c,
      'survey-follow-ups.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}Follow-up conversations: ${inspection.title}`,
        inspection,
        section: 'survey',
        survey: view.survey,
        errors,
        saved: c.req.query('saved'),
        rows: view.followUps.map((f) => [
          { html: `<a class="govuk-link" href="/inspections/${inspection.id}/survey/follow-ups?person=${f.respondentId}#person">Person ${f.number}</a>` },
          { text: f.name ?? 'Not given' },
          { text: f.means },
          { text: f.reachable ? 'Yes' : 'No' },
          { text: String(notesBy.get(f.respondentId) ?? 0), format: 'numeric' },
        ]),
        selected,
        promptItems: view.prompts.map((p) => ({ value: p.id, text: `${p.id} ${p.text}`, checked: values.prompts.includes(p.id) })),
        noteText: values.text,
        message: values.message ?? '',
        promptsError: fields.prompts,
        textError: fields.text,
        messageError: fields.message,
        notes: view.notes.map((n) => ({
          heading: `${n.respondentNumber !== null ? `Person ${n.respondentNumber}` : 'Conversation'}: ${n.prompts.join(', ')}`,
          by: `${n.recordedBy}, ${when(n.recordedAt)}`,
          text: n.text,
        })),
      },
      status,
    );
  };

  routes.get('/inspections/:id/survey/follow-ups', (c) => followUpsPage(c));

  routes.post('/inspections/:id/survey/follow-ups/:respondentId/notes', async (c) => {
    const { inspection } = await inspectionFor(c, db, canInterview);
    const body = await c.req.parseBody({ all: true });
    const raw = body.prompts;
    const form = NoteForm.parse({
      prompts: (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((p): p is string => typeof p === 'string'),
      text: typeof body.text === 'string' ? body.text : '',
    });
    const problems = noteProblems((await loadFollowUps(db, inspection.id)).framework, form);
    const person = respondentParam(c);
    if (problems.length)
      return followUpsPage(c, { errors: problems.map((p) => ({ href: p.field === 'prompts' ? '#prompts' : '#text', text: p.message })), values: form, person }, 400);
    await recordInterviewNote(db, { inspectionId: inspection.id, respondentId: person, prompts: form.prompts, text: form.text }, actingUser(c));
    return c.redirect(`/inspections/${inspection.id}/survey/follow-ups?person=${person}&saved=note#person`, 303);
  });

  routes.post('/inspections/:id/survey/follow-ups/:respondentId/text', async (c) => {
    const { inspection } = await inspectionFor(c, db, canInterview);
    const body = await c.req.parseBody();
    const message = typeof body.message === 'string' ? body.message : '';
    const person = respondentParam(c);
    if (!message.trim()) return followUpsPage(c, { errors: [{ href: '#message', text: 'Write the text to send' }], values: { prompts: [], text: '', message }, person }, 400);
    try {
      await textFollowUp(db, { inspectionId: inspection.id, respondentId: person, text: message }, actingUser(c));
    } catch (e) {
      if (e instanceof AppError && (e.code === 'invalid' || e.code === 'conflict'))
        return followUpsPage(c, { errors: [{ href: '#message', text: e.message }], values: { prompts: [], text: '', message }, person }, e.code === 'invalid' ? 400 : 409);
      throw e;
    }
    sms.dispatcher.kick();
    return c.redirect(`/inspections/${inspection.id}/survey/follow-ups?person=${person}&saved=text#person`, 303);
  });

  const outboxPage = async (c: Context<AppEnv>, state: { errors?: FormError[]; from?: string; text?: string } = {}, status: 200 | 400 | 409 = 200) => {
    requirePermission(c, canViewSmsOutbox);
    const counts = await textOutboxCounts(db);
    const local = sms.sender instanceof LocalOutboxSender ? await sms.sender.list(200) : null;
    const errors = state.errors ?? [];
    const fields = fieldErrors(errors);
    return page(
      c,
      'survey-outbox.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}Text outbox`,
        errors,
        label: sms.sender.label,
        real: sms.sender.real,
        replied: c.req.query('replied'),
        countRows: Object.entries(counts).map(([status, n]) => [{ text: status.charAt(0).toUpperCase() + status.slice(1) }, { text: String(n), format: 'numeric' }]),
        file: sms.sender instanceof LocalOutboxSender ? sms.sender.file : null,
        total: local?.total ?? 0,
        rows: (local?.entries ?? []).map((e) => [{ text: govukDateTime(e.at) }, { text: e.to }, { text: e.body }, { text: e.reference }]),
        from: state.from ?? '',
        text: state.text ?? '',
        fromError: fields.from,
        textError: fields.text,
      },
      status,
    );
  };

  routes.get('/admin/sms-outbox', (c) => outboxPage(c));

  routes.post('/admin/sms-outbox/reply', async (c) => {
    requirePermission(c, canViewSmsOutbox);
    const body = await c.req.parseBody();
    const from = typeof body.from === 'string' ? body.from : '';
    const text = typeof body.text === 'string' ? body.text : '';
    if (sms.sender.real) return outboxPage(c, { errors: [{ href: '#from', text: 'Replies come from GOV.UK Notify: they can be typed here only with the local outbox' }], from, text }, 409);
    const phone = readUkMobile(from);
    const errors: FormError[] = [];
    if (!phone.ok) errors.push({ href: '#from', text: phone.message.charAt(0).toUpperCase() + phone.message.slice(1) });
    if (!text.trim()) errors.push({ href: '#text', text: 'Write the reply' });
    if (errors.length) return outboxPage(c, { errors, from, text }, 400);
    const result = await receiveInbound(db, { id: `local-reply-${randomUUID()}`, sourceNumber: from, message: text, dateReceived: new Date().toISOString() });
    if (result.queued) sms.dispatcher.kick();
    return c.redirect(`/admin/sms-outbox?replied=${encodeURIComponent(result.outcome)}`, 303);
  });

  return routes;
}
