// An Excel workbook (.xlsx) to table rows: the first worksheet, cells as text. Date cells become ISO
// dates, so the day-first rule for typed dates never applies to them. The workbook's size is
// checked before it is opened (workbook-size.ts), and the sheet is read as a stream, row by row, so
// that neither the unpacked sheet nor a model of it is ever held whole; reading stops, and the file
// is refused, past the row or column limit (limits.ts).
import { Readable } from 'node:stream';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, tooManyColumns, tooManyRows } from './limits.ts';
import type { OnTableRow, TableRead } from './table.ts';
import { checkWorkbookSize, NOT_A_WORKBOOK } from './workbook-size.ts';

const isoDate = (d: Date): string => (Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10));

/** A cell's value as the text a person sees in it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['richText'])) return (v['richText'] as { text?: unknown }[]).map((r) => cellText(r.text ?? '')).join('');
    if ('result' in v) return cellText(v['result']); // a formula: its last calculated value
    if ('text' in v) return cellText(v['text']); // a hyperlink
    if ('error' in v) return cellText(v['error']);
    return ''; // no shape a cell's text comes in
  }
  return typeof value === 'bigint' ? value.toString() : '';
}

const unreadable = (message: string, row?: number): TableRead => ({ ok: false, errors: [{ ...(row !== undefined ? { row } : {}), message }] });

/** The streaming reader's view of the workbook: its sheets in tab order, once workbook.xml is read. */
type SheetOrder = { model?: { sheets?: { id: number }[] } };

export async function readXlsxTable(bytes: Uint8Array, onRow: OnTableRow): Promise<TableRead> {
  const size = await checkWorkbookSize(bytes);
  if (!size.ok) return unreadable(size.message);
  const { default: ExcelJS } = await import('exceljs'); // loaded on the first workbook, not at start
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache',
    styles: 'cache', // to know which numbers are dates
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let filled = 0;
  let line = 0;
  try {
    for await (const sheet of reader) {
      // The first sheet in the workbook's tab order, as Excel shows it (not the order stored).
      const first = (reader as unknown as SheetOrder).model?.sheets?.[0];
      if (first && Number((sheet as unknown as { id: unknown }).id) !== Number(first.id)) continue;
      for await (const row of sheet) {
        line = Number.isFinite(row.number) ? row.number : line + 1; // a row may leave out its number
        // exceljs gives the cells from index 1, with holes for empty cells.
        const values = Array.isArray(row.values) ? (row.values as unknown[]).slice(1) : [];
        if (values.length > MAX_TABLE_COLUMNS && values.slice(MAX_TABLE_COLUMNS).some((v) => cellText(v).trim() !== '')) return unreadable(tooManyColumns(), line);
        const cells = Array.from({ length: Math.min(values.length, MAX_TABLE_COLUMNS) }, (_, i) => cellText(values[i]));
        while (cells.length && cells.at(-1)!.trim() === '') cells.pop(); // an Excel row simply ends early
        if (!cells.length) continue;
        if (++filled > MAX_TABLE_ROWS + 1) return unreadable(tooManyRows());
        if (!onRow({ line, cells })) return { ok: true };
      }
      return { ok: true };
    }
  } catch {
    return unreadable(NOT_A_WORKBOOK);
  }
  return unreadable('the workbook has no worksheet');
}
