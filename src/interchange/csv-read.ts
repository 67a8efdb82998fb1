// CSV text to source rows: the header, one row per fact, every row with the line it starts on.
import { CsvError } from 'csv-parse/sync';
import { eachCsvRecord, withoutBom } from './csv-records.ts';
import { withoutSpreadsheetEscape } from './csv-safe.ts';
import type { FileProblem } from './problems.ts';
import type { Column, SourceRow } from './rows.ts';

export const CSV_COLUMNS: readonly Column[] = ['case_ref', 'item', 'value'];

/** The rows read and the problems of the file as a whole; rows of a broken file are still checked,
 * so that every problem is reported at once. */
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

export function readCsvRows(text: string): RowsRead {
  const numbered: { fields: string[]; line: number }[] = [];
  try {
    // A cell the writer escaped against spreadsheet formulas is read as it was before.
    eachCsvRecord(text, (fields, line) => void numbered.push({ fields: fields.map(withoutSpreadsheetEscape), line }));
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      const row = unclosedQuoteLine(withoutBom(text));
      return {
        rows: [],
        errors: [{ ...(row !== undefined ? { row } : {}), message: 'a quoted field is opened with " and never closed; close it with another "' }],
      };
    }
    return { rows: [], errors: [{ message: `the file cannot be read as CSV: ${e.message}` }] };
  }

  const nonBlank = numbered.filter((r) => !blank(r.fields));
  const header = nonBlank[0];
  const expected = `the first line must be the header ${CSV_COLUMNS.join(',')}`;
  if (!header) return { rows: [], errors: [{ message: `the file is empty; ${expected}` }] };

  const names = header.fields.map((f) => f.trim().toLowerCase());
  const errors: FileProblem[] = [];
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  const twice = CSV_COLUMNS.filter((c) => names.indexOf(c) !== names.lastIndexOf(c));
  if (missing.length === CSV_COLUMNS.length)
    errors.push({ row: header.line, message: `${expected}; found '${header.fields.join(',')}'` });
  else {
    if (unknown.length)
      errors.push({
        row: header.line,
        message: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}; the columns are ${CSV_COLUMNS.join(', ')}`,
      });
    if (missing.length) errors.push({ row: header.line, message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` });
    for (const c of twice) errors.push({ row: header.line, message: `column ${c} appears twice` });
  }
  if (errors.length) return { rows: [], errors };

  const at = (c: Column) => names.indexOf(c);
  const rows: SourceRow[] = [];
  for (const { fields, line } of nonBlank.slice(1)) {
    const field = (c: Column) => fields[at(c)] ?? '';
    const row: SourceRow = { caseRef: field('case_ref').trim(), item: field('item'), value: field('value'), line };
    if (fields.length < names.length || !blank(fields.slice(names.length))) {
      errors.push({
        row: line,
        message: `the row has ${fields.length} fields but the header has ${names.length}; put text containing commas in double quotes`,
      });
      row.broken = true;
    }
    rows.push(row);
  }
  return { rows, errors };
}
