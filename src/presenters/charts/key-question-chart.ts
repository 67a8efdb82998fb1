// Key-question percentages against the rating bands, as an SVG drawn on the server with Observable
// Plot. The chart is an image with a text alternative; the same figures are always given in a
// table beside it, which is what screen-reader users and anyone copying figures will use.
import type * as PlotModule from '@observablehq/plot';
import type * as Linkedom from 'linkedom';
import type { Framework } from '../../domain/framework/framework.ts';
import type { StandardResult } from '../../domain/rating/result.ts';
import { lazyModule } from '../../lazy-module.ts';

// Loaded on the first chart drawn, not at start.
const plotModule = lazyModule<typeof PlotModule>('@observablehq/plot');
const linkedom = lazyModule<typeof Linkedom>('linkedom');

export interface KeyQuestionChart {
  svg: string;
  /** The chart's text alternative, also its <title>. */
  title: string;
  description: string;
}

// Colours with at least 3:1 contrast against white (WCAG 1.4.11), from the GOV.UK palette.
const BAND_FILL = ['#f4cdc6', '#ffdfb8', '#d2e8e5', '#cce2d8'];

export function keyQuestionChart(framework: Framework, standards: StandardResult[]): KeyQuestionChart | undefined {
  const rows = standards
    .filter((s) => s.treatment === 'rated' && s.keyQuestions.length)
    .flatMap((s) => s.keyQuestions.filter((k) => k.percentage !== null).map((k) => ({ id: k.id, percentage: k.percentage! })));
  return percentagesChart(framework, rows);
}

/**
 * Percentages (one bar each) against the framework's rating bands. `idPrefix` keeps the ids of
 * the chart's title and description unique when a page has more than one chart.
 */
export function percentagesChart(
  framework: Framework,
  rows: readonly { id: string; percentage: number }[],
  options: { title?: string; idPrefix?: string } = {},
): KeyQuestionChart | undefined {
  if (!rows.length) return undefined;
  const bands = framework.definition.rules.keyQuestionBands;
  const edges = bands.map((b, i) => ({ rating: b.rating, from: b.minPercent, to: bands[i + 1]?.minPercent ?? 100, fill: BAND_FILL[i] ?? '#f3f2f1' }));
  const Plot = plotModule();
  const { document } = linkedom().parseHTML('<!doctype html><html><body></body></html>');
  const title = options.title ?? 'Key questions: percentage of cases judged sufficient, against the rating bands';
  const prefix = options.idPrefix ?? 'kq-chart';
  const description = rows.map((r) => `${r.id}: ${r.percentage}%`).join('; ');
  const plot = Plot.plot({
    document,
    width: 720,
    height: 76 + rows.length * 26,
    marginLeft: 60,
    marginTop: 28,
    marginBottom: 46,
    // Centred below the tick labels: at Plot's default place (the right end) it sat on them.
    x: { domain: [0, 100], label: 'Cases judged sufficient (%)', labelArrow: 'none', labelAnchor: 'center', labelOffset: 40, grid: false },
    y: { domain: rows.map((r) => r.id), label: null },
    marks: [
      Plot.rectX(edges, { x1: 'from', x2: 'to', fill: 'fill', fillOpacity: 1 }),
      Plot.barX(rows as { id: string; percentage: number }[], { y: 'id', x: 'percentage', fill: '#1d70b8', insetTop: 5, insetBottom: 5 }),
      Plot.text(rows as { id: string; percentage: number }[], { y: 'id', x: 'percentage', text: (d: { percentage: number }) => `${d.percentage}%`, dx: 6, textAnchor: 'start', fill: '#0b0c0c' }),
      Plot.ruleX(edges.slice(1), { x: 'from', stroke: '#0b0c0c', strokeDasharray: '4,3' }),
      Plot.text(edges, { x: (d: { from: number; to: number }) => (d.from + d.to) / 2, frameAnchor: 'top', dy: -16, text: 'rating', fill: '#0b0c0c', fontSize: 12 }),
    ],
  });
  // The page's Content-Security-Policy allows no inline styles: layout rules live in app.css.
  plot.querySelector('style')?.remove();
  plot.removeAttribute('style');
  // Inside role="img" the children are presentational: the title and description speak for them.
  for (const el of plot.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  plot.setAttribute('font-size', '14');
  plot.setAttribute('class', 'app-chart__svg');
  plot.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  plot.setAttribute('role', 'img');
  plot.setAttribute('aria-labelledby', `${prefix}-title ${prefix}-desc`);
  const titleEl = document.createElement('title');
  titleEl.setAttribute('id', `${prefix}-title`);
  titleEl.textContent = title;
  const descEl = document.createElement('desc');
  descEl.setAttribute('id', `${prefix}-desc`);
  descEl.textContent = description;
  plot.insertBefore(descEl, plot.firstChild);
  plot.insertBefore(titleEl, plot.firstChild);
  return { svg: plot.outerHTML, title, description };
}
