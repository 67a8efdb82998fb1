// The youth justice frameworks as shipped: structure confirmed in public sources, rules as published,
// and every text's provenance recorded.
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';

const y2018 = bundledFramework('hmip-youth@2018');
const y2021 = bundledFramework('hmip-youth@2021');

describe.each([
  ['2018', y2018],
  ['2021', y2021],
] as const)('hmip-youth@%s', (version, f) => {
  it('has domain one judged for the service, domain two rated from court cases and 3.1-3.3 from out-of-court cases', () => {
    expect(f.judgementStandards.map((s) => s.id)).toEqual(version === '2021' ? ['1.1', '1.2', '1.3', '1.4', '3.4', '4.1'] : ['1.1', '1.2', '1.3', '1.4', '3.4']);
    expect(f.caseStandards.map((s) => [s.id, s.appliesWhen?.equals])).toEqual([
      ['2.1', 'court'], ['2.2', 'court'], ['2.3', 'court'], ['2.4', 'court'],
      ['3.1', 'out-of-court'], ['3.2', 'out-of-court'], ['3.3', 'out-of-court'],
    ]);
    expect(f.standards.slice(0, 4).map((s) => s.name)).toEqual(['Governance and leadership', 'Staff', 'Partnerships and services', 'Information and facilities']);
  });

  it('asks three key questions of each case-rated standard: desistance, keeping the child safe, keeping other people safe', () => {
    for (const s of f.caseStandards) {
      expect(s.keyQuestions.map((k) => k.id)).toEqual([`${s.id}.1`, `${s.id}.2`, `${s.id}.3`]);
      expect(s.keyQuestions[0]!.text).toMatch(/desistance/);
      expect(s.keyQuestions[1]!.text).toMatch(/keep(ing)? the child safe|safety of the child/);
      expect(s.keyQuestions[2]!.text).toMatch(/keep(ing)? other people safe|safety of other people/);
    }
  });

  it('counts 12 standards at 0-3 points, out of 36, in the published bands, with the adult key-question bands', () => {
    expect(f.countedStandards).toHaveLength(12);
    expect(f.definition.rules.points).toEqual({ Inadequate: 0, 'Requires improvement': 1, Good: 2, Outstanding: 3 });
    expect(f.definition.rules.overallBands.bands.map((b) => [b.rating, b.minScore, b.maxScore])).toEqual([
      ['Inadequate', 0, 6], ['Requires improvement', 7, 18], ['Good', 19, 30], ['Outstanding', 31, 36],
    ]);
    expect(f.definition.rules.keyQuestionBands.map((b) => b.minPercent)).toEqual(bundledFramework('hmip-adult-pdu@2021').definition.rules.keyQuestionBands.map((b) => b.minPercent));
  });

  it('speaks of children and youth justice services, and requires only the case type of a case', () => {
    expect(f.regime).toMatchObject({ organisationKind: 'youth-service', people: { plural: 'children' } });
    expect(f.definition.caseAttributes.filter((a) => a.required).map((a) => a.id)).toEqual(['case_type']);
    expect(f.attributeWithRole('case-type')?.values).toEqual(['court', 'out-of-court']);
  });

  it('records each text\'s provenance: the desistance prompts word for word from the effective practice guide, the rest to be confirmed', () => {
    expect(f.provenance('2.1.1a')).toMatchObject({ wording: 'verbatim', source: expect.stringContaining('effectiveness in inspected cases') });
    expect(f.item('2.1.1a')!.prompt!.text).toBe('We expect to find that the assessment: is well-informed, analytical and personalised, actively involving the child and their parents/carers');
    expect(f.item('2.4.1e')!.prompt!.text).toBe('lead to the necessary adjustments in the ongoing plan of work to support desistance');
    for (const id of ['1.1', '2.1', '2.1.1', '3.4.1']) expect(f.provenance(id).wording).toBe('to-be-confirmed');
  });
});

describe('what changed from 2018 to 2021', () => {
  it('3.4 Joint working became Out-of-court disposal policy and provision; 4.1 Resettlement is rated separately and not rated without a custody case', () => {
    expect(y2018.standard('3.4')!.name).toBe('Joint working');
    expect(y2021.standard('3.4')!.name).toBe('Out-of-court disposal policy and provision');
    expect(y2018.standard('4.1')).toBeUndefined();
    expect(y2021.treatment('4.1')).toBe('rated-separately');
    expect(y2021.notRatedWithoutCases('4.1')?.relevantCases).toContain('custody case in the 12 months before');
  });
});
