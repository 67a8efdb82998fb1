// The spread of ratings across inspections: the columns a framework version rates (each rated
// standard, the inspection-level judgements, the overall rating) and how many inspections had each
// rating in one of them. Regional feedback and the annual report both draw it.
import type { Framework } from '../framework/framework.ts';

export interface RatingColumn {
  id: string;
  name: string;
  kind: 'standard' | 'judgement' | 'overall';
}

export interface RatingCounts {
  /** By rating, in the scale's order. */
  counts: Record<string, number>;
  /** Inspections with no rating for it. */
  notRated: number;
}

/** Every rated standard, the judgements (diversity) and the overall rating, in that order. */
export function ratingColumns(framework: Framework): RatingColumn[] {
  return [
    ...framework.standards.filter((s) => framework.treatment(s.id) === 'rated').map((s) => ({ id: s.id, name: s.name, kind: 'standard' as const })),
    ...framework.definition.rules.judgements.map((j) => ({ id: j.id, name: j.name, kind: 'judgement' as const })),
    { id: 'overall', name: 'Overall rating', kind: 'overall' as const },
  ];
}

/** How many of the ratings are each rating of the scale; anything else (none, or off the scale) is not rated. */
export function ratingCounts(scale: readonly string[], ratings: readonly (string | null | undefined)[]): RatingCounts {
  const counts = Object.fromEntries(scale.map((r) => [r, 0]));
  let notRated = 0;
  for (const r of ratings) {
    if (r && r in counts) counts[r]!++;
    else notRated++;
  }
  return { counts, notRated };
}
