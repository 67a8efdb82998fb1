// Topics are the 2022/23 consultation's; the scores below are example judgements for the tests,
// not the inspectorate's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planTopics, THEMATIC_CRITERIA, type CandidateTopic, type CriterionScore } from './thematic-topics.ts';

const thematic = (id: string, needs: 'fieldwork' | 'desktop', w: CriterionScore, m: CriterionScore, c: CriterionScore, extra: Partial<CandidateTopic> = {}): CandidateTopic => ({
  id,
  title: id,
  kind: 'thematic',
  needs,
  scores: { 'ongoing-weakness': w, 'ministerial-priority': m, 'major-change': c },
  ...extra,
});

const topics: CandidateTopic[] = [
  thematic('omic', 'fieldwork', 2, 2, 3, { committed: true, jointWith: ['HMI Prisons'] }),
  thematic('extremism', 'fieldwork', 1, 3, 3, { committed: true }),
  thematic('victims', 'fieldwork', 2, 3, 1, { committed: true }),
  thematic('racial-disproportionality', 'desktop', 2, 3, 1, { committed: true }),
  thematic('race-equality', 'fieldwork', 3, 2, 1),
  thematic('domestic-abuse', 'fieldwork', 3, 1, 1),
  thematic('women', 'fieldwork', 1, 2, 2),
  thematic('pre-sentence-reports', 'desktop', 1, 1, 2),
];

describe('thematic topics', () => {
  it('quotes the consultation’s three criteria', () => {
    expect(THEMATIC_CRITERIA.map((c) => c.text)).toEqual([
      'Has this been identified as an ongoing area of weakness/concern in our core inspections?',
      'Is this a ministerial priority?',
      'Are there major change programmes or major national changes being applied to the operating model that require external oversight and assurance?',
    ]);
  });

  it('ranks committed topics first, then by score (then id), and fits five fieldwork thematics plus one desktop exercise', () => {
    const plan = planTopics({ topics, resource: { fieldwork: 5, desktop: 1 } });
    const ranked = plan.topics.filter((t) => t.kind === 'thematic');
    expect(ranked.map((t) => [t.id, Math.round(t.score * 10) / 10, t.fitted])).toEqual([
      ['extremism', 77.8, true],
      ['omic', 77.8, true],
      ['racial-disproportionality', 66.7, true],
      ['victims', 66.7, true],
      ['race-equality', 66.7, true],
      ['domestic-abuse', 55.6, true],
      ['women', 55.6, false],
      ['pre-sentence-reports', 44.4, false],
    ]);
    expect(plan.used).toEqual({ fieldwork: 5, desktop: 1, research: 0 });
    expect(ranked.find((t) => t.id === 'women')!.explanation).toBe(
      "Ranked 7 of 8 thematic topics with 55.6 of 100: ongoing-weakness somewhat (1/3) → 11.1; ministerial-priority clearly (2/3) → 22.2; major-change clearly (2/3) → 22.2. Not fitted: it needs 1 fieldwork slot and higher-ranked topics leave too few of the year's 5.",
    );
    expect(ranked[0]!.explanation).toMatch(/^Ranked 1 of 8 thematic topics: already committed, so placed before scored topics \(score 77\.8: /);
  });

  it('lets a desktop exercise take a spare fieldwork slot, never the other way round', () => {
    const plan = planTopics({ topics, resource: { fieldwork: 8, desktop: 1 } });
    const psr = plan.topics.find((t) => t.id === 'pre-sentence-reports')!;
    expect(psr).toMatchObject({ fitted: true, slot: 'fieldwork' });
    expect(psr.explanation).toMatch(/no desktop slot was left, so it takes a spare fieldwork slot/);
    const tight = planTopics({ topics, resource: { fieldwork: 0, desktop: 5 } });
    expect(tight.topics.filter((t) => t.fitted).map((t) => t.id)).toEqual(['racial-disproportionality', 'pre-sentence-reports']);
  });

  it('follows the weights given as data', () => {
    const criteria = { thematic: THEMATIC_CRITERIA.map((c) => ({ ...c, weight: c.id === 'ongoing-weakness' ? 5 : 1 })) };
    const plan = planTopics({ topics: topics.filter((t) => !t.committed), resource: { fieldwork: 5, desktop: 1 }, criteria });
    expect(plan.topics.map((t) => t.id).slice(0, 2)).toEqual(['race-equality', 'domestic-abuse']);
  });

  it('names an unscored criterion and counts it as 0', () => {
    const plan = planTopics({ topics: [{ id: 'new', title: 'New', kind: 'thematic', needs: 'fieldwork', scores: { 'ongoing-weakness': 3 } }], resource: { fieldwork: 1 } });
    expect(plan.topics[0]!.parts.filter((p) => p.unscored).map((p) => p.criterion)).toEqual(['ministerial-priority', 'major-change']);
    expect(plan.topics[0]!.score).toBeCloseTo(100 / 3, 6);
    expect(plan.topics[0]!.explanation).toContain('ministerial-priority unscored (0) → 0.0');
  });

  it('ranks research projects on the research criteria, separately, into research slots', () => {
    const research = (id: string, s: CriterionScore[]): CandidateTopic => ({
      id,
      title: id,
      kind: 'research',
      needs: 'research',
      scores: { 'level-of-risk': s[0]!, 'potential-impact': s[1]!, suitability: s[2]!, resources: s[3]! },
    });
    const plan = planTopics({
      topics: [...topics, research('probation-interventions', [3, 3, 2, 1]), research('care-experienced', [2, 3, 3, 2]), research('typologies', [1, 2, 2, 3])],
      resource: { fieldwork: 5, desktop: 1, research: 2 },
    });
    const r = plan.topics.filter((t) => t.kind === 'research');
    expect(r.map((t) => [t.id, t.rank, t.fitted])).toEqual([
      ['care-experienced', 1, true],
      ['probation-interventions', 2, true],
      ['typologies', 3, false],
    ]);
  });

  it('refuses scores off the scale, unknown criteria and a research topic in a fieldwork slot', () => {
    expect(() => planTopics({ topics: [thematic('x', 'fieldwork', 4 as CriterionScore, 0, 0)], resource: {} })).toThrow(/must be 0, 1, 2 or 3/);
    expect(() => planTopics({ topics: [{ ...thematic('x', 'fieldwork', 1, 1, 1), scores: { cost: 1 } }], resource: {} })).toThrow(/not a thematic criterion/);
    expect(() => planTopics({ topics: [{ id: 'r', title: 'r', kind: 'research', needs: 'fieldwork', scores: {} }], resource: {} })).toThrow(/must need a research slot/);
  });

  it('never fits more than the resource, and ranks scored topics by score', () => {
    const score = fc.constantFrom<CriterionScore>(0, 1, 2, 3);
    const topic = fc.record({ needs: fc.constantFrom('fieldwork' as const, 'desktop' as const), w: score, m: score, c: score, committed: fc.boolean(), size: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(topic, { maxLength: 15 }), fc.nat(6), fc.nat(3), (ts, fieldwork, desktop) => {
        const plan = planTopics({ topics: ts.map((t, i) => thematic(`t${i}`, t.needs, t.w, t.m, t.c, { committed: t.committed, size: t.size })), resource: { fieldwork, desktop } });
        expect(plan.used.fieldwork).toBeLessThanOrEqual(fieldwork);
        expect(plan.used.desktop).toBeLessThanOrEqual(desktop);
        const sizeOf = (id: string) => ts[Number(id.slice(1))]!.size;
        expect(plan.topics.filter((t) => t.slot === 'fieldwork').reduce((s, t) => s + sizeOf(t.id), 0)).toBe(plan.used.fieldwork);
        const scored = plan.topics.filter((t) => !t.committed);
        for (let i = 1; i < scored.length; i++) expect(scored[i]!.score).toBeLessThanOrEqual(scored[i - 1]!.score + 1e-9);
        for (const t of plan.topics) expect(t.score >= 0 && t.score <= 100 + 1e-9).toBe(true);
      }),
    );
  });
});
