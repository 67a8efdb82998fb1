// A generated caseload file for demonstrations, tests and the benchmark: clearly not real people
// (references start DEMO-, practitioners are named "Practitioner 1" …). Seeded, so the same
// options always give the same file. Start dates spread evenly over the 26 weeks from nine to three
// months before fieldwork, so a two-week window six months before holds about one case in thirteen.
import { seededRandom } from '../../domain/sampling/seeded-random.ts';
import { addDays, addMonths, daysBetween } from '../../domain/sampling/dates.ts';

export interface DemoCaseloadOptions {
  cases: number;
  fieldworkStart: string;
  seed?: number;
  /** Prefix of the case references (default DEMO-). */
  prefix?: string;
  practitioners?: number;
}

export interface DemoCaseloadRow {
  caseRef: string;
  start: string;
  sentence: string;
  rosh: string;
  practitioner: string;
  psr: string;
  victimContact: string;
  sex: string;
  ethnicity: string;
  age: number;
}

const pick = <T>(random: () => number, weights: readonly [T, number][]): T => {
  let r = random() * weights.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of weights) if ((r -= w) < 0) return value;
  return weights.at(-1)![0];
};

export function demoCaseloadRows(o: DemoCaseloadOptions): DemoCaseloadRow[] {
  const random = seededRandom(o.seed ?? 1);
  const from = addMonths(o.fieldworkStart, -9);
  const span = daysBetween(from, addMonths(o.fieldworkStart, -3));
  const prefix = o.prefix ?? 'DEMO-';
  const width = Math.max(4, String(o.cases).length);
  // The ~180 dates a start can fall on, worked out once, not once a case (a 250,000-case file: ~0.4 s of CPU).
  const days = Array.from({ length: span }, (_, d) => addDays(from, d));
  return Array.from({ length: o.cases }, (_, i) => ({
    caseRef: `${prefix}${String(i + 1).padStart(width, '0')}`,
    start: days[Math.floor(random() * span)]!,
    sentence: pick(random, [['Community order', 0.55], ['Suspended sentence order', 0.15], ['Licence', 0.3]]),
    rosh: pick(random, [['Low', 0.25], ['Medium', 0.5], ['High', 0.22], ['Very high', 0.03]]),
    practitioner: `Practitioner ${1 + Math.floor(random() * (o.practitioners ?? 25))}`,
    psr: random() < 0.6 ? 'Y' : 'N',
    victimContact: random() < 0.2 ? 'Y' : 'N',
    sex: random() < 0.85 ? 'M' : 'F',
    ethnicity: pick(random, [['White', 0.8], ['Black', 0.07], ['Asian', 0.08], ['Mixed', 0.03], ['Other', 0.02]]),
    age: 18 + Math.floor(random() ** 1.6 * 52),
  }));
}

const HEADINGS = ['CRN', 'Sentence start', 'Sentence type', 'RoSH', 'Offender manager', 'PSR', 'VCS', 'Sex', 'Ethnicity', 'Age'];

/** The caseload as the CSV a PDU would send (dates day first, as exported). */
export function demoCaseloadCsv(o: DemoCaseloadOptions): string {
  const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const lines = demoCaseloadRows(o).map((r) => [r.caseRef, day(r.start), r.sentence, r.rosh, r.practitioner, r.psr, r.victimContact, r.sex, r.ethnicity, String(r.age)].join(','));
  return [HEADINGS.join(','), ...lines].join('\r\n') + '\r\n';
}

