// A generated (not real) register of SFO reviews for tests and demonstration: a year of reviews
// across the regions, seeded, so the same seed gives the same register. Volumes and mixes are
// plausible, not sourced.
import type { SfoReading } from '../domain/sfo/assessment.ts';
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

/** A generated reading of a review: standards mostly Good or Requires improvement, overall from them. Labelled as generated. */
export function generateSfoReading(random: () => number, standards: readonly { id: string; name: string }[], withEvidence: boolean): SfoReading {
  const ratings = standards.map(() => pick(random, [['Outstanding', 1], ['Good', 9], ['Requires improvement', 10], ['Inadequate', 2]] as [string, number][]));
  // The overall: most often the standards' middle rating, as an inspector's judgement would usually fall.
  const order = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'];
  const middle = [...ratings].sort((a, b) => order.indexOf(a) - order.indexOf(b))[Math.floor(ratings.length / 2)]!;
  return {
    standards: Object.fromEntries(
      standards.map((s, i) => [
        s.id,
        {
          rating: ratings[i]!,
          rationale: `${RATIONALES[ratings[i]!]} (${s.name.toLowerCase()}). ${GENERATED_NOTE}`,
          ...(withEvidence ? { evidence: `Read the review's chronology and its section on ${s.name.toLowerCase()}. ${GENERATED_NOTE}` } : {}),
        },
      ]),
    ),
    overall: middle,
    overallRationale: `Taking the standards together, the review is ${middle.toLowerCase()}. ${GENERATED_NOTE}`,
  };
}

/** A change to one item of a reading, as a second reader might see it differently (about half the time, or always when `differ`). */
export function varySfoReading(random: () => number, reading: SfoReading, differ = false): SfoReading {
  const order = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'];
  const ids = Object.keys(reading.standards);
  const shift = (r: string) => order[Math.min(3, Math.max(0, order.indexOf(r) + (random() < 0.5 ? -1 : 1)))]!;
  if (!differ && random() < 0.45) return reading;
  const id = ids[Math.floor(random() * ids.length)]!;
  return { ...reading, standards: { ...reading.standards, [id]: { ...reading.standards[id], rating: shift(reading.standards[id]!.rating!) } } };
}

export const GENERATED_NOTE = '[Generated demonstration text]';

const RATIONALES: Record<string, string> = {
  Outstanding: 'An exceptionally thorough and reflective analysis',
  Good: 'A sound analysis with clear links between practice and outcome',
  'Requires improvement': 'The analysis describes events but does not explain why practice fell short',
  Inadequate: 'The review does not analyse the practice delivered',
};

export const DEMO_LEARNING_POINTS = [
  'Check that risk of serious harm assessments are reviewed after every significant change',
  'Record the rationale for decisions on licence conditions',
  'Make contact with the victim liaison unit at the start of the review',
  'Share the learning with every team in the PDU, not only the one involved',
  'Set SMART actions with named owners in the action plan',
];
