import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { diffFrameworks } from './diff.ts';
import { compileFramework } from './framework.ts';
import type { FrameworkDefinition } from './schema.ts';

const y2018 = bundledFramework('hmip-youth@2018');
const y2021 = bundledFramework('hmip-youth@2021');
const adult = bundledFramework('hmip-adult-pdu@2021');

describe('the youth frameworks, 2018 to 2021', () => {
  const d = diffFrameworks(y2018, y2021);

  it('lists 3.4 renamed and reworded with its key question, and 4.1 added with its key question', () => {
    expect(d.items.map((i) => [i.kind, i.id, i.changes])).toEqual([
      ['standard', '3.4', ['renamed', 'reworded']],
      ['key-question', '3.4.1', ['reworded']],
      ['standard', '4.1', ['added']],
      ['key-question', '4.1.1', ['added']],
    ]);
    expect(d.items[0]).toMatchObject({ before: { name: 'Joint working' }, after: { name: 'Out-of-court disposal policy and provision' } });
  });

  it('marks 3.4 changed and 4.1 added as not comparable, and no rule changed', () => {
    expect(d.notComparable).toEqual([
      { standard: '3.4', reasons: ['renamed', 'statement reworded', 'key question 3.4.1 reworded'] },
      { standard: '4.1', reasons: ['added'] },
    ]);
    expect(d.rules).toEqual([]);
    expect(d.overallComparable).toBe(true);
  });

  it('reads the other way as 4.1 removed', () => {
    expect(diffFrameworks(y2021, y2018).items.filter((i) => i.changes.includes('removed')).map((i) => i.id)).toEqual(['4.1', '4.1.1']);
  });

  it('finds nothing between a version and itself', () => {
    expect(diffFrameworks(y2021, y2021)).toMatchObject({ items: [], rules: [], notComparable: [], overallComparable: true });
  });
});

describe('changes made to a copy of the adult framework', () => {
  const changed = (edit: (d: FrameworkDefinition) => void) => {
    const def = structuredClone(adult.definition);
    def.version = '2099';
    edit(def);
    return diffFrameworks(adult, compileFramework(def));
  };
  const standard = (d: FrameworkDefinition, id: string) => d.domains.flatMap((x) => x.standards).find((s) => s.id === id)!;

  it('finds a prompt moved under another id by its unchanged text', () => {
    const d = changed((def) => {
      const kq = standard(def, '2.2').keyQuestions[0]!;
      const last = kq.prompts.at(-1)!;
      last.id = `${kq.id}z`;
    });
    const last = adult.standard('2.2')!.keyQuestions[0]!.prompts.at(-1)!;
    expect(d.items).toEqual([{ kind: 'prompt', id: '2.2.1z', fromId: last.id, changes: ['moved'], before: { text: last.text }, after: { text: last.text } }]);
    expect(d.notComparable).toEqual([]); // prompts guide the judgement; key questions are counted
  });

  it('reports a band edge and a treatment as rule changes: every case standard and the overall no longer comparable', () => {
    const d = changed((def) => {
      def.rules.keyQuestionBands[2]!.minPercent = 70;
      def.rules.standards.find((s) => s.standard === '2.7')!.treatment = 'reported-unrated';
    });
    expect(d.rules.map((r) => r.rule)).toEqual(['key-question bands', 'treatment of 2.7']);
    expect(d.rules[1]).toEqual({ rule: 'treatment of 2.7', standard: '2.7', before: 'national-only', after: 'reported-unrated' });
    expect(d.notComparable.map((n) => n.standard)).toEqual(adult.caseStandards.map((s) => s.id));
    expect(d.overallComparable).toBe(false);
  });

  it('reports a key question made conditional as a rule change of its standard', () => {
    const d = changed((def) => {
      standard(def, '2.3').keyQuestions[1]!.appliesWhen = { attribute: 'sentence_type', equals: 'community' };
    });
    expect(d.rules.map((r) => r.rule)).toEqual(['keyQuestionConditions of 2.3']);
    expect(d.notComparable).toEqual([{ standard: '2.3', reasons: ['keyQuestionConditions changed'] }]);
  });
});
