import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { inForceOn, lastName, lastNameChange, nameOn, scheduledNames, type DatedName } from './names-over-time.ts';

/** The names a service has after renames on the given dates (ascending), as the registry records them. */
function chain(first: string, renames: readonly { name: string; from: string }[]): DatedName[] {
  if (!renames.length) return [];
  return [
    { name: first, validFrom: null, validTo: renames[0]!.from, source: 'recorded' },
    ...renames.map((r, i) => ({ name: r.name, validFrom: r.from, validTo: renames[i + 1]?.from ?? null, source: 'recorded' as const })),
  ];
}

describe('names over time', () => {
  const names = [
    { name: 'York PDU (as HMIP reported it)', validFrom: null, validTo: null, source: 'reference' as const },
    ...chain('York', [
      { name: 'York and Selby', from: '2026-01-05' },
      { name: 'North Yorkshire', from: '2027-04-01' },
    ]),
  ];

  it('gives the name in force on each date, a rename announced ahead only from its date', () => {
    expect(nameOn(names, 'York and Selby', '2025-12-31')).toBe('York');
    expect(nameOn(names, 'York and Selby', '2026-01-05')).toBe('York and Selby');
    expect(nameOn(names, 'York and Selby', '2027-03-31')).toBe('York and Selby');
    expect(nameOn(names, 'York and Selby', '2027-04-01')).toBe('North Yorkshire');
  });

  it('lists the renames still to come, and the last name change and name', () => {
    expect(scheduledNames(names, '2026-11-22').map((n) => [n.name, n.validFrom])).toEqual([['North Yorkshire', '2027-04-01']]);
    expect(scheduledNames(names, '2027-04-01')).toEqual([]);
    expect(lastName(names, 'York and Selby')).toBe('North Yorkshire');
    expect(lastNameChange(names)).toBe('2027-04-01');
  });

  it('uses the stored name where no rename is recorded: names from the reference data carry no dates', () => {
    const reference: DatedName[] = [{ name: 'Tameside', validFrom: null, validTo: null, source: 'reference' }];
    expect(nameOn(reference, 'Stockport and Tameside', '2026-01-01')).toBe('Stockport and Tameside');
    expect(inForceOn(reference[0]!, '2026-01-01')).toBe(false);
    expect(lastName(reference, 'Stockport and Tameside')).toBe('Stockport and Tameside');
    expect(lastNameChange(reference)).toBeUndefined();
  });

  it('has exactly one name in force on any date, the last one whose date has come', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 3000 }), { maxLength: 6 }).map((offsets) => offsets.sort((a, b) => a - b)),
        fc.integer({ min: 0, max: 3100 }),
        (offsets, probe) => {
          const renames = offsets.map((o, i) => ({ name: `Name ${i + 1}`, from: addDays('2024-01-01', o) }));
          const recorded = chain('Name 0', renames);
          const date = addDays('2024-01-01', probe);
          const expected = renames.filter((r) => r.from <= date).at(-1)?.name ?? 'Name 0';
          expect(nameOn(recorded, 'Stored', date)).toBe(renames.length ? expected : 'Stored');
          if (renames.length) expect(recorded.filter((n) => inForceOn(n, date)).map((n) => n.name)).toEqual([expected]);
          expect(scheduledNames(recorded, date).map((n) => n.name)).toEqual(renames.filter((r) => r.from > date).map((r) => r.name));
        },
      ),
    );
  });
});
