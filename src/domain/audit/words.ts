// Stored audit values read aloud: dates as GOV.UK writes them, codes in words, times in UK time.
// Everything here takes any JSON and never throws, because stored events outlive the code that
// wrote them.
import { ROLE_NAMES, type Role } from '../access/permissions.ts';
import { isIsoDate } from '../sampling/dates.ts';
import { fullDate } from '../timeline/dates.ts';

/** What the record's words need from outside the event: people's names and the framework's items. */
export interface AuditWords {
  /** A person's display name, by user id. */
  person(userId: number): string | undefined;
  /** The text of a framework item (standard, key question or prompt) by id. */
  item(id: string): string | undefined;
  /** An organisation's name (PDU, region, youth justice service) by id. */
  organisation(id: number): string | undefined;
}

export const NO_WORDS: AuditWords = { person: () => undefined, item: () => undefined, organisation: () => undefined };

export type Json = unknown;

export const isRecord = (v: Json): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const fieldsOf = (v: Json): Record<string, unknown> => (isRecord(v) ? v : {});

/** A text or number value as text; anything else undefined. */
export const textOf = (v: Json): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

export const numberOf = (v: Json): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);

/** Codes stored in events, in words (statuses, roles, modes, decisions). */
const CODE_WORDS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(ROLE_NAMES).map(([k, v]) => [k, v.toLowerCase()])),
  'in-progress': 'in progress',
  'signed-off': 'signed off',
  'factual-accuracy': 'factual accuracy check',
  embargoed: 'embargoed',
  published: 'published',
  draft: 'draft',
  complete: 'complete',
  overwrite: 'saved over another person’s changes',
  'n/a': 'not applicable',
  na: 'not applicable',
  yes: 'yes',
  no: 'no',
  accepted: 'accepted',
  rejected: 'rejected',
  pdu: 'the PDU',
  region: 'the region',
  national: 'national',
  'openid-connect': 'single sign-on',
  password: 'password',
  sufficient: 'sufficient',
  some: 'some',
  none: 'none',
};

export const codeInWords = (code: string): string => own(CODE_WORDS, code) ?? code;

export const roleInWords = (role: Json): string => (typeof role === 'string' && Object.hasOwn(ROLE_NAMES, role) ? ROLE_NAMES[role as Role].toLowerCase() : (textOf(role) ?? 'no role'));

/** An ISO date as "5 October 2026"; other text unchanged. */
export const dateInWords = (v: Json): string => {
  const t = textOf(v) ?? '';
  return isIsoDate(t) ? fullDate(t) : t;
};

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true });

/** A moment as UK time: "5 October 2026 at 2:03pm". */
export function momentInWords(at: Date): string {
  if (Number.isNaN(at.getTime())) return 'an unknown time';
  const parts = Object.fromEntries(TIME.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${String(parts.dayPeriod ?? '').toLowerCase().replace(/\s/g, '')}`;
}

/** The UTC moment a UK calendar day starts (midnight in London, whether GMT or BST). */
export function ukDayStart(iso: string): Date {
  const guess = new Date(`${iso}T00:00:00Z`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hourCycle: 'h23', hour: '2-digit', day: '2-digit' }).formatToParts(guess).map((p) => [p.type, p.value]),
  );
  // London is at UTC or an hour ahead: at UTC midnight it is 00:xx (GMT) or 01:xx (BST).
  const ahead = Number(parts.hour) === 1 ? 1 : 0;
  return new Date(guess.getTime() - ahead * 3_600_000);
}

/** camelCase or kebab-case names in words: "caseloadAsOf" → "Caseload as of". */
export function nameInWords(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : name;
}

/** The start of a long text, cut at a word: for sentences and field names. */
export function startOf(text: string, max = 60): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

/** "1 case", "3 cases". */
export const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** A person named by user id, or a clear stand-in when the account is unknown. */
export const personInWords = (words: AuditWords, id: Json): string => {
  const n = numberOf(id);
  if (n === undefined) return id === null ? 'no one' : 'someone';
  return words.person(n) ?? `account ${n}`;
};

const ITEM_KEY = /^(\d+(?:\.\d+)+[a-z]*)(?::([a-z]+))?$/;
const ITEM_PARTS: Record<string, string> = { evidence: 'evidence', progress: 'progress', stability: 'stability credited' };

/** A framework item by id with the start of its text ("2.1.1a Does the information and advice…"); undefined when the key is no item id. */
export function itemInWords(words: AuditWords, key: string): string | undefined {
  const m = ITEM_KEY.exec(key);
  if (!m) {
    // Judgements other than standards (the diversity judgement) go by a name, not a number.
    const named = words.item(key);
    return named ? startOf(named, 48) : undefined;
  }
  const text = words.item(m[1]!);
  const part = m[2] ? ` (${own(ITEM_PARTS, m[2]) ?? m[2]})` : '';
  return `${m[1]}${text ? ` ${startOf(text, 48)}` : ''}${part}`;
}

/** A table's own entry for a stored key (never one of Object.prototype's: a key may be "constructor"). */
export const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);
