// A caseload table to eligible cases, or every problem with it. The headings are recognised first
// (a missing required column or two columns for one fact are errors; columns not recognised are
// not read, and the upload says which). Then row by row: each value read with the assessment
// file's vocabulary, so both files accept the same spellings. Any error rejects the whole file.
// Rows are checked as they are read; only the cases and the problems are kept.
import { canonicalCaseRef, CASE_REF, caseloadFields, PRACTITIONER, type CaseloadField, type EligibleCase } from '../../domain/sampling/eligible-cases.ts';
import type { Framework } from '../../domain/framework/framework.ts';
import type { CaseAttribute } from '../../domain/framework/schema.ts';
import type { FileProblem } from '../problems.ts';
import { listAnd, listOr } from '../../domain/text/lists.ts';
import { readAttribute, type Read } from '../vocabulary.ts';
import { headingIndex, headingKey } from './headers.ts';
import { MAX_LISTED_PROBLEMS, tooManyProblems } from './limits.ts';
import { cellFaults, EMPTY_FILE, isBlankRow, type TableChecker, type TableRow, type TableSource } from './table.ts';

/** A caseload of one pool's cases (the court caseload, say): the case-type column may be left out,
 * and a row that gives another type is an error at its row and column. */
export interface CaseloadPool {
  /** The case-type attribute's id. */
  attribute: string;
  /** The pool's case type. */
  caseType: string;
  /** The pool's name in the framework's words: "Court disposals". */
  label: string;
}

export type CaseloadResult =
  | { ok: true; cases: EligibleCase[]; warnings: FileProblem[] }
  | { ok: false; errors: FileProblem[]; warnings: FileProblem[] };

/** How case management systems write "nothing recorded"; accepted in optional columns only. */
export const NOT_RECORDED = ['unknown', 'not known', 'nk', 'not stated', 'not recorded', 'not specified', 'prefer not to say', 'declined', 'refused', 'missing', 'n a', 'na'];
const notRecorded = new Set(NOT_RECORDED.map(headingKey));

/** Bands written "18-20" or "50+", so an age in years can be read as its band. */
function bandOfAge(attribute: CaseAttribute, raw: string): string | undefined {
  if (!/^\d{1,3}$/.test(raw.trim())) return undefined;
  const age = Number(raw.trim());
  for (const v of attribute.values ?? []) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(v);
    const open = /^(\d+)\s*\+$/.exec(v);
    if (range && age >= Number(range[1]) && age <= Number(range[2])) return v;
    if (open && age >= Number(open[1])) return v;
  }
  return undefined;
}

/** A field's value in normal form; '' means nothing recorded (allowed only where optional). */
function readField(field: CaseloadField, raw: string): Read<string> {
  const text = raw.trim();
  if (field.id === CASE_REF || field.id === PRACTITIONER) {
    if (text === '') return { ok: false, message: `no ${field.label.toLowerCase()} given` };
    return { ok: true, value: field.id === CASE_REF ? canonicalCaseRef(text) : text.replace(/\s+/g, ' ') };
  }
  const attribute = field.attribute!;
  if (!field.required && (text === '' || notRecorded.has(headingKey(text)))) return { ok: true, value: '' };
  const read = readAttribute(attribute, raw);
  if (read.ok || attribute.type !== 'choice') return read;
  const band = bandOfAge(attribute, raw);
  return band ? { ok: true, value: band } : read;
}

const quoted = (headings: readonly string[]) => headings.map((h) => `'${h.trim()}'`);

/** What the heading row says: the column of each field read, or why the file cannot be read. */
interface Columns {
  line: number;
  headings: string[];
  /** Read left to right, so a row's problems are listed in the order of its columns. */
  used: { field: CaseloadField; at: number; heading: string }[];
  /** Columns with no heading: a warning if any row has a value in one. */
  unnamed: number[];
}

function readHeadings(fields: readonly CaseloadField[], header: TableRow, errors: FileProblem[], warnings: FileProblem[]): Columns | undefined {
  const index = headingIndex(fields);
  const { line, cells: headings } = header;
  const faults = cellFaults(header, (i) => `${i + 1}`, 'heading');
  if (faults.length) return void errors.push(...faults.map((f) => f.problem));

  // Which column gives each field.
  const columns = new Map<string, number[]>();
  const unread: string[] = [];
  headings.forEach((h, i) => {
    if (h.trim() === '') return;
    const field = index.fieldOf(h);
    if (field) columns.set(field.id, [...(columns.get(field.id) ?? []), i]);
    else unread.push(h);
  });
  // Fewer than two required columns recognised: most likely another file, or no heading row.
  if (fields.filter((f) => f.required && columns.has(f.id)).length < 2)
    return void errors.push({ row: line, message: `the first row must name the columns (for example ${fields.filter((f) => f.required).map((f) => f.label).join(', ')}); none of '${headings.join(',')}' is one` });
  for (const f of fields) {
    const at = columns.get(f.id) ?? [];
    if (at.length > 1)
      errors.push({ row: line, message: `columns ${listAnd(quoted(at.map((i) => headings[i]!)))} ${at.length === 2 ? 'both' : 'all'} give the ${f.label.toLowerCase()}; keep one` });
    if (!at.length && f.required)
      errors.push({ row: line, message: `no column for the ${f.label.toLowerCase()}; head it ${listOr(quoted(index.spellings(f.id).slice(0, 4)))}` });
  }
  if (unread.length)
    warnings.push({ row: line, message: `column${unread.length > 1 ? 's' : ''} ${quoted(unread).join(', ')} ${unread.length > 1 ? 'are' : 'is'} not a fact the sample needs, so ${unread.length > 1 ? 'they are' : 'it is'} not read or kept` });
  const used = fields
    .filter((f) => columns.get(f.id)?.length === 1)
    .map((f) => ({ field: f, at: columns.get(f.id)![0]!, heading: headings[columns.get(f.id)![0]!]!.trim() }))
    .sort((a, b) => a.at - b.at);
  const unnamed = headings.flatMap((h, i) => (h.trim() === '' ? [i] : []));
  return { line, headings, used, unnamed };
}

/**
 * Checks a caseload row by row as it is read (the first row with any text names the columns) and
 * keeps only the cases and the problems: every problem by row, column and case, up to
 * MAX_LISTED_PROBLEMS, after which it needs no more rows.
 */
export function caseloadChecker(framework: Framework, source: TableSource, pool?: CaseloadPool): TableChecker<CaseloadResult> {
  const fields = caseloadFields(framework).map((f) => (pool && f.id === pool.attribute ? { ...f, required: false } : f));
  const errors: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  let header: TableRow | undefined;
  let columns: Columns | undefined;
  let rows = 0;
  const unnamedWithValues = new Set<number>();
  const firstRowOf = new Map<string, number>();
  const cases: EligibleCase[] = [];

  const checkRow = ({ headings, used, unnamed }: Columns, row: TableRow) => {
    const { line, cells } = row;
    for (const i of unnamed) if ((cells[i] ?? '').trim() !== '') unnamedWithValues.add(i);
    // Text the database cannot store, in any column, read or not.
    const faults = cellFaults(row, (i) => headings[i]?.trim() || `${i + 1}`, 'value');
    const wide = !isBlankRow(cells.slice(headings.length));
    if (wide || (source === 'csv' && cells.length < headings.length)) {
      errors.push({ row: line, message: `the row has ${cells.length} values but the first row names ${headings.length} columns; put text containing commas in double quotes` });
      errors.push(...faults.map((f) => f.problem));
      return;
    }
    const values = new Map<string, string>();
    const found = [...faults];
    for (const { field, at, heading } of used) {
      if (faults.some((f) => f.at === at)) continue;
      const read = readField(field, cells[at] ?? '');
      if (read.ok) values.set(field.id, read.value);
      else found.push({ at, problem: { row: line, column: heading, message: read.message } });
    }
    const typed = pool && values.get(pool.attribute);
    if (pool && typed && typed !== pool.caseType) {
      const at = used.find((u) => u.field.id === pool.attribute)!;
      found.push({ at: at.at, problem: { row: line, column: at.heading, message: `the case type is ${typed}, but this file is the ${pool.label.toLowerCase()} caseload; upload the ${typed} cases in their own file, or one file with every case` } });
    }
    if (pool) values.set(pool.attribute, pool.caseType);
    const rowErrors = found.sort((a, b) => a.at - b.at).map((f) => f.problem);
    const caseRef = values.get(CASE_REF);
    if (caseRef) {
      for (const e of rowErrors) e.caseRef = caseRef;
      const first = firstRowOf.get(caseRef);
      if (first !== undefined)
        rowErrors.unshift({ row: line, column: used.find((u) => u.field.id === CASE_REF)!.heading, caseRef, message: `case ${caseRef} is also on row ${first}; give each case once` });
      else firstRowOf.set(caseRef, line);
    }
    errors.push(...rowErrors);
    if (rowErrors.length || !caseRef) return;
    const attributes: Record<string, string> = {};
    for (const [id, v] of values) if (id !== CASE_REF && id !== PRACTITIONER && v !== '') attributes[id] = v;
    cases.push({ caseRef, practitioner: values.get(PRACTITIONER) ?? '', attributes });
  };

  return {
    row(row) {
      if (!header) {
        header = row;
        columns = readHeadings(fields, row, errors, warnings);
      } else if (columns) {
        rows++;
        checkRow(columns, row);
      }
      return errors.length <= MAX_LISTED_PROBLEMS;
    },
    result() {
      if (!header) return { ok: false, errors: [{ message: EMPTY_FILE }], warnings };
      // A heading row the columns cannot be read from is the only problem reported.
      if (!columns) return { ok: false, errors, warnings: [] };
      const unnamed = unnamedWithValues.size;
      if (unnamed) warnings.push({ row: columns.line, message: `${unnamed} column${unnamed > 1 ? 's have' : ' has'} values but no heading, so ${unnamed > 1 ? 'they are' : 'it is'} not read` });
      if (!rows) errors.push({ row: columns.line, message: 'the file names its columns but lists no cases' });
      if (errors.length > MAX_LISTED_PROBLEMS) errors.splice(MAX_LISTED_PROBLEMS, Infinity, { message: tooManyProblems() });
      return errors.length ? { ok: false, errors, warnings } : { ok: true, cases, warnings };
    },
  };
}
