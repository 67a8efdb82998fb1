// View models for the inspection pages: rows for GOV.UK tables, built from the engine's results.
import type { InspectionRatings, StandardResult } from '../domain/rating/result.ts';
import { formatRange } from '../domain/rating/explain.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { casesCompleteText, type RatingsStanding } from '../domain/sign-off/provisional.ts';
import { keyQuestionChart } from './charts/key-question-chart.ts';
import { provisionalHtml, provisionalNotice } from './provisional.ts';
import { govukDate } from './govuk-dates.ts';
import { escapeHtml, ratingTag } from './templates.ts';

export interface InspectionSummary {
  id: number;
  title: string;
  organisationName: string;
  regionName: string | null;
  fieldworkStart: string;
  fieldworkEnd: string;
  frameworkId: string;
  frameworkVersion: string;
  isDemo: boolean;
  status: string;
}

const percent = (p: number | null | undefined) => (p === null || p === undefined ? '–' : `${p}%`);
const interval = (i: { low: number; high: number } | null) => (i ? `${i.low}% to ${i.high}%` : '–');

function standardTable(s: StandardResult) {
  if (s.outcomeQuestions)
    return {
      tableCaption: 'Outcome questions: cases with positive early outcomes (not rated)',
      head: [{ text: 'Question' }, { text: 'Positive', format: 'numeric' }, { text: '%', format: 'numeric' }, { text: 'Progress: sufficient / some / none' }, { text: 'Stability credited', format: 'numeric' }],
      rows: s.outcomeQuestions.map((o) => [
        { text: `${o.id} ${o.text}` },
        { text: `${o.sufficient} of ${o.applicable}`, format: 'numeric' },
        { text: percent(o.percentage), format: 'numeric' },
        { text: `${o.progress.sufficient} / ${o.progress.some} / ${o.progress.none}` },
        { text: String(o.stabilityCredited), format: 'numeric' },
      ]),
    };
  return {
    tableCaption: 'Key questions: cases judged sufficient',
    head: [{ text: 'Key question' }, { text: 'Sufficient', format: 'numeric' }, { text: '%', format: 'numeric' }, { text: '95% interval' }, { text: 'Band' }],
    rows: s.keyQuestions.map((k) => [
      { text: `${k.id} ${k.text}` },
      { text: `${k.sufficient} of ${k.applicable}`, format: 'numeric' },
      { text: percent(k.percentage), format: 'numeric' },
      { text: interval(k.interval) },
      { text: s.treatment === 'rated' && k.band ? `${k.band.rating} (${formatRange(k.band)})` : '–' },
    ]),
  };
}

const ratingCell = (s: StandardResult) =>
  s.rating
    ? ratingTag(s.rating) + (s.ratingBeforeLimits ? ` <span class="govuk-body-s">(limited from ${escapeHtml(s.ratingBeforeLimits)})</span>` : '')
    : ratingTag(null, s.treatment === 'reported-unrated' ? 'Not rated' : s.treatment === 'national-only' ? 'National only' : 'Not yet rated');

export function inspectionPage(inspection: InspectionSummary, ratings: InspectionRatings, framework: Framework, standing: RatingsStanding) {
  const chart = keyQuestionChart(framework, ratings.standards);
  return {
    provisional: provisionalNotice(standing),
    chart,
    section: 'ratings',
    title: inspection.title,
    activeNav: 'inspections',
    inspection,
    ratings: { ...ratings, judgements: ratings.judgements.map((j) => ({ ...j, ratingHtml: ratingTag(j.rating, 'Not yet judged') })) },
    summaryRows: [
      { key: { text: framework.regime.report.organisationLabel }, value: { text: inspection.organisationName } },
      // A youth justice service is in no probation region.
      ...(framework.regime.organisationKind === 'pdu' || inspection.regionName ? [{ key: { text: 'Region' }, value: { text: inspection.regionName ?? '–' } }] : []),
      { key: { text: 'Fieldwork' }, value: { text: `${govukDate(inspection.fieldworkStart)} to ${govukDate(inspection.fieldworkEnd)}` } },
      // The framework's own title; its key and version stay for those who check them.
      { key: { text: 'Framework' }, value: { text: `${framework.definition.title} (${inspection.frameworkId}, version ${inspection.frameworkVersion})` } },
      { key: { text: 'Cases inspected' }, value: { text: standing.provisional ? `${ratings.cases} (${casesCompleteText(standing)})` : String(ratings.cases) } },
      { key: { text: 'Overall rating' }, value: { html: `${ratingTag(ratings.overall.rating, 'Not yet rated')} ${ratings.overall.score} of ${ratings.overall.maxScore} points${provisionalHtml(standing)}` } },
    ],
    ratingRows: ratings.standards.map((s) => [
      { html: `<a class="govuk-link" href="#standard-${escapeHtml(s.id)}">${escapeHtml(`${s.id} ${s.name}`)}</a>` },
      { html: ratingCell(s) },
      { text: s.explanation.setBy ? `${s.explanation.setBy}: ${s.explanation.sufficient} of ${s.explanation.applicable} (${s.explanation.percentage}%)` : s.assessedBy === 'lead-inspector-judgement' ? "Lead inspector's judgement" : '–' },
      { text: s.points === null ? '–' : String(s.points), format: 'numeric' },
    ]),
    standards: ratings.standards.map((s) => ({ ...s, ratingHtml: ratingCell(s), ...standardTable(s) })),
    flagRows: ratings.flags.map((f) => [
      { html: `<a class="govuk-link" href="/inspections/${inspection.id}/cases/${encodeURIComponent(f.caseRef)}/standards/${escapeHtml(f.item.split('.').slice(0, 2).join('.'))}">${escapeHtml(f.caseRef)}</a>` },
      { text: f.item },
      { text: f.message },
    ]),
  };
}
