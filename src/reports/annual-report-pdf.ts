// The annual national report as a publication-style PDF (pdfmake, set up once; the shared look of
// pdf-document.ts): a cover, contents with page numbers, the foreword when written, every section
// of the page from the same view model (so the figures and [c]/[z] marks are the page's), the chart,
// tables whose header row repeats, wide tables on landscape pages (split, the key question repeated,
// when even that is too narrow), and the data cut's digest and date on the back page.
import type { Framework } from '../domain/framework/framework.ts';
import { annualReportPublished, type AnnualReport } from '../domain/national/annual-report.ts';
import { annualReportView } from '../presenters/annual-report-page.ts';
import { CONTENT_WIDTH, contents, cover, h1, h2, p, paragraphs, printable, publicationDocument, renderPdf, table, type Orientation, type PdfNode } from './pdf-document.ts';

export interface AnnualReportPdfInput {
  report: AnnualReport;
  /** The report's framework version (its bands draw the chart). */
  framework: Framework;
  stored: { foreword: string; cutDigest: string; takenAt: Date; status: 'draft' | 'published'; publishOn: string | null };
}

type Cell = { text: string; format?: string } | { html: string; format?: string };

const unescape = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const textOf = (c: Cell): string => ('text' in c ? c.text : unescape(c.html.replace(/<br>/g, '\n').replace(/<[^>]*>/g, '')));
const alignOf = (head: readonly Cell[]) => head.map((c) => (c.format === 'numeric' ? ('right' as const) : ('left' as const)));

/** A table of the view's cells, figures aligned right. */
const viewTable = (caption: string, head: readonly Cell[], rows: readonly (readonly Cell[])[], widths?: (string | number)[]): PdfNode[] =>
  table(caption, head.map(textOf), rows.map((r) => r.map(textOf)), widths, { align: alignOf(head) });

/** A figure column's width, and the least the key question beside them may have. */
const FIGURE_WIDTH = 50;
const LABEL_WIDTH = 180;
const figuresThatFit = (o: Orientation) => Math.floor((CONTENT_WIDTH[o] - LABEL_WIDTH) / FIGURE_WIDTH);

/** Portrait when the figure columns fit beside the key question; else landscape, in as many parts as it takes. */
export function tableLayout(figureColumns: number): { orientation: Orientation; parts: number } {
  if (figureColumns <= figuresThatFit('portrait')) return { orientation: 'portrait', parts: 1 };
  return { orientation: 'landscape', parts: Math.ceil(figureColumns / figuresThatFit('landscape')) };
}

/** A key question (first column) against many figure columns, split into `parts` tables that each repeat the first column. */
function figureTable(caption: string, head: readonly Cell[], rows: readonly (readonly Cell[])[], parts: number): PdfNode[] {
  const figures = head.length - 1;
  const size = Math.ceil(figures / parts);
  return Array.from({ length: parts }, (_, part) => {
    const columns = [0, ...Array.from({ length: Math.min(size, figures - part * size) }, (_, i) => 1 + part * size + i)];
    const pick = <T>(row: readonly T[]) => columns.map((i) => row[i]!);
    return viewTable(parts > 1 ? `${caption} (part ${part + 1} of ${parts})` : caption, pick(head), rows.map(pick), ['*', ...columns.slice(1).map(() => FIGURE_WIDTH)]);
  }).flat();
}

const keyQuestionLabel = (report: AnnualReport) => new Map(report.keyQuestions.map((k) => [k.id, `${k.id} ${k.text}`]));

export function publicationLine(stored: AnnualReportPdfInput['stored'], today: string): string {
  if (annualReportPublished(stored, today)) return `Published ${stored.publishOn}`;
  if (stored.status === 'published' && stored.publishOn) return `To be published on ${stored.publishOn}`;
  return 'Draft: not published';
}

export function annualReportPdfDefinition({ report, framework, stored }: AnnualReportPdfInput, today: string): unknown {
  const view = annualReportView(report, framework);
  const status = publicationLine(stored, today);
  const takenAt = `${stored.takenAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const content: PdfNode[] = [
    ...cover(report.title, [...view.facts.map((f): [string, string] => [f.key.text, f.value.text]), ['Publication', status], ['Data cut taken', takenAt]], {
      warning: report.isDemo ? 'Demonstration data: built from demonstration inspections, with generated cases, not real people or real findings.' : null,
    }),
    contents(),
  ];
  const portrait = (title: string, id: string) => h1(title, id, true, 'portrait');

  if (stored.foreword) content.push(portrait('Foreword', 'foreword'), ...paragraphs(stored.foreword, ''));

  content.push(
    portrait('Ratings', 'ratings'),
    p(`How many of the ${report.scope.inspections} inspections gave each rating, standard by standard.`),
    ...view.notComparable.map((n) => p(n, 'muted')),
    ...viewTable(`Ratings by standard, ${report.year.label}`, view.ratingHead, view.ratingRows),
    ...(view.hasRegions ? viewTable('Overall ratings by region', view.regionRatingHead, view.regionRatingRows) : []),
  );

  if (view.separately.length) {
    content.push(portrait('Rated separately', 'separately'));
    for (const s of view.separately)
      content.push(
        p(`${s.id} ${s.name} is rated on its own and not counted in the overall rating or score.${s.relevantCases ? ` It is not rated where the inspection found no relevant case: ${s.relevantCases}.` : ''}`),
        ...(s.reason ? [p(s.reason, 'muted')] : []),
        ...viewTable(`${s.id} ${s.name}, ${report.year.label}`, s.head, s.rows),
      );
  }

  content.push(
    portrait('Scores', 'scores'),
    p(view.scores.summary),
    ...viewTable('Inspections by overall band', view.scores.bandHead, view.scores.bandRows, ['*', 80, 80]),
    ...viewTable('Inspections by score', view.scores.scoreHead, view.scores.scoreRows, ['*', 80]),
  );

  content.push(
    portrait('Key questions nationally', 'key-questions'),
    p('The percentage of all cases inspected in the year that were judged sufficient on each key question, pooled across inspections.'),
    ...(view.chart
      ? [
          { svg: view.chart.svg, width: CONTENT_WIDTH.portrait, margin: [0, 0, 0, 8] },
          p('Each bar is the percentage of applicable cases judged sufficient on a key question; the shaded areas are the rating bands and the dashed lines their edges.', 'muted'),
        ]
      : []),
    ...viewTable('Key questions nationally', view.kqHead, view.kqRows, [40, '*', 95]),
  );

  if (view.caseTypes)
    content.push(
      h1(view.caseTypes.title, 'case-types', true, 'landscape'),
      p(`Each standard's key-question judgements pooled over the cases of each ${view.caseTypes.attribute.label.toLowerCase()}, beside its ratings.`),
      ...viewTable(`Standards by ${view.caseTypes.attribute.label.toLowerCase()}`, view.caseTypes.head, view.caseTypes.rows, [120, ...view.caseTypes.values.map(() => '*')]),
    );

  // By region and by each breakdown: the key question with its words, then one column per group.
  const labels = keyQuestionLabel(report);
  const wide = [
    ...(!view.hasRegions ? [] : [{ id: 'regions', title: 'Key questions by region', caption: 'Percentage of cases judged sufficient, by region', head: view.regionHead, rows: view.regionRows.map(([kq, ...rest]) => [{ text: labels.get(textOf(kq!)) ?? textOf(kq!) }, ...rest]) }]),
    ...view.breakdowns.map((b) => ({ id: `by-${b.id}`, title: `Key questions by ${b.label.toLowerCase()}`, caption: `Percentage of cases judged sufficient, by ${b.label.toLowerCase()}`, head: b.head, rows: b.rows })),
  ];
  for (const w of wide) {
    const layout = tableLayout(w.head.length - 1);
    content.push(h1(w.title, w.id, true, layout.orientation), ...figureTable(w.caption, w.head, w.rows, layout.parts));
  }

  if (view.victimWork.length) content.push(portrait('Statutory victim work', 'victim-work'));
  for (const v of view.victimWork)
    content.push(
      h2(`${v.standardId} ${v.name}: ${v.rating ?? 'Not rated'}`),
      p(v.explanation),
      ...(v.reason ? [p(v.reason, 'muted')] : []),
      ...viewTable(
        `${v.standardId} key questions, all cases pooled`,
        [{ text: 'Key question' }, { text: 'Question' }, { text: 'Sufficient', format: 'numeric' }, { text: 'Band' }],
        v.rows,
        [40, '*', 95, 80],
      ),
    );

  if (view.outcomes.length) content.push(portrait('Outcomes', 'outcomes'));
  for (const o of view.outcomes)
    content.push(
      p(`${o.standardId} ${o.name} is not rated: it is reported as the percentage of cases with positive early outcomes.${o.reason ? ` ${o.reason}` : ''}`),
      ...viewTable(`${o.standardId} ${o.name}`, [{ text: 'Outcome question' }, { text: 'Question' }, { text: 'Positive', format: 'numeric' }], o.rows, [50, '*', 95]),
    );

  if (view.hasSurvey)
    content.push(
      portrait(view.surveyHeading, 'survey'),
      p(view.surveySummary),
      ...(report.survey
        ? viewTable('Survey statements: share who agreed or strongly agreed', [{ text: 'Statement' }, { text: 'Agreed', format: 'numeric' }, { text: 'Answered', format: 'numeric' }], view.surveyRows, ['*', 50, 55])
        : []),
    );

  const c = view.comparison;
  content.push(
    h1(`Compared with ${c.previousYear.label}`, 'comparison', true, 'landscape'),
    ...c.notes.map((n) => p(n, 'muted')),
    ...viewTable('Overall ratings, this year and last', c.overallHead, c.overallRows, ['*', ...c.overallHead.slice(1).map(() => 70)]),
    ...(c.overallNote ? [p(c.overallNote, 'muted')] : []),
    ...viewTable('Ratings by standard, this year and last', c.standardHead, c.standardRows, [150, '*', '*', 230]),
    ...viewTable('Key questions, this year and last', c.head, c.rows, ['*', 55, 55, 60, 230]),
  );

  content.push(
    portrait('Inspections included', 'inspections'),
    ...viewTable('Inspections in the data cut', view.inspectionHead, view.inspectionRows, ['*', ...view.inspectionHead.slice(1).map(() => 'auto')]),
  );

  content.push(portrait('How the figures are made', 'method'), { ul: view.methodNotes.map(printable), style: 'p' });

  // The back page: the data cut the figures were built from, which its digest identifies.
  content.push(
    { text: 'About this report', style: 'h1', pageBreak: 'before', pageOrientation: 'portrait' },
    p('Every figure in this report is built from one data cut of the published inspections, stored with the report: the same cut always gives the same figures, and its digest identifies it.'),
    {
      table: {
        widths: [150, '*'],
        body: [
          ['Data cut taken', takenAt],
          ['Digest of the cut (SHA-256)', stored.cutDigest],
          ['Framework', `${report.framework.title} (${report.framework.key})`],
          ['Publication', status],
        ].map(([k, v]) => [{ text: k, bold: true }, { text: printable(v!), fontSize: k!.startsWith('Digest') ? 8.5 : 10.5 }]),
      },
      layout: 'noBorders',
      margin: [0, 12, 0, 24],
    },
    p('HM Inspectorate of Probation', 'strong'),
  );

  return publicationDocument({ title: report.title, subject: 'Annual report', content, running: annualReportPublished(stored, today) ? report.title : `${report.title} (${status})` });
}

export function annualReportPdf(input: AnnualReportPdfInput, today: string): Promise<Buffer> {
  return renderPdf(annualReportPdfDefinition(input, today));
}

export const annualReportFileName = (report: AnnualReport) => `annual-report-${report.year.label.replace('/', '-')}.pdf`;
