// The SFO assessment journey: each assessment's learning points and when it was submitted; flags
// on an overall rating acknowledged with a reason; the second-reader moderation drawn from a
// sample's assessed reviews (share and seed), each second reading (blind) and each disagreement
// settled by the lead with a reason; and a sample's sign-off and release to the regions.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `alter table sfo_assessment add column learning_points text`,
  `alter table sfo_assessment add column submitted_at timestamptz`,
  `alter table sfo_assessment drop constraint sfo_assessment_state_check`,
  `alter table sfo_assessment add constraint sfo_assessment_state_check check (state in ('not-started', 'in-progress', 'submitted', 'moderated', 'signed-off', 'released'))`,
  `create table sfo_flag_acknowledgement (
    assessment_id int not null references sfo_assessment (id) on delete cascade,
    rule text not null,
    reason text not null check (length(btrim(reason)) > 0),
    acknowledged_by text not null,
    acknowledged_at timestamptz not null default now(),
    primary key (assessment_id, rule)
  )`,
  `create table sfo_moderation (
    sample_id int primary key references sfo_sample (id) on delete cascade,
    share double precision not null check (share > 0 and share <= 1),
    seed bigint not null check (seed between 0 and 4294967295),
    drawn jsonb not null,
    drawn_by text not null,
    drawn_at timestamptz not null default now()
  )`,
  `create table sfo_second_reading (
    assessment_id int primary key references sfo_assessment (id) on delete cascade,
    reader_id int not null references app_user (id),
    ratings jsonb not null default '{}'::jsonb,
    overall_rating text,
    overall_rationale text,
    submitted_at timestamptz,
    updated_by text not null,
    updated_at timestamptz not null default now()
  )`,
  `create table sfo_settlement (
    assessment_id int not null references sfo_assessment (id) on delete cascade,
    item text not null,
    first_rating text not null,
    second_rating text not null,
    settled_rating text not null,
    reason text not null check (length(btrim(reason)) > 0),
    settled_by text not null,
    settled_at timestamptz not null default now(),
    primary key (assessment_id, item)
  )`,
  `create table sfo_sample_sign_off (
    sample_id int primary key references sfo_sample (id) on delete cascade,
    signed_off_by text not null,
    signed_off_at timestamptz not null default now(),
    released_by text,
    released_at timestamptz
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sfo_sample_sign_off', 'sfo_settlement', 'sfo_second_reading', 'sfo_moderation', 'sfo_flag_acknowledgement']) await sql.raw(`drop table ${table}`).execute(db);
  await sql.raw(`alter table sfo_assessment drop constraint sfo_assessment_state_check`).execute(db);
  await sql.raw(`alter table sfo_assessment add constraint sfo_assessment_state_check check (state in ('not-started', 'in-progress', 'submitted', 'moderated', 'signed-off'))`).execute(db);
  await sql.raw(`alter table sfo_assessment drop column submitted_at, drop column learning_points`).execute(db);
}
