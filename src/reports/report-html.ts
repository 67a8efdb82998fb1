// The report page's view model: the report model's sections as rows for GOV.UK tables and tags.
import { narrativeHtml } from '../domain/report-writing/narrative.ts';
import { escapeHtml, ratingTag } from '../presenters/templates.ts';
import type { InspectionSummary } from '../presenters/inspection-page.ts';
import { percentText, type KeyQuestionRow, type PduReport } from './pdu-report.ts';

const num = (text: string) => ({ text, format: 'numeric' });

const kqRows = (rows: KeyQuestionRow[], withBand = true) =>
  rows.map((k) => [{ text: `${k.id} ${k.text}` }, num(k.count), num(percentText(k.percentage)), ...(withBand ? [{ text: k.band ?? '-' }] : [])]);


export function reportPage(inspection: InspectionSummary & { organisationId: number }, report: PduReport) {
  return {
    title: report.title,
    activeNav: 'inspections',
    section: 'report',
    inspection,
    report,
    pdfHref: `/inspections/${inspection.id}/report?format=pdf`,
    factRows: report.facts.map((f) => ({ key: { text: f.label }, value: { text: f.value } })),
    ratingRows: report.ratings.rows.map((r) => [
      { html: `<a class="govuk-link" href="#standard-${escapeHtml(r.id)}">${escapeHtml(`${r.id} ${r.name}`)}</a>` },
      { html: ratingTag(r.rating === 'Not yet rated' ? null : r.rating, 'Not yet rated') + (r.limitedFrom ? ` <span class="govuk-body-s">(limited from ${escapeHtml(r.limitedFrom)})</span>` : '') },
      { text: r.setBy },
      num(r.points),
    ]),
    overallRatingHtml: ratingTag(report.ratings.overall.rating, 'Not yet rated'),
    separateRows: report.ratings.separate.map((r) => [
      { html: `<a class="govuk-link" href="#standard-${escapeHtml(r.id)}">${escapeHtml(`${r.id} ${r.name}`)}</a>` },
      { html: ratingTag(r.rating === 'Not yet rated' || r.rating === 'Not rated' ? null : r.rating, r.rating) },
      { text: r.setBy },
      { text: r.why },
    ]),
    /** Section headings in the regime's words ("The views of children"), by section id. */
    headings: Object.fromEntries(report.sections.map((s) => [s.id, s.title])),
    // The writers' text is escaped as it is turned into paragraphs and lists (domain/report-writing/narrative.ts).
    narrativeHtml: {
      foreword: narrativeHtml(report.narrative.foreword),
      overallFindings: narrativeHtml(report.narrative.overallFindings),
      peopleOnProbation: narrativeHtml(report.narrative.peopleOnProbation),
    },
    standards: report.standards.map((s) => ({ ...s, ratingHtml: ratingTag(s.rating, s.notRated ? 'Not rated' : 'Not yet rated'), rows: kqRows(s.keyQuestions), narrativeHtml: narrativeHtml(s.narrative.text) })),
    chartRows: report.chart ? kqRows(report.chart.rows) : [],
    judgementSections: report.judgementSections.map((j) => ({
      ...j,
      ratingHtml: ratingTag(j.rating, 'Not yet judged'),
      narrativeHtml: narrativeHtml(j.narrative),
      promptRows: j.prompts.map((p) => [{ text: `${p.id} ${p.text}` }, num(`${p.yes} of ${p.answered}`), num(percentText(p.percentage))]),
    })),
    surveyRows: report.peopleOnProbation.statements.map((s) => [{ text: s.text }, num(s.agreed), num(s.responses === undefined ? '-' : String(s.responses))]),
    outcomeRows: report.outcomes?.questions.map((o) => [{ text: `${o.id} ${o.text}` }, num(o.count), num(percentText(o.percentage)), { text: o.progress }]) ?? [],
    victimRows: report.victimWork ? kqRows(report.victimWork.keyQuestions, false) : [],
    bandRows: report.annexe.bands.map((b) => [{ text: b.rating }, { text: b.range }, { text: b.description }]),
    overallBandRows: report.annexe.overallBands.map((b) => [{ text: b.rating }, { text: b.range }]),
    limitingRuleRows: report.annexe.limitingRules.map((r) => [{ text: r.source }, { text: r.description }]),
    treatmentRows: report.annexe.treatments.map((t) => [{ text: t.standard }, { text: t.treatment }, { text: t.reason || '-' }]),
    annexeRows: kqRows(report.annexe.keyQuestions),
  };
}
