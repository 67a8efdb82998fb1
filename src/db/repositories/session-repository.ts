// Sessions (stored by the hash of their token) and sign-in attempts (for rate limiting).
import { sql } from 'kysely';
import type { Db } from './shared.ts';

export interface StoredSession {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export async function insertSession(db: Db, session: { tokenHash: string; userId: number; csrfToken: string; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('user_session')
    .values({ token_hash: session.tokenHash, user_id: session.userId, csrf_token: session.csrfToken, expires_at: session.expiresAt })
    .execute();
}

export async function findSession(db: Db, tokenHash: string): Promise<StoredSession | undefined> {
  const r = await db.selectFrom('user_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && { tokenHash: r.token_hash, userId: r.user_id, csrfToken: r.csrf_token, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at };
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

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('user_session').where('expires_at', '<', now).execute();
}

export async function recordSignInAttempt(db: Db, attempt: { email: string; ip: string; succeeded: boolean }): Promise<void> {
  await db.insertInto('sign_in_attempt').values(attempt).execute();
}

/** Failed attempts since `since`, for one email address and for one client address. */
export async function countFailedAttempts(db: Db, email: string, ip: string, since: Date): Promise<{ byEmail: number; byIp: number }> {
  const { rows } = await sql<{ by_email: number; by_ip: number }>`
    select
      (select count(*) from sign_in_attempt where lower(email) = lower(${email}) and not succeeded and at >= ${since})::int as by_email,
      (select count(*) from sign_in_attempt where ip = ${ip} and not succeeded and at >= ${since})::int as by_ip`.execute(db);
  return { byEmail: rows[0]!.by_email, byIp: rows[0]!.by_ip };
}
