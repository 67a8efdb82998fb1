// Which cases get a second, blind assessment: every case of an inspector on their first
// inspection, then a set share of each other inspector's cases, drawn reproducibly from a seed.
import { seededRandom } from '../sampling/seeded-random.ts';

export interface DipSampleRule {
  /** Share of an experienced inspector's cases assessed again (0-1). */
  share: number;
  /** Every case of an inspector on their first inspection is assessed again. */
  firstInspectionAll: boolean;
  /** At least this many cases per inspector, when they have that many. */
  minimumPerInspector: number;
}

export const DEFAULT_DIP_SAMPLE: DipSampleRule = { share: 0.2, firstInspectionAll: true, minimumPerInspector: 1 };

export interface DipSampleCase {
  caseRef: string;
  /** The inspector who made the first assessment; null if nobody is assigned yet. */
  assessor: number | null;
}

export interface DipSampleChoice {
  caseRef: string;
  assessor: number | null;
  reason: string;
}

/** Fisher-Yates with a seeded generator: the same seed always picks the same cases. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export function chooseSecondAssessments(
  cases: readonly DipSampleCase[],
  /** How many inspections each inspector has assessed before this one. */
  previousInspections: ReadonlyMap<number, number>,
  rule: DipSampleRule,
  seed: number,
): DipSampleChoice[] {
  if (!(rule.share >= 0 && rule.share <= 1)) throw new RangeError('share must be between 0 and 1');
  const random = seededRandom(seed);
  const byAssessor = new Map<number | null, DipSampleCase[]>();
  for (const c of [...cases].sort((a, b) => a.caseRef.localeCompare(b.caseRef))) byAssessor.set(c.assessor, [...(byAssessor.get(c.assessor) ?? []), c]);
  const chosen: DipSampleChoice[] = [];
  for (const [assessor, own] of [...byAssessor].sort((a, b) => (a[0] ?? -1) - (b[0] ?? -1))) {
    if (assessor !== null && rule.firstInspectionAll && (previousInspections.get(assessor) ?? 0) === 0) {
      chosen.push(...own.map((c) => ({ caseRef: c.caseRef, assessor, reason: 'every case of an inspector’s first inspection' })));
      continue;
    }
    const count = Math.min(own.length, Math.max(rule.minimumPerInspector, Math.ceil(rule.share * own.length)));
    const percent = Math.round(rule.share * 100);
    chosen.push(...shuffled(own, random).slice(0, count).map((c) => ({ caseRef: c.caseRef, assessor, reason: `${percent}% of ${assessor === null ? 'unassigned' : 'the inspector’s'} cases, drawn at random (seed ${seed})` })));
  }
  return chosen.sort((a, b) => a.caseRef.localeCompare(b.caseRef));
}
