// The publication look every report PDF shares (pdfmake, its own Roboto fonts, nothing fetched):
// text the font can print, headings that make the contents list, a cover with its facts, captioned
// tables whose header row repeats over pages, and the document itself: A4, a running header from
// the second page, "Page n of N" in the footer, and one set of styles.
import { pdfmake } from '../adapters/pdf/pdfmake.ts';
import { cachedPdf, describedPdfFunction } from './pdf-cache.ts';

/** Text the Roboto font can print: arrows, dashes and other symbols it may lack become plain ASCII. */
export const printable = (s: string): string =>
  s
    .replace(/→/g, 'to')
    .replace(/[\u2190-\u21ff]/g, '-')
    .replace(/[\u2012-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...');

export type PdfNode = Record<string, unknown> | string;
export type Orientation = 'portrait' | 'landscape';

/** A4 less the margins below: the width a table may take, in points. */
export const CONTENT_WIDTH: Record<Orientation, number> = { portrait: 483, landscape: 730 };

/** A chapter: in the contents, on a new page (turned to `orientation` when given) unless `pageBreak` is false. */
export const h1 = (text: string, id?: string, pageBreak = true, orientation?: Orientation): PdfNode => ({
  text: printable(text),
  style: 'h1',
  tocItem: true,
  ...(id ? { id } : {}),
  ...(pageBreak ? { pageBreak: 'before' } : {}),
  ...(orientation ? { pageOrientation: orientation } : {}),
});
export const h2 = (text: string): PdfNode => ({ text: printable(text), style: 'h2', tocItem: true, tocMargin: [12, 0, 0, 0] });
export const h3 = (text: string): PdfNode => ({ text: printable(text), style: 'h3' });
export const p = (text: string, style = 'p'): PdfNode => ({ text: printable(text), style });
export const paragraphs = (text: string | null, fallback: string): PdfNode[] => (text ? text.split(/\n\s*\n/).map((t) => p(t)) : [p(fallback, 'muted')]);
export const contents = (): PdfNode => ({ toc: { title: { text: 'Contents', style: 'h1' } }, pageBreak: 'before' });

/** The first page: who publishes it, the title, any lead paragraphs and warning, then the facts. */
export function cover(title: string, facts: [string, string][], options: { lead?: string[]; warning?: string | null } = {}): PdfNode[] {
  return [
    { text: 'HM Inspectorate of Probation', style: 'coverKicker', margin: [0, 120, 0, 12] },
    { text: printable(title), style: 'coverTitle' },
    ...(options.lead ?? []).map((t) => p(t)),
    ...(options.warning ? [p(options.warning, 'warning')] : []),
    {
      table: { widths: [150, '*'], body: facts.map(([label, value]) => [{ text: printable(label), bold: true }, printable(value)]) },
      layout: 'noBorders',
      margin: [0, 30, 0, 0],
    },
  ];
}

export interface TableOptions {
  fontSize?: number;
  /** Rows (0-based, after the header) set in bold. */
  boldRows?: number[];
  /** Per column; figures read best aligned right. */
  align?: ('left' | 'right')[];
}

/** A captioned table whose header row repeats on every page it runs over; no row is split. */
export function table(caption: string, head: string[], rows: string[][], widths?: (string | number)[], options: TableOptions = {}): PdfNode[] {
  const { fontSize = 9, boldRows = [], align = [] } = options;
  const cell = (text: string, column: number, extra: Record<string, unknown> = {}): PdfNode =>
    align[column] === 'right' || Object.keys(extra).length ? { text: printable(text), ...(align[column] === 'right' ? { alignment: 'right' } : {}), ...extra } : printable(text);
  return [
    { text: printable(caption), style: 'caption' },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: widths ?? head.map((_, i) => (i === 0 ? '*' : 'auto')),
        body: [head.map((h, i) => cell(h, i, { style: 'th' })), ...rows.map((r, i) => r.map((c, j) => cell(c, j, boldRows.includes(i) ? { bold: true } : {})))],
      },
      layout: 'lightHorizontalLines',
      fontSize,
      margin: [0, 0, 0, 12],
    },
  ];
}

const STYLES: Record<string, Record<string, unknown>> = {
  coverKicker: { fontSize: 14, color: '#505a5f' },
  coverTitle: { fontSize: 28, bold: true, margin: [0, 0, 0, 16] },
  warning: { bold: true, color: '#d4351c', margin: [0, 0, 0, 8] },
  h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 10] },
  h2: { fontSize: 15, bold: true, margin: [0, 14, 0, 6] },
  h3: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
  p: { margin: [0, 0, 0, 8] },
  strong: { bold: true, margin: [0, 0, 0, 6] },
  muted: { color: '#505a5f', fontSize: 9.5, margin: [0, 0, 0, 8] },
  caption: { bold: true, fontSize: 10, margin: [0, 4, 0, 4] },
  th: { bold: true },
  running: { fontSize: 8, color: '#505a5f' },
};

/** The document: A4, the running header (`running`, else the title) from page 2, "Page n of N", the shared styles with any changed. */
export function publicationDocument(d: { title: string; subject: string; content: PdfNode[]; running?: string; styles?: Record<string, Record<string, unknown>> }): unknown {
  const running = printable(d.running ?? d.title);
  return {
    pageSize: 'A4',
    pageMargins: [56, 64, 56, 56],
    info: { title: printable(d.title), author: 'HM Inspectorate of Probation', subject: d.subject },
    // Described by what they are made from, so the rendered PDF can be cached (pdf-cache.ts).
    header: describedPdfFunction('publication-header', running, (page: number) => (page === 1 ? null : { text: running, style: 'running', margin: [56, 28, 56, 0] })),
    footer: describedPdfFunction('publication-footer', null, (page: number, pages: number) => ({ text: `Page ${page} of ${pages}`, style: 'running', alignment: 'center', margin: [0, 20, 0, 0] })),
    content: d.content,
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    styles: { ...STYLES, ...d.styles },
  };
}

/** The PDF of a pdfmake definition: kept and handed out again while the definition is the same (pdf-cache.ts). */
export const renderPdf = (definition: unknown): Promise<Buffer> => cachedPdf('pdfmake', definition, () => pdfmake().createPdf(definition).getBuffer());
