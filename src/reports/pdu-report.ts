// The PDU inspection report as data: every section, built from the inspection, its framework
// version, the rating engine's results, the lead inspector's judgements and the report text.
// Pure: no I/O. The HTML page, the PDF and the analysts' workbook are all drawn from this model.
import { listAnd } from '../domain/text/lists.ts';
import type { InspectionAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import type { PartnerInspectorate, Regime, Wording } from '../domain/framework/schema.ts';
import { jointInspectionSentence } from '../domain/joint-inspection/partners.ts';
import { formatRange } from '../domain/rating/explain.ts';
import { bandPosition, percentage } from '../domain/rating/percentages.ts';
import type { AppliedLimit, InspectionRatings, KeyQuestionResult, StandardResult } from '../domain/rating/result.ts';
import { parseList, parseNarrative, type NarrativeBlock } from '../domain/report-writing/narrative.ts';
import { availablePlaceholders, fillPlaceholders } from '../domain/report-writing/placeholders.ts';
import { casesCompleteText, type RatingsStanding } from '../domain/sign-off/provisional.ts';
import { MINIMUM_GROUP_SIZE } from '../domain/survey/results.ts';
import { keyQuestionChart, type KeyQuestionChart } from '../presenters/charts/key-question-chart.ts';
import type { InspectionSummary } from '../presenters/inspection-page.ts';
import type { RecommendationLevel, ReportText } from './report-text.ts';

/** The people-on-probation survey's results, when the survey work supplies them (4.21); see report-survey.ts. */
export interface ReportSurveyInput {
  /** Percentage of those invited who responded. */
  responseRate: number;
  respondents?: number;
  invited?: number;
  /** Per statement: the share (percent) who agreed or strongly agreed, of the `responses` who answered it on the scale. */
  statements: { id: string; text?: string; agreeShare: number | null; responses?: number; suppressed?: boolean }[];
  /** A statement answered by fewer people than this has its share withheld (`suppressed`). */
  minimumAnswers?: number;
}

/** One survey statement as the report shows it. */
export interface ReportSurveyStatement {
  id: string;
  text: string;
  agreeShare: number | null;
  responses?: number;
  /** Withheld: too few answered to show the share safely. */
  suppressed?: boolean;
  /** The "Agreed" cell as printed: "84%", "-", or why it is not shown. */
  agreed: string;
}

export interface PduReportInput {
  inspection: InspectionSummary;
  framework: Framework;
  ratings: InspectionRatings;
  assessment: InspectionAssessment;
  text: ReportText;
  survey?: ReportSurveyInput;
  /** Whether the ratings are provisional (a draft made before sign-off); taken as final when absent. */
  standing?: RatingsStanding;
  /** A joint inspection's partner inspectorates, in the framework's order; none or absent when inspected alone. */
  partners?: readonly Pick<PartnerInspectorate, 'name' | 'abbreviation'>[];
}

export interface KeyQuestionRow {
  id: string;
  standardId: string;
  text: string;
  sufficient: number;
  applicable: number;
  percentage: number | null;
  /** "n of N" as published. */
  count: string;
  band: string | null;
}

export interface ReportStandard {
  id: string;
  name: string;
  statement: string;
  assessedBy: string;
  rating: string | null;
  ratingBeforeLimits?: string;
  points: number | null;
  explanation: string;
  limits: AppliedLimit[];
  rationale?: string;
  keyQuestions: KeyQuestionRow[];
  /** What the report's writers say of the standard: a short narrative, then strengths and areas for improvement. */
  narrative: StandardNarrative;
  /** Rated, but outside the overall score (the framework's rated-separately treatment). */
  separately?: true;
  /** Not rated: no relevant cases were found (the framework's notRatedWithoutRelevantCases). */
  notRated?: true;
}

export interface StandardNarrative {
  text: NarrativeBlock[];
  strengths: string[];
  improvements: string[];
}

export interface DiversityPromptResult {
  id: string;
  standardId: string;
  text: string;
  yes: number;
  answered: number;
  percentage: number | null;
}

export interface RecommendationGroup {
  level: RecommendationLevel;
  heading: string;
  items: string[];
}

export interface ReportSection {
  id: string;
  title: string;
}

/**
 * A judgement's own section: the lead inspector's rating and rationale, the limiting rules it
 * drives, the written narrative, and (for diversity) the diversity prompts' results across cases.
 */
export interface JudgementSection {
  id: string;
  name: string;
  rating: string | null;
  rationale: string | null;
  hurdle: string[];
  prompts: DiversityPromptResult[];
  narrative: NarrativeBlock[];
}

export interface PduReport {
  title: string;
  isDemo: boolean;
  /** "PROVISIONAL: 12 of 40 cases complete, not yet signed off" on a draft made before sign-off, for its cover and heading; null once signed off. */
  provisional: string | null;
  facts: { label: string; value: string }[];
  sections: ReportSection[];
  foreword: string | null;
  overallFindings: string | null;
  /** The written sections as paragraphs and lists, placeholders filled from the ratings (empty when not written). */
  narrative: { foreword: NarrativeBlock[]; overallFindings: NarrativeBlock[]; peopleOnProbation: NarrativeBlock[] };
  /** The regime's words, from the framework file: what is inspected and whom it works with. */
  words: { organisation: string; people: string };
  /** "This was a joint inspection with …": in the facts about the inspection and the methodology; null when inspected alone. */
  jointInspection: string | null;
  ratings: {
    rows: { id: string; name: string; rating: string; points: string; setBy: string; limitedFrom?: string }[];
    /** Standards rated separately, outside the overall score (e.g. youth resettlement), each with why when not rated. */
    separate: { id: string; name: string; rating: string; setBy: string; why: string }[];
    overall: { score: number; maxScore: number; rating: string | null; summary: string };
    limits: (AppliedLimit & { standardId: string })[];
  };
  standards: ReportStandard[];
  chart: (KeyQuestionChart & { rows: KeyQuestionRow[] }) | null;
  /** A section for each judgement the framework file names (the adult file's diversity), in its order. */
  judgementSections: JudgementSection[];
  peopleOnProbation: {
    recorded: boolean;
    statement: string;
    responseRate?: number;
    respondents?: number;
    invited?: number;
    statements: ReportSurveyStatement[];
    /** How to read the figures, and what is withheld. */
    notes: string[];
  };
  outcomes: { id: string; name: string; why: string; questions: (KeyQuestionRow & { progress: string })[] } | null;
  victimWork: { id: string; name: string; why: string; keyQuestions: KeyQuestionRow[]; casesApplicable: number } | null;
  recommendations: RecommendationGroup[];
  annexe: {
    sampleRule: string[];
    rounding: string;
    ratingRule: string;
    /** Each key-question band, from its lowest percentage (`minPercent`) to the next band's. */
    bands: { rating: string; range: string; description: string; minPercent: number }[];
    overallBands: { rating: string; range: string }[];
    overallBasis: string;
    limitingRules: { id: string; source: string; description: string }[];
    treatments: { standard: string; treatment: string; reason: string }[];
    keyQuestions: KeyQuestionRow[];
  };
}

/**
 * The heading of each level of recommendation, in the framework's words: "The PDU should", "The
 * region should", "HM Prison and Probation Service nationally should" for the adult file.
 */
export const recommendationHeading = (regime: Regime, level: RecommendationLevel): Wording => {
  const wording = regime.recommendationsTo[level === 'pdu' ? 'organisation' : level];
  return { ...wording, text: wording.text.replace('{organisation}', regime.organisation.singular) };
};

const kqRow = (k: KeyQuestionResult, rated: boolean): KeyQuestionRow => ({
  id: k.id,
  standardId: k.standardId,
  text: k.text,
  sufficient: k.sufficient,
  applicable: k.applicable,
  percentage: k.percentage,
  count: `${k.sufficient} of ${k.applicable}`,
  band: rated && k.band ? `${k.band.rating} (${formatRange(k.band)})` : null,
});

export const percentText = (p: number | null | undefined): string => (p === null || p === undefined ? '-' : `${p}%`);

function setBy(s: StandardResult): string {
  const e = s.explanation;
  if (e.setBy) return `${e.setBy}: ${e.sufficient} of ${e.applicable} (${percentText(e.percentage)})`;
  if (s.assessedBy === 'lead-inspector-judgement') return "Lead inspector's judgement";
  return '-';
}

/** Per diversity prompt answered case by case: the share of 'yes' among the cases answered yes or no. */
export function diversityPromptResults(framework: Framework, assessment: InspectionAssessment): DiversityPromptResult[] {
  const rules = framework.definition.rules.percentages;
  return framework.caseStandards.flatMap((s) =>
    s.keyQuestions.flatMap((kq) =>
      kq.prompts
        .filter((p) => p.diversity)
        .map((p) => {
          let yes = 0;
          let answered = 0;
          for (const c of assessment.cases) {
            const a = c.answers[p.id];
            if (a === 'yes' || a === 'no') answered++;
            if (a === 'yes') yes++;
          }
          return { id: p.id, standardId: s.id, text: p.text, yes, answered, percentage: percentage(yes, answered, rules) };
        }),
    ),
  );
}

/** The report's title, in the framework's words: "An inspection of probation services in Leeds". */
export const reportTitle = (regime: Regime, organisationName: string): string => regime.report.title.replace('{organisation}', organisationName);

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const domainWord = (id: string): string => NUMBER_WORDS[Number(id)] ?? id;

/**
 * The methodology annexe's rating rule, from the framework's rules: how a case-assessed standard is
 * rated (its lowest key question in the bands), which standards the lead inspector judges (named by
 * domain when they are whole domains, otherwise by number), and each standard rated outside the
 * total or not rated without relevant cases. The points and overall bands are the annexe's tables.
 */
export function ratingRuleText(framework: Framework): string {
  const def = framework.definition;
  const ratedHere = (id: string) => ['rated', 'rated-separately'].includes(framework.treatment(id));
  const sentences: string[] = [];
  if (framework.caseStandards.some((s) => ratedHere(s.id)) && def.rules.standardRating === 'lowest-key-question') {
    sentences.push('Each case-assessed standard is rated by its lowest key question: the percentage of applicable cases judged sufficient, placed in the rating bands below.');
  }
  const judged = framework.judgementStandards.filter((s) => ratedHere(s.id)).map((s) => s.id);
  if (judged.length) {
    const wholeDomains = def.domains.filter((d) => d.standards.every((s) => judged.includes(s.id)));
    const covered = wholeDomains.flatMap((d) => d.standards.map((s) => s.id));
    const subject =
      covered.length === judged.length
        ? `${listAnd(wholeDomains.map((d, i) => `${i === 0 ? 'D' : 'd'}omain-${domainWord(d.id)}`))} standards`
        : `Standards ${listAnd(judged)}`;
    sentences.push(`${subject} are rated by the lead inspector's judgement, with a written rationale.`);
  }
  for (const t of def.rules.standards) {
    const name = framework.standard(t.standard)?.name ?? '';
    if (t.treatment === 'rated-separately') sentences.push(`${t.standard} ${name} is rated and not counted in the overall score.`);
    if (t.notRatedWithoutRelevantCases) {
      sentences.push(`${t.standard} ${name} is not rated when there are no relevant cases${t.relevantCases ? ` (${t.relevantCases})` : ''}.`);
    }
  }
  return sentences.join(' ');
}

export function buildPduReport(input: PduReportInput): PduReport {
  const { inspection, framework, ratings, assessment, text, survey } = input;
  const def = framework.definition;
  const { regime } = framework;
  const rated = ratings.standards.filter((s) => s.treatment === 'rated');
  const separately = ratings.standards.filter((s) => s.treatment === 'rated-separately');
  const outcomeStandard = ratings.standards.find((s) => s.treatment === 'reported-unrated');
  const victimStandard = ratings.standards.find((s) => s.treatment === 'national-only');
  const reason = (id: string) => def.rules.standards.find((t) => t.standard === id)?.reason ?? '';
  const allKeyQuestions = ratings.standards.flatMap((s) => (s.outcomeQuestions ?? s.keyQuestions).map((k) => kqRow(k, s.treatment === 'rated')));

  const chartSvg = keyQuestionChart(framework, ratings.standards);
  const chart = chartSvg
    ? { ...chartSvg, rows: rated.flatMap((s) => s.keyQuestions.filter((k) => k.percentage !== null).map((k) => kqRow(k, true))) }
    : null;

  // A section per judgement in the file; prompts the file flags as bearing on diversity report in
  // a section of that name (a judgement's, or their own where the file does not judge diversity).
  const judgementDefs: { id: string; name: string }[] = def.rules.judgements.length
    ? def.rules.judgements
    : framework.items.some((i) => i.prompt?.diversity)
      ? [{ id: 'diversity', name: 'Diversity' }]
      : [];

  const statementText = (id: string) => def.questionnaire?.statements.find((s) => s.id === id)?.text ?? id;
  const minimumAnswers = survey?.minimumAnswers ?? MINIMUM_GROUP_SIZE;
  const surveyStatements: ReportSurveyStatement[] = (survey?.statements ?? []).map((s) => ({
    id: s.id,
    text: s.text ?? statementText(s.id),
    agreeShare: s.suppressed ? null : s.agreeShare,
    ...(s.responses !== undefined ? { responses: s.responses } : {}),
    ...(s.suppressed ? { suppressed: true } : {}),
    agreed: s.suppressed ? `Not shown: fewer than ${minimumAnswers} answered` : percentText(s.agreeShare),
  }));
  const peopleOnProbation: PduReport['peopleOnProbation'] = survey
    ? {
        recorded: true,
        statement: `${percentText(survey.responseRate)} of the ${regime.people.plural} invited responded to the survey${survey.respondents !== undefined ? ` (${survey.respondents}${survey.invited !== undefined ? ` of ${survey.invited}` : ''})` : ''}.`,
        responseRate: survey.responseRate,
        ...(survey.respondents !== undefined ? { respondents: survey.respondents } : {}),
        ...(survey.invited !== undefined ? { invited: survey.invited } : {}),
        statements: surveyStatements,
        notes: [
          'Agreed means strongly agree or agree, as a share of the people who answered the statement on the scale.',
          ...(surveyStatements.some((s) => s.suppressed)
            ? [`Where fewer than ${minimumAnswers} people answered a statement, the share who agreed is not shown, so that no one can be recognised from their answers.`]
            : []),
        ],
      }
    : { recorded: false, statement: 'No survey results are recorded for this inspection.', statements: [], notes: [] };

  const recommendations = (['pdu', 'region', 'national'] as const).map((level) => ({
    level,
    heading: recommendationHeading(regime, level).text,
    items: text.recommendations.filter((r) => r.addressedTo === level).map((r) => r.text.trim()).filter(Boolean),
  }));

  const bands = def.rules.keyQuestionBands;
  const sections: ReportSection[] = [
    { id: 'foreword', title: 'Foreword' },
    { id: 'ratings', title: 'Ratings' },
    { id: 'overall-findings', title: 'Overall findings' },
    { id: 'standards', title: 'Findings by standard' },
    ...(chart ? [{ id: 'chart', title: 'Key questions against the rating bands' }] : []),
    ...judgementDefs.map((j) => ({ id: j.id, title: j.name })),
    { id: 'people-on-probation', title: `The views of ${regime.people.plural}` },
    ...(outcomeStandard ? [{ id: 'outcomes', title: `Outcomes (not rated)` }] : []),
    ...(victimStandard ? [{ id: 'victim-work', title: `${victimStandard.name} (reported nationally)` }] : []),
    { id: 'recommendations', title: 'Recommendations' },
    { id: 'annexe', title: 'Annexe: methodology and data' },
  ];

  // Ratings and figures in the narrative are placeholders, filled from these ratings whenever the report is made.
  const placeholders = availablePlaceholders({ ratings, ...(input.standing ? { casesComplete: input.standing.casesComplete } : {}), surveyResponseRate: survey?.responseRate ?? null });
  const fill = (t: string | undefined) => fillPlaceholders(t ?? '', placeholders).trim();
  const written = (key: string, part = 'text') => fill(text.sections?.[key]?.[part]);
  const standardNarrative = (id: string): StandardNarrative => ({
    text: parseNarrative(written(`standard-${id}`, 'narrative')),
    strengths: parseList(written(`standard-${id}`, 'strengths')),
    improvements: parseList(written(`standard-${id}`, 'improvements')),
  });

  const provisional = input.standing?.provisional ? `PROVISIONAL: ${casesCompleteText(input.standing)}, not yet signed off` : null;
  const jointInspection = jointInspectionSentence(input.partners ?? []);
  return {
    title: reportTitle(regime, inspection.organisationName),
    isDemo: inspection.isDemo,
    provisional,
    facts: [
      { label: regime.report.organisationLabel, value: inspection.organisationName },
      // A youth justice service is in no probation region.
      ...(regime.organisationKind === 'pdu' || inspection.regionName ? [{ label: 'Region', value: inspection.regionName ?? '-' }] : []),
      { label: 'Fieldwork', value: `${inspection.fieldworkStart} to ${inspection.fieldworkEnd}` },
      { label: 'Framework', value: `${def.title}, version ${def.version}` },
      ...(jointInspection ? [{ label: 'Joint inspection', value: jointInspection }] : []),
      { label: 'Cases inspected', value: String(ratings.cases) },
      { label: 'Overall rating', value: `${ratings.overall.rating ?? 'Not yet rated'}${provisional && ratings.overall.rating ? ' (provisional)' : ''}` },
    ],
    sections,
    words: { organisation: regime.organisation.singular, people: regime.people.plural },
    jointInspection,
    foreword: fill(text.foreword) || null,
    overallFindings: fill(text.overallFindings) || null,
    narrative: {
      foreword: parseNarrative(fill(text.foreword)),
      overallFindings: parseNarrative(fill(text.overallFindings)),
      peopleOnProbation: parseNarrative(written('people-on-probation')),
    },
    ratings: {
      rows: rated.map((s) => ({
        id: s.id,
        name: s.name,
        rating: s.rating ?? 'Not yet rated',
        points: s.points === null ? '-' : String(s.points),
        setBy: setBy(s),
        ...(s.ratingBeforeLimits ? { limitedFrom: s.ratingBeforeLimits } : {}),
      })),
      separate: separately.map((s) => ({
        id: s.id,
        name: s.name,
        rating: s.rating ?? (s.notRated ? 'Not rated' : 'Not yet rated'),
        setBy: s.notRated ? '-' : setBy(s),
        why: s.notRated ? s.explanation.summary : `Rated, and not counted in the overall score. ${reason(s.id)}`.trim(),
      })),
      overall: { score: ratings.overall.score, maxScore: ratings.overall.maxScore, rating: ratings.overall.rating, summary: ratings.overall.summary },
      limits: rated.flatMap((s) => s.explanation.limits.map((l) => ({ ...l, standardId: s.id }))),
    },
    standards: [...rated, ...separately].map((s) => ({
      id: s.id,
      name: s.name,
      statement: framework.standard(s.id)?.statement ?? '',
      assessedBy: s.assessedBy,
      rating: s.rating,
      ...(s.ratingBeforeLimits ? { ratingBeforeLimits: s.ratingBeforeLimits } : {}),
      points: s.points,
      explanation: s.explanation.summary,
      limits: s.explanation.limits,
      ...(s.rationale ? { rationale: s.rationale } : {}),
      keyQuestions: s.assessedBy === 'lead-inspector-judgement' ? [] : s.keyQuestions.map((k) => kqRow(k, true)),
      narrative: standardNarrative(s.id),
      ...(s.treatment === 'rated-separately' ? { separately: true as const } : {}),
      ...(s.notRated ? { notRated: true as const } : {}),
    })),
    chart,
    judgementSections: judgementDefs.map((j) => {
      const judged = ratings.judgements.find((r) => r.id === j.id);
      return {
        id: j.id,
        name: j.name,
        rating: judged?.rating ?? null,
        rationale: judged?.rationale?.trim() || null,
        hurdle: def.rules.limitingRules.filter((r) => r.when.judgement === j.id).map((r) => r.description),
        prompts: j.id === 'diversity' ? diversityPromptResults(framework, assessment) : [],
        narrative: parseNarrative(written(j.id)),
      };
    }),
    peopleOnProbation,
    outcomes: outcomeStandard
      ? {
          id: outcomeStandard.id,
          name: outcomeStandard.name,
          why: reason(outcomeStandard.id) || 'The framework does not rate this standard.',
          questions: (outcomeStandard.outcomeQuestions ?? []).map((o) => ({ ...kqRow(o, false), progress: `${o.progress.sufficient} / ${o.progress.some} / ${o.progress.none}` })),
        }
      : null,
    victimWork: victimStandard
      ? {
          id: victimStandard.id,
          name: victimStandard.name,
          why: `Not rated at ${regime.organisation.singular} level. ${reason(victimStandard.id)}`.trim(),
          keyQuestions: victimStandard.keyQuestions.map((k) => kqRow(k, false)),
          casesApplicable: victimStandard.casesApplicable,
        }
      : null,
    recommendations,
    annexe: {
      sampleRule: def.domains.map((d) => `Domain ${d.id}, ${d.name}: ${d.description ?? ''}`.trim()).concat(`This inspection examined ${ratings.cases} cases.`, jointInspection ? [jointInspection] : []),
      rounding: def.rules.percentages.note ?? `Percentages are given to ${def.rules.percentages.decimals} decimal places (${def.rules.percentages.rounding}).`,
      ratingRule: ratingRuleText(framework),
      bands: bands.map((b, i) => ({ rating: b.rating, range: formatRange(bandPosition(bands, i, def.rules.percentages)), description: b.description ?? '', minPercent: b.minPercent })),
      overallBands: def.rules.overallBands.bands.map((b) => ({ rating: b.rating, range: `${b.minScore}-${b.maxScore} points` })),
      overallBasis: def.rules.overallBands.basis,
      limitingRules: def.rules.limitingRules.map((r) => ({ id: r.id, source: r.source ?? '', description: r.description })),
      treatments: def.rules.standards.map((t) => ({ standard: t.standard, treatment: t.treatment, reason: t.reason ?? '' })),
      keyQuestions: allKeyQuestions,
    },
  };
}

/** A file name for the report's downloads: the PDU and fieldwork start, in safe characters. */
export const reportFileName = (summary: { organisationName: string; fieldworkStart: string }, ext: string): string =>
  `inspection-report-${summary.organisationName}-${summary.fieldworkStart}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-') + `.${ext}`;
