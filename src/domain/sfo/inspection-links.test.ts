import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { sfoLearningLinks, SFO_TEXT } from './inspection-links.ts';

describe('the domain-one standards about learning from SFOs', () => {
  it('are found in the adult framework by their text: the PDU key question worded as the regional one whose prompt names SFOs', () => {
    const framework = bundledFramework('hmip-adult-pdu@2021');
    const links = sfoLearningLinks(framework);
    expect([...links.keys()]).toEqual(['1.4']);
    const link = links.get('1.4')!;
    expect(link.keyQuestions.map((k) => k.text)).toEqual(['Is analysis, evidence and learning used effectively to drive improvement?']);
    expect(link.prompts).toEqual([{ id: '1.4.2c', text: 'Does the region systematically learn from things that go wrong including SFOs?', scope: 'regional', keyQuestionId: '1.4.2' }]);
  });

  it('name SFOs as a word, spelt out or abbreviated', () => {
    expect(SFO_TEXT.test('learn from SFOs?')).toBe(true);
    expect(SFO_TEXT.test('Serious Further Offence reviews')).toBe(true);
    expect(SFO_TEXT.test('SFOREST')).toBe(false);
  });

  it('are none in a framework that never names SFOs', () => {
    const framework = bundledFramework('hmip-adult-pdu@2021');
    const stripped = { definition: { ...framework.definition, regionalStandards: undefined }, judgementStandards: framework.judgementStandards };
    expect(sfoLearningLinks(stripped).size).toBe(0);
  });
});
