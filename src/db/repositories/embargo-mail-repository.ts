// The embargoed copy's links and the email outbox: data access only (the rules are in
// services/embargo-mail.ts). Addresses and links are cleared from the outbox once an email is
// sent, failed for good or cancelled.
import { sql } from 'kysely';
import type { EmailStatus, EmbargoEmailContent } from '../schema-embargo.ts';
import type { Db } from './shared.ts';

export type { EmailStatus, EmbargoEmailContent } from '../schema-embargo.ts';

export interface EmbargoLink {
  id: number;
  inspectionId: number;
  recipientId: number;
  publishOn: string;
  revokedAt: Date | null;
  wrongAddresses: number;
  opened: number;
  lastOpenedAt: Date | null;
  /** The recipient's name and address, to confirm against. */
  recipientName: string;
  recipientEmail: string;
}

export async function insertEmbargoLink(db: Db, link: { inspectionId: number; recipientId: number; tokenHash: string; publishOn: string; createdBy: string }): Promise<number> {
  const row = await db
    .insertInto('embargo_link')
    .values({ inspection_id: link.inspectionId, recipient_id: link.recipientId, token_hash: link.tokenHash, publish_on: link.publishOn, created_by: link.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Withdraws the links not yet withdrawn (of one recipient, or all of the inspection's); returns how many. */
export async function revokeEmbargoLinks(db: Db, inspectionId: number, recipientId?: number): Promise<number> {
  let q = db.updateTable('embargo_link').set({ revoked_at: sql<Date>`now()` }).where('inspection_id', '=', inspectionId).where('revoked_at', 'is', null);
  if (recipientId !== undefined) q = q.where('recipient_id', '=', recipientId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findEmbargoLink(db: Db, tokenHash: string): Promise<EmbargoLink | undefined> {
  const r = await db
    .selectFrom('embargo_link as l')
    .innerJoin('embargo_recipient as r', 'r.id', 'l.recipient_id')
    .select(['l.id', 'l.inspection_id', 'l.recipient_id', 'l.publish_on', 'l.revoked_at', 'l.wrong_addresses', 'l.opened', 'l.last_opened_at', 'r.name', 'r.email'])
    .where('l.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r && { id: r.id, inspectionId: r.inspection_id, recipientId: r.recipient_id, publishOn: r.publish_on, revokedAt: r.revoked_at, wrongAddresses: r.wrong_addresses, opened: r.opened, lastOpenedAt: r.last_opened_at, recipientName: r.name, recipientEmail: r.email };
}

export async function recordEmbargoLinkOpened(db: Db, id: number): Promise<void> {
  await db.updateTable('embargo_link').set((eb) => ({ opened: eb('opened', '+', 1), last_opened_at: sql<Date>`now()` })).where('id', '=', id).execute();
}

/** Counts a wrong address given at the link; returns the count so far. */
export async function recordEmbargoLinkWrongAddress(db: Db, id: number): Promise<number> {
  const r = await db.updateTable('embargo_link').set((eb) => ({ wrong_addresses: eb('wrong_addresses', '+', 1) })).where('id', '=', id).returning('wrong_addresses').executeTakeFirstOrThrow();
  return r.wrong_addresses;
}

/** Each recipient's link in force (not withdrawn): how often it was opened and when last. */
export async function currentEmbargoLinks(db: Db, inspectionId: number): Promise<Map<number, { opened: number; lastOpenedAt: Date | null; wrongAddresses: number; publishOn: string }>> {
  const rows = await db
    .selectFrom('embargo_link')
    .select(['recipient_id', 'opened', 'last_opened_at', 'wrong_addresses', 'publish_on'])
    .where('inspection_id', '=', inspectionId)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.recipient_id, { opened: r.opened, lastOpenedAt: r.last_opened_at, wrongAddresses: r.wrong_addresses, publishOn: r.publish_on }]));
}

// The email outbox.

export async function queueEmail(
  db: Db,
  email: { inspectionId: number; recipientId: number; linkId: number; email: string; token: string; content: EmbargoEmailContent; reference: string },
): Promise<number> {
  const row = await db
    .insertInto('email_outbox')
    .values({ inspection_id: email.inspectionId, recipient_id: email.recipientId, link_id: email.linkId, email: email.email, token: email.token, content: JSON.stringify(email.content), reference: email.reference })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Cancels the emails not yet sent (of one recipient, or all of the inspection's), forgetting their addresses and links. */
export async function cancelPendingEmails(db: Db, inspectionId: number, reason: string, recipientId?: number): Promise<number> {
  let q = db
    .updateTable('email_outbox')
    .set({ status: 'cancelled', email: null, token: null, last_error: reason, claimed_at: null })
    .where('inspection_id', '=', inspectionId)
    .where('status', 'in', ['pending', 'sending']);
  if (recipientId !== undefined) q = q.where('recipient_id', '=', recipientId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface ClaimedEmail {
  id: number;
  email: string;
  token: string;
  content: EmbargoEmailContent;
  reference: string;
  attempts: number;
}

/**
 * Claims up to `limit` emails due at `now` (the app's clock, which set their retry times), oldest first, marking them `sending` (other senders
 * skip locked rows). Emails left `sending` since before `staleBefore` (a sender stopped mid-way)
 * are claimed again.
 */
export async function claimEmails(db: Db, limit: number, now: Date, staleBefore: Date): Promise<ClaimedEmail[]> {
  // Due by the end of the clock's millisecond: the clock counts milliseconds, the database's
  // times (a row queued a moment ago, at its now()) microseconds.
  const { rows } = await sql<{ id: number; email: string; token: string; content: EmbargoEmailContent | string; reference: string; attempts: number }>`
    update email_outbox set status = 'sending', claimed_at = ${now.toISOString()}::timestamptz, attempts = attempts + 1
    where id in (
      select id from email_outbox
      where email is not null and token is not null
        and ((status = 'pending' and next_attempt_at < ${new Date(now.getTime() + 1).toISOString()}::timestamptz) or (status = 'sending' and claimed_at < ${staleBefore.toISOString()}::timestamptz))
      order by id
      limit ${limit}
      for update skip locked)
    returning id, email, token, content, reference, attempts`.execute(db);
  return rows
    .map((r) => ({ ...r, id: Number(r.id), content: typeof r.content === 'string' ? (JSON.parse(r.content) as EmbargoEmailContent) : r.content }))
    .sort((a, b) => a.id - b.id);
}

export interface SettledEmail {
  id: number;
  inspectionId: number | null;
  recipientId: number | null;
  reference: string;
}

/** Emails sent: the address and link are forgotten. Returns which they were. */
export async function markEmailsSent(db: Db, sent: readonly { id: number; providerId: string }[]): Promise<SettledEmail[]> {
  if (!sent.length) return [];
  const { rows } = await sql<{ id: number; inspection_id: number | null; recipient_id: number | null; reference: string }>`
    update email_outbox o set status = 'sent', email = null, token = null, provider_id = u.provider_id, sent_at = now(), last_error = null, claimed_at = null
    from unnest(${sent.map((s) => s.id)}::bigint[], ${sent.map((s) => s.providerId)}::text[]) as u(id, provider_id)
    where o.id = u.id
    returning o.id, o.inspection_id, o.recipient_id, o.reference`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), inspectionId: r.inspection_id, recipientId: r.recipient_id, reference: r.reference }));
}

/** A failed try: tried again at `retryAt`, or failed for good (address and link forgotten) when null. */
export async function markEmailFailed(db: Db, id: number, error: string, retryAt: Date | null): Promise<SettledEmail | undefined> {
  const r = await db
    .updateTable('email_outbox')
    .set(retryAt ? { status: 'pending', next_attempt_at: retryAt, last_error: error, claimed_at: null } : { status: 'failed', last_error: error, email: null, token: null, claimed_at: null })
    .where('id', '=', id)
    .returning(['id', 'inspection_id', 'recipient_id', 'reference'])
    .executeTakeFirst();
  return r && { id: Number(r.id), inspectionId: r.inspection_id, recipientId: r.recipient_id, reference: r.reference };
}

/** When the next pending email is due, if any. */
export async function nextEmailDue(db: Db): Promise<Date | null> {
  const row = await db.selectFrom('email_outbox').select('next_attempt_at').where('status', '=', 'pending').where('email', 'is not', null).orderBy('next_attempt_at').limit(1).executeTakeFirst();
  return row?.next_attempt_at ?? null;
}

export interface EmailDelivery {
  id: number;
  recipientId: number | null;
  reference: string;
  status: EmailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
}

const toDelivery = (r: { id: number; recipient_id: number | null; reference: string; status: EmailStatus; attempts: number; last_error: string | null; created_at: Date; sent_at: Date | null; next_attempt_at: Date }): EmailDelivery => ({
  id: Number(r.id),
  recipientId: r.recipient_id,
  reference: r.reference,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  nextAttemptAt: r.next_attempt_at,
});
const DELIVERY_COLUMNS = ['id', 'recipient_id', 'reference', 'status', 'attempts', 'last_error', 'created_at', 'sent_at', 'next_attempt_at'] as const;

/** Each recipient's latest email of the inspection. */
export async function latestEmailsFor(db: Db, inspectionId: number): Promise<Map<number, EmailDelivery>> {
  const rows = await db.selectFrom('email_outbox').select(DELIVERY_COLUMNS).where('inspection_id', '=', inspectionId).orderBy('id').execute();
  return new Map(rows.filter((r) => r.recipient_id !== null).map((r) => [r.recipient_id!, toDelivery(r)]));
}

/** The newest emails of every kind, newest first, without their addresses (for the outbox page). */
export async function listEmails(db: Db, limit: number): Promise<EmailDelivery[]> {
  const rows = await db.selectFrom('email_outbox').select(DELIVERY_COLUMNS).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toDelivery);
}

export async function countEmails(db: Db): Promise<Record<EmailStatus, number>> {
  const { rows } = await sql<{ status: EmailStatus; n: number }>`select status, count(*)::int as n from email_outbox group by status`.execute(db);
  const counts: Record<EmailStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}
