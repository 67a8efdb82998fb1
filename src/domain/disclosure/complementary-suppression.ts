// Complementary (secondary) suppression for published tables of counts. Withholding a small figure
// protects nothing if it can be worked out from what is shown: a total minus the figures shown
// beside it, or a chain of such subtractions across rows, columns and totals. So after the small
// figures are withheld (primary suppression), more are withheld, the smallest first, until no
// withheld figure follows from the table's sums and the figures shown. Pure.
//
// A table is its cells and its sums: each sum says a total cell equals the sum of its part cells
// (a row and its total, a column and its total, a region and its PDUs). A cell may be `fixed`: it is
// published elsewhere as it stands (shown or withheld) and this table cannot change it.

export interface DisclosureCell {
  id: string;
  /** The count the cell publishes (cases, answers); the smallest are withheld first. */
  value: number;
  /** Withheld already: too small to show (primary suppression), or withheld where it is published. */
  withheld: boolean;
  /** Published elsewhere as it stands: never withheld here to protect another. */
  fixed?: boolean;
}

export interface TableSum {
  total: string;
  parts: readonly string[];
}

export interface DisclosureTable {
  cells: readonly DisclosureCell[];
  sums: readonly TableSum[];
}

export interface ProtectOptions {
  /**
   * Where a sum's total is shown, the parts withheld in it must add up to at least this (or to 0),
   * so that what subtraction reveals is itself a figure from enough cases to show.
   */
  minimumWithheld?: number;
}

export interface Protection {
  /** Every cell withheld: the primary ones and those added. */
  withheld: Set<string>;
  /** Cells withheld to protect others, in the order they were added. */
  complementary: string[];
  /** Withheld cells that stay derivable because nothing this table may withhold protects them (only fixed cells around them). */
  unprotectable: string[];
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x;
};

/**
 * The withheld cells whose values follow from the sums and the cells shown: those whose unit vector
 * lies in the row space of the sums restricted to the withheld cells (reduced exactly, in integers).
 */
export function derivableCells(table: DisclosureTable, withheld: ReadonlySet<string>): string[] {
  const unknowns = table.cells.filter((c) => withheld.has(c.id)).map((c) => c.id);
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows: bigint[][] = [];
  for (const sum of table.sums) {
    const row = unknowns.map(() => 0n);
    const add = (id: string, k: bigint) => {
      const i = column.get(id);
      if (i !== undefined) row[i]! += k;
    };
    add(sum.total, 1n);
    for (const p of sum.parts) add(p, -1n);
    if (row.some((v) => v !== 0n)) rows.push(row);
  }
  // Reduced row echelon form over the integers: each pivot cleared from every other row.
  let rank = 0;
  const pivots: number[] = [];
  for (let col = 0; col < unknowns.length && rank < rows.length; col++) {
    const at = rows.findIndex((r, i) => i >= rank && r[col] !== 0n);
    if (at < 0) continue;
    [rows[rank], rows[at]] = [rows[at]!, rows[rank]!];
    const pivot = rows[rank]!;
    for (let i = 0; i < rows.length; i++) {
      if (i === rank || rows[i]![col] === 0n) continue;
      const f = rows[i]![col]!;
      const p = pivot[col]!;
      const next = rows[i]!.map((v, j) => v * p - pivot[j]! * f);
      const g = next.reduce((a, v) => gcd(a, v), 0n) || 1n;
      rows[i] = next.map((v) => v / g);
    }
    pivots.push(col);
    rank++;
  }
  return pivots.filter((col, i) => rows[i]!.every((v, j) => j === col || v === 0n)).map((col) => unknowns[col]!);
}

/** Sums whose total is shown but whose withheld parts add up to more than 0 and less than `minimum`. */
function thinSums(table: DisclosureTable, withheld: ReadonlySet<string>, minimum: number, value: (id: string) => number): TableSum[] {
  if (minimum <= 0) return [];
  return table.sums.filter((s) => {
    if (withheld.has(s.total)) return false;
    const hidden = s.parts.filter((p) => withheld.has(p)).reduce((t, p) => t + value(p), 0);
    return hidden > 0 && hidden < minimum;
  });
}

/**
 * Withholds, beyond the cells already withheld, the fewest and smallest cells needed so that no
 * withheld cell can be worked out by any combination of the table's sums, and no shown total leaves
 * a remainder under `minimumWithheld`. Repeats until nothing changes: each round withholds one cell.
 */
export function protectTable(table: DisclosureTable, options: ProtectOptions = {}): Protection {
  const cells = new Map(table.cells.map((c, order) => [c.id, { ...c, order }]));
  for (const s of table.sums)
    for (const id of [s.total, ...s.parts]) if (!cells.has(id)) throw new Error(`a sum names cell ${id}, which is not in the table`);
  const value = (id: string) => cells.get(id)!.value;
  const withheld = new Set(table.cells.filter((c) => c.withheld).map((c) => c.id));
  const complementary: string[] = [];
  const given = new Set<string>(); // problems nothing can fix
  const isTotal = new Set(table.sums.map((s) => s.total));

  /** Cells that may still be withheld (not fixed, not empty), smallest first, parts before totals, then table order. */
  const candidates = (ids: Iterable<string>): string[] =>
    [...new Set(ids)]
      .map((id) => cells.get(id)!)
      .filter((c) => !withheld.has(c.id) && !c.fixed && c.value > 0)
      .sort((a, b) => a.value - b.value || Number(isTotal.has(a.id)) - Number(isTotal.has(b.id)) || a.order - b.order)
      .map((c) => c.id);
  const protects = (id: string, cell: string) => !derivableCells(table, new Set([...withheld, id])).includes(cell);

  for (;;) {
    let pick: string | undefined;
    const derivable = derivableCells(table, withheld).filter((id) => !given.has(`cell:${id}`));
    for (const id of derivable) {
      // The smallest cell whose withholding stops it being worked out: beside it in a sum when one
      // will do (plain subtraction), further off when the sums around it are all withheld already.
      // Failing one, the smallest beside it, and the rounds go on.
      const all = candidates(table.cells.map((c) => c.id));
      const around = candidates(table.sums.filter((s) => s.total === id || s.parts.includes(id)).flatMap((s) => [s.total, ...s.parts]));
      pick = all.find((c) => protects(c, id)) ?? around[0];
      if (pick) break;
      given.add(`cell:${id}`);
    }
    if (!pick)
      for (const s of thinSums(table, withheld, options.minimumWithheld ?? 0, value)) {
        const key = `sum:${s.total}:${s.parts.join(',')}`;
        if (given.has(key)) continue;
        pick = candidates(s.parts)[0] ?? candidates([s.total])[0];
        if (pick) break;
        given.add(key);
      }
    if (!pick) break;
    withheld.add(pick);
    complementary.push(pick);
  }
  return { withheld, complementary, unprotectable: derivableCells(table, withheld) };
}
