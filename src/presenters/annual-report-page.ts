// The annual national report shaped for its page (internal and public alike): GOV.UK table rows,
// the chart of national key-question percentages, and the figures as long-format CSV rows. Worded
// by the report's framework (PDUs, youth justice services); sections the framework has no data for
// (regions, victim work, outcomes, the survey, standards rated separately, case types) are left out,
// and a figure that leaves out another version's inspections or cases says so, with the diff's reason.
import type { Framework } from '../domain/framework/framework.ts';
import { SMALL_NUMBER, type AnnualReport, type Figure, type NotComparable } from '../domain/national/annual-report.ts';
import type { RatingCounts } from '../domain/rating/distribution.ts';
import { MINIMUM_GROUP_SIZE } from '../domain/survey/results.ts';
import { govukDate } from './govuk-dates.ts';
import { percentagesChart } from './charts/key-question-chart.ts';
import { escapeHtml } from './templates.ts';

type Cell = { text: string; format?: 'numeric' } | { html: string; format?: 'numeric' };

/** GSS convention: [c] for a figure withheld to protect confidentiality, [z] where there is nothing to count. */
const SUPPRESSED = '[c]';
const NO_CASES = '[z]';

export const figureText = (f: Figure | null | undefined, withCount = false): string => {
  if (!f || f.applicable === 0) return NO_CASES;
  if (f.suppressed) return SUPPRESSED;
  return withCount ? `${f.percentage}% (${f.sufficient} of ${f.applicable})` : `${f.percentage}%`;
};

const num = (text: string): Cell => ({ text, format: 'numeric' });
const countCells = (scale: readonly string[], r: RatingCounts): Cell[] => [...scale.map((s) => num(String(r.counts[s] ?? 0))), num(String(r.notRated))];

const COMPARABILITY: Record<AnnualReport['comparison']['rows'][number]['comparability'], string> = {
  'same-framework': 'Comparable',
  'same-wording': 'Comparable (same wording, new framework version)',
  'not-comparable': 'Not comparable',
  'not-inspected': 'No figure',
};

/** The note beside a figure that leaves out another framework version's inspections or cases. */
const notComparableText = (n: NotComparable, what: 'inspections' | 'cases'): string =>
  `Not comparable across versions: ${n.left} ${n.left === 1 ? what.slice(0, -1) : what} under ${n.versions.join(' and ')} not counted (${n.reason}).`;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Rating counts in one line, highest rating first ("Good 3, Requires improvement 1, not rated 1"). */
const countsText = (scale: readonly string[], r: RatingCounts): string =>
  [...[...scale].reverse().flatMap((s) => (r.counts[s] ? [`${s} ${r.counts[s]}`] : [])), ...(r.notRated ? [`not rated ${r.notRated}`] : [])].join(', ') || 'none';

const labelled = (label: string, note: string | null): Cell =>
  note ? { html: `${escapeHtml(label)}<br><span class="govuk-body-s">${escapeHtml(note)}</span>` } : { text: label };


export function annualReportView(report: AnnualReport, framework: Framework) {
  const scale = [...report.scale].reverse();
  const hasRegions = report.scope.regions.some((r) => r.name !== 'No region');
  const others = report.versions.slice(1);
  const ratingHead = [{ text: 'Standard' }, ...scale.map((s) => ({ text: s, format: 'numeric' as const })), { text: 'Not rated', format: 'numeric' as const }];
  const regions = report.scope.regions.map((r) => r.name);
  const chartRows = report.keyQuestions.filter((k) => !k.national.suppressed && k.national.percentage !== null).map((k) => ({ id: k.id, percentage: k.national.percentage! }));
  const previous = report.comparison.previousYear.label;
  return {
    report,
    facts: [
      { key: { text: 'Business year' }, value: { text: `${report.year.label} (${report.year.from} to ${report.year.to})` } },
      {
        key: { text: 'Framework' },
        value: {
          text: `${report.framework.title} (${report.framework.key})${others.length ? `; also ${others.map((v) => `${v.key} for ${v.inspections} ${v.inspections === 1 ? 'inspection' : 'inspections'}`).join(', ')}` : ''}`,
        },
      },
      {
        key: { text: 'Inspections' },
        value: {
          text: hasRegions
            ? `${report.scope.inspections} ${report.kind.singular} inspections in ${report.scope.regions.length} regions, published by the time of the data cut`
            : `${report.scope.inspections} inspections of ${report.kind.plural}, published by the time of the data cut`,
        },
      },
      { key: { text: 'Cases' }, value: { text: String(report.scope.cases) } },
      ...(report.scope.firstFieldwork ? [{ key: { text: 'Fieldwork' }, value: { text: `${report.scope.firstFieldwork} to ${report.scope.lastFieldwork}` } }] : []),
    ],
    ratingHead,
    ratingRows: report.ratings.map((r) => [
      labelled(r.id === 'overall' ? r.name : `${/^\d/.test(r.id) ? `${r.id} ` : ''}${r.name}`, r.notComparable && notComparableText(r.notComparable, 'inspections')),
      ...countCells(scale, r),
    ]),
    hasRegions,
    notComparable: report.notComparable.map((n) => `${n.standard} ${n.name}: not comparable across the year's versions (${n.reason}).`),
    separately: report.separately.map((s) => ({
      ...s,
      head: ratingHead,
      rows: [[labelled(`${s.id} ${s.name}`, s.notComparable && notComparableText(s.notComparable, 'inspections')), ...countCells(scale, s)]],
    })),
    caseTypes: report.caseTypes && {
      ...report.caseTypes,
      title: `${capital(report.caseTypes.values.map((v) => v.label.toLowerCase()).join(' and '))} cases compared`,
      head: [{ text: 'Standard' }, ...report.caseTypes.values.map((v) => ({ text: `${v.label} (${v.cases} cases)` }))],
      rows: report.caseTypes.rows.map((r) => [
        { text: r.name },
        ...r.cells.map((c): Cell =>
          c
            ? { text: `${c.standardId}: ${figureText(c.figure, true)} of key-question judgements sufficient; ratings ${countsText(report.scale, c.ratings)}` }
            : { text: 'Not inspected for these cases' },
        ),
      ]),
    },
    scores: {
      ...report.scores,
      summary: `Each inspection's score out of ${report.scores.maxScore}: its counted standards' points added up.${report.scores.notComparable ? ` ${notComparableText(report.scores.notComparable, 'inspections')}` : ''}`,
      bandHead: [{ text: 'Overall rating' }, { text: 'Scores', format: 'numeric' as const }, { text: 'Inspections', format: 'numeric' as const }],
      bandRows: report.scores.bands.map((b) => [{ text: b.rating }, num(`${b.minScore} to ${b.maxScore}`), num(String(b.inspections))]),
      scoreHead: [{ text: `Score out of ${report.scores.maxScore}` }, { text: 'Inspections', format: 'numeric' as const }],
      scoreRows: report.scores.scores.map((sc) => [{ text: String(sc.score) }, num(String(sc.inspections))]),
    },
    regionRatingHead: [{ text: 'Region' }, ...ratingHead.slice(1)],
    regionRatingRows: report.ratings.find((r) => r.id === 'overall')!.byRegion.map((g) => [{ text: g.region }, ...countCells(scale, g)]),
    chart: percentagesChart(framework, chartRows, { title: `Key questions nationally, ${report.year.label}: percentage of cases judged sufficient, against the rating bands`, idPrefix: 'national-kq' }),
    kqHead: [{ text: 'Key question' }, { text: 'Question' }, { text: 'Sufficient', format: 'numeric' as const }],
    kqRows: report.keyQuestions.map((k) => [{ text: k.id }, labelled(k.text, k.notComparable && notComparableText(k.notComparable, 'cases')), num(figureText(k.national, true))]),
    regionHead: [{ text: 'Key question' }, ...regions.map((r) => ({ text: r, format: 'numeric' as const }))],
    regionRows: report.keyQuestions.map((k) => [{ text: k.id }, ...regions.map((r) => num(figureText(k.regions[r])))]),
    breakdowns: report.breakdowns.map((b) => ({
      id: b.id,
      label: b.label,
      head: [{ text: 'Key question' }, ...b.values.map((v) => ({ text: `${v.label} (${v.cases} cases)`, format: 'numeric' as const }))],
      rows: report.keyQuestions.map((k) => [{ text: `${k.id} ${k.text}` }, ...b.values.map((v) => num(figureText(k.breakdowns[b.id]?.[v.value])))]),
    })),
    victimWork: report.victimWork.map((v) => ({
      ...v,
      rows: v.keyQuestions.map((k) => [{ text: k.id }, { text: k.text }, num(figureText(k.figure, true)), { text: k.band ?? '' }]),
    })),
    outcomes: report.outcomes.map((o) => ({ ...o, rows: o.questions.map((q) => [{ text: q.id }, { text: q.text }, num(figureText(q.figure, true))]) })),
    surveyHeading: capital(report.kind.people),
    hasSurvey: Boolean(report.survey || framework.definition.questionnaire),
    surveySummary: report.survey
      ? `${report.survey.responded} of ${report.survey.contacted} ${report.kind.people} texted in ${report.survey.inspections} ${report.survey.inspections === 1 ? 'inspection' : 'inspections'} answered the survey (${report.survey.responseRate}%).`
      : 'None of the inspections in the data cut recorded survey results.',
    surveyRows:
      report.survey?.statements.map((s) => [{ text: s.text }, num(s.suppressed ? SUPPRESSED : `${s.percentage}%`), num(String(s.answered))]) ?? [],
    comparison: {
      ...report.comparison,
      head: [{ text: 'Key question' }, { text: report.year.label, format: 'numeric' as const }, { text: previous, format: 'numeric' as const }, { text: 'Change (points)', format: 'numeric' as const }, { text: 'Comparable?' }],
      rows: report.comparison.rows.map((r) => [
        { text: `${r.id} ${r.text}` },
        num(figureText(r.current)),
        num(r.previous ? figureText(r.previous) : NO_CASES),
        num(r.change === null ? '' : `${r.change > 0 ? '+' : ''}${r.change}`),
        { text: `${COMPARABILITY[r.comparability]}. ${r.reason}` },
      ]),
      overallHead: [{ text: 'Year' }, ...ratingHead.slice(1)],
      overallRows: [
        [{ text: report.year.label }, ...countCells(scale, report.comparison.overall.current)],
        ...(report.comparison.overall.previous ? [[{ text: previous }, ...countCells(scale, report.comparison.overall.previous)]] : []),
      ],
      overallNote: report.comparison.overall.previous && report.comparison.overall.reason !== 'Same framework version.' ? report.comparison.overall.reason : null,
      standardHead: [{ text: 'Standard' }, { text: report.year.label }, { text: previous }, { text: 'Comparable?' }],
      standardRows: report.comparison.standards.map((r) => [
        { text: `${r.id} ${r.name}` },
        { text: countsText(report.scale, r.current) },
        { text: r.previous ? countsText(report.scale, r.previous) : NO_CASES },
        { text: `${COMPARABILITY[r.comparability]}. ${r.reason}` },
      ]),
    },
    methodNotes: [
      'Every case inspected counts once: figures are pooled across inspections, not averaged.',
      `Percentages are rounded as the framework's rules say; a key question's band comes from the same bands as a ${report.kind.singular}'s.`,
      ...(others.length
        ? [
            `The year's inspections were made under ${report.versions.length} framework versions. Their figures are pooled where the diff between the versions finds a standard unchanged; where it does not, the figure counts ${report.framework.key} only and says why.`,
          ]
        : []),
      `${SUPPRESSED}: withheld because fewer than ${SMALL_NUMBER} cases (or, for survey statements, ${MINIMUM_GROUP_SIZE} answers) were counted, or because it would let such a figure be worked out by subtraction from the other figures here or in the PDUs' published figures. ${NO_CASES}: no cases to count.`,
      ...(report.victimWork.length ? ['Statutory victim work is rated nationally only, from all cases pooled, by the lowest key question.'] : []),
      'The data cut fixes the figures: the report always shows the data as it stood when the cut was taken.',
    ],
    inspectionHead: [
      { text: capital(report.kind.singular) },
      ...(hasRegions ? [{ text: 'Region' }] : []),
      { text: 'Fieldwork' },
      { text: 'Published' },
      ...(others.length ? [{ text: 'Framework version' }] : []),
      { text: 'Overall rating' },
      { text: 'Score', format: 'numeric' as const },
    ],
    inspectionRows: report.inspections.map((i) => [
      { text: i.organisation },
      ...(hasRegions ? [{ text: i.region }] : []),
      { text: govukDate(i.fieldworkStart) },
      { text: govukDate(i.publishedOn) },
      ...(others.length ? [{ text: i.frameworkKey }] : []),
      { text: i.overall ?? 'Not rated' },
      num(`${i.score} of ${i.maxScore}`),
    ]),
  };
}

/**
 * Why a figure is blank. One reason for small figures and those withheld to protect them alike:
 * saying which is which would narrow down what the withheld figures can be.
 */
export const WITHHELD_NOTE = `withheld: fewer than ${SMALL_NUMBER} cases, or would let such a figure be worked out`;

/** A figure as published: a withheld one without its counts (a figure counting nothing stays 0). */
const published = <F extends Figure>(f: F): F | (Omit<F, 'sufficient' | 'applicable' | 'percentage'> & { sufficient: null; applicable: null; percentage: null }) =>
  f.suppressed && f.applicable > 0 ? { ...f, sufficient: null, applicable: null, percentage: null } : f;

/**
 * The report as the JSON API gives it: what the page shows, withheld figures without their counts
 * (a survey statement keeps its number of answers, as the page shows it, but not its agreement).
 */
export function publishedAnnualReport(report: AnnualReport) {
  return {
    ...report,
    keyQuestions: report.keyQuestions.map((k) => ({
      ...k,
      national: published(k.national),
      regions: Object.fromEntries(Object.entries(k.regions).map(([r, f]) => [r, published(f)])),
      breakdowns: Object.fromEntries(Object.entries(k.breakdowns).map(([b, values]) => [b, Object.fromEntries(Object.entries(values).map(([v, f]) => [v, published(f)]))])),
    })),
    victimWork: report.victimWork.map((v) => ({ ...v, keyQuestions: v.keyQuestions.map((k) => ({ ...k, figure: published(k.figure) })) })),
    outcomes: report.outcomes.map((o) => ({ ...o, questions: o.questions.map((q) => ({ ...q, figure: published(q.figure) })) })),
    survey: report.survey && { ...report.survey, statements: report.survey.statements.map((s) => (s.suppressed ? { ...s, agree: null, percentage: null } : s)) },
    caseTypes: report.caseTypes && {
      ...report.caseTypes,
      rows: report.caseTypes.rows.map((r) => ({ ...r, cells: r.cells.map((c) => c && { ...c, figure: published(c.figure) }) })),
    },
    comparison: {
      ...report.comparison,
      rows: report.comparison.rows.map((r) => ({ ...r, current: published(r.current), previous: r.previous && published(r.previous) })),
    },
  };
}

export interface FigureRow {
  section: string;
  group: string;
  group_value: string;
  item: string;
  text: string;
  sufficient: number | '';
  applicable: number | '';
  percentage: number | '';
  note: string;
}

/** Every figure of the report in one long table, withheld figures blank with the reason. */
export function annualFigureRows(report: AnnualReport): FigureRow[] {
  const row = (section: string, group: string, groupValue: string, item: string, text: string, f: Figure): FigureRow => {
    const hidden = f.suppressed || f.applicable === 0;
    return {
      section,
      group,
      group_value: groupValue,
      item,
      text,
      sufficient: hidden ? '' : f.sufficient,
      applicable: hidden ? '' : f.applicable,
      percentage: hidden || f.percentage === null ? '' : f.percentage,
      note: f.applicable === 0 ? 'no cases' : f.suppressed ? WITHHELD_NOTE : '',
    };
  };
  const leftOut = (r: FigureRow, n: NotComparable | null): FigureRow => (n ? { ...r, note: [r.note, notComparableText(n, 'cases')].filter(Boolean).join('; ') } : r);
  return [
    ...report.keyQuestions.flatMap((k) => [
      leftOut(row('key-questions', 'national', '', k.id, k.text, k.national), k.notComparable),
      ...Object.entries(k.regions).map(([region, f]) => row('key-questions', 'region', region, k.id, k.text, f)),
      ...report.breakdowns.flatMap((b) => b.values.map((v) => row('key-questions', b.id, v.value || 'not recorded', k.id, k.text, k.breakdowns[b.id]![v.value]!))),
    ]),
    ...report.victimWork.flatMap((v) => v.keyQuestions.map((k) => row('victim-work', 'national', '', k.id, k.text, k.figure))),
    ...report.outcomes.flatMap((o) => o.questions.map((q) => row('outcomes', 'national', '', q.id, q.text, q.figure))),
    ...(report.caseTypes
      ? report.caseTypes.rows.flatMap((r) =>
          r.cells.flatMap((c, i) => (c ? [row('standards-by-case-type', report.caseTypes!.attribute.id, report.caseTypes!.values[i]!.value, c.standardId, r.name, c.figure)] : [])),
        )
      : []),
  ];
}
