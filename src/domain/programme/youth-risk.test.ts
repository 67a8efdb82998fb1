import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadYouthServices } from '../../reference/youth-services.ts';
import { youthServicesFromReference } from './reference-input.ts';
import { scoreYouthService, scoreYouthServices, DEFAULT_RISK_SETTINGS, type YouthService } from './youth-risk.ts';
import { drawAtRandom, selectYouthServices } from './youth-selection.ts';

const AS_OF = '2027-04-05';

describe('the risk score', () => {
  it('adds up each factor, and shows each part', () => {
    const score = scoreYouthService(
      { name: 'Example YJS', lastInspection: { date: '2023-04-05', rating: 'Good' }, caseload: 100, concerns: 2, performance: 0.4 },
      AS_OF,
      200,
    );
    expect(score.factors.map((f) => [f.factor, f.value, Math.round(f.contribution * 100) / 100])).toEqual([
      ['timeSinceInspection', '4 years', 30],
      ['lastRating', 'Good', 8.33],
      ['caseload', '100 children', 5],
      ['concerns', '2 raised', 13.33],
      ['performance', '40% of indicators worse than national', 6],
    ]);
    expect(score.score).toBeCloseTo(62.67, 2);
    expect(score.factors[0]!.explanation).toBe('4 years of 4 years: 1 × 30 = 30');
    expect(score.factors[2]!.explanation).toBe('100 of the largest, 200: 0.5 × 10 = 5');
  });

  it('adds nothing for intelligence it does not have, and says so', () => {
    const score = scoreYouthService({ name: 'Quiet YJS', lastInspection: { date: null, rating: 'Good' } }, AS_OF, 0);
    expect(score.factors.filter((f) => f.missing).map((f) => f.factor)).toEqual(['timeSinceInspection', 'caseload', 'concerns', 'performance']);
    expect(score.factors.find((f) => f.factor === 'caseload')!.explanation).toBe('no data: adds nothing');
    expect(score.score).toBeCloseTo(25 / 3, 6);
  });

  it('counts a service never inspected in full for time since inspection', () => {
    const score = scoreYouthService({ name: 'New YJS' }, AS_OF, 0);
    expect(score.factors[0]).toMatchObject({ value: 'no inspection on record', share: 1, contribution: 30, missing: false });
  });

  it('takes its weights from data', () => {
    const services: YouthService[] = [
      { name: 'Big', lastInspection: { date: '2025-04-01', rating: 'Good' }, caseload: 300 },
      { name: 'Old', lastInspection: { date: '2022-04-01', rating: 'Good' }, caseload: 30 },
    ];
    expect(scoreYouthServices(services, AS_OF).map((s) => s.service)).toEqual(['Old', 'Big']);
    const heavy = { weights: { ...DEFAULT_RISK_SETTINGS.weights, caseload: 60 } };
    expect(scoreYouthServices(services, AS_OF, heavy).map((s) => s.service)).toEqual(['Big', 'Old']);
  });

  it('keeps every factor within its weight and the score their sum', () => {
    const service = fc.record({
      name: fc.string({ minLength: 1 }),
      lastInspection: fc.option(fc.record({ date: fc.option(fc.integer({ min: 0, max: 4000 }).map((d) => new Date(Date.UTC(2015, 0, 1 + d)).toISOString().slice(0, 10)), { nil: null }), rating: fc.option(fc.constantFrom('Outstanding', 'Good', 'Requires improvement', 'Inadequate', 'Unknown'), { nil: null }) }), { nil: null }),
      caseload: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
      concerns: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      performance: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    });
    fc.assert(
      fc.property(service, (s) => {
        const r = scoreYouthService(s, AS_OF, 500);
        for (const f of r.factors) {
          expect(f.contribution).toBeGreaterThanOrEqual(0);
          expect(f.contribution).toBeLessThanOrEqual(f.weight + 1e-9);
        }
        expect(r.score).toBeCloseTo(r.factors.reduce((t, f) => t + f.contribution, 0), 9);
      }),
    );
  });
});

describe('choosing the year’s youth inspections', () => {
  const services: YouthService[] = [
    { name: 'Inadequate long ago', lastInspection: { date: '2025-01-10', rating: 'Inadequate' } },
    { name: 'Inadequate just now', lastInspection: { date: '2026-11-02', rating: 'Inadequate' } },
    { name: 'Overdue', lastInspection: { date: '2022-09-01', rating: 'Good' } },
    { name: 'Never', lastInspection: null },
    { name: 'Recent', lastInspection: { date: '2026-12-01', rating: 'Requires improvement' }, concerns: 3 },
    { name: 'Risky', lastInspection: { date: '2024-05-10', rating: 'Requires improvement' }, concerns: 3, joint: true },
    { name: 'Middling', lastInspection: { date: '2024-06-10', rating: 'Good' }, concerns: 1 },
    { name: 'Due this year', lastInspection: { date: '2023-09-01', rating: 'Outstanding' } },
    ...Array.from({ length: 8 }, (_, i) => ({ name: `Steady ${i + 1}`, lastInspection: { date: '2025-06-01', rating: 'Good' } })),
  ];
  const input = { services, asOf: AS_OF, targeted: 2, random: 3, seed: 7, joint: ['Steady 3'] };

  it('forces in re-inspections and overdue services, then the highest scores, then a seeded draw', () => {
    const { selected, notYetDue } = selectYouthServices(input);
    const reasons = Object.fromEntries(selected.map((s) => [s.service, s.reasons.map((r) => r.kind)]));
    expect(reasons['Inadequate long ago']).toEqual(['re-inspection']);
    expect(reasons['Overdue']).toEqual(['overdue']);
    expect(reasons['Never']).toEqual(['overdue']);
    expect(reasons['Due this year']).toEqual(['due']);
    expect(selected.find((s) => s.service === 'Due this year')!.reasons[0]!.text).toBe(
      '4 years since its last inspection (2023-09-01) run out on 2027-09-01, within this programme year',
    );
    expect(selected.slice(4, 6).map((s) => [s.service, s.reasons[0]!.kind])).toEqual([
      ['Risky', 'targeted'],
      ['Middling', 'targeted'],
    ]);
    expect(selected.slice(6).map((s) => s.reasons[0]!.kind)).toEqual(['random', 'random', 'random']);
    expect(selected.slice(6).every((s) => s.service.startsWith('Steady'))).toBe(true);
    expect(notYetDue).toEqual([{ service: 'Inadequate just now', dueFrom: '2027-11-02', reason: 'rated Inadequate 2026-11-02; re-inspection due 12 months on' }]);
    expect(selected.some((s) => s.service === 'Recent' || s.service === 'Inadequate just now')).toBe(false);
    expect(selected.find((s) => s.service === 'Overdue')!.reasons[0]!.text).toBe('not inspected for 4 years 7 months (last 2022-09-01): at least every 4 years');
  });

  it('flags joint inspections from the service and from the list', () => {
    const { selected } = selectYouthServices({ ...input, random: 8 });
    expect(selected.find((s) => s.service === 'Risky')).toMatchObject({ joint: true });
    expect(selected.find((s) => s.service === 'Steady 3')!.reasons.at(-1)).toEqual({ kind: 'joint', text: 'joint inspection (on the joint list)' });
    expect(selected.filter((s) => s.joint).map((s) => s.service).sort()).toEqual(['Risky', 'Steady 3']);
  });

  it('repeats the same draw for the same seed, and a different one for another', () => {
    const drawn = (seed: number) => selectYouthServices({ ...input, seed }).selected.filter((s) => s.reasons[0]!.kind === 'random').map((s) => s.service);
    expect(drawn(7)).toEqual(drawn(7));
    expect(new Set([1, 2, 3, 4, 5, 6].map((s) => drawn(s).join()))).not.toEqual(new Set([drawn(7).join()]));
  });

  it('draws without repeats, every item equally placed over many seeds', () => {
    const items = ['a', 'b', 'c', 'd'];
    const firsts = new Map<string, number>();
    for (let seed = 0; seed < 4000; seed++) {
      const d = drawAtRandom(items, 4, seed);
      expect(new Set(d).size).toBe(4);
      firsts.set(d[0]!, (firsts.get(d[0]!) ?? 0) + 1);
    }
    for (const n of firsts.values()) expect(n).toBeGreaterThan(850);
  });

  it('refuses a joint list naming an unknown service', () => {
    expect(() => selectYouthServices({ ...input, joint: ['Atlantis'] })).toThrow(/joint list names "Atlantis"/);
  });

  it('chooses reproducibly from any list: no repeats, every choice with a reason, eligible ones only', () => {
    const arb = fc.record({
      n: fc.integer({ min: 0, max: 40 }),
      targeted: fc.integer({ min: 0, max: 10 }),
      random: fc.integer({ min: 0, max: 10 }),
      seed: fc.integer(),
      days: fc.array(fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }), { minLength: 40, maxLength: 40 }),
      ratings: fc.array(fc.constantFrom('Outstanding', 'Good', 'Requires improvement', 'Inadequate'), { minLength: 40, maxLength: 40 }),
    });
    fc.assert(
      fc.property(arb, ({ n, targeted, random, seed, days, ratings }) => {
        const list: YouthService[] = Array.from({ length: n }, (_, i) => ({
          name: `YJS ${i}`,
          lastInspection: days[i] === null ? null : { date: new Date(Date.UTC(2019, 0, 1 + days[i]!)).toISOString().slice(0, 10), rating: ratings[i]! },
        }));
        const a = selectYouthServices({ services: list, asOf: AS_OF, targeted, random, seed });
        expect(selectYouthServices({ services: [...list].reverse(), asOf: AS_OF, targeted, random, seed })).toEqual(a);
        const names = a.selected.map((s) => s.service);
        expect(new Set(names).size).toBe(names.length);
        for (const s of a.selected) expect(s.reasons.length).toBeGreaterThan(0);
        for (const s of a.selected.filter((s) => s.reasons[0]!.kind === 'targeted' || s.reasons[0]!.kind === 'random')) {
          const d = days[Number(s.service.slice(4))];
          if (d !== null) expect(new Date(Date.UTC(2019, 0, 1 + d!)).toISOString().slice(0, 10) <= '2026-04-05').toBe(true);
        }
        expect(a.selected.filter((s) => s.reasons[0]!.kind === 'targeted').length).toBeLessThanOrEqual(targeted);
        expect(a.selected.filter((s) => s.reasons[0]!.kind === 'random').length).toBeLessThanOrEqual(random);
      }),
    );
  });
});

describe('the real youth justice services', () => {
  const real = youthServicesFromReference(loadYouthServices());

  it('reads 155 services with their latest rating and joint flags', () => {
    expect(real).toHaveLength(155);
    expect(real.filter((s) => s.joint)).toHaveLength(5);
    expect(real.find((s) => s.name === 'Surrey')!.lastInspection).toEqual({ date: '2022-03-15', rating: 'Good' });
  });

  it('forces in every Inadequate and every service whose four years run out by the end of 2027/28', () => {
    const { selected, scores, notes } = selectYouthServices({ services: real, asOf: AS_OF, targeted: 10, random: 5, seed: 2027, capacity: 33 });
    const forced = selected.filter((s) => s.reasons.some((r) => r.kind === 're-inspection' || r.kind === 'overdue' || r.kind === 'due')).map((s) => s.service);
    const expected = real
      // No inspection on record counts as overdue: the 53 services added from the YJB list have none in the file yet.
      .filter((s) => s.lastInspection === null || s.lastInspection?.rating === 'Inadequate' || (s.lastInspection?.date && s.lastInspection.date < '2024-04-05'))
      .map((s) => s.name);
    // The stored list is the 2019-2025 round: most services fall due in 2027/28, far beyond 33 inspections.
    expect(notes).toContain(`${forced.length + 15} services are selected but the year can take 33; ${forced.length} are forced in (re-inspection, overdue or due within the year)`);
    expect(forced.sort()).toEqual(expected.sort());
    expect(scores).toHaveLength(155);
    expect(selected.length).toBe(forced.length + 15);
  });
});
