import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { groupByStandard, matchStandard, stem } from './recommendations.ts';

const framework = bundledFramework('hmip-adult-pdu@2021');

describe('matching a recommendation to a standard', () => {
  it('takes word endings off the way the standards are named', () => {
    expect(['Leadership', 'Staffing', 'Assessment', 'Planning', 'Implementation', 'Reviewing', 'facilities', 'Outcomes'].map(stem)).toEqual([
      'leader',
      'staff',
      'assess',
      'plan',
      'implement',
      'review',
      'facilit',
      'outcome',
    ]);
  });

  it('uses a standard, key question or prompt number when exactly one standard is named', () => {
    expect(matchStandard(framework, 'Improve the work on 2.2.3 so that risk is analysed.')).toBe('2.2');
    expect(matchStandard(framework, 'See standard 2.3.')).toBe('2.3');
    expect(matchStandard(framework, 'Address 2.2.3b and 2.2.1a together.')).toBe('2.2');
    // Two standards named: not guessed.
    expect(matchStandard(framework, 'Improve 2.2 and 2.3.')).toBeNull();
    // Numbers that are not standards are ignored.
    expect(matchStandard(framework, 'Within 3.5 weeks, review every case.')).toBe('2.5');
  });

  it('otherwise uses the standard’s name, allowing word endings, and leaves several or none unmatched', () => {
    expect(matchStandard(framework, 'Improve the quality of risk of harm assessments.')).toBe('2.2');
    expect(matchStandard(framework, 'Make sure plans address the risks identified.')).toBe('2.3');
    expect(matchStandard(framework, 'Leaders should set out a clear vision.')).toBe('1.1');
    expect(matchStandard(framework, 'Reduce workloads by increasing staffing levels.')).toBe('1.2');
    expect(matchStandard(framework, 'Reviews should take account of changes in circumstances.')).toBe('2.5');
    expect(matchStandard(framework, 'Give the courts fuller pre-sentence advice.')).toBe('2.1');
    expect(matchStandard(framework, 'Improve the office premises and facilities.')).toBe('1.4');
    expect(matchStandard(framework, 'Train staff in assessing domestic abuse risk.')).toBeNull();
    expect(matchStandard(framework, 'Work more closely with partners.')).toBeNull();
  });

  it('groups recommendations in the framework’s order, the unmatched last, keeping each one once', () => {
    const items = [
      { inspectionId: 1, pdu: 'A', text: 'Work more closely with partners.' },
      { inspectionId: 1, pdu: 'A', text: 'Improve planning to keep people safe.' },
      { inspectionId: 2, pdu: 'B', text: 'Improve risk of harm assessments.' },
      { inspectionId: 3, pdu: 'C', text: 'Improve assessment of domestic abuse.' },
    ];
    const groups = groupByStandard(framework, items);
    expect(groups.map((g) => [g.heading, g.items.map((i) => i.pdu)])).toEqual([
      ['2.2 Assessment', ['B', 'C']],
      ['2.3 Planning', ['A']],
      ['Not matched to one standard', ['A']],
    ]);
    expect(groups.flatMap((g) => g.items)).toHaveLength(items.length);
  });
});
