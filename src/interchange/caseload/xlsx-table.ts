// An Excel workbook (.xlsx) to a table: the first worksheet, cells as text. Date cells become ISO
// dates, so the day-first rule for typed dates never applies to them.
import ExcelJS from 'exceljs';
import type { FileProblem } from '../problems.ts';
import { toTable, type TableRead, type TableRow } from './table.ts';

const isoDate = (d: Date): string => (Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10));

/** A cell's value as the text a person sees in it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['richText'])) return (v['richText'] as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    if ('result' in v) return cellText(v['result']); // a formula: its last calculated value
    if ('text' in v) return cellText(v['text']); // a hyperlink
    if ('error' in v) return String(v['error']);
  }
  return String(value);
}

const unreadable = (message: string): TableRead => ({ ok: false, errors: [{ message } satisfies FileProblem] });

export async function readXlsxTable(bytes: Uint8Array): Promise<TableRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return unreadable('the file cannot be read as an Excel workbook (.xlsx); save it again from Excel, or as CSV (UTF-8)');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return unreadable('the workbook has no worksheet');
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // exceljs gives the cells from index 1, with holes for empty cells.
    const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
    const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]));
    rows.push({ line: rowNumber, cells });
  });
  return toTable(rows, 'xlsx');
}
