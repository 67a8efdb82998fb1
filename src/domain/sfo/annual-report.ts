// The annual SFO report: from the year's quality-assured reviews (each signed off with its ratings
// and rationales), the number quality-assured, ratings overall and per standard, by region with
// small numbers withheld, timeliness and extensions, themes in the rationales, and the year beside
// the published years. Pure: the reviews, the framework's scale and standards, the regions, the
// reference history, the themes and the bank holidays are all given.
import { protectTable, type DisclosureCell, type TableSum } from '../disclosure/complementary-suppression.ts';
import { workingDaysBetween } from '../timeline/working-days.ts';
import { businessYearLabel, type PublishedYear, type RationaleTheme } from './annual-report-reference.ts';
import { themesIn } from './annual-report-themes.ts';

/** One review as the report reads it: quality-assured (signed off) in the year. */
export interface QualityAssuredReview {
  reviewRef: string;
  region: string;
  notifiedOn: string;
  submittedOn: string;
  extensionGranted: boolean;
  overall: string;
  /** Each standard's rating, by the standard's id. */
  standards: Readonly<Record<string, string>>;
  /** The inspector's rationales (each standard's and the overall). */
  rationales: readonly string[];
}

export interface AnnualReportSettings {
  /** The business year's first calendar year: 2024 is April 2024 to March 2025. */
  yearStart: number;
  /** The scale, best first. */
  ratings: readonly string[];
  standards: readonly { id: string; name: string }[];
  /** Every region, so a region with no review shows a 0. */
  regions: readonly string[];
  history: readonly PublishedYear[];
  themes: readonly RationaleTheme[];
  holidays: ReadonlySet<string>;
  /** A region's count from 1 to one under this is withheld (src/domain/disclosure). */
  fewestShown: number;
}

/** A published figure: the count and its percentage, or withheld (null) because it is small or would reveal one that is. */
export interface Figure {
  count: number | null;
  percent: number | null;
  withheld?: 'small' | 'complementary';
}

export interface Distribution {
  /** The reviews rated. */
  base: number;
  ratings: { rating: string; count: number; percent: number | null }[];
  goodOrBetter: { count: number; percent: number | null };
}

export interface RegionRow {
  region: string;
  reviews: Figure;
  ratings: { rating: string; figure: Figure }[];
  goodOrBetter: Figure;
  extensions: Figure;
  /** Working days from notification to submission, the median; withheld below the fewest shown. */
  medianWorkingDays: number | null;
}

export interface Spread {
  reviews: number;
  median: number | null;
  lowerQuartile: number | null;
  upperQuartile: number | null;
}

export interface ThemeRow {
  id: string;
  name: string;
  terms: readonly string[];
  reviews: number;
  percent: number | null;
  /** Of the reviews mentioning it, those rated below the good-or-better ratings overall. */
  belowGood: number;
  belowGoodPercent: number | null;
}

export interface YearRow {
  year: string;
  source: 'published' | 'this report';
  reviews: number;
  goodOrBetterPercent: number | null;
  ratingPercents: Record<string, number | null>;
  extensionPercent: number | null;
}

export interface AnnualSfoReport {
  year: string;
  yearStart: number;
  period: { from: string; to: string };
  reviews: number;
  /** "Good or Outstanding": the better half of the scale. */
  goodOrBetterLabel: string;
  overall: Distribution;
  standards: { id: string; name: string; distribution: Distribution }[];
  regions: RegionRow[];
  /** The regions' cells withheld to protect small ones, and any still derivable (none when the national figures allow it). */
  suppression: { fewestShown: number; withheld: number; complementary: number; unprotectable: string[] };
  timeliness: { all: Spread; withExtension: Spread; withoutExtension: Spread; extensions: { count: number; percent: number | null } };
  themes: ThemeRow[];
  yearOnYear: YearRow[];
}

/** A whole-number percentage, half up; none of nothing. */
export const percentOf = (count: number, base: number): number | null => (base > 0 ? Math.floor((count * 100) / base + 0.5) : null);

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The reviews' problems a report must not be built over (a bug upstream, not the user's): named by review and field. */
export function reviewProblems(reviews: readonly QualityAssuredReview[], settings: Pick<AnnualReportSettings, 'ratings' | 'standards' | 'regions'>): string[] {
  const problems: string[] = [];
  const scale = new Set(settings.ratings);
  const regions = new Set(settings.regions);
  const seen = new Set<string>();
  for (const r of reviews) {
    if (seen.has(r.reviewRef)) problems.push(`${r.reviewRef}: given twice`);
    seen.add(r.reviewRef);
    if (!regions.has(r.region)) problems.push(`${r.reviewRef} region: ${r.region} is not a region`);
    if (!scale.has(r.overall)) problems.push(`${r.reviewRef} overall: ${r.overall} is not on the scale`);
    for (const s of settings.standards) if (!scale.has(r.standards[s.id] ?? '')) problems.push(`${r.reviewRef} standard ${s.id}: ${r.standards[s.id] ?? 'not rated'} is not on the scale`);
    if (!isoDate.test(r.notifiedOn) || !isoDate.test(r.submittedOn) || r.submittedOn < r.notifiedOn) problems.push(`${r.reviewRef} dates: notified ${r.notifiedOn}, submitted ${r.submittedOn}`);
  }
  return problems;
}

function distribution(ratings: readonly string[], given: readonly string[], better: ReadonlySet<string>): Distribution {
  const counts = new Map(ratings.map((r) => [r, 0]));
  for (const g of given) counts.set(g, (counts.get(g) ?? 0) + 1);
  const good = given.filter((g) => better.has(g)).length;
  return {
    base: given.length,
    ratings: ratings.map((rating) => ({ rating, count: counts.get(rating)!, percent: percentOf(counts.get(rating)!, given.length) })),
    goodOrBetter: { count: good, percent: percentOf(good, given.length) },
  };
}

/** Quartiles by the nearest-rank rule on sorted whole numbers. */
function spread(days: readonly number[]): Spread {
  const sorted = [...days].sort((a, b) => a - b);
  const rank = (p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]! : null);
  return { reviews: sorted.length, median: rank(0.5), lowerQuartile: rank(0.25), upperQuartile: rank(0.75) };
}

const cellId = (region: string, column: string) => `${region}\u0000${column}`;

/**
 * The regional table with small numbers withheld: each region's reviews, ratings, good-or-better
 * and extensions, where a count from 1 to under `fewestShown` is withheld, then as many more as
 * stop any being worked out from the region's total, the good-or-better sum or the national
 * figures (which are published, so fixed).
 */
function regionTable(reviews: readonly QualityAssuredReview[], settings: AnnualReportSettings, better: ReadonlySet<string>, days: Map<string, number>) {
  const columns = [...settings.ratings, 'goodOrBetter', 'extensions', 'noExtension'];
  const count = (rs: readonly QualityAssuredReview[], column: string) =>
    column === 'goodOrBetter' ? rs.filter((r) => better.has(r.overall)).length : column === 'extensions' ? rs.filter((r) => r.extensionGranted).length : column === 'noExtension' ? rs.filter((r) => !r.extensionGranted).length : rs.filter((r) => r.overall === column).length;
  const byRegion = new Map(settings.regions.map((region) => [region, reviews.filter((r) => r.region === region)]));
  const small = (n: number) => n > 0 && n < settings.fewestShown;
  const cells: DisclosureCell[] = [];
  const sums: TableSum[] = [];
  for (const [region, rs] of byRegion) {
    cells.push({ id: cellId(region, 'reviews'), value: rs.length, withheld: small(rs.length) });
    for (const column of columns) cells.push({ id: cellId(region, column), value: count(rs, column), withheld: small(count(rs, column)) });
    sums.push({ total: cellId(region, 'reviews'), parts: settings.ratings.map((r) => cellId(region, r)) });
    sums.push({ total: cellId(region, 'goodOrBetter'), parts: settings.ratings.filter((r) => better.has(r)).map((r) => cellId(region, r)) });
    sums.push({ total: cellId(region, 'reviews'), parts: [cellId(region, 'extensions'), cellId(region, 'noExtension')] });
  }
  // The national figures are published whole: fixed cells the regions' add up to.
  for (const column of ['reviews', ...columns]) {
    cells.push({ id: cellId('', column), value: column === 'reviews' ? reviews.length : count(reviews, column), withheld: false, fixed: true });
    sums.push({ total: cellId('', column), parts: settings.regions.map((region) => cellId(region, column)) });
  }
  const protection = protectTable({ cells, sums });
  const value = new Map(cells.map((c) => [c.id, c.value]));
  const primary = new Set(cells.filter((c) => c.withheld).map((c) => c.id));
  const figure = (region: string, column: string, base: Figure): Figure => {
    const id = cellId(region, column);
    if (protection.withheld.has(id)) return { count: null, percent: null, withheld: primary.has(id) ? 'small' : 'complementary' };
    const n = value.get(id)!;
    return { count: n, percent: base.count === null ? null : percentOf(n, base.count) };
  };
  const rows: RegionRow[] = [...byRegion].map(([region, rs]) => {
    const total = figure(region, 'reviews', { count: rs.length, percent: null });
    const reviewsFigure: Figure = { ...total, percent: total.count === null ? null : percentOf(rs.length, reviews.length) };
    const regionDays = rs.map((r) => days.get(r.reviewRef)!);
    return {
      region,
      reviews: reviewsFigure,
      ratings: settings.ratings.map((rating) => ({ rating, figure: figure(region, rating, total) })),
      goodOrBetter: figure(region, 'goodOrBetter', total),
      extensions: figure(region, 'extensions', total),
      medianWorkingDays: rs.length >= settings.fewestShown ? spread(regionDays).median : null,
    };
  });
  return { rows, protection, primary };
}

/** The better half of the scale ("Good or Outstanding" on the four-point scale). */
export function betterRatings(ratings: readonly string[]): string[] {
  return ratings.slice(0, Math.ceil(ratings.length / 2));
}

export function buildAnnualSfoReport(reviews: readonly QualityAssuredReview[], settings: AnnualReportSettings): AnnualSfoReport {
  const problems = reviewProblems(reviews, settings);
  if (problems.length) throw new RangeError(`The annual SFO report cannot be built: ${problems.join('; ')}`);
  // The same reviews in any order give the same report.
  const sorted = [...reviews].sort((a, b) => (a.reviewRef < b.reviewRef ? -1 : a.reviewRef > b.reviewRef ? 1 : 0));
  const better = betterRatings(settings.ratings);
  const betterSet = new Set(better);
  const year = businessYearLabel(settings.yearStart);
  const days = new Map(sorted.map((r) => [r.reviewRef, workingDaysBetween(r.notifiedOn, r.submittedOn, settings.holidays)]));
  const overall = distribution(settings.ratings, sorted.map((r) => r.overall), betterSet);
  const regional = regionTable(sorted, settings, betterSet, days);
  const extensions = sorted.filter((r) => r.extensionGranted).length;
  const themes = settings.themes.map((theme): ThemeRow => {
    const mentioning = sorted.filter((r) => themesIn(r.rationales, [theme]).length);
    const below = mentioning.filter((r) => !betterSet.has(r.overall)).length;
    return { id: theme.id, name: theme.name, terms: theme.terms, reviews: mentioning.length, percent: percentOf(mentioning.length, sorted.length), belowGood: below, belowGoodPercent: percentOf(below, mentioning.length) };
  });
  const thisYear: YearRow = {
    year,
    source: 'this report',
    reviews: sorted.length,
    goodOrBetterPercent: overall.goodOrBetter.percent,
    ratingPercents: Object.fromEntries(overall.ratings.map((r) => [r.rating, r.percent])),
    extensionPercent: percentOf(extensions, sorted.length),
  };
  const published = settings.history
    .filter((h) => h.year <= year)
    .map((h): YearRow => ({
      year: h.year,
      source: 'published',
      reviews: h.reviews,
      goodOrBetterPercent: h.goodOrBetterPercent ?? null,
      ratingPercents: Object.fromEntries(settings.ratings.map((r) => [r, h.ratingPercents?.[r] ?? null])),
      extensionPercent: h.extensionPercent ?? null,
    }));
  return {
    year,
    yearStart: settings.yearStart,
    period: { from: `${settings.yearStart}-04-01`, to: `${settings.yearStart + 1}-03-31` },
    reviews: sorted.length,
    goodOrBetterLabel: [...better].reverse().join(' or '),
    overall,
    standards: settings.standards.map((s) => ({ id: s.id, name: s.name, distribution: distribution(settings.ratings, sorted.map((r) => r.standards[s.id]!), betterSet) })),
    regions: regional.rows,
    suppression: {
      fewestShown: settings.fewestShown,
      withheld: regional.protection.withheld.size,
      complementary: regional.protection.complementary.length,
      unprotectable: regional.protection.unprotectable.map((id) => id.replace('\u0000', ' ')),
    },
    timeliness: {
      all: spread([...days.values()]),
      withExtension: spread(sorted.filter((r) => r.extensionGranted).map((r) => days.get(r.reviewRef)!)),
      withoutExtension: spread(sorted.filter((r) => !r.extensionGranted).map((r) => days.get(r.reviewRef)!)),
      extensions: { count: extensions, percent: percentOf(extensions, sorted.length) },
    },
    themes,
    yearOnYear: [...published, thisYear].sort((a, b) => a.year.localeCompare(b.year) || (a.source === 'published' ? -1 : 1)),
  };
}

/** The business year (its first calendar year) a date falls in: April to March. */
export const businessYearOf = (iso: string): number => Number(iso.slice(0, 4)) - (Number(iso.slice(5, 7)) < 4 ? 1 : 0);
