// The annual national report as data, built from a data cut alone: national and regional ratings,
// key-question percentages pooled from every case and broken down by risk of serious harm level,
// sentence type, gender and ethnicity, statutory victim work rated nationally from pooled cases
// (3.16-3.17), outcomes unrated, the survey pooled, and the year before beside it where the
// framework allows. Pure: the same cut and framework versions always give the same report.
//
// A report is for one kind of inspection (PDUs, youth justice services) and is worded by its
// framework version's regime. Where the year's inspections span versions (youth 2018 and 2021),
// they are pooled wherever the versions' diff says a standard is comparable; elsewhere the figure
// counts the report's version only and says why the others are not comparable (versions.ts).
// Standards rated separately (youth resettlement), court and out-of-court work side by side (the
// case-type attribute's values) and the overall scores are shown when the framework has them.
import type { Framework } from '../framework/framework.ts';
import { keyQuestionFromCounts } from '../rating/engine.ts';
import { explainCaseRating } from '../rating/explain.ts';
import { ratingColumns, ratingCounts, type RatingCounts } from '../rating/distribution.ts';
import { percentage } from '../rating/percentages.ts';
import { FEWEST_CASES_SHOWN } from '../disclosure/thresholds.ts';
import { MINIMUM_GROUP_SIZE } from '../survey/results.ts';
import { businessYear, type BusinessYear } from './business-year.ts';
import { type Breakdown, type CutCase, type CutInspection, type CutItem, type CutPool, type DataCut } from './data-cut.ts';
import { versionComparison, type VersionComparison } from './versions.ts';
import { applyWithholding, inspectionFigures, type Countable, type PublishedElsewhere } from './withheld-figures.ts';

/** Figures from fewer cases than this are withheld: too few to be reliable, and people could be recognised. */
export const SMALL_NUMBER = FEWEST_CASES_SHOWN;
// Survey statements answered by fewer than MINIMUM_GROUP_SIZE people are withheld, as in the PDU report.
// Beyond those, figures that would let a withheld one be worked out by subtraction are withheld too
// (withheld-figures.ts): `suppressed` is true for both, and the published outputs do not say which.

/** An annual report is published once its publication date has come. */
export const annualReportPublished = (stored: { status: 'draft' | 'published'; publishOn: string | null }, today: string): boolean =>
  stored.status === 'published' && stored.publishOn !== null && stored.publishOn <= today;

export interface Figure {
  sufficient: number;
  applicable: number;
  percentage: number | null;
  /** Not shown: fewer than SMALL_NUMBER applicable cases, or it would let another withheld figure be worked out. */
  suppressed: boolean;
}

export interface KeyQuestionFigures {
  id: string;
  standardId: string;
  standardName: string;
  text: string;
  national: Figure;
  /** By region name. */
  regions: Record<string, Figure>;
  /** By breakdown, then by value ('' is not recorded). */
  breakdowns: Record<Breakdown, Record<string, Figure>>;
  /** Cases of other framework versions left out of these figures, and why (from the versions' diff). */
  notComparable: NotComparable | null;
}

/** Inspections or cases under another framework version that a figure leaves out, with the diff's reasons. */
export interface NotComparable {
  /** The versions left out. */
  versions: string[];
  /** How many inspections (ratings) or cases (key questions) were left out. */
  left: number;
  reason: string;
}

export interface StandardDistribution extends RatingCounts {
  id: string;
  name: string;
  byRegion: ({ region: string } & RatingCounts)[];
  notComparable: NotComparable | null;
}

/** A standard rated on its own, outside the overall score (youth resettlement). */
export interface SeparateStandard extends RatingCounts {
  id: string;
  name: string;
  reason: string | null;
  /** What a relevant case is, when the standard is not rated without one. */
  relevantCases: string | null;
  notComparable: NotComparable | null;
}

/** The case-assessed standards side by side for each value of the case-type attribute (court, out-of-court). */
export interface CaseTypeComparison {
  attribute: { id: string; label: string };
  values: { value: string; label: string; cases: number }[];
  /** One row per standard name (Assessment, Planning …); a cell per value, null where no standard of that name applies. */
  rows: {
    name: string;
    cells: ({ standardId: string; keyQuestions: number; figure: Figure; ratings: RatingCounts } | null)[];
  }[];
}

export interface ScoreDistribution {
  maxScore: number;
  bands: { rating: string; minScore: number; maxScore: number; inspections: number }[];
  /** Each score some inspection had, highest first. */
  scores: { score: number; inspections: number }[];
  notComparable: NotComparable | null;
}

export interface VictimWork {
  standardId: string;
  name: string;
  reason: string | null;
  rating: string | null;
  explanation: string;
  casesApplicable: number;
  keyQuestions: { id: string; text: string; figure: Figure; band: string | null }[];
}

export interface Comparison {
  previousYear: BusinessYear;
  frameworks: { key: string; title: string; inspections: number }[];
  /** Plain statements of what changed between the years' frameworks. */
  notes: string[];
  rows: {
    id: string;
    text: string;
    current: Figure;
    previous: Figure | null;
    /** Percentage points, when both figures are shown and comparable. */
    change: number | null;
    comparability: 'same-framework' | 'same-wording' | 'not-comparable' | 'not-inspected';
    reason: string;
  }[];
  /** Ratings by standard this year and the year before, where the versions' diff allows. */
  standards: {
    id: string;
    name: string;
    current: RatingCounts;
    previous: RatingCounts | null;
    comparability: 'same-framework' | 'same-wording' | 'not-comparable' | 'not-inspected';
    reason: string;
  }[];
  overall: { current: RatingCounts; previous: RatingCounts | null; reason: string };
}

export interface SurveyFigures {
  inspections: number;
  contacted: number;
  responded: number;
  responseRate: number | null;
  statements: { id: string; text: string; agree: number; answered: number; percentage: number | null; suppressed: boolean }[];
}

export interface AnnualReport {
  title: string;
  year: BusinessYear;
  /** What was inspected: the framework's regime.organisationKind, in its words. */
  kind: { id: string; singular: string; plural: string; people: string };
  framework: { key: string; title: string };
  /** Every framework version the year's inspections were made under, the report's first. */
  versions: { key: string; title: string; inspections: number; cases: number }[];
  /** Standards the year's versions' diff says cannot be compared, with its reasons. */
  notComparable: { standard: string; name: string; reason: string }[];
  isDemo: boolean;
  scale: string[];
  scope: {
    inspections: number;
    cases: number;
    regions: { name: string; inspections: number; cases: number }[];
    firstFieldwork: string | null;
    lastFieldwork: string | null;
  };
  inspections: { id: number; organisation: string; region: string; fieldworkStart: string; publishedOn: string; overall: string | null; score: number; maxScore: number; frameworkKey: string }[];
  ratings: StandardDistribution[];
  separately: SeparateStandard[];
  caseTypes: CaseTypeComparison | null;
  scores: ScoreDistribution;
  breakdowns: { id: Breakdown; label: string; values: { value: string; label: string; cases: number }[] }[];
  keyQuestions: KeyQuestionFigures[];
  victimWork: VictimWork[];
  outcomes: { standardId: string; name: string; reason: string | null; questions: { id: string; text: string; figure: Figure }[] }[];
  survey: SurveyFigures | null;
  comparison: Comparison;
}

type Frameworks = ReadonlyMap<string, Framework>;

const frameworkFor = (frameworks: Frameworks, key: string): Framework => {
  const f = frameworks.get(key);
  if (!f) throw new Error(`The data cut needs framework version ${key}, which is not loaded`);
  return f;
};

/** Counts of one item over some cases. */
function count(cases: readonly CutCase[], index: number): { sufficient: number; applicable: number; missing: number; notApplicable: number } {
  let sufficient = 0;
  let applicable = 0;
  let missing = 0;
  for (const c of cases) {
    const v = c.values[index];
    if (v === 'y') {
      sufficient++;
      applicable++;
    }
    else if (v === 'n') applicable++;
    else if (v === '?') missing++;
  }
  return { sufficient, applicable, missing, notApplicable: cases.length - applicable - missing };
}

function figure(framework: Framework, cases: readonly CutCase[], index: number): Figure {
  const { sufficient, applicable } = count(cases, index);
  return { sufficient, applicable, percentage: percentage(sufficient, applicable, framework.definition.rules.percentages), suppressed: applicable < SMALL_NUMBER };
}

/** Each inspection's applicable cases for one item: the figures open data publishes per PDU inspection. */
function perInspection(inspections: readonly { id: number }[], cases: readonly CutCase[], index: number): { inspection: number; applicable: number }[] {
  const applicable = new Map(inspections.map((i) => [i.id, 0]));
  for (const c of cases) if (c.values[index] === 'y' || c.values[index] === 'n') applicable.set(c.inspection, (applicable.get(c.inspection) ?? 0) + 1);
  return [...applicable].map(([inspection, n]) => ({ inspection, applicable: n }));
}

/** One figure that is the sum of PDU figures published elsewhere, withheld if they would give one away. */
function nationalOf<F extends Countable>(national: F, elsewhere: PublishedElsewhere[], minimum = SMALL_NUMBER): F {
  return applyWithholding({ cells: [{ id: 'national', figure: national }], elsewhere, sums: [{ total: 'national', parts: elsewhere.map((e) => e.id) }], minimum }).get('national')!;
}

const groupBy = <T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const group = map.get(k);
    if (group) group.push(t);
    else map.set(k, [t]);
  }
  return map;
};

const valueLabel = (value: string): string => (value === '' ? 'Not recorded' : value.charAt(0).toUpperCase() + value.slice(1).replace(/-/g, ' '));

/** The year's inspections of every version as one pool in the report's items, and what was left out of it. */
interface MergedYear {
  pool: CutPool;
  /** Each inspection's framework version. */
  versionOf: Map<number, Framework>;
  /** By item id: the cases of other versions left out and why. */
  leftOut: Map<string, NotComparable>;
}

function mergeYear(framework: Framework, cut: DataCut, frameworks: Frameworks, compare: VersionComparison): MergedYear {
  const pool = cut.current;
  const versionOf = new Map(pool.inspections.map((i) => [i.id, framework]));
  const leftOut = new Map<string, NotComparable>();
  const others = cut.sameYear ?? [];
  if (!others.length) return { pool, versionOf, leftOut };
  const cases = [...pool.cases];
  const inspections = [...pool.inspections];
  for (const other of others) {
    const fw = frameworkFor(frameworks, other.frameworkKey);
    for (const i of other.inspections) versionOf.set(i.id, fw);
    inspections.push(...other.inspections);
    // For each of the report's items, where the other version's value comes from (-1: left out).
    const from = pool.items.map((item) => {
      const index = other.items.findIndex((o) => o.id === item.id);
      const reason =
        index < 0
          ? `${item.id} is not in ${other.frameworkKey}`
          : other.items[index]!.text !== item.text
            ? `${item.id} worded differently in ${other.frameworkKey}`
            : compare.keyQuestion(fw, item.standardId, item.id);
      if (reason) {
        const entry = leftOut.get(item.id) ?? { versions: [], left: 0, reason: '' };
        entry.versions.push(other.frameworkKey);
        entry.left += other.cases.length;
        entry.reason = entry.reason ? `${entry.reason}; ${reason}` : reason;
        leftOut.set(item.id, entry);
        return -1;
      }
      return index;
    });
    for (const c of other.cases) cases.push({ ...c, values: from.map((index) => (index < 0 ? '-' : (c.values[index] ?? '-'))).join('') });
  }
  inspections.sort((a, b) => a.id - b.id);
  return { pool: { ...pool, inspections, cases }, versionOf, leftOut };
}

/** The inspections whose version can be compared for one rating, and a note of those left out. */
function comparableInspections(
  inspections: readonly CutInspection[],
  versionOf: ReadonlyMap<number, Framework>,
  why: (fw: Framework) => string | null,
): { included: CutInspection[]; notComparable: NotComparable | null } {
  const included: CutInspection[] = [];
  const versions = new Map<string, string>();
  let left = 0;
  for (const i of inspections) {
    const fw = versionOf.get(i.id);
    const reason = fw ? why(fw) : null;
    if (!reason) included.push(i);
    else {
      left++;
      versions.set(fw!.key, reason);
    }
  }
  return { included, notComparable: left ? { versions: [...versions.keys()], left, reason: [...versions.values()].join('; ') } : null };
}

const ratingOf = (i: CutInspection, id: string) => (id === 'overall' ? i.overall.rating : i.ratings[id]);

const whyFor = (compare: VersionComparison, column: { id: string; kind: 'standard' | 'judgement' | 'overall' }) => (fw: Framework) =>
  column.kind === 'overall' ? compare.overall(fw) : column.kind === 'judgement' ? compare.judgement(fw, column.id) : compare.standard(fw, column.id);

function distributions(framework: Framework, merged: MergedYear, regions: readonly string[], compare: VersionComparison): StandardDistribution[] {
  const scale = framework.ratingScale;
  const of = (id: string, inspections: readonly CutInspection[]) => ratingCounts(scale, inspections.map((i) => ratingOf(i, id)));
  return ratingColumns(framework).map((column) => {
    const { included, notComparable } = comparableInspections(merged.pool.inspections, merged.versionOf, whyFor(compare, column));
    const byRegion = groupBy(included, (i) => i.region);
    return {
      id: column.id,
      name: column.name,
      ...of(column.id, included),
      byRegion: regions.map((region) => ({ region, ...of(column.id, byRegion.get(region) ?? []) })),
      notComparable,
    };
  });
}

function separately(framework: Framework, merged: MergedYear, compare: VersionComparison): SeparateStandard[] {
  const reasons = new Map(framework.definition.rules.standards.map((s) => [s.standard, s.reason ?? null]));
  return framework.standards
    .filter((s) => framework.treatment(s.id) === 'rated-separately')
    .map((s) => {
      const { included, notComparable } = comparableInspections(merged.pool.inspections, merged.versionOf, (fw) => compare.standard(fw, s.id));
      return {
        id: s.id,
        name: s.name,
        reason: reasons.get(s.id) ?? null,
        relevantCases: framework.notRatedWithoutCases(s.id)?.relevantCases ?? null,
        ...ratingCounts(framework.ratingScale, included.map((i) => i.ratings[s.id])),
        notComparable,
      };
    });
}

function caseTypes(framework: Framework, merged: MergedYear, keyQuestions: readonly KeyQuestionFigures[], breakdowns: AnnualReport['breakdowns'], ratings: readonly StandardDistribution[]): CaseTypeComparison | null {
  const attribute = framework.attributeWithRole('case-type');
  const breakdown = attribute && breakdowns.find((b) => b.id === attribute.id);
  if (!attribute || !breakdown) return null;
  const values = breakdown.values.filter((v) => v.value !== '');
  const { pool } = merged;
  const standards = framework.caseStandards.filter((s) => s.assessedBy === 'case-assessment' && framework.treatment(s.id) !== 'national-only');
  const appliesTo = (s: (typeof standards)[number], value: string) => !s.appliesWhen || s.appliesWhen.attribute !== attribute.id || s.appliesWhen.equals === value;
  const names = [...new Set(standards.map((s) => s.name))];
  const rows = names.map((name) => ({
    name,
    cells: values.map((v) => {
      const s = standards.find((x) => x.name === name && appliesTo(x, v.value));
      if (!s) return null;
      const cases = pool.cases.filter((c) => c.attributes[attribute.id] === v.value);
      const indexes = pool.items.flatMap((item, index) => (item.standardId === s.id && item.kind === 'key-question' ? [index] : []));
      let sufficient = 0;
      let applicable = 0;
      for (const index of indexes) {
        const c = count(cases, index);
        sufficient += c.sufficient;
        applicable += c.applicable;
      }
      // Withheld if any of its key questions' figures for this case type is: the pooled figure would give it away.
      const parts = keyQuestions.filter((k) => k.standardId === s.id).map((k) => k.breakdowns[attribute.id]?.[v.value]);
      const suppressed = applicable < SMALL_NUMBER || parts.some((f) => !f || f.suppressed);
      const rated = ratings.find((r) => r.id === s.id);
      return {
        standardId: s.id,
        keyQuestions: indexes.length,
        figure: { sufficient, applicable, percentage: percentage(sufficient, applicable, framework.definition.rules.percentages), suppressed },
        ratings: rated ? { counts: rated.counts, notRated: rated.notRated } : ratingCounts(framework.ratingScale, []),
      };
    }),
  }));
  return { attribute: { id: attribute.id, label: attribute.label }, values, rows };
}

function scores(framework: Framework, merged: MergedYear, compare: VersionComparison): ScoreDistribution {
  const { included, notComparable } = comparableInspections(merged.pool.inspections, merged.versionOf, (fw) => compare.overall(fw));
  const bands = framework.definition.rules.overallBands.bands;
  const maxScore = Math.max(...bands.map((b) => b.maxScore));
  const byScore = groupBy(included, (i) => String(i.overall.score));
  return {
    maxScore,
    bands: [...bands].reverse().map((b) => ({ rating: b.rating, minScore: b.minScore, maxScore: b.maxScore, inspections: included.filter((i) => i.overall.score >= b.minScore && i.overall.score <= b.maxScore).length })),
    scores: [...byScore.entries()].map(([score, list]) => ({ score: Number(score), inspections: list.length })).sort((a, b) => b.score - a.score),
    notComparable,
  };
}

function keyQuestionFigures(framework: Framework, merged: MergedYear, regions: readonly string[], breakdownValues: Record<Breakdown, string[]>): KeyQuestionFigures[] {
  const { pool } = merged;
  const regionOf = new Map(pool.inspections.map((i) => [i.id, i.region]));
  const byRegion = groupBy(pool.cases, (c) => regionOf.get(c.inspection) ?? '');
  const breakdownIds = framework.regime.breakdowns;
  const byValue = Object.fromEntries(breakdownIds.map((b) => [b, groupBy(pool.cases, (c) => c.attributes[b] ?? '')])) as Record<Breakdown, Map<string, CutCase[]>>;
  return pool.items.flatMap((item, index) => {
    const standard = framework.standard(item.standardId);
    if (item.kind !== 'key-question' || !standard || standard.assessedBy !== 'case-assessment' || framework.treatment(item.standardId) === 'national-only') return [];
    const raw = {
      national: figure(framework, pool.cases, index),
      regions: regions.map((r) => [r, figure(framework, byRegion.get(r) ?? [], index)] as const),
      breakdowns: breakdownIds.map((b) => [b, (breakdownValues[b] ?? []).map((v) => [v, figure(framework, byValue[b]?.get(v) ?? [], index)] as const)] as const),
    };
    // One table per key question: national = regions = each breakdown's groups; a region = its PDUs (open data).
    const regionId = (r: string) => `region:${r}`;
    const groupId = (b: Breakdown, v: string) => `${b}:${v}`;
    const elsewhere = inspectionFigures(perInspection(pool.inspections, pool.cases, index));
    const shown = applyWithholding({
      cells: [
        { id: 'national', figure: raw.national },
        ...raw.regions.map(([r, f]) => ({ id: regionId(r), figure: f })),
        ...raw.breakdowns.flatMap(([b, values]) => values.map(([v, f]) => ({ id: groupId(b, v), figure: f }))),
      ],
      elsewhere,
      sums: [
        { total: 'national', parts: regions.map(regionId) },
        ...breakdownIds.map((b) => ({ total: 'national', parts: (breakdownValues[b] ?? []).map((v) => groupId(b, v)) })),
        ...regions.map((r) => ({ total: regionId(r), parts: pool.inspections.filter((i) => i.region === r).map((i) => `pdu:${i.id}`) })),
      ],
      minimum: SMALL_NUMBER,
    });
    return [
      {
        id: item.id,
        standardId: item.standardId,
        standardName: standard.name,
        text: item.text,
        national: shown.get('national')!,
        regions: Object.fromEntries(regions.map((r) => [r, shown.get(regionId(r))!])),
        breakdowns: Object.fromEntries(breakdownIds.map((b) => [b, Object.fromEntries((breakdownValues[b] ?? []).map((v) => [v, shown.get(groupId(b, v))!]))])),
        notComparable: merged.leftOut.get(item.id) ?? null,
      },
    ];
  });
}

function victimWork(framework: Framework, pool: CutPool): VictimWork[] {
  const reasons = new Map(framework.definition.rules.standards.map((s) => [s.standard, s.reason ?? null]));
  return framework.caseStandards
    .filter((s) => framework.treatment(s.id) === 'national-only')
    .map((s) => {
      const indexes = pool.items.flatMap((item, index) => (item.standardId === s.id && item.kind === 'key-question' ? [{ item, index }] : []));
      const results = indexes.map(({ item, index }) => keyQuestionFromCounts(framework, item, count(pool.cases, index)));
      const explanation = explainCaseRating(framework, results);
      const casesApplicable = pool.cases.filter((c) => indexes.some(({ index }) => c.values[index] !== '-')).length;
      return {
        standardId: s.id,
        name: s.name,
        reason: reasons.get(s.id) ?? null,
        rating: explanation.band?.rating ?? null,
        explanation: `Rated nationally from ${casesApplicable} cases pooled across ${pool.inspections.length} inspections. ${explanation.summary}`,
        casesApplicable,
        keyQuestions: indexes.map(({ item, index }, i) => ({
          id: item.id,
          text: item.text,
          figure: figure(framework, pool.cases, index),
          band: results[i]!.band?.rating ?? null,
        })),
      };
    });
}

function outcomes(framework: Framework, pool: CutPool): AnnualReport['outcomes'] {
  const reasons = new Map(framework.definition.rules.standards.map((s) => [s.standard, s.reason ?? null]));
  return framework.caseStandards
    .filter((s) => s.assessedBy === 'case-outcomes')
    .map((s) => ({
      standardId: s.id,
      name: s.name,
      reason: reasons.get(s.id) ?? null,
      questions: pool.items.flatMap((item, index) => {
        if (item.standardId !== s.id || item.kind !== 'outcome-question') return [];
        const national = figure(framework, pool.cases, index);
        // Open data gives each PDU's outcome figures unless the standard is reported nationally only.
        const published = framework.treatment(s.id) !== 'national-only';
        return [{ id: item.id, text: item.text, figure: published ? nationalOf(national, inspectionFigures(perInspection(pool.inspections, pool.cases, index))) : national }];
      }),
    }));
}

function surveyFigures(framework: Framework, pool: CutPool): SurveyFigures | null {
  const surveyed = pool.inspections.filter((i) => i.survey);
  if (!surveyed.length) return null;
  const rules = framework.definition.rules.percentages;
  const contacted = surveyed.reduce((s, i) => s + i.survey!.contacted, 0);
  const responded = surveyed.reduce((s, i) => s + i.survey!.responded, 0);
  const statements = new Map<string, { id: string; text: string; agree: number; answered: number }>();
  for (const i of surveyed)
    for (const st of i.survey!.statements) {
      const entry = statements.get(st.id) ?? { id: st.id, text: st.text, agree: 0, answered: 0 };
      entry.agree += st.agree;
      entry.answered += st.answered;
      statements.set(st.id, entry);
    }
  return {
    inspections: surveyed.length,
    contacted,
    responded,
    responseRate: percentage(responded, contacted, rules),
    statements: [...statements.values()].map((s) => {
      const pooled = { ...s, percentage: percentage(s.agree, s.answered, rules), suppressed: s.answered < MINIMUM_GROUP_SIZE, applicable: s.answered };
      // Each PDU report gives its statement's agreement unless fewer than the minimum answered.
      const reports = surveyed.flatMap((i) =>
        i.survey!.statements.filter((st) => st.id === s.id).map((st) => ({ id: `pdu:${i.id}`, applicable: st.answered, withheld: st.answered < MINIMUM_GROUP_SIZE })),
      );
      const { applicable: _answered, ...shown } = nationalOf(pooled, reports, MINIMUM_GROUP_SIZE);
      return shown;
    }),
  };
}

/** The previous year's pooled figure for an item, from every pool where it can be compared. */
function comparison(
  framework: Framework,
  cut: DataCut,
  frameworks: Frameworks,
  compare: VersionComparison,
  merged: MergedYear,
  current: KeyQuestionFigures[],
  victim: VictimWork[],
  outcomeRows: AnnualReport['outcomes'],
): Comparison {
  const previousYear = businessYear(cut.year.start - 1);
  const notes: string[] = [];
  const other = cut.previous.filter((p) => p.frameworkKey !== cut.frameworkKey);
  if (!cut.previous.length) notes.push(`No inspections published from ${previousYear.label} to compare with.`);
  for (const p of other)
    notes.push(
      `${p.inspections.length} of the previous year's inspections were made under ${p.frameworkTitle} (${p.frameworkKey}), not ${framework.definition.title} (${cut.frameworkKey}). Their figures are compared only where a key question has the same number and wording and the versions' diff finds its standard unchanged; elsewhere they are not comparable.`,
    );
  for (const p of other) {
    const fw = frameworkFor(frameworks, p.frameworkKey);
    const changed = [...framework.standards.map((s) => s.id), ...fw.standards.map((s) => s.id).filter((id) => !framework.standard(id))].flatMap((id) => compare.standard(fw, id) ?? []);
    if (changed.length) notes.push(`Not comparable with ${p.frameworkKey}, as the versions' diff says: ${changed.join('; ')}.`);
  }
  const rowsIn: { id: string; text: string; current: Figure }[] = [
    ...current.map((k) => ({ id: k.id, text: k.text, current: k.national })),
    ...victim.flatMap((v) => v.keyQuestions.map((k) => ({ id: k.id, text: k.text, current: k.figure }))),
    ...outcomeRows.flatMap((o) => o.questions.map((q) => ({ id: q.id, text: q.text, current: q.figure }))),
  ];
  const rows = rowsIn.map(({ id, text, current: now }) => {
    let sufficient = 0;
    let applicable = 0;
    let found = false;
    const elsewhere: PublishedElsewhere[] = [];
    let sameFramework = true;
    const differences: string[] = [];
    for (const pool of cut.previous) {
      const index = pool.items.findIndex((item: CutItem) => item.id === id);
      if (index < 0) {
        differences.push(`not in ${pool.frameworkKey}`);
        continue;
      }
      const item = pool.items[index]!;
      const changed = pool.frameworkKey === cut.frameworkKey || item.text !== text ? null : compare.keyQuestion(frameworkFor(frameworks, pool.frameworkKey), item.standardId, id);
      if (changed) {
        differences.push(changed);
        continue;
      }
      const sameRules =
        JSON.stringify(frameworkFor(frameworks, pool.frameworkKey).definition.rules.percentages) === JSON.stringify(framework.definition.rules.percentages);
      if (pool.frameworkKey !== cut.frameworkKey && (item.text !== text || !sameRules)) {
        differences.push(item.text !== text ? `worded differently in ${pool.frameworkKey}` : `percentages rounded differently in ${pool.frameworkKey}`);
        continue;
      }
      if (pool.frameworkKey !== cut.frameworkKey) sameFramework = false;
      found = true;
      const c = count(pool.cases, index);
      sufficient += c.sufficient;
      applicable += c.applicable;
      if (frameworkFor(frameworks, pool.frameworkKey).treatment(item.standardId) !== 'national-only')
        elsewhere.push(...inspectionFigures(perInspection(pool.inspections, pool.cases, index)));
    }
    if (!found)
      return {
        id,
        text,
        current: now,
        previous: null,
        change: null,
        comparability: cut.previous.length ? ('not-comparable' as const) : ('not-inspected' as const),
        reason: cut.previous.length ? `Not comparable: ${differences.join('; ')}.` : 'No inspections the year before.',
      };
    const previous = nationalOf(
      { sufficient, applicable, percentage: percentage(sufficient, applicable, framework.definition.rules.percentages), suppressed: applicable < SMALL_NUMBER },
      elsewhere,
    );
    const shown = !now.suppressed && !previous.suppressed && now.percentage !== null && previous.percentage !== null;
    const decimals = framework.definition.rules.percentages.decimals;
    return {
      id,
      text,
      current: now,
      previous,
      change: shown ? Number((now.percentage! - previous.percentage!).toFixed(decimals)) : null,
      comparability: sameFramework ? ('same-framework' as const) : ('same-wording' as const),
      reason: sameFramework
        ? differences.length
          ? `Compared with the inspections under ${cut.frameworkKey} only (${differences.join('; ')}).`
          : 'Same framework version.'
        : `Framework version changed; the key question's wording did not.${differences.length ? ` Excludes: ${differences.join('; ')}.` : ''}`,
    };
  });
  const scale = framework.ratingScale;
  const previousInspections = cut.previous.flatMap((p) => p.inspections);
  const previousVersion = new Map(cut.previous.flatMap((p) => p.inspections.map((i) => [i.id, frameworkFor(frameworks, p.frameworkKey)] as const)));
  const sameVersion = cut.previous.every((p) => p.frameworkKey === cut.frameworkKey);
  const trend = (column: { id: string; kind: 'standard' | 'judgement' | 'overall' }) => {
    const why = whyFor(compare, column);
    const now = comparableInspections(merged.pool.inspections, merged.versionOf, why).included;
    const before = comparableInspections(previousInspections, previousVersion, why);
    const currentCounts = ratingCounts(scale, now.map((i) => ratingOf(i, column.id)));
    if (!previousInspections.length)
      return { current: currentCounts, previous: null, comparability: 'not-inspected' as const, reason: 'No inspections the year before.' };
    if (!before.included.length)
      return { current: currentCounts, previous: null, comparability: 'not-comparable' as const, reason: `${before.notComparable!.reason}.` };
    return {
      current: currentCounts,
      previous: ratingCounts(scale, before.included.map((i) => ratingOf(i, column.id))),
      comparability: sameVersion ? ('same-framework' as const) : ('same-wording' as const),
      reason: before.notComparable
        ? `Compared with ${before.included.length} of the year before's inspections; ${before.notComparable.left} left out: ${before.notComparable.reason}.`
        : sameVersion
          ? 'Same framework version.'
          : "Framework version changed; the versions' diff finds this standard unchanged.",
    };
  };
  const overallTrend = trend({ id: 'overall', kind: 'overall' });
  return {
    previousYear,
    frameworks: cut.previous.map((p) => ({ key: p.frameworkKey, title: p.frameworkTitle, inspections: p.inspections.length })),
    notes,
    rows,
    standards: ratingColumns(framework)
      .filter((c) => c.kind !== 'overall')
      .map((c) => ({ id: c.id, name: c.name, ...trend(c) })),
    overall: {
      current: overallTrend.current,
      previous: overallTrend.previous,
      reason: overallTrend.reason,
    },
  };
}

/** What the regime inspects, as its report's title says it ("probation services", "youth justice services"). */
function inspectedWords(framework: Framework): string {
  const match = /^An inspection of (.+) in \{organisation\}$/i.exec(framework.regime.report.title);
  return match ? match[1]! : framework.regime.organisation.plural;
}

export function buildAnnualReport(cut: DataCut, frameworks: Frameworks): AnnualReport {
  const framework = frameworkFor(frameworks, cut.frameworkKey);
  const compare = versionComparison(framework);
  const merged = mergeYear(framework, cut, frameworks, compare);
  const pool = merged.pool;
  const pools = [cut.current, ...(cut.sameYear ?? [])];
  const notComparable = (cut.sameYear ?? []).flatMap((other) => {
    const fw = frameworkFor(frameworks, other.frameworkKey);
    const ids = [...framework.standards.map((s) => s.id), ...fw.standards.map((s) => s.id).filter((id) => !framework.standard(id))];
    return ids.flatMap((id) => {
      const reason = compare.standard(fw, id);
      return reason ? [{ standard: id, name: (framework.standard(id) ?? fw.standard(id))!.name, reason }] : [];
    });
  });
  const regions = [...new Set(pool.inspections.map((i) => i.region))].sort((a, b) => a.localeCompare(b));
  const breakdowns = framework.regime.breakdowns.map((id) => {
    const attribute = framework.attribute(id);
    const present = new Set(pool.cases.map((c) => c.attributes[id] ?? ''));
    const ordered = [...(attribute?.values ?? []), ...[...present].filter((v) => v !== '' && !attribute?.values?.includes(v)).sort(), ...(present.has('') ? [''] : [])];
    return {
      id,
      label: attribute?.label ?? id,
      values: ordered.map((value) => ({ value, label: valueLabel(value), cases: pool.cases.filter((c) => (c.attributes[id] ?? '') === value).length })),
    };
  });
  const breakdownValues = Object.fromEntries(breakdowns.map((b) => [b.id, b.values.map((v) => v.value)])) as Record<Breakdown, string[]>;
  const regionCases = groupBy(pool.cases, (c) => pool.inspections.find((i) => i.id === c.inspection)?.region ?? '');
  const dates = pool.inspections.map((i) => i.fieldworkStart).sort();
  const keyQuestions = keyQuestionFigures(framework, merged, regions, breakdownValues);
  const ratings = distributions(framework, merged, regions, compare);
  const victim = victimWork(framework, pool);
  const outcomeRows = outcomes(framework, pool);
  const { regime } = framework;
  return {
    title: `Annual report: inspections of ${inspectedWords(framework)} ${cut.year.label}`,
    year: cut.year,
    kind: { id: regime.organisationKind, singular: regime.organisation.singular, plural: regime.organisation.plural, people: regime.people.plural },
    framework: { key: framework.key, title: framework.definition.title },
    versions: pools.map((p) => ({ key: p.frameworkKey, title: p.frameworkTitle, inspections: p.inspections.length, cases: p.cases.length })),
    notComparable,
    isDemo: pool.inspections.some((i) => i.isDemo),
    scale: framework.ratingScale,
    scope: {
      inspections: pool.inspections.length,
      cases: pool.cases.length,
      regions: regions.map((name) => ({ name, inspections: pool.inspections.filter((i) => i.region === name).length, cases: regionCases.get(name)?.length ?? 0 })),
      firstFieldwork: dates[0] ?? null,
      lastFieldwork: dates.at(-1) ?? null,
    },
    inspections: pool.inspections.map((i) => ({
      id: i.id,
      organisation: i.organisation,
      region: i.region,
      fieldworkStart: i.fieldworkStart,
      publishedOn: i.publishedOn,
      overall: i.overall.rating,
      score: i.overall.score,
      maxScore: i.overall.maxScore,
      frameworkKey: merged.versionOf.get(i.id)!.key,
    })),
    ratings,
    separately: separately(framework, merged, compare),
    caseTypes: caseTypes(framework, merged, keyQuestions, breakdowns, ratings),
    scores: scores(framework, merged, compare),
    breakdowns,
    keyQuestions,
    victimWork: victim,
    outcomes: outcomeRows,
    survey: surveyFigures(framework, pool),
    comparison: comparison(framework, cut, frameworks, compare, merged, keyQuestions, victim, outcomeRows),
  };
}
