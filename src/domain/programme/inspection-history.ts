// A service's inspection history as the registry shows it and the planner reads it: the results the
// reference data lists, those an administrator recorded, and inspections published in Inspectorate,
// merged in date order (pure, no I/O). The latest entry is the planner's `lastInspection`.
import { normaliseDate } from './dates.ts';

/** The framework's rating scale, best first. */
export const RATINGS = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] as const;
export type Rating = (typeof RATINGS)[number];

export type HistorySource = 'reference' | 'recorded' | 'published';

export const SOURCE_NAMES: Record<HistorySource, string> = {
  reference: 'reference data',
  recorded: 'recorded by an administrator',
  published: 'published in Inspectorate',
};

export interface HistoryEntry {
  /** The date published: YYYY-MM-DD, or YYYY-MM or YYYY as the reference data gives it; null when unknown. */
  published: string | null;
  /** The first day of fieldwork, when known. */
  fieldwork?: string | null;
  overallRating: string | null;
  url: string | null;
  note?: string;
  source: HistorySource;
  /** The recorded result (to correct or withdraw it), for entries recorded by an administrator. */
  recordedId?: number;
  /** The inspection in Inspectorate the entry is, when known. */
  inspectionId?: number;
  recordedBy?: string;
}

/**
 * Published inspections an administrator has already recorded are left out: the recorded result
 * names the inspection, or names none and was published on the same day.
 */
export function withoutRecordedDuplicates(recorded: readonly HistoryEntry[], published: readonly HistoryEntry[]): HistoryEntry[] {
  const linked = new Set(recorded.map((r) => r.inspectionId).filter((id) => id !== undefined));
  const unlinkedDates = new Set(recorded.filter((r) => r.inspectionId === undefined && r.published).map((r) => r.published));
  return published.filter((p) => !(p.inspectionId !== undefined && linked.has(p.inspectionId)) && !(p.published && unlinkedDates.has(p.published)));
}

/**
 * The history, oldest first: the reference entries in the order the file lists them (their dates
 * may be partial or unknown), and each further entry placed before the first entry dated after it
 * (so after entries of the same date, and after entries with no date before that point). Further
 * entries with no date go last, in the order given.
 */
export function mergeHistory(reference: readonly HistoryEntry[], ...further: readonly (readonly HistoryEntry[])[]): HistoryEntry[] {
  const merged = [...reference];
  const added = further.flat().map((e, order) => ({ e, order, date: normaliseDate(e.published) }));
  added.sort((a, b) => (a.date === b.date ? a.order - b.order : a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? -1 : 1));
  for (const { e, date } of added) {
    const at = date === null ? -1 : merged.findIndex((m) => {
      const d = normaliseDate(m.published);
      return d !== null && d > date;
    });
    if (at < 0) merged.push(e);
    else merged.splice(at, 0, e);
  }
  return merged;
}

/** The latest inspection (the last in the history; its date may be unknown), or null with none on record. */
export function latestOf(history: readonly HistoryEntry[]): { date: string | null; rating: string | null } | null {
  const last = history.at(-1);
  return last ? { date: last.published, rating: last.overallRating } : null;
}
