// The embargoed copy, sent to its named recipients. Each recipient gets an email (GOV.UK Notify, or
// the local outbox) with a link of their own: the link's token is kept only as a hash, asks for the
// recipient's address before it opens the report, is recorded each time it is opened, is withdrawn
// with the embargo, and at publication leads to the public page instead. The emails are queued in
// the transaction that records the embargo (publication.ts) and sent after commit by a dispatcher
// with retries; each recipient's delivery is shown to the lead and audited. Addresses never appear
// in logs or audit events (the references name the inspection and the recipient's number only).
import { createHash, randomBytes } from 'node:crypto';
import { EmailSendError, withoutEmailAddresses, type EmailSender } from '../adapters/email/email-sender.ts';
import {
  cancelPendingEmails,
  claimEmails,
  countEmails,
  currentEmbargoLinks,
  findEmbargoLink,
  getInspection,
  getOrganisation,
  insertEmbargoLink,
  latestEmailsFor,
  listEmails,
  markEmailFailed,
  markEmailsSent,
  nextEmailDue,
  queueEmail,
  recordAudit,
  recordEmbargoLinkOpened,
  recordEmbargoLinkWrongAddress,
  revokeEmbargoLinks,
  inTransaction,
  type ClaimedEmail,
  type Db,
  type EmailDelivery,
  type EmailStatus,
  type EmbargoRecipient,
  type SettledEmail,
} from '../db/repositories/index.ts';
import { embargoEmail } from '../domain/publication/embargo-email.ts';
import { storedFramework } from './frameworks.ts';
import { Dispatcher, type DispatcherOptions } from './outbox/dispatcher.ts';
import { clock } from './clock.ts';

const SYSTEM = 'system:email';
/** Wrong addresses given at a link before it stops asking (the lead can send a new one). */
export const WRONG_ADDRESS_LIMIT = 5;

export const hashToken = (token: string): string => createHash('sha256').update(`embargo-link:${token}`).digest('hex');
/** The path of a recipient's link (after the service's address). */
export const embargoLinkPath = (token: string): string => `/embargoed?link=${token}`;
/** A link's token: 256 random bits, in URL-safe characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const today = () => clock.today();

export interface EmbargoMail {
  sender: EmailSender;
  dispatcher: Dispatcher<ClaimedEmail>;
  /** The service's address, for the links in the emails. */
  serviceUrl: string;
}

export interface EmbargoMailOptions {
  /** The provider, chosen in src/wiring.ts. */
  sender: EmailSender;
  serviceUrl?: string;
  dispatcher?: DispatcherOptions;
}

/** The email provider and the dispatcher that sends the queued emails after commit. */
export function createEmbargoMail(db: Db, options: EmbargoMailOptions): EmbargoMail {
  const { sender } = options;
  const serviceUrl = (options.serviceUrl ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const audit = async (trx: Db, email: SettledEmail | undefined, action: string, after: Record<string, unknown>) => {
    if (email?.inspectionId && email.recipientId) await recordAudit(trx, { actor: SYSTEM, action, entity: 'embargo-recipient', entityId: email.recipientId, inspectionId: email.inspectionId, after: { reference: email.reference, ...after } });
  };
  const dispatcher = new Dispatcher<ClaimedEmail>(
    {
      claim: (limit, now, staleBefore) => claimEmails(db, limit, now, staleBefore),
      markSent: (sent) =>
        inTransaction(db, async (trx) => {
          for (const email of await markEmailsSent(trx, sent)) await audit(trx, email, 'report.embargoed-copy-sent', {});
        }),
      markFailed: (id, error, retryAt) =>
        inTransaction(db, async (trx) => {
          const email = await markEmailFailed(trx, id, error, retryAt);
          if (!retryAt) await audit(trx, email, 'report.embargoed-copy-failed', { reason: error });
        }),
      nextDue: () => nextEmailDue(db),
    },
    async (email) => {
      // Queued before publication but not sent by then: the link would lead to the public page anyway.
      if (email.content.publishOn <= today()) throw new EmailSendError('Not sent: the report was published before the email could go', false);
      const { subject, body } = embargoEmail({ ...email.content, link: serviceUrl + embargoLinkPath(email.token) });
      return sender.send({ to: email.email, subject, body, reference: email.reference });
    },
    { outbox: 'Email outbox', item: 'email' },
    { ...options.dispatcher, log: (m) => (options.dispatcher?.log ?? ((line: string) => console.error(line)))(withoutEmailAddresses(m)) },
  );
  return { sender, dispatcher, serviceUrl };
}

/**
 * Gives each recipient a new link (withdrawing any earlier one) and queues the email carrying it,
 * in the caller's transaction: nothing is sent unless the embargo it belongs to is committed. An
 * embargo recorded after its publication date (the demonstration's past inspections) sends nothing.
 */
export async function queueEmbargoedCopies(
  trx: Db,
  input: { inspectionId: number; organisationId: number; publishOn: string; recipients: readonly Pick<EmbargoRecipient, 'id' | 'name' | 'email'>[] },
  actor: string,
): Promise<number> {
  if (input.publishOn <= today()) return 0;
  const organisationName = (await getOrganisation(trx, input.organisationId))?.name ?? 'the service inspected';
  // The email names the inspection as its report does, in the words of the inspection's framework.
  const inspection = await getInspection(trx, input.inspectionId);
  const framework = inspection ? await storedFramework(trx, inspection.frameworkId, inspection.frameworkVersion) : undefined;
  const reportTitle = framework?.regime.report.title.replace('{organisation}', organisationName);
  for (const recipient of input.recipients) {
    await revokeEmbargoLinks(trx, input.inspectionId, recipient.id);
    await cancelPendingEmails(trx, input.inspectionId, 'Replaced by a newer email', recipient.id);
    const token = randomBytes(32).toString('base64url');
    const linkId = await insertEmbargoLink(trx, { inspectionId: input.inspectionId, recipientId: recipient.id, tokenHash: hashToken(token), publishOn: input.publishOn, createdBy: actor });
    const reference = `embargo-${input.inspectionId}-r${recipient.id}-l${linkId}`;
    await queueEmail(trx, {
      inspectionId: input.inspectionId,
      recipientId: recipient.id,
      linkId,
      email: recipient.email,
      token,
      content: { recipientName: recipient.name, organisationName, ...(reportTitle ? { reportTitle } : {}), publishOn: input.publishOn, inspectionId: input.inspectionId },
      reference,
    });
    await recordAudit(trx, { actor, action: 'report.embargoed-copy-queued', entity: 'embargo-recipient', entityId: recipient.id, inspectionId: input.inspectionId, after: { recipient: recipient.name, reference, publishOn: input.publishOn } });
  }
  return input.recipients.length;
}

/** Withdraws every recipient's link and cancels the emails not yet sent (the embargo is withdrawn, or the report published). */
export async function withdrawEmbargoedCopies(trx: Db, inspectionId: number, reason: string, actor: string): Promise<void> {
  const links = await revokeEmbargoLinks(trx, inspectionId);
  const cancelled = await cancelPendingEmails(trx, inspectionId, reason);
  if (links || cancelled) await recordAudit(trx, { actor, action: 'report.embargoed-copies-withdrawn', entity: 'report', entityId: inspectionId, inspectionId, after: { links, emailsCancelled: cancelled, reason } });
}

export type LinkState =
  | { state: 'open'; linkId: number; inspectionId: number; recipientName: string; publishOn: string }
  /** Published: the link leads to the public page. */
  | { state: 'published'; inspectionId: number }
  /** Too many wrong addresses: the lead must send a new link. */
  | { state: 'locked' }
  /** Unknown, withdrawn, or given for an embargo since withdrawn. */
  | { state: 'invalid' };

/** What a recipient's link leads to today. `reportState` gives the report's effective status and publication date. */
export async function embargoLinkState(db: Db, token: string, reportState: (inspectionId: number) => Promise<{ status: string; publishOn: string | null }>): Promise<LinkState> {
  if (!TOKEN.test(token)) return { state: 'invalid' };
  const link = await findEmbargoLink(db, hashToken(token));
  if (!link) return { state: 'invalid' };
  const report = await reportState(link.inspectionId);
  if (report.status === 'published') return { state: 'published', inspectionId: link.inspectionId };
  if (link.revokedAt || report.status !== 'embargoed' || report.publishOn !== link.publishOn) return { state: 'invalid' };
  if (link.wrongAddresses >= WRONG_ADDRESS_LIMIT) return { state: 'locked' };
  return { state: 'open', linkId: link.id, inspectionId: link.inspectionId, recipientName: link.recipientName, publishOn: link.publishOn };
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The recipient confirms their address at an open link: the right one opens the copy (recorded, and
 * audited as the recipient); a wrong one is counted, and the link locks after WRONG_ADDRESS_LIMIT.
 */
export async function confirmEmbargoLink(db: Db, token: string, open: Extract<LinkState, { state: 'open' }>, address: string): Promise<{ ok: true } | { ok: false; locked: boolean }> {
  const link = (await findEmbargoLink(db, hashToken(token)))!;
  return inTransaction(db, async (trx) => {
    if (!sameAddress(address, link.recipientEmail)) {
      const wrong = await recordEmbargoLinkWrongAddress(trx, link.id);
      await recordAudit(trx, { actor: `embargo-link:${link.id}`, action: 'report.embargoed-copy-refused', entity: 'embargo-recipient', entityId: link.recipientId, inspectionId: open.inspectionId, after: { recipient: link.recipientName, wrongAddresses: wrong } });
      return { ok: false, locked: wrong >= WRONG_ADDRESS_LIMIT };
    }
    await recordEmbargoLinkOpened(trx, link.id);
    await recordAudit(trx, { actor: `embargo-link:${link.id}`, action: 'report.embargoed-copy-opened', entity: 'embargo-recipient', entityId: link.recipientId, inspectionId: open.inspectionId, after: { recipient: link.recipientName } });
    return { ok: true };
  });
}

export interface RecipientDelivery {
  email: EmailDelivery | null;
  link: { opened: number; lastOpenedAt: Date | null; wrongAddresses: number } | null;
}

/** The embargoed copies' emails for the administrators' outbox: how many are in each state, and the latest. */
export async function emailOutbox(db: Db, latest: number): Promise<{ counts: Record<EmailStatus, number>; emails: EmailDelivery[] }> {
  const [counts, emails] = await Promise.all([countEmails(db), listEmails(db, latest)]);
  return { counts, emails };
}

/** Each recipient's latest email and their link in force, for the publication page. */
export async function embargoDeliveries(db: Db, inspectionId: number): Promise<Map<number, RecipientDelivery>> {
  const [emails, links] = await Promise.all([latestEmailsFor(db, inspectionId), currentEmbargoLinks(db, inspectionId)]);
  const ids = new Set([...emails.keys(), ...links.keys()]);
  return new Map([...ids].map((id) => [id, { email: emails.get(id) ?? null, link: links.get(id) ?? null }]));
}
