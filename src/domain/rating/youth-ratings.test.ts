// Youth inspections rated from the long CSV format (test/fixtures/assessments/youth-*.csv), every
// figure worked out by hand from the fixtures: 5 court cases (C01-C05), 4 out-of-court (O01-O04).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../interchange/assessment-file.ts';
import { bundledFramework } from '../../reference/frameworks.ts';
import { rateInspection } from './engine.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/assessments/${name}`, import.meta.url), 'utf8');
function rate(key: string, name: string) {
  const framework = bundledFramework(key);
  const read = parseAssessmentFile(framework, fixture(name), 'csv', { strict: true });
  if (!read.ok) throw new Error(read.errors.map((e) => `${e.row}: ${e.message}`).join('\n'));
  return { read, ratings: rateInspection(framework, read.assessment) };
}

// Court: 2.1 lowest 2.1.2/2.1.3 4/5 = 80% Outstanding; 2.2 lowest 2.2.2 3/5 = 60% RI; 2.3 lowest
// 2.3.3 3/4 = 75% (C03 na) Good; 2.4 lowest 2.4.1 2/5 = 40% Inadequate. Out-of-court: 3.1 4/4
// Outstanding; 3.2 3.2.1 3/4 = 75% Good; 3.3 3.3.2 2/4 = 50% RI. Domain one and 3.4 as given.
const counted2021 = [
  ['1.1', 'Good', 2], ['1.2', 'Outstanding', 3], ['1.3', 'Good', 2], ['1.4', 'Requires improvement', 1],
  ['2.1', 'Outstanding', 3], ['2.2', 'Requires improvement', 1], ['2.3', 'Good', 2], ['2.4', 'Inadequate', 0],
  ['3.1', 'Outstanding', 3], ['3.2', 'Good', 2], ['3.3', 'Requires improvement', 1], ['3.4', 'Good', 2],
];

describe('a 2021 youth inspection', () => {
  it('reads court and out-of-court cases, their optional attributes and aliases, and the inspection-level ratings by name', () => {
    const { read } = rate('hmip-youth@2021', 'youth-2021-with-resettlement.csv');
    expect(read.warnings).toEqual([]);
    const byRef = new Map(read.assessment.cases.map((c) => [c.caseRef, c]));
    expect(read.assessment.cases).toHaveLength(9);
    expect(byRef.get('C02')!.attributes).toEqual({ case_type: 'court', start_date: '2026-03-02', rosh: 'medium', gender: 'female' });
    expect(byRef.get('O02')!.attributes.case_type).toBe('out-of-court');
    expect(byRef.get('O01')!.answers['2.1.1']).toBeUndefined();
    expect(read.assessment.judgements['4.1']).toEqual({ rating: 'Outstanding', rationale: 'Two children left custody in the year; their resettlement was planned early.' });
  });

  it('rates each standard by its lowest key question or the lead\'s judgement, 4.1 beside them without points', () => {
    const { ratings } = rate('hmip-youth@2021', 'youth-2021-with-resettlement.csv');
    expect(ratings.standards.map((s) => [s.id, s.rating, s.points])).toEqual([...counted2021, ['4.1', 'Outstanding', null]]);
    const s23 = ratings.standards.find((s) => s.id === '2.3')!;
    expect(s23.keyQuestions.map((k) => [k.id, k.sufficient, k.applicable])).toEqual([['2.3.1', 4, 5], ['2.3.2', 4, 5], ['2.3.3', 3, 4]]);
    expect(s23.casesApplicable).toBe(5);
    expect(ratings.standards.find((s) => s.id === '3.3')!.explanation.setBy).toBe('3.3.2');
  });

  it('scores 22 of 36 (Good), 4.1 not counted', () => {
    expect(rate('hmip-youth@2021', 'youth-2021-with-resettlement.csv').ratings.overall).toMatchObject({ score: 22, maxScore: 36, rating: 'Good', complete: true });
  });

  it('shows 4.1 as not rated when the lead gives no 4.1 row, and the score is the same', () => {
    const { ratings } = rate('hmip-youth@2021', 'youth-2021-no-resettlement.csv');
    expect(ratings.standards.find((s) => s.id === '4.1')).toMatchObject({ rating: null, points: null, notRated: true, treatment: 'rated-separately' });
    expect(ratings.overall).toMatchObject({ score: 22, maxScore: 36, rating: 'Good', complete: true });
  });

  it('refuses a court case that answers an out-of-court key question, and a case without its case type', () => {
    const framework = bundledFramework('hmip-youth@2021');
    const text = `${fixture('youth-2021-no-resettlement.csv')}C01,3.1.1,yes\nX01,2.1.1,yes\n`;
    const read = parseAssessmentFile(framework, text, 'csv');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.find((e) => e.caseRef === 'C01' && e.item === '3.1.1')!.message).toBe(
      '3.1.1 is answered yes, but it applies only when case_type is out-of-court, and this case\'s case_type is court; answer na or leave it out',
    );
    expect(read.errors.find((e) => e.caseRef === 'X01' && e.item === 'case_type')!.message).toContain('every case needs case_type');
  });
});

describe('a 2018 youth inspection', () => {
  it('rates the same cases alike; 3.4 Joint working Outstanding makes 23 of 36 (Good); there is no 4.1', () => {
    const { ratings } = rate('hmip-youth@2018', 'youth-2018.csv');
    expect(ratings.standards.map((s) => [s.id, s.rating, s.points])).toEqual([...counted2021.slice(0, 11), ['3.4', 'Outstanding', 3]]);
    expect(ratings.overall).toMatchObject({ score: 23, maxScore: 36, rating: 'Good' });
  });

  it('refuses a 4.1 rating, which 2018 does not have', () => {
    const read = parseAssessmentFile(bundledFramework('hmip-youth@2018'), fixture('youth-2021-with-resettlement.csv'), 'csv');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors.some((e) => e.item === '4.1' && e.message.startsWith("unknown item '4.1'"))).toBe(true);
  });
});
