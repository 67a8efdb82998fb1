// Regional feedback as data: for one region and business year, the PDU inspections side by side
// (ratings, the spread of ratings, key-question and prompt figures pooled from the cases beside
// each PDU's and the national figure), the themes across them, the lead inspectors' domain-one
// rationales and the recommendations. Pure: the same inspections always give the same feedback.
import type { InspectionAssessment } from '../assessment/types.ts';
import type { Framework } from '../framework/framework.ts';
import { ratingColumns, ratingCounts, type RatingColumn } from '../rating/distribution.ts';
import { addCounts, countItems, figureOf } from './counts.ts';
import { groupByStandard } from './recommendations.ts';
import { findThemes, lowestPrompts, MIN_PDUS_FOR_THEME } from './themes.ts';
import {
  FEW_CASES,
  type Distribution,
  type FeedbackRecommendation,
  type KeyQuestionRow,
  type NationalPool,
  type PromptRow,
  type RationaleGroup,
  type RegionalFeedback,
  type RegionalFeedbackInput,
  type RegionalInspection,
} from './types.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The framework version most of the inspections were assessed under (the latest fieldwork breaks a tie). */
function mainFramework(inspections: readonly RegionalInspection[]): Framework {
  const tally = new Map<string, { framework: Framework; count: number; latest: string }>();
  for (const i of inspections) {
    const t = tally.get(i.framework.key) ?? { framework: i.framework, count: 0, latest: '' };
    t.count++;
    if (i.fieldworkStart > t.latest) t.latest = i.fieldworkStart;
    tally.set(i.framework.key, t);
  }
  return [...tally.values()].sort((a, b) => b.count - a.count || b.latest.localeCompare(a.latest) || a.framework.key.localeCompare(b.framework.key))[0]!.framework;
}

function ratingOf(inspection: RegionalInspection, column: RatingColumn): string | null {
  if (column.kind === 'overall') return inspection.ratings.overall.rating;
  if (column.kind === 'judgement') return inspection.ratings.judgements.find((j) => j.id === column.id)?.rating ?? null;
  return inspection.ratings.standards.find((s) => s.id === column.id)?.rating ?? null;
}

function emptyFeedback(input: RegionalFeedbackInput): RegionalFeedback {
  return {
    region: input.region,
    year: input.year,
    framework: null,
    scale: [],
    isDemo: false,
    unitWord: 'PDUs',
    inspections: [],
    cases: 0,
    ratings: { columns: [], rows: [] },
    distributions: [],
    keyQuestions: [],
    prompts: [],
    themes: { concerns: [], strengths: [], lowestPrompts: [], note: `No PDU inspection in ${input.region.name} with fieldwork beginning in ${input.year.label} has reached the factual accuracy check yet.` },
    rationales: [],
    recommendations: { region: [], national: [], pdu: [] },
    national: null,
    notes: [],
  };
}

export function buildRegionalFeedback(input: RegionalFeedbackInput): RegionalFeedback {
  if (!input.inspections.length) return emptyFeedback(input);
  const sorted = [...input.inspections].sort(
    (a, b) => a.fieldworkStart.localeCompare(b.fieldworkStart) || a.pdu.localeCompare(b.pdu) || a.inspectionId - b.inspectionId,
  );
  // A PDU inspected twice in the year (a return after Inadequate) is told apart by its fieldwork.
  const twice = new Set(sorted.filter((i, k) => sorted.findIndex((j) => j.pdu === i.pdu) !== k).map((i) => i.pdu));
  const inspections = sorted.map((i) => (twice.has(i.pdu) ? { ...i, pdu: `${i.pdu} (fieldwork from ${i.fieldworkStart})` } : i));
  const framework = mainFramework(inspections);
  const { rules } = framework.definition;
  const scale = framework.ratingScale;
  const pooled = inspections.filter((i) => i.framework.key === framework.key);
  const unitWord = pooled.some((i) => twice.has(sorted.find((j) => j.inspectionId === i.inspectionId)!.pdu)) ? 'inspections' : 'PDUs';
  const nationalPool = input.national?.find((p) => p.frameworkKey === framework.key) ?? null;

  // Ratings: every rated standard, the inspection-level judgements (diversity) and the overall rating.
  const columns = ratingColumns(framework);
  const rows = inspections.map((i) => ({ inspectionId: i.inspectionId, pdu: i.pdu, ratings: Object.fromEntries(columns.map((c) => [c.id, ratingOf(i, c)])) }));
  const distributions: Distribution[] = columns.map((c) => ({ id: c.id, name: c.name, kind: c.kind, ...ratingCounts(scale, rows.map((row) => row.ratings[c.id])) }));

  // Figures: key questions and prompts counted as the rating engine counts key questions, then pooled.
  const perInspection = new Map(pooled.map((i) => [i.inspectionId, countItems(framework, i.assessment)]));
  const regionCounts = addCounts([...perInspection.values()]);
  const pdusOf = (id: string) => pooled.map((i) => ({ inspectionId: i.inspectionId, pdu: i.pdu, figure: figureOf(framework, perInspection.get(i.inspectionId)![id]) }));
  const nationalOf = (id: string) => (nationalPool ? figureOf(framework, nationalPool.counts[id]) : null);

  const keyQuestions: KeyQuestionRow[] = [];
  const prompts: PromptRow[] = [];
  for (const s of framework.caseStandards) {
    const treatment = framework.treatment(s.id);
    if (treatment === 'national-only') continue;
    const rated = treatment === 'rated' && s.assessedBy === 'case-assessment';
    for (const kq of s.keyQuestions) {
      const bands = Object.fromEntries(
        pooled.map((i) => [i.inspectionId, rated ? (i.ratings.standards.find((x) => x.id === s.id)?.keyQuestions.find((k) => k.id === kq.id)?.band?.rating ?? null) : null]),
      );
      keyQuestions.push({ id: kq.id, standardId: s.id, standardName: s.name, text: kq.text, rated, bands, region: figureOf(framework, regionCounts[kq.id]), pdus: pdusOf(kq.id), national: nationalOf(kq.id) });
      if (!rated) continue;
      for (const p of kq.prompts)
        prompts.push({ id: p.id, keyQuestionId: kq.id, standardId: s.id, standardName: s.name, text: p.text, region: figureOf(framework, regionCounts[p.id]), pdus: pdusOf(p.id), national: nationalOf(p.id) });
    }
  }

  const { concerns, strengths } = findThemes(framework, keyQuestions, prompts, unitWord);
  const themeNote =
    pooled.length < MIN_PDUS_FOR_THEME
      ? `Only one PDU inspection is included, so there are no themes across ${unitWord}: a theme needs at least ${MIN_PDUS_FOR_THEME}.`
      : concerns.length + strengths.length === 0
        ? `No key question or prompt fell below, or reached, a band edge in most of the ${unitWord}.`
        : null;

  // Domain one: the lead inspectors' ratings and rationales, standard by standard, then the judgements (diversity).
  const rationales: RationaleGroup[] = [
    ...framework.judgementStandards.map((s) => ({
      id: s.id,
      name: s.name,
      kind: 'standard' as const,
      entries: inspections.map((i) => {
        const r = i.ratings.standards.find((x) => x.id === s.id);
        return { inspectionId: i.inspectionId, pdu: i.pdu, rating: r?.rating ?? null, rationale: r?.rationale ?? null };
      }),
    })),
    ...rules.judgements.map((j) => ({
      id: j.id,
      name: j.name,
      kind: 'judgement' as const,
      entries: inspections.map((i) => {
        const r = i.ratings.judgements.find((x) => x.id === j.id);
        return { inspectionId: i.inspectionId, pdu: i.pdu, rating: r?.rating ?? null, rationale: r?.rationale ?? null };
      }),
    })),
  ];

  const addressedTo = (level: string): FeedbackRecommendation[] =>
    inspections.flatMap((i) => i.recommendations.filter((r) => r.addressedTo === level).map((r) => ({ inspectionId: i.inspectionId, pdu: i.pdu, text: r.text })));

  const cases = pooled.reduce((n, i) => n + i.assessment.cases.length, 0);
  const notes = [
    'Regions are not rated (3.10): this feedback draws together what the inspections of the region’s PDUs found.',
    `Each figure is the number of cases judged sufficient (n) of the cases where the question applied and was judged yes or no (N). Regional figures add up the cases of the region’s ${plural(pooled.length, 'inspection')} (${plural(cases, 'case')}); they are not averages of the PDUs’ percentages.`,
    rules.percentages.note ??
      (rules.percentages.rounding === 'none'
        ? 'Percentages are not rounded.'
        : `Percentages are rounded to ${rules.percentages.decimals === 0 ? 'whole numbers' : `${rules.percentages.decimals} decimal places`} (half up), and the rounded figure is compared with the band edges.`),
    `Figures from fewer than ${FEW_CASES} cases are marked "fewer than ${FEW_CASES} cases": they are too few to rely on.`,
    `A theme is a key question or prompt on which more than half of the ${unitWord} with cases for it fell below a band edge (a concern) or reached one (a strength). For key questions the edges are those of the rating bands; prompts are not rated, so only "fewer than half answered yes" is looked for. Themes are listed with the most widespread first.`,
    nationalPool
      ? `National figures pool every case of the ${plural(nationalPool.inspections, 'PDU inspection')} (${plural(nationalPool.cases, 'case')}) whose fieldwork began in ${input.year.label} and whose findings have reached the service, this region’s included.`
      : 'No national figures are shown for this year.',
    ...framework.standards
      .filter((s) => framework.treatment(s.id) === 'national-only')
      .map((s) => `${s.id} ${s.name} is not shown by region: ${rules.standards.find((x) => x.standard === s.id)?.reason ?? 'it is reported nationally.'}`),
    ...inspections
      .filter((i) => i.framework.key !== framework.key)
      .map((i) => `${i.pdu} (fieldwork from ${i.fieldworkStart}) was assessed under ${i.framework.key}, not ${framework.key}: its ratings are shown but its cases are not in the pooled figures.`),
  ];

  return {
    region: input.region,
    year: input.year,
    framework: { key: framework.key, title: framework.definition.title },
    scale,
    isDemo: inspections.some((i) => i.isDemo),
    unitWord,
    inspections: inspections.map((i) => ({
      inspectionId: i.inspectionId,
      pdu: i.pdu,
      fieldworkStart: i.fieldworkStart,
      fieldworkEnd: i.fieldworkEnd,
      reportStatus: i.reportStatus,
      isDemo: i.isDemo,
      cases: i.assessment.cases.length,
      frameworkKey: i.framework.key,
      pooled: i.framework.key === framework.key,
      overall: { rating: i.ratings.overall.rating, score: i.ratings.overall.score, maxScore: i.ratings.overall.maxScore },
    })),
    cases,
    ratings: { columns, rows },
    distributions,
    keyQuestions,
    prompts,
    themes: { concerns, strengths, lowestPrompts: lowestPrompts(framework, prompts), note: themeNote },
    rationales,
    recommendations: { region: addressedTo('region'), national: addressedTo('national'), pdu: groupByStandard(framework, addressedTo('pdu')) },
    national: nationalPool ? { inspections: nationalPool.inspections, cases: nationalPool.cases } : null,
    notes,
  };
}

/** The national pool of one framework version: every case of the year's inspections under it. */
export function nationalPool(framework: Framework, assessments: readonly InspectionAssessment[]): NationalPool {
  return {
    frameworkKey: framework.key,
    inspections: assessments.length,
    cases: assessments.reduce((n, a) => n + a.cases.length, 0),
    counts: addCounts(assessments.map((a) => countItems(framework, a))),
  };
}

/** The key-question rows standard by standard, in the order the standards first appear. */
export function keyQuestionsByStandard(rows: readonly KeyQuestionRow[]): { standardId: string; standardName: string; rated: boolean; keyQuestions: KeyQuestionRow[] }[] {
  return [...new Set(rows.map((k) => k.standardId))].map((standardId) => {
    const keyQuestions = rows.filter((k) => k.standardId === standardId);
    return { standardId, standardName: keyQuestions[0]!.standardName, rated: keyQuestions[0]!.rated, keyQuestions };
  });
}
