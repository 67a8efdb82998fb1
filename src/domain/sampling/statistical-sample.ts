// For inspections that sample rather than take every case (youth inspections, thematics): the
// sample size for a confidence level and margin of error, and a random draw anyone can repeat
// from the recorded seed, optionally stratified (for example by RoSH level).
//
// Size: n0 = z²·p(1−p)/e², then the finite population correction n = n0 / (1 + (n0 − 1)/N),
// rounded up. p = 0.5 unless a better estimate is known (it gives the largest sample).
import { seededRandom } from './seeded-random.ts';
import { allocate, type Allocation } from './allocation.ts';

export interface SampleSizeRequest {
  /** Cases to sample from (N). */
  population: number;
  /** 0.95 for 95%. */
  confidence?: number;
  /** Half-width of the interval wanted, as a proportion: 0.05 for ±5 points. */
  margin: number;
  /** Expected proportion; 0.5 is the cautious default. */
  proportion?: number;
}

export interface SampleSize {
  z: number;
  /** n0, before the correction, unrounded. */
  initial: number;
  /** Cases to sample, never more than the population. */
  size: number;
}

/** Acklam's rational approximation of the standard normal quantile (relative error under 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const poly = (k: number[], x: number) => k.reduce((acc, v) => acc * x + v, 0);
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** The two-sided z for a confidence level: 1.96 for 0.95. */
export const zFor = (confidence: number): number => normalQuantile(1 - (1 - confidence) / 2);

export function sampleSize(request: SampleSizeRequest): SampleSize {
  const { population, confidence = 0.95, margin, proportion = 0.5 } = request;
  if (!Number.isInteger(population) || population < 0) throw new RangeError(`population must be a whole number of cases, not ${population}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence is a proportion between 0 and 1 (0.95 for 95%), not ${confidence}`);
  if (!(margin > 0 && margin < 1)) throw new RangeError(`margin is a proportion between 0 and 1 (0.05 for ±5 points), not ${margin}`);
  if (!(proportion >= 0 && proportion <= 1)) throw new RangeError(`proportion is between 0 and 1, not ${proportion}`);
  const z = zFor(confidence);
  const initial = (z * z * proportion * (1 - proportion)) / (margin * margin);
  if (population === 0) return { z, initial, size: 0 };
  const corrected = initial / (1 + (initial - 1) / population);
  // The 1e-9 keeps an exact whole number from rounding up on floating-point dust.
  return { z, initial, size: Math.min(population, Math.ceil(corrected - 1e-9)) };
}

/** What was drawn and how, enough to draw it again. */
export interface SampleDraw {
  seed: number;
  populationSize: number;
  requested: number;
  /** Keys drawn, in key order. */
  drawn: string[];
  /** Present when stratified: each stratum's population and allocation. */
  strata?: Allocation[];
}

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`a seed is a whole number from 0 to 4294967295, not ${seed}`);
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `size` keys drawn without replacement: a partial Fisher-Yates shuffle of the keys in order. */
function drawFrom(keys: readonly string[], size: number, random: () => number): string[] {
  const pool = [...keys].sort(byKey);
  const take = Math.max(0, Math.min(size, pool.length));
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take).sort(byKey);
}

/**
 * A simple random sample of `size` keys (case references, which must be unique). The keys are put
 * in order first, so the draw depends only on the seed and the set of keys, not on file order.
 */
export function drawSample(keys: readonly string[], size: number, seed: number): SampleDraw {
  checkSeed(seed);
  const drawn = drawFrom(keys, size, seededRandom(seed));
  return { seed, populationSize: keys.length, requested: size, drawn };
}

/** A stratified random sample: sizes by proportional allocation, then a draw within each stratum,
 * strata taken in name order from one seeded sequence. */
export function drawStratifiedSample(population: readonly { key: string; stratum: string }[], size: number, seed: number): SampleDraw {
  checkSeed(seed);
  const groups = new Map<string, string[]>();
  for (const { key, stratum } of population) {
    const keys = groups.get(stratum);
    if (keys) keys.push(key);
    else groups.set(stratum, [key]);
  }
  const names = [...groups.keys()].sort(byKey);
  const strata = allocate(names.map((stratum) => ({ stratum, population: groups.get(stratum)!.length })), size);
  const random = seededRandom(seed);
  const drawn = strata.flatMap((s) => drawFrom(groups.get(s.stratum)!, s.allocated, random)).sort(byKey);
  return { seed, populationSize: population.length, requested: size, drawn, strata };
}
