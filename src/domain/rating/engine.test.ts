import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryAssessment, arbitraryCase, caseJudged } from '../../../test/support/arbitrary-assessment.ts';
import { bundledFramework } from '../../reference/frameworks.ts';
import type { CaseAssessment, InspectionAssessment } from '../assessment/types.ts';
import { FrameworkMismatchError, rateInspection } from './engine.ts';

const framework = bundledFramework('hmip-adult-pdu@2021');
const scale = framework.ratingScale;
const rank = (r: string | null) => (r === null ? -1 : scale.indexOf(r));

const caseWith = (ref: string, judgement: (kq: string) => 'yes' | 'no' | 'na', attributes: Record<string, string> = {}) => caseJudged(framework, ref, judgement, attributes);

const inspection = (cases: CaseAssessment[], judgements: InspectionAssessment['judgements'] = {}): InspectionAssessment => ({
  frameworkKey: framework.key,
  cases,
  judgements,
});
const standard = (r: ReturnType<typeof rateInspection>, id: string) => r.standards.find((s) => s.id === id)!;

describe('rating a standard by its lowest key question', () => {
  // 20 cases: 2.2.1 sufficient in 17 (85%), 2.2.2 in 14 (70%), 2.2.3 in 11 (55%).
  const cases = Array.from({ length: 20 }, (_, i) =>
    caseWith(`C${i}`, (kq) => (kq === '2.2.1' ? (i < 17 ? 'yes' : 'no') : kq === '2.2.2' ? (i < 14 ? 'yes' : 'no') : kq === '2.2.3' ? (i < 11 ? 'yes' : 'no') : 'yes')),
  );
  const result = rateInspection(framework, inspection(cases));
  const assessment = standard(result, '2.2');

  it('counts n of N and the percentage for every key question', () => {
    expect(assessment.keyQuestions.map((k) => [k.id, k.sufficient, k.applicable, k.percentage])).toEqual([
      ['2.2.1', 17, 20, 85], ['2.2.2', 14, 20, 70], ['2.2.3', 11, 20, 55],
    ]);
  });
  it('rates by the lowest key question and says which', () => {
    expect(assessment.rating).toBe('Requires improvement');
    expect(assessment.explanation.setBy).toBe('2.2.3');
    expect(assessment.explanation.band).toEqual({ rating: 'Requires improvement', min: 50, max: 64 });
    expect(assessment.explanation.interval).toEqual({ low: 34.2, high: 74.2 });
  });
  it('says how many cases would move the rating up or down', () => {
    // Good needs 65%: 13 of 20 on 2.2.3 (2 more); 2.2.1 and 2.2.2 are already there.
    expect(assessment.explanation.moveUp).toEqual({ toRating: 'Good', cases: 2, keyQuestions: [{ id: '2.2.3', cases: 2 }] });
    // Inadequate below 50%: 2.2.3 falls to 9 of 20 (45%) with 2 fewer.
    expect(assessment.explanation.moveDown).toEqual({ toRating: 'Inadequate', cases: 2, keyQuestions: [{ id: '2.2.3', cases: 2 }] });
    expect(assessment.explanation.summary).toContain('Good would need 2 more cases judged sufficient (2.2.3: 2)');
  });
  it('leaves outcomes unrated with their percentages, and victim work national-only', () => {
    expect(standard(result, '2.6')).toMatchObject({ rating: null, treatment: 'reported-unrated' });
    expect(standard(result, '2.6').outcomeQuestions!.map((o) => o.id)).toEqual(['2.6.1a', '2.6.1b', '2.6.1c', '2.6.1d']);
    expect(standard(result, '2.7')).toMatchObject({ rating: null, treatment: 'national-only', casesApplicable: 0 });
  });
});

describe('applicability', () => {
  it('rates court work only from cases with a pre-sentence report, and 2.4.1d only post-custody', () => {
    const cases = [
      caseWith('A', () => 'yes', { psr_prepared: 'yes', sentence_type: 'post-custody' }),
      caseWith('B', () => 'no', { psr_prepared: 'no' }),
    ];
    const r = rateInspection(framework, inspection(cases));
    expect(standard(r, '2.1').keyQuestions[0]).toMatchObject({ applicable: 1, sufficient: 1, notApplicable: 1 });
    expect(standard(r, '2.1').casesApplicable).toBe(1);
  });
  it('lets the answers decide when the deciding attribute is missing', () => {
    const withReport = caseWith('A', () => 'yes');
    delete withReport.attributes.psr_prepared;
    const without = caseWith('B', () => 'yes', { psr_prepared: 'no' });
    delete without.attributes.psr_prepared;
    const r = rateInspection(framework, inspection([withReport, without]));
    expect(standard(r, '2.1').keyQuestions[0]).toMatchObject({ applicable: 1, sufficient: 1 });
  });
  it('counts a key question that applies but has no judgement as missing, not as a case', () => {
    const c = caseWith('A', () => 'yes');
    delete c.answers['2.3.2'];
    const kq = standard(rateInspection(framework, inspection([c])), '2.3').keyQuestions[1]!;
    expect(kq).toMatchObject({ id: '2.3.2', applicable: 0, missing: 1, percentage: null });
  });
  it('rates by the key questions that have cases when one has none', () => {
    const cases = Array.from({ length: 4 }, (_, i) => caseWith(`C${i}`, (kq) => (kq === '2.5.3' ? 'na' : 'yes')));
    const reviewing = standard(rateInspection(framework, inspection(cases)), '2.5');
    expect(reviewing.rating).toBe('Outstanding');
    expect(reviewing.keyQuestions[2]).toMatchObject({ applicable: 0, notApplicable: 4, band: null });
  });
});

describe('limiting rules and the overall rating', () => {
  const allGood = Array.from({ length: 10 }, (_, i) => caseWith(`C${i}`, () => 'yes'));
  const domainOne = { '1.1': { rating: 'Outstanding', rationale: 'Strong' }, '1.2': { rating: 'Good' }, '1.3': { rating: 'Good' }, '1.4': { rating: 'Requires improvement' } };

  it('applies the diversity hurdle and says so', () => {
    const r = rateInspection(framework, inspection(allGood, { ...domainOne, diversity: { rating: 'Inadequate' } }));
    const leadership = standard(r, '1.1');
    expect(leadership).toMatchObject({ rating: 'Good', ratingBeforeLimits: 'Outstanding', points: 2, rationale: 'Strong' });
    expect(leadership.explanation.limits).toEqual([
      expect.objectContaining({ rule: 'diversity-hurdle', from: 'Outstanding', to: 'Good' }),
    ]);
  });
  it('totals the points of the nine rated standards into the overall band', () => {
    const r = rateInspection(framework, inspection(allGood, { ...domainOne, diversity: { rating: 'Good' } }));
    // 1.1 Outstanding 3 + 1.2 Good 2 + 1.3 Good 2 + 1.4 RI 1 + five Outstanding case standards 15 = 23.
    expect(r.overall).toMatchObject({ score: 23, maxScore: 27, rating: 'Outstanding', complete: true });
    expect(r.judgements).toEqual([{ id: 'diversity', name: 'Diversity', rating: 'Good' }]);
  });
  it('gives no overall rating until every rated standard has one', () => {
    const r = rateInspection(framework, inspection(allGood, { '1.1': { rating: 'Good' } }));
    expect(r.overall).toMatchObject({ rating: null, complete: false, missing: ['1.2', '1.3', '1.4'], score: 17 });
  });
  it('refuses to rate assessments with another version of the rules', () => {
    expect(() => rateInspection(framework, { ...inspection(allGood), frameworkKey: 'hmip-adult-pdu@2019' })).toThrow(FrameworkMismatchError);
  });
});

describe('quality-assurance flags', () => {
  it('flags a key-question judgement that contradicts all its prompts, and keeps it', () => {
    const c = caseWith('A', () => 'yes');
    for (const p of ['2.2.1a', '2.2.1b', '2.2.1c']) c.answers[p] = 'no';
    const r = rateInspection(framework, inspection([c]));
    expect(r.flags).toEqual([expect.objectContaining({ caseRef: 'A', item: '2.2.1', code: 'judged-yes-all-prompts-no' })]);
    expect(standard(r, '2.2').keyQuestions[0]).toMatchObject({ sufficient: 1, applicable: 1 });
  });
  it('flags an outcome judged positive with no progress and no stability credited', () => {
    const c = caseWith('A', () => 'yes');
    c.outcomes['2.6.1c'] = { progress: 'none' };
    expect(rateInspection(framework, inspection([c])).flags.map((f) => f.code)).toEqual(['outcome-yes-no-progress']);
  });
});

describe('properties', () => {
  const rated = (r: ReturnType<typeof rateInspection>) => r.standards.map((s) => rank(s.rating));

  it('more sufficient cases never lowers a rating or the total', () => {
    fc.assert(
      fc.property(arbitraryAssessment(framework), fc.nat(), (a, pick) => {
        const before = rateInspection(framework, a);
        const noes = a.cases.flatMap((c, ci) => Object.entries(c.answers).filter(([id, v]) => v === 'no' && framework.item(id)?.kind === 'key-question').map(([id]) => [ci, id] as const));
        fc.pre(noes.length > 0);
        const [ci, id] = noes[pick % noes.length]!;
        const improved = structuredClone(a);
        improved.cases[ci]!.answers[id] = 'yes';
        const after = rateInspection(framework, improved);
        rated(after).forEach((r, i) => expect(r).toBeGreaterThanOrEqual(rated(before)[i]!));
        expect(after.overall.score).toBeGreaterThanOrEqual(before.overall.score);
      }),
      { numRuns: 60 },
    );
  });

  it('not-applicable cases are never counted', () => {
    fc.assert(
      fc.property(arbitraryAssessment(framework, { maxCases: 15 }), arbitraryCase(framework, 'EXTRA'), (a, extra) => {
        // The extra case answers every key question not applicable, or is outside 2.1/2.7 by its attributes.
        for (const id of Object.keys(extra.answers)) extra.answers[id] = 'na';
        const before = rateInspection(framework, a);
        const after = rateInspection(framework, { ...a, cases: [...a.cases, extra] });
        const counts = (r: typeof before) => r.standards.flatMap((s) => s.keyQuestions.map((k) => [k.applicable, k.sufficient, k.percentage]));
        expect(counts(after)).toEqual(counts(before));
        expect(rated(after)).toEqual(rated(before));
      }),
      { numRuns: 40 },
    );
  });

  it('a standard is never rated above its lowest key question, and equals it', () => {
    fc.assert(
      fc.property(arbitraryAssessment(framework), (a) => {
        for (const s of rateInspection(framework, a).standards.filter((x) => x.treatment === 'rated' && x.keyQuestions.length)) {
          const bands = s.keyQuestions.filter((k) => k.band).map((k) => rank(k.band!.rating));
          expect(rank(s.rating)).toBe(bands.length ? Math.min(...bands) : -1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the diversity hurdle caps leadership at Good and touches nothing else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...scale), fc.constantFrom(...scale), (leadership, diversity) => {
        const r = rateInspection(framework, inspection([], { '1.1': { rating: leadership }, diversity: { rating: diversity } }));
        const expected = diversity === 'Inadequate' && leadership === 'Outstanding' ? 'Good' : leadership;
        expect(standard(r, '1.1').rating).toBe(expected);
        expect(standard(r, '1.1').explanation.limits.length).toBe(expected === leadership ? 0 : 1);
      }),
    );
  });

  it('the total is the sum of the rated standards and falls in its overall band', () => {
    fc.assert(
      fc.property(arbitraryAssessment(framework), (a) => {
        const r = rateInspection(framework, a);
        const rated = r.standards.filter((s) => s.treatment === 'rated');
        expect(r.overall.score).toBe(rated.reduce((sum, s) => sum + (s.points ?? 0), 0));
        expect(r.overall.complete).toBe(rated.every((s) => s.rating));
        if (r.overall.rating) {
          expect(r.overall.band!.minScore).toBeLessThanOrEqual(r.overall.score);
          expect(r.overall.band!.maxScore).toBeGreaterThanOrEqual(r.overall.score);
        }
        for (const s of r.standards.filter((x) => x.treatment !== 'rated')) expect(s.rating).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});
