// The register of SFO reviews as a file (CSV or Excel): the heading row recognised forgivingly,
// each row handed to the domain's check (src/domain/sfo/register.ts), and every problem named by
// row and by the column as the file heads it. A file with any problem gives no reviews.
import { REGISTER_COLUMNS, validateRegister, type RegisterColumn, type RegisterRow, type SfoReview } from '../../domain/sfo/register.ts';
import { readCsvTable } from '../caseload/csv-table.ts';
import { headingKey } from '../caseload/headers.ts';
import { MAX_LISTED_PROBLEMS, tooManyProblems } from '../caseload/limits.ts';
import { cellFaults, EMPTY_FILE, type TableRead, type TableRow } from '../caseload/table.ts';
import { readXlsxTable } from '../caseload/xlsx-table.ts';
import type { FileProblem } from '../problems.ts';

export type RegisterFormat = 'csv' | 'xlsx';

export type RegisterFileResult =
  | { ok: true; reviews: SfoReview[]; warnings: FileProblem[]; lines: number[]; referenceHeading: string }
  | { ok: false; errors: FileProblem[]; warnings: FileProblem[] };

/** Other names each column goes by; its id and label are accepted too. */
const SYNONYMS: Record<RegisterColumn, string[]> = {
  review_ref: ['review reference', 'review ref', 'sfo reference', 'sfo ref', 'sfo review reference', 'reference', 'ref', 'review id'],
  region: ['probation region'],
  pdu: ['probation delivery unit'],
  offence_category: ['offence', 'offence type', 'category', 'sfo offence'],
  notified_date: ['notified', 'notified on', 'notification date', 'date of notification'],
  submitted_date: ['submitted', 'submitted on', 'submission date', 'date of submission'],
  extension: ['extension granted', 'extended', 'extension agreed'],
  author_role: ['author', 'review author', 'author grade', 'role of author'],
};

const columnOfHeading = new Map<string, RegisterColumn>(
  REGISTER_COLUMNS.flatMap((c) => [c.id, c.label, ...SYNONYMS[c.id]].map((name) => [headingKey(name), c.id] as const)),
);

/** The format a file name implies: `.csv` or `.xlsx`, in any case. */
export function registerFormatFromFileName(name: string): RegisterFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'xlsx' ? ext : undefined;
}

/** Collects the rows (a year's register is a few hundred) as the reader hands them over. */
function collector() {
  const rows: TableRow[] = [];
  return { rows, onRow: (row: TableRow) => (rows.push(row), true) };
}

export function parseRegisterCsv(text: string, regions: readonly string[]): RegisterFileResult {
  const { rows, onRow } = collector();
  return checkTable(readCsvTable(text, onRow), rows, regions);
}

export async function parseRegisterXlsx(bytes: Uint8Array, regions: readonly string[]): Promise<RegisterFileResult> {
  const { rows, onRow } = collector();
  return checkTable(await readXlsxTable(bytes, onRow), rows, regions);
}

function checkTable(read: TableRead, rows: TableRow[], regions: readonly string[]): RegisterFileResult {
  if (!read.ok) return { ok: false, errors: read.errors, warnings: [] };
  const [header, ...data] = rows;
  if (!header) return { ok: false, errors: [{ message: EMPTY_FILE }], warnings: [] };
  const errors: FileProblem[] = cellFaults(header, (i) => `${i + 1}`, 'heading').map((f) => f.problem);
  if (errors.length) return { ok: false, errors, warnings: [] };

  const at = new Map<RegisterColumn, number[]>();
  const unread: string[] = [];
  header.cells.forEach((h, i) => {
    if (!h.trim()) return;
    const column = columnOfHeading.get(headingKey(h));
    if (column) at.set(column, [...(at.get(column) ?? []), i]);
    else unread.push(h.trim());
  });
  for (const c of REGISTER_COLUMNS) {
    const found = at.get(c.id) ?? [];
    if (found.length > 1) errors.push({ row: header.line, message: `columns ${found.map((i) => `'${header.cells[i]!.trim()}'`).join(' and ')} all give the ${c.label.toLowerCase()}; keep one` });
    if (!found.length && c.required) errors.push({ row: header.line, message: `no column for the ${c.label.toLowerCase()}; head it '${c.id}' or '${c.label}'` });
  }
  const warnings: FileProblem[] = unread.length ? [{ row: header.line, message: `columns not read or kept: ${unread.map((h) => `'${h}'`).join(', ')}` }] : [];
  if (errors.length) return { ok: false, errors, warnings };

  const heading = (column: string) => header.cells[at.get(column as RegisterColumn)?.[0] ?? -1]?.trim() || column;
  const registerRows: RegisterRow[] = [];
  for (const row of data) {
    const faults = cellFaults(row, (i) => header.cells[i]?.trim() || `${i + 1}`, 'value');
    if (faults.length) {
      errors.push(...faults.map((f) => f.problem));
      continue;
    }
    const values: RegisterRow['values'] = {};
    for (const [column, [i]] of at) values[column] = row.cells[i!] ?? '';
    registerRows.push({ line: row.line, values });
  }
  const checked = validateRegister(registerRows, { regions });
  if (!checked.ok) errors.push(...checked.problems.map((p) => ({ ...p, ...(p.column ? { column: heading(p.column) } : {}), ...(p.row === undefined ? { row: header.line } : {}) })));
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)); // stable: a row's problems stay in column order
  if (errors.length > MAX_LISTED_PROBLEMS) errors.splice(MAX_LISTED_PROBLEMS, Infinity, { message: tooManyProblems() });
  return errors.length || !checked.ok ? { ok: false, errors, warnings } : { ok: true, reviews: checked.reviews, warnings, lines: checked.lines, referenceHeading: heading('review_ref') };
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Reviews as a register CSV file, in the template's column order. */
export function writeRegisterCsv(reviews: readonly SfoReview[]): string {
  const cells = (r: SfoReview) => [r.reviewRef, r.region, r.pdu ?? '', r.offenceCategory, r.notifiedOn, r.submittedOn ?? '', r.extensionGranted ? 'yes' : 'no', r.authorRole ?? ''];
  return [REGISTER_COLUMNS.map((c) => c.id), ...reviews.map(cells)].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}
