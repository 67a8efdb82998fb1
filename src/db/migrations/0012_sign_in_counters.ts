// Sign-in rate limits counted atomically. Counting past attempts and then checking the password let
// 40 concurrent guesses through a limit of 5: each counted before any was recorded. Now an attempt
// first reserves a place in its account's and its address's counter, in one statement that only
// succeeds while fewer than the limit are inside the window, and a successful sign-in gives its
// places back. A counter holds the times of its attempts within the window (never more than the
// limit), so the window slides as before.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table sign_in_counter (
    kind text not null check (kind in ('account', 'address')),
    key text not null,
    attempts timestamptz[] not null,
    primary key (kind, key)
  )`,
  // Failures of the last 15 minutes (the window when this was written) carry over, so upgrading
  // does not open a fresh window to someone guessing.
  `insert into sign_in_counter (kind, key, attempts)
    select 'account', lower(email), array_agg(at order by at) from sign_in_attempt
    where not succeeded and at > now() - interval '15 minutes' group by lower(email)`,
  `insert into sign_in_counter (kind, key, attempts)
    select 'address', ip, array_agg(at order by at) from sign_in_attempt
    where not succeeded and at > now() - interval '15 minutes' group by ip`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table sign_in_counter').execute(db);
}
