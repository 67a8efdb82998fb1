import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { buildSurveyScript, FOLLOW_UP_ID, type ScriptQuestion } from './questionnaire.ts';
import { isOptOut, isSkip, OPT_OUT_WORDS, readReply } from './replies.ts';

const script = buildSurveyScript(bundledFramework());
const question = (id: string): ScriptQuestion => script.questions.find((q) => q.id === id)!;
const read = (id: string, text: string) => {
  const r = readReply(question(id), script.scale, text);
  return r.kind === 'value' ? r.value : r.kind;
};

describe('reading replies', () => {
  it('opts out on any opt-out word alone, in any case, and on STOP at the start of a longer reply', () => {
    for (const word of OPT_OUT_WORDS) {
      expect(isOptOut(word)).toBe(true);
      expect(isOptOut(` ${word.toUpperCase()}. `)).toBe(true);
    }
    expect(['Stop texting me', 'UNSUBSCRIBE please', 'Stop!'].map(isOptOut)).toEqual([true, true, true]);
    // Only alone for the words that also begin ordinary sentences.
    expect(['End of the day they helped', 'quite good', 'cancelled appointments', 'nonstop', '1'].map(isOptOut)).toEqual([false, false, false, false, false]);
  });

  it('opts out on every casing of every word (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPT_OUT_WORDS), fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }), fc.constantFrom('', ' ', '.', '!', '\n'), (word, upper, around) => {
        const cased = [...word].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join('');
        expect(isOptOut(`${around}${cased}${around}`)).toBe(true);
      }),
    );
  });

  it('skips on SKIP', () => {
    expect(['skip', ' SKIP ', 'Skip.'].map(isSkip)).toEqual([true, true, true]);
    expect(read('s1', 'skip')).toBe('skip');
  });

  it('reads the scale by number, by words or both, and nothing else', () => {
    expect(['1', ' 2. ', '5)', 'Strongly Agree', 'agree', 'AGREE!', 'undecided', 'not sure', "Don't know", 'disagree', 'strongly  disagree', '2 agree', '4 - disagree'].map((t) => read('s1', t))).toEqual([
      '1', '2', '5', '1', '2', '2', '3', '3', '3', '4', '5', '2', '4',
    ]);
    expect(['0', '6', '12', '2 disagree', 'yes', 'agreed', 'I agree mostly', 'one', ''].map((t) => read('s1', t))).toEqual(Array(9).fill('invalid'));
  });

  it('reads options by number, by name or by one unambiguous part', () => {
    expect(['2', 'female', 'FEMALE', 'Other'].map((t) => read('gender', t))).toEqual(['Female', 'Female', 'Female', 'Other']);
    expect(['4', '18-20', '18 - 20', '50+'].map((t) => read('age', t))).toEqual(['30 - 39', '18 - 20', '18 - 20', '50+']);
    expect(['black', 'Black British', 'asian', 'mixed', 'White'].map((t) => read('ethnicity', t))).toEqual([
      'Black / African / Caribbean / Black British',
      'Black / African / Caribbean / Black British',
      'Asian / Asian British',
      'Mixed / Multiple ethnic groups',
      'White',
    ]);
    expect(['0', '4', 'man', 'british'].map((t) => read('gender', t))).toEqual(Array(4).fill('invalid'));
    // "British" is part of two options, so it is not enough to choose one.
    expect(read('ethnicity', 'british')).toBe('invalid');
  });

  it('reads the follow-up offer, with no as an answer', () => {
    expect(['1', 'phone', 'In person', 'online', 'No', 'no thanks', 'skip', 'maybe'].map((t) => read(FOLLOW_UP_ID, t))).toEqual([
      'Phone', 'Phone', 'In person', 'Online', 'no', 'no', 'skip', 'invalid',
    ]);
  });

  it('takes free text as written', () => {
    expect(read('good', '  My officer, Sam, listened.  ')).toBe('My officer, Sam, listened.');
    expect(read('good', '3')).toBe('3');
  });
});
