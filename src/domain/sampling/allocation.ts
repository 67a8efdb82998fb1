// Proportional allocation of a sample across strata (for example RoSH levels), by largest
// remainder so the sizes add up exactly. When the total allows, every non-empty stratum gets at
// least one case: strata whose share is under one case get exactly one, and the rest is shared
// proportionally among the others (repeated until no share is under one). Integer arithmetic, so
// ties and edges are exact; ties go to the larger stratum, then the stratum named first.

export interface Stratum {
  stratum: string;
  population: number;
}

export interface Allocation extends Stratum {
  allocated: number;
  /** The stratum was given one case although its proportional share was under one. */
  raisedToOne: boolean;
}

export function allocate(strata: readonly Stratum[], total: number): Allocation[] {
  const population = strata.reduce((s, x) => s + x.population, 0);
  const n = Math.max(0, Math.min(Math.floor(total), population));
  const nonEmpty = strata.filter((s) => s.population > 0);
  const raised = new Set<string>();
  let rest = nonEmpty;
  if (n >= nonEmpty.length) {
    // Raising a stratum to one lowers everyone else's share, so repeat until none is under one.
    for (;;) {
      const left = n - raised.size;
      const leftPopulation = rest.reduce((s, x) => s + x.population, 0);
      const under = rest.filter((s) => left * s.population < leftPopulation);
      if (!under.length) break;
      for (const s of under) raised.add(s.stratum);
      rest = rest.filter((s) => !raised.has(s.stratum));
    }
  }
  const left = n - raised.size;
  const leftPopulation = rest.reduce((s, x) => s + x.population, 0);
  const shares = new Map(
    rest.map((s) => [s.stratum, { floor: Math.floor((left * s.population) / leftPopulation), remainder: (left * s.population) % leftPopulation, population: s.population }]),
  );
  let spare = left - [...shares.values()].reduce((s, x) => s + x.floor, 0);
  const byRemainder = [...shares.entries()].sort(
    ([a, x], [b, y]) => y.remainder - x.remainder || y.population - x.population || (a < b ? -1 : a > b ? 1 : 0),
  );
  const extra = new Set<string>();
  for (const [stratum] of byRemainder) if (spare-- > 0) extra.add(stratum);
  return strata.map((s) => ({
    ...s,
    allocated: raised.has(s.stratum) ? 1 : (shares.get(s.stratum)?.floor ?? 0) + (extra.has(s.stratum) ? 1 : 0),
    raisedToOne: raised.has(s.stratum),
  }));
}
