// Which youth justice services are inspected in a programme year, and why. In this order:
//   1. forced in: services last rated Inadequate (re-inspection, once the set months have passed),
//      services not inspected for four years or more (or never), and services whose four years
//      run out before the programme year ends;
//   2. targeted: the highest risk scores among the rest;
//   3. a set number at random among the rest, from a seed, so the draw can be repeated and checked.
// Services inspected very recently are not chosen by score or at random. Joint inspections are
// flagged from the service's own flag or the input list.
import { seededRandom } from '../sampling/seeded-random.ts';
import { ProgrammeInputError } from './cycle-context.ts';
import { addMonths, describeMonths, normaliseDate } from './dates.ts';
import { monthsSinceInspection, scoreYouthServices, type RiskSettings, type YouthRiskScore, type YouthService } from './youth-risk.ts';

export interface YouthSelectionInput {
  services: readonly YouthService[];
  /** The first day of the programme year: months are counted to here. */
  asOf: string;
  /** How many to choose by highest risk score. */
  targeted: number;
  /** How many to choose at random. */
  random: number;
  seed: number;
  /** Every service is inspected at least this often (years). */
  maximumYearsBetween?: number;
  /** An Inadequate service is re-inspected once this many months have passed since the rating. */
  reinspectAfterMonths?: number;
  /** Services inspected within this many months are not chosen by score or at random. */
  recentMonths?: number;
  /** The programme year's length: a service whose four years run out within it is forced in. */
  yearMonths?: number;
  /** Services to inspect jointly, beyond those flagged on the service. */
  joint?: readonly string[];
  /** Inspections the year can take (e.g. 33): a note says when the selection is larger. */
  capacity?: number;
  settings?: Partial<RiskSettings>;
}

export type SelectionReasonKind = 're-inspection' | 'overdue' | 'due' | 'targeted' | 'random' | 'joint';

export interface SelectedService {
  service: string;
  score: number;
  /** Place in the ranking by risk score, from 1. */
  rank: number;
  joint: boolean;
  reasons: { kind: SelectionReasonKind; text: string }[];
}

export interface YouthSelection {
  /** Forced in first, then targeted (by score), then random (in the order drawn). */
  selected: SelectedService[];
  /** Every service, ranked by risk score. */
  scores: YouthRiskScore[];
  /** Inadequate services whose re-inspection is not yet due. */
  notYetDue: { service: string; dueFrom: string; reason: string }[];
  notes: string[];
}

const isInadequate = (r: string | null | undefined) => r?.trim().toLowerCase() === 'inadequate';

/** Fisher-Yates over a name-ordered list with the seeded generator: the first `count` drawn. */
export function drawAtRandom<T>(items: readonly T[], count: number, seed: number): T[] {
  const pool = [...items];
  const random = seededRandom(seed);
  const drawn: T[] = [];
  for (let i = 0; i < Math.min(count, pool.length); i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    drawn.push(pool[i]!);
  }
  return drawn;
}

export function selectYouthServices(input: YouthSelectionInput): YouthSelection {
  const names = new Set<string>();
  const problems: string[] = [];
  for (const s of input.services) {
    if (names.has(s.name)) problems.push(`youth service "${s.name}" is listed twice`);
    names.add(s.name);
  }
  for (const j of input.joint ?? []) if (!names.has(j)) problems.push(`joint list names "${j}", which is not a service in the input`);
  if (!normaliseDate(input.asOf) || input.asOf.length !== 10) problems.push(`asOf ${input.asOf} is not YYYY-MM-DD`);
  for (const [k, v] of [['targeted', input.targeted], ['random', input.random]] as const)
    if (!Number.isInteger(v) || v < 0) problems.push(`${k} must be a whole number, 0 or more`);
  if (problems.length) throw new ProgrammeInputError(problems);

  const maxMonths = 12 * (input.maximumYearsBetween ?? 4);
  const reinspectAfter = input.reinspectAfterMonths ?? 12;
  const recent = input.recentMonths ?? 12;
  const yearEnd = addMonths(input.asOf, input.yearMonths ?? 12);
  const scores = scoreYouthServices(input.services, input.asOf, input.settings);
  const rankOf = new Map(scores.map((s, i) => [s.service, i + 1]));
  const scoreOf = new Map(scores.map((s) => [s.service, s.score]));
  const byName = new Map(input.services.map((s) => [s.name, s]));
  const jointList = new Set(input.joint ?? []);

  const chosen = new Map<string, SelectedService>();
  const choose = (name: string, kind: SelectionReasonKind, text: string) => {
    const entry = chosen.get(name) ?? { service: name, score: scoreOf.get(name)!, rank: rankOf.get(name)!, joint: false, reasons: [] };
    entry.reasons.push({ kind, text });
    chosen.set(name, entry);
  };
  const notYetDue: YouthSelection['notYetDue'] = [];
  const notes: string[] = [];
  const ineligible = new Set<string>();

  // 1. Forced in.
  for (const s of [...input.services].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const months = monthsSinceInspection(s, input.asOf);
    const last = s.lastInspection;
    if (isInadequate(last?.rating)) {
      const date = normaliseDate(last?.date);
      if (months === null || months === 'never' || months >= reinspectAfter)
        choose(s.name, 're-inspection', `re-inspection after Inadequate (rated ${last?.date ?? 'on an unknown date'})`);
      else {
        const dueFrom = addMonths(date!, reinspectAfter);
        notYetDue.push({ service: s.name, dueFrom, reason: `rated Inadequate ${last?.date}; re-inspection due ${reinspectAfter} months on` });
        ineligible.add(s.name);
      }
    }
    if (months === 'never') choose(s.name, 'overdue', 'no inspection on record');
    else if (months === null) notes.push(`${s.name}: last inspection date unknown, so whether it is overdue cannot be told`);
    else if (months >= maxMonths)
      choose(s.name, 'overdue', `not inspected for ${describeMonths(months)} (last ${last?.date}): at least every ${maxMonths / 12} years`);
    else {
      const due = addMonths(normaliseDate(last?.date)!, maxMonths);
      if (due < yearEnd) choose(s.name, 'due', `${maxMonths / 12} years since its last inspection (${last?.date}) run out on ${due}, within this programme year`);
    }
    if (typeof months === 'number' && months < recent) ineligible.add(s.name);
  }
  const forced = chosen.size;

  // 2. Targeted: the highest scores among the rest.
  let taken = 0;
  for (const s of scores) {
    if (taken >= input.targeted) break;
    if (chosen.has(s.service) || ineligible.has(s.service)) continue;
    taken++;
    choose(s.service, 'targeted', `risk score ${s.score.toFixed(1)}, ranked ${rankOf.get(s.service)} of ${scores.length}`);
  }
  if (taken < input.targeted) notes.push(`Only ${taken} of ${input.targeted} targeted inspections could be chosen: no other service is eligible`);

  // 3. At random among the rest, in name order before the draw so the seed alone decides.
  const pool = input.services.map((s) => s.name).filter((n) => !chosen.has(n) && !ineligible.has(n)).sort();
  const drawn = drawAtRandom(pool, input.random, input.seed);
  for (const name of drawn) choose(name, 'random', `chosen at random (seed ${input.seed}, from ${pool.length} eligible)`);
  if (drawn.length < input.random) notes.push(`Only ${drawn.length} of ${input.random} random inspections could be drawn: no other service is eligible`);

  for (const entry of chosen.values()) {
    const service = byName.get(entry.service)!;
    if (service.joint || jointList.has(entry.service)) {
      entry.joint = true;
      entry.reasons.push({ kind: 'joint', text: service.joint ? 'joint inspection (flagged on the service)' : 'joint inspection (on the joint list)' });
    }
  }
  const selected = [...chosen.values()];
  if (input.capacity !== undefined && selected.length > input.capacity)
    notes.push(`${selected.length} services are selected but the year can take ${input.capacity}; ${forced} are forced in (re-inspection, overdue or due within the year)`);
  return { selected, scores, notYetDue, notes };
}
