import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../reference/frameworks.ts';
import { nearest, readAnswer, readAttribute, readDate, readProgress, readRating } from './vocabulary.ts';

const framework = bundledFramework();
const attribute = (id: string) => framework.attribute(id)!;
const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => (r.ok ? r.value : `error: ${r.message}`);

describe('accepted spellings', () => {
  it('answers', () => {
    expect(['yes', ' Y ', 'YES', 'no', 'n', 'na', 'N/A', 'not  applicable', 'NA'].map((s) => value(readAnswer(s)))).toEqual([
      'yes', 'yes', 'yes', 'no', 'no', 'na', 'na', 'na', 'na',
    ]);
    expect(value(readAnswer(''))).toBe('error: no value given; use yes, no or na');
    expect(value(readAnswer('unsure'))).toBe("error: value 'unsure' is not allowed; use yes, no or na");
  });

  it('progress', () => {
    expect(['Sufficient', 'some progress', 'No Progress', 'none'].map((s) => value(readProgress(s)))).toEqual(['sufficient', 'some', 'none', 'none']);
  });

  it('choices by value or alias, with case, _, - and spaces alike', () => {
    const sentence = attribute('sentence_type');
    expect(['post_custody', 'Post Custody', 'POST-CUSTODY', 'Licence', 'SSO', 'suspended-sentence order', 'Community'].map((s) => value(readAttribute(sentence, s)))).toEqual([
      'post-custody', 'post-custody', 'post-custody', 'post-custody', 'community', 'community', 'community',
    ]);
    expect(value(readAttribute(attribute('rosh'), 'VH'))).toBe('very-high');
    expect(value(readAttribute(attribute('ethnicity'), 'Mixed / Multiple Ethnic Groups'))).toBe('mixed');
    expect(value(readAttribute(attribute('age_band'), '50+'))).toBe('50+');
    expect(value(readAttribute(attribute('age_band'), '51'))).toBe("error: value '51' is not allowed; use 18-20, 21-24, 25-29, 30-39, 40-49 or 50+");
  });

  it('yes-no attributes and text', () => {
    expect(['yes', 'Y', 'true', 'No', 'n', 'FALSE'].map((s) => value(readAttribute(attribute('disability'), s)))).toEqual(['yes', 'yes', 'yes', 'no', 'no', 'no']);
    expect(value(readAttribute(attribute('religion'), '  Church of England '))).toBe('Church of England');
  });

  it('dates: ISO or day first, real dates only', () => {
    expect(['2026-03-01', '01/03/2026', '1/3/2026', ' 29/02/2024 '].map((s) => value(readDate(s)))).toEqual(['2026-03-01', '2026-03-01', '2026-03-01', '2024-02-29']);
    for (const bad of ['31/02/2024', '29/02/2023', '2026-13-01', '2026-00-10', '12/31/2026', '00/01/2026'])
      expect(value(readDate(bad)), bad).toMatch(/^error: '.*' is not a real date/);
    for (const bad of ['2026/03/01', '01-03-2026', '1/3/26', 'March 1st 2026', '2026-3-1'])
      expect(value(readDate(bad)), bad).toMatch(/^error: '.*' is not a date; write YYYY-MM-DD or DD\/MM\/YYYY$/);
  });

  it('ratings, in any case, and by initials for ratings of several words', () => {
    expect(['good', ' Requires  Improvement ', 'RI', 'ri', 'OUTSTANDING'].map((s) => value(readRating(framework.ratingScale, s)))).toEqual([
      'Good', 'Requires improvement', 'Requires improvement', 'Requires improvement', 'Outstanding',
    ]);
    expect(value(readRating(framework.ratingScale, 'G'))).toMatch(/^error: rating 'G' is not allowed/);
  });
});

describe('suggestions', () => {
  it('suggests a close id and nothing when far', () => {
    expect(nearest('2.2.4', ['2.1', '2.2', '2.2.1', '2.2.2'])).toBe('2.2.1');
    expect(nearest('sentence_typ', ['rosh', 'sentence_type'])).toBe('sentence_type');
    expect(nearest('colour', ['rosh', 'gender'])).toBeUndefined();
  });
});
