// The annual SFO report as a tagged PDF (PDF/UA-1) through src/reports/tagged-pdf: a cover, the
// lead's summary, then each table from src/presenters/sfo-annual-tables.ts with its notes, and how
// the figures were made. Draft reports say so on the cover and in the running header.
import { cachedPdf } from './pdf-cache.ts';
import { printable } from './pdf-document.ts';
import type { SfoAnnualReportView } from '../services/sfo/annual-report.ts';
import { sfoAnnualTables } from '../presenters/sfo-annual-tables.ts';
import { FONTS } from './tagged-pdf/fonts.ts';
import { STYLES, TaggedDocument } from './tagged-pdf/tagged-document.ts';

/**
 * Column widths that never break a word: each figure column as wide as its longest heading word or
 * cell, the first column taking the rest (at least 60 points, the others shrunk to fit).
 */
function columnWidths(doc: TaggedDocument, head: string[], rows: string[][], numericFrom: number): number[] {
  const widest = (font: string, texts: string[]) => Math.max(0, ...texts.map((x) => doc.doc.font(font).fontSize(STYLES.cell.size).widthOfString(x)));
  // A text column (before the figures) wraps at 150 points.
  const rest = head.slice(1).map((h, i) => Math.max(widest(FONTS.bold, h.split(/\s+/)), Math.min(widest(FONTS.regular, rows.map((r) => r[i + 1] ?? '')), i + 1 < numericFrom ? 150 : Infinity)) + 16);
  const sum = rest.reduce((a, b) => a + b, 0);
  const first = Math.max(doc.width - sum, 60);
  const k = (doc.width - first) / sum;
  return [first, ...rest.map((w) => w * k)];
}

const AUTHOR = 'HM Inspectorate of Probation';

/** The annual report's PDF, kept while the report is the same (pdf-cache.ts): the published one is the public's. */
export const sfoAnnualPdf = (view: SfoAnnualReportView): Promise<Buffer> => cachedPdf('sfo-annual', view, () => renderSfoAnnualPdf(view));

function renderSfoAnnualPdf(view: SfoAnnualReportView): Promise<Buffer> {
  const r = view.report;
  const draft = view.record?.state !== 'published';
  const title = `Quality assurance of Serious Further Offence reviews: annual report ${r.year}`;
  const doc = new TaggedDocument({ title, subject: 'Annual SFO report', author: AUTHOR, running: draft ? `${title} - draft` : title });
  const t = printable;

  doc.group('Sect', () => {
    doc.doc.y = 160;
    doc.paragraph(AUTHOR, STYLES.kicker);
    doc.heading(1, t(title));
    if (draft) doc.paragraph('Draft: the figures are built afresh from the signed-off assessments until the report is published.', STYLES.warning);
    if (view.demo) doc.paragraph('Demonstration data: the reviews and assessments are generated, not real.', STYLES.warning);
    doc.table({
      caption: 'About this report',
      rows: [
        ['Business year', `1 April ${r.yearStart} to 31 March ${r.yearStart + 1}`],
        ['Reviews quality-assured', String(r.reviews)],
        [t(r.goodOrBetterLabel), r.overall.goodOrBetter.percent === null ? '-' : `${r.overall.goodOrBetter.percent}%`],
        ['Framework', view.frameworks.join(', ') || '-'],
      ],
      widths: [170, doc.width - 170],
    });
  }, { title: 'Cover' });

  doc.group('Sect', () => {
    doc.heading(1, 'Summary', { newPage: true });
    const summary = view.record?.summary.trim();
    if (summary) for (const para of summary.split(/\n\s*\n/)) doc.paragraph(t(para.trim()));
    else doc.paragraph('The SFO QA lead has not yet written the summary.', STYLES.muted);
  }, { title: 'Summary' });

  for (const table of sfoAnnualTables(r, view.source.title)) {
    doc.group('Sect', () => {
      doc.heading(2, t(table.caption));
      const head = table.head.map(t);
      const rows = table.rows.map((row) => row.map(t));
      doc.table({ caption: t(table.caption), head, rows, widths: columnWidths(doc, head, rows, table.numericFrom), align: table.head.map((_, i) => (i >= table.numericFrom ? 'right' : 'left')) });
      for (const note of table.notes) doc.paragraph(t(note), STYLES.muted);
    }, { title: t(table.caption) });
  }

  doc.group('Sect', () => {
    doc.heading(2, 'How the figures were made');
    doc.list(
      [
        `The reviews counted are those submitted from 1 April ${r.yearStart} to 31 March ${r.yearStart + 1} whose assessment the SFO QA lead has signed off, with the ratings as they stand after moderation.`,
        'Good or Outstanding is the better half of the rating scale.',
        t(view.themesExplained),
        t(`Published years: ${view.source.title}, ${view.source.url} (${view.source.licence}).`),
      ],
      false,
    );
  }, { title: 'How the figures were made' });

  return doc.finish();
}
