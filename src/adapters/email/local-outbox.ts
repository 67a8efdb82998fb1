// The local email outbox: instead of sending emails, writes each one as a line of JSON to
// OUTBOX_DIR/email-outbox.jsonl, where a person trying the product (or an administrator, on the
// outbox page) can read it and open its link. It is the default, so that nothing reaches a real
// inbox until GOV.UK Notify is configured. The file holds the addresses and each recipient's link:
// use it with test addresses only.
import { randomUUID } from 'node:crypto';
import { OutboxFile } from '../outbox-file.ts';
import type { EmailSender, OutgoingEmail } from './email-sender.ts';

export interface EmailOutboxEntry {
  id: string;
  at: string;
  to: string;
  subject: string;
  body: string;
  reference: string;
}

export const EMAIL_OUTBOX_FILE = 'email-outbox.jsonl';

export class LocalEmailOutbox implements EmailSender {
  readonly label = 'Local outbox (no emails are sent: each is written to a file)';
  readonly real = false;
  readonly #outbox: OutboxFile<EmailOutboxEntry>;

  constructor(readonly dir: string) {
    this.#outbox = new OutboxFile(dir, EMAIL_OUTBOX_FILE);
  }

  get file(): string {
    return this.#outbox.file;
  }

  async send(email: OutgoingEmail): Promise<{ providerId: string }> {
    const entry: EmailOutboxEntry = { id: `local-${randomUUID()}`, at: new Date().toISOString(), to: email.to, subject: email.subject, body: email.body, reference: email.reference };
    await this.#outbox.append(entry);
    return { providerId: entry.id };
  }

  /** The newest `limit` emails written, newest first. */
  list(limit = 200): Promise<{ entries: EmailOutboxEntry[]; total: number }> {
    return this.#outbox.list(limit);
  }

  close(): Promise<void> {
    return this.#outbox.close();
  }
}
