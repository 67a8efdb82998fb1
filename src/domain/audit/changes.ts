// What an audit event changed, line by line as "field: before → after", in words: field names from
// a table (framework items by their text), people by name, dates as GOV.UK writes them, nested
// values spelt out. Any JSON goes in; nothing throws and no JSON braces come out of values the
// code wrote (a person's own text is shown as they wrote it).
import { own, codeInWords, dateInWords, fieldsOf, isRecord, itemInWords, momentInWords, nameInWords, numberOf, personInWords, roleInWords, type AuditWords, type Json } from './words.ts';
import { isIsoDate } from '../sampling/dates.ts';

export interface ChangeLine {
  /** The field in words. */
  field: string;
  /** The value before, in words; null when the field had none recorded (it was added). */
  before: string | null;
  /** The value after, in words; null when the field was removed or only the earlier state was recorded. */
  after: string | null;
}

const FIELD_NAMES: Record<string, string> = {
  active: 'Account active',
  addressedTo: 'For',
  answers: 'Answers',
  approved: 'Approved',
  author: 'Author',
  booking: 'Booking',
  capacityPerYear: 'Inspections a year',
  cases: 'Cases',
  characters: 'Characters',
  comment: 'Comment',
  confidence: 'Confidence level',
  cycle: 'PDU cycle',
  date: 'Date',
  decision: 'Decision',
  digest: 'Data cut digest',
  displayName: 'Name',
  effectiveFrom: 'From',
  email: 'Email address',
  emailsCancelled: 'Emails cancelled',
  end: 'End',
  event: 'Event',
  factualAccuracyComment: 'Factual accuracy comment',
  foreword: 'Foreword',
  format: 'File format',
  framework: 'Framework',
  frameworksAdded: 'Frameworks added',
  inspections: 'Inspections',
  item: 'Prompt or key question',
  kind: 'Kind',
  source: 'Source',
  finding: 'Finding',
  caseKeyQuestionId: 'Key question of the cases',
  surveyStatementId: 'Survey statement',
  withdrawn: 'Withdrawn',
  ip: 'Network address',
  issuer: 'Sign-on provider',
  judgements: 'Judgements',
  links: 'Case links',
  listedTwice: 'Listed twice',
  margin: 'Margin of error',
  messageId: 'Message',
  method: 'Method',
  milestone: 'Milestone',
  mode: 'Saved as',
  name: 'Name',
  note: 'Note',
  numbersDeleted: 'Phone numbers deleted',
  organisationId: 'Organisation',
  organisationsAdded: 'Organisations added',
  outcome: 'Outcome',
  overall: 'Overall rating',
  overallFindings: 'Overall findings',
  people: 'People',
  position: 'Question number',
  previous: 'Inspections of the year before',
  prompts: 'Prompts',
  publishOn: 'Publication date',
  publishedOn: 'Publication date',
  question: 'Question',
  rating: 'Rating',
  ratings: 'Ratings',
  rationale: 'Rationale',
  reason: 'Reason',
  recipient: 'Recipient',
  reference: 'Reference',
  respondent: 'Respondent',
  revision: 'Revision',
  role: 'Role',
  rule: 'Dip sample rule',
  score: 'Score',
  second: 'Second assessment',
  section: 'Section',
  seed: 'Seed',
  standard: 'Standard',
  start: 'Start',
  status: 'Status',
  stratifyBy: 'Stratified by',
  subject: 'Sign-on identifier',
  suppressed: 'Opted out earlier',
  team: 'Team',
  text: 'Text',
  textsCancelled: 'Texts cancelled',
  textsEach: 'Texts each',
  title: 'Title',
  unmet: 'Unmet needs',
  userId: 'Person',
  version: 'Version',
  warnings: 'Warnings',
  week: 'Week',
  writer: 'Writer',
  wrongAddresses: 'Wrong addresses entered',
  year: 'Year',
  years: 'Years',
};

/** Fields whose number is a person's user id, or an organisation's id. */
const PERSON_FIELDS = new Set(['userId', 'assessorId']);
const ORGANISATION_FIELDS = new Set(['organisationId']);
/** Fields whose text is a framework item's id. */
const ITEM_FIELDS = new Set(['item', 'standard', 'caseKeyQuestionId']);

export const fieldInWords = (key: string, words: AuditWords): string => own(FIELD_NAMES, key) ?? itemInWords(words, key) ?? nameInWords(key);

const MAX_DEPTH = 3;
const MAX_LIST = 30;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** One value in words; `key` is the field it was stored under (it says how to read a number). */
export function valueInWords(key: string, value: Json, words: AuditWords, depth = 0): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (PERSON_FIELDS.has(key)) return personInWords(words, value);
    if (ORGANISATION_FIELDS.has(key)) return words.organisation(value) ?? `organisation ${value}`;
    return Number.isInteger(value) && Math.abs(value) < 10_000 ? String(value) : value.toLocaleString('en-GB');
  }
  if (typeof value === 'string') {
    if (key === 'role') return roleInWords(value);
    if (ITEM_FIELDS.has(key)) return itemInWords(words, value) ?? value;
    if (PERSON_FIELDS.has(key) && numberOf(value) !== undefined) return personInWords(words, value);
    if (isIsoDate(value)) return dateInWords(value);
    if (ISO_MOMENT.test(value) && !Number.isNaN(new Date(value).getTime())) return momentInWords(new Date(value));
    if (value === '') return 'blank';
    return codeInWords(value);
  }
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    if (!value.length) return 'none';
    const shown = value.slice(0, MAX_LIST).map((v) => valueInWords(key, v, words, depth + 1));
    const more = value.length - shown.length;
    return `${shown.join(isRecord(value[0]) ? '; ' : ', ')}${more > 0 ? ` and ${more} more` : ''}`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (!entries.length) return 'none';
    return entries.map(([k, v]) => `${fieldInWords(k, words)}: ${valueInWords(k, v, words, depth + 1)}`).join('; ');
  }
  return typeof value === 'bigint' ? value.toString() : ''; // not JSON: never stored in an audit event
}

const same = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The event's changes as lines. Objects are compared field by field (a field the same before and
 * after is left out: it names the record, and the sentence says so); anything else is one "Value".
 */
export function describeChanges(before: Json, after: Json, words: AuditWords): ChangeLine[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return [];
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after))) {
    if (same(before, after)) return [];
    return [{ field: 'Value', before: hasBefore ? valueInWords('value', before, words) : null, after: hasAfter ? valueInWords('value', after, words) : null }];
  }
  const b = fieldsOf(before);
  const a = fieldsOf(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const lines: ChangeLine[] = [];
  for (const key of keys) {
    const inBefore = hasBefore && Object.hasOwn(b, key);
    const inAfter = hasAfter && Object.hasOwn(a, key);
    if (inBefore && inAfter && same(b[key], a[key])) continue;
    lines.push({
      field: fieldInWords(key, words),
      before: inBefore ? valueInWords(key, b[key], words) : null,
      after: inAfter ? valueInWords(key, a[key], words) : null,
    });
  }
  return lines;
}

/** A line as one text: "Rating: Good → Outstanding", "Rating: Good" when only one side was recorded. */
export function changeLineText(line: ChangeLine): string {
  if (line.before !== null && line.after !== null) return `${line.field}: ${line.before} → ${line.after}`;
  if (line.after !== null) return `${line.field}: ${line.after}`;
  return `${line.field}: ${line.before ?? 'none'} → removed`;
}
