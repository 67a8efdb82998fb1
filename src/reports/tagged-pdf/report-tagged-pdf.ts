// The PDU inspection report as a tagged PDF (PDF/UA-1), from the same report model as the page:
// a cover, the contents with page numbers, the foreword, the ratings table, the overall findings, a
// section per standard (the writers' narrative, strengths and areas for improvement, then rating,
// explanation, rationale, key-question table and a figure of them against the bands), diversity,
// the people-on-probation survey, outcomes, victim work, recommendations and the methodology annexe. The contents' page numbers are filled in once every heading is placed.
import type { NarrativeBlock } from '../../domain/report-writing/narrative.ts';
import { fullDate } from '../../domain/timeline/dates.ts';
import { cachedPdf } from '../pdf-cache.ts';
import { printable } from '../pdf-document.ts';
import { percentText, type KeyQuestionRow, type PduReport } from '../pdu-report.ts';
import { keyQuestionFigure, type FigureBand } from './key-question-figure.ts';
import { STYLES, TaggedDocument, type ContentsEntry } from './tagged-document.ts';

const AUTHOR = 'HM Inspectorate of Probation';
const DEMO_WARNING = 'Demonstration data: the cases and judgements in this inspection are generated, not real.';

const kqTable = (doc: TaggedDocument, caption: string, rows: KeyQuestionRow[], withBand = true) =>
  doc.table({
    caption,
    head: ['Key question', 'Sufficient (n of N)', '%', ...(withBand ? ['Band'] : [])],
    rows: rows.map((k) => [`${k.id} ${k.text}`, k.count, percentText(k.percentage), ...(withBand ? [k.band ?? '-'] : [])]),
    align: ['left', 'right', 'right', 'left'],
  });

const paragraphs = (doc: TaggedDocument, text: string | null, fallback: string) => {
  if (!text) return doc.paragraph(fallback, STYLES.muted);
  for (const para of text.split(/\n\s*\n/)) doc.paragraph(para.trim());
};

/** The writers' paragraphs and bulleted lists, or the fallback when nothing is written yet. */
const narrative = (doc: TaggedDocument, blocks: NarrativeBlock[], fallback?: string) => {
  if (!blocks.length && fallback) return doc.paragraph(fallback, STYLES.muted);
  for (const b of blocks) {
    if (b.kind === 'paragraph') doc.paragraph(printable(b.text));
    else doc.list(b.items.map(printable), false);
  }
};

export interface ReportPdfOptions {
  /** For an embargoed copy only: the day (YYYY-MM-DD) the embargo lifts, marked on the cover and every page's header. Never for the published report. */
  embargoedUntil?: string;
}

/** "Embargoed until 12:01am on 19 December 2026": the report is published at the start of its day. */
export const embargoMark = (publishOn: string): string => `Embargoed until 12:01am on ${fullDate(publishOn)}`;

/** The report with every text passed through `printable` (Roboto has no arrows). */
function renderReport(report: PduReport, options: ReportPdfOptions = {}): TaggedDocument {
  const embargo = options.embargoedUntil ? embargoMark(options.embargoedUntil) : null;
  const runningTitle = report.provisional ? `${report.title} - ${printable(report.provisional)}` : report.title;
  const doc = new TaggedDocument({ title: report.title, subject: `${report.words.organisation} inspection report`, author: AUTHOR, running: embargo ? `${embargo.toUpperCase()} - ${runningTitle}` : runningTitle });
  const t = printable;
  const bands: FigureBand[] = report.annexe.bands.map((b) => ({ rating: b.rating, minPercent: b.minPercent }));
  const chapter = (id: string, title: string, body: () => void, newPage = true) =>
    doc.group('Sect', () => {
      doc.heading(1, t(title), { destination: id, newPage });
      body();
    }, { title: t(title) });

  // Cover.
  doc.group('Sect', () => {
    doc.doc.y = 180;
    if (embargo) doc.paragraph(`${embargo}. Not to be published, quoted or shared before then.`, STYLES.warning);
    doc.paragraph(AUTHOR, STYLES.kicker);
    doc.heading(1, t(report.title));
    if (report.provisional) doc.paragraph(t(report.provisional), STYLES.warning);
    if (report.isDemo) doc.paragraph(DEMO_WARNING, STYLES.warning);
    doc.doc.y += 20;
    doc.table({ caption: 'About this inspection', rows: report.facts.map((f) => [t(f.label), t(f.value)]), widths: [150, doc.width - 150] });
  }, { title: 'Cover' });

  // Contents: every chapter, and each standard under its findings.
  const entries: ContentsEntry[] = report.sections.flatMap((s) => [
    { text: t(s.title), level: 1 as const, destination: s.id },
    ...(s.id === 'standards'
      ? report.standards.map((st) => ({ text: t(`${st.id} ${st.name}`), level: 2 as const, destination: `standard-${st.id}` }))
      : []),
  ]);
  doc.heading(1, 'Contents', { newPage: true });
  doc.contents(entries);

  chapter('foreword', 'Foreword', () => narrative(doc, report.narrative.foreword, 'The lead inspector has not yet written the foreword.'));

  const r = report.ratings;
  chapter('ratings', 'Ratings', () => {
    doc.table({
      caption: 'Ratings by standard',
      head: ['Standard', 'Rating', 'Set by', 'Points'],
      rows: r.rows.map((row) => [t(`${row.id} ${row.name}`), row.rating + (row.limitedFrom ? ` (limited from ${row.limitedFrom})` : ''), t(row.setBy), row.points]),
      widths: [170, 110, 160, doc.width - 440],
      align: ['left', 'left', 'left', 'right'],
    });
    doc.paragraph(`Overall: ${r.overall.rating ?? 'Not yet rated'}, ${r.overall.score} of ${r.overall.maxScore} points.`, STYLES.strong);
    doc.paragraph(t(r.overall.summary));
    if (r.separate.length)
      doc.table({
        caption: 'Rated separately: not counted in the overall score',
        head: ['Standard', 'Rating', 'Set by', 'Why'],
        rows: r.separate.map((row) => [t(`${row.id} ${row.name}`), row.rating, t(row.setBy), t(row.why)]),
        widths: [130, 90, 120, doc.width - 340],
      });
    doc.heading(2, 'Limiting rules');
    if (r.limits.length) doc.list(r.limits.map((l) => t(`${l.standardId}: ${l.description} (${l.from} limited to ${l.to})`)), false);
    else doc.paragraph('No limiting rule changed a rating.');
  });
  // The overall findings follow the ratings summary, as a published report sets them.
  chapter('overall-findings', 'Overall findings', () => narrative(doc, report.narrative.overallFindings, 'The lead inspector has not yet written the overall findings.'), false);

  chapter('standards', 'Findings by standard', () => {
    report.standards.forEach((s, i) => {
      doc.group('Sect', () => {
        // Each standard after the first on a page of its own, as a published report sets them.
        if (i > 0) doc.newPage();
        doc.heading(2, t(`${s.id} ${s.name}`), { destination: `standard-${s.id}` });
        if (s.statement) doc.paragraph(t(s.statement), STYLES.muted);
        // The narrative before the figures.
        narrative(doc, s.narrative.text);
        if (s.narrative.strengths.length) {
          doc.heading(3, 'Strengths');
          doc.list(s.narrative.strengths.map(t), false);
        }
        if (s.narrative.improvements.length) {
          doc.heading(3, 'Areas for improvement');
          doc.list(s.narrative.improvements.map(t), false);
        }
        doc.paragraph(`Rating: ${s.rating ?? (s.notRated ? 'Not rated' : 'Not yet rated')}${s.separately ? ' (rated separately: not counted in the overall score)' : ''}${s.ratingBeforeLimits ? ` (limited from ${s.ratingBeforeLimits})` : ''}`, STYLES.strong);
        doc.paragraph(t(s.explanation));
        if (s.rationale) doc.paragraph(t(`Rationale: ${s.rationale}`));
        if (s.keyQuestions.length) {
          kqTable(doc, t(`${s.id} key questions: cases judged sufficient`), s.keyQuestions.map((k) => ({ ...k, text: t(k.text), band: k.band && t(k.band) })));
          const bars = s.keyQuestions.filter((k) => k.percentage !== null).map((k) => ({ id: k.id, percentage: k.percentage! }));
          const figure = keyQuestionFigure(`${s.id} key questions: percentage of cases judged sufficient, against the rating bands`, bars, bands);
          if (figure) doc.figure(figure);
        }
      }, { title: t(`${s.id} ${s.name}`) });
    });
  });

  if (report.chart) {
    const chart = report.chart;
    chapter('chart', 'Key questions against the rating bands', () => {
      const figure = keyQuestionFigure(chart.title, chart.rows.map((k) => ({ id: k.id, percentage: k.percentage! })), bands);
      if (figure) doc.figure(figure);
      doc.paragraph('Each bar is the percentage of applicable cases judged sufficient on a key question; the shaded areas are the rating bands and the dashed lines their edges. The same figures are in the table below.', STYLES.muted);
      kqTable(doc, 'Key questions shown in the chart', chart.rows.map((k) => ({ ...k, text: t(k.text), band: k.band && t(k.band) })));
    });
  }

  const heading = (id: string) => report.sections.find((s) => s.id === id)?.title;
  for (const j of report.judgementSections)
    chapter(j.id, t(heading(j.id) ?? j.name), () => {
      narrative(doc, j.narrative);
      doc.paragraph(t(`${j.name}: ${j.rating ?? 'Not yet judged'}`), STYLES.strong);
      paragraphs(doc, j.rationale ? t(j.rationale) : null, t(`The lead inspector has not yet recorded the ${j.name.toLowerCase()} judgement's rationale.`));
      for (const h of j.hurdle) doc.paragraph(t(h), STYLES.muted);
      if (j.prompts.length)
        doc.table({
          caption: t(`${j.name} prompts across the cases inspected: answered yes`),
          head: ['Prompt', 'Yes (of answered)', '%'],
          rows: j.prompts.map((x) => [t(`${x.id} ${x.text}`), `${x.yes} of ${x.answered}`, percentText(x.percentage)]),
          align: ['left', 'right', 'right'],
        });
    });

  const pop = report.peopleOnProbation;
  chapter('people-on-probation', t(heading('people-on-probation') ?? 'The views of people on probation'), () => {
    narrative(doc, report.narrative.peopleOnProbation);
    doc.paragraph(t(pop.statement));
    if (pop.statements.length)
      doc.table({
        caption: 'Survey statements: share who agreed',
        head: ['Statement', 'Agreed', 'Responses'],
        rows: pop.statements.map((s) => [t(s.text), t(s.agreed), s.responses === undefined ? '-' : String(s.responses)]),
        align: ['left', 'right', 'right'],
      });
    for (const n of pop.notes) doc.paragraph(t(n), STYLES.muted);
  }, false);

  if (report.outcomes) {
    const o = report.outcomes;
    chapter('outcomes', 'Outcomes (not rated)', () => {
      doc.paragraph(t(`${o.id} ${o.name} is not rated. ${o.why}`));
      doc.table({
        caption: 'Outcome questions: cases with positive early outcomes',
        head: ['Question', 'Positive (n of N)', '%', 'Progress: sufficient / some / none'],
        rows: o.questions.map((q) => [t(`${q.id} ${q.text}`), q.count, percentText(q.percentage), q.progress]),
        align: ['left', 'right', 'right', 'left'],
      });
    });
  }

  if (report.victimWork) {
    const v = report.victimWork;
    chapter('victim-work', t(heading('victim-work') ?? `${v.name} (reported nationally)`), () => {
      doc.paragraph(t(`${v.id} ${v.name}: ${v.why} It applied to ${v.casesApplicable} of the cases inspected.`));
      kqTable(doc, t(`${v.name}: cases judged sufficient (not rated)`), v.keyQuestions.map((k) => ({ ...k, text: t(k.text) })), false);
    }, false);
  }

  chapter('recommendations', 'Recommendations', () => {
    for (const g of report.recommendations) {
      doc.heading(2, t(g.heading));
      if (g.items.length) doc.list(g.items.map(t), true);
      else doc.paragraph('No recommendations at this level.', STYLES.muted);
    }
  });

  const a = report.annexe;
  chapter('annexe', 'Annexe: methodology and data', () => {
    doc.heading(2, 'The case sample');
    for (const line of a.sampleRule) doc.paragraph(t(line));
    doc.heading(2, 'Rounding');
    doc.paragraph(t(a.rounding));
    doc.heading(2, 'Rating rules');
    doc.paragraph(t(a.ratingRule));
    doc.table({ caption: 'Key-question rating bands', head: ['Rating', 'Cases judged sufficient', 'Description'], rows: a.bands.map((b) => [b.rating, t(b.range), t(b.description)]), widths: [110, 120, doc.width - 230] });
    doc.table({ caption: 'Overall rating bands', head: ['Rating', 'Points'], rows: a.overallBands.map((b) => [b.rating, t(b.range)]), widths: [160, doc.width - 160] });
    doc.paragraph(t(a.overallBasis));
    doc.table({ caption: 'Limiting rules', head: ['Source', 'Rule'], rows: a.limitingRules.map((l) => [t(l.source), t(l.description)]), widths: [130, doc.width - 130], rowHeaders: false });
    doc.table({ caption: 'How each standard is treated', head: ['Standard', 'Treatment', 'Reason'], rows: a.treatments.map((x) => [x.standard, x.treatment, t(x.reason || '-')]), widths: [70, 110, doc.width - 180] });
    kqTable(doc, 'All key-question data', a.keyQuestions.map((k) => ({ ...k, text: t(k.text), band: k.band && t(k.band) })));
  });

  return doc;
}

/** The report as a tagged PDF; an embargoed copy carries its embargo on the cover and every page's header. */
export const taggedReportPdf = (report: PduReport, options: ReportPdfOptions = {}): Promise<Buffer> =>
  // Kept while the report is the same (pdf-cache.ts): a published report is downloaded many times.
  cachedPdf('tagged-report', { report, options }, () => renderReport(report, options).finish());
