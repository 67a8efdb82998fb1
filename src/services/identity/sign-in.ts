// Signing in with an email address and password, rate-limited per account and per client address.
import { deleteIdleSignInCounters, findUserCredentials, markSignedIn, recordAudit, recordSignInAttempt, releaseSignInAttempt, reserveSignInAttempt, inTransaction, type Db, type SignInCounterKind, type User } from '../../db/repositories/index.ts';
import { unknownUserHash, verifyPassword } from './passwords.ts';
import { startSession, type NewSession, type SessionPolicy } from './sessions.ts';

export const SIGN_IN_LIMITS = { windowMinutes: 15, perAccount: 5, perAddress: 20 };

export type SignInResult =
  | { outcome: 'signed-in'; user: User; session: NewSession }
  | { outcome: 'refused' }
  | { outcome: 'rate-limited'; retryAfterMinutes: number };

type Counter = { kind: SignInCounterKind; key: string; limit: number };

/**
 * Takes a place in each counter before the (slow) password check, so that concurrent guesses cannot
 * all pass a count taken before any of them was recorded. All or none: a full counter gives back
 * the places already taken. Failed attempts keep their places; signing in gives them back.
 */
async function reserve(db: Db, counters: readonly Counter[], at: Date, since: Date): Promise<boolean> {
  const taken: Counter[] = [];
  for (const counter of counters) {
    if (!(await reserveSignInAttempt(db, counter, at, since, counter.limit))) {
      for (const t of taken) await releaseSignInAttempt(db, t, at);
      return false;
    }
    taken.push(counter);
  }
  return true;
}

export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; ip: string },
  now: Date,
  policy?: SessionPolicy,
): Promise<SignInResult> {
  const email = input.email.trim();
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const counters: Counter[] = [
    { kind: 'account', key: email.toLowerCase(), limit: SIGN_IN_LIMITS.perAccount },
    { kind: 'address', key: input.ip, limit: SIGN_IN_LIMITS.perAddress },
  ];
  if (!(await reserve(db, counters, now, since))) return { outcome: 'rate-limited', retryAfterMinutes: SIGN_IN_LIMITS.windowMinutes };

  const found = await findUserCredentials(db, email);
  // Verify even for an unknown address, so the time taken does not reveal which addresses exist.
  const matches = await verifyPassword(input.password, found?.passwordHash ?? unknownUserHash());
  const ok = !!found && found.user.active && found.passwordHash !== null && matches;
  await recordSignInAttempt(db, { email, ip: input.ip, succeeded: ok });
  if (!ok) return { outcome: 'refused' };
  for (const counter of counters) await releaseSignInAttempt(db, counter, now);
  return inTransaction(db, async (trx) => {
    await markSignedIn(trx, found.user.id);
    await recordAudit(trx, { actor: `user:${found.user.id}`, action: 'user.signed-in', entity: 'user', entityId: found.user.id, after: { method: 'password', ip: input.ip } });
    return { outcome: 'signed-in' as const, user: found.user, session: await startSession(trx, found.user.id, now, policy) };
  });
}

/** Housekeeping: deletes the counters of accounts and addresses with no attempt inside the window; returns how many. */
export const pruneSignInCounters = (db: Db, now: Date): Promise<number> =>
  deleteIdleSignInCounters(db, new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000));
