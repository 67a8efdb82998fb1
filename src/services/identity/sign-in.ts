// Signing in with an email address and password, rate-limited per account and per client address.
import { countFailedAttempts, findUserCredentials, markSignedIn, recordAudit, recordSignInAttempt, type Db, type User } from '../../db/repositories/index.ts';
import { UNKNOWN_USER_HASH, verifyPassword } from './passwords.ts';
import { startSession, type NewSession, type SessionPolicy } from './sessions.ts';

export const SIGN_IN_LIMITS = { windowMinutes: 15, perAccount: 5, perAddress: 20 };

export type SignInResult =
  | { outcome: 'signed-in'; user: User; session: NewSession }
  | { outcome: 'refused' }
  | { outcome: 'rate-limited'; retryAfterMinutes: number };

export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; ip: string },
  now: Date,
  policy?: SessionPolicy,
): Promise<SignInResult> {
  const email = input.email.trim();
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const failed = await countFailedAttempts(db, email, input.ip, since);
  if (failed.byEmail >= SIGN_IN_LIMITS.perAccount || failed.byIp >= SIGN_IN_LIMITS.perAddress)
    return { outcome: 'rate-limited', retryAfterMinutes: SIGN_IN_LIMITS.windowMinutes };

  const found = await findUserCredentials(db, email);
  // Verify even for an unknown address, so the time taken does not reveal which addresses exist.
  const matches = await verifyPassword(input.password, found?.passwordHash ?? UNKNOWN_USER_HASH);
  const ok = !!found && found.user.active && found.passwordHash !== null && matches;
  await recordSignInAttempt(db, { email, ip: input.ip, succeeded: ok });
  if (!ok) return { outcome: 'refused' };
  return db.transaction().execute(async (trx) => {
    await markSignedIn(trx, found.user.id);
    await recordAudit(trx, { actor: `user:${found.user.id}`, action: 'user.signed-in', entity: 'user', entityId: found.user.id, after: { method: 'password', ip: input.ip } });
    return { outcome: 'signed-in' as const, user: found.user, session: await startSession(trx, found.user.id, now, policy) };
  });
}
