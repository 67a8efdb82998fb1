// The one shape a caseload file (CSV or Excel) is read into before its columns are recognised: a
// header row and data rows, each with the row number a spreadsheet shows, so problems point there.
import type { FileProblem } from '../problems.ts';

export interface TableRow {
  /** CSV: the line the row starts on; Excel: the sheet's row number. The header counts. */
  line: number;
  /** Cell texts as written, in column order. */
  cells: string[];
}

export interface Table {
  /** A CSV row with fewer values than headings is broken; an Excel row simply ends early. */
  source: 'csv' | 'xlsx';
  header: TableRow;
  rows: TableRow[];
}

/** A table, or why the file could not be read as one. */
export type TableRead = { ok: true; table: Table } | { ok: false; errors: FileProblem[] };

export const isBlankRow = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

/** The first row with any text is the header; blank rows are dropped. */
export function toTable(rows: TableRow[], source: Table['source']): TableRead {
  const filled = rows.filter((r) => !isBlankRow(r.cells));
  const [header, ...data] = filled;
  if (!header) return { ok: false, errors: [{ message: 'the file is empty; the first row must name the columns' }] };
  return { ok: true, table: { source, header, rows: data } };
}
