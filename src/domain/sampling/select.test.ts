import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../rating/percentages.ts';
import { bundledFramework, bundledFrameworkFiles } from '../../reference/frameworks.ts';
import { parseFramework } from '../framework/parse.ts';
import type { EligibleCase } from './eligible-cases.ts';
import { reliabilityRule, sampleReliability } from './reliability.ts';
import { casesInWindow, selectCaseSample } from './select.ts';
import { samplingWindow, type SamplingWindow } from './window.ts';

const framework = bundledFramework();
const result = samplingWindow({ monthsBefore: 6, fieldworkStart: '2026-10-05', weeks: 2 });
if (!result.ok) throw new Error('window');
const window: SamplingWindow = result.window; // 30 March to 12 April 2026

let next = 0;
function eligible(start: string, attributes: Record<string, string> = {}): EligibleCase {
  next++;
  return {
    caseRef: `X${String(next).padStart(6, '0')}`,
    practitioner: 'Jo Bloggs',
    attributes: { sentence_type: 'community', rosh: 'medium', start_date: start, psr_prepared: 'no', victim_contact_eligible: 'no', ...attributes },
  };
}

const many = (count: number, start: string, attributes: Record<string, string> = {}) => Array.from({ length: count }, () => eligible(start, attributes));

describe('the case sample', () => {
  it('is every case that began in the window, both ends included, in order of start', () => {
    const caseload = [eligible('2026-04-12'), eligible('2026-03-29'), eligible('2026-03-30'), eligible('2026-04-13'), eligible('2026-04-01')];
    expect(casesInWindow(framework, caseload, window).map((c) => c.attributes['start_date'])).toEqual(['2026-03-30', '2026-04-01', '2026-04-12']);
  });

  it('reads the start from the attribute the framework gives the start-date role, whatever its id', () => {
    const text = bundledFrameworkFiles().find((f) => f.framework.key === 'hmip-adult-pdu@2021')!.sourceText.replace('- id: start_date', '- id: began_on');
    const renamed = parseFramework(text, 'renamed.yaml');
    expect(renamed.attributeWithRole('start-date')?.id).toBe('began_on');
    const moved = (c: EligibleCase): EligibleCase => {
      const { start_date: began, ...rest } = c.attributes;
      return { ...c, attributes: { ...rest, began_on: began! } };
    };
    const caseload = [eligible('2026-04-12'), eligible('2026-03-29'), eligible('2026-04-01')].map(moved);
    expect(casesInWindow(renamed, caseload, window).map((c) => c.attributes['began_on'])).toEqual(['2026-04-01', '2026-04-12']);
    // Under the adult file, which names start_date, the same cases have no start and none is in the window.
    expect(casesInWindow(framework, caseload, window)).toEqual([]);
  });

  it('compares its mix with the whole caseload', () => {
    const caseload = [
      ...many(3, '2026-04-01', { rosh: 'high', gender: 'female' }),
      ...many(1, '2026-04-01', { rosh: 'low', gender: 'male' }),
      ...many(6, '2026-01-10', { rosh: 'low', gender: 'male' }),
    ];
    const sample = selectCaseSample(framework, caseload, window);
    expect(sample.cases).toHaveLength(4);
    expect(sample.caseloadSize).toBe(10);
    const rosh = sample.mix.find((m) => m.attribute === 'rosh')!;
    expect(rosh.label).toBe('Risk of serious harm level');
    expect(rosh.rows).toEqual([
      { value: 'low', sample: { count: 1, percent: 25 }, caseload: { count: 7, percent: 70 }, difference: -45 },
      { value: 'medium', sample: { count: 0, percent: 0 }, caseload: { count: 0, percent: 0 }, difference: 0 },
      { value: 'high', sample: { count: 3, percent: 75 }, caseload: { count: 3, percent: 30 }, difference: 45 },
      { value: 'very-high', sample: { count: 0, percent: 0 }, caseload: { count: 0, percent: 0 }, difference: 0 },
    ]);
    expect(sample.mix.map((m) => m.attribute)).toEqual(['sentence_type', 'rosh', 'gender', 'ethnicity']);
    // Nothing recorded is a row of its own.
    const ethnicity = sample.mix.find((m) => m.attribute === 'ethnicity')!;
    expect(ethnicity.rows.at(-1)).toEqual({ value: null, sample: { count: 4, percent: 100 }, caseload: { count: 10, percent: 100 }, difference: 0 });
  });
});

describe('whether the sample is big enough to rate each standard', () => {
  const rule = reliabilityRule(framework);

  it('draws the interval around a 65% result and compares it with a 15-point band', () => {
    expect(rule.referencePercent).toBe(65);
    expect(rule.bandWidth).toBe(15);
    // The fewest cases whose interval stays within 15 points of 65% either side.
    const margin = (n: number) => {
      const i = wilsonInterval(0.65 * n, n)!;
      return Math.max(65 - i.low, i.high - 65);
    };
    expect(margin(rule.casesNeeded)).toBeLessThanOrEqual(15);
    expect(margin(rule.casesNeeded - 1)).toBeGreaterThan(15);
    expect(rule.casesNeeded).toBe(43);
  });

  it('counts the cases each standard is expected to apply to', () => {
    const sample = [
      ...many(10, '2026-04-01', { psr_prepared: 'yes' }),
      ...many(5, '2026-04-01', { sentence_type: 'post-custody', victim_contact_eligible: 'yes' }),
      ...many(15, '2026-04-01'),
    ];
    const byId = new Map(sampleReliability(framework, sample).map((r) => [r.id, r]));
    expect([...byId.keys()]).toEqual(['2.1', '2.2', '2.3', '2.4', '2.4.1d', '2.5', '2.6', '2.7']);
    expect(byId.get('2.1')).toMatchObject({ applicableCases: 10, appliesTo: 'Pre-sentence report prepared: yes', treatment: 'rated' });
    expect(byId.get('2.2')).toMatchObject({ applicableCases: 30, appliesTo: null });
    expect(byId.get('2.4.1d')).toMatchObject({ scope: 'prompt', applicableCases: 5, appliesTo: 'Sentence type: post-custody' });
    expect(byId.get('2.7')).toMatchObject({ applicableCases: 5, treatment: 'national-only' });
    expect(byId.get('2.6')).toMatchObject({ treatment: 'reported-unrated' });
  });

  it('warns, saying what too small means, where the interval reaches beyond a band', () => {
    const reliability = sampleReliability(framework, many(24, '2026-04-01', { psr_prepared: 'yes' }));
    const court = reliability.find((r) => r.id === '2.1')!;
    expect(court).toMatchObject({ tooSmall: true, applicableCases: 24, interval: { low: 45.1, high: 80.8 }, margin: 19.9, casesPerBand: 4 });
    expect(court.message).toBe(
      '2.1 Court work: too few cases. Around a 65% result, the 95% interval with 24 cases (Pre-sentence report prepared: yes) runs from 45.1% to 80.8%, ' +
        'up to 19.9 points away, more than a rating band (15 points), so a rating could move by a band on the judgement of 4 cases. ' +
        'At least 43 cases are needed to stay within a band.',
    );
    const victims = reliability.find((r) => r.id === '2.7')!;
    expect(victims).toMatchObject({ tooSmall: true, applicableCases: 0, interval: null, margin: null });
    expect(victims.message).toBe(
      '2.7 Statutory victim work: no case in the sample is expected to need it (Eligible for statutory victim contact: yes), so the sample says nothing about it. It is rated nationally, not for this PDU.',
    );
  });

  it('does not warn where there are enough cases', () => {
    const reliability = sampleReliability(framework, many(120, '2026-04-01', { psr_prepared: 'yes' }));
    const assessment = reliability.find((r) => r.id === '2.2')!;
    expect(assessment.tooSmall).toBe(false);
    expect(assessment.margin).toBeLessThanOrEqual(15);
    expect(assessment.message).toMatch(/^2\.2 Assessment: Around a 65% result, the 95% interval with 120 cases runs from .*, within a rating band \(15 points\)\.$/);
    for (const r of reliability) expect(r.tooSmall).toBe(r.margin === null || r.margin > 15);
  });
});
