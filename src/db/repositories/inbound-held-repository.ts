// Inbound text messages held for another try (survey_inbound_held): accepted from the provider but
// not handled because of an unforeseen failure. Kept with their text until handled.
import { sql } from 'kysely';
import type { Db } from './shared.ts';

export interface HeldInbound {
  providerId: string;
  sourceNumber: string;
  message: string;
  dateReceived: string | null;
  cleaned: boolean;
  attempts: number;
}

/** Holds a message (once: a redelivery of one already held changes nothing). */
export async function holdInbound(db: Db, message: Omit<HeldInbound, 'attempts'>, failure: string, nextAttemptAt: Date): Promise<void> {
  await sql`
    insert into survey_inbound_held (provider_id, source_number, message, date_received, cleaned, failure, next_attempt_at)
    values (${message.providerId}, ${message.sourceNumber}, ${message.message}, ${message.dateReceived}, ${message.cleaned}, ${failure}, ${nextAttemptAt.toISOString()}::timestamptz)
    on conflict (provider_id) do nothing`.execute(db);
}

/** Held messages due another try, oldest first. */
export async function dueHeldInbound(db: Db, now: Date, limit: number): Promise<HeldInbound[]> {
  const { rows } = await sql<{ provider_id: string; source_number: string; message: string; date_received: string | null; cleaned: boolean; attempts: number }>`
    select provider_id, source_number, message, date_received, cleaned, attempts from survey_inbound_held
    where next_attempt_at <= ${now.toISOString()}::timestamptz order by held_at, provider_id limit ${limit}`.execute(db);
  return rows.map((r) => ({ providerId: r.provider_id, sourceNumber: r.source_number, message: r.message, dateReceived: r.date_received, cleaned: r.cleaned, attempts: r.attempts }));
}

export async function releaseHeldInbound(db: Db, providerId: string): Promise<void> {
  await sql`delete from survey_inbound_held where provider_id = ${providerId}`.execute(db);
}

export async function postponeHeldInbound(db: Db, providerId: string, failure: string, nextAttemptAt: Date): Promise<void> {
  await sql`
    update survey_inbound_held set attempts = attempts + 1, failure = ${failure}, next_attempt_at = ${nextAttemptAt.toISOString()}::timestamptz
    where provider_id = ${providerId}`.execute(db);
}

export async function countHeldInbound(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from survey_inbound_held`.execute(db);
  return rows[0]!.n;
}

/** Deletes the messages held since before `cutoff`, with their text; returns what is kept of each for the record (no number, no text). */
export async function deleteHeldInboundBefore(db: Db, cutoff: Date): Promise<{ providerId: string; heldAt: Date; attempts: number; failure: string | null }[]> {
  const { rows } = await sql<{ provider_id: string; held_at: Date; attempts: number; failure: string | null }>`
    delete from survey_inbound_held where held_at < ${cutoff.toISOString()}::timestamptz
    returning provider_id, held_at, attempts, failure`.execute(db);
  return rows.map((r) => ({ providerId: r.provider_id, heldAt: new Date(r.held_at), attempts: r.attempts, failure: r.failure }));
}
