// The PDU inspection report as a publication-style PDF, with pdfmake (pure JavaScript, its own
// Roboto fonts): a cover, contents, numbered pages, running headers, tables whose header rows
// repeat over pages, and the key-question chart as SVG. pdfmake may read only its own font files
// and fetch nothing.
import { percentText, type KeyQuestionRow, type PduReport } from './pdu-report.ts';
import { contents, cover, h1, h2, h3, p, paragraphs, printable, publicationDocument, renderPdf, table, type PdfNode as Node } from './pdf-document.ts';

const kqTable = (caption: string, rows: KeyQuestionRow[], withBand = true): Node[] =>
  table(
    caption,
    ['Key question', 'n of N', '%', ...(withBand ? ['Band'] : [])],
    rows.map((k) => [`${k.id} ${k.text}`, k.count, percentText(k.percentage), ...(withBand ? [k.band ?? '-'] : [])]),
    ['*', 52, 32, ...(withBand ? [110] : [])],
  );

export function reportPdfDefinition(report: PduReport): unknown {
  const warning = report.isDemo ? 'Demonstration data: the cases and judgements in this inspection are generated, not real.' : null;
  const content: Node[] = [...cover(report.title, report.facts.map((f) => [f.label, f.value]), { warning }), contents()];

  content.push(h1('Foreword', 'foreword'), ...paragraphs(report.foreword, 'The lead inspector has not yet written the foreword.'));
  content.push(h1('Overall findings', 'overall-findings', false), ...paragraphs(report.overallFindings, 'The lead inspector has not yet written the overall findings.'));

  const r = report.ratings;
  content.push(
    h1('Ratings', 'ratings'),
    ...table(
      'Ratings by standard',
      ['Standard', 'Rating', 'Set by', 'Points'],
      r.rows.map((row) => [`${row.id} ${row.name}`, row.rating + (row.limitedFrom ? ` (limited from ${row.limitedFrom})` : ''), row.setBy, row.points]),
      ['*', 'auto', 'auto', 'auto'],
    ),
    p(`Overall: ${r.overall.rating ?? 'Not yet rated'}, ${r.overall.score} of ${r.overall.maxScore} points.`, 'strong'),
    p(r.overall.summary),
    h3('Limiting rules'),
    ...(r.limits.length ? [{ ul: r.limits.map((l) => printable(`${l.standardId}: ${l.description} (${l.from} limited to ${l.to})`)), style: 'p' }] : [p('No limiting rule changed a rating.')]),
  );

  content.push(h1('Findings by standard', 'standards'));
  for (const s of report.standards) {
    content.push(
      h2(`${s.id} ${s.name}`),
      p(s.statement, 'muted'),
      p(`Rating: ${s.rating ?? 'Not yet rated'}${s.ratingBeforeLimits ? ` (limited from ${s.ratingBeforeLimits})` : ''}`, 'strong'),
      p(s.explanation),
      ...(s.rationale ? [p(`Rationale: ${s.rationale}`)] : []),
      ...(s.keyQuestions.length ? kqTable(`${s.id} key questions: cases judged sufficient`, s.keyQuestions) : []),
    );
  }

  if (report.chart) {
    content.push(
      h1('Key questions against the rating bands', 'chart'),
      { svg: report.chart.svg, width: 495, margin: [0, 0, 0, 8] },
      p('Each bar is the percentage of applicable cases judged sufficient on a key question; the shaded areas are the rating bands and the dashed lines their edges.', 'muted'),
      ...kqTable('Key questions shown in the chart', report.chart.rows),
    );
  }

  const d = report.diversity;
  content.push(
    h1('Diversity', 'diversity'),
    p(`${d.name}: ${d.rating ?? 'Not yet judged'}`, 'strong'),
    ...paragraphs(d.rationale, "The lead inspector has not yet recorded the diversity judgement's rationale."),
    ...d.hurdle.map((h) => p(h, 'muted')),
    ...(d.prompts.length
      ? table('Diversity prompts across the cases inspected: answered yes', ['Prompt', 'Yes of answered', '%'], d.prompts.map((x) => [`${x.id} ${x.text}`, `${x.yes} of ${x.answered}`, percentText(x.percentage)]))
      : []),
  );

  const pop = report.peopleOnProbation;
  content.push(
    h1('The views of people on probation', 'people-on-probation', false),
    p(pop.statement),
    ...(pop.statements.length ? table('Survey statements: share who agreed', ['Statement', 'Agreed', 'Responses'], pop.statements.map((s) => [s.text, s.agreed, s.responses === undefined ? '-' : String(s.responses)])) : []),
    ...pop.notes.map((n) => p(n, 'muted')),
  );

  if (report.outcomes) {
    const o = report.outcomes;
    content.push(
      h1('Outcomes (not rated)', 'outcomes'),
      p(`${o.id} ${o.name} is not rated. ${o.why}`),
      ...table('Outcome questions: cases with positive early outcomes', ['Question', 'n of N', '%', 'Progress: sufficient / some / none'], o.questions.map((q) => [`${q.id} ${q.text}`, q.count, percentText(q.percentage), q.progress])),
    );
  }
  if (report.victimWork) {
    const v = report.victimWork;
    content.push(
      h1('Statutory victim work (reported nationally)', 'victim-work', false),
      p(`${v.id} ${v.name}: ${v.why} It applied to ${v.casesApplicable} of the cases inspected.`),
      ...kqTable('Statutory victim work: cases judged sufficient (not rated)', v.keyQuestions, false),
    );
  }

  content.push(h1('Recommendations', 'recommendations'));
  for (const g of report.recommendations) {
    content.push(h3(g.heading), g.items.length ? { ol: g.items.map(printable), style: 'p' } : p('No recommendations at this level.', 'muted'));
  }

  const a = report.annexe;
  content.push(
    h1('Annexe: methodology and data', 'annexe'),
    h3('The case sample'),
    ...a.sampleRule.map((l) => p(l)),
    h3('Rounding'),
    p(a.rounding),
    h3('Rating rules'),
    p(a.ratingRule),
    ...table('Key-question rating bands', ['Rating', 'Cases judged sufficient', 'Description'], a.bands.map((b) => [b.rating, b.range, b.description])),
    ...table('Overall rating bands', ['Rating', 'Points'], a.overallBands.map((b) => [b.rating, b.range])),
    p(a.overallBasis),
    ...table('Limiting rules', ['Source', 'Rule'], a.limitingRules.map((l) => [l.source, l.description]), ['auto', '*']),
    ...table('How each standard is treated', ['Standard', 'Treatment', 'Reason'], a.treatments.map((t) => [t.standard, t.treatment, t.reason || '-']), ['auto', 'auto', '*']),
    ...kqTable('All key-question data', a.keyQuestions),
  );

  return publicationDocument({ title: report.title, subject: 'PDU inspection report', content });
}

export function reportPdf(report: PduReport): Promise<Buffer> {
  return renderPdf(reportPdfDefinition(report));
}
