// The local outbox: instead of sending texts, writes each one as a line of JSON to
// OUTBOX_DIR/sms-outbox.jsonl, where a person trying the product (or an administrator, on the
// outbox page) can read it. It is the default, so that nothing reaches a real phone until GOV.UK
// Notify is configured. The file holds the numbers texted: use it with test numbers only.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutgoingSms, SmsSender } from '../../services/survey/sms-sender.ts';

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
  readonly file: string;
  #handle: Promise<FileHandle> | undefined;
  #writing: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {
    this.file = join(dir, OUTBOX_FILE);
  }

  #open(): Promise<FileHandle> {
    return (this.#handle ??= mkdir(this.dir, { recursive: true }).then(() => open(this.file, 'a')));
  }

  async send(message: OutgoingSms): Promise<{ providerId: string }> {
    const entry: OutboxEntry = { id: `local-${randomUUID()}`, at: new Date().toISOString(), to: message.to, body: message.body, reference: message.reference };
    const line = `${JSON.stringify(entry)}\n`;
    // One write at a time, so lines never interleave.
    const write = this.#writing.then(async () => (await this.#open()).write(line));
    this.#writing = write.catch(() => undefined);
    await write;
    return { providerId: entry.id };
  }

  /** The newest `limit` texts written, newest first. */
  async list(limit = 200): Promise<{ entries: OutboxEntry[]; total: number }> {
    await this.#writing;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], total: 0 };
      throw e;
    }
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const entries: OutboxEntry[] = [];
    for (let i = lines.length - 1; i >= 0 && entries.length < limit; i--) {
      try {
        entries.push(JSON.parse(lines[i]!) as OutboxEntry);
      } catch {
        // A line cut short by a crash: skip it.
      }
    }
    return { entries, total: lines.length };
  }

  async close(): Promise<void> {
    await this.#writing;
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) await (await handle).close();
  }
}
