// Counts for re-rating many inspections at once, added up in SQL in one statement: cases per
// profile, and per item its yes, no and n/a answers and its outcome details per profile. What a
// profile is (which attributes, the values they are compared with, which deciding items, which
// items) comes from the caller (domain/rating/profile-counts.ts), as does reading a profile's
// number; nothing here knows the rules beyond "absent or empty is not recorded". Evidence is never read.
import { sql, type RawBuilder } from 'kysely';
import { profileOfCode, type CountRequest, type ProfileCountRow, type ProfileCounts, type SeenProfile } from '../../domain/rating/profile-counts.ts';
import { inTransaction, type Db } from './shared.ts';

interface Row {
  kind: number;
  inspection_id: number;
  item_id: string | null;
  /** Null on the rows counted by number (see `counts`). */
  attributes: (string | null)[] | null;
  deciders: string[] | null;
  /** The counts of the row's kind; on a row counted by number, one such set per number in turn. */
  counts: number[];
}

/** The counts per row of each kind: cases; yes, no, n/a; sufficient, some, none, stability credited. */
const WIDTH = [1, 3, 4] as const;

/**
 * The counts of the inspections' cases, in one statement whose answers part is planned as the
 * plain GROUP BY over the answers joined to their cases (by inspection and item: hash joins,
 * parallel where the server can). Only the attributes the counted items' conditions read matter.
 * Each case is read once, before the join, into which of the compared values each of those is;
 * an answer is counted under its case's number for its own item's attributes (profileOfCode; an
 * item without conditions has only 0). The cases, and answers, where such an attribute is not
 * recorded are counted apart, by profile, with the case's deciding answers looked up by the
 * answers' primary key: they cost little when such cases are few.
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
  const itemsOf = (mask: number) => request.items.filter((x) => x.attributeMask === mask).map((x) => x.id);
  const conditional = request.items.filter((x) => x.attributeMask).map((x) => x.id);
  const or = (xs: RawBuilder<unknown>[]) => (xs.length ? sql`(${sql.join(xs, sql` or `)})` : sql`false`);
  // Not recorded, as the rules read it (applicability.ts): absent, or empty.
  const undecided = (k: number) => sql`(c.attributes -> ${attributes[k]!}::text is null or c.attributes -> ${attributes[k]!}::text = '""'::jsonb)`;
  const anyUndecided = or(inMask(all).map(undecided));
  // Which compared value the attribute is (its place; as many as there are for another), -1 if not recorded.
  const place = (k: number) => {
    const values = request.values[k]!;
    const whens = values.map((v, i) => sql`when ${JSON.stringify(v)}::jsonb then ${sql.lit(i)}`);
    return sql`case coalesce(c.attributes -> ${attributes[k]!}::text, '""'::jsonb) ${sql.join(whens, sql` `)} when '""'::jsonb then -1 else ${sql.lit(values.length)} end`;
  };
  // The case's number for a mask (profileOfCode), from its places; null where one is not recorded.
  const code = (mask: number) => {
    let scale = 1;
    const terms = inMask(mask).map((k) => {
      const term = sql`${sql.ref(`c.p${k}`)} * ${sql.lit(scale)}`;
      scale *= request.values[k]!.length + 1;
      return term;
    });
    return terms.length ? sql`case when ${or(inMask(mask).map((k) => sql`${sql.ref(`c.p${k}`)} < 0`))} then null else ${sql.join(terms, sql` + `)} end` : sql`0`;
  };
  // The cases, narrow: their places, worked out once a case (grouping by the key keeps it so).
  const cases = sql`(
    select c.id, c.inspection_id${sql.join(inMask(all).map((k) => sql`, ${place(k)} as ${sql.ref(`p${k}`)}`), sql``)}
    from inspection_case c where c.inspection_id = any(${ids}) group by c.id
  )`;
  const codeFor = (item: RawBuilder<unknown>) =>
    masks.length ? sql`case ${sql.join(masks.map((m) => sql`when ${item} = any(${itemsOf(m)}::text[]) then ${code(m)}`), sql` `)} else 0 end` : sql`0`;
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
  // The detail is tested first, so a row's number is worked out once whichever count it is in.
  const caseCounts = (where: RawBuilder<unknown> | null) => [where ? sql`count(*) filter (where ${where})::int` : sql`count(*)::int`];
  const answerCounts = (where: RawBuilder<unknown> | null) =>
    (['yes', 'no', 'na'] as const).map((answer) => sql`count(*) filter (where x.answer = ${sql.lit(answer)}${where ? sql` and ${where}` : sql``})::int`);
  const outcomeCounts = (where: RawBuilder<unknown> | null) => [
    ...(['sufficient', 'some', 'none'] as const).map((progress) => sql`count(*) filter (where x.progress = ${sql.lit(progress)}${where ? sql` and ${where}` : sql``})::int`),
    sql`count(*) filter (where x.stability_credited${where ? sql` and ${where}` : sql``})::int`,
  ];
  // All the rows, then those of each number but the last (which is what is left, less the rows
  // with an undecided attribute: those are counted apart).
  const perNumber = (counts: (where: RawBuilder<unknown> | null) => RawBuilder<unknown>[], numbers: number) =>
    sql.join([...counts(null), ...Array.from({ length: numbers - 1 }, (_, n) => counts(sql`x.code = ${sql.lit(n)}`)).flat()]);
  const itemNumbers = Math.max(1, ...masks.map(numbersOf));
  // Cases (kind 0), answers (1) or outcome details (2) of the counted items by inspection (and
  // item), a set of counts per number (and, for cases, how many have an undecided attribute).
  const itemIdsOf = (kind: 1 | 2) => (kind === 1 ? request.items.map((x) => x.id) : request.outcomeItems);
  const decided = (kind: 0 | 1 | 2) => {
    if (kind === 0)
      return sql`
      select 0 as kind, x.inspection_id, null::text as item_id, null::text[] as attributes, null::text[] as deciders,
             array[${perNumber(caseCounts, numbersOf(all))}, count(*) filter (where x.code is null)::int] as counts
      from (select c.inspection_id, ${code(all)} as code from ${cases} c) x
      group by 1, 2`;
    return sql`
      select ${sql.lit(kind)}, x.inspection_id, x.item_id, null::text[], null::text[], array[${perNumber(kind === 1 ? answerCounts : outcomeCounts, itemNumbers)}]
      from (
        select c.inspection_id, t.item_id, ${kind === 1 ? sql`t.answer` : sql`t.progress, t.stability_credited`}, ${codeFor(sql.ref('t.item_id'))} as code
        from ${sql.table(kind === 1 ? 'case_answer' : 'case_outcome')} as t join ${cases} c on c.id = t.case_id
        where t.item_id = any(${itemIdsOf(kind)}::text[])
      ) x
      group by 1, 2, 3`;
  };
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
      select ${sql.lit(kind)}, c.inspection_id, x.item_id, ${valuesFor(sql.ref('x.item_id'))}, coalesce(d.deciders, '{}'), array[${sql.join((kind === 1 ? answerCounts : outcomeCounts)(null))}]
      from inspection_case c join ${sql.table(kind === 1 ? 'case_answer' : 'case_outcome')} as x on x.case_id = c.id left join ${deciding(ids)} d on d.case_id = c.id
      where c.inspection_id = any(${ids}) and ${anyUndecided} and x.item_id = any(${open}::text[]) and ${itemUndecided(sql.ref('x.item_id'))}
      group by 1, 2, 3, 4, 5`);
    }
    return sql.join(parts, sql` union all `);
  };

  const ownTransaction = !db.isTransaction;
  const rows = await inTransaction(db, async (trx) => {
    // Both statements see the same cases.
    if (ownTransaction) await sql`set transaction isolation level repeatable read`.execute(trx);
    // Compiling the statement to machine code (PostgreSQL's JIT, planned for its cost) takes
    // longer than running it; the plain GROUP BY it matches stays under that threshold.
    await sql`set local jit = off`.execute(trx);
    const first = (await sql<Row>`${decided(0)} union all ${decided(1)} union all ${decided(2)}`.execute(trx)).rows;
    // Cases with an undecided attribute are few, or none: only then a second statement, for them.
    const openIds: number[] = [];
    for (const r of first) if (r.kind === 0 && r.counts.pop()!) openIds.push(r.inspection_id);
    if (!openIds.length) return first;
    return [...first, ...(await sql<Row>`${undecidedParts(openIds)}`.execute(trx)).rows];
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
  const byNumber = new Map<string, number>();
  const profileOfNumber = (mask: number, number: number) => {
    const key = `${mask} ${number}`;
    let n = byNumber.get(key);
    if (n === undefined) byNumber.set(key, (n = profileOf(mask ? profileOfCode(request, mask, number) : { attributes: attributes.map(() => null), deciders: null })));
    return n;
  };
  const counted: ProfileCountRow[] = [];
  const push = (r: Row, profile: number, n: readonly number[]) => {
    if (r.kind === 0) counted.push({ kind: 'cases', inspectionId: r.inspection_id, profile, cases: n[0]! });
    else if (r.kind === 1) counted.push({ kind: 'answers', inspectionId: r.inspection_id, itemId: r.item_id!, profile, yes: n[0]!, no: n[1]!, na: n[2]! });
    else counted.push({ kind: 'outcomes', inspectionId: r.inspection_id, itemId: r.item_id!, profile, sufficient: n[0]!, some: n[1]!, none: n[2]!, stabilityCredited: n[3]! });
  };
  // The rows with an undecided attribute, added up per inspection and item, to leave out of the rest.
  const apart = new Map<string, number[]>();
  for (const r of rows) {
    if (!r.attributes) continue;
    push(r, profileOf({ attributes: r.attributes, deciders: r.deciders }), r.counts);
    const key = `${r.kind} ${r.inspection_id} ${r.item_id}`;
    const sum = apart.get(key) ?? r.counts.map(() => 0);
    r.counts.forEach((n, i) => (sum[i]! += n));
    apart.set(key, sum);
  }
  for (const r of rows) {
    if (r.attributes) continue;
    const width = WIDTH[r.kind as 0 | 1 | 2];
    const mask = r.kind === 0 ? all : (maskOf.get(r.item_id!) ?? 0);
    const sets = r.counts.length / width;
    const left = r.counts.slice(0, width);
    const undecidedRows = apart.get(`${r.kind} ${r.inspection_id} ${r.item_id}`);
    if (undecidedRows) undecidedRows.forEach((n, i) => (left[i]! -= n));
    for (let number = 0; number < numbersOf(mask); number++) {
      // Counted by number, or (the mask's last, where there is no set for it) what is left.
      const n = number + 1 < sets ? r.counts.slice((number + 1) * width, (number + 2) * width) : left.slice();
      n.forEach((x, i) => (left[i]! -= number + 1 < sets ? x : 0));
      if (n.some((x) => x)) push(r, profileOfNumber(mask, number), n);
    }
  }
  return { profiles, rows: counted };
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
