// The case sample's pools: where the framework file names them (regime.casePools: youth justice
// inspections sample court disposals and out-of-court disposals apart, because domain two's
// standards apply to the one and domain three's to the other), each value of the case-type
// attribute is a pool with its own caseload, its own eligible cases and its own sample. Without
// pools the whole caseload is one pool, and the sample is exactly as it always was.
//
// Within a pool the rules are the sample's usual ones: by the window method, every case of the pool
// that began in the pool's window (its months before fieldwork, with the window's length and move);
// by the statistical method, a sample of the pool's caseload sized for the confidence and margin
// (raised to the pool's minimum where the framework gives one), drawn at random from the recorded
// seed, stratified within the pool when asked. Pool n (counting from 0 in the framework's order) is
// drawn with seed + n (modulo 2^32), so the pools' draws are independent and each can be repeated.
import type { Framework } from '../framework/framework.ts';
import { caseStart, type EligibleCase } from './eligible-cases.ts';
import { drawSample, drawStratifiedSample, sampleSize, type SampleDraw, type SampleSize } from './statistical-sample.ts';
import { inWindow, type SamplingWindow } from './window.ts';

export interface CasePool {
  /** The case-type value of the pool's cases; null for the one pool of a framework without pools. */
  caseType: string | null;
  label: string;
  /** The pool's window lies this many calendar months before fieldwork. */
  monthsBeforeFieldwork: number;
  /** Null where the framework gives no number (not known, or not confirmed). */
  minimum: number | null;
  target: number | null;
  /** What is still to be confirmed about the pool. */
  note: string | null;
}

/** The framework's pools, in its order; one pool of every case when it names none. */
export function casePools(framework: Framework): CasePool[] {
  const months = framework.regime.sampleWindow.monthsBeforeFieldwork;
  const pools = framework.regime.casePools;
  if (!pools) return [{ caseType: null, label: 'Caseload', monthsBeforeFieldwork: months, minimum: null, target: null, note: null }];
  return pools.map((p) => ({
    caseType: p.caseType,
    label: p.label,
    monthsBeforeFieldwork: p.monthsBeforeFieldwork ?? months,
    minimum: p.minimum ?? null,
    target: p.target ?? null,
    note: p.note ?? null,
  }));
}

/** Whether the framework samples pools apart. */
export const hasPools = (framework: Framework): boolean => framework.regime.casePools !== undefined;

/** The attribute whose values are the pools (the case-type attribute), when the framework has pools. */
export const poolAttribute = (framework: Framework): string | undefined => (hasPools(framework) ? framework.attributeWithRole('case-type')?.id : undefined);

/** The pool a case belongs to; undefined for a case whose type is in no pool (it cannot be sampled). */
export function poolOf(framework: Framework, c: EligibleCase): CasePool | undefined {
  const pools = casePools(framework);
  const attribute = poolAttribute(framework);
  if (!attribute) return pools[0];
  return pools.find((p) => p.caseType === c.attributes[attribute]);
}

/** How the sample is chosen within each pool: the case sample's settings. */
export type PoolMethod =
  | { method: 'window' }
  | { method: 'statistical'; confidence: number; margin: number; stratifyBy: string | null; seed: number };

export interface PoolStatistical {
  /** The size for the confidence and margin, with the finite population correction. */
  size: SampleSize;
  /** The number drawn: the size, raised to the pool's minimum (never past the pool's caseload). */
  drawn: number;
  raisedToMinimum: boolean;
  draw: SampleDraw;
}

export interface PoolSelection {
  pool: CasePool;
  window: SamplingWindow;
  /** Cases of the pool in the caseload. */
  caseload: number;
  /** Cases the sample is taken from: those that began in the pool's window (window method), or
   * every case of the pool (statistical method, whose caseload is the eligible cases). */
  eligible: number;
  /** The pool's sample, by start date (window) or reference (statistical). */
  cases: EligibleCase[];
  statistical: PoolStatistical | null;
  /** The pool's sample holds fewer cases than its minimum (only when the framework gives one). */
  belowMinimum: boolean;
}

const byStartThenRef = (framework: Framework) => (a: EligibleCase, b: EligibleCase) => {
  const sa = caseStart(framework, a);
  const sb = caseStart(framework, b);
  return sa < sb ? -1 : sa > sb ? 1 : a.caseRef < b.caseRef ? -1 : a.caseRef > b.caseRef ? 1 : 0;
};
const byRef = (a: EligibleCase, b: EligibleCase) => (a.caseRef < b.caseRef ? -1 : a.caseRef > b.caseRef ? 1 : 0);

/** The seed pool `index` is drawn with. */
export const poolSeed = (seed: number, index: number): number => (seed + index) % 0x1_0000_0000;

/**
 * Each pool's eligible cases and sample. `windowFor` gives the window for a number of months before
 * fieldwork (the window's length and move are the sample's own).
 */
export function selectPools(framework: Framework, caseload: readonly EligibleCase[], how: PoolMethod, windowFor: (monthsBeforeFieldwork: number) => SamplingWindow): PoolSelection[] {
  const pools = casePools(framework);
  const attribute = poolAttribute(framework);
  return pools.map((pool, index) => {
    const window = windowFor(pool.monthsBeforeFieldwork);
    const cases = attribute ? caseload.filter((c) => c.attributes[attribute] === pool.caseType) : [...caseload];
    if (how.method === 'window') {
      const sample = cases.filter((c) => inWindow(window, caseStart(framework, c))).sort(byStartThenRef(framework));
      return { pool, window, caseload: cases.length, eligible: sample.length, cases: sample, statistical: null, belowMinimum: pool.minimum !== null && sample.length < pool.minimum };
    }
    const size = sampleSize({ population: cases.length, confidence: how.confidence, margin: how.margin });
    const drawn = Math.min(cases.length, Math.max(size.size, pool.minimum ?? 0));
    const seed = poolSeed(how.seed, index);
    const draw = how.stratifyBy
      ? drawStratifiedSample(cases.map((c) => ({ key: c.caseRef, stratum: c.attributes[how.stratifyBy!] ?? 'not recorded' })), drawn, seed)
      : drawSample(cases.map((c) => c.caseRef), drawn, seed);
    const keys = new Set(draw.drawn);
    const sample = cases.filter((c) => keys.has(c.caseRef)).sort(byRef);
    return {
      pool,
      window,
      caseload: cases.length,
      eligible: cases.length,
      cases: sample,
      statistical: { size, drawn, raisedToMinimum: drawn > size.size, draw },
      belowMinimum: pool.minimum !== null && sample.length < pool.minimum,
    };
  });
}
