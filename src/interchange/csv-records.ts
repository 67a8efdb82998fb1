// CSV bytes to records, the one way every upload reads it: a UTF-8 byte-order mark ignored, CR, LF
// or CRLF line ends, ragged rows kept (so they can be reported), blank lines skipped. Records are
// handed over one at a time with the line each starts on (a quoted value may run over several
// lines), so a large file is never also held as a list of parsed records, and the reader can stop
// early (at a row limit) without reading the rest. The bytes may come all at once (a text, an
// upload) or in chunks as a file is read (CsvRecordReader), with the same records and lines.
import { Parser } from 'csv-parse';

export const withoutBom = (text: string): string => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** What to do with each record: return false to stop reading. */
export type OnCsvRecord = (fields: string[], line: number) => boolean | void;

/** Thrown from the record callback to stop csv-parse early; caught below, never seen outside. */
class Stopped extends Error {}
const STOPPED = new Stopped('stopped');

/** csv-parse's incremental parser: the one its own sync and stream wrappers drive, fed here directly
 * (synchronously, chunk by chunk) so that no record is queued and no per-record info is built. */
interface CsvApi {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
  info: { empty_lines: number };
}

const OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  record_delimiter: ['\r\n', '\n', '\r'],
};

/** Line breaks inside a record's (quoted) fields: CRLF, LF or a lone CR, each one line. */
function breaksWithin(fields: string[]): number {
  let breaks = 0;
  for (const f of fields) {
    if (!f.includes('\n') && !f.includes('\r')) continue;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && f.charCodeAt(i + 1) !== 0x0a)) breaks++;
    }
  }
  return breaks;
}

/**
 * Reads CSV bytes chunk by chunk, calling `onRecord` for each record in order. `write` and `end`
 * throw csv-parse's CsvError when the bytes are not CSV. A record's line is the lines taken by the
 * records before it (one each, plus the line breaks inside their quoted values) and the blank lines
 * skipped before it, plus one.
 */
export class CsvRecordReader {
  private readonly api: CsvApi;
  private linesBefore = 0;
  private started = false;
  private head: Buffer | undefined;
  /** True once `onRecord` asked to stop; later bytes are ignored. */
  stopped = false;

  constructor(private readonly onRecord: OnCsvRecord) {
    this.api = (new Parser(OPTIONS) as unknown as { api: CsvApi }).api;
  }

  private readonly push = (record: string[]): void => {
    const line = this.linesBefore + this.api.info.empty_lines + 1;
    this.linesBefore += 1 + breaksWithin(record);
    if (this.onRecord(record, line) === false) throw STOPPED;
  };

  private run(buf: Buffer | undefined, end: boolean): void {
    if (this.stopped) return;
    try {
      const error = this.api.parse(buf, end, this.push, () => {});
      if (error) throw error;
    } catch (e) {
      if (e !== STOPPED) throw e;
      this.stopped = true;
    }
  }

  write(chunk: Uint8Array): void {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (!this.started) {
      // The first three bytes decide whether there is a byte-order mark, however the chunks fall.
      buf = this.head ? Buffer.concat([this.head, buf]) : buf;
      if (buf.length < 3) {
        this.head = buf;
        return;
      }
      this.head = undefined;
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    this.run(buf, false);
  }

  end(): void {
    if (this.head) {
      this.started = true;
      this.run(this.head, false);
    }
    this.run(undefined, true);
  }
}

/**
 * Calls `onRecord` for each record in order; true when the whole text was read, false when
 * `onRecord` stopped it. Throws csv-parse's CsvError when the text is not CSV.
 */
export function eachCsvRecord(text: string, onRecord: OnCsvRecord): boolean {
  const reader = new CsvRecordReader(onRecord);
  reader.write(Buffer.from(text, 'utf8')); // a byte-order mark is dropped by the reader
  reader.end();
  return !reader.stopped;
}
