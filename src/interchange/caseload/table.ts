// The one shape a caseload file (CSV or Excel) or contact list is read in before its columns are
// recognised: rows, each with the row number a spreadsheet shows, so problems point there. The
// readers hand the rows over one at a time (the first with any text is the header) to a checker
// that keeps only what it needs, so a large file is never held twice in memory.
import type { FileProblem } from '../problems.ts';
import { textFault } from '../text-faults.ts';
import { MAX_CELL_CHARACTERS, tooLongValue } from './limits.ts';

export interface TableRow {
  /** CSV: the line the row starts on; Excel: the sheet's row number. The header counts. */
  line: number;
  /** Cell texts as written, in column order. */
  cells: string[];
}

/** A CSV row with fewer values than headings is broken; an Excel row simply ends early. */
export type TableSource = 'csv' | 'xlsx';

/** Takes the next row with any text; returns false when it needs no more. */
export type OnTableRow = (row: TableRow) => boolean;

/** Whether the file could be read as a table to its end (or until the checker needed no more). */
export type TableRead = { ok: true } | { ok: false; errors: FileProblem[] };

/** Checks a table's rows as they are read, and says what they come to. */
export interface TableChecker<Result> {
  row: OnTableRow;
  result: () => Result;
}

export const isBlankRow = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

export const EMPTY_FILE = 'the file is empty; the first row must name the columns';

/** The cells of a row that cannot be read at all: text no file should hold (text-faults.ts), or a
 * value too long to be one; each a problem at its column, which quotes nothing of the cell. */
export function cellFaults(row: TableRow, columnName: (index: number) => string, what: 'heading' | 'value'): { at: number; problem: FileProblem }[] {
  return row.cells.flatMap((cell, at) => {
    const fault = cell.length > MAX_CELL_CHARACTERS ? tooLongValue(cell.length) : textFault(cell);
    return fault ? [{ at, problem: { row: row.line, column: columnName(at), message: `the ${what} ${fault}` } }] : [];
  });
}
