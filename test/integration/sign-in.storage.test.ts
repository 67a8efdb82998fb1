// Signing in, sessions and CSRF through the real HTTP app and database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName, listAudit } from '../../src/db/repositories/index.ts';
import { fixedClock } from '../../src/domain/time/clock.ts';
import { defaultFramework } from '../../src/reference/frameworks.ts';
import { createInspection } from '../../src/services/inspections.ts';
import { createApp } from '../../src/http/app.ts';
import { cheapPasswordHashingForTests, hashPassword, unknownUserHash, verifyPassword } from '../../src/services/identity/passwords.ts';
import { resumeSession, startSession } from '../../src/services/identity/sessions.ts';
import { createAccount, setAccountActive } from '../../src/services/identity/users.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
const PASSWORD = 'correct horse battery staple';
// Signing in is the question here, not the hashing's cost: cheap hashes (~0.16 s of CPU each at the
// production cost), but for the passwords' own tests below, which check that cost.
let productionHashing: () => void;

beforeAll(async () => {
  productionHashing = cheapPasswordHashingForTests();
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  await createAccount(handle.db, { email: 'Isla@Example.org', displayName: 'Isla', role: 'inspector', password: PASSWORD }, 'test');
  app = createApp({ db: handle.db, sessionPolicy: { idleMinutes: 30, maxHours: 8 } });
});
afterAll(async () => {
  productionHashing?.();
  await handle?.close();
});

/** The sign-in form as a browser would fill it: its CSRF cookie and hidden field first. */
async function signIn(email: string, password: string, options: { returnTo?: string; ip?: string } = {}) {
  const form = await app.request(`/sign-in${options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : ''}`);
  const cookie = form.headers.get('set-cookie')!.split(';')[0]!;
  const html = await form.text();
  const csrf = html.match(/name="_csrf" value="([^"]+)"/)![1]!;
  const returnTo = html.match(/name="returnTo" value="([^"]*)"/)![1]!;
  return app.request('/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', cookie, ...(options.ip ? { 'x-forwarded-for': options.ip } : {}) },
    body: new URLSearchParams({ _csrf: csrf, email, password, returnTo: returnTo.replace(/&amp;/g, '&').replace(/&#x2F;|&#47;/g, '/') }).toString(),
  });
}

describe('signing in', () => {
  it('signs in with the right password, whatever the case of the email, and returns where the person was going', async () => {
    const res = await signIn('isla@example.org', PASSWORD, { returnTo: '/api/frameworks' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/api/frameworks');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/inspectorate_session=[\w-]{40,}; .*HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const next = await app.request('/api/frameworks', { headers: { cookie: cookie.split(';')[0]! } });
    expect(next.status).toBe(200);
  });

  it('refuses a wrong password or an unknown email with the same message', async () => {
    for (const [email, password] of [['isla@example.org', 'not the password'], ['nobody@example.org', PASSWORD]] as const) {
      const res = await signIn(email, password);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('There is a problem');
      expect(html).toContain('Enter a correct email address and password');
    }
  });

  it('names each missing field in the error summary', async () => {
    const html = await (await signIn('', '')).text();
    expect(html).toContain('href="#email"');
    expect(html).toContain('Enter your email address');
    expect(html).toContain('Enter your password');
  });

  it('never sends anyone off-site after signing in: an inspector lands on their own cases instead', async () => {
    const res = await signIn('isla@example.org', PASSWORD, { returnTo: '//evil.example/' });
    expect(res.headers.get('location')).toBe('/my-cases');
  });

  it("lands each person on their own work: the inspected service on its inspection's tasks, the inspectorate's others on the inspections", async () => {
    const leeds = (await findOrganisationByName(handle.db, 'pdu', 'Leeds'))!;
    const past = await createInspection(handle.db, { organisationId: leeds.id, frameworkKey: defaultFramework(), fieldworkStart: '2024-03-04', title: 'Leeds 2024' }, 'test');
    const current = await createInspection(handle.db, { organisationId: leeds.id, frameworkKey: defaultFramework(), fieldworkStart: '2027-03-01', title: 'Leeds 2027' }, 'test');
    expect(past.id).not.toBe(current.id);
    await createAccount(handle.db, { email: 'pdu@example.org', displayName: 'Pat', role: 'service-staff', organisationId: leeds.id, password: PASSWORD }, 'test');
    await createAccount(handle.db, { email: 'ana@example.org', displayName: 'Ana', role: 'analyst', password: PASSWORD }, 'test');
    // Neither published: the sooner fieldwork is the one in hand.
    expect((await signIn('pdu@example.org', PASSWORD)).headers.get('location')).toBe(`/inspections/${past.id}`);
    expect((await signIn('ana@example.org', PASSWORD)).headers.get('location')).toBe('/');
    // Where a person was going still wins.
    expect((await signIn('pdu@example.org', PASSWORD, { returnTo: '/api' })).headers.get('location')).toBe('/api');
  });

  it('stops trying after five failures for an account, even with the right password', async () => {
    await createAccount(handle.db, { email: 'target@example.org', displayName: 'Target', role: 'inspector', password: PASSWORD }, 'test');
    for (let i = 0; i < 5; i++) expect((await signIn('target@example.org', `guess ${i} wrong`)).status).toBe(400);
    const blocked = await signIn('target@example.org', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Too many failed attempts to sign in');
  });

  it('refuses a form without its CSRF token or from another site', async () => {
    const noToken = await app.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ email: 'isla@example.org', password: PASSWORD }).toString(),
    });
    expect(noToken.status).toBe(403);
    const crossSite = await app.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'email=isla%40example.org',
    });
    expect(crossSite.status).toBe(403);
  });

  it('audits accounts created and sign-ins, never with the password', async () => {
    const events = await listAudit(handle.db, { entity: 'user' });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['user.created', 'user.signed-in']));
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
    expect(JSON.stringify(events)).not.toContain('scrypt$');
  });
});

describe('sessions', () => {
  it('end after the idle time and after their lifetime, and when the account is disabled', async () => {
    const user = await createAccount(handle.db, { email: 'sessions@example.org', displayName: 'S', role: 'analyst', password: PASSWORD }, 'test');
    const policy = { idleMinutes: 30, maxHours: 8 };
    // Years from the database's now(): a session is measured by the app's clock alone.
    const clock = fixedClock('2031-05-01T09:00:00Z');
    const later = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000);
    const s = await startSession(handle.db, user.id, clock.now(), policy);
    expect(await resumeSession(handle.db, s.token, later(10), policy)).toBeDefined();
    expect(await resumeSession(handle.db, s.token, later(60), policy)).toBeUndefined();
    const long = await startSession(handle.db, user.id, clock.now(), policy);
    expect(await resumeSession(handle.db, long.token, later(9 * 60), { idleMinutes: 24 * 60, maxHours: 8 })).toBeUndefined();
    const third = await startSession(handle.db, user.id, clock.now(), policy);
    await setAccountActive(handle.db, user.id, false, 'test');
    expect(await resumeSession(handle.db, third.token, clock.now(), policy)).toBeUndefined();
  });

  it('are stored only as a hash of the cookie token', async () => {
    const user = await createAccount(handle.db, { email: 'hash@example.org', displayName: 'H', role: 'analyst' }, 'test');
    const s = await startSession(handle.db, user.id, new Date());
    const rows = await handle.db.selectFrom('user_session').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(s.token);
  });
});

describe('passwords', () => {
  beforeAll(() => productionHashing());
  afterAll(() => {
    productionHashing = cheapPasswordHashingForTests();
  });
  it('are hashed with scrypt, salted, and verified only by the right password', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(unknownUserHash()).toMatch(/^scrypt\$32768\$8\$1\$/); // an unknown email costs the same time
    expect(a).not.toBe(b);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, a)).toBe(false);
  });
  it('must be at least 12 characters', async () => {
    await expect(createAccount(handle.db, { email: 'short@example.org', displayName: 'S', role: 'analyst', password: 'short' }, 'test')).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('administration', () => {
  it('changes a role, ending the person\'s sessions so the new rights apply at the next sign-in', async () => {
    const admin = await createAccount(handle.db, { email: 'admin-x@example.org', displayName: 'Admin', role: 'administrator' }, 'test');
    const adminSession = await startSession(handle.db, admin.id, new Date());
    const person = await createAccount(handle.db, { email: 'mover@example.org', displayName: 'Mover', role: 'inspector', password: PASSWORD }, 'test');
    const theirs = await startSession(handle.db, person.id, new Date());
    const post = (fields: Record<string, string>) =>
      app.request(`/admin/users/${person.id}/role`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', cookie: `inspectorate_session=${adminSession.token}` },
        body: new URLSearchParams({ _csrf: adminSession.csrfToken, ...fields }).toString(),
      });
    const needsService = await post({ role: 'service-staff' });
    expect(needsService.status).toBe(400);
    expect(await needsService.text()).toContain('belong to a service');
    expect((await post({ role: 'lead-inspector' })).status).toBe(303);
    expect(await resumeSession(handle.db, theirs.token, new Date())).toBeUndefined();
    expect((await listAudit(handle.db, { entity: 'user' })).at(-1)).toMatchObject({ action: 'user.role-changed', before: { role: 'inspector' }, after: { role: 'lead-inspector' } });
  });
});
