// Key-question percentages against the rating bands, drawn from the numbers with PDFKit: the
// same picture as the page's chart (shaded bands, dashed band edges, one bar per key question with
// its percentage), and a text alternative that says every figure. Its table always follows it.
import { percentText } from '../pdu-report.ts';
import { FONTS } from './fonts.ts';
import type { FigureSpec } from './tagged-document.ts';

export interface FigureBar {
  id: string;
  percentage: number;
}

export interface FigureBand {
  rating: string;
  minPercent: number;
}

// The page chart's band colours (GOV.UK palette) and bar colour.
const BAND_FILL = ['#f4cdc6', '#ffdfb8', '#d2e8e5', '#cce2d8'];
const BAR = '#1d70b8';
const INK = '#0b0c0c';

const LABELS = 40;
const BAND_NAMES = 22;
const BAR_ROW = 17;
const AXIS = 34;
const VALUE_ROOM = 30;

/** The figure, or null when there is nothing to draw. */
export function keyQuestionFigure(title: string, bars: FigureBar[], bands: FigureBand[]): FigureSpec | null {
  if (!bars.length || !bands.length) return null;
  const edges = bands.map((b, i) => ({ rating: b.rating, from: b.minPercent, to: bands[i + 1]?.minPercent ?? 100 }));
  const bandWords = edges.map((e, i) => (i === 0 ? `${e.rating} below ${e.to}%` : `${e.rating} from ${e.from}%`)).join(', ');
  const alt = `${title}. ${bars.map((b) => `${b.id}: ${percentText(b.percentage)}`).join('; ')}. Rating bands: ${bandWords}.`;
  return {
    alt,
    height: BAND_NAMES + bars.length * BAR_ROW + AXIS,
    draw(doc, x, y, width) {
      const plotX = x + LABELS;
      const plotWidth = width - LABELS - VALUE_ROOM;
      const top = y + BAND_NAMES;
      const plotHeight = bars.length * BAR_ROW;
      const at = (p: number) => plotX + (plotWidth * Math.max(0, Math.min(100, p))) / 100;
      doc.save();
      edges.forEach((e, i) => {
        doc.rect(at(e.from), top, at(e.to) - at(e.from), plotHeight).fill(BAND_FILL[i] ?? '#f3f2f1');
        doc.font(FONTS.regular).fontSize(7).fillColor(INK).text(e.rating, at(e.from), y, { width: at(e.to) - at(e.from), align: 'center', lineGap: 0 });
      });
      for (const e of edges.slice(1)) doc.moveTo(at(e.from), top).lineTo(at(e.from), top + plotHeight).dash(3, { space: 2 }).lineWidth(0.75).stroke(INK).undash();
      bars.forEach((b, i) => {
        const rowY = top + i * BAR_ROW;
        doc.rect(plotX, rowY + 3.5, at(b.percentage) - plotX, BAR_ROW - 7).fill(BAR);
        doc.font(FONTS.regular).fontSize(8).fillColor(INK);
        doc.text(b.id, x, rowY + 4.5, { width: LABELS - 6, align: 'right', lineGap: 0 });
        doc.text(percentText(b.percentage), at(b.percentage) + 3, rowY + 4.5, { width: VALUE_ROOM + 20, lineGap: 0 });
      });
      const axisY = top + plotHeight;
      doc.moveTo(plotX, axisY).lineTo(plotX + plotWidth, axisY).lineWidth(0.75).stroke(INK);
      for (let p = 0; p <= 100; p += 20) {
        doc.moveTo(at(p), axisY).lineTo(at(p), axisY + 3).stroke(INK);
        doc.font(FONTS.regular).fontSize(7).fillColor(INK).text(String(p), at(p) - 10, axisY + 5, { width: 20, align: 'center', lineGap: 0 });
      }
      doc.fontSize(8).text('Cases judged sufficient (%)', plotX, axisY + 18, { width: plotWidth, align: 'center', lineGap: 0 });
      doc.restore();
    },
  };
}
