// Sign-in rate limits hold under concurrency: guesses fired together are counted atomically, so no
// more than the limit reach the password check (on PGlite, and on PostgreSQL where requests really
// run at once). Counted by the attempts recorded: one is recorded for every password checked.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { cheapPasswordHashingForTests } from '../../src/services/identity/passwords.ts';
import { pruneSignInCounters, SIGN_IN_LIMITS, signInWithPassword } from '../../src/services/identity/sign-in.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
const PASSWORD = 'correct horse battery staple';
let productionHashing: () => void;

beforeAll(async () => {
  // What is proved here is the counting, not the hashing (~70 passwords checked): hash cheaply.
  productionHashing = cheapPasswordHashingForTests();
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
});
afterAll(async () => {
  productionHashing?.();
  await handle?.close();
});

const account = (email: string) => createAccount(handle.db, { email, displayName: email, role: 'inspector', password: PASSWORD }, 'test');

/** Passwords checked for an email (every check records one attempt), and how many failed. */
async function checked(where: { email?: string; ip?: string }) {
  let q = handle.db.selectFrom('sign_in_attempt').select(['succeeded']);
  if (where.email) q = q.where('email', '=', where.email);
  if (where.ip) q = q.where('ip', '=', where.ip);
  const rows = await q.execute();
  return { all: rows.length, failed: rows.filter((r) => !r.succeeded).length };
}

const tally = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});

describe('sign-in rate limits under concurrency', () => {
  it('checks at most 5 of 40 wrong passwords fired at one account together', async () => {
    await account('burst@example.org');
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signInWithPassword(handle.db, { email: 'burst@example.org', password: `guess ${i}`, ip: `10.0.0.${i}` }, now)),
    );
    expect(tally(results.map((r) => r.outcome))).toEqual({ refused: SIGN_IN_LIMITS.perAccount, 'rate-limited': 40 - SIGN_IN_LIMITS.perAccount });
    expect(await checked({ email: 'burst@example.org' })).toEqual({ all: 5, failed: 5 });
    // And the right password is now refused too, until the window has passed.
    expect((await signInWithPassword(handle.db, { email: 'burst@example.org', password: PASSWORD, ip: '10.0.1.1' }, now)).outcome).toBe('rate-limited');
    const later = new Date(now.getTime() + (SIGN_IN_LIMITS.windowMinutes * 60 + 1) * 1000);
    expect((await signInWithPassword(handle.db, { email: 'burst@example.org', password: PASSWORD, ip: '10.0.1.1' }, later)).outcome).toBe('signed-in');
  });

  it('checks at most 20 wrong passwords from one address fired together at 40 accounts', async () => {
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signInWithPassword(handle.db, { email: `spray-${i}@example.org`, password: 'wrong password', ip: '192.0.2.7' }, now)),
    );
    expect(tally(results.map((r) => r.outcome))).toEqual({ refused: SIGN_IN_LIMITS.perAddress, 'rate-limited': 40 - SIGN_IN_LIMITS.perAddress });
    expect(await checked({ ip: '192.0.2.7' })).toEqual({ all: 20, failed: 20 });
  });

  it('does not count a sign-in that succeeds, nor an attempt refused by the limit, as the rules say', async () => {
    await account('mixed@example.org');
    const at = (minutes: number) => new Date(Date.UTC(2030, 0, 1, 9, minutes));
    const attempt = (password: string, minutes: number) => signInWithPassword(handle.db, { email: 'mixed@example.org', password, ip: '198.51.100.1' }, at(minutes)).then((r) => r.outcome);
    for (let i = 0; i < 4; i++) expect(await attempt('wrong password', i)).toBe('refused');
    expect(await attempt(PASSWORD, 4)).toBe('signed-in');
    expect(await attempt('wrong password', 5)).toBe('refused'); // the fifth failure
    expect(await attempt(PASSWORD, 6)).toBe('rate-limited');
    // The window slides: once the first failure is more than 15 minutes old, one place is free again.
    expect(await attempt(PASSWORD, 15)).toBe('rate-limited');
    expect(await attempt(PASSWORD, 16)).toBe('signed-in');
    expect(await attempt('wrong password', 17)).toBe('refused'); // failures at 2, 3, 5 and 17
    expect(await attempt('wrong password', 17)).toBe('refused');
    expect(await attempt('wrong password', 17)).toBe('rate-limited');
  });

  it('gives back the account\'s place when the address is the limit that is reached', async () => {
    await account('victim@example.org');
    const now = new Date(Date.UTC(2030, 1, 1, 9));
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++)
      await signInWithPassword(handle.db, { email: `other-${i}@example.org`, password: 'wrong password', ip: '203.0.113.9' }, now);
    for (let i = 0; i < 10; i++)
      expect((await signInWithPassword(handle.db, { email: 'victim@example.org', password: 'wrong password', ip: '203.0.113.9' }, now)).outcome).toBe('rate-limited');
    // The ten refusals from the full address left the account's own limit untouched.
    expect((await signInWithPassword(handle.db, { email: 'victim@example.org', password: PASSWORD, ip: '203.0.113.10' }, now)).outcome).toBe('signed-in');
  });

  it('holds through the HTTP app: 40 concurrent wrong passwords, at most 5 checked, the rest answered 429', async () => {
    await account('http-burst@example.org');
    const app = createApp({ db: handle.db, sessionPolicy: { idleMinutes: 30, maxHours: 8 } });
    const post = async (password: string) => {
      const form = await app.request('/sign-in');
      const cookie = form.headers.get('set-cookie')!.split(';')[0]!;
      const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
      return app.request('/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', cookie },
        body: new URLSearchParams({ _csrf: csrf, email: 'http-burst@example.org', password, returnTo: '/' }).toString(),
      });
    };
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => post(`guess ${i}`)));
    expect(tally(responses.map((r) => String(r.status)))).toEqual({ '400': 5, '429': 35 });
    expect(await checked({ email: 'http-burst@example.org' })).toEqual({ all: 5, failed: 5 });
  });

  it('prunes the counters of accounts and addresses idle for longer than the window, and only those', async () => {
    const now = new Date(Date.UTC(2030, 2, 1, 9));
    await signInWithPassword(handle.db, { email: 'idle@example.org', password: 'wrong password', ip: '198.51.100.200' }, now);
    const keys = async () => (await sql<{ key: string }>`select key from sign_in_counter`.execute(handle.db)).rows.map((r) => r.key);
    expect(await keys()).toEqual(expect.arrayContaining(['idle@example.org', '198.51.100.200']));
    await pruneSignInCounters(handle.db, new Date(now.getTime() + 10 * 60_000));
    expect(await keys()).toEqual(expect.arrayContaining(['idle@example.org', '198.51.100.200']));
    expect(await pruneSignInCounters(handle.db, new Date(now.getTime() + 16 * 60_000))).toBeGreaterThanOrEqual(2);
    expect(await keys()).not.toContain('idle@example.org');
    expect(await keys()).not.toContain('198.51.100.200');
  });
});
