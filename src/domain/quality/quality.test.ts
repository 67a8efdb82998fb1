import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { emptyCase, type Answer } from '../assessment/types.ts';
import { agreement, cohensKappa, disagreements } from './agreement.ts';
import { chooseSecondAssessments, DEFAULT_DIP_SAMPLE } from './dip-sample.ts';

const framework = bundledFramework();
const cases = (n: number, assessor: number | null) => Array.from({ length: n }, (_, i) => ({ caseRef: `A${assessor}-${String(i).padStart(2, '0')}`, assessor }));

describe('the dip-sample rule', () => {
  it('takes every case of an inspector on their first inspection and a share of the others', () => {
    const chosen = chooseSecondAssessments([...cases(8, 1), ...cases(10, 2)], new Map([[1, 0], [2, 5]]), DEFAULT_DIP_SAMPLE, 42);
    expect(chosen.filter((c) => c.assessor === 1)).toHaveLength(8);
    expect(chosen.filter((c) => c.assessor === 2)).toHaveLength(2);
    expect(chosen.find((c) => c.assessor === 1)!.reason).toContain('first inspection');
  });
  it('draws the same cases from the same seed, and at least the minimum per inspector', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), (n, share, seed) => {
        const rule = { share, firstInspectionAll: true, minimumPerInspector: 1 };
        const a = chooseSecondAssessments(cases(n, 3), new Map([[3, 2]]), rule, seed);
        expect(chooseSecondAssessments(cases(n, 3), new Map([[3, 2]]), rule, seed)).toEqual(a);
        expect(a.length).toBe(Math.min(n, Math.max(1, Math.ceil(share * n))));
        expect(new Set(a.map((c) => c.caseRef)).size).toBe(a.length);
      }),
    );
  });
});

describe('agreement between two assessments', () => {
  it('lists disagreements key question by key question', () => {
    const first = { ...emptyCase('C1'), answers: { '2.2.1': 'yes', '2.2.2': 'no', '2.6.1a': 'yes', '2.2.1a': 'no' } as Record<string, Answer> };
    const second = { ...emptyCase('C1'), answers: { '2.2.1': 'no', '2.2.2': 'no', '2.6.1a': 'no', '2.2.1a': 'yes' } as Record<string, Answer> };
    expect(disagreements(framework, first, second)).toEqual([
      { caseRef: 'C1', item: '2.2.1', first: 'yes', second: 'no' },
      { caseRef: 'C1', item: '2.6.1a', first: 'yes', second: 'no' },
    ]);
  });

  it('computes Cohen\'s kappa as published examples give it', () => {
    // 50 pairs: yes/yes 20, yes/no 5, no/yes 10, no/no 15 → po 0.7, pe 0.5, kappa 0.4.
    const pairs = [...Array(20).fill(['yes', 'yes']), ...Array(5).fill(['yes', 'no']), ...Array(10).fill(['no', 'yes']), ...Array(15).fill(['no', 'no'])];
    expect(cohensKappa(pairs)).toBeCloseTo(0.4, 10);
    expect(cohensKappa([['yes', 'yes'], ['yes', 'yes']])).toBeNull();
    expect(cohensKappa([['yes', 'yes'], ['no', 'no']])).toBe(1);
  });

  it('keeps kappa within -1 and 1, and 1 exactly when every pair agrees with some variation', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('yes', 'no', 'na'), fc.constantFrom('yes', 'no', 'na')), { minLength: 1, maxLength: 60 }), (pairs) => {
        const k = cohensKappa(pairs);
        if (k !== null) {
          expect(k).toBeGreaterThanOrEqual(-1 - 1e-9);
          expect(k).toBeLessThanOrEqual(1 + 1e-9);
        }
        const same = pairs.map(([a]) => [a, a] as const);
        const kSame = cohensKappa(same);
        if (kSame !== null) expect(kSame).toBeCloseTo(1, 10);
      }),
    );
  });

  it('reports agreement per key question and per inspector', () => {
    const pair = (ref: string, a: Answer, b: Answer, assessor: number) => ({
      first: { ...emptyCase(ref), answers: { '2.2.1': a, '2.3.1': 'yes' } as Record<string, Answer> },
      second: { ...emptyCase(ref), answers: { '2.2.1': b, '2.3.1': 'yes' } as Record<string, Answer> },
      firstAssessor: assessor,
    });
    const result = agreement(framework, [pair('C1', 'yes', 'yes', 1), pair('C2', 'yes', 'no', 1), pair('C3', 'no', 'no', 2)]);
    expect(result.byKeyQuestion.find((f) => f.key === '2.2.1')).toMatchObject({ pairs: 3, agreed: 2, percentage: 67 });
    expect(result.byInspector.find((f) => f.assessor === 1)).toMatchObject({ pairs: 4, agreed: 3, percentage: 75 });
    expect(result.overall).toMatchObject({ pairs: 6, agreed: 5 });
  });
});
