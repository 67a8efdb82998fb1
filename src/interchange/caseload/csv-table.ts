// CSV text to table rows, every record with the line it starts on (a quoted value may run over
// several lines). A byte order mark, CRLF or LF line ends and blank lines are all accepted. Reading
// stops, and the file is refused, past the row or column limit (limits.ts).
import { CsvError } from 'csv-parse/sync';
import { eachCsvRecord } from '../csv-records.ts';
import type { FileProblem } from '../problems.ts';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, tooManyColumns, tooManyRows } from './limits.ts';
import { isBlankRow, type OnTableRow, type TableRead } from './table.ts';

export function readCsvTable(text: string, onRow: OnTableRow): TableRead {
  let filled = 0;
  let refused: FileProblem | undefined;
  try {
    eachCsvRecord(text, (cells, line) => {
      if (cells.length > MAX_TABLE_COLUMNS) {
        if (!isBlankRow(cells.slice(MAX_TABLE_COLUMNS))) refused = { row: line, message: tooManyColumns() };
        cells.length = MAX_TABLE_COLUMNS; // trailing commas: nothing to keep
      }
      if (isBlankRow(cells)) return true;
      if (++filled > MAX_TABLE_ROWS + 1) refused = { message: tooManyRows() };
      return !refused && onRow({ line, cells });
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const message =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted value is opened with " and never closed; close it with another "'
        : `the file cannot be read as CSV: ${e.message}`;
    return { ok: false, errors: [{ message }] };
  }
  return refused ? { ok: false, errors: [refused] } : { ok: true };
}
