// The regional feedback page's view model: rows for GOV.UK tables (tags through the macros), the
// year picker's items, and the download links.
import type { BusinessYear } from '../domain/national/business-year.ts';
import { STATUS_NAMES } from '../domain/publication/workflow.ts';
import { keyQuestionsByStandard } from '../domain/regional-feedback/feedback.ts';
import { FEW_CASES, type Figure, type RegionalFeedback } from '../domain/regional-feedback/types.ts';
import { demoTag, escapeHtml, ratingTag } from './templates.ts';
import { govukDate } from './govuk-dates.ts';
import { regionalFeedbackTitle } from '../reports/regional-feedback-pdf.ts';

const num = (text: string) => ({ text, format: 'numeric' });

/** "44%" over "19 of 43", and the small-number mark in words. */
function figureCell(f: Figure | null) {
  if (!f || f.percentage === null) return { text: 'No cases', format: 'numeric' };
  return {
    html: `<strong>${f.percentage}%</strong><br><span class="govuk-body-s">${f.sufficient} of ${f.applicable}${f.fewCases ? `<br>fewer than ${FEW_CASES} cases` : ''}</span>`,
    format: 'numeric',
  };
}

const paragraphs = (text: string) => text.split(/\n\s*\n/).map((t) => t.trim()).filter(Boolean);

export function regionalFeedbackPage(f: RegionalFeedback, years: BusinessYear[]) {
  const base = `/regions/${f.region.id}/feedback?year=${f.year.start}`;
  const scaleDown = [...f.scale].reverse();
  return {
    title: regionalFeedbackTitle(f),
    activeNav: 'inspections',
    feedback: f,
    yearSelect: {
      id: 'year',
      name: 'year',
      label: { text: 'Business year (1 April to 31 March)' },
      items: years.map((y) => ({ value: String(y.start), text: y.label, selected: y.start === f.year.start })),
    },
    pdfHref: `${base}&format=pdf`,
    csvHref: `${base}&format=csv`,
    jsonHref: `/api/regions/${f.region.id}/feedback?year=${f.year.start}`,
    inspectionRows: f.inspections.map((i) => [
      { html: escapeHtml(i.pdu) + demoTag(i.isDemo) + (i.pooled ? '' : `<br><span class="govuk-body-s">${escapeHtml(i.frameworkKey)}: not in the pooled figures</span>`) },
      { text: `${govukDate(i.fieldworkStart)} to ${govukDate(i.fieldworkEnd)}` },
      num(String(i.cases)),
      { text: STATUS_NAMES[i.reportStatus] },
      { html: `${ratingTag(i.overall.rating, 'Not yet rated')} <span class="govuk-body-s">${i.overall.score} of ${i.overall.maxScore}</span>` },
    ]),
    ratingsHead: [{ text: 'Standard' }, ...f.ratings.rows.map((r) => ({ text: r.pdu }))],
    ratingsRows: f.ratings.columns.map((c) => [
      { text: c.kind === 'standard' ? `${c.id} ${c.name}` : c.name },
      ...f.ratings.rows.map((r) => ({ html: ratingTag(r.ratings[c.id] ?? null, 'Not rated') })),
    ]),
    distributionHead: [{ text: 'Standard' }, ...scaleDown.map((r) => ({ text: r, format: 'numeric' })), { text: 'Not rated', format: 'numeric' }],
    distributionRows: f.distributions.map((d) => [
      { text: d.kind === 'standard' ? `${d.id} ${d.name}` : d.name },
      ...scaleDown.map((r) => num(String(d.counts[r] ?? 0))),
      num(String(d.notRated)),
    ]),
    lowestPromptRows: f.themes.lowestPrompts.map((p) => [{ text: `${p.id} ${p.text}` }, figureCell(p.region), figureCell(p.national)]),
    keyQuestionTables: keyQuestionsByStandard(f.keyQuestions).map(({ standardId: id, standardName, rated, keyQuestions: kqs }) => {
      const first = kqs[0]!;
      return {
        id,
        name: standardName,
        rated,
        keyQuestions: kqs.map((k) => ({ id: k.id, text: k.text })),
        head: [{ text: 'Cases from' }, ...kqs.map((k) => ({ text: k.id, format: 'numeric' }))],
        rows: [
          [{ html: '<strong>Region (all cases)</strong>' }, ...kqs.map((k) => figureCell(k.region))],
          ...first.pdus.map((p, i) => [{ text: p.pdu }, ...kqs.map((k) => figureCell(k.pdus[i]!.figure))]),
          ...(f.national ? [[{ text: 'National' }, ...kqs.map((k) => figureCell(k.national))]] : []),
        ],
      };
    }),
    rationales: f.rationales.map((g) => ({
      heading: g.kind === 'standard' ? `${g.id} ${g.name}` : g.name,
      entries: g.entries.map((e) => ({ pdu: e.pdu, ratingHtml: ratingTag(e.rating, 'Not yet rated'), paragraphs: e.rationale ? paragraphs(e.rationale) : [] })),
    })),
  };
}
