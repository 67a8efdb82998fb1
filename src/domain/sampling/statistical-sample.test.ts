import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocation.ts';
import { drawSample, drawStratifiedSample, sampleSize, zFor } from './statistical-sample.ts';

describe('sample size with the finite population correction', () => {
  it('gives the textbook figures', () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 5);
    expect(zFor(0.99)).toBeCloseTo(2.575829, 5);
    expect(zFor(0.9)).toBeCloseTo(1.644854, 5);
    // 95%, ±5 points, p = 0.5: n0 = 384.1; with N = 1,000 it is 278, with N = 100 it is 80.
    expect(sampleSize({ population: 1000, margin: 0.05 })).toMatchObject({ size: 278 });
    expect(sampleSize({ population: 1000, margin: 0.05 }).initial).toBeCloseTo(384.15, 1);
    expect(sampleSize({ population: 100, margin: 0.05 }).size).toBe(80);
    expect(sampleSize({ population: 1_000_000, margin: 0.05 }).size).toBe(384);
    expect(sampleSize({ population: 500, margin: 0.1, confidence: 0.9 }).size).toBe(60);
    expect(sampleSize({ population: 10, margin: 0.01 }).size).toBe(10);
    expect(sampleSize({ population: 0, margin: 0.05 }).size).toBe(0);
  });

  it('refuses impossible requests', () => {
    expect(() => sampleSize({ population: -1, margin: 0.05 })).toThrow(RangeError);
    expect(() => sampleSize({ population: 10.5, margin: 0.05 })).toThrow(RangeError);
    expect(() => sampleSize({ population: 10, margin: 5 })).toThrow(/0.05 for ±5 points/);
    expect(() => sampleSize({ population: 10, margin: 0.05, confidence: 95 })).toThrow(/0.95 for 95%/);
  });

  const request = fc.record({
    population: fc.integer({ min: 1, max: 100_000 }),
    confidence: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
    proportion: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  });

  it('never exceeds the population and shrinks (or holds) as the margin grows', () => {
    fc.assert(
      fc.property(request, fc.double({ min: 0.005, max: 0.5, noNaN: true }), fc.double({ min: 0.005, max: 0.5, noNaN: true }), (r, a, b) => {
        const [small, large] = a < b ? [a, b] : [b, a];
        const tight = sampleSize({ ...r, margin: small }).size;
        const loose = sampleSize({ ...r, margin: large }).size;
        expect(tight).toBeLessThanOrEqual(r.population);
        expect(tight).toBeGreaterThanOrEqual(1);
        expect(loose).toBeLessThanOrEqual(tight);
      }),
    );
  });
});

describe('proportional allocation across strata', () => {
  it('shares by largest remainder, summing exactly', () => {
    const strata = [
      { stratum: 'low', population: 22 },
      { stratum: 'medium', population: 56 },
      { stratum: 'high', population: 20 },
      { stratum: 'very-high', population: 2 },
    ];
    // Shares of 30: 6.6, 16.8, 6.0, 0.6. Very high is raised to one; the other 29 go to the 98
    // others: 6.51, 16.57, 5.92, so medium and high get the two spare cases.
    expect(allocate(strata, 30).map((a) => [a.stratum, a.allocated, a.raisedToOne])).toEqual([
      ['low', 6, false],
      ['medium', 17, false],
      ['high', 6, false],
      ['very-high', 1, true],
    ]);
    // With too few to go round, the smallest strata can get none.
    expect(allocate(strata, 3).map((a) => a.allocated)).toEqual([1, 2, 0, 0]);
    expect(allocate(strata, 1000).map((a) => a.allocated)).toEqual([22, 56, 20, 2]);
    expect(allocate([{ stratum: 'none', population: 0 }, { stratum: 'all', population: 5 }], 2).map((a) => a.allocated)).toEqual([0, 2]);
  });

  const strata = fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 })
    .chain((names) => fc.tuple(...names.map((stratum) => fc.integer({ min: 0, max: 300 }).map((population) => ({ stratum, population })))));

  it('sums exactly, never exceeds a stratum, gives every stratum one when the total allows, and stays within one case of proportional', () => {
    fc.assert(
      fc.property(strata, fc.integer({ min: 0, max: 1500 }), (ss, total) => {
        const N = ss.reduce((s, x) => s + x.population, 0);
        const n = Math.min(total, N);
        const result = allocate(ss, total);
        expect(result.reduce((s, a) => s + a.allocated, 0)).toBe(n);
        for (const a of result) expect(a.allocated).toBeLessThanOrEqual(a.population);
        const nonEmpty = result.filter((a) => a.population > 0);
        if (n >= nonEmpty.length) for (const a of nonEmpty) expect(a.allocated).toBeGreaterThanOrEqual(1);
        // Strata raised to one get exactly one; the rest share what is left in proportion.
        const raised = result.filter((a) => a.raisedToOne);
        for (const a of raised) expect(a.allocated).toBe(1);
        const rest = result.filter((a) => !a.raisedToOne);
        const left = n - raised.length;
        const leftPopulation = rest.reduce((s, a) => s + a.population, 0);
        for (const a of rest) if (leftPopulation) expect(Math.abs(a.allocated - (left * a.population) / leftPopulation)).toBeLessThan(1);
        // When nothing had to be raised, that is proportional to the whole.
        if (!raised.length) for (const a of result) if (N) expect(Math.abs(a.allocated - (n * a.population) / N)).toBeLessThan(1);
      }),
    );
  });
});

describe('a reproducible random draw', () => {
  const keys = Array.from({ length: 200 }, (_, i) => `X${String(i).padStart(4, '0')}`);

  it('is the same for the same seed and keys, whatever their order, and records how it was drawn', () => {
    const draw = drawSample(keys, 25, 20260901);
    expect(draw).toMatchObject({ seed: 20260901, populationSize: 200, requested: 25 });
    expect(draw.drawn).toHaveLength(25);
    expect(new Set(draw.drawn).size).toBe(25);
    expect(draw.drawn.every((k) => keys.includes(k))).toBe(true);
    expect(drawSample([...keys].reverse(), 25, 20260901)).toEqual(draw);
    expect(drawSample(keys, 25, 20260902).drawn).not.toEqual(draw.drawn);
    expect(drawSample(keys, 500, 1).drawn).toEqual(keys);
    expect(() => drawSample(keys, 5, -1)).toThrow(RangeError);
    expect(() => drawSample(keys, 5, 2 ** 32)).toThrow(RangeError);
  });

  it('draws each stratum its allocation', () => {
    const population = keys.map((key, i) => ({ key, stratum: ['low', 'medium', 'medium', 'high'][i % 4]! }));
    population.push({ key: 'VH1', stratum: 'very-high' });
    const draw = drawStratifiedSample(population, 21, 42);
    expect(draw.strata?.map((s) => [s.stratum, s.population, s.allocated])).toEqual([
      ['high', 50, 5],
      ['low', 50, 5],
      ['medium', 100, 10],
      ['very-high', 1, 1],
    ]);
    expect(draw.drawn).toHaveLength(21);
    expect(draw.drawn).toContain('VH1');
    const stratumOf = new Map(population.map((p) => [p.key, p.stratum]));
    expect(draw.drawn.filter((k) => stratumOf.get(k) === 'medium')).toHaveLength(10);
    expect(drawStratifiedSample([...population].reverse(), 21, 42)).toEqual(draw);
  });

  it('gives every key the same chance (roughly, over many seeds)', () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 2000; seed++) for (const k of drawSample(keys.slice(0, 10), 3, seed).drawn) counts.set(k, (counts.get(k) ?? 0) + 1);
    // Each of 10 keys is expected 600 times in 2,000 draws of 3.
    for (const k of keys.slice(0, 10)) expect(counts.get(k)).toBeGreaterThan(500);
    for (const k of keys.slice(0, 10)) expect(counts.get(k)).toBeLessThan(700);
  });
});
