// CSV text to records, the one way every upload reads it: a UTF-8 byte-order mark ignored, CR, LF
// or CRLF line ends, ragged rows kept (so they can be reported), blank lines skipped. Records are
// handed over one at a time with the line each starts on (a quoted value may run over several
// lines), so a large file is never also held as a list of parsed records, and the reader can stop
// early (at a row limit) without reading the rest.
import { parse } from 'csv-parse/sync';

export const withoutBom = (text: string): string => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** What to do with each record: return false to stop reading. */
export type OnCsvRecord = (fields: string[], line: number) => boolean | void;

/** Thrown from the record callback to stop csv-parse early; caught below, never seen outside. */
class Stopped extends Error {}
const STOPPED = new Stopped('stopped');

/**
 * Calls `onRecord` for each record in order; true when the whole text was read, false when
 * `onRecord` stopped it. Throws csv-parse's CsvError when the text is not CSV.
 */
export function eachCsvRecord(text: string, onRecord: OnCsvRecord): boolean {
  // csv-parse reads bytes and reports each record's end as a UTF-8 byte offset; the same bytes
  // give the line numbers, counted forward as the records come.
  const bytes = Buffer.from(withoutBom(text), 'utf8');
  const isBreak = (i: number) => bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a);
  let counted = 0;
  let line = 1;
  let previousEnd = 0;
  try {
    parse(bytes, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (record: string[], info) => {
        // A record starts at the first byte after the previous one that is not a line break.
        let start = previousEnd;
        while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
        for (; counted < start; counted++) if (isBreak(counted)) line++;
        previousEnd = info.bytes;
        if (onRecord(record, line) === false) throw STOPPED;
        return undefined; // nothing is collected
      },
    });
  } catch (e) {
    if (e === STOPPED) return false;
    throw e;
  }
  return true;
}
