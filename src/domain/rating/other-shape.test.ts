// A framework of another shape added with a file alone (test/fixtures/frameworks/other-shape-2030.yaml):
// five standards, three ratings with band edges at 60% and 85%, points 0/2/5, bands over 20 points.
// Figures worked by hand from the file below.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../interchange/assessment-file.ts';
import { parseFramework } from '../framework/parse.ts';
import { samplingWindow } from '../sampling/window.ts';
import { rateInspection } from './engine.ts';

const framework = parseFramework(readFileSync(new URL('../../../test/fixtures/frameworks/other-shape-2030.yaml', import.meta.url), 'utf8'), 'other-shape-2030.yaml');

const caseRows = (ref: string, placement: string, answers: Record<string, string>) =>
  [`${ref},placement,${placement}`, ...Object.entries(answers).map(([id, v]) => `${ref},${id},${v}`)];
const yes = (long: boolean) => ({ '2.1.1': 'yes', '2.1.1a': 'yes', '2.1.1b': 'yes', '2.1.2': 'yes', ...(long ? { '2.2.1': 'yes' } : {}), '2.3.1': 'yes' });
const file = (withMoveOn: boolean) =>
  [
    'case_ref,item,value',
    ',1.1,Strong',
    ...(withMoveOn ? [',3.1,Adequate'] : []),
    ...caseRows('P1', 'short', { ...yes(false), '2.1.2': 'no', '2.3.1': 'no' }),
    ...caseRows('P2', 'short', { ...yes(false), '2.3.1': 'no' }),
    ...caseRows('P3', 'long', { ...yes(true), '2.3.1': 'no' }),
    ...caseRows('P4', 'long', yes(true)),
    ...caseRows('P5', 'long', { ...yes(true), '2.2.1': 'no' }),
  ].join('\n') + '\n';

function rate(withMoveOn: boolean) {
  const read = parseAssessmentFile(framework, file(withMoveOn), 'csv', { strict: true });
  if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('\n'));
  return rateInspection(framework, read.assessment);
}

describe('a framework of another shape, from its file alone', () => {
  it('rates by its own bands: 2.1 by 2.1.2 at 4/5 = 80.0% Adequate; 2.2 (long placements only) 2/3 = 66.7% Adequate; 2.3 2/5 = 40.0% Weak', () => {
    const r = rate(true);
    expect(r.standards.map((s) => [s.id, s.rating, s.points])).toEqual([
      ['1.1', 'Strong', 5],
      ['2.1', 'Adequate', 2],
      ['2.2', 'Adequate', 2],
      ['2.3', 'Weak', 0],
      ['3.1', 'Adequate', null],
    ]);
    expect(r.standards.find((s) => s.id === '2.2')!.keyQuestions[0]).toMatchObject({ applicable: 3, sufficient: 2, percentage: 66.7 });
    expect(r.standards.find((s) => s.id === '2.1')!.explanation.setBy).toBe('2.1.2');
  });

  it('totals its four counted standards out of 20 (5 + 2 + 2 + 0 = 9, Adequate in 8-15), 3.1 rated beside them', () => {
    expect(rate(true).overall).toMatchObject({ score: 9, maxScore: 20, rating: 'Adequate', complete: true });
  });

  it('shows 3.1 as not rated without relevant cases, and the total stays 9 of 20', () => {
    const r = rate(false);
    expect(r.standards.find((s) => s.id === '3.1')).toMatchObject({ rating: null, notRated: true });
    expect(r.standards.find((s) => s.id === '3.1')!.explanation.summary).toContain('a resident who moved on');
    expect(r.overall).toMatchObject({ score: 9, maxScore: 20, rating: 'Adequate' });
  });

  it('speaks the regime\'s words and names its attributes\' roles', () => {
    expect(framework.regime.people.plural).toBe('residents');
    expect(framework.attributeWithRole('case-type')?.id).toBe('placement');
    expect(framework.countedStandards.map((s) => s.id)).toEqual(['1.1', '2.1', '2.2', '2.3']);
  });

  it('samples from its own window: three months before fieldwork', () => {
    const result = samplingWindow({ fieldworkStart: '2026-10-05', weeks: 1, monthsBefore: framework.regime.sampleWindow.monthsBeforeFieldwork });
    expect(result.ok && [result.window.sixMonthsBefore, result.window.start, result.window.end]).toEqual(['2026-07-05', '2026-06-29', '2026-07-05']);
  });
});
