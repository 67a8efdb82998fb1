// The annual national report as data, built from a data cut alone: national and regional ratings,
// key-question percentages pooled from every case and broken down by risk of serious harm level,
// sentence type, gender and ethnicity, statutory victim work rated nationally from pooled cases
// (3.16-3.17), outcomes unrated, the survey pooled, and the year before beside it where the
// framework allows. Pure: the same cut and framework versions always give the same report.
import type { Framework } from '../framework/framework.ts';
import { keyQuestionFromCounts } from '../rating/engine.ts';
import { explainCaseRating } from '../rating/explain.ts';
import { ratingColumns, ratingCounts, type RatingCounts } from '../rating/distribution.ts';
import { percentage } from '../rating/percentages.ts';
import { FEWEST_CASES_SHOWN } from '../disclosure/thresholds.ts';
import { MINIMUM_GROUP_SIZE } from '../survey/results.ts';
import { businessYear, type BusinessYear } from './business-year.ts';
import { type Breakdown, type CutCase, type CutItem, type CutPool, type DataCut } from './data-cut.ts';
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
}

export interface StandardDistribution extends RatingCounts {
  id: string;
  name: string;
  byRegion: ({ region: string } & RatingCounts)[];
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
  overall: { current: RatingCounts; previous: RatingCounts | null };
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
  framework: { key: string; title: string };
  isDemo: boolean;
  scale: string[];
  scope: {
    inspections: number;
    cases: number;
    regions: { name: string; inspections: number; cases: number }[];
    firstFieldwork: string | null;
    lastFieldwork: string | null;
  };
  inspections: { id: number; organisation: string; region: string; fieldworkStart: string; publishedOn: string; overall: string | null }[];
  ratings: StandardDistribution[];
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

function distributions(framework: Framework, pool: CutPool, regions: readonly string[]): StandardDistribution[] {
  const scale = framework.ratingScale;
  const byRegion = groupBy(pool.inspections, (i) => i.region);
  const of = (id: string, inspections: typeof pool.inspections) =>
    ratingCounts(scale, inspections.map((i) => (id === 'overall' ? i.overall.rating : i.ratings[id])));
  return ratingColumns(framework).map(({ id, name }) => ({
    id,
    name,
    ...of(id, pool.inspections),
    byRegion: regions.map((region) => ({ region, ...of(id, byRegion.get(region) ?? []) })),
  }));
}

function keyQuestionFigures(framework: Framework, pool: CutPool, regions: readonly string[], breakdownValues: Record<Breakdown, string[]>): KeyQuestionFigures[] {
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
function comparison(framework: Framework, cut: DataCut, frameworks: Frameworks, current: KeyQuestionFigures[], victim: VictimWork[], outcomeRows: AnnualReport['outcomes']): Comparison {
  const previousYear = businessYear(cut.year.start - 1);
  const notes: string[] = [];
  const other = cut.previous.filter((p) => p.frameworkKey !== cut.frameworkKey);
  if (!cut.previous.length) notes.push(`No inspections published from ${previousYear.label} to compare with.`);
  for (const p of other)
    notes.push(
      `${p.inspections.length} of the previous year's inspections were made under ${p.frameworkTitle} (${p.frameworkKey}), not ${framework.definition.title} (${cut.frameworkKey}). Their figures are compared only where a key question has the same number and wording; elsewhere they are not comparable.`,
    );
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
  return {
    previousYear,
    frameworks: cut.previous.map((p) => ({ key: p.frameworkKey, title: p.frameworkTitle, inspections: p.inspections.length })),
    notes,
    rows,
    overall: {
      current: ratingCounts(scale, cut.current.inspections.map((i) => i.overall.rating)),
      previous: previousInspections.length ? ratingCounts(scale, previousInspections.map((i) => i.overall.rating)) : null,
    },
  };
}

export function buildAnnualReport(cut: DataCut, frameworks: Frameworks): AnnualReport {
  const framework = frameworkFor(frameworks, cut.frameworkKey);
  const pool = cut.current;
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
  const keyQuestions = keyQuestionFigures(framework, pool, regions, breakdownValues);
  const victim = victimWork(framework, pool);
  const outcomeRows = outcomes(framework, pool);
  return {
    title: `Annual report: inspections of probation services ${cut.year.label}`,
    year: cut.year,
    framework: { key: framework.key, title: framework.definition.title },
    isDemo: pool.inspections.some((i) => i.isDemo),
    scale: framework.ratingScale,
    scope: {
      inspections: pool.inspections.length,
      cases: pool.cases.length,
      regions: regions.map((name) => ({ name, inspections: pool.inspections.filter((i) => i.region === name).length, cases: regionCases.get(name)?.length ?? 0 })),
      firstFieldwork: dates[0] ?? null,
      lastFieldwork: dates.at(-1) ?? null,
    },
    inspections: pool.inspections.map((i) => ({ id: i.id, organisation: i.organisation, region: i.region, fieldworkStart: i.fieldworkStart, publishedOn: i.publishedOn, overall: i.overall.rating })),
    ratings: distributions(framework, pool, regions),
    breakdowns,
    keyQuestions,
    victimWork: victim,
    outcomes: outcomeRows,
    survey: surveyFigures(framework, pool),
    comparison: comparison(framework, cut, frameworks, keyQuestions, victim, outcomeRows),
  };
}
