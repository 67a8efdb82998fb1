// The parts of the demonstration data a database holds, a row each, written in the same transaction
// as the part itself: a start stopped while the demonstration data was loading (it loads after the
// server answers) finishes the parts still missing at the next start, and never makes one twice.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table demo_data_stage (
      name text primary key,
      done_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table demo_data_stage`.execute(db);
}
