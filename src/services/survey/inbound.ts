// Texts received from people on probation (GOV.UK Notify's inbound callback, or a reply typed on
// the local outbox page): each is matched to its respondent by number, run through the
// conversation (receiveReply), and the next question queued in the outbox. The provider's message
// id is stored once (primary key): a redelivered message changes nothing and is counted once.
// STOP opts the number out of every open survey and onto the suppression list, and cancels texts
// not yet sent to it.
//
// Concurrency: the messages handled together (one, or a batch under load) run in one transaction
// that first locks the rows of every respondent they concern, in id order; replies from one person
// are applied one after another in the order they arrived. Texts are sent by the outbox after the
// transaction commits. Under a burst the webhook hands its messages to an InboundBatcher, which
// handles those waiting together, so the database does a handful of statements per batch rather
// than per reply (the embedded database runs one statement at a time).
//
// Nothing a well-authenticated provider sends is lost: text the database cannot store (a NUL, an
// unpaired surrogate) is cleaned to U+FFFD and the reply's audit event says so; a message that
// fails for any other reason is held (survey_inbound_held) and tried again later, because the
// provider's redeliveries would only fail the same way.
import {
  addSuppressions,
  cancelOutboxFor,
  dueHeldInbound,
  enqueueSms,
  getSurvey,
  holdInbound,
  postponeHeldInbound,
  releaseHeldInbound,
  insertInboundRows,
  lockRespondentsByPhones,
  recordReplyAudits,
  saveConversations,
  inTransaction,
  type ConversationWrite,
  type Db,
  type InboundRow,
  type OutboundText,
  type ReplyAuditEvent,
  type RespondentRecord,
} from '../../db/repositories/index.ts';
import { followUpRequested, receiveReply, type ConversationState, type StepEvent } from '../../domain/survey/conversation.ts';
import type { SurveyScript } from '../../domain/survey/questionnaire.ts';
import { isOptOut } from '../../domain/survey/replies.ts';
import { toStorable } from '../../domain/text/storable.ts';
import { logger } from '../../observability/logger.ts';
import { currentRequestId } from '../../observability/request-context.ts';
import { readUkMobile } from './contact-list.ts';
import { phoneHasher } from './messaging.ts';
import { referencePrefix } from './survey.ts';
import { clock } from '../clock.ts';

export interface InboundSms {
  /** The provider's id for the message. */
  id: string;
  /** The sender's number as the provider gives it (Notify: 447700900123). */
  sourceNumber: string;
  message: string;
  /** When the provider received it (ISO 8601). */
  dateReceived?: string | null;
  /** Cleaned of text the database cannot store before it came here (a held message). */
  cleaned?: boolean;
  /** The webhook request that brought it, for its audit event (default: the current request's). */
  requestId?: string | null;
}

/** Handled, or held to be tried again later (an unforeseen failure). */
export type InboundOutcome = StepEvent | 'unmatched' | 'held';

export interface InboundResult {
  outcome: InboundOutcome;
  /** Texts queued in reply. */
  queued: number;
}

/** Scripts never change once a survey exists: cached per database handle. */
const scripts = new WeakMap<Db, Map<number, SurveyScript>>();
const hashers = new WeakMap<Db, Promise<(e164: string) => string>>();

async function scriptOf(db: Db, trx: Db, surveyId: number): Promise<SurveyScript> {
  let cache = scripts.get(db);
  if (!cache) scripts.set(db, (cache = new Map<number, SurveyScript>()));
  const cached = cache.get(surveyId);
  if (cached) return cached;
  const survey = await getSurvey(trx, surveyId);
  if (!survey) throw new Error(`survey ${surveyId} has gone`);
  cache.set(surveyId, survey.script);
  return survey.script;
}

function hasherOf(db: Db): Promise<(e164: string) => string> {
  let hasher = hashers.get(db);
  if (!hasher) {
    hasher = phoneHasher(db);
    hashers.set(db, hasher);
    hasher.catch(() => hashers.delete(db));
  }
  return hasher;
}

const parseDate = (s: string | null | undefined): Date | null => {
  if (!s) return null;
  const d = new Date(s.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** The message with text the database cannot store replaced by U+FFFD, and whether any was. */
function storableMessage(m: InboundSms): { m: InboundSms; cleaned: boolean } {
  const id = toStorable(m.id);
  const sourceNumber = toStorable(m.sourceNumber);
  const message = toStorable(m.message);
  const dateReceived = m.dateReceived ? toStorable(m.dateReceived) : { text: m.dateReceived ?? null, cleaned: false };
  const cleaned = !!m.cleaned || id.cleaned || sourceNumber.cleaned || message.cleaned || dateReceived.cleaned;
  if (cleaned && !m.cleaned) logger.warn({ providerId: id.text, requestId: m.requestId ?? currentRequestId() }, 'inbound text message cleaned of characters the database cannot store');
  return { m: { ...m, id: id.text, sourceNumber: sourceNumber.text, message: message.text, dateReceived: dateReceived.text }, cleaned };
}

/** A provider id stored before although no conversation had handled it: the batch is redone one by one. */
class StoredBefore extends Error {}

interface Live {
  respondent: RespondentRecord;
  script: SurveyScript;
  state: ConversationState;
  changed: boolean;
  forget: boolean;
}

/** The conversation a reply belongs to: one awaiting an answer, else the newest survey's. */
const pick = (lives: readonly Live[]): Live =>
  [...lives].sort((a, b) => Number(b.state.status === 'in-progress') - Number(a.state.status === 'in-progress') || b.respondent.surveyId - a.respondent.surveyId)[0]!;

/** Handles the messages together, in the order given, in one transaction. */
export async function receiveInboundBatch(db: Db, messages: readonly InboundSms[]): Promise<InboundResult[]> {
  const read = messages.map(storableMessage).map(({ m, cleaned }) => ({
    m,
    cleaned,
    requestId: m.requestId ?? currentRequestId(),
    phone: readUkMobile(m.sourceNumber),
    optOut: isOptOut(m.message),
    dateReceived: parseDate(m.dateReceived),
  }));
  // Said in the audit event of a reply whose text was cleaned; nothing is added otherwise.
  const flags = (cleaned: boolean) => (cleaned ? { cleaned: true } : {});
  const hash = read.some((r) => r.optOut) ? await hasherOf(db) : null;
  const phones = [...new Set(read.flatMap((r) => (r.phone.ok ? [r.phone.value] : [])))];
  try {
    return await inTransaction(db, async (trx) => {
      const byPhone = new Map<string, Live[]>();
      for (const respondent of await lockRespondentsByPhones(trx, phones)) {
        const live: Live = { respondent, script: await scriptOf(db, trx, respondent.surveyId), state: respondent.state!, changed: false, forget: false };
        byPhone.set(respondent.phone!, [...(byPhone.get(respondent.phone!) ?? []), live]);
      }
      const results: InboundResult[] = [];
      const inbound: InboundRow[] = [];
      const texts: OutboundText[] = [];
      const audits: ReplyAuditEvent[] = [];
      const suppress: string[] = [];
      const seen = new Set<string>();
      for (const { m, cleaned, requestId, phone, optOut, dateReceived } of read) {
        if (seen.has(m.id)) {
          results.push({ outcome: 'duplicate', queued: 0 });
          continue;
        }
        seen.add(m.id);
        if (optOut && phone.ok) suppress.push(hash!(phone.value));
        const lives = phone.ok ? (byPhone.get(phone.value) ?? []).filter((l) => !l.forget) : [];
        if (!lives.length) {
          // Not someone in an open survey (a closed survey forgot the number): keep the id, not the text.
          inbound.push({ providerId: m.id, surveyId: null, respondentId: null, event: 'unmatched', dateReceived });
          audits.push({ actor: 'sms:inbound', action: 'survey.reply', entity: 'sms-inbound', entityId: m.id, before: null, after: { event: 'unmatched', optOut, ...flags(cleaned) }, requestId });
          results.push({ outcome: 'unmatched', queued: 0 });
          continue;
        }
        // STOP ends every open conversation with the number; anything else goes to one conversation.
        const primary = pick(lives);
        let outcome: StepEvent = 'ignored';
        let queued = 0;
        for (const live of optOut ? lives : [primary]) {
          const step = receiveReply(live.script, live.state, { id: m.id, text: m.message });
          if (live === primary) outcome = step.event;
          if (step.event === 'duplicate' || step.event === 'ignored') continue;
          const before = live.state;
          live.state = step.state;
          live.changed = true;
          if (step.event === 'opted-out') live.forget = true;
          if (step.state.status !== 'opted-out')
            for (const body of step.outbound) {
              texts.push({ respondentId: live.respondent.id, phone: live.respondent.phone!, body, reference: `${referencePrefix(live.respondent.surveyId)}${live.respondent.id}` });
              if (live === primary) queued++;
            }
          // The event and the question, never the text of the reply or the number.
          audits.push({
            actor: 'sms:inbound',
            action: 'survey.reply',
            entity: 'survey-respondent',
            entityId: `${live.respondent.surveyId}/${live.respondent.number}`,
            before: { status: before.status, position: before.position },
            after: { event: step.event, status: step.state.status, position: step.state.position, question: step.recorded?.questionId ?? null, messageId: m.id, ...flags(cleaned) },
            requestId,
          });
        }
        if (outcome !== 'duplicate') inbound.push({ providerId: m.id, surveyId: primary.respondent.surveyId, respondentId: primary.respondent.id, event: outcome, dateReceived });
        results.push({ outcome, queued });
      }
      // The ids first: one stored before by a message no conversation had handled means the
      // picture above is wrong, so undo and go one by one (where it is simply a duplicate).
      const stored = await insertInboundRows(trx, inbound);
      if (stored.size !== inbound.length) {
        if (messages.length > 1) throw new StoredBefore();
        return [{ outcome: 'duplicate', queued: 0 }];
      }
      const lives = [...byPhone.values()].flat().filter((l) => l.changed);
      const writes: ConversationWrite[] = lives.map((l) => ({ respondentId: l.respondent.id, state: l.state, followUp: followUpRequested(l.script, l.state), forget: l.forget }));
      await saveConversations(trx, writes);
      await cancelOutboxFor(trx, lives.filter((l) => l.forget).map((l) => l.respondent.id));
      // Texts to people who opted out later in the batch are dropped with their number.
      await enqueueSms(trx, texts.filter((t) => !lives.some((l) => l.forget && l.respondent.id === t.respondentId)));
      await recordReplyAudits(trx, audits);
      await addSuppressions(trx, suppress);
      return results;
    });
  } catch (error) {
    if (!(error instanceof StoredBefore)) throw error;
    const results: InboundResult[] = [];
    for (const m of messages) results.push((await receiveInboundBatch(db, [m]))[0]!);
    return results;
  }
}

/** One message, in its own transaction. */
export async function receiveInbound(db: Db, message: InboundSms): Promise<InboundResult> {
  return (await receiveInboundBatch(db, [message]))[0]!;
}

/** A message the webhook could neither handle nor hold: the provider must send it again. */
export class InboundUnavailable extends Error {}

const RETRY_EVERY_MS = 60_000;
const RETRY_BATCH = 50;
/** Tries again after 2, 4, 8… minutes, at most a day apart. */
const nextAttempt = (attempts: number, now: Date) => new Date(now.getTime() + Math.min(2 ** attempts, 24 * 60) * 60_000);
const failureOf = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);

/**
 * Tries the held messages that are due again, one at a time: each handled one is released, each
 * that fails again waits longer. A message already handled is a duplicate, so a retry is safe.
 */
export async function retryHeldInbound(db: Db, now = clock.now()): Promise<{ handled: number; failed: number }> {
  let handled = 0;
  let failed = 0;
  for (const held of await dueHeldInbound(db, now, RETRY_BATCH)) {
    try {
      await receiveInbound(db, { id: held.providerId, sourceNumber: held.sourceNumber, message: held.message, dateReceived: held.dateReceived, cleaned: held.cleaned, requestId: null });
      await releaseHeldInbound(db, held.providerId);
      handled++;
    } catch (error) {
      logger.error({ err: error, providerId: held.providerId, attempts: held.attempts + 1 }, 'held inbound text message failed again');
      await postponeHeldInbound(db, held.providerId, failureOf(error), nextAttempt(held.attempts + 1, now));
      failed++;
    }
  }
  return { handled, failed };
}

/**
 * Gathers the messages that arrive while a batch is being handled and handles them together as
 * the next batch: one message waits for no one, a burst is handled a batch at a time. A batch
 * that fails is handled again one message at a time, so one bad message fails only itself.
 */
export class InboundBatcher {
  readonly #db: Db;
  readonly #maxBatch: number;
  #waiting: { message: InboundSms; resolve: (r: InboundResult) => void; reject: (e: unknown) => void }[] = [];
  #running = false;

  constructor(db: Db, options: { maxBatch?: number } = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 250;
  }

  receive(message: InboundSms): Promise<InboundResult> {
    // The request that brought it, for its audit event: a batch is handled in the first one's context.
    const brought = { ...message, requestId: message.requestId ?? currentRequestId() };
    return new Promise((resolve, reject) => {
      this.#waiting.push({ message: brought, resolve, reject });
      if (!this.#running) void this.#drain();
    });
  }

  /**
   * Receives the message, and holds it to be tried again if it fails (outcome "held"); throws
   * InboundUnavailable only when it could not even be held (the database is unreachable).
   */
  async accept(message: InboundSms): Promise<InboundResult> {
    try {
      return await this.receive(message);
    } catch (error) {
      logger.error({ err: error, providerId: message.id, requestId: currentRequestId() }, 'inbound text message failed: held to try again');
      const { m, cleaned } = storableMessage(message);
      try {
        await holdInbound(this.#db, { providerId: m.id, sourceNumber: m.sourceNumber, message: m.message, dateReceived: m.dateReceived ?? null, cleaned }, failureOf(error), nextAttempt(1, clock.now()));
      } catch (holdError) {
        logger.error({ err: holdError, providerId: message.id }, 'inbound text message could not be held');
        throw new InboundUnavailable('The message could not be stored', { cause: holdError });
      }
      return { outcome: 'held', queued: 0 };
    }
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      // Let the messages already on their way through the event loop join the first batch.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.#waiting.length) {
        const batch = this.#waiting.splice(0, this.#maxBatch);
        try {
          const results = await receiveInboundBatch(this.#db, batch.map((w) => w.message));
          batch.forEach((w, i) => w.resolve(results[i]!));
        } catch {
          for (const w of batch) await receiveInbound(this.#db, w.message).then(w.resolve, w.reject);
        }
      }
      await this.#retryHeld();
    } finally {
      this.#running = false;
      if (this.#waiting.length) void this.#drain(); // arrived while held messages were tried
    }
  }

  #lastRetry = 0;

  /** Held messages are tried again as later ones arrive, at most once a minute. */
  async #retryHeld(): Promise<void> {
    if (clock.now().getTime() - this.#lastRetry < RETRY_EVERY_MS) return;
    this.#lastRetry = clock.now().getTime();
    await retryHeldInbound(this.#db).catch((error: unknown) => logger.error({ err: error }, 'held inbound text messages could not be tried again'));
  }
}
