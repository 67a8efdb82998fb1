// Regional feedback as a PDF to circulate (pdfmake, its own Roboto fonts, nothing fetched): cover,
// contents, themes first, then the PDUs, their ratings and spread, key-question figures standard by
// standard (the region's pooled figure, each PDU's and the national), the domain-one rationales,
// the recommendations and how the figures are made.
import { STATUS_NAMES } from '../domain/publication/workflow.ts';
import { figureText } from '../domain/regional-feedback/counts.ts';
import { keyQuestionsByStandard } from '../domain/regional-feedback/feedback.ts';
import { FEW_CASES, type RegionalFeedback } from '../domain/regional-feedback/types.ts';
import { percentText } from './pdu-report.ts';
import { contents, cover, h1, h2, h3, p, printable, publicationDocument, renderPdf, table as shared, type PdfNode as Node } from './pdf-document.ts';

/** The shared table, a size smaller: the feedback's tables are wide. */
const table = (caption: string, head: string[], rows: string[][], widths?: (string | number)[], boldRows: number[] = []): Node[] => shared(caption, head, rows, widths, { fontSize: 8.5, boldRows });

export const regionalFeedbackTitle = (f: RegionalFeedback) => `Regional feedback: ${f.region.name}, ${f.year.label}`;

export function regionalFeedbackPdfDefinition(f: RegionalFeedback, generatedOn: string): unknown {
  const title = regionalFeedbackTitle(f);
  const content: Node[] = cover(
    title,
    [
      ['Region', f.region.name],
      ['Business year', `${f.year.label} (${f.year.from} to ${f.year.to}); inspections belong to the year their fieldwork began`],
      ['PDU inspections', String(f.inspections.length)],
      ['Cases inspected', String(f.cases)],
      ['Framework', f.framework ? `${f.framework.title} (${f.framework.key})` : '-'],
      ['National figures', f.national ? `${f.national.inspections} inspections, ${f.national.cases} cases` : 'None for this year'],
      ['Produced', generatedOn],
    ],
    {
      lead: ['Themes across the PDUs inspected in the year, for the Regional Probation Director. Regions are not rated: this draws together what the PDU inspections found.'],
      warning: f.isDemo ? 'Demonstration data: some of these inspections hold generated cases and judgements, not real ones.' : null,
    },
  );
  if (!f.inspections.length) {
    content.push(p(f.themes.note ?? 'There is nothing to report for this year.', 'strong'));
    return documentOf(title, content);
  }
  content.push(contents());

  const t = f.themes;
  content.push(h1('Themes'));
  if (t.note) content.push(p(t.note));
  content.push(h2('Concerns'), t.concerns.length ? { ol: t.concerns.map((x) => printable(x.sentence)), style: 'p' } : p(`No key question or prompt was weak in most of the ${f.unitWord}.`, 'muted'));
  content.push(h2('Consistent strengths'), t.strengths.length ? { ol: t.strengths.map((x) => printable(x.sentence)), style: 'p' } : p(`No key question was strong in most of the ${f.unitWord}.`, 'muted'));
  content.push(
    h2('Prompts answered yes least often across the region'),
    ...(t.lowestPrompts.length
      ? table(
          `Prompts with the lowest share of cases answered yes (from ${FEW_CASES} cases or more)`,
          ['Prompt', 'Region', 'National'],
          t.lowestPrompts.map((x) => [`${x.id} ${x.text}`, figureText(x.region), percentText(x.national?.percentage)]),
          ['*', 110, 50],
        )
      : [p(`No prompt was answered in ${FEW_CASES} cases or more.`, 'muted')]),
  );

  content.push(
    h1('The PDUs inspected'),
    ...table(
      'PDU inspections whose findings have reached the service',
      ['PDU', 'Fieldwork', 'Cases', 'Report', 'Overall'],
      f.inspections.map((i) => [i.pdu + (i.isDemo ? ' (demonstration data)' : ''), `${i.fieldworkStart} to ${i.fieldworkEnd}`, String(i.cases), STATUS_NAMES[i.reportStatus], `${i.overall.rating ?? 'Not yet rated'} (${i.overall.score} of ${i.overall.maxScore})`]),
      ['*', 'auto', 'auto', 'auto', 'auto'],
    ),
    h2('Ratings'),
    ...table(
      'Each PDU’s ratings by standard',
      ['Standard', ...f.ratings.rows.map((r) => r.pdu)],
      f.ratings.columns.map((c) => [c.kind === 'standard' ? `${c.id} ${c.name}` : c.name, ...f.ratings.rows.map((r) => r.ratings[c.id] ?? 'Not rated')]),
    ),
    h2('Ratings across the region'),
    ...table(
      'How many PDUs had each rating',
      ['Standard', ...[...f.scale].reverse(), 'Not rated'],
      f.distributions.map((d) => [d.kind === 'standard' ? `${d.id} ${d.name}` : d.name, ...[...f.scale].reverse().map((r) => String(d.counts[r] ?? 0)), String(d.notRated)]),
    ),
  );

  content.push(h1('Key questions: cases judged sufficient'));
  content.push(p('The region’s figure pools every case of its PDU inspections; beside it, each PDU’s own figure and the national figure for the same year.', 'muted'));
  for (const { standardId: id, standardName, rated, keyQuestions: kqs } of keyQuestionsByStandard(f.keyQuestions)) {
    content.push(h2(`${id} ${standardName}${rated ? '' : ' (not rated)'}`));
    for (const k of kqs) content.push(p(`${k.id} ${k.text}`, 'muted'));
    const rows = [
      ['Region (all cases)', ...kqs.map((k) => figureText(k.region))],
      ...kqs[0]!.pdus.map((pdu, i) => [pdu.pdu, ...kqs.map((k) => figureText(k.pdus[i]!.figure))]),
      ...(f.national ? [['National', ...kqs.map((k) => figureText(k.national))]] : []),
    ];
    content.push(...table(`${id} key questions: the region, each PDU and nationally`, ['', ...kqs.map((k) => k.id)], rows, ['*', ...kqs.map(() => 95)], [0]));
  }

  content.push(h1('Organisational delivery: the lead inspectors’ rationales'));
  for (const g of f.rationales) {
    content.push(h2(g.kind === 'standard' ? `${g.id} ${g.name}` : g.name));
    for (const e of g.entries) content.push(h3(`${e.pdu}: ${e.rating ?? 'Not yet rated'}`), p(e.rationale ?? 'No rationale recorded.', e.rationale ? 'p' : 'muted'));
  }

  const r = f.recommendations;
  const items = (list: { pdu: string; text: string }[], none: string): Node => (list.length ? { ul: list.map((x) => printable(`${x.pdu}: ${x.text}`)), style: 'p' } : p(none, 'muted'));
  content.push(
    h1('Recommendations'),
    h2('To the region'),
    items(r.region, 'No PDU report made a recommendation to the region.'),
    h2('To the PDUs, by standard'),
    ...(r.pdu.length ? r.pdu.flatMap((g) => [h3(g.heading), items(g.items, '')]) : [p('No PDU report made a recommendation to its PDU.', 'muted')]),
    h2('Nationally'),
    items(r.national, 'No PDU report made a recommendation nationally.'),
  );

  content.push(h1('About these figures'), ...f.notes.map((n) => p(n)));
  return documentOf(title, content);
}

const documentOf = (title: string, content: Node[]): unknown =>
  publicationDocument({
    title,
    subject: 'Regional feedback',
    content,
    styles: {
      coverTitle: { fontSize: 26, bold: true, margin: [0, 0, 0, 16] },
      h2: { fontSize: 14, bold: true, margin: [0, 14, 0, 6] },
      h3: { fontSize: 11.5, bold: true, margin: [0, 8, 0, 4] },
      muted: { color: '#505a5f', fontSize: 9.5, margin: [0, 0, 0, 6] },
    },
  });

export function regionalFeedbackPdf(f: RegionalFeedback, generatedOn: string): Promise<Buffer> {
  return renderPdf(regionalFeedbackPdfDefinition(f, generatedOn));
}
