// CSV text to records, the one way every upload reads it: a UTF-8 byte-order mark ignored, CR, LF
// or CRLF line ends, ragged rows kept (so they can be reported), blank lines skipped. Each record
// carries the byte offset it ends at, from which callers work out its line number.
import { parse } from 'csv-parse/sync';

export interface CsvRecord {
  record: string[];
  info: { bytes: number };
}

export const withoutBom = (text: string): string => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** Throws csv-parse's CsvError when the text is not CSV; `body` is the text without its BOM. */
export function parseCsvRecords(text: string): { body: string; records: CsvRecord[] } {
  const body = withoutBom(text);
  const records = parse(body, {
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
  }) as unknown as CsvRecord[];
  return { body, records };
}
