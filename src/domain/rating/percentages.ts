// Percentages, band look-up and distances to band edges, all by the framework's rules. Integer
// arithmetic keeps rounding exact at the edges (129 of 200 is 64.5%, never 64.4999%).
import type { Rules } from '../framework/schema.ts';
import type { BandPosition } from './result.ts';

export type PercentageRules = Rules['percentages'];
export type Band = Rules['keyQuestionBands'][number];

/** 100·n/N rounded as the rules say; null when there are no applicable cases. */
export function percentage(n: number, total: number, rules: PercentageRules): number | null {
  if (total === 0) return null;
  if (rules.rounding === 'none') return (100 * n) / total;
  const scale = 10 ** rules.decimals;
  // half-up: floor(100·scale·n/N + ½) = floor((2·100·scale·n + N) / 2N)
  return Math.floor((2 * 100 * scale * n + total) / (2 * total)) / scale;
}

/** Whether n of N reaches a band's lower edge. */
export function reaches(n: number, total: number, minPercent: number, rules: PercentageRules): boolean {
  if (rules.rounding === 'none') return 100 * n >= minPercent * total;
  return (percentage(n, total, rules) ?? 0) >= minPercent;
}

/** Index of the band n of N falls in (bands ascending). */
export function bandIndex(n: number, total: number, bands: readonly Band[], rules: PercentageRules): number {
  let index = 0;
  for (let i = 0; i < bands.length; i++) if (reaches(n, total, bands[i]!.minPercent, rules)) index = i;
  return index;
}

/** Fewest more sufficient cases (of the same N) to reach a band edge; null if even N of N cannot. */
export function casesToReach(n: number, total: number, minPercent: number, rules: PercentageRules): number | null {
  for (let k = 0; n + k <= total; k++) if (reaches(n + k, total, minPercent, rules)) return k;
  return null;
}

/** Fewest sufficient cases that would have to be judged insufficient to fall below a band edge. */
export function casesToFallBelow(n: number, total: number, minPercent: number, rules: PercentageRules): number | null {
  for (let k = 0; k <= n; k++) if (!reaches(n - k, total, minPercent, rules)) return k;
  return null;
}

/** The band's range as a reader sees it: "50-64%", "80% and over". */
export function bandRange(bands: readonly Band[], index: number, rules: PercentageRules): { min: number; max: number | null } {
  const next = bands[index + 1];
  const step = rules.rounding === 'none' ? 0 : 1 / 10 ** rules.decimals;
  return { min: bands[index]!.minPercent, max: next ? next.minPercent - step : null };
}

/** A band with its range: its rating, min and max. */
export function bandPosition(bands: readonly Band[], index: number, rules: PercentageRules): BandPosition {
  const { min, max } = bandRange(bands, index, rules);
  return { rating: bands[index]!.rating, min, max };
}

const Z95 = 1.959963984540054;
/** A proportion in percent to one decimal place. */
const toTenths = (x: number) => Math.round(x * 1000) / 10;

/** 95% Wilson score interval for n of N, in percent to one decimal place. */
export function wilsonInterval(n: number, total: number): { low: number; high: number } | null {
  if (total === 0) return null;
  const p = n / total;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denominator;
  return { low: Math.max(0, toTenths(centre - half)), high: Math.min(100, toTenths(centre + half)) };
}
