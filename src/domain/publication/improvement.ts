// The inspectorate's own success measure: how many services improved their rating between one
// inspection and the next (and how many stayed the same or declined).

export interface RatedInspection {
  organisation: string;
  /** ISO date, or a year or year-month: anything that sorts in time order. */
  date: string;
  rating: string;
}

export interface ImprovementCounts {
  /** Services with at least two rated inspections. */
  services: number;
  improved: number;
  unchanged: number;
  declined: number;
  /** Each service's last two ratings, for the page that explains the counts. */
  changes: { organisation: string; from: string; to: string; direction: 'improved' | 'unchanged' | 'declined' }[];
}

/** Compares each service's latest rating with the one before it, on the scale given (lowest first). */
export function improvementCounts(inspections: readonly RatedInspection[], scale: readonly string[]): ImprovementCounts {
  const byOrganisation = new Map<string, RatedInspection[]>();
  for (const i of inspections) if (scale.includes(i.rating)) byOrganisation.set(i.organisation, [...(byOrganisation.get(i.organisation) ?? []), i]);
  const changes: ImprovementCounts['changes'] = [];
  for (const [organisation, list] of [...byOrganisation].sort(([a], [b]) => a.localeCompare(b))) {
    if (list.length < 2) continue;
    const [previous, latest] = [...list].sort((a, b) => a.date.localeCompare(b.date)).slice(-2) as [RatedInspection, RatedInspection];
    const delta = scale.indexOf(latest.rating) - scale.indexOf(previous.rating);
    changes.push({ organisation, from: previous.rating, to: latest.rating, direction: delta > 0 ? 'improved' : delta < 0 ? 'declined' : 'unchanged' });
  }
  const count = (d: string) => changes.filter((c) => c.direction === d).length;
  return { services: changes.length, improved: count('improved'), unchanged: count('unchanged'), declined: count('declined'), changes };
}
