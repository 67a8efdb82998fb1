// CSV cells a spreadsheet cannot run. A cell that begins with =, +, -, @, tab or carriage return is
// read by Excel, LibreOffice and Google Sheets as a formula, so text from a form (evidence, a name,
// a rationale) could run one on the reader's machine. As OWASP recommends, such a text cell is
// written with a single quote in front, and quoted. Only text is escaped: a number (-3) stays a
// number. Every CSV the product writes goes through `stringifyCsv`.
//
// The assessment file is read back in, so the escape must be undone there, and only there where the
// writer added it: a text that begins with quotes and then a formula character gets one more quote
// too ('=x is written ''=x), so removing one quote from a cell that begins with quotes and a formula
// character always gives back exactly what was written.
import { stringify, type Input, type Options } from 'csv-stringify/sync';

/** OWASP's list of first characters that start a formula. */
const FORMULA = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

/** The text as a spreadsheet-safe cell: with a quote in front when it could start a formula. */
export const spreadsheetSafe = (text: string): string => (FORMULA.test(text) ? `'${text}` : text);

/** A cell read from a file this product wrote: the quote `spreadsheetSafe` added taken off. */
export const withoutSpreadsheetEscape = (cell: string): string => (ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell);

/** csv-stringify's `stringify` with every text cell made spreadsheet-safe (and quoted when escaped). */
export function stringifyCsv(records: Input, options: Omit<Options, 'cast'> = {}): string {
  return stringify(records, {
    ...options,
    cast: { string: (value) => (FORMULA.test(value) ? { value: `'${value}`, quoted: true } : value) },
  });
}
