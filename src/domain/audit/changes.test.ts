import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeLineText, describeChanges, fieldInWords, valueInWords } from './changes.ts';
import { momentInWords, ukDayStart, type AuditWords } from './words.ts';

const words: AuditWords = {
  person: (id) => (id === 12 ? 'Isla Inspector' : undefined),
  item: (id) => (id === '2.1.1a' ? 'Does the information and advice draw sufficiently on available sources of information?' : id === '2.1' ? 'Court work' : undefined),
  organisation: (id) => (id === 7 ? 'Leeds' : undefined),
};
const lines = (before: unknown, after: unknown) => describeChanges(before, after, words).map(changeLineText);

describe('changes in words', () => {
  it('shows each changed field as "field: before → after", leaving out what stayed the same', () => {
    expect(lines({ rating: 'Good', rationale: 'Same' }, { rating: 'Outstanding', rationale: 'Same' })).toEqual(['Rating: Good → Outstanding']);
    expect(lines({ status: 'signed-off' }, { status: 'in-progress', reason: 'A late case' })).toEqual(['Status: signed off → in progress', 'Reason: A late case']);
    expect(lines({ userId: 12 }, null)).toEqual(['Person: Isla Inspector → removed']);
  });

  it('names prompts by their id and the start of their text, and says their parts', () => {
    expect(lines({ '2.1.1a': null }, { '2.1.1a': 'yes' })).toEqual(['2.1.1a Does the information and advice draw…: none → yes']);
    expect(fieldInWords('2.1.1a:evidence', words)).toBe('2.1.1a Does the information and advice draw… (evidence)');
    expect(fieldInWords('2.9.9z', words)).toBe('2.9.9z');
    expect(fieldInWords('caseloadAsOf', words)).toBe('Caseload as of');
  });

  it('says values in words: people, organisations, roles, dates, moments, yes and no, lists and records', () => {
    expect(valueInWords('userId', 12, words)).toBe('Isla Inspector');
    expect(valueInWords('userId', 99, words)).toBe('account 99');
    expect(valueInWords('organisationId', 7, words)).toBe('Leeds');
    expect(valueInWords('role', 'lead-inspector', words)).toBe('lead inspector');
    expect(valueInWords('publishOn', '2026-10-05', words)).toBe('5 October 2026');
    expect(valueInWords('at', '2026-07-01T13:05:00.000Z', words)).toBe('1 July 2026 at 2:05pm');
    expect(valueInWords('active', false, words)).toBe('no');
    expect(valueInWords('cases', ['DEMO-001', 'DEMO-002'], words)).toBe('DEMO-001, DEMO-002');
    expect(valueInWords('ratings', { '2.1': 'Good' }, words)).toBe('2.1 Court work: Good');
    expect(valueInWords('standard', '2.1', words)).toBe('2.1 Court work');
    expect(valueInWords('text', '', words)).toBe('blank');
    expect(valueInWords('year', 2026, words)).toBe('2026');
  });

  it('shows a value that is not a record as one line', () => {
    expect(lines(null, 'x')).toEqual(['Value: x']);
    expect(lines([1], [1])).toEqual([]);
  });

  it('never throws, and never shows JSON braces, brackets or quotes for what the code stored (fast-check)', () => {
    // Text without braces, brackets or quotes: anything of that kind in a line came from the formatting.
    const text = fc.string({ maxLength: 30 }).map((s) => s.replace(/[{}[\]"]/g, ''));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), text, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.oneof(text, fc.constantFrom('userId', 'role', 'status', '2.1.1a', '2.1.1a:evidence', 'organisationId', 'rating')), tie('value'), { maxKeys: 5 })),
    })).value;
    fc.assert(
      fc.property(json, json, (before, after) => {
        const out = describeChanges(before, after, words);
        for (const line of out) {
          const shown = changeLineText(line);
          expect(shown).not.toMatch(/[{}[\]"]/);
          expect(shown).not.toContain('[object Object]');
          expect(shown).not.toContain('undefined');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('starts a UK day at midnight in London, in winter and in summer', () => {
    expect(ukDayStart('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(ukDayStart('2026-07-15').toISOString()).toBe('2026-07-14T23:00:00.000Z');
    expect(momentInWords(new Date('2026-12-05T18:43:00Z'))).toBe('5 December 2026 at 6:43pm');
  });
});
