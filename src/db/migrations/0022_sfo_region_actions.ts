// A region's answer to the feedback on one of its SFO reviews: actions, each with its owner and
// due date, which the SFO QA team sees beside the feedback letter.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create table sfo_region_action (
    id serial primary key,
    assessment_id int not null references sfo_assessment (id) on delete cascade,
    action text not null check (length(btrim(action)) > 0),
    owner text not null check (length(btrim(owner)) > 0),
    due_on date not null,
    created_by text not null,
    created_at timestamptz not null default now()
  )`,
    )
    .execute(db);
  await sql.raw(`create index sfo_region_action_assessment_idx on sfo_region_action (assessment_id, id)`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`drop table sfo_region_action`).execute(db);
}
