// A local outbox file: one JSON object per line, appended one at a time (lines never interleave),
// read back newest first. The text and email local outboxes write their messages here instead of
// sending them. Created readable by this user only: it holds numbers, addresses and links. Each line
// opens and closes the file: an app nobody closes (a test's) leaves no descriptor open.
import { mkdtempSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let ownFolder: string | undefined;
/**
 * The local outboxes' folder for an app made without main.ts's settings (tests, the bench): a new
 * temporary folder of this process's own, so no two runs read each other's messages. `npm start`
 * keeps its outbox in the data folder instead (OUTBOX_DIR, default DATA_DIR/outbox: config.ts).
 */
export function processOutboxDir(): string {
  ownFolder ??= mkdtempSync(join(tmpdir(), 'inspectorate-outbox-'));
  return ownFolder;
}

/** The next processOutboxDir() is a new folder: a test file's own when files share a process. */
export function forgetProcessOutboxDir(): void {
  ownFolder = undefined;
}

export class OutboxFile<T> {
  readonly file: string;
  #folder: Promise<unknown> | undefined;
  #writing: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    name: string,
  ) {
    this.file = join(dir, name);
  }

  async append(entry: T): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const write = this.#writing.then(async () => {
      await (this.#folder ??= mkdir(this.dir, { recursive: true }));
      await appendFile(this.file, line, { mode: 0o600 });
    });
    this.#writing = write.catch(() => undefined);
    await write;
  }

  /** The newest `limit` entries, newest first, and how many the file holds. */
  async list(limit = 200): Promise<{ entries: T[]; total: number }> {
    await this.#writing;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], total: 0 };
      throw e;
    }
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const entries: T[] = [];
    for (let i = lines.length - 1; i >= 0 && entries.length < limit; i--) {
      try {
        entries.push(JSON.parse(lines[i]!) as T);
      } catch {
        // A line cut short by a crash: skip it.
      }
    }
    return { entries, total: lines.length };
  }

  /** Waits for the lines being written. */
  async close(): Promise<void> {
    await this.#writing;
  }
}
