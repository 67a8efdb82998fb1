// Annual national reports: each keeps the exact data cut it was built from (and its digest), so it
// can be regenerated with the same numbers and checked against the live data later.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table annual_report (
    id serial primary key,
    business_year int not null,
    framework_key text not null,
    title text not null,
    foreword text not null default '',
    cut jsonb not null,
    cut_digest text not null,
    inspections int not null,
    cases int not null,
    taken_by text not null,
    taken_at timestamptz not null default now(),
    status text not null default 'draft' check (status in ('draft', 'published')),
    publish_on date,
    check ((status = 'published') = (publish_on is not null))
  )`.execute(db);
  await sql`create index annual_report_year on annual_report (business_year, framework_key)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table annual_report`.execute(db);
}
