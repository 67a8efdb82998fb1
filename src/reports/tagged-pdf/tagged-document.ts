// A small tagged-PDF writer over PDFKit (PDF/UA-1): every piece of content is drawn inside a marked-
// content sequence attached to a structure element (Document, Sect, H1-H3, P, L/LI/Lbl/LBody,
// Table/THead/TBody/TR/TH/TD with Scope, Figure with Alt, TOC/TOCI/Link), in reading order; what is
// not content (page headers and numbers, rules, shading, table headers repeated on a new page) is an
// artifact. Layout is deliberately simple: one column on A4, blocks that flow down the page.
import type PDFKitDocument from 'pdfkit';
import { lazyModule } from '../../lazy-module.ts';
import { FONTS, type FontName } from './fonts.ts';

// PDFKit is loaded on the first PDF written, not at start.
const pdfkit = lazyModule<typeof PDFKitDocument>('pdfkit');

type Struct = PDFKit.PDFStructureElement;
type Align = 'left' | 'right' | 'center';

export interface TextStyle {
  font: FontName;
  size: number;
  color: string;
  /** Space above and below the block, in points. */
  before?: number;
  after?: number;
}

const INK = '#0b0c0c';
const MUTED = '#505a5f';
const RULE = '#b1b4b6';

export const STYLES = {
  body: { font: 'regular', size: 10.5, color: INK, after: 8 },
  strong: { font: 'bold', size: 10.5, color: INK, after: 6 },
  muted: { font: 'regular', size: 9.5, color: MUTED, after: 8 },
  warning: { font: 'bold', size: 10.5, color: '#d4351c', after: 8 },
  kicker: { font: 'regular', size: 14, color: MUTED, after: 12 },
  title: { font: 'bold', size: 28, color: INK, after: 16 },
  h1: { font: 'bold', size: 20, color: INK, after: 10 },
  h2: { font: 'bold', size: 15, color: INK, before: 14, after: 6 },
  h3: { font: 'bold', size: 12, color: INK, before: 10, after: 4 },
  caption: { font: 'bold', size: 10, color: INK, before: 4, after: 4 },
  cell: { font: 'regular', size: 9, color: INK },
  th: { font: 'bold', size: 9, color: INK },
  running: { font: 'regular', size: 8, color: MUTED },
} satisfies Record<string, TextStyle>;

const LINE_GAP = 2;
const CELL_PADDING = 4;
const MARGINS = { top: 64, bottom: 60, left: 56, right: 56 };

export interface TableSpec {
  caption: string;
  /** Column headings (TH, scope Column). Without them the table is rows of a heading cell and values. */
  head?: string[];
  rows: string[][];
  /** Column widths in points; by default the first column takes what the others leave. */
  widths?: number[];
  align?: Align[];
  /** The first cell of each row heads it (TH, scope Row), as on the report page. Default true. */
  rowHeaders?: boolean;
  /** Rows (0-based) set in bold. */
  boldRows?: number[];
}

export interface FigureSpec {
  /** The text alternative: what the figure shows, in words and numbers. */
  alt: string;
  height: number;
  /** Draws the figure with its top-left corner at (x, y), `width` wide. */
  draw: (doc: PDFKit.PDFDocument, x: number, y: number, width: number) => void;
}

export interface ContentsEntry {
  text: string;
  level: 1 | 2;
  /** The named destination of the heading it goes to (its page is found from it). */
  destination: string;
}

const contentsLayout = (e: ContentsEntry, width: number) => {
  const indent = e.level === 1 ? 0 : 14;
  const numberWidth = 30;
  return { style: e.level === 1 ? STYLES.body : STYLES.muted, indent, numberWidth, textWidth: width - indent - numberWidth - 8 };
};

export interface DocumentMeta {
  title: string;
  subject: string;
  author: string;
  /** The running header from page two. */
  running: string;
}

export class TaggedDocument {
  readonly doc: PDFKit.PDFDocument;
  /** Where each heading with a destination landed (1-based page), for the contents. */
  private readonly pageOf = new Map<string, number>();
  private readonly parents: Struct[] = [];
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly meta: DocumentMeta;
  private chapterOutline: PDFKit.PDFOutline | undefined;
  private pendingContents: { toc: Struct; slots: { page: number; y: number; entry: ContentsEntry }[] } | undefined;

  constructor(meta: DocumentMeta) {
    this.meta = meta;
    const PDFDocument = pdfkit();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGINS,
      bufferPages: true,
      pdfVersion: '1.7',
      tagged: true,
      lang: 'en-GB',
      displayTitle: true,
      // PDFKit writes the PDF/UA identification; @types/pdfkit lists only the PDF/A subsets.
      subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
      font: FONTS.regular,
      info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Creator: 'Inspectorate' },
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    const root = this.doc.struct('Document');
    this.doc.addStructure(root);
    this.parents.push(root);
  }

  get width(): number {
    return this.doc.page.width - MARGINS.left - MARGINS.right;
  }

  get pageNumber(): number {
    return this.doc.bufferedPageRange().count;
  }

  private get parent(): Struct {
    return this.parents.at(-1)!;
  }

  private get atTop(): boolean {
    return this.doc.y <= MARGINS.top + 0.5;
  }

  /** Starts a new page, unless this one is still empty. */
  newPage(): void {
    if (!this.atTop) this.doc.addPage();
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (!this.atTop && this.doc.y + height > this.doc.page.maxY()) this.doc.addPage();
  }

  /** A grouping element (Sect, L, LI, Table, TOC...) holding what `body` adds. */
  group(type: string, body: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void {
    const el = this.doc.struct(type, options);
    this.parent.add(el);
    this.parents.push(el);
    try {
      body();
    } finally {
      this.parents.pop();
      el.end();
    }
  }

  /**
   * One structure element whose content `draw` puts on the page. The marked content is attached
   * after drawing, so content that PDFKit carries over to a new page is attached as well.
   */
  private marked(type: string, draw: () => void, options: Record<string, unknown> = {}, parent = this.parent): Struct {
    const el = this.doc.struct(type, options);
    parent.add(el);
    const content = this.doc.markStructureContent(type);
    draw();
    this.doc.endMarkedContent();
    el.add(content);
    return el;
  }

  /** Content that is not part of the document's logical structure (rules, shading, running heads). */
  artifact(draw: () => void, type: 'Pagination' | 'Layout' = 'Layout', attached?: string[]): void {
    this.doc.markContent('Artifact', { type, ...(attached ? { attached } : {}) });
    draw();
    this.doc.endMarkedContent();
  }

  private setStyle(style: TextStyle): void {
    // By path, not a registered name: PDFKit caches a font under its path, but opens a registered
    // name's file again on every call once the same font is loaded under another key.
    this.doc.font(FONTS[style.font]).fontSize(style.size).fillColor(style.color);
  }

  measure(text: string, width: number, style: TextStyle): number {
    this.setStyle(style);
    return this.doc.heightOfString(text, { width, lineGap: LINE_GAP });
  }

  private write(text: string, x: number, y: number, width: number, style: TextStyle, align: Align = 'left'): void {
    this.setStyle(style);
    this.doc.text(text, x, y, { width, align, lineGap: LINE_GAP });
  }

  /** A block of text as one element (P, H1...), moving down the page. */
  block(type: string, text: string, style: TextStyle, options: { indent?: number; align?: Align } = {}): void {
    const indent = options.indent ?? 0;
    if (!this.atTop) this.doc.y += style.before ?? 0;
    this.marked(type, () => this.write(text, MARGINS.left + indent, this.doc.y, this.width - indent, style, options.align));
    this.doc.y += style.after ?? 0;
  }

  paragraph(text: string, style: TextStyle = STYLES.body): void {
    this.block('P', text, style);
  }

  /**
   * A heading (H1-H3). A chapter (level 1) starts a new page when asked; a heading is kept with the
   * first lines after it. With a destination it is a bookmark and a target of the contents.
   */
  heading(level: 1 | 2 | 3, text: string, options: { destination?: string; newPage?: boolean } = {}): void {
    const style: TextStyle = level === 1 ? STYLES.h1 : level === 2 ? STYLES.h2 : STYLES.h3;
    if (options.newPage) this.newPage();
    else this.ensure((style.before ?? 0) + this.measure(text, this.width, style) + 60);
    if (options.destination) {
      this.doc.addNamedDestination(options.destination, 'XYZ', MARGINS.left, this.doc.y, null);
      this.pageOf.set(options.destination, this.pageNumber);
      if (level === 1) this.chapterOutline = this.doc.outline.addItem(text);
      else if (level === 2) (this.chapterOutline ?? this.doc.outline).addItem(text);
    }
    this.block(`H${level}`, text, style);
  }

  /** A list (L) of items, each a label (Lbl: the number or bullet) and a body (LBody). */
  list(items: string[], ordered: boolean, style: TextStyle = STYLES.body): void {
    const indent = 18;
    this.group('L', () => {
      items.forEach((item, i) => {
        this.ensure(this.measure(item, this.width - indent, style));
        const y = this.doc.y;
        this.group('LI', () => {
          this.marked('Lbl', () => this.write(ordered ? `${i + 1}.` : '•', MARGINS.left, y, indent, style));
          this.marked('LBody', () => this.write(item, MARGINS.left + indent, y, this.width - indent, style));
        });
        this.doc.y = Math.max(this.doc.y, y + this.measure(item, this.width - indent, style)) + 4;
      });
    });
    this.doc.y += (style.after ?? 0) - 4;
  }

  /** Column widths: the given ones, or the later columns at their natural width (capped) and the first taking the rest. */
  private columnWidths(spec: TableSpec): number[] {
    const columns = Math.max(spec.head?.length ?? 0, ...spec.rows.map((r) => r.length));
    if (spec.widths) return spec.widths;
    const cap = columns > 3 ? this.width * 0.22 : this.width * 0.3;
    const natural = (i: number) => {
      this.setStyle(STYLES.th);
      let w = spec.head?.[i] ? this.doc.widthOfString(spec.head[i]) : 0;
      this.setStyle(STYLES.cell);
      for (const r of spec.rows) w = Math.max(w, this.doc.widthOfString(r[i] ?? ''));
      return Math.min(w + 2 * CELL_PADDING + 1, cap);
    };
    const rest = Array.from({ length: columns - 1 }, (_, i) => natural(i + 1));
    const first = Math.max(this.width - rest.reduce((a, b) => a + b, 0), this.width * 0.3);
    const scale = (first + rest.reduce((a, b) => a + b, 0)) / this.width;
    return [first, ...rest].map((w) => w / scale);
  }

  private rowHeight(cells: string[], widths: number[], style: (column: number) => TextStyle): number {
    return Math.max(...widths.map((w, i) => this.measure(cells[i] ?? '', w - 2 * CELL_PADDING, style(i)))) + 2 * CELL_PADDING;
  }

  /**
   * A table with its caption (Caption), header row (THead: TH scope Column) and rows (TBody: TR with
   * a TH scope Row then TD). A row never splits; a table running over pages repeats its header row
   * on each, as an artifact (the structure has it once).
   */
  table(spec: TableSpec): void {
    const widths = this.columnWidths(spec);
    const rowHeaders = spec.rowHeaders ?? true;
    const xs = widths.map((_, i) => MARGINS.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const align = (i: number): Align => spec.align?.[i] ?? 'left';
    const headStyle = () => STYLES.th;
    const bodyStyle = (row: number) => (column: number) => (spec.boldRows?.includes(row) || (rowHeaders && column === 0) ? STYLES.th : STYLES.cell);
    const headHeight = spec.head ? this.rowHeight(spec.head, widths, headStyle) : 0;

    const drawHead = (structured: boolean) => {
      const head = spec.head!;
      const y = this.doc.y;
      this.artifact(() => {
        this.doc.save().rect(MARGINS.left, y, this.width, headHeight).fill('#f3f2f1').restore();
        this.doc.save().moveTo(MARGINS.left, y + headHeight).lineTo(MARGINS.left + this.width, y + headHeight).lineWidth(1).stroke(INK).restore();
      });
      const cell = (i: number) => () => this.write(head[i] ?? '', xs[i]! + CELL_PADDING, y + CELL_PADDING, widths[i]! - 2 * CELL_PADDING, STYLES.th, align(i));
      if (structured)
        this.group('THead', () => this.group('TR', () => head.forEach((_, i) => this.marked('TH', cell(i), { scope: 'Column' }))));
      else this.artifact(() => head.forEach((_, i) => cell(i)()), 'Pagination');
      this.doc.y = y + headHeight;
    };

    const captionHeight = this.measure(spec.caption, this.width, STYLES.caption) + (STYLES.caption.before ?? 0) + (STYLES.caption.after ?? 0);
    const firstRow = spec.rows[0] ? this.rowHeight(spec.rows[0], widths, bodyStyle(0)) : 0;
    this.ensure(captionHeight + headHeight + firstRow);

    this.group('Table', () => {
      this.block('Caption', spec.caption, STYLES.caption);
      if (spec.head) drawHead(true);
      this.group('TBody', () => {
        spec.rows.forEach((row, r) => {
          const style = bodyStyle(r);
          const height = this.rowHeight(row, widths, style);
          if (this.doc.y + height > this.doc.page.maxY()) {
            this.doc.addPage();
            if (spec.head) drawHead(false);
          }
          const y = this.doc.y;
          this.group('TR', () =>
            widths.forEach((w, i) => {
              const header = rowHeaders && i === 0;
              this.marked(header ? 'TH' : 'TD', () => this.write(row[i] ?? '', xs[i]! + CELL_PADDING, y + CELL_PADDING, w - 2 * CELL_PADDING, style(i), align(i)), header ? { scope: 'Row' } : {});
            }),
          );
          this.artifact(() => this.doc.save().moveTo(MARGINS.left, y + height).lineTo(MARGINS.left + this.width, y + height).lineWidth(0.5).stroke(RULE).restore());
          this.doc.y = y + height;
        });
      });
    });
    this.doc.y += 12;
  }

  /** A figure (Figure with its text alternative and bounding box), kept whole on one page. */
  figure(spec: FigureSpec): void {
    this.ensure(spec.height);
    const x = MARGINS.left;
    const y = this.doc.y;
    this.marked('Figure', () => spec.draw(this.doc, x, y, this.width), { alt: spec.alt, bbox: [x, y, x + this.width, y + spec.height], placement: 'Block' });
    this.doc.y = y + spec.height + 6;
  }

  private contentsEntryHeight(e: ContentsEntry): { height: number; gap: number } {
    const { style, textWidth } = contentsLayout(e, this.width);
    return { height: this.measure(e.text, textWidth, style), gap: e.level === 1 ? 5 : 3 };
  }

  /**
   * The contents (TOC, a TOCI holding a Link to its heading for each entry): the space is kept
   * here, and filled in by finish() once every heading's page is known. It is placed in the
   * structure here, so it is read in this place; keep it out of groups (a group's end would end it).
   */
  contents(entries: ContentsEntry[]): void {
    const toc = this.doc.struct('TOC');
    this.parent.add(toc);
    const slots: { page: number; y: number; entry: ContentsEntry }[] = [];
    for (const entry of entries) {
      const { height, gap } = this.contentsEntryHeight(entry);
      this.ensure(height);
      slots.push({ page: this.pageNumber - 1, y: this.doc.y, entry });
      this.doc.y += height + gap;
    }
    this.doc.y += 8;
    this.pendingContents = { toc, slots };
  }

  private fillContents(): void {
    if (!this.pendingContents) return;
    const { toc, slots } = this.pendingContents;
    for (const { page, y, entry: e } of slots) {
      this.doc.switchToPage(page);
      const { style, indent, textWidth, numberWidth } = contentsLayout(e, this.width);
      const { height } = this.contentsEntryHeight(e);
      const pageNumber = this.pageOf.get(e.destination);
      const item = this.doc.struct('TOCI');
      toc.add(item);
      const link = this.marked('Link', () => {
        this.write(e.text, MARGINS.left + indent, y, textWidth, style);
        if (pageNumber) this.write(String(pageNumber), MARGINS.left + this.width - numberWidth, y, numberWidth, style, 'right');
      }, {}, item);
      const action = this.doc.ref({ S: 'GoTo', D: new String(e.destination) });
      action.end(undefined);
      this.doc.annotate(MARGINS.left + indent, y, this.width - indent, height, {
        Subtype: 'Link',
        A: action,
        Contents: new String(`${e.text}${pageNumber ? `, page ${pageNumber}` : ''}`),
        structParent: link,
      } as unknown as PDFKit.Mixins.AnnotationOption);
      // Ended here, on the link's own page: the annotation's reference names the current page.
      link.end();
      item.end();
    }
    toc.end();
    this.pendingContents = undefined;
  }

  /** Adds the running header (from page two) and "Page n of N" to every page, as artifacts, and ends the file. */
  async finish(): Promise<Buffer> {
    this.fillContents();
    const { count } = this.doc.bufferedPageRange();
    for (let i = 0; i < count; i++) {
      this.doc.switchToPage(i);
      const { margins, height } = this.doc.page;
      const bottom = margins.bottom;
      // Writing in the margin: with the bottom margin in place PDFKit would start a new page.
      margins.bottom = 0;
      if (i > 0) this.artifact(() => this.write(this.meta.running, MARGINS.left, 30, this.width, STYLES.running), 'Pagination', ['Top']);
      this.artifact(() => this.write(`Page ${i + 1} of ${count}`, MARGINS.left, height - 38, this.width, STYLES.running, 'center'), 'Pagination', ['Bottom']);
      margins.bottom = bottom;
    }
    this.parents.length = 0;
    this.doc.end();
    return this.done;
  }
}
