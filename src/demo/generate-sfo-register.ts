// A generated (not real) register of SFO reviews for tests and demonstration: a year of reviews
// across the regions, seeded, so the same seed gives the same register. Volumes and mixes are
// plausible, not sourced.
import { OFFENCE_CATEGORIES, type SfoReview } from '../domain/sfo/register.ts';
import { seededRandom } from '../domain/sampling/seeded-random.ts';
import { pick } from './generate-assessment.ts';

export interface RegisterOptions {
  seed: number;
  regions: readonly string[];
  /** Reviews in all (default 340). */
  reviews?: number;
  /** Submission dates fall in this business year, e.g. 2024 for 2024-04-01 to 2025-03-31. */
  year?: number;
}

const isoDay = (start: Date, days: number) => new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10);

export function generateSfoRegister(o: RegisterOptions): SfoReview[] {
  const random = seededRandom(o.seed);
  const start = new Date(Date.UTC(o.year ?? 2024, 3, 1));
  // Regions differ in size: a weight from 1 to 4 each.
  const weighted = o.regions.map((r) => [r, 1 + Math.floor(random() * 4)] as [string, number]);
  return Array.from({ length: o.reviews ?? 340 }, (_, i) => {
    const submittedDay = Math.floor(random() * 365);
    const extension = random() < 0.45;
    return {
      reviewRef: `SFO-${o.year ?? 2024}-${String(i + 1).padStart(4, '0')}`,
      region: pick(random, weighted),
      pdu: null,
      offenceCategory: pick(random, OFFENCE_CATEGORIES.map((c, j) => [c, j < 6 ? 4 : 1] as [(typeof OFFENCE_CATEGORIES)[number], number])),
      notifiedOn: isoDay(start, submittedDay - 60 - Math.floor(random() * (extension ? 120 : 50))),
      submittedOn: isoDay(start, submittedDay),
      extensionGranted: extension,
      authorRole: pick(random, [['Senior probation officer', 3], ['Head of PDU', 1], ['SFO review manager', 2]]),
    };
  });
}
