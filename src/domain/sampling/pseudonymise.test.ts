import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPseudonym, linkDeletionDate, linkMustBeDeleted, pseudonymFor, pseudonymiseCases } from './pseudonymise.ts';

const KEY = 'inspection-17-secret';

describe('pseudonyms for case references', () => {
  it('are short, stable, and unambiguous to read', () => {
    const p = pseudonymFor('X123456', KEY);
    expect(p).toMatch(/^C-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(isPseudonym(p)).toBe(true);
    expect(pseudonymFor('X123456', KEY)).toBe(p);
    // The reference is compared without case or spaces, as it is on the caseload.
    expect(pseudonymFor(' x123 456 ', KEY)).toBe(p);
    expect(pseudonymFor('X123456', 'another key')).not.toBe(p);
    expect(pseudonymFor('X123457', KEY)).not.toBe(p);
    expect(pseudonymFor('X123456', KEY, 10)).toMatch(/^C-[0-9A-Z]{10}$/);
    expect(pseudonymFor('X123456', KEY, 10).slice(0, 8)).toBe(p);
    expect(() => pseudonymFor('X1', '')).toThrow(/key is empty/);
    expect(() => pseudonymFor('X1', KEY, 3)).toThrow(RangeError);
  });

  it('replace the reference on each case and return the links separately', () => {
    const cases = [
      { caseRef: 'X1', practitioner: 'A', attributes: { rosh: 'low' } },
      { caseRef: 'x2', practitioner: 'B', attributes: { rosh: 'high' } },
    ];
    const result = pseudonymiseCases(cases, KEY);
    if (!result.ok) throw new Error('collision');
    expect(result.cases.map((c) => c.caseRef)).toEqual([pseudonymFor('X1', KEY), pseudonymFor('X2', KEY)]);
    expect(result.cases[1]).toMatchObject({ practitioner: 'B', attributes: { rosh: 'high' } });
    expect(result.links).toEqual([
      { pseudonym: pseudonymFor('X1', KEY), serviceRef: 'X1' },
      { pseudonym: pseudonymFor('X2', KEY), serviceRef: 'X2' },
    ]);
    expect(cases[0]!.caseRef).toBe('X1');
  });

  it('report two references that meet on one pseudonym, so a fresh key can be chosen', () => {
    // 20 bits and 5,000 references: collisions are all but certain.
    const refs = Array.from({ length: 5000 }, (_, i) => ({ caseRef: `R${i}` }));
    const result = pseudonymiseCases(refs, KEY, 4);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [a, b] = result.collisions[0]!;
    expect(pseudonymFor(a, KEY, 4)).toBe(pseudonymFor(b, KEY, 4));
    expect(a).not.toBe(b);
  });

  it('are all different for different references in practice (8 characters, 1,000 references)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[A-Z][0-9]{6}$/), { minLength: 1, maxLength: 1000 }), (refs) => {
        expect(pseudonymiseCases(refs.map((caseRef) => ({ caseRef })), KEY, 8).ok).toBe(true);
      }),
      { numRuns: 20 },
    );
  });
});

describe('keeping the link to the service reference', () => {
  it('ends the retention period after publication, month ends kept within the month', () => {
    expect(linkDeletionDate('2027-01-31', { months: 1 })).toBe('2027-02-28');
    expect(linkDeletionDate('2027-01-15', { months: 12 })).toBe('2028-01-15');
    expect(linkDeletionDate('2027-01-15', { days: 90 })).toBe('2027-04-15');
    expect(() => linkDeletionDate('15/01/2027', { days: 90 })).toThrow(/not a date/);
    expect(() => linkDeletionDate('2027-01-15', { months: -1 })).toThrow(RangeError);
  });

  it('must be deleted from the first day after the period, never before publication', () => {
    const rule = { months: 6 };
    expect(linkMustBeDeleted(null, rule, '2099-01-01')).toBe(false);
    expect(linkMustBeDeleted('2027-01-15', rule, '2027-07-14')).toBe(false);
    expect(linkMustBeDeleted('2027-01-15', rule, '2027-07-15')).toBe(true);
    expect(linkMustBeDeleted('2027-01-15', rule, '2028-01-01')).toBe(true);
    expect(linkMustBeDeleted('2027-01-15', { days: 0 }, '2027-01-15')).toBe(true);
  });
});
