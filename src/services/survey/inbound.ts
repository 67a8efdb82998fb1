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
import {
  addSuppressions,
  cancelOutboxFor,
  enqueueSms,
  getSurvey,
  insertInboundRows,
  lockRespondentsByPhones,
  recordReplyAudits,
  saveConversations,
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
import { readUkMobile } from './contact-list.ts';
import { phoneHasher } from './messaging.ts';
import { referencePrefix } from './survey.ts';

export interface InboundSms {
  /** The provider's id for the message. */
  id: string;
  /** The sender's number as the provider gives it (Notify: 447700900123). */
  sourceNumber: string;
  message: string;
  /** When the provider received it (ISO 8601). */
  dateReceived?: string | null;
}

export type InboundOutcome = StepEvent | 'unmatched';

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
  if (!cache) scripts.set(db, (cache = new Map()));
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
  const read = messages.map((m) => ({ m, phone: readUkMobile(m.sourceNumber), optOut: isOptOut(m.message), dateReceived: parseDate(m.dateReceived) }));
  const hash = read.some((r) => r.optOut) ? await hasherOf(db) : null;
  const phones = [...new Set(read.flatMap((r) => (r.phone.ok ? [r.phone.value] : [])))];
  try {
    return await db.transaction().execute(async (trx) => {
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
      for (const { m, phone, optOut, dateReceived } of read) {
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
          audits.push({ actor: 'sms:inbound', action: 'survey.reply', entity: 'sms-inbound', entityId: m.id, before: null, after: { event: 'unmatched', optOut } });
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
            after: { event: step.event, status: step.state.status, position: step.state.position, question: step.recorded?.questionId ?? null, messageId: m.id },
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
    return new Promise((resolve, reject) => {
      this.#waiting.push({ message, resolve, reject });
      if (!this.#running) void this.#drain();
    });
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
    } finally {
      this.#running = false;
    }
  }
}
