// Sessions (stored by the hash of their token), sign-in attempts (their record) and the counters
// that rate-limit them.
import { sql } from 'kysely';
import type { MemberRole } from '../schema.ts';
import type { Db } from './shared.ts';
import { toUser, type User } from './user-repository.ts';

export interface StoredSession {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** `startedAt`: the app's time, not the database's now(), as the idle timeout is measured against the app's clock. */
export async function insertSession(db: Db, session: { tokenHash: string; userId: number; csrfToken: string; startedAt: Date; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('user_session')
    .values({ token_hash: session.tokenHash, user_id: session.userId, csrf_token: session.csrfToken, created_at: session.startedAt, last_seen_at: session.startedAt, expires_at: session.expiresAt })
    .execute();
}

/**
 * The session with its account and the inspections the person works on, in one query: every
 * signed-in request reads these three together.
 */
export async function findSessionWithUser(
  db: Db,
  tokenHash: string,
): Promise<{ session: StoredSession; user: User; memberships: Map<number, MemberRole>; organisationKind: string | null } | undefined> {
  const r = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select(['s.token_hash', 's.csrf_token', 's.created_at as session_created_at', 's.last_seen_at', 's.expires_at'])
    .select(
      sql<[number, MemberRole][]>`coalesce((select json_agg(json_build_array(m.inspection_id, m.role)) from inspection_member m where m.user_id = u.id), '[]'::json)`.as('memberships'),
    )
    .select(sql<string | null>`(select o.kind from organisation o where o.id = u.organisation_id)`.as('organisation_kind'))
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!r) return undefined;
  const { token_hash, csrf_token, session_created_at, last_seen_at, expires_at, memberships, organisation_kind, ...user } = r;
  return {
    session: { tokenHash: token_hash, userId: user.id, csrfToken: csrf_token, createdAt: session_created_at, lastSeenAt: last_seen_at, expiresAt: expires_at },
    user: toUser(user),
    memberships: new Map(memberships),
    organisationKind: organisation_kind,
  };
}

export async function touchSession(db: Db, tokenHash: string, lastSeenAt: Date): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: lastSeenAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

/** Deletes sessions past their lifetime (or, given `idleSince`, not seen since then); returns how many. */
export async function deleteExpiredSessions(db: Db, now: Date, idleSince?: Date): Promise<number> {
  const result = await db
    .deleteFrom('user_session')
    .where((eb) => (idleSince ? eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]) : eb('expires_at', '<=', now)))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function recordSignInAttempt(db: Db, attempt: { email: string; ip: string; succeeded: boolean }): Promise<void> {
  await db.insertInto('sign_in_attempt').values(attempt).execute();
}

export type SignInCounterKind = 'account' | 'address';

/**
 * Takes a place in a counter at `at`, in one statement, only while fewer than `limit` of its places
 * are at or after `since` (older ones are dropped as it goes). Concurrent callers queue on the
 * counter's row, so no more than `limit` can hold places at once. False when the counter is full.
 */
export async function reserveSignInAttempt(db: Db, counter: { kind: SignInCounterKind; key: string }, at: Date, since: Date, limit: number): Promise<boolean> {
  const { rows } = await sql<{ held: number }>`
    insert into sign_in_counter as c (kind, key, attempts)
    values (${counter.kind}, ${counter.key}, array[${at}::timestamptz])
    on conflict (kind, key) do update
      set attempts = array(select t from unnest(c.attempts) as t where t >= ${since}::timestamptz order by t) || ${at}::timestamptz
      where (select count(*) from unnest(c.attempts) as t where t >= ${since}::timestamptz) < ${limit}
    returning cardinality(attempts) as held`.execute(db);
  return rows.length === 1;
}

/** Gives back one place taken at `at` (the attempt is not to count). */
export async function releaseSignInAttempt(db: Db, counter: { kind: SignInCounterKind; key: string }, at: Date): Promise<void> {
  await sql`
    update sign_in_counter
    set attempts = attempts[:array_position(attempts, ${at}::timestamptz) - 1] || attempts[array_position(attempts, ${at}::timestamptz) + 1:]
    where kind = ${counter.kind} and key = ${counter.key} and array_position(attempts, ${at}::timestamptz) is not null`.execute(db);
}

/** Deletes counters with no place taken at or after `since` (nothing left to limit); returns how many. */
export async function deleteIdleSignInCounters(db: Db, since: Date): Promise<number> {
  const { numAffectedRows } = await sql`delete from sign_in_counter where coalesce((select max(t) from unnest(attempts) as t) < ${since}::timestamptz, true)`.execute(db);
  return Number(numAffectedRows ?? 0);
}
