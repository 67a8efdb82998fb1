// The sample of SFO reviews the inspectorate quality-assures: a set share (about 20 per cent) of
// the reviews submitted in a period, stratified by region. Each region with any review gives
// max(1, its share rounded half up); the reviews are drawn from a seed, after ordering by
// reference, so the same register and seed always give the same sample whatever the file's order.
// The SFO QA team may then add or remove reviews by hand, each with a reason.
import { seededRandom } from '../sampling/seeded-random.ts';

export interface SampledReview {
  reviewRef: string;
  region: string;
  /** YYYY-MM-DD, or null while the review is not yet submitted (never sampled). */
  submittedOn: string | null;
}

export interface SampleRule {
  /** Share of each region's submitted reviews, more than 0 and at most 1. */
  share: number;
  /** 0 to 4294967295; the same seed draws the same reviews. */
  seed: number;
}

export interface Period {
  /** First and last day of submission, inclusive (YYYY-MM-DD); either may be left open. */
  from?: string;
  to?: string;
}

export interface RegionCount {
  submitted: number;
  selected: number;
}

export interface DrawnSample {
  /** References, in order. */
  selected: string[];
  /** Each region with a review submitted in the period, in name order. */
  byRegion: Record<string, RegionCount>;
}

export const MAX_SEED = 0xffffffff;

/** How a share or seed is wrong, for the caller to name the option or field; undefined when fine. */
export const shareProblem = (share: number): string | undefined =>
  Number.isFinite(share) && share > 0 && share <= 1 ? undefined : 'the share must be a number more than 0 and at most 1, e.g. 0.2';
export const seedProblem = (seed: number): string | undefined =>
  Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED ? undefined : `the seed must be a whole number from 0 to ${MAX_SEED}`;

/** A region's count: its share rounded half up, at least one, never more than it has. */
export const regionSampleSize = (submitted: number, share: number): number =>
  submitted === 0 ? 0 : Math.min(submitted, Math.max(1, Math.floor(submitted * share + 0.5)));

/** Code-point order, the same on every machine (localeCompare depends on the ICU data). */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The reviews submitted within the period. */
export const submittedIn = <R extends SampledReview>(reviews: readonly R[], period: Period = {}): R[] =>
  reviews.filter((r) => r.submittedOn !== null && (period.from === undefined || r.submittedOn >= period.from) && (period.to === undefined || r.submittedOn <= period.to));

/** Draws the sample from the reviews submitted in the period. References must be unique. */
export function drawSample(reviews: readonly SampledReview[], rule: SampleRule, period: Period = {}): DrawnSample {
  const problem = shareProblem(rule.share) ?? seedProblem(rule.seed);
  if (problem) throw new RangeError(problem);
  const byRegion = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const r of submittedIn(reviews, period)) {
    if (seen.has(r.reviewRef)) throw new RangeError(`review ${r.reviewRef} is listed twice`);
    seen.add(r.reviewRef);
    byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r.reviewRef]);
  }
  const random = seededRandom(rule.seed);
  const selected: string[] = [];
  const counts: Record<string, RegionCount> = {};
  for (const region of [...byRegion.keys()].sort(byCodePoint)) {
    const refs = byRegion.get(region)!.sort(byCodePoint);
    const size = regionSampleSize(refs.length, rule.share);
    // A partial Fisher-Yates shuffle: the first `size` places are a uniform draw.
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(random() * (refs.length - i));
      [refs[i], refs[j]] = [refs[j]!, refs[i]!];
    }
    selected.push(...refs.slice(0, size));
    counts[region] = { submitted: refs.length, selected: size };
  }
  return { selected: selected.sort(byCodePoint), byRegion: counts };
}

/** A review added to or removed from the drawn sample by hand, and why. */
export interface SampleChange {
  change: 'add' | 'remove';
  reviewRef: string;
  reason: string;
}

export const MAX_REASON_CHARACTERS = 2000;

/** Why a change cannot be made to the sample as it stands (undefined when it can). */
export function sampleChangeProblem(selected: ReadonlySet<string>, eligible: ReadonlySet<string>, change: SampleChange): string | undefined {
  const reason = change.reason.trim();
  if (!reason) return 'give the reason for the change';
  if (reason.length > MAX_REASON_CHARACTERS) return `the reason has ${reason.length} characters; it may have at most ${MAX_REASON_CHARACTERS}`;
  if (change.change === 'add') {
    if (!eligible.has(change.reviewRef)) return `review ${change.reviewRef} was not submitted in the sample's period, so it cannot be added`;
    if (selected.has(change.reviewRef)) return `review ${change.reviewRef} is already in the sample`;
  } else if (!selected.has(change.reviewRef)) return `review ${change.reviewRef} is not in the sample, so it cannot be removed`;
  return undefined;
}

/** The sample after the changes, in order; throws RangeError naming the first change that cannot be made. */
export function applySampleChanges(drawn: readonly string[], eligible: ReadonlySet<string>, changes: readonly SampleChange[]): string[] {
  const selected = new Set(drawn);
  changes.forEach((c, i) => {
    const problem = sampleChangeProblem(selected, eligible, c);
    if (problem) throw new RangeError(`change ${i + 1}: ${problem}`);
    if (c.change === 'add') selected.add(c.reviewRef);
    else selected.delete(c.reviewRef);
  });
  return [...selected].sort(byCodePoint);
}

/** Per region, how many were submitted in the period and how many are in the sample now. */
export function countByRegion(eligible: readonly SampledReview[], selected: readonly string[]): Record<string, RegionCount> {
  const chosen = new Set(selected);
  const counts: Record<string, RegionCount> = {};
  for (const r of [...eligible].sort((a, b) => byCodePoint(a.region, b.region))) {
    const c = (counts[r.region] ??= { submitted: 0, selected: 0 });
    c.submitted++;
    if (chosen.has(r.reviewRef)) c.selected++;
  }
  return counts;
}
