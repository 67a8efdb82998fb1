// Case references are pseudonymised on entry: inspectors, files and reports see `C-7F3K9Q`, never
// the service's own reference. The pseudonym is an HMAC of the reference under a secret key, so it
// is stable (the same case always gets the same pseudonym under a key) and cannot be reversed
// without the key. The link back to the service's reference is returned separately, to be kept
// apart and deleted after publication (linkMustBeDeleted). node:crypto is used for computation
// only; the key is an input.
import { createHmac } from 'node:crypto';
import { addDays, addMonths, isIsoDate } from './dates.ts';
import { canonicalCaseRef } from './eligible-cases.ts';

/** Crockford's base 32: digits and capitals without I, L, O and U, so a pseudonym read aloud or
 * copied by hand is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const PSEUDONYM_PREFIX = 'C-';
export const DEFAULT_PSEUDONYM_LENGTH = 6;

/** `C-` and `length` characters (5 bits each) of HMAC-SHA256(key, canonical reference). */
export function pseudonymFor(serviceRef: string, key: string | Uint8Array, length = DEFAULT_PSEUDONYM_LENGTH): string {
  if (!Number.isInteger(length) || length < 4 || length > 16) throw new RangeError(`a pseudonym has 4 to 16 characters, not ${length}`);
  if (key.length === 0) throw new RangeError('the pseudonymisation key is empty');
  const digest = createHmac('sha256', key).update(`case-ref:${canonicalCaseRef(serviceRef)}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[Number((bits >> BigInt(75 - 5 * i)) & 31n)];
  return PSEUDONYM_PREFIX + out;
}

export const isPseudonym = (s: string, length = DEFAULT_PSEUDONYM_LENGTH): boolean =>
  new RegExp(`^${PSEUDONYM_PREFIX}[${ALPHABET}]{${length}}$`).test(s);

/** The link from a pseudonym back to the service's reference. */
export interface CaseLink {
  pseudonym: string;
  serviceRef: string;
}

export type Pseudonymised<T extends { caseRef: string }> =
  | { ok: true; cases: T[]; links: CaseLink[] }
  /** Two references gave one pseudonym (about 1 in 500 for a caseload of 2,000 with six
   * characters). Nothing has been kept yet, so choose a fresh key for the inspection and repeat. */
  | { ok: false; collisions: [string, string][] };

/** The cases with `caseRef` replaced by its pseudonym, and the links, in the cases' order. */
export function pseudonymiseCases<T extends { caseRef: string }>(cases: readonly T[], key: string | Uint8Array, length = DEFAULT_PSEUDONYM_LENGTH): Pseudonymised<T> {
  const owner = new Map<string, string>();
  const collisions: [string, string][] = [];
  const links: CaseLink[] = [];
  const out: T[] = [];
  for (const c of cases) {
    const serviceRef = canonicalCaseRef(c.caseRef);
    const pseudonym = pseudonymFor(serviceRef, key, length);
    const other = owner.get(pseudonym);
    if (other !== undefined && other !== serviceRef) collisions.push([other, serviceRef]);
    owner.set(pseudonym, serviceRef);
    links.push({ pseudonym, serviceRef });
    out.push({ ...c, caseRef: pseudonym });
  }
  return collisions.length ? { ok: false, collisions } : { ok: true, cases: out, links };
}

/** How long links are kept after the report is published. */
export type RetentionPeriod = { months: number } | { days: number };

/** The first day on which links must no longer exist: publication plus the retention period. */
export function linkDeletionDate(publishedOn: string, retention: RetentionPeriod): string {
  if (!isIsoDate(publishedOn)) throw new RangeError(`publication date '${publishedOn}' is not a date (YYYY-MM-DD)`);
  const amount = 'months' in retention ? retention.months : retention.days;
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`a retention period is a whole number, not ${amount}`);
  return 'months' in retention ? addMonths(publishedOn, retention.months) : addDays(publishedOn, retention.days);
}

/** Whether the links of an inspection must be deleted on `today`. Before publication (null) they
 * are kept: the case findings may still be checked with the service. */
export function linkMustBeDeleted(publishedOn: string | null, retention: RetentionPeriod, today: string): boolean {
  if (publishedOn === null) return false;
  return today >= linkDeletionDate(publishedOn, retention);
}
