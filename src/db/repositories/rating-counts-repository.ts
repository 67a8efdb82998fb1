// Counts for re-rating many inspections at once, added up in SQL in one statement: cases per
// profile, and per item its yes, no and n/a answers and its outcome details per profile. What a
// profile is (which attributes, which deciding items, which items) comes from the caller
// (domain/rating/profile-counts.ts); nothing here knows the rules. Evidence is never read.
import { sql } from 'kysely';
import type { CountRequest, ProfileCountRow, ProfileCounts, SeenProfile } from '../../domain/rating/profile-counts.ts';
import type { Db } from './shared.ts';

interface Row {
  kind: number;
  inspection_id: number | null;
  item_id: string | null;
  profile: number;
  attributes: (string | null)[] | null;
  deciders: string[] | null;
  a: number;
  b: number;
  c: number;
  d: number;
}

export async function countAnswersByProfile(db: Db, inspectionIds: readonly number[], request: CountRequest): Promise<ProfileCounts> {
  if (!inspectionIds.length) return { profiles: new Map(), rows: [] };
  const { attributes } = request;
  if (attributes.length > 30) throw new Error('Too many attributes in applicability conditions to count by profile');
  // Each attribute as its JSON text; absent is null. An attribute absent or '' leaves applicability to the answers.
  const values = attributes.length
    ? sql`array[${sql.join(attributes.map((a) => sql`(c.attributes -> ${a}::text)::text`))}]::text[]`
    : sql`'{}'::text[]`;
  const undecided = attributes.length ? sql.join(attributes.map((a) => sql`coalesce(c.attributes ->> ${a}::text, '') = ''`), sql` or `) : sql`false`;
  // Per item, only the attributes its own conditions read (the rest null), so that items without
  // conditions are counted once per inspection.
  const masked = attributes.length
    ? sql`array[${sql.join(attributes.map((_, k) => sql`case when m.mask & ${1 << k}::int <> 0 then d.attributes[${k + 1}::int] end`))}]::text[]`
    : sql`'{}'::text[]`;

  // Answers are grouped by small integers (inspection, item, profile number) as a plain GROUP BY
  // would be; each profile's values come back once, in rows of their own.
  const everyAttribute = (2 ** attributes.length) - 1;
  const { rows } = await sql<Row>`
    with p as materialized (
      select x.*, dense_rank() over (order by x.attributes, x.deciders) as profile
      from (
        select c.id, c.inspection_id, ${values} as attributes,
               case when ${undecided} then array(
                 select x.item_id from case_answer x
                 where x.case_id = c.id and x.item_id = any(${request.deciders}::text[]) and x.answer in ('yes', 'no')
                 order by x.item_id collate "C") end as deciders
        from inspection_case c
        where c.inspection_id = any(${inspectionIds}::int[])
      ) x
    ),
    i as (select * from unnest(${request.items.map((x) => x.id)}::text[], ${request.items.map((x) => x.attributeMask)}::int[]) as i(item_id, mask)),
    seen as materialized (
      select m.profile, m.mask, m.attributes, m.deciders, dense_rank() over (order by m.attributes, m.deciders) as seen
      from (
        select d.profile, m.mask, ${masked} as attributes, d.deciders
        from (select distinct profile, attributes, deciders from p) d cross join (select mask from i union select ${everyAttribute}::int) m
      ) m
    ),
    shown as (select distinct on (seen) seen, attributes, deciders from seen order by seen),
    a as (
      select p.inspection_id, a.item_id, p.profile,
             count(*) filter (where a.answer = 'yes') as yes, count(*) filter (where a.answer = 'no') as no,
             count(*) filter (where a.answer = 'na') as na
      from case_answer a join p on p.id = a.case_id
      where a.item_id = any(${request.items.map((x) => x.id)}::text[])
      group by p.inspection_id, a.item_id, p.profile
    ),
    o as (
      select p.inspection_id, o.item_id, p.profile,
             count(*) filter (where o.progress = 'sufficient') as sufficient, count(*) filter (where o.progress = 'some') as some,
             count(*) filter (where o.progress = 'none') as none, count(*) filter (where o.stability_credited) as credited
      from case_outcome o join p on p.id = o.case_id
      where o.item_id = any(${request.outcomeItems}::text[])
      group by p.inspection_id, o.item_id, p.profile
    ),
    am as (
      select a.inspection_id, a.item_id, s.seen, sum(a.yes) as yes, sum(a.no) as no, sum(a.na) as na
      from a join i on i.item_id = a.item_id join seen s on s.profile = a.profile and s.mask = i.mask
      group by a.inspection_id, a.item_id, s.seen
    ),
    om as (
      select o.inspection_id, o.item_id, s.seen, sum(o.sufficient) as sufficient, sum(o.some) as some, sum(o.none) as none, sum(o.credited) as credited
      from o join i on i.item_id = o.item_id join seen s on s.profile = o.profile and s.mask = i.mask
      group by o.inspection_id, o.item_id, s.seen
    )
    select 0 as kind, p.inspection_id, null::text as item_id, s.seen::int as profile, null::text[] as attributes, null::text[] as deciders,
           count(*)::int as a, 0 as b, 0 as c, 0 as d
    from p join seen s on s.profile = p.profile and s.mask = ${everyAttribute}::int
    group by p.inspection_id, s.seen
    union all
    select 1, am.inspection_id, am.item_id, am.seen::int, null, null, am.yes::int, am.no::int, am.na::int, 0 from am
    union all
    select 2, om.inspection_id, om.item_id, om.seen::int, null, null, om.sufficient::int, om.some::int, om.none::int, om.credited::int from om
    union all
    select 3, null, null, shown.seen::int, shown.attributes, shown.deciders, 0, 0, 0, 0 from shown`.execute(db);

  const profiles = new Map<number, SeenProfile>();
  const counted: ProfileCountRow[] = [];
  for (const r of rows) {
    if (r.kind === 3) profiles.set(r.profile, { attributes: r.attributes ?? [], deciders: r.deciders });
    else if (r.kind === 0) counted.push({ kind: 'cases', inspectionId: r.inspection_id!, profile: r.profile, cases: r.a });
    else if (r.kind === 1) counted.push({ kind: 'answers', inspectionId: r.inspection_id!, itemId: r.item_id!, profile: r.profile, yes: r.a, no: r.b, na: r.c });
    else counted.push({ kind: 'outcomes', inspectionId: r.inspection_id!, itemId: r.item_id!, profile: r.profile, sufficient: r.a, some: r.b, none: r.c, stabilityCredited: r.d });
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
