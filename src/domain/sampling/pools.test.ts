import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { compileFramework, FrameworkError, type Framework } from '../framework/framework.ts';
import type { CasePoolDefinition } from '../framework/schema.ts';
import type { EligibleCase } from './eligible-cases.ts';
import { casePools, hasPools, poolOf, poolSeed, selectPools, type PoolMethod } from './pools.ts';
import { casesInWindow } from './select.ts';
import { allocate } from './allocation.ts';
import { drawSample, sampleSize } from './statistical-sample.ts';
import { samplingWindow, type SamplingWindow } from './window.ts';

const adult = bundledFramework('hmip-adult-pdu@2021');
const youthShipped = bundledFramework('hmip-youth@2021');

/** The youth framework with the pools given (whatever the shipped file says). */
function youthWith(pools: CasePoolDefinition[] | undefined): Framework {
  const def = youthShipped.definition;
  const regime = { ...def.regime };
  if (pools) regime.casePools = pools;
  else delete regime.casePools;
  return compileFramework({ ...def, regime }, 'youth with pools');
}
const COURT: CasePoolDefinition = { caseType: 'court', label: 'Court disposals' };
const OUT_OF_COURT: CasePoolDefinition = { caseType: 'out-of-court', label: 'Out-of-court disposals' };
const youth = youthWith([COURT, OUT_OF_COURT]);

const FIELDWORK = '2026-10-05';
function windowFor(months: number, weeks: 1 | 2 = 2): SamplingWindow {
  const r = samplingWindow({ fieldworkStart: FIELDWORK, monthsBefore: months, weeks });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.window;
}
const sixMonths = (months: number) => windowFor(months);

const youthCase = (ref: string, caseType: string, start: string, extra: Record<string, string> = {}): EligibleCase => ({
  caseRef: ref,
  practitioner: 'Case manager 1',
  attributes: { case_type: caseType, start_date: start, ...extra },
});

describe('the framework names the pools', () => {
  it('without pools, the whole caseload is one pool with the regime\'s window', () => {
    expect(hasPools(adult)).toBe(false);
    expect(casePools(adult)).toEqual([{ caseType: null, label: 'Caseload', monthsBeforeFieldwork: 6, minimum: null, target: null, note: null }]);
    expect(poolOf(adult, { caseRef: 'X1', practitioner: 'A', attributes: { sentence_type: 'licence' } })?.caseType).toBeNull();
  });

  it('with pools, one per value of the case-type attribute, each with its own window, numbers and note', () => {
    const f = youthWith([{ ...COURT, minimum: 5, target: 10, note: 'To be confirmed' }, { ...OUT_OF_COURT, monthsBeforeFieldwork: 3 }]);
    expect(casePools(f)).toEqual([
      { caseType: 'court', label: 'Court disposals', monthsBeforeFieldwork: 6, minimum: 5, target: 10, note: 'To be confirmed' },
      { caseType: 'out-of-court', label: 'Out-of-court disposals', monthsBeforeFieldwork: 3, minimum: null, target: null, note: null },
    ]);
    expect(poolOf(f, youthCase('Y1', 'out-of-court', '2026-04-01'))?.label).toBe('Out-of-court disposals');
  });

  it('refuses pools that are not the case-type attribute\'s values, each once, or a target below the minimum', () => {
    const problems = (pools: CasePoolDefinition[]) => {
      try {
        youthWith(pools);
        return [];
      } catch (e) {
        if (!(e instanceof FrameworkError)) throw e;
        return e.problems.map((p) => `${p.path}: ${p.message}`);
      }
    };
    expect(problems([COURT, { caseType: 'custody', label: 'Custody' }])).toEqual([
      'regime.casePools[1].caseType: "custody" is not a value of case_type',
      'regime.casePools: the case_type value "out-of-court" is in no pool',
    ]);
    expect(problems([COURT, COURT, OUT_OF_COURT])).toEqual(['regime.casePools[1].caseType: "court" is in more than one pool']);
    expect(problems([{ ...COURT, minimum: 10, target: 5 }, OUT_OF_COURT])).toEqual(['regime.casePools[0].target: the target is below the minimum']);
  });
});

describe('each pool\'s sample by the window method', () => {
  it('is every case of the pool that began in the pool\'s window', () => {
    const caseload = [
      youthCase('C1', 'court', '2026-04-01'),
      youthCase('C2', 'court', '2026-05-01'),
      youthCase('O1', 'out-of-court', '2026-04-02'),
      youthCase('O2', 'out-of-court', '2026-07-07'),
      youthCase('C3', 'court', '2026-03-30'),
    ];
    const [court, ooc] = selectPools(youth, caseload, { method: 'window' }, sixMonths);
    expect(court).toMatchObject({ caseload: 3, eligible: 2, belowMinimum: false });
    expect(court!.cases.map((c) => c.caseRef)).toEqual(['C3', 'C1']);
    expect(ooc).toMatchObject({ caseload: 2, eligible: 1 });
    expect(ooc!.cases.map((c) => c.caseRef)).toEqual(['O1']);
    // A pool with its own months before fieldwork has its own window: three months before is July.
    const f = youthWith([COURT, { ...OUT_OF_COURT, monthsBeforeFieldwork: 3, minimum: 2 }]);
    const [, later] = selectPools(f, caseload, { method: 'window' }, sixMonths);
    expect(later!.window).toMatchObject({ start: '2026-06-29', end: '2026-07-12' });
    expect(later!.cases.map((c) => c.caseRef)).toEqual(['O2']);
    expect(later!.belowMinimum).toBe(true);
  });

  it('is, without pools, exactly the adult sample: every case that began in the window', () => {
    const caseload: EligibleCase[] = ['2026-04-12', '2026-03-29', '2026-03-30', '2026-04-13', '2026-04-01'].map((start, i) => ({
      caseRef: `X${i}`,
      practitioner: 'P',
      attributes: { sentence_type: 'community', rosh: 'low', start_date: start, psr_prepared: 'no', victim_contact_eligible: 'no' },
    }));
    const [only] = selectPools(adult, caseload, { method: 'window' }, sixMonths);
    expect(only!.cases).toEqual(casesInWindow(adult, caseload, windowFor(6)));
    expect(only).toMatchObject({ caseload: 5, eligible: 3 });
  });
});

// Arbitrary youth caseloads: unique references, either type, a start within a year before fieldwork.
const TYPES = ['court', 'out-of-court'] as const;
const ROSH = ['low', 'medium', 'high', 'very-high'] as const;
const caseloadArb = fc
  .uniqueArray(
    fc.record({
      ref: fc.stringMatching(/^[A-Z][0-9]{3}$/),
      type: fc.constantFrom(...TYPES),
      day: fc.integer({ min: 0, max: 364 }),
      rosh: fc.constantFrom(...ROSH),
    }),
    { selector: (r) => r.ref, maxLength: 300 },
  )
  .map((rows) =>
    rows.map((r) => youthCase(r.ref, r.type, new Date(Date.UTC(2025, 9, 5 + r.day)).toISOString().slice(0, 10), { rosh: r.rosh })),
  );
const statisticalArb = fc.record({
  method: fc.constant('statistical' as const),
  confidence: fc.constantFrom(0.9, 0.95, 0.99),
  margin: fc.constantFrom(0.05, 0.1, 0.2),
  stratifyBy: fc.constantFrom(null, 'rosh'),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
});
const howArb: fc.Arbitrary<PoolMethod> = fc.oneof(fc.constant({ method: 'window' as const }), statisticalArb);
const minimumArb = fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined });

describe('per-pool selection (properties)', () => {
  it('samples each case at most once, only in its own pool and only if eligible; the counts add up', () => {
    fc.assert(
      fc.property(caseloadArb, howArb, (caseload, how) => {
        const pools = selectPools(youth, caseload, how, sixMonths);
        expect(pools.map((p) => p.pool.caseType)).toEqual(['court', 'out-of-court']);
        expect(pools.reduce((s, p) => s + p.caseload, 0)).toBe(caseload.length);
        const seen = new Set<string>();
        for (const p of pools) {
          expect(p.cases.length).toBeLessThanOrEqual(p.eligible);
          expect(p.eligible).toBeLessThanOrEqual(p.caseload);
          for (const c of p.cases) {
            expect(c.attributes.case_type).toBe(p.pool.caseType);
            expect(seen.has(c.caseRef)).toBe(false);
            seen.add(c.caseRef);
            if (how.method === 'window') expect(c.attributes.start_date! >= p.window.start && c.attributes.start_date! <= p.window.end).toBe(true);
          }
        }
      }),
    );
  });

  it('sizes each pool\'s statistical sample on that pool\'s caseload, raised to its minimum but never past its caseload', () => {
    fc.assert(
      fc.property(caseloadArb, statisticalArb, minimumArb, (caseload, how, minimum) => {
        const f = youthWith([{ ...COURT, ...(minimum ? { minimum } : {}) }, OUT_OF_COURT]);
        for (const p of selectPools(f, caseload, how, sixMonths)) {
          const size = sampleSize({ population: p.caseload, confidence: how.confidence, margin: how.margin }).size;
          const wanted = Math.min(p.caseload, Math.max(size, p.pool.minimum ?? 0));
          expect(p.cases).toHaveLength(wanted);
          expect(p.statistical).toMatchObject({ drawn: wanted, raisedToMinimum: wanted > size });
          expect(p.belowMinimum).toBe(p.pool.minimum !== null && p.caseload < p.pool.minimum);
        }
      }),
    );
  });

  it('stratifies within each pool: each stratum of the pool gets its proportional allocation', () => {
    fc.assert(
      fc.property(caseloadArb, statisticalArb.map((h) => ({ ...h, stratifyBy: 'rosh' })), (caseload, how) => {
        for (const p of selectPools(youth, caseload, how, sixMonths)) {
          const inPool = caseload.filter((c) => c.attributes.case_type === p.pool.caseType);
          const strata = [...new Set(inPool.map((c) => c.attributes.rosh!))].sort().map((stratum) => ({ stratum, population: inPool.filter((c) => c.attributes.rosh === stratum).length }));
          const expected = allocate(strata, p.statistical!.drawn);
          for (const s of expected) expect(p.cases.filter((c) => c.attributes.rosh === s.stratum)).toHaveLength(s.allocated);
          expect(p.statistical!.draw.strata?.map((s) => s.stratum)).toEqual(strata.map((s) => s.stratum));
        }
      }),
    );
  });

  it('gives a pool the same sample whatever the other pool holds, and whatever the file order', () => {
    fc.assert(
      fc.property(caseloadArb, caseloadArb, statisticalArb, (caseload, other, how) => {
        const court = caseload.filter((c) => c.attributes.case_type === 'court');
        const refs = new Set(court.map((c) => c.caseRef));
        const otherOoc = other.filter((c) => c.attributes.case_type === 'out-of-court' && !refs.has(c.caseRef));
        const first = selectPools(youth, caseload, how, sixMonths)[0]!;
        const again = selectPools(youth, [...otherOoc, ...court].reverse(), how, sixMonths)[0]!;
        expect(again.cases).toEqual(first.cases);
        expect(again.statistical?.draw.drawn).toEqual(first.statistical?.draw.drawn);
      }),
    );
  });

  it('draws pool n with seed + n, so a pool\'s draw can be repeated from the recorded seed', () => {
    fc.assert(
      fc.property(caseloadArb, statisticalArb.map((h) => ({ ...h, stratifyBy: null })), (caseload, how) => {
        selectPools(youth, caseload, how, sixMonths).forEach((p, n) => {
          const keys = caseload.filter((c) => c.attributes.case_type === p.pool.caseType).map((c) => c.caseRef);
          expect(p.statistical!.draw).toEqual(drawSample(keys, p.statistical!.drawn, poolSeed(how.seed, n)));
        });
      }),
    );
    expect(poolSeed(0xffffffff, 1)).toBe(0);
  });

  it('without pools, draws the whole caseload as before (one pool, the recorded seed itself)', () => {
    const caseload: EligibleCase[] = Array.from({ length: 120 }, (_, i) => ({ caseRef: `X${String(i).padStart(4, '0')}`, practitioner: 'P', attributes: { rosh: ROSH[i % 4]! } }));
    const how = { method: 'statistical' as const, confidence: 0.95, margin: 0.1, stratifyBy: null, seed: 42 };
    const [only] = selectPools(adult, caseload, how, sixMonths);
    const size = sampleSize({ population: 120, confidence: 0.95, margin: 0.1 }).size;
    expect(only!.statistical!.draw).toEqual(drawSample(caseload.map((c) => c.caseRef), size, 42));
  });
});
