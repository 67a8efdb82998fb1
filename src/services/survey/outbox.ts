// Sends the texts the survey has queued in sms_outbox, after the transactions that queued them have
// committed: a reply is recorded and its next question queued in one transaction, and only then
// sent, so a text is never sent for a change that was rolled back, and a text queued is sent even
// if the process stops (the next start sends it). Texts go oldest first, one at a time per process;
// a busy or unreachable provider is tried again later with a growing wait, a refusal is final.
// At least once: a process stopped between sending and recording a text sends it again later.
import { claimOutbox, markOutboxFailed, markOutboxSent, nextOutboxDue, type Db } from '../../db/repositories/index.ts';
import { SmsSendError, type SmsSender } from './sms-sender.ts';

export interface DispatcherOptions {
  /** Texts claimed per round trip to the database. */
  batch?: number;
  /** A text left `sending` this long (its sender stopped) is sent again. */
  staleMs?: number;
  /** The first retry waits this long; each further one twice as long. */
  retryMs?: number;
  /** Tries before a retryable failure is final. */
  maxAttempts?: number;
  log?: (message: string) => void;
}

export class OutboxDispatcher {
  readonly #db: Db;
  readonly #sender: SmsSender;
  readonly #batch: number;
  readonly #staleMs: number;
  readonly #retryMs: number;
  readonly #maxAttempts: number;
  readonly #log: (message: string) => void;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  /** Texts sent and failures since the dispatcher started. */
  readonly stats = { sent: 0, retried: 0, failed: 0 };

  constructor(db: Db, sender: SmsSender, options: DispatcherOptions = {}) {
    this.#db = db;
    this.#sender = sender;
    this.#batch = options.batch ?? 200;
    this.#staleMs = options.staleMs ?? 5 * 60_000;
    this.#retryMs = options.retryMs ?? 30_000;
    this.#maxAttempts = options.maxAttempts ?? 6;
    this.#log = options.log ?? ((m) => console.error(m));
  }

  get sender(): SmsSender {
    return this.#sender;
  }

  /** Sends whatever is due, now or as soon as the current round ends. Never throws. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#run().finally(() => {
      this.#running = undefined;
      // A kick while the retry was being scheduled, or in the gap before this runs, found the round
      // still running and only set #again: a text queued then would otherwise wait for the retry timer.
      if (this.#again) this.kick();
    });
  }

  /** Resolves once nothing is being sent (texts due later may remain). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** No more sending: for shutting down (the texts left are sent on the next start). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.idle();
  }

  async #run(): Promise<void> {
    try {
      do {
        this.#again = false;
        while (!this.#stopped && (await this.#round()) > 0);
      } while (this.#again && !this.#stopped);
      await this.#scheduleRetry();
    } catch (error) {
      // The database went away (shutdown) or refused: log without any message content.
      if (!this.#stopped) this.#log(`Text outbox: sending stopped: ${(error as Error).message}`);
    }
  }

  async #round(): Promise<number> {
    const claimed = await claimOutbox(this.#db, this.#batch, new Date(Date.now() - this.#staleMs));
    const sent: { id: number; providerId: string }[] = [];
    for (const text of claimed) {
      if (this.#stopped) break;
      try {
        const { providerId } = await this.#sender.send({ to: text.phone, body: text.body, reference: text.reference });
        sent.push({ id: text.id, providerId });
      } catch (error) {
        const retryable = !(error instanceof SmsSendError) || error.retryable;
        const message = error instanceof SmsSendError ? error.message : `unexpected error: ${(error as Error).message}`;
        if (retryable && text.attempts < this.#maxAttempts) {
          this.stats.retried++;
          await markOutboxFailed(this.#db, text.id, message, new Date(Date.now() + this.#retryMs * 2 ** (text.attempts - 1)));
        } else {
          this.stats.failed++;
          this.#log(`Text outbox: text ${text.id} (${text.reference}) failed for good: ${message}`);
          await markOutboxFailed(this.#db, text.id, message, null);
        }
      }
    }
    await markOutboxSent(this.#db, sent);
    this.stats.sent += sent.length;
    return claimed.length;
  }

  async #scheduleRetry(): Promise<void> {
    clearTimeout(this.#timer);
    const due = await nextOutboxDue(this.#db);
    if (!due || this.#stopped) return;
    this.#timer = setTimeout(() => this.kick(), Math.max(50, due.getTime() - Date.now()));
    this.#timer.unref();
  }
}
