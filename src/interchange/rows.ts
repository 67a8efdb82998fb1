// The one shape both file formats are read into before validation: a fact per row, with where it
// came from, so one validator serves CSV and JSON and reports in the file's own terms.
import type { FileProblem } from './problems.ts';

export interface SourceRow {
  /** Trimmed; '' marks an inspection-level row (a judgement or its rationale). */
  caseRef: string;
  /** As written. */
  item: string;
  /** As written. */
  value: string;
  /** CSV: the line the row starts on. */
  line?: number;
  /** JSON: the path of the item (a key) and of its value. */
  itemPath?: string;
  valuePath?: string;
  /** The row could not be read whole (its problem is already reported): its item counts as given,
   * so nothing else is reported about it. */
  broken?: boolean;
}

export type Column = 'case_ref' | 'item' | 'value';

/** Where in the file a problem with this row's column is. */
export function locate(row: SourceRow, column: Column): Pick<FileProblem, 'row' | 'column' | 'path'> {
  if (row.line !== undefined) return { row: row.line, column };
  const path = column === 'value' ? (row.valuePath ?? row.itemPath) : row.itemPath;
  return path !== undefined ? { path } : {};
}

/** Names a row in another row's message: "row 7" or a JSON path. */
export const rowName = (row: SourceRow): string =>
  row.line !== undefined ? `row ${row.line}` : (row.itemPath ?? 'another entry');

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Path of a property: `cases[0].items["2.2.1a"]`, `judgements.diversity`, `format`. */
export const childPath = (parent: string, key: string | number): string =>
  typeof key === 'number'
    ? `${parent}[${key}]`
    : IDENTIFIER.test(key)
      ? parent
        ? `${parent}.${key}`
        : key
      : `${parent}[${JSON.stringify(key)}]`;
