// Counts for re-rating many inspections at once, added up in SQL in one statement: cases per
// profile, and per item its yes, no and n/a answers and its outcome details per profile. What a
// profile is (which attributes, the values they are compared with, which deciding items, which
// items) comes from the caller (domain/rating/profile-counts.ts), as does reading a profile's
// number; nothing here knows the rules beyond "absent or empty is not recorded". Evidence is never read.
import { sql, type RawBuilder } from 'kysely';
import { profileOfCode, type CountRequest, type ProfileCountRow, type ProfileCounts, type SeenProfile } from '../../domain/rating/profile-counts.ts';
import { inTransaction, type Db } from './shared.ts';

/** A row of the second statement: the cases, answers or outcome details with an undecided attribute, by profile. */
interface UndecidedRow {
  kind: number;
  inspection_id: number;
  item_id: string | null;
  attributes: (string | null)[];
  deciders: string[];
  /** Cases; yes, no, n/a; or sufficient, some, none, stability credited. */
  counts: number[];
}

const ANSWERS = ['yes', 'no', 'na'] as const;
const PROGRESS = ['sufficient', 'some', 'none'] as const;

/**
 * The counts of the inspections' cases. One statement does the plain GROUP BYs (answers, yes, no
 * and n/a, and outcome details by inspection and item; cases by inspection), each case read once,
 * before the join, into its number for each set of attributes the counted items' conditions read
 * (profileOfCode; null where one of them is not recorded). An answer is counted in all, and under
 * each number but a mask's last (which is what is left, less the rows with an undecided attribute:
 * those are counted apart, by profile, in a second statement only when some case has one, with
 * the case's deciding answers looked up by the answers' primary key).
 *
 * The counts come back as three texts of comma-separated fields, the cases', the answers' and the
 * outcome details' (the counted items' ids are framework item ids, which hold no comma:
 * framework/schema.ts): tens of thousands of rows of a few fields each cost the client more to
 * receive than the whole statement costs the database to run (embedded PGlite decodes every field
 * of every row in JavaScript).
 */
export async function countAnswersByProfile(db: Db, inspectionIds: readonly number[], request: CountRequest): Promise<ProfileCounts> {
  if (!inspectionIds.length) return { profiles: new Map(), rows: [] };
  const { attributes } = request;
  if (attributes.length > 30) throw new Error('Too many attributes in applicability conditions to count by profile');
  const ids = sql`${[...inspectionIds]}::int[]`;
  const maskOf = new Map(request.items.map((x) => [x.id, x.attributeMask]));
  const masks = [...new Set(request.items.map((x) => x.attributeMask).filter((m) => m))];
  const all = masks.reduce((a, m) => a | m, 0);
  const inMask = (mask: number) => attributes.flatMap((_, k) => (mask & (1 << k) ? [k] : []));
  const numbersOf = (mask: number) => inMask(mask).reduce((n, k) => n * (request.values[k]!.length + 1), 1);
  const conditional = request.items.filter((x) => x.attributeMask).map((x) => x.id);
  const or = (xs: RawBuilder<unknown>[]) => (xs.length ? sql`(${sql.join(xs, sql` or `)})` : sql`false`);
  // Not recorded, as the rules read it (applicability.ts): absent, or empty.
  const undecided = (k: number) => sql`(c.attributes -> ${attributes[k]!}::text is null or c.attributes -> ${attributes[k]!}::text = '""'::jsonb)`;
  const anyUndecided = or(inMask(all).map(undecided));
  // Which compared value the attribute is (its place; as many as there are for another), null if not recorded.
  const place = (k: number) => {
    const values = request.values[k]!;
    const whens = values.map((v, i) => sql`when ${JSON.stringify(v)}::jsonb then ${sql.lit(i)}`);
    return sql`case coalesce(c.attributes -> ${attributes[k]!}::text, '""'::jsonb) ${sql.join(whens, sql` `)} when '""'::jsonb then null else ${sql.lit(values.length)} end`;
  };
  // The case's number for a mask (profileOfCode), from its places; null where one is not recorded.
  const code = (mask: number) => {
    let scale = 1;
    const terms = inMask(mask).map((k) => {
      const term = scale === 1 ? place(k) : sql`${place(k)} * ${sql.lit(scale)}`;
      scale *= request.values[k]!.length + 1;
      return term;
    });
    return terms.length ? sql.join(terms, sql` + `) : sql`0`;
  };
  const within = sql`c.inspection_id = any(${ids})`;
  // What a row counts, all or only where `where` holds: answers (kind 1) yes, no and n/a, or outcome
  // details (2) by progress and stability credited. `where` (the case's number is n) is tested
  // first: an integer comparison, false for the cases of every other number, which then skip the
  // text comparison (measured on PostgreSQL 15, 1,000 inspections: ~50 ms of the statement's ~400).
  const counted = (kind: 1 | 2, where: RawBuilder<unknown> | null) => {
    const only = (test: RawBuilder<unknown>) => sql`count(*) filter (where ${where ? sql`${where} and ${test}` : test})`;
    return kind === 1
      ? ANSWERS.map((answer) => only(sql`t.answer = ${sql.lit(answer)}`))
      : [...PROGRESS.map((progress) => only(sql`t.progress = ${sql.lit(progress)}`)), only(sql`t.stability_credited`)];
  };
  const itemIdsOf = (kind: 1 | 2) => (kind === 1 ? request.items.map((x) => x.id) : request.outcomeItems);
  // The masks a kind's items read.
  const masksOf = (kind: 1 | 2) => masks.filter((m) => itemIdsOf(kind).some((id) => maskOf.get(id) === m));
  // Answers or outcome details of the counted items by inspection and item: all, then those under
  // each number but the last of the item's own mask.
  const leg = (kind: 1 | 2) => {
    const read = masksOf(kind);
    // The cases, narrow: their numbers worked out once a case as the case is read, not for each
    // of its answers after the join. Written as a left join kept to the rows that found their
    // case (an inner join, which the planner makes of it): folding a subquery into a join, the
    // planner evaluates its expressions where the subquery is scanned (as placeholders) only when
    // it is an outer join's nullable side, so the join hashes each case's numbers rather than its
    // attributes (on a server, one hash the parallel workers share). Measured on PostgreSQL 15,
    // 1,000 inspections, when the answers were grouped by answer too: the answers leg ~390 ms
    // against ~590 with `group by c.id` (a hash per worker).
    const cases = sql`(select c.id, c.inspection_id${sql.join(read.map((m) => sql`, ${code(m)} as ${sql.ref(`m${m}`)}`), sql``)} from inspection_case c where ${within})`;
    const itemsOf = (m: number) => itemIdsOf(kind).filter((id) => maskOf.get(id) === m);
    // A line holds the counts under its own item's mask only: null for other items' masks, which
    // concat_ws leaves out.
    const fields = [
      ...counted(kind, null),
      ...read.flatMap((m) =>
        Array.from({ length: numbersOf(m) - 1 }, (_, n) =>
          counted(kind, sql`${sql.ref(`c.m${m}`)} = ${sql.lit(n)}`).map((count) => sql`case when t.item_id = any(${itemsOf(m)}::text[]) then ${count} end`),
        ).flat(),
      ),
    ];
    // By inspection and item only, the answers counted apart by filters: grouped by answer too, the
    // planner (which cannot know that a case answers an item once) expects about as many groups as
    // answers and so never adds them up in parallel on a server, where it does for these groups.
    return sql`
      select ${sql.lit(kind)} as kind, concat_ws(',', c.inspection_id, t.item_id, ${sql.join(fields)}) as line
      from ${sql.table(kind === 1 ? 'case_answer' : 'case_outcome')} as t left join ${cases} c on c.id = t.case_id
      where c.id is not null and t.item_id = any(${itemIdsOf(kind)}::text[])
      group by c.inspection_id, t.item_id`;
  };
  // Cases (kind 0) by inspection and their number for all the attributes (-1: one is not recorded).
  const casesLeg = sql`
      select 0 as kind, concat_ws(',', x.inspection_id, coalesce(x.code, -1), count(*)) as line
      from (select c.inspection_id, ${code(all)} as code from inspection_case c where ${within}) x
      group by x.inspection_id, x.code`;
  // For the rest: the attributes (as JSON texts) the item reads, others null; whether one of them is undecided.
  const json = (k: number) => sql`(c.attributes -> ${attributes[k]!}::text)::text`;
  const array = (values: RawBuilder<unknown>[]) => (values.length ? sql`array[${sql.join(values)}]::text[]` : sql`'{}'::text[]`);
  const valuesFor = (item: RawBuilder<unknown> | null) =>
    array(attributes.map((_, k) => (!(all & (1 << k)) ? sql`null::text` : item ? sql`case when ${item} = any(${request.items.filter((x) => x.attributeMask & (1 << k)).map((x) => x.id)}::text[]) then ${json(k)} end` : json(k))));
  const itemUndecided = (item: RawBuilder<unknown>) =>
    or(inMask(all).map((k) => sql`(${item} = any(${request.items.filter((x) => x.attributeMask & (1 << k)).map((x) => x.id)}::text[]) and ${undecided(k)})`));
  // The deciding items each case with an undecided attribute answered yes or no (absent if none).
  const deciding = (ids: RawBuilder<unknown>) => sql`(
    select x.case_id, array_agg(x.item_id order by x.item_id collate "C") as deciders
    from case_answer x
    where x.case_id in (select c.id from inspection_case c where c.inspection_id = any(${ids}) and ${anyUndecided})
      and x.item_id = any(${request.deciders}::text[]) and x.answer in ('yes', 'no')
    group by x.case_id
  )`;
  const answerCounts = ANSWERS.map((answer) => sql`count(*) filter (where x.answer = ${sql.lit(answer)})::int`);
  const outcomeCounts = [...PROGRESS.map((progress) => sql`count(*) filter (where x.progress = ${sql.lit(progress)})::int`), sql`count(*) filter (where x.stability_credited)::int`];
  // Those with an undecided attribute (which have no number, so are in none of those sets), by
  // profile, in the inspections that have such cases.
  const undecidedParts = (openIds: readonly number[]) => {
    const ids = sql`${[...openIds]}::int[]`;
    const parts = [
      sql`
      select 0 as kind, c.inspection_id, null::text as item_id, ${valuesFor(null)} as attributes, coalesce(d.deciders, '{}') as deciders, array[count(*)::int] as counts
      from inspection_case c left join ${deciding(ids)} d on d.case_id = c.id
      where c.inspection_id = any(${ids}) and ${anyUndecided}
      group by 1, 2, 3, 4, 5`,
    ];
    for (const kind of [1, 2] as const) {
      const open = itemIdsOf(kind).filter((id) => conditional.includes(id));
      if (!open.length) continue;
      parts.push(sql`
      select ${sql.lit(kind)}, c.inspection_id, x.item_id, ${valuesFor(sql.ref('x.item_id'))}, coalesce(d.deciders, '{}'), array[${sql.join(kind === 1 ? answerCounts : outcomeCounts)}]
      from inspection_case c join ${sql.table(kind === 1 ? 'case_answer' : 'case_outcome')} as x on x.case_id = c.id left join ${deciding(ids)} d on d.case_id = c.id
      where c.inspection_id = any(${ids}) and ${anyUndecided} and x.item_id = any(${open}::text[]) and ${itemUndecided(sql.ref('x.item_id'))}
      group by 1, 2, 3, 4, 5`);
    }
    return sql.join(parts, sql` union all `);
  };

  const ownTransaction = !db.isTransaction;
  const { texts, apart } = await inTransaction(db, async (trx) => {
    // Both statements see the same cases.
    if (ownTransaction) await sql`set transaction isolation level repeatable read`.execute(trx);
    // Compiling the statement to machine code (PostgreSQL's JIT, planned for its cost) takes
    // longer than running it. Without statistics (PGlite is never analysed; a server's freshly
    // written tables are not yet) the planner guesses the answers' groups as many as the answers
    // and sorts them (on disk, in the default 4 MB) rather than hashing them: they are about 40 an
    // inspection, a few MB for a batch, and nothing here needs an order.
    // The outcome details of a thousand inspections are about 7.5 MB, under the 8 MB below which
    // a server never reads a table in parallel; the counting is worth its workers at any size.
    await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true), set_config('enable_sort', 'off', true),
                     set_config('min_parallel_table_scan_size', '0', true)`.execute(trx);
    const { rows } = await sql<{ cases: string | null; answers: string | null; outcomes: string | null }>`
      select string_agg(line, ',') filter (where kind = 0) as cases, string_agg(line, ',') filter (where kind = 1) as answers,
             string_agg(line, ',') filter (where kind = 2) as outcomes
      from (${casesLeg} union all ${leg(1)} union all ${leg(2)}) x`.execute(trx);
    const texts = { cases: rows[0]?.cases ?? '', answers: rows[0]?.answers ?? '', outcomes: rows[0]?.outcomes ?? '' };
    // Cases with an undecided attribute are few, or none: only then a second statement, for them.
    const openIds = new Set<number>();
    for (const read = new CountsText(texts.cases); !read.done; ) {
      const inspectionId = read.int();
      if (read.int() === -1) openIds.add(inspectionId);
      read.int();
    }
    const apart = openIds.size ? (await sql<UndecidedRow>`${undecidedParts([...openIds])}`.execute(trx)).rows : [];
    return { texts, apart };
  });

  // Each distinct profile numbered once, for the rows to name.
  const profiles = new Map<number, SeenProfile>();
  const known = new Map<string, number>();
  const profileOf = (seen: SeenProfile) => {
    // JSON texts hold no raw control characters, and '' is no JSON text: the key is unambiguous.
    const key = `${seen.attributes.map((a) => a ?? '').join('\u0001')}\u0002${seen.deciders ? seen.deciders.join('\u0001') : '\u0003'}`;
    let n = known.get(key);
    if (n === undefined) {
      known.set(key, (n = known.size));
      profiles.set(n, seen);
    }
    return n;
  };
  // By mask, the profile each number stands for.
  const byNumber = new Map<number, number[]>();
  const profileOfNumber = (mask: number, number: number) => {
    let numbered = byNumber.get(mask);
    if (!numbered) byNumber.set(mask, (numbered = []));
    return (numbered[number] ??= profileOf(mask ? profileOfCode(request, mask, number) : { attributes: attributes.map(() => null), deciders: null }));
  };
  const rows: ProfileCountRow[] = [];
  const outcomes = (inspectionId: number, itemId: string, profile: number, n: readonly number[]) => {
    if (n[0] || n[1] || n[2] || n[3]) rows.push({ kind: 'outcomes', inspectionId, itemId, profile, sufficient: n[0]!, some: n[1]!, none: n[2]!, stabilityCredited: n[3]! });
  };
  // The rows with an undecided attribute, by profile, and added up per inspection and item to leave out of the rest.
  const left = new Map<string, number[]>();
  for (const r of apart) {
    const profile = profileOf({ attributes: r.attributes, deciders: r.deciders });
    if (r.kind === 0) rows.push({ kind: 'cases', inspectionId: r.inspection_id, profile, cases: r.counts[0]! });
    else if (r.kind === 1) ANSWERS.forEach((answer, i) => r.counts[i] && rows.push({ kind: 'answers', inspectionId: r.inspection_id, itemId: r.item_id!, profile, answer, cases: r.counts[i] }));
    else outcomes(r.inspection_id, r.item_id!, profile, r.counts);
    if (r.kind === 0) continue;
    const key = `${r.kind},${r.inspection_id},${r.item_id}`;
    const sum = left.get(key) ?? r.counts.map(() => 0);
    r.counts.forEach((n, i) => (sum[i]! += n));
    left.set(key, sum);
  }
  const numbers = new Map(request.items.map((x) => [x.id, numbersOf(x.attributeMask)]));
  const leftOf = (kind: 1 | 2, inspectionId: number, itemId: string) => (left.size ? left.get(`${kind},${inspectionId},${itemId}`) : undefined);
  for (const read = new CountsText(texts.cases); !read.done; ) {
    const inspectionId = read.int();
    const number = read.int();
    const cases = read.int();
    if (number >= 0) rows.push({ kind: 'cases', inspectionId, profile: profileOfNumber(all, number), cases });
  }
  // Each item's counts (yes, no and n/a; or sufficient, some, none and stability credited): all, then
  // under each number of the item's mask but the last, whose counts are what is left. Read into two
  // arrays used again for every line (tens of thousands of lines a batch).
  const readCounts = (kind: 1 | 2, text: string, width: number, add: (inspectionId: number, itemId: string, profile: number, n: readonly number[]) => void) => {
    const rest = new Array<number>(width).fill(0);
    const n = new Array<number>(width).fill(0);
    for (const read = new CountsText(text); !read.done; ) {
      const inspectionId = read.int();
      const itemId = read.text();
      const mask = maskOf.get(itemId) ?? 0;
      const last = (numbers.get(itemId) ?? 1) - 1;
      const undecidedRows = leftOf(kind, inspectionId, itemId);
      for (let k = 0; k < width; k++) rest[k] = read.int() - (undecidedRows?.[k] ?? 0);
      for (let number = 0; number < last; number++) {
        for (let k = 0; k < width; k++) rest[k]! -= n[k] = read.int();
        add(inspectionId, itemId, profileOfNumber(mask, number), n);
      }
      add(inspectionId, itemId, profileOfNumber(mask, last), rest);
    }
  };
  readCounts(1, texts.answers, ANSWERS.length, (inspectionId, itemId, profile, n) => {
    for (let i = 0; i < ANSWERS.length; i++) if (n[i]) rows.push({ kind: 'answers', inspectionId, itemId, profile, answer: ANSWERS[i]!, cases: n[i]! });
  });
  readCounts(2, texts.outcomes, PROGRESS.length + 1, outcomes);
  return { profiles, rows };
}

/**
 * The statement's comma-separated counts read field by field as they are needed: no array of
 * hundreds of thousands of short strings (each a number to convert) made only to be thrown away.
 */
class CountsText {
  private at = 0;
  constructor(private readonly source: string) {}

  get done(): boolean {
    return this.at >= this.source.length;
  }

  /** A whole number (PostgreSQL's decimal text of a count, an id or -1). */
  int(): number {
    const text = this.source;
    let i = this.at;
    const negative = text.charCodeAt(i) === 45; // '-'
    if (negative) i++;
    let n = 0;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) n = n * 10 + c - 48;
    if (i === this.at + (negative ? 1 : 0)) throw new Error(`Expected a number at ${this.at} of the counts`);
    this.at = i + 1; // past the comma
    return negative ? -n : n;
  }

  /** A text field (an item id or an answer: neither holds a comma). */
  text(): string {
    const end = this.source.indexOf(',', this.at);
    const field = this.source.slice(this.at, end < 0 ? this.source.length : end);
    this.at = end < 0 ? this.source.length : end + 1;
    return field;
  }
}

/** The inspections' recorded judgements, by inspection id then item id. */
export async function judgementsOfInspections(db: Db, inspectionIds: readonly number[]): Promise<Map<number, Record<string, { rating: string; rationale?: string }>>> {
  const result = new Map<number, Record<string, { rating: string; rationale?: string }>>(inspectionIds.map((id) => [id, {}]));
  if (!inspectionIds.length) return result;
  const rows = await db
    .selectFrom('inspection_judgement')
    .select(['inspection_id', 'item_id', 'rating', 'rationale'])
    .where('inspection_id', '=', sql<number>`any(${[...inspectionIds]}::int[])`)
    .orderBy('inspection_id')
    .orderBy(sql`item_id collate "C"`)
    .execute();
  for (const j of rows) {
    const target = result.get(j.inspection_id);
    if (target) target[j.item_id] = j.rationale === null ? { rating: j.rating } : { rating: j.rating, rationale: j.rationale };
  }
  return result;
}

/** Each existing inspection's framework version (`id@version`), by inspection id. */
export async function frameworkKeysOfInspections(db: Db, inspectionIds: readonly number[]): Promise<Map<number, string>> {
  if (!inspectionIds.length) return new Map();
  const rows = await db
    .selectFrom('inspection')
    .select(['id', 'framework_id', 'framework_version'])
    .where('id', '=', sql<number>`any(${[...inspectionIds]}::int[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.framework_id}@${r.framework_version}`]));
}
