// CSV text to a table, every record with the line it starts on (a quoted value may run over
// several lines). A byte order mark, CRLF or LF line ends and blank lines are all accepted.
import { parseCsvRecords, withoutBom, type CsvRecord } from '../csv-records.ts';
import { CsvError } from 'csv-parse/sync';
import { toTable, type TableRead, type TableRow } from './table.ts';

/** Offsets (UTF-8 bytes, as csv-parse reports them) of the start of each line. */
function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function readCsvTable(text: string): TableRead {
  const body = withoutBom(text);
  const bytes = Buffer.from(body, 'utf8');
  const starts = lineStarts(bytes);
  let records: CsvRecord[];
  try {
    records = parseCsvRecords(body).records;
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const message =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted value is opened with " and never closed; close it with another "'
        : `the file cannot be read as CSV: ${e.message}`;
    return { ok: false, errors: [{ message }] };
  }
  let previousEnd = 0;
  const rows: TableRow[] = records.map(({ record, info }) => {
    // A record starts at the first byte after the previous one that is not a line break.
    let at = previousEnd;
    while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
    previousEnd = info.bytes;
    return { line: lineAt(starts, at), cells: record };
  });
  return toTable(rows, 'csv');
}
