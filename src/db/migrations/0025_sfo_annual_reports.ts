// The annual SFO report for a business year: a draft with its summary text, built afresh from the
// signed-off assessments each time it is opened, until it is published; publishing keeps the
// figures as they were (the built report as JSON) so the published report never changes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create table sfo_annual_report (
    year_start int primary key check (year_start between 2021 and 2100),
    state text not null default 'draft' check (state in ('draft', 'published')),
    summary text not null default '',
    published_figures jsonb,
    published_at timestamptz,
    created_by text not null,
    created_at timestamptz not null default now(),
    updated_by text not null,
    updated_at timestamptz not null default now(),
    constraint sfo_annual_report_published check ((state = 'published') = (published_figures is not null and published_at is not null))
  )`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`drop table sfo_annual_report`).execute(db);
}
