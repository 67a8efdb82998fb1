// Sessions: a random token in an HttpOnly cookie, its SHA-256 in the database, an idle timeout and
// an absolute lifetime. Each session carries its own CSRF token for forms.
import { createHash, randomBytes } from 'node:crypto';
import {
  deleteSession,
  findSessionWithUser,
  insertSession,
  membershipsOf,
  touchSession,
  type Db,
  type User,
} from '../../db/repositories/index.ts';
import type { Actor } from '../../domain/access/permissions.ts';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 120, maxHours: 12 };

/** The stored form of a cookie token (its SHA-256): the key of user_session. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function startSession(db: Db, userId: number, now: Date, policy = DEFAULT_SESSION_POLICY): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + policy.maxHours * 3_600_000);
  await insertSession(db, { tokenHash: hashToken(token), userId, csrfToken, startedAt: now, expiresAt });
  return { token, csrfToken, expiresAt };
}

export interface ActiveSession {
  user: User;
  actor: Actor;
  csrfToken: string;
  /** The kind of organisation a service's staff work for ('pdu', 'region', …): what their pages offer. */
  organisationKind?: string | null;
}

/** The session behind a cookie token, or undefined when it is unknown, expired, idle too long or the account is disabled. */
export async function resumeSession(db: Db, token: string, now: Date, policy = DEFAULT_SESSION_POLICY): Promise<ActiveSession | undefined> {
  const tokenHash = hashToken(token);
  const found = await findSessionWithUser(db, tokenHash); // the session, its account and memberships at once
  if (!found) return undefined;
  const { session, user, memberships, organisationKind } = found;
  const idleLimit = session.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  if (now >= session.expiresAt || now.getTime() >= idleLimit) {
    await deleteSession(db, tokenHash);
    return undefined;
  }
  if (!user.active) return undefined;
  // Write last-seen at most once a minute: a page view should not always cost a write.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await touchSession(db, tokenHash, now);
  return { user, actor: { userId: user.id, role: user.role, organisationId: user.organisationId, memberships }, csrfToken: session.csrfToken, organisationKind };
}

export const endSession = (db: Db, token: string) => deleteSession(db, hashToken(token));

export async function actorFor(db: Db, user: User): Promise<Actor> {
  return { userId: user.id, role: user.role, organisationId: user.organisationId, memberships: await membershipsOf(db, user.id) };
}
