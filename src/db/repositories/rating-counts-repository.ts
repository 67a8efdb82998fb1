// Counts for re-rating many inspections at once, added up in SQL in one statement: cases per
// profile, and per item its yes, no and n/a answers and its outcome details per profile. What a
// profile is (which attributes, which deciding items, which items) comes from the caller
// (domain/rating/profile-counts.ts); nothing here knows the rules. Evidence is never read.
import { sql, type RawBuilder } from 'kysely';
import type { CountRequest, ProfileCountRow, ProfileCounts, SeenProfile } from '../../domain/rating/profile-counts.ts';
import type { Db } from './shared.ts';

interface Row {
  kind: number;
  inspection_id: number;
  item_id: string | null;
  attributes: (string | null)[];
  deciders: string[] | null;
  a: number;
  b: number;
  c: number;
  d: number;
}

/**
 * The counts of the inspections' cases. Planned as a plain GROUP BY over the answers joined to
 * their cases would be (parallel where the server can): each answer's item reads only the
 * attributes its own conditions read, so items without conditions are counted once per inspection.
 * The deciding answers are looked up only for an item whose attribute a case does not record.
 */
export async function countAnswersByProfile(db: Db, inspectionIds: readonly number[], request: CountRequest): Promise<ProfileCounts> {
  if (!inspectionIds.length) return { profiles: new Map(), rows: [] };
  const { attributes } = request;
  if (attributes.length > 30) throw new Error('Too many attributes in applicability conditions to count by profile');
  const readers = attributes.map((_, k) => request.items.filter((x) => x.attributeMask & (1 << k)).map((x) => x.id));
  const value = (k: number) => sql`(c.attributes -> ${attributes[k]!}::text)::text`;
  const undecided = (k: number) => sql`coalesce(c.attributes ->> ${attributes[k]!}::text, '') = ''`;
  const deciders = sql`array(
    select x.item_id from case_answer x
    where x.case_id = c.id and x.item_id = any(${request.deciders}::text[]) and x.answer in ('yes', 'no')
    order by x.item_id collate "C")`;
  const columns = (item: RawBuilder<unknown> | null) =>
    attributes.map((_, k) => (item ? sql`case when ${item} = any(${readers[k]!}::text[]) then ${value(k)} end` : value(k)));
  const anyUndecided = (item: RawBuilder<unknown> | null) =>
    attributes.length ? sql.join(attributes.map((_, k) => (item ? sql`(${item} = any(${readers[k]!}::text[]) and ${undecided(k)})` : undecided(k))), sql` or `) : sql`false`;
  const valueList = (item: RawBuilder<unknown> | null) => (attributes.length ? sql.join(columns(item).map((v, k) => sql`${v} as v${sql.raw(String(k))}`)) : null);
  const valueArray = attributes.length ? sql`array[${sql.join(attributes.map((_, k) => sql.ref(`v${k}`)))}]::text[]` : sql`'{}'::text[]`;
  const groupValues = attributes.length ? sql`, ${sql.join(attributes.map((_, k) => sql.ref(`v${k}`)))}` : sql``;
  const selectValues = (item: RawBuilder<unknown> | null) => (attributes.length ? sql`${valueList(item)},` : sql``);
  const ids = sql`${[...inspectionIds]}::int[]`;

  const { rows } = await sql<Row>`
    select 0 as kind, inspection_id, null::text as item_id, ${valueArray} as attributes, deciders, count(*)::int as a, 0 as b, 0 as c, 0 as d
    from (
      select c.inspection_id, ${selectValues(null)} case when ${anyUndecided(null)} then ${deciders} end as deciders
      from inspection_case c where c.inspection_id = any(${ids})
    ) x
    group by inspection_id, deciders${groupValues}
    union all
    select 1, inspection_id, item_id, ${valueArray}, deciders,
           count(*) filter (where answer = 'yes')::int, count(*) filter (where answer = 'no')::int, count(*) filter (where answer = 'na')::int, 0
    from (
      select c.inspection_id, a.item_id, a.answer, ${selectValues(sql`a.item_id`)}
             case when ${anyUndecided(sql`a.item_id`)} then ${deciders} end as deciders
      from case_answer a join inspection_case c on c.id = a.case_id
      where c.inspection_id = any(${ids}) and a.item_id = any(${request.items.map((x) => x.id)}::text[])
    ) x
    group by inspection_id, item_id, deciders${groupValues}
    union all
    select 2, inspection_id, item_id, ${valueArray}, deciders,
           count(*) filter (where progress = 'sufficient')::int, count(*) filter (where progress = 'some')::int,
           count(*) filter (where progress = 'none')::int, count(*) filter (where stability_credited)::int
    from (
      select c.inspection_id, o.item_id, o.progress, o.stability_credited, ${selectValues(sql`o.item_id`)}
             case when ${anyUndecided(sql`o.item_id`)} then ${deciders} end as deciders
      from case_outcome o join inspection_case c on c.id = o.case_id
      where c.inspection_id = any(${ids}) and o.item_id = any(${request.outcomeItems}::text[])
    ) x
    group by inspection_id, item_id, deciders${groupValues}`.execute(db);

  // Each distinct profile numbered once, for the rows to name.
  const profiles = new Map<number, SeenProfile>();
  const numbers = new Map<string, number>();
  const profileOf = (r: Row) => {
    // JSON texts hold no raw control characters, and '' is no JSON text: the key is unambiguous.
    const key = `${r.attributes.map((a) => a ?? '').join('\u0001')}\u0002${r.deciders ? r.deciders.join('\u0001') : '\u0003'}`;
    let n = numbers.get(key);
    if (n === undefined) {
      numbers.set(key, (n = numbers.size));
      profiles.set(n, { attributes: r.attributes, deciders: r.deciders });
    }
    return n;
  };
  const counted = rows.map((r): ProfileCountRow => {
    const profile = profileOf(r);
    if (r.kind === 0) return { kind: 'cases', inspectionId: r.inspection_id, profile, cases: r.a };
    if (r.kind === 1) return { kind: 'answers', inspectionId: r.inspection_id, itemId: r.item_id!, profile, yes: r.a, no: r.b, na: r.c };
    return { kind: 'outcomes', inspectionId: r.inspection_id, itemId: r.item_id!, profile, sufficient: r.a, some: r.b, none: r.c, stabilityCredited: r.d };
  });
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
