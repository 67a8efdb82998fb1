// Inbound text messages the webhook accepted but could not handle (an unforeseen failure): held
// with their text so they are tried again later rather than lost, since the provider's
// redeliveries would fail the same way. Each is removed once handled.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create table survey_inbound_held (
        provider_id text primary key,
        source_number text not null,
        message text not null,
        date_received text,
        cleaned boolean not null default false,
        failure text not null,
        attempts int not null default 1,
        held_at timestamptz not null default now(),
        next_attempt_at timestamptz not null
      )`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table survey_inbound_held').execute(db);
}
