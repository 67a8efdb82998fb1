// Sends what a transaction queued in an outbox table, after that transaction has committed, so a
// message is never sent for a change that was rolled back, and one queued is sent even if the
// process stops (the next start sends it). Items go oldest first, one at a time per process; a
// busy or unreachable provider is tried again later with a growing wait, a refusal is final.
// At least once: a process stopped between sending and recording an item sends it again later.
// The survey's texts (survey/outbox.ts) and the embargoed copy's emails (embargo-mail.ts) each
// give it their own queue and their own way of sending.
import { clock } from '../clock.ts';

/** A send that failed. `retryable`: the provider was busy or unreachable, so try again later. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** One queued item as claimed: enough to send it and to say which it was (never personal data in `reference`). */
export interface QueuedItem {
  id: number;
  reference: string;
  /** Tries so far, this one included. */
  attempts: number;
}

/** The outbox table behind a dispatcher. */
export interface OutboxQueue<T extends QueuedItem> {
  /**
   * Marks up to `limit` items due at `now` (the services' clock, as their retry times are) `sending`
   * and returns them, oldest first; items left `sending` since before `staleBefore` count as due.
   */
  claim(limit: number, now: Date, staleBefore: Date): Promise<T[]>;
  markSent(sent: readonly { id: number; providerId: string }[]): Promise<void>;
  /** A failed try: tried again at `retryAt`, or failed for good when null. */
  markFailed(id: number, error: string, retryAt: Date | null): Promise<void>;
  /** When the next pending item is due, if any. */
  nextDue(): Promise<Date | null>;
}

export interface DispatcherOptions {
  /** Items claimed per round trip to the database. */
  batch?: number;
  /** An item left `sending` this long (its sender stopped) is sent again. */
  staleMs?: number;
  /** The first retry waits this long; each further one twice as long. */
  retryMs?: number;
  /** Tries before a retryable failure is final. */
  maxAttempts?: number;
  log?: (message: string) => void;
}

export interface DispatcherNames {
  /** The outbox in log lines: "Text outbox". */
  outbox: string;
  /** One item in log lines: "text". */
  item: string;
}

export class Dispatcher<T extends QueuedItem> {
  readonly #queue: OutboxQueue<T>;
  readonly #send: (item: T) => Promise<{ providerId: string }>;
  readonly #names: DispatcherNames;
  readonly #batch: number;
  readonly #staleMs: number;
  readonly #retryMs: number;
  readonly #maxAttempts: number;
  readonly #log: (message: string) => void;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  /** Items sent and failures since the dispatcher started. */
  readonly stats = { sent: 0, retried: 0, failed: 0 };

  constructor(queue: OutboxQueue<T>, send: (item: T) => Promise<{ providerId: string }>, names: DispatcherNames, options: DispatcherOptions = {}) {
    this.#queue = queue;
    this.#send = send;
    this.#names = names;
    this.#batch = options.batch ?? 200;
    this.#staleMs = options.staleMs ?? 5 * 60_000;
    this.#retryMs = options.retryMs ?? 30_000;
    this.#maxAttempts = options.maxAttempts ?? 6;
    this.#log = options.log ?? ((m) => console.error(m));
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
      // still running and only set #again: an item queued then would otherwise wait for the retry timer.
      if (this.#again) this.kick();
    });
  }

  /** Resolves once nothing is being sent (items due later may remain). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** No more sending: for shutting down (the items left are sent on the next start). */
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
      if (!this.#stopped) this.#log(`${this.#names.outbox}: sending stopped: ${(error as Error).message}`);
    }
  }

  async #round(): Promise<number> {
    const now = clock.now();
    const claimed = await this.#queue.claim(this.#batch, now, new Date(now.getTime() - this.#staleMs));
    const sent: { id: number; providerId: string }[] = [];
    for (const item of claimed) {
      if (this.#stopped) break;
      try {
        const { providerId } = await this.#send(item);
        sent.push({ id: item.id, providerId });
      } catch (error) {
        const retryable = !(error instanceof SendError) || error.retryable;
        const message = error instanceof SendError ? error.message : `unexpected error: ${(error as Error).message}`;
        if (retryable && item.attempts < this.#maxAttempts) {
          this.stats.retried++;
          await this.#queue.markFailed(item.id, message, new Date(clock.now().getTime() + this.#retryMs * 2 ** (item.attempts - 1)));
        } else {
          this.stats.failed++;
          this.#log(`${this.#names.outbox}: ${this.#names.item} ${item.id} (${item.reference}) failed for good: ${message}`);
          await this.#queue.markFailed(item.id, message, null);
        }
      }
    }
    await this.#queue.markSent(sent);
    this.stats.sent += sent.length;
    return claimed.length;
  }

  async #scheduleRetry(): Promise<void> {
    clearTimeout(this.#timer);
    const due = await this.#queue.nextDue();
    if (!due || this.#stopped) return;
    this.#timer = setTimeout(() => this.kick(), Math.max(50, due.getTime() - clock.now().getTime()));
    this.#timer.unref();
  }
}
