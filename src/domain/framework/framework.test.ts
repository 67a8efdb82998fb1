import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { parseFramework } from './parse.ts';
import { FrameworkError } from './framework.ts';
import { readFileSync } from 'node:fs';

const framework = bundledFramework('hmip-adult-pdu@2021');
const def = framework.definition;
const count = (standards: typeof def.domains[number]['standards']) => ({
  standards: standards.length,
  keyQuestions: standards.reduce((n, s) => n + s.keyQuestions.length, 0),
  prompts: standards.reduce((n, s) => n + s.keyQuestions.reduce((m, kq) => m + kq.prompts.length, 0), 0),
});

describe('the 2021 adult PDU framework matches Annexe 1 of the May 2021 consultation', () => {
  // Counted by hand from the document.
  it('domain one PDU standards: 4 standards, 13 key questions, 60 prompts', () => {
    expect(count(def.domains[0]!.standards)).toEqual({ standards: 4, keyQuestions: 13, prompts: 60 });
  });
  it('domain two: 7 standards, 17 key questions, 76 prompts', () => {
    expect(count(def.domains[1]!.standards)).toEqual({ standards: 7, keyQuestions: 17, prompts: 76 });
  });
  it('regional standards: 4 standards, 10 key questions, 43 prompts, differing from the PDU set', () => {
    expect(count(def.regionalStandards!.standards)).toEqual({ standards: 4, keyQuestions: 10, prompts: 43 });
    expect(def.regionalStandards!.standards[0]!.statement).not.toEqual(def.domains[0]!.standards[0]!.statement);
  });
  it('carries the 10 diversity prompts of 4.3 and the 11 statements of Annexe 2', () => {
    expect(def.diversityPrompts).toHaveLength(10);
    expect(def.questionnaire!.statements).toHaveLength(11);
    expect(def.questionnaire!.scale).toEqual(['Strongly agree', 'Agree', 'Undecided', 'Disagree', 'Strongly disagree']);
  });
  it('keeps the wording word for word', () => {
    expect(framework.item('2.4.1d')!.prompt!.text).toBe(
      'Post-custody cases only: Was there a proportionate level of contact with the prisoner before release?',
    );
    expect(framework.standard('2.2')!.statement).toBe(
      'Assessment is well-informed, analytical and personalised, and actively involves the person on probation.',
    );
    expect(framework.item('1.2.3a')!.prompt!.text).toBe(
      'Do staff receive effective case-focussed supervision that enhances and sustains the quality of work with people on probation?',
    );
  });
  it('records the applicability conditions', () => {
    expect(framework.standard('2.1')!.appliesWhen).toEqual({ attribute: 'psr_prepared', equals: 'yes' });
    expect(framework.standard('2.7')!.appliesWhen).toEqual({ attribute: 'victim_contact_eligible', equals: 'yes' });
    expect(framework.item('2.4.1d')!.conditions).toEqual([{ attribute: 'sentence_type', equals: 'post-custody' }]);
  });
  it('holds the rating rules as data', () => {
    expect(def.rules.keyQuestionBands.map((b) => [b.rating, b.minPercent])).toEqual([
      ['Inadequate', 0], ['Requires improvement', 50], ['Good', 65], ['Outstanding', 80],
    ]);
    expect(def.rules.standards.filter((s) => s.treatment === 'rated').map((s) => s.standard)).toEqual([
      '1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5',
    ]);
    expect(framework.treatment('2.6')).toBe('reported-unrated');
    expect(framework.treatment('2.7')).toBe('national-only');
    expect(def.rules.overallBands.bands.map((b) => [b.minScore, b.maxScore])).toEqual([[0, 4], [5, 13], [14, 22], [23, 27]]);
    expect(def.rules.overallBands.basis).toContain('36-point youth bands');
  });
});

describe('framework files are validated on load', () => {
  const text = readFileSync(new URL('../../../reference/frameworks/hmip-adult-pdu-2021.yaml', import.meta.url), 'utf8');
  const problemsOf = (t: string) => {
    try {
      parseFramework(t, 'broken.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(FrameworkError);
      return (e as FrameworkError).problems;
    }
    throw new Error('expected the framework to be rejected');
  };
  it('names the file, the path and the problem for a schema error', () => {
    const problems = problemsOf(text.replace('minPercent: 65', 'minPercent: "sixty-five"'));
    expect(problems).toEqual([expect.objectContaining({ path: 'rules.keyQuestionBands[2].minPercent' })]);
    expect(() => parseFramework(text.replace('minPercent: 65', 'minPercent: "x"'), 'broken.yaml')).toThrow(/broken\.yaml/);
  });
  it('rejects overall bands that do not meet or do not reach the maximum score', () => {
    const problems = problemsOf(text.replace('{ rating: Outstanding, minScore: 23, maxScore: 27 }', '{ rating: Outstanding, minScore: 24, maxScore: 26 }'));
    expect(problems.map((p) => p.path)).toEqual(['rules.overallBands.bands[3].minScore', 'rules.overallBands.bands']);
  });
  it('rejects conditions on unknown attributes and limiting rules on unknown standards', () => {
    const problems = problemsOf(
      text.replace('attribute: psr_prepared, equals', 'attribute: psr, equals').replace('standard: "1.1", highestRating', 'standard: "9.9", highestRating'),
    );
    expect(problems.map((p) => p.message)).toEqual(['unknown case attribute "psr"', '9.9 is not a rated standard']);
  });
  it('reports a YAML syntax error with its line', () => {
    expect(problemsOf('id: [unclosed\n')[0]!.path).toMatch(/^line \d+/);
  });
});
