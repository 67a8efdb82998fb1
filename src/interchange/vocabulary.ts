// The forgiving side of the assessment file: the spellings accepted for answers, progress, case
// attributes and ratings, turned into the one normal form the domain stores. Each reader returns
// the normal value or a message saying what is allowed.
import type { CaseAttribute } from '../domain/framework/schema.ts';
import type { Answer, Progress } from '../domain/assessment/types.ts';
import { listOr } from '../domain/text/lists.ts';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(message: string): Read<T> => ({ ok: false, message });

/** Lower case, trimmed, inner runs of spaces as one. */
const words = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

const notAllowed = (raw: string, allowed: readonly string[], what = 'value'): string =>
  raw.trim() === ''
    ? `no ${what} given; use ${listOr(allowed)}`
    : `${what} '${raw.trim()}' is not allowed; use ${listOr(allowed)}`;

const ANSWER_SPELLINGS: Record<string, Answer> = {
  yes: 'yes',
  y: 'yes',
  no: 'no',
  n: 'no',
  na: 'na',
  'n/a': 'na',
  'not applicable': 'na',
};

export function readAnswer(raw: string): Read<Answer> {
  const a = ANSWER_SPELLINGS[words(raw)];
  return a ? ok(a) : fail(notAllowed(raw, ['yes', 'no', 'na']));
}

const PROGRESS_SPELLINGS: Record<string, Progress> = {
  sufficient: 'sufficient',
  'sufficient progress': 'sufficient',
  some: 'some',
  'some progress': 'some',
  none: 'none',
  'no progress': 'none',
};

export function readProgress(raw: string): Read<Progress> {
  const p = PROGRESS_SPELLINGS[words(raw)];
  return p ? ok(p) : fail(notAllowed(raw, ['sufficient', 'some', 'none'], 'progress'));
}

const YES_NO_SPELLINGS: Record<string, 'yes' | 'no'> = { yes: 'yes', y: 'yes', true: 'yes', no: 'no', n: 'no', false: 'no' };

export function readYesNo(raw: string): Read<'yes' | 'no'> {
  const v = YES_NO_SPELLINGS[words(raw)];
  return v ? ok(v) : fail(notAllowed(raw, ['yes', 'no']));
}

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** ISO `YYYY-MM-DD` or UK `DD/MM/YYYY` (day first, never month first), as ISO. */
export function readDate(raw: string): Read<string> {
  const s = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const parts = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : undefined;
  if (!parts) return fail(s === '' ? 'no date given; write YYYY-MM-DD or DD/MM/YYYY' : `'${s}' is not a date; write YYYY-MM-DD or DD/MM/YYYY`);
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month))
    return fail(`'${s}' is not a real date${uk ? ' (dates are read day first: DD/MM/YYYY)' : ''}`);
  return ok(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

/** Choice values and aliases compare without case, and with `_`, `-` and spaces alike. */
const choiceKey = (s: string): string => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

const choiceCache = new WeakMap<CaseAttribute, Map<string, string>>();

function choiceLookup(attribute: CaseAttribute): Map<string, string> {
  let map = choiceCache.get(attribute);
  if (!map) {
    map = new Map();
    for (const v of attribute.values ?? []) if (!map.has(choiceKey(v))) map.set(choiceKey(v), v);
    for (const [alias, v] of Object.entries(attribute.aliases ?? {})) if (!map.has(choiceKey(alias))) map.set(choiceKey(alias), v);
    choiceCache.set(attribute, map);
  }
  return map;
}

/** A case attribute value in its normal form; free text comes back trimmed (possibly ''). */
export function readAttribute(attribute: CaseAttribute, raw: string): Read<string> {
  switch (attribute.type) {
    case 'text':
      return ok(raw.trim());
    case 'yes-no':
      return readYesNo(raw);
    case 'date':
      return readDate(raw);
    case 'choice': {
      const v = choiceLookup(attribute).get(choiceKey(raw));
      return v !== undefined ? ok(v) : fail(notAllowed(raw, attribute.values ?? []));
    }
  }
}

/** Initials of a rating of several words: 'RI' for 'Requires improvement'. */
const initials = (rating: string): string | undefined => {
  const ws = words(rating).split(' ');
  return ws.length > 1 ? ws.map((w) => w[0]).join('') : undefined;
};

export function readRating(scale: readonly string[], raw: string): Read<string> {
  const w = words(raw);
  const found = scale.find((r) => words(r) === w) ?? scale.find((r) => initials(r) === w);
  return found !== undefined ? ok(found) : fail(notAllowed(raw, scale, 'rating'));
}

/** Free text is kept as written apart from surrounding white space; '' means nothing recorded. */
export const readText = (raw: string): string => raw.trim();

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The nearest candidate when it is close enough to be a likely slip; first in order on a tie. */
export function nearest(input: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = distance(input, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}
