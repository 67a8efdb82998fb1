import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { suppressGroups, surveyResults } from './results.ts';
import { DEFAULT_THEMES, matchedKeywords } from './themes.ts';
import { surveyPeople } from '../../../test/support/survey-people.ts';

const framework = bundledFramework();
const { script, statementIds, person } = surveyPeople(framework);
/** Someone who answers every statement `point`, gives free text and says who they are. */
const answering = (point: string, about: { gender?: string; good?: string; better?: string; followUp?: string } = {}) =>
  person([...statementIds.map(() => point), about.good ?? 'skip', about.better ?? 'skip', about.gender ?? 'skip', 'skip', 'skip', 'skip', about.followUp ?? 'no']);

describe('survey results', () => {
  it('counts the response with opt-outs in the denominator', () => {
    const states = [answering('1'), answering('2'), person(['1', 'STOP']), person(['STOP']), person([]), person(['hmm', 'no idea'])];
    expect(surveyResults(framework, script, states).response).toEqual({
      contacted: 6,
      responded: 3,
      completed: 2,
      optedOut: 2,
      optedOutWithoutAnswering: 1,
      noAnswer: 2,
      responseRate: 50,
    });
  });

  it('gives each statement its distribution and agree share', () => {
    const states = [answering('1'), answering('2'), answering('2'), answering('4'), person(['skip', '5']), person(['maybe', 'what'])];
    const s1 = surveyResults(framework, script, states).statements[0]!;
    expect(s1).toMatchObject({ id: 's1', answered: 4, skipped: 1, invalid: 1, informs: ['1.3.1a'] });
    expect(s1.points.map((p) => [p.label, p.count, p.percent])).toEqual([
      ['Strongly agree', 1, 25],
      ['Agree', 2, 50],
      ['Undecided', 0, 0],
      ['Disagree', 1, 25],
      ['Strongly disagree', 0, 0],
    ]);
    expect(s1.agree).toMatchObject({ count: 3, of: 4, percent: 75, interval: { low: 30.1, high: 95.4 } });
    expect(surveyResults(framework, script, states).statements[1]!.points[4]!.count).toBe(1);
  });

  it('shows groups of at least 10 only, and hides enough that a small group cannot be worked out', () => {
    const states = [
      ...Array.from({ length: 12 }, () => answering('1', { gender: 'male' })),
      ...Array.from({ length: 10 }, () => answering('4', { gender: 'female' })),
      ...Array.from({ length: 3 }, () => answering('2', { gender: 'other' })),
    ];
    const gender = surveyResults(framework, script, states).groups.find((g) => g.question === 'gender')!;
    // Other (3) is too small; with everyone stating a gender it could be found by subtraction, so
    // the next smallest group is hidden too.
    expect(gender.shown.map((g) => [g.group, g.respondents])).toEqual([['Male', 12]]);
    expect(gender.hidden).toEqual([
      { group: 'Other', reason: 'small' },
      { group: 'Female', reason: 'protects-small-group' },
    ]);
    expect(gender.shown[0]!.statements[0]).toEqual({ id: 's1', agree: expect.objectContaining({ count: 12, of: 12, percent: 100 }) });
    // With 10 people not saying, hiding Other alone is enough.
    const more = [...states, ...Array.from({ length: 10 }, () => answering('3'))];
    const again = surveyResults(framework, script, more).groups.find((g) => g.question === 'gender')!;
    expect(again.shown.map((g) => g.group)).toEqual(['Male', 'Female']);
    expect(again.hidden).toEqual([{ group: 'Other', reason: 'small' }]);
  });

  it('never shows a group under the minimum, nor leaves one small group to be worked out (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 2, max: 15 }), (counts, notStated, minimum) => {
        const sizes = counts.map((respondents, i) => ({ group: `g${i}`, respondents }));
        const { shown, hidden } = suppressGroups(sizes, notStated, minimum);
        const size = (g: string) => sizes.find((s) => s.group === g)!.respondents;
        for (const g of shown) expect(size(g)).toBeGreaterThanOrEqual(minimum);
        expect([...shown, ...hidden.map((h) => h.group)].sort()).toEqual(sizes.map((s) => s.group).sort());
        const remainder = notStated + hidden.reduce((s, h) => s + size(h.group), 0);
        const smallHidden = hidden.some((h) => size(h.group) > 0);
        if (smallHidden && shown.length) expect(remainder).toBeGreaterThanOrEqual(minimum);
      }),
    );
  });

  it('groups the free text by theme, with the keywords that placed it, and the rest as other', () => {
    const states = [
      answering('2', { good: 'My officer listened and got me on a course', better: 'I had to wait months for housing' }),
      answering('2', { good: 'Nothing much', better: 'The bus fare to appointments is too much' }),
    ];
    const [good, better] = surveyResults(framework, script, states).freeText;
    expect(good!.answered).toBe(2);
    expect(good!.themes.filter((t) => t.answers.length).map((t) => [t.theme, t.answers.map((a) => a.keywords)])).toEqual([
      ['services', [['course*']]],
      ['officer', [['officer*', 'listen*']]],
    ]);
    expect(good!.other).toEqual(['Nothing much']);
    expect(better!.themes.filter((t) => t.answers.length).map((t) => [t.theme, t.statements])).toEqual([
      ['services', ['s1']],
      ['waiting', ['s2']],
      ['travel', ['s5']],
      ['timing', ['s7']],
    ]);
  });

  it('matches keywords as whole words, prefixes or phrases', () => {
    const travel = DEFAULT_THEMES.find((t) => t.id === 'travel')!;
    expect(matchedKeywords('Two buses and a train', travel)).toEqual(['buses', 'train*']);
    expect(matchedKeywords('Not far at all', travel)).toEqual(['far']);
    expect(matchedKeywords('Farmer', travel)).toEqual([]);
    const services = DEFAULT_THEMES.find((t) => t.id === 'services')!;
    expect(matchedKeywords('help with Mental   Health', services)).toEqual(['mental health']);
    // Every theme names statements of the questionnaire.
    for (const t of DEFAULT_THEMES) for (const s of t.statements) expect(statementIds).toContain(s);
  });

  it("gives the survey's evidence for each domain-one prompt the statements inform", () => {
    const states = [answering('1'), answering('5')];
    const { evidence } = surveyResults(framework, script, states);
    expect(evidence.map((e) => [e.prompt, e.statements.map((s) => s.id)])).toEqual([
      ['1.3.1a', ['s1', 's2']],
      ['1.3.1c', ['s3']],
      ['1.3.1d', ['s3']],
      ['1.3.1e', ['s4']],
      ['1.4.2d', ['s10']],
      ['1.4.3a', ['s5', 's6', 's7']],
      ['1.4.3b', ['s8']],
      ['1.4.3c', ['s9']],
    ]);
    expect(evidence[0]).toMatchObject({ text: framework.item('1.3.1a')!.prompt!.text });
    expect(evidence[0]!.statements[0]!.agree).toMatchObject({ count: 1, of: 2, percent: 50 });
  });

  it('counts the follow-up conversations asked for', () => {
    const states = [answering('1', { followUp: '1' }), answering('1', { followUp: 'online' }), answering('1', { followUp: 'Phone' }), answering('1')];
    expect(surveyResults(framework, script, states).followUp).toEqual({
      requested: [
        { option: 'Phone', count: 2 },
        { option: 'In person', count: 0 },
        { option: 'Online', count: 1 },
      ],
      declined: 1,
    });
  });
});
