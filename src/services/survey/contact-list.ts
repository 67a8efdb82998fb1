// The contact list a PDU sends for the text survey: everyone on probation in the PDU, as CSV with a
// phone number and, optionally, a name. Checked whole: every problem is listed by row and column
// (numbers masked), and a list with any error is not kept as it stands; when only some rows are
// wrong the good rows are given too, for the uploader to go on with. Numbers must be UK mobile numbers; they are kept in
// E.164 form (+447…). Duplicates are texted once. Other columns are not read or kept.
import { formatProblem, type FileProblem } from '../../interchange/problems.ts';
import { readCsvTable } from '../../interchange/caseload/csv-table.ts';
import { headingKey } from '../../interchange/caseload/headers.ts';
import { MAX_LISTED_PROBLEMS, tooManyProblems } from '../../interchange/caseload/limits.ts';
import { cellFaults, EMPTY_FILE, isBlankRow, type TableRow } from '../../interchange/caseload/table.ts';

export { formatProblem, type FileProblem };

export interface ContactRow {
  /** E.164: +447xxxxxxxxx. */
  phone: string;
  name: string | null;
  /** The row of the file it came from. */
  row: number;
}

export type ContactListResult =
  | { ok: true; contacts: ContactRow[]; warnings: FileProblem[]; /** Rows whose number an earlier row gave. */ listedTwice: number }
  | {
      ok: false;
      errors: FileProblem[];
      warnings: FileProblem[];
      /** When the columns are right and only some rows are wrong (each listed): the good rows. */
      usable?: { contacts: ContactRow[]; listedTwice: number };
    };

export const PHONE_HEADINGS = ['Phone number', 'phone', 'mobile', 'mobile number', 'mobile phone', 'mobile phone number', 'mobile no', 'telephone', 'telephone number', 'tel', 'phone no', 'contact number', 'number', 'phone_number'];
export const NAME_HEADINGS = ['Name', 'first name', 'forename', 'given name', 'full name', 'preferred name'];
export const MAX_NAME_LENGTH = 100;

export type PhoneRead = { ok: true; value: string } | { ok: false; message: string };

/**
 * A UK mobile number in E.164 form, read forgivingly: spaces, hyphens, dots and brackets are
 * ignored; `07…`, `+44 7…`, `44 7…`, `0044 7…`, `+44 (0)7…` and a number whose leading 0 a
 * spreadsheet dropped (`7700 900123`) are all read. Mobile ranges are 071-075, 077-079 and 07624
 * (070 numbers are personal numbers and 076 pagers, which cannot take part in a text survey).
 */
export function readUkMobile(raw: string): PhoneRead {
  const text = raw.trim();
  if (text === '') return { ok: false, message: 'no phone number given' };
  const compact = text.replace(/[\s\-.()]/g, '');
  if (!/^\+?\d+$/.test(compact)) return { ok: false, message: `'${text}' is not a phone number; write it with digits only, like 07700 900123` };
  let national: string;
  if (compact.startsWith('+')) {
    if (!compact.startsWith('+44')) return { ok: false, message: `'${text}' is not a UK number; the survey texts UK mobile numbers only (07… or +44 7…)` };
    national = compact.slice(3);
  } else if (compact.startsWith('0044')) national = compact.slice(4);
  else if (compact.startsWith('44') && compact.length >= 12) national = compact.slice(2);
  else if (compact.startsWith('0')) national = compact.slice(1);
  else if (compact.startsWith('7') && compact.length === 10) national = compact;
  else return { ok: false, message: `'${text}' is not a UK mobile number; UK mobile numbers begin 07 and have 11 digits, like 07700 900123` };
  if (national.startsWith('0')) national = national.slice(1); // +44 (0)7…
  if (!national.startsWith('7'))
    return { ok: false, message: `'${text}' is a landline or service number; the survey needs a UK mobile number, beginning 07` };
  if (national.length !== 10)
    return { ok: false, message: `'${text}' has ${national.length + 1} digits written as 07…; a UK mobile number has 11, like 07700 900123` };
  if (!/^7([1-57-9]\d{8}|624\d{6})$/.test(national))
    return { ok: false, message: `'${text}' is not a mobile number (070 numbers are personal numbers and 076 numbers pagers); give a mobile number beginning 071-075 or 077-079` };
  return { ok: true, value: `+44${national}` };
}

/** +447700900123 as 07700 900123. */
export const nationalFormat = (e164: string): string => `0${e164.slice(3, 7)} ${e164.slice(7)}`;

const phoneKeys = new Set(PHONE_HEADINGS.map(headingKey));
const nameKeys = new Set(NAME_HEADINGS.map(headingKey));

/** The columns the heading row names, or undefined (with the problem) when the list cannot be read. */
interface ContactColumns {
  line: number;
  headings: string[];
  phoneAt: number;
  nameAt: number | undefined;
}

function readHeadings(header: TableRow, errors: FileProblem[], warnings: FileProblem[]): ContactColumns | undefined {
  const { line, cells: headings } = header;
  const faults = cellFaults(header, (i) => `${i + 1}`, 'heading');
  if (faults.length) return void errors.push(...faults.map((f) => f.problem));
  const phoneAt = headings.flatMap((h, i) => (phoneKeys.has(headingKey(h)) ? [i] : []));
  const nameAt = headings.flatMap((h, i) => (nameKeys.has(headingKey(h)) ? [i] : []));
  const unread = headings.filter((h, i) => h.trim() !== '' && !phoneAt.includes(i) && !nameAt.includes(i));
  const quoted = (at: number[]) => at.map((i) => `'${headings[i]!.trim()}'`).join(' and ');
  if (!phoneAt.length)
    return void errors.push({ row: line, message: `no column for the phone number; the first row must name the columns, with one headed ${PHONE_HEADINGS.slice(0, 4).map((h) => `'${h}'`).join(', ')} or 'Telephone'` });
  if (phoneAt.length > 1) errors.push({ row: line, message: `columns ${quoted(phoneAt)} both give the phone number; keep one` });
  if (nameAt.length > 1) errors.push({ row: line, message: `columns ${quoted(nameAt)} both give the name; keep one` });
  if (unread.length)
    warnings.push({ row: line, message: `column${unread.length > 1 ? 's' : ''} ${unread.map((h) => `'${h.trim()}'`).join(', ')} ${unread.length > 1 ? 'are' : 'is'} not read or kept: the survey needs only the phone number and, if you like, a name` });
  return errors.length ? undefined : { line, headings, phoneAt: phoneAt[0]!, nameAt: nameAt[0] };
}

/** Reads the list row by row as the CSV is parsed, keeping only the contacts and the problems. */
export function parseContactList(text: string): ContactListResult {
  const errors: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const firstRowOf = new Map<string, number>();
  const contacts: ContactRow[] = [];
  let listedTwice = 0;
  let header: TableRow | undefined;
  let columns: ContactColumns | undefined;
  let rows = 0;

  const checkRow = ({ headings, phoneAt, nameAt }: ContactColumns, row: TableRow) => {
    const { line, cells } = row;
    const phoneColumn = headings[phoneAt]!.trim();
    // Text the database cannot store, in any column, read or not: reported in place of the reading.
    const faults = cellFaults(row, (i) => headings[i]?.trim() || `${i + 1}`, 'value').map((f) => f.problem);
    if (!isBlankRow(cells.slice(headings.length))) {
      errors.push({ row: line, message: `the row has ${cells.length} values but the first row names ${headings.length} columns; put text containing commas in double quotes` });
      return void errors.push(...faults);
    }
    if (faults.length) return void errors.push(...faults);
    const phone = readUkMobile(cells[phoneAt] ?? '');
    const name = nameAt !== undefined ? (cells[nameAt] ?? '').trim().replace(/\s+/g, ' ') : '';
    const rowErrors: FileProblem[] = [];
    if (!phone.ok) rowErrors.push({ row: line, column: phoneColumn, message: maskQuoted(phone.message, (cells[phoneAt] ?? '').trim()) });
    if (name.length > MAX_NAME_LENGTH) rowErrors.push({ row: line, column: headings[nameAt!]!.trim(), message: `the name has ${name.length} characters; give ${MAX_NAME_LENGTH} or fewer (a first name is enough)` });
    if (rowErrors.length || !phone.ok) return void errors.push(...rowErrors);
    const first = firstRowOf.get(phone.value);
    if (first !== undefined) {
      if (++listedTwice <= MAX_LISTED_PROBLEMS) warnings.push({ row: line, column: phoneColumn, message: `the number is also on row ${first}; it is texted once` });
      return;
    }
    firstRowOf.set(phone.value, line);
    contacts.push({ phone: phone.value, name: name || null, row: line });
  };

  const read = readCsvTable(text, (row) => {
    if (!header) {
      header = row;
      columns = readHeadings(row, errors, warnings);
    } else if (columns) {
      rows++;
      checkRow(columns, row);
    }
    return errors.length <= MAX_LISTED_PROBLEMS;
  });
  if (!read.ok) return { ok: false, errors: read.errors, warnings: [] };
  if (!header) return { ok: false, errors: [{ message: EMPTY_FILE }], warnings: [] };
  if (!columns) return { ok: false, errors, warnings };
  if (!rows) errors.push({ row: columns.line, message: 'the file names its columns but lists no one' });
  if (errors.length > MAX_LISTED_PROBLEMS) errors.splice(MAX_LISTED_PROBLEMS, Infinity, { message: tooManyProblems() });
  if (listedTwice > MAX_LISTED_PROBLEMS)
    warnings.push({ message: `${(listedTwice - MAX_LISTED_PROBLEMS).toLocaleString('en-GB')} more rows give a number already listed; each number is texted once` });
  if (!errors.length) return { ok: true, contacts, warnings, listedTwice };
  // Every row was read (the reading stops at too many problems), so the good rows are all here.
  const allRead = errors.length <= MAX_LISTED_PROBLEMS && rows > 0;
  return { ok: false, errors, warnings, ...(allRead && contacts.length ? { usable: { contacts, listedTwice } } : {}) };
}

/** A number as shown in a problem: every digit but the last 3 hidden ("•••• ••• •123"). */
export function maskNumber(text: string): string {
  let shown = 3;
  return [...text]
    .reverse()
    .map((ch) => (/\d/.test(ch) && shown-- <= 0 ? '•' : ch))
    .reverse()
    .join('');
}

const maskQuoted = (message: string, text: string) => (text ? message.split(`'${text}'`).join(`'${maskNumber(text)}'`) : message);
