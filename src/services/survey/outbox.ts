// Sends the texts the survey has queued in sms_outbox, after the transactions that queued them have
// committed: a reply is recorded and its next question queued in one transaction, and only then
// sent (the dispatcher in ../outbox/dispatcher.ts: oldest first, retried with a growing wait, a
// refusal final, at least once).
import { claimOutbox, countOutbox, markOutboxFailed, markOutboxSent, nextOutboxDue, type ClaimedText, type Db, type OutboxStatus } from '../../db/repositories/index.ts';
import { Dispatcher, type DispatcherOptions } from '../outbox/dispatcher.ts';
import type { SmsSender } from './sms-sender.ts';

export type { DispatcherOptions } from '../outbox/dispatcher.ts';

/** How many of the survey's texts are in each state, for the outbox pages. */
export const textOutboxCounts = (db: Db): Promise<Record<OutboxStatus, number>> => countOutbox(db);

export class OutboxDispatcher extends Dispatcher<ClaimedText> {
  readonly #sender: SmsSender;

  constructor(db: Db, sender: SmsSender, options: DispatcherOptions = {}) {
    super(
      {
        claim: (limit, now, staleBefore) => claimOutbox(db, limit, now, staleBefore),
        markSent: (sent) => markOutboxSent(db, sent),
        markFailed: (id, error, retryAt) => markOutboxFailed(db, id, error, retryAt),
        nextDue: () => nextOutboxDue(db),
      },
      (text) => sender.send({ to: text.phone, body: text.body, reference: text.reference }),
      { outbox: 'Text outbox', item: 'text' },
      options,
    );
    this.#sender = sender;
  }

  get sender(): SmsSender {
    return this.#sender;
  }
}
