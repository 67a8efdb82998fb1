// The register of SFO reviews: one row per review a region notified, with the dates it was
// notified and submitted, whether an extension was granted, and who wrote it. A register file is
// checked whole: every problem by row and column, and no review is taken from a file with any.
import { z } from 'zod';

/** The offence categories a review is registered under. Not from a published list: the groups the
 * SFO procedures commonly report (to be confirmed with the SFO QA team). */
export const OFFENCE_CATEGORIES = ['murder', 'attempted murder', 'manslaughter', 'rape', 'other serious sexual', 'other violent', 'arson with intent to endanger life', 'kidnapping or abduction'] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];

const OFFENCE_SPELLINGS: Record<string, OffenceCategory> = {
  'other serious sexual offence': 'other serious sexual',
  'other serious sexual offences': 'other serious sexual',
  'serious sexual': 'other serious sexual',
  'other violent offence': 'other violent',
  'other violent offences': 'other violent',
  arson: 'arson with intent to endanger life',
  kidnapping: 'kidnapping or abduction',
  abduction: 'kidnapping or abduction',
  kidnap: 'kidnapping or abduction',
};

const isoDate = z.iso.date('must be a date, YYYY-MM-DD');

/** A review's reference in its canonical form (canonicalReviewRef). */
export const ReviewRefSchema = z.string().regex(/^[A-Z0-9][A-Z0-9/._-]{0,39}$/, 'must be 1 to 40 letters, digits, /, ., _ or -, starting with a letter or digit');

/** A review as the register holds it; also what a form entering one by hand is checked against. */
export const SfoReviewSchema = z
  .strictObject({
    reviewRef: ReviewRefSchema,
    region: z.string().trim().min(1, 'give the region'),
    pdu: z.string().trim().min(1).max(200).nullable(),
    offenceCategory: z.enum(OFFENCE_CATEGORIES, `must be one of: ${OFFENCE_CATEGORIES.join(', ')}`),
    notifiedOn: isoDate,
    submittedOn: isoDate.nullable(),
    extensionGranted: z.boolean(),
    authorRole: z.string().trim().min(1).max(200).nullable(),
  })
  .refine((r) => r.submittedOn === null || r.submittedOn >= r.notifiedOn, { path: ['submittedOn'], message: 'the date submitted is before the date notified' });

export type SfoReview = z.infer<typeof SfoReviewSchema>;

/** The register file's columns, in the order the template lists them. */
export const REGISTER_COLUMNS = [
  { id: 'review_ref', field: 'reviewRef', label: 'Review reference', required: true },
  { id: 'region', field: 'region', label: 'Region', required: true },
  { id: 'pdu', field: 'pdu', label: 'PDU', required: false },
  { id: 'offence_category', field: 'offenceCategory', label: 'Offence category', required: true },
  { id: 'notified_date', field: 'notifiedOn', label: 'Date notified', required: true },
  { id: 'submitted_date', field: 'submittedOn', label: 'Date submitted', required: false },
  { id: 'extension', field: 'extensionGranted', label: 'Extension granted', required: true },
  { id: 'author_role', field: 'authorRole', label: 'Author role', required: false },
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number]['id'];

/** A row as read from the file: its row number and the text of each column found. */
export interface RegisterRow {
  line: number;
  values: Partial<Record<RegisterColumn, string>>;
}

export interface RegisterProblem {
  row?: number;
  column?: string;
  message: string;
}

/** On success, `lines[i]` is the row `reviews[i]` was read from. */
export type RegisterResult = { ok: true; reviews: SfoReview[]; lines: number[] } | { ok: false; problems: RegisterProblem[] };

/** The canonical form of a reference: trimmed, upper case, so R0001 and r0001 are one review. */
export const canonicalReviewRef = (raw: string): string => raw.trim().toUpperCase();

const words = (s: string) => s.trim().toLowerCase().replace(/&/g, ' and ').replace(/[\s_-]+/g, ' ');
/** "Kent, Surrey & Sussex" and "kent surrey and sussex" are one region. */
const regionKey = (s: string) => words(s).replace(/[^a-z0-9]+/g, ' ').trim();
type Read<T> = { ok: true; value: T } | { ok: false; message: string };

function readDate(raw: string): Read<string> {
  const s = raw.trim();
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s); // day first, never month first
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : s;
  return isoDate.safeParse(iso).success ? { ok: true, value: iso } : { ok: false, message: `'${s}' is not a date; write YYYY-MM-DD or DD/MM/YYYY` };
}

function readYesNo(raw: string): Read<boolean> {
  const w = words(raw);
  if (['yes', 'y', 'true'].includes(w)) return { ok: true, value: true };
  if (['no', 'n', 'false'].includes(w)) return { ok: true, value: false };
  return { ok: false, message: `'${raw.trim()}' is not allowed; use yes or no` };
}

function readOffence(raw: string): Read<OffenceCategory> {
  const w = words(raw);
  const found = OFFENCE_CATEGORIES.find((c) => c === w) ?? OFFENCE_SPELLINGS[w];
  return found ? { ok: true, value: found } : { ok: false, message: `'${raw.trim()}' is not an offence category; use ${OFFENCE_CATEGORIES.join(', ')}` };
}

export interface RegisterContext {
  /** The probation regions' names as the organisation list spells them. */
  regions: readonly string[];
}

/** Checks every row, then the file as a whole (a reference twice); any problem refuses it all. */
export function validateRegister(rows: readonly RegisterRow[], context: RegisterContext): RegisterResult {
  const problems: RegisterProblem[] = [];
  const regions = new Map(context.regions.map((r) => [regionKey(r), r]));
  const reviews: SfoReview[] = [];
  const lines: number[] = [];
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    const rowProblems: RegisterProblem[] = [];
    const fail = (column: RegisterColumn, message: string) => rowProblems.push({ row: row.line, column, message });
    const text = (column: RegisterColumn) => (row.values[column] ?? '').trim();
    const optional = (column: RegisterColumn) => text(column) || null;
    const need = <T>(column: RegisterColumn, read: (raw: string) => Read<T>): T | undefined => {
      if (!text(column)) return void fail(column, `no ${REGISTER_COLUMNS.find((c) => c.id === column)!.label.toLowerCase()} given`);
      const result = read(text(column));
      return result.ok ? result.value : void fail(column, result.message);
    };
    const reviewRef = need('review_ref', (raw): Read<string> => {
      const ref = ReviewRefSchema.safeParse(canonicalReviewRef(raw));
      return ref.success ? { ok: true, value: ref.data } : { ok: false, message: `'${raw}' ${ref.error.issues[0]!.message}` };
    });
    const region = need('region', (raw): Read<string> => {
      const found = regions.get(regionKey(raw));
      return found ? { ok: true, value: found } : { ok: false, message: `'${raw}' is not a probation region; use ${context.regions.join('; ')}` };
    });
    const offenceCategory = need('offence_category', readOffence);
    const notifiedOn = need('notified_date', readDate);
    let submittedOn: string | null = null;
    if (text('submitted_date')) {
      const read = readDate(text('submitted_date'));
      if (read.ok) submittedOn = read.value;
      else fail('submitted_date', read.message);
    }
    if (notifiedOn !== undefined && submittedOn !== null && submittedOn < notifiedOn) fail('submitted_date', `the date submitted, ${submittedOn}, is before the date notified, ${notifiedOn}`);
    const extensionGranted = need('extension', readYesNo);
    if (rowProblems.length === 0) {
      const parsed = SfoReviewSchema.safeParse({ reviewRef, region, pdu: optional('pdu'), offenceCategory, notifiedOn, submittedOn, extensionGranted, authorRole: optional('author_role') });
      if (parsed.success) {
        reviews.push(parsed.data);
        lines.push(row.line);
      }
      else for (const issue of parsed.error.issues) fail(columnOf(String(issue.path[0] ?? 'reviewRef')), issue.message);
    }
    if (reviewRef !== undefined) {
      const earlier = firstRow.get(reviewRef);
      if (earlier !== undefined) fail('review_ref', `review ${reviewRef} is also on row ${earlier}; each review is listed once`);
      else firstRow.set(reviewRef, row.line);
    }
    problems.push(...rowProblems);
  }
  if (!rows.length) problems.push({ message: 'the file lists no reviews below its heading row' });
  return problems.length ? { ok: false, problems } : { ok: true, reviews, lines };
}

const columnOf = (field: string): RegisterColumn => REGISTER_COLUMNS.find((c) => c.field === field)?.id ?? 'review_ref';
