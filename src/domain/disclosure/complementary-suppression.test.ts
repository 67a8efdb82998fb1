// Complementary suppression: examples, and properties on random tables checked by an attacker who
// tries every subtraction: each sum's total minus its shown parts, and every combination of the
// sums added or subtracted, looking for one that leaves a single withheld cell.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivableCells, protectTable, type DisclosureCell, type DisclosureTable, type TableSum } from './complementary-suppression.ts';

const SMALL = 5;
const cell = (id: string, value: number, fixed = false): DisclosureCell => ({ id, value, withheld: value > 0 && value < SMALL, fixed });

/** A withheld cell some combination of the sums (each added, subtracted or left out) isolates, with the value it gives. */
function recoveredBySubtraction(table: DisclosureTable, withheld: ReadonlySet<string>): { id: string; value: number } | undefined {
  const value = new Map(table.cells.map((c) => [c.id, c.value]));
  const hidden = table.cells.filter((c) => withheld.has(c.id)).map((c) => c.id);
  // Each sum as: coefficients on the withheld cells = a constant the shown cells give.
  const equations = table.sums.map((s) => {
    const coefficients = new Map<string, number>();
    let constant = 0;
    const term = (id: string, k: number) => {
      if (withheld.has(id)) coefficients.set(id, (coefficients.get(id) ?? 0) + k);
      else constant -= k * value.get(id)!;
    };
    term(s.total, 1);
    for (const p of s.parts) term(p, -1);
    return { coefficients, constant };
  });
  const signs = equations.map(() => -1);
  for (;;) {
    let i = 0;
    while (i < signs.length && signs[i] === 1) signs[i++] = -1;
    if (i === signs.length) return undefined;
    signs[i]! += 1;
    const combined = new Map<string, number>();
    let constant = 0;
    equations.forEach((e, j) => {
      const k = signs[j]!;
      if (!k) return;
      constant += k * e.constant;
      for (const [id, c] of e.coefficients) combined.set(id, (combined.get(id) ?? 0) + k * c);
    });
    const left = hidden.filter((id) => combined.get(id));
    if (left.length === 1) return { id: left[0]!, value: constant / combined.get(left[0]!)! };
  }
}

/** A rows-by-columns table of counts with its row totals, column totals and grand total. */
const twoWay = fc
  .record({ rows: fc.integer({ min: 2, max: 4 }), columns: fc.integer({ min: 2, max: 3 }) })
  .chain(({ rows, columns }) => fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }))
  .map((grid): DisclosureTable => {
    const cells: DisclosureCell[] = [];
    const sums: TableSum[] = [];
    grid.forEach((row, r) => row.forEach((v, c) => cells.push(cell(`r${r}c${c}`, v))));
    grid.forEach((row, r) => {
      cells.push(cell(`r${r}`, row.reduce((a, b) => a + b, 0)));
      sums.push({ total: `r${r}`, parts: row.map((_, c) => `r${r}c${c}`) });
    });
    grid[0]!.forEach((_, c) => {
      cells.push(cell(`c${c}`, grid.reduce((a, row) => a + row[c]!, 0)));
      sums.push({ total: `c${c}`, parts: grid.map((_, r) => `r${r}c${c}`) });
    });
    cells.push(cell('all', grid.flat().reduce((a, b) => a + b, 0)));
    sums.push({ total: 'all', parts: grid.map((_, r) => `r${r}`) }, { total: 'all', parts: grid[0]!.map((_, c) => `c${c}`) });
    return { cells, sums };
  });

/**
 * People counted once nationally and again by several characteristics (each a partition of the
 * same total), and by region, each region the sum of its PDUs' figures, which are published
 * elsewhere as they stand (fixed), withheld there when small.
 */
const partitioned = fc
  .record({
    people: fc.array(fc.record({ a: fc.integer({ min: 0, max: 3 }), b: fc.integer({ min: 0, max: 5 }), pdu: fc.integer({ min: 0, max: 5 }) }), { maxLength: 60 }),
    pdusFixed: fc.boolean(),
  })
  .map(({ people, pdusFixed }): DisclosureTable => {
    const count = (pred: (p: (typeof people)[number]) => boolean) => people.filter(pred).length;
    const regionOf = (pdu: number) => pdu % 3;
    const cells = [cell('national', people.length)];
    const sums: TableSum[] = [];
    for (const [name, key, n] of [['a', 'a', 4], ['b', 'b', 6], ['region', 'pdu', 3]] as const) {
      const parts = Array.from({ length: n }, (_, v) => `${name}${v}`);
      parts.forEach((id, v) => cells.push(cell(id, count((p) => (name === 'region' ? regionOf(p[key]) : p[key]) === v))));
      sums.push({ total: 'national', parts });
    }
    for (let r = 0; r < 3; r++) {
      const pdus = [r, r + 3];
      pdus.forEach((d) => cells.push(cell(`pdu${d}`, count((p) => p.pdu === d), pdusFixed)));
      sums.push({ total: `region${r}`, parts: pdus.map((d) => `pdu${d}`) });
    }
    return { cells, sums };
  });

describe('complementary suppression', () => {
  it('withholds the next smallest figure beside a lone withheld one, so the total no longer gives it away', () => {
    const table: DisclosureTable = {
      cells: [cell('national', 40), cell('north', 3), cell('south', 12), cell('east', 25)],
      sums: [{ total: 'national', parts: ['north', 'south', 'east'] }],
    };
    expect(derivableCells(table, new Set(['north']))).toEqual(['north']);
    const p = protectTable(table);
    expect(p.complementary).toEqual(['south']);
    expect([...p.withheld].sort()).toEqual(['north', 'south']);
    expect(recoveredBySubtraction(table, p.withheld)).toBeUndefined();
  });

  it('leaves a table alone when nothing is withheld, or when the withheld figures already protect each other', () => {
    const sums = [{ total: 't', parts: ['x', 'y', 'z'] }];
    expect(protectTable({ cells: [cell('t', 30), cell('x', 10), cell('y', 10), cell('z', 10)], sums }).complementary).toEqual([]);
    expect(protectTable({ cells: [cell('t', 27), cell('x', 3), cell('y', 4), cell('z', 20)], sums }).complementary).toEqual([]);
  });

  it('never withholds an empty figure or a total to protect another when a part will do', () => {
    const table: DisclosureTable = {
      cells: [cell('t', 22), cell('x', 2), cell('none', 0), cell('y', 20)],
      sums: [{ total: 't', parts: ['x', 'none', 'y'] }],
    };
    // "none" is 0 (shown as nothing to count): withholding it would leave x = t - y.
    expect(protectTable(table).complementary).toEqual(['y']);
  });

  it('iterates: protecting one figure can expose another, which is protected in turn', () => {
    // A region withheld to protect its lone small PDU is then given away by the national total.
    const table: DisclosureTable = {
      cells: [cell('national', 60), cell('north', 20), cell('south', 15), cell('east', 25), cell('pduA', 3, true), cell('pduB', 17, true)],
      sums: [
        { total: 'national', parts: ['north', 'south', 'east'] },
        { total: 'north', parts: ['pduA', 'pduB'] },
      ],
    };
    const p = protectTable(table);
    expect(p.complementary).toEqual(['north', 'south']);
    expect(recoveredBySubtraction(table, p.withheld)).toBeUndefined();
  });

  it('keeps the remainder a shown total reveals at or above the minimum, when asked to', () => {
    const table: DisclosureTable = {
      cells: [cell('t', 40), cell('x', 1), cell('y', 1), cell('z', 38)],
      sums: [{ total: 't', parts: ['x', 'y', 'z'] }],
    };
    expect(protectTable(table).complementary).toEqual([]); // x + y = 2 can not be split exactly by subtraction alone
    expect(protectTable(table, { minimumWithheld: SMALL }).complementary).toEqual(['z']); // x + y = 2 would say both are 1
  });

  it('says which withheld cells nothing it may withhold can protect', () => {
    const table: DisclosureTable = { cells: [cell('t', 10, true), cell('x', 3), cell('y', 7, true)], sums: [{ total: 't', parts: ['x', 'y'] }] };
    expect(protectTable(table).unprotectable).toEqual(['x']);
  });

  it('refuses a sum that names a cell the table does not have', () => {
    expect(() => protectTable({ cells: [cell('t', 1)], sums: [{ total: 't', parts: ['ghost'] }] })).toThrow(/ghost/);
  });

  it('finds, by subtraction, small figures withheld on their own in random two-way tables (the attack the suppression must stop)', () => {
    let exposedTables = 0;
    fc.assert(
      fc.property(twoWay, (table) => {
        if (recoveredBySubtraction(table, new Set(table.cells.filter((c) => c.withheld).map((c) => c.id)))) exposedTables++;
      }),
      { numRuns: 60, seed: 11 },
    );
    expect(exposedTables).toBeGreaterThan(10);
  });

  it('on random two-way tables with margins, no combination of subtractions recovers any withheld figure', () => {
    fc.assert(
      fc.property(twoWay, (table) => {
        // The attacker is no straw man: on the small figures alone it finds what the algebra finds.
        const primary = new Set(table.cells.filter((c) => c.withheld).map((c) => c.id));
        const exposed = recoveredBySubtraction(table, primary);
        expect(!!exposed).toBe(derivableCells(table, primary).length > 0);
        if (exposed) expect(exposed.value).toBe(table.cells.find((c) => c.id === exposed.id)!.value);
        const p = protectTable(table);
        expect(p.unprotectable).toEqual([]);
        expect(recoveredBySubtraction(table, p.withheld)).toBeUndefined();
        for (const c of table.cells) if (c.withheld) expect(p.withheld.has(c.id)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('on random tables broken down several ways, with regions made of PDUs published elsewhere, no subtraction recovers a withheld figure that can be protected', () => {
    fc.assert(
      fc.property(partitioned, (table) => {
        const p = protectTable(table, { minimumWithheld: SMALL });
        const found = recoveredBySubtraction(table, p.withheld);
        // Only cells fixed elsewhere with nothing around them to withhold may stay recoverable.
        if (found) expect(p.unprotectable).toContain(found.id);
        if (!table.cells.some((c) => c.fixed)) expect(p.unprotectable).toEqual([]);
        for (const c of table.cells) if (c.fixed) expect(p.withheld.has(c.id)).toBe(c.withheld);
        // Where a total is shown, what subtraction leaves is 0 or at least the minimum.
        for (const s of table.sums) {
          if (p.withheld.has(s.total)) continue;
          const rest = s.parts.filter((id) => p.withheld.has(id)).reduce((t, id) => t + table.cells.find((c) => c.id === id)!.value, 0);
          expect(rest === 0 || rest >= SMALL).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
