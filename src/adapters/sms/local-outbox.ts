// The local outbox: instead of sending texts, writes each one as a line of JSON to
// OUTBOX_DIR/sms-outbox.jsonl, where a person trying the product (or an administrator, on the
// outbox page) can read it. It is the default, so that nothing reaches a real phone until GOV.UK
// Notify is configured. The file holds the numbers texted: use it with test numbers only.
import { randomUUID } from 'node:crypto';
import type { OutgoingSms, SmsSender } from '../../services/survey/sms-sender.ts';
import { OutboxFile } from '../outbox-file.ts';

export interface OutboxEntry {
  id: string;
  at: string;
  to: string;
  body: string;
  reference: string;
}

export const OUTBOX_FILE = 'sms-outbox.jsonl';

export class LocalOutboxSender implements SmsSender {
  readonly label = 'Local outbox (no texts are sent: each is written to a file)';
  readonly real = false;
  readonly #outbox: OutboxFile<OutboxEntry>;

  constructor(readonly dir: string) {
    this.#outbox = new OutboxFile(dir, OUTBOX_FILE);
  }

  get file(): string {
    return this.#outbox.file;
  }

  async send(message: OutgoingSms): Promise<{ providerId: string }> {
    const entry: OutboxEntry = { id: `local-${randomUUID()}`, at: new Date().toISOString(), to: message.to, body: message.body, reference: message.reference };
    await this.#outbox.append(entry);
    return { providerId: entry.id };
  }

  /** The newest `limit` texts written, newest first. */
  list(limit = 200): Promise<{ entries: OutboxEntry[]; total: number }> {
    return this.#outbox.list(limit);
  }

  close(): Promise<void> {
    return this.#outbox.close();
  }
}
