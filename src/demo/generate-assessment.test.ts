import { describe, expect, it } from 'vitest';
import { rateInspection } from '../domain/rating/engine.ts';
import { parseAssessmentFile, writeAssessmentCsv } from '../interchange/assessment-file.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { generateAssessment, GENERATED_LABEL } from './generate-assessment.ts';

const framework = bundledFramework();
const options = { seed: 7, cases: 200, windowStart: '2026-04-06' };

describe('generated demonstration assessments', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(generateAssessment(framework, options)).toEqual(generateAssessment(framework, options));
    expect(generateAssessment(framework, { ...options, seed: 8 })).not.toEqual(generateAssessment(framework, options));
  });

  it('pass the same validation as an imported file, with every applicable item answered', () => {
    const assessment = generateAssessment(framework, { ...options, withEvidence: true });
    const result = parseAssessmentFile(framework, writeAssessmentCsv(framework, assessment), 'csv', { strict: true });
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.assessment).toEqual(assessment);
  });

  it('have plausible mixes, a two-week window and labelled judgements', () => {
    const { cases, judgements } = generateAssessment(framework, options);
    const share = (attribute: string, value: string) => cases.filter((c) => c.attributes[attribute] === value).length / cases.length;
    expect(share('sentence_type', 'post-custody')).toBeGreaterThan(0.2);
    expect(share('sentence_type', 'post-custody')).toBeLessThan(0.5);
    expect(share('rosh', 'medium')).toBeGreaterThan(0.4);
    expect(share('victim_contact_eligible', 'yes')).toBeLessThan(share('sentence_type', 'post-custody'));
    const dates = cases.map((c) => c.attributes.start_date!).sort();
    expect(dates[0]! >= '2026-04-06' && dates.at(-1)! <= '2026-04-19').toBe(true);
    expect(Object.values(judgements).every((j) => j.rationale?.startsWith(GENERATED_LABEL))).toBe(true);
  });

  it('rate to a complete inspection whose outcome questions differ', () => {
    const ratings = rateInspection(framework, generateAssessment(framework, options));
    expect(ratings.overall.complete).toBe(true);
    const outcomes = ratings.standards.find((s) => s.id === '2.6')!.outcomeQuestions!.map((o) => o.sufficient);
    expect(new Set(outcomes).size).toBeGreaterThan(1);
  });
});
