// The optimised engine (one pass over the cases, applicability by profile, flags without lists)
// against the simple engine it replaced, on random inspections tidy and rough: identical results.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryAssessment } from '../../../test/support/arbitrary-assessment.ts';
import { arbitraryRoughAssessment } from '../../../test/support/arbitrary-rough-assessment.ts';
import { referenceRateInspection } from '../../../test/support/reference-rating.ts';
import { generateAssessment } from '../../demo/generate-assessment.ts';
import { bundledFramework } from '../../reference/frameworks.ts';
import { InspectionTally, rateInspection } from './engine.ts';

const framework = bundledFramework('hmip-adult-pdu@2021');

describe('the optimised rating engine gives what the simple one gave', () => {
  it('on inspections as a form records them', () => {
    fc.assert(
      fc.property(arbitraryAssessment(framework, { maxCases: 40 }), (a) => {
        expect(rateInspection(framework, a)).toEqual(referenceRateInspection(framework, a));
      }),
      { numRuns: 80 },
    );
  });

  it('with condition attributes missing, empty or odd, stray and missing answers, and outcome details anywhere', () => {
    fc.assert(
      fc.property(arbitraryRoughAssessment(framework, { maxCases: 40 }), (a) => {
        expect(rateInspection(framework, a)).toEqual(referenceRateInspection(framework, a));
      }),
      { numRuns: 150 },
    );
  });

  it('on generated demonstration inspections of every quality', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const a = generateAssessment(framework, { seed, cases: 60, windowStart: '2026-03-02', qualityShift: ((seed % 7) - 3) / 20 });
      expect(rateInspection(framework, a)).toEqual(referenceRateInspection(framework, a));
    }
  });
});

describe('an inspection tallied a case at a time (a file being imported)', () => {
  it('gives the ratings and flags rating it whole gives, on rough inspections', () => {
    fc.assert(
      fc.property(arbitraryRoughAssessment(framework, { maxCases: 40 }), (a) => {
        const tally = new InspectionTally(framework);
        for (const c of a.cases) tally.add(c);
        expect(tally.rate(a.judgements)).toEqual(rateInspection(framework, a));
      }),
      { numRuns: 100 },
    );
  });
});
