// The people-on-probation text survey: the survey of an inspection, its respondents and their
// conversations, inbound replies (one row per provider message id), the outbox of texts to send,
// the suppression list and interview notes. Phone numbers live only in survey_respondent.phone
// and sms_outbox.phone, and both are cleared when a survey closes or a text is sent.
import { currentRequestId } from '../../observability/request-context.ts';
import { sql, type Selectable } from 'kysely';
import type { ConversationState } from '../../domain/survey/conversation.ts';
import type { SurveyScript } from '../../domain/survey/questionnaire.ts';
import type { OutboxStatus, RespondentStatus, SurveyRespondentTable, SurveyStatus, SurveyTable } from '../schema-sample-survey.ts';
import { toJson, type Db } from './shared.ts';

export type { OutboxStatus, RespondentStatus, SurveyStatus } from '../schema-sample-survey.ts';

export interface SurveyRecord {
  id: number;
  inspectionId: number;
  frameworkKey: string;
  script: SurveyScript;
  status: SurveyStatus;
  contactsUploadedBy: string | null;
  contactsUploadedAt: Date | null;
  contactsSuppressed: number;
  sentBy: string | null;
  sentAt: Date | null;
  closedBy: string | null;
  closedAt: Date | null;
}

const toSurvey = (r: Selectable<SurveyTable>): SurveyRecord => ({
  id: r.id,
  inspectionId: r.inspection_id,
  frameworkKey: r.framework_key,
  script: r.script as SurveyScript,
  status: r.status,
  contactsUploadedBy: r.contacts_uploaded_by,
  contactsUploadedAt: r.contacts_uploaded_at,
  contactsSuppressed: r.contacts_suppressed,
  sentBy: r.sent_by,
  sentAt: r.sent_at,
  closedBy: r.closed_by,
  closedAt: r.closed_at,
});

export async function getSurveyByInspection(db: Db, inspectionId: number): Promise<SurveyRecord | undefined> {
  const row = await db.selectFrom('survey').selectAll().where('inspection_id', '=', inspectionId).executeTakeFirst();
  return row && toSurvey(row);
}

export async function getSurvey(db: Db, surveyId: number): Promise<SurveyRecord | undefined> {
  const row = await db.selectFrom('survey').selectAll().where('id', '=', surveyId).executeTakeFirst();
  return row && toSurvey(row);
}

/** The inspection's survey locked for the transaction, created with `script` if there is none. */
export async function lockSurvey(db: Db, inspectionId: number, create?: { frameworkKey: string; script: SurveyScript }): Promise<SurveyRecord | undefined> {
  if (create)
    await db
      .insertInto('survey')
      .values({ inspection_id: inspectionId, framework_key: create.frameworkKey, script: toJson(create.script) })
      .onConflict((oc) => oc.column('inspection_id').doNothing())
      .execute();
  const row = await db.selectFrom('survey').selectAll().where('inspection_id', '=', inspectionId).forUpdate().executeTakeFirst();
  return row && toSurvey(row);
}

export interface SurveyPatch {
  status?: SurveyStatus;
  contactsUploadedBy?: string;
  contactsUploadedAt?: Date;
  contactsSuppressed?: number;
  sentBy?: string;
  sentAt?: Date;
  closedBy?: string;
  closedAt?: Date;
}

export async function updateSurvey(db: Db, surveyId: number, patch: SurveyPatch): Promise<void> {
  await db
    .updateTable('survey')
    .set({
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.contactsUploadedBy !== undefined ? { contacts_uploaded_by: patch.contactsUploadedBy } : {}),
      ...(patch.contactsUploadedAt !== undefined ? { contacts_uploaded_at: patch.contactsUploadedAt } : {}),
      ...(patch.contactsSuppressed !== undefined ? { contacts_suppressed: patch.contactsSuppressed } : {}),
      ...(patch.sentBy !== undefined ? { sent_by: patch.sentBy } : {}),
      ...(patch.sentAt !== undefined ? { sent_at: patch.sentAt } : {}),
      ...(patch.closedBy !== undefined ? { closed_by: patch.closedBy } : {}),
      ...(patch.closedAt !== undefined ? { closed_at: patch.closedAt } : {}),
    })
    .where('id', '=', surveyId)
    .execute();
}

export interface Contact {
  /** E.164. */
  phone: string;
  name: string | null;
}

/** Replaces the survey's (unsent) respondents by `contacts`, numbered 1, 2, … in order. */
export async function replaceRespondents(db: Db, surveyId: number, contacts: readonly Contact[]): Promise<void> {
  await db.deleteFrom('survey_respondent').where('survey_id', '=', surveyId).execute();
  const CHUNK = 10_000;
  for (let start = 0; start < contacts.length; start += CHUNK) {
    const chunk = contacts.slice(start, start + CHUNK);
    await sql`
      insert into survey_respondent (survey_id, number, phone, name)
      select ${surveyId}::int, u.number, u.phone, u.name
      from unnest(${chunk.map((_, i) => start + i + 1)}::int[], ${chunk.map((c) => c.phone)}::text[], ${chunk.map((c) => c.name)}::text[])
        as u(number, phone, name)`.execute(db);
  }
}

/** Respondents not yet sent the survey, with their numbers (to check against the suppression list). */
export async function listUnsentPhones(db: Db, surveyId: number): Promise<{ id: number; phone: string }[]> {
  const rows = await db
    .selectFrom('survey_respondent')
    .select(['id', 'phone'])
    .where('survey_id', '=', surveyId)
    .where('status', '=', 'not-sent')
    .where('phone', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, phone: r.phone! }));
}

export async function deleteRespondents(db: Db, ids: readonly number[]): Promise<number> {
  if (!ids.length) return 0;
  const result = await db.deleteFrom('survey_respondent').where('id', '=', sql<number>`any(${ids}::int[])`).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Starts every unsent conversation of the survey: each respondent gets `state`, and `messages`
 * are queued for each of them in order, with references `${referencePrefix}${respondent id}`.
 * Returns the number of respondents started.
 */
export async function startConversations(db: Db, surveyId: number, state: ConversationState, messages: readonly string[], referencePrefix: string): Promise<number> {
  const started = await sql<{ id: number }>`
    update survey_respondent set state = ${toJson(state)}::jsonb, status = ${state.status}, updated_at = now()
    where survey_id = ${surveyId}::int and status = 'not-sent' and phone is not null
    returning id`.execute(db);
  if (!started.rows.length || !messages.length) return started.rows.length;
  await sql`
    insert into sms_outbox (respondent_id, phone, body, reference)
    select r.id, r.phone, m.body, ${referencePrefix}::text || r.id
    from survey_respondent r cross join unnest(${[...messages]}::text[]) with ordinality as m(body, ord)
    where r.survey_id = ${surveyId}::int and r.status <> 'not-sent' and r.phone is not null
    order by r.id, m.ord`.execute(db);
  return started.rows.length;
}

export interface RespondentRecord {
  id: number;
  surveyId: number;
  number: number;
  phone: string | null;
  name: string | null;
  state: ConversationState | null;
  status: RespondentStatus;
  followUp: string | null;
}

const toRespondent = (r: Selectable<SurveyRespondentTable>): RespondentRecord => ({
  id: r.id,
  surveyId: r.survey_id,
  number: r.number,
  phone: r.phone,
  name: r.name,
  state: r.state as ConversationState | null,
  status: r.status,
  followUp: r.follow_up,
});

export async function getRespondent(db: Db, surveyId: number, respondentId: number): Promise<RespondentRecord | undefined> {
  const row = await db.selectFrom('survey_respondent').selectAll().where('survey_id', '=', surveyId).where('id', '=', respondentId).executeTakeFirst();
  return row && toRespondent(row);
}

/**
 * The respondents with these numbers in open surveys whose conversations have begun, locked for
 * the transaction in id order (so that two batches never wait on each other in a circle).
 */
export async function lockRespondentsByPhones(db: Db, phones: readonly string[]): Promise<(RespondentRecord & { inspectionId: number })[]> {
  if (!phones.length) return [];
  const rows = await db
    .selectFrom('survey_respondent as r')
    .innerJoin('survey as s', 's.id', 'r.survey_id')
    .selectAll('r')
    .select('s.inspection_id')
    .where('r.phone', '=', sql<string>`any(${[...phones]}::text[])`)
    .where('s.status', '=', 'open')
    .where('r.state', 'is not', null)
    .orderBy('r.id')
    .forUpdate('r')
    .execute();
  return rows.map((r) => ({ ...toRespondent(r), inspectionId: r.inspection_id }));
}

export interface ConversationWrite {
  respondentId: number;
  state: ConversationState;
  followUp: string | null;
  /** Opted out: the number and name go too. */
  forget: boolean;
}

/** Saves several conversations in one statement. */
export async function saveConversations(db: Db, writes: readonly ConversationWrite[]): Promise<void> {
  if (!writes.length) return;
  await sql`
    update survey_respondent r set
      state = u.state::jsonb, status = u.status, follow_up = u.follow_up, updated_at = now(),
      phone = case when u.forget then null else r.phone end,
      name = case when u.forget then null else r.name end
    from unnest(${writes.map((w) => w.respondentId)}::int[], ${writes.map((w) => toJson(w.state))}::text[], ${writes.map((w) => w.state.status)}::text[],
                ${writes.map((w) => w.followUp)}::text[], ${writes.map((w) => w.forget)}::boolean[]) as u(id, state, status, follow_up, forget)
    where r.id = u.id`.execute(db);
}

/** Texts not yet sent to these people are cancelled (they opted out). */
export async function cancelOutboxFor(db: Db, respondentIds: readonly number[]): Promise<void> {
  if (!respondentIds.length) return;
  await sql`
    update sms_outbox set status = 'cancelled', phone = null
    where respondent_id = any(${[...respondentIds]}::int[]) and status in ('pending', 'sending', 'failed')`.execute(db);
}

export interface InboundRow {
  providerId: string;
  surveyId: number | null;
  respondentId: number | null;
  event: string;
  dateReceived: Date | null;
}

/** Stores inbound message ids; returns those stored now (the others were stored before). */
export async function insertInboundRows(db: Db, rows: readonly InboundRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const { rows: inserted } = await sql<{ provider_id: string }>`
    insert into survey_inbound (provider_id, survey_id, respondent_id, event, date_received)
    select * from unnest(${rows.map((r) => r.providerId)}::text[], ${rows.map((r) => r.surveyId)}::int[], ${rows.map((r) => r.respondentId)}::int[],
                         ${rows.map((r) => r.event)}::text[], ${rows.map((r) => r.dateReceived?.toISOString() ?? null)}::timestamptz[])
    on conflict (provider_id) do nothing
    returning provider_id`.execute(db);
  return new Set(inserted.map((r) => r.provider_id));
}

export async function addSuppressions(db: Db, hashes: readonly string[]): Promise<void> {
  if (!hashes.length) return;
  await sql`insert into sms_suppression (phone_hash) select distinct h from unnest(${[...hashes]}::text[]) as h on conflict (phone_hash) do nothing`.execute(db);
}

export interface ReplyAuditEvent {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** The webhook request that brought the reply (a batch holds replies from many requests). */
  requestId?: string | null;
}

/**
 * The audit events of a batch of replies, in one statement (recordAudit writes one at a time).
 * They carry no inspection id: tens of thousands of replies would bury the inspection's own trail.
 */
export async function recordReplyAudits(db: Db, events: readonly ReplyAuditEvent[]): Promise<void> {
  if (!events.length) return;
  await sql`
    insert into audit_event (actor, action, entity, entity_id, before, after, request_id)
    select u.actor, u.action, u.entity, u.entity_id, u.before::jsonb, u.after::jsonb, u.request_id
    from unnest(${events.map((e) => e.actor)}::text[], ${events.map((e) => e.action)}::text[], ${events.map((e) => e.entity)}::text[], ${events.map((e) => e.entityId)}::text[],
                ${events.map((e) => (e.before === undefined || e.before === null ? null : toJson(e.before)))}::text[], ${events.map((e) => (e.after === undefined || e.after === null ? null : toJson(e.after)))}::text[],
                ${events.map((e) => e.requestId ?? currentRequestId())}::text[])
      with ordinality as u(actor, action, entity, entity_id, before, after, request_id, ord)
    order by u.ord`.execute(db);
}

export interface OutboundText {
  respondentId: number | null;
  phone: string;
  body: string;
  reference: string;
}

export async function enqueueSms(db: Db, texts: readonly OutboundText[]): Promise<void> {
  if (!texts.length) return;
  await sql`
    insert into sms_outbox (respondent_id, phone, body, reference)
    select u.respondent_id, u.phone, u.body, u.reference
    from unnest(${texts.map((t) => t.respondentId)}::int[], ${texts.map((t) => t.phone)}::text[],
                ${texts.map((t) => t.body)}::text[], ${texts.map((t) => t.reference)}::text[])
      with ordinality as u(respondent_id, phone, body, reference, ord)
    order by u.ord`.execute(db);
}

export async function suppressedHashes(db: Db, hashes: readonly string[]): Promise<Set<string>> {
  if (!hashes.length) return new Set();
  const { rows } = await sql<{ phone_hash: string }>`select phone_hash from sms_suppression where phone_hash = any(${[...hashes]}::text[])`.execute(db);
  return new Set(rows.map((r) => r.phone_hash));
}

/** A named secret, created by `create` the first time it is asked for. */
export async function secretValue(db: Db, name: string, create: () => string): Promise<string> {
  await db.insertInto('sms_secret').values({ name, value: create() }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return (await db.selectFrom('sms_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
}

/** Closing: the numbers and names go, and texts not yet sent are cancelled. Returns counts. */
export async function forgetSurveyContacts(db: Db, surveyId: number): Promise<{ numbers: number; cancelled: number }> {
  const numbers = await db
    .updateTable('survey_respondent')
    .set({ phone: null, name: null })
    .where('survey_id', '=', surveyId)
    .where((eb) => eb.or([eb('phone', 'is not', null), eb('name', 'is not', null)]))
    .executeTakeFirst();
  const cancelled = await sql`
    update sms_outbox o set status = 'cancelled', phone = null
    from survey_respondent r
    where o.respondent_id = r.id and r.survey_id = ${surveyId}::int and o.status in ('pending', 'sending', 'failed')`.execute(db);
  await sql`
    update sms_outbox o set phone = null
    from survey_respondent r
    where o.respondent_id = r.id and r.survey_id = ${surveyId}::int and o.phone is not null`.execute(db);
  return { numbers: Number(numbers.numUpdatedRows), cancelled: Number(cancelled.numAffectedRows ?? 0n) };
}

export interface RespondentCounts {
  total: number;
  notSent: number;
  inProgress: number;
  completed: number;
  optedOut: number;
  withNumber: number;
}

export async function countRespondents(db: Db, surveyId: number): Promise<RespondentCounts> {
  const { rows } = await sql<RespondentCounts>`
    select count(*)::int as "total",
           count(*) filter (where status = 'not-sent')::int as "notSent",
           count(*) filter (where status = 'in-progress')::int as "inProgress",
           count(*) filter (where status = 'completed')::int as "completed",
           count(*) filter (where status = 'opted-out')::int as "optedOut",
           count(*) filter (where phone is not null)::int as "withNumber"
    from survey_respondent where survey_id = ${surveyId}::int`.execute(db);
  return rows[0]!;
}

/** Every conversation begun, in respondent order. */
export async function listConversationStates(db: Db, surveyId: number): Promise<ConversationState[]> {
  const rows = await db.selectFrom('survey_respondent').select('state').where('survey_id', '=', surveyId).where('state', 'is not', null).orderBy('id').execute();
  return rows.map((r) => r.state as ConversationState);
}

export async function countInbound(db: Db, surveyId: number): Promise<Record<string, number>> {
  const { rows } = await sql<{ event: string; n: number }>`
    select event, count(*)::int as n from survey_inbound where survey_id = ${surveyId}::int group by event order by event`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.event, r.n]));
}

export interface FollowUpRecord {
  respondentId: number;
  number: number;
  name: string | null;
  means: string;
  /** Whether the survey can still text them (it is open and their number is kept). */
  reachable: boolean;
}

export async function listFollowUps(db: Db, surveyId: number): Promise<FollowUpRecord[]> {
  const rows = await db
    .selectFrom('survey_respondent')
    .select(['id', 'number', 'name', 'follow_up', 'phone', 'status'])
    .where('survey_id', '=', surveyId)
    .where('follow_up', 'is not', null)
    .orderBy('number')
    .execute();
  return rows.map((r) => ({ respondentId: r.id, number: r.number, name: r.name, means: r.follow_up!, reachable: r.phone !== null && r.status !== 'opted-out' }));
}

export interface InterviewNoteRecord {
  id: number;
  respondentId: number | null;
  respondentNumber: number | null;
  prompts: string[];
  text: string;
  recordedBy: string;
  recordedAt: Date;
}

export async function insertInterviewNote(db: Db, note: { surveyId: number; respondentId: number | null; prompts: readonly string[]; text: string; recordedBy: string }): Promise<number> {
  const row = await db
    .insertInto('survey_interview_note')
    .values({ survey_id: note.surveyId, respondent_id: note.respondentId, prompts: toJson(note.prompts), text: note.text, recorded_by: note.recordedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listInterviewNotes(db: Db, surveyId: number): Promise<InterviewNoteRecord[]> {
  const rows = await db
    .selectFrom('survey_interview_note as n')
    .leftJoin('survey_respondent as r', 'r.id', 'n.respondent_id')
    .select(['n.id', 'n.respondent_id', 'r.number', 'n.prompts', 'n.text', 'n.recorded_by', 'n.recorded_at'])
    .where('n.survey_id', '=', surveyId)
    .orderBy('n.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    respondentId: r.respondent_id,
    respondentNumber: r.number,
    prompts: r.prompts,
    text: r.text,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));
}

// The outbox.

export interface ClaimedText {
  id: number;
  phone: string;
  body: string;
  reference: string;
  attempts: number;
}

/**
 * Claims up to `limit` texts due at `now` (the app's clock, which set their retry times), oldest first, marking them `sending` (other senders
 * skip locked rows). Texts left `sending` since before `staleBefore` (a sender stopped mid-way)
 * are claimed again.
 */
export async function claimOutbox(db: Db, limit: number, now: Date, staleBefore: Date): Promise<ClaimedText[]> {
  // Due by the end of the clock's millisecond: the clock counts milliseconds, the database's
  // times (a row queued a moment ago, at its now()) microseconds.
  const { rows } = await sql<{ id: number; phone: string; body: string; reference: string; attempts: number }>`
    update sms_outbox set status = 'sending', claimed_at = ${now.toISOString()}::timestamptz, attempts = attempts + 1
    where id in (
      select id from sms_outbox
      where phone is not null
        and ((status = 'pending' and next_attempt_at < ${new Date(now.getTime() + 1).toISOString()}::timestamptz) or (status = 'sending' and claimed_at < ${staleBefore.toISOString()}::timestamptz))
      order by id
      limit ${limit}
      for update skip locked)
    returning id, phone, body, reference, attempts`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id) })).sort((a, b) => a.id - b.id);
}

export async function markOutboxSent(db: Db, sent: readonly { id: number; providerId: string }[]): Promise<void> {
  if (!sent.length) return;
  await sql`
    update sms_outbox o set status = 'sent', phone = null, provider_id = u.provider_id, sent_at = now(), last_error = null
    from unnest(${sent.map((s) => s.id)}::bigint[], ${sent.map((s) => s.providerId)}::text[]) as u(id, provider_id)
    where o.id = u.id`.execute(db);
}

/** A failed attempt: tried again at `retryAt`, or failed for good (the number is dropped) when null. */
export async function markOutboxFailed(db: Db, id: number, error: string, retryAt: Date | null): Promise<void> {
  await db
    .updateTable('sms_outbox')
    .set(retryAt ? { status: 'pending', next_attempt_at: retryAt, last_error: error, claimed_at: null } : { status: 'failed', last_error: error, phone: null, claimed_at: null })
    .where('id', '=', id)
    .execute();
}

/** When the next pending text is due, if any. */
export async function nextOutboxDue(db: Db): Promise<Date | null> {
  const row = await db.selectFrom('sms_outbox').select('next_attempt_at').where('status', '=', 'pending').where('phone', 'is not', null).orderBy('next_attempt_at').limit(1).executeTakeFirst();
  return row?.next_attempt_at ?? null;
}

export async function countOutbox(db: Db): Promise<Record<OutboxStatus, number>> {
  const { rows } = await sql<{ status: OutboxStatus; n: number }>`select status, count(*)::int as n from sms_outbox group by status`.execute(db);
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}
