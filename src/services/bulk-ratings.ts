// Many inspections' ratings at once (the public ratings tables, open data, the registry): rated
// from counts the database adds up, one statement per batch, never reading the cases themselves.
// The same figures, ratings and explanations as rating each inspection in full
// (test/integration/bulk-ratings.storage.test.ts); only the case-by-case quality flags are not
// made. A single inspection's pages rate it in full (inspections.ts, rateStoredInspection).
import { countAnswersByProfile, frameworkKeysOfInspections, judgementsOfInspections } from '../db/repositories/rating-counts-repository.ts';
import type { Db } from '../db/repositories/index.ts';
import { rateFromCounts } from '../domain/rating/engine.ts';
import { countRequest, countsFromProfiles } from '../domain/rating/profile-counts.ts';
import type { CountedRatings } from '../domain/rating/result.ts';
import { storedFrameworkByKey } from './frameworks.ts';

/** Inspections counted per statement: bounded rows back (about 50 per inspection), few round trips. */
const BATCH = 1_000;

/** The inspections' ratings, each by its own framework version's rules; ids with no inspection are absent. */
export async function rateInspectionsFromCounts(db: Db, inspectionIds: readonly number[]): Promise<Map<number, CountedRatings>> {
  const result = new Map<number, CountedRatings>();
  const keys = await frameworkKeysOfInspections(db, [...new Set(inspectionIds)]);
  const byFramework = new Map<string, number[]>();
  for (const [id, key] of keys) byFramework.set(key, [...(byFramework.get(key) ?? []), id]);
  for (const [key, ids] of byFramework) {
    const framework = await storedFrameworkByKey(db, key);
    const request = countRequest(framework);
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const [rows, judgements] = await Promise.all([countAnswersByProfile(db, batch, request), judgementsOfInspections(db, batch)]);
      for (const [id, counts] of countsFromProfiles(framework, batch, rows)) result.set(id, rateFromCounts(framework, counts, judgements.get(id) ?? {}));
    }
  }
  // In the order asked for, as the full path gives them.
  return new Map(inspectionIds.filter((id) => result.has(id)).map((id) => [id, result.get(id)!]));
}
