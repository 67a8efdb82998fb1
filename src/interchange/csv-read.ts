// CSV text to source rows: the header, one row per fact, every row with the line it starts on.
import { CsvError } from 'csv-parse/sync';
import { CsvRecordReader, withoutBom } from './csv-records.ts';
import { withoutSpreadsheetEscape } from './csv-safe.ts';
import type { FileProblem } from './problems.ts';
import type { Column, SourceRow } from './rows.ts';

export const CSV_COLUMNS: readonly Column[] = ['case_ref', 'item', 'value'];

/** The rows read and the problems of the file as a whole (JSON); rows of a broken file are still
 * checked, so that every problem is reported at once. */
export interface RowsRead {
  rows: SourceRow[];
  errors: FileProblem[];
}

/** The line of a quote that opens a field and is never closed, read the way csv-parse reads. */
function unclosedQuoteLine(text: string): number | undefined {
  let line = 1;
  let fieldStart = true;
  let openedAt: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (openedAt !== undefined) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else openedAt = undefined;
      }
    } else if (ch === '"' && fieldStart) openedAt = line;
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
    fieldStart = openedAt === undefined && (ch === ',' || ch === '\n' || ch === '\r');
  }
  return openedAt;
}

const blank = (fields: string[]) => fields.every((f) => f.trim() === '');

/**
 * CSV records to source rows, as they come: the first non-blank record is the header, checked
 * before any row is read (a wrong header stops the rows being read at all); every other non-blank
 * record is a row, with the line it starts on. Fed bytes all at once or chunk by chunk; `write` and
 * `end` throw csv-parse's CsvError when the bytes are not CSV (see csvFault).
 */
export class CsvRowReader {
  /** Problems of the file as a whole and of rows that cannot be read whole, in file order. */
  readonly errors: FileProblem[] = [];
  private readonly records: CsvRecordReader;
  private names: string[] | undefined;
  private at: Record<Column, number> | undefined;
  /** The header is wrong: no row is read, but the rest is still parsed (a file that is not CSV says so instead). */
  private refused = false;

  constructor(private readonly onRow: (row: SourceRow) => void) {
    // A cell the writer escaped against spreadsheet formulas is read as it was before.
    this.records = new CsvRecordReader((fields, line) => this.record(fields.map(withoutSpreadsheetEscape), line));
  }

  write(chunk: Uint8Array): void {
    this.records.write(chunk);
  }

  end(): void {
    this.records.end();
    if (!this.names) this.errors.push({ message: `the file is empty; ${EXPECTED}` });
  }

  private record(fields: string[], line: number): void {
    if (this.refused || blank(fields)) return;
    if (!this.names) return this.header(fields, line);
    const names = this.names;
    const at = this.at!;
    const row: SourceRow = { caseRef: (fields[at.case_ref] ?? '').trim(), item: fields[at.item] ?? '', value: fields[at.value] ?? '', line };
    if (fields.length < names.length || !blank(fields.slice(names.length))) {
      this.errors.push({
        row: line,
        message: `the row has ${fields.length} fields but the header has ${names.length}; put text containing commas in double quotes`,
      });
      row.broken = true;
    }
    this.onRow(row);
  }

  private header(fields: string[], line: number): void {
    const names = fields.map((f) => f.trim().toLowerCase());
    this.names = names;
    const { errors } = this;
    const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
    const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
    const twice = CSV_COLUMNS.filter((c) => names.indexOf(c) !== names.lastIndexOf(c));
    if (missing.length === CSV_COLUMNS.length) errors.push({ row: line, message: `${EXPECTED}; found '${fields.join(',')}'` });
    else {
      if (unknown.length)
        errors.push({
          row: line,
          message: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}; the columns are ${CSV_COLUMNS.join(', ')}`,
        });
      if (missing.length) errors.push({ row: line, message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` });
      for (const c of twice) errors.push({ row: line, message: `column ${c} appears twice` });
    }
    if (errors.length) {
      this.refused = true;
      return;
    }
    this.at = { case_ref: names.indexOf('case_ref'), item: names.indexOf('item'), value: names.indexOf('value') };
  }
}

const EXPECTED = `the first line must be the header ${CSV_COLUMNS.join(',')}`;

/**
 * The one problem reported for bytes that are not CSV (nothing else is then reported). An unclosed
 * quote is placed at its line, read from the file's text (only then is the whole text needed).
 * Undefined when the error is not csv-parse's.
 */
export function csvFault(e: unknown, text: () => string): FileProblem | undefined {
  if (!(e instanceof CsvError)) return undefined;
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
    const row = unclosedQuoteLine(withoutBom(text()));
    return { ...(row !== undefined ? { row } : {}), message: 'a quoted field is opened with " and never closed; close it with another "' };
  }
  return { message: `the file cannot be read as CSV: ${e.message}` };
}
