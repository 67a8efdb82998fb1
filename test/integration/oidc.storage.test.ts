// Single sign-on through a real OpenID Connect flow (openid-client against a provider run by the
// test): PKCE, state, nonce and signed ID tokens, then matching the identity to an account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUser, listAudit } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { createServices } from '../../src/wiring.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { startTestProvider, type TestProvider, type TestUser } from '../support/oidc-provider.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let provider: TestProvider;
let app: ReturnType<typeof createApp>;
const REDIRECT = 'http://localhost/sign-in/oidc/callback';

const appFor = (p: TestProvider) =>
  createApp({
    db: handle.db,
    ...createServices(handle.db, { oidc: { issuer: p.issuer, clientId: p.clientId, clientSecret: p.clientSecret, redirectUri: REDIRECT, displayName: 'Test SSO', cookieSecret: 'a-test-cookie-secret-of-32-characters!' } }),
  });

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  provider = await startTestProvider();
  app = appFor(provider);
  await createAccount(handle.db, { email: 'lee@justice.example', displayName: 'Lee', role: 'lead-inspector' }, 'test');
});
afterAll(async () => {
  await provider?.close();
  await handle?.close();
});

/** The browser's round trip: our redirect to the provider, its redirect back, our callback. */
async function singleSignOn(application: ReturnType<typeof createApp>, p: TestProvider, user: TestUser, returnTo = '/') {
  const start = await application.request(`/sign-in/oidc?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(302);
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const callback = p.authorize(start.headers.get('location')!, user);
  return application.request(callback.replace('http://localhost', ''), { headers: { cookie } });
}

describe('single sign-on', () => {
  it('offers the provider on the sign-in page', async () => {
    expect(await (await app.request('/sign-in')).text()).toContain('Sign in with Test SSO');
  });

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const start = await app.request('/sign-in/oidc');
    const url = new URL(start.headers.get('location')!);
    expect(url.origin + url.pathname).toBe(`${provider.issuer}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: provider.clientId, redirect_uri: REDIRECT, response_type: 'code', code_challenge_method: 'S256', scope: 'openid email' });
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(start.headers.get('set-cookie')).toMatch(/inspectorate_oidc=.*HttpOnly/);
  });

  it('signs in the account with that verified email, links it, and returns where the person was going', async () => {
    const res = await singleSignOn(app, provider, { sub: 'sub-lee', email: 'LEE@justice.example', email_verified: true }, '/api/frameworks');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/api/frameworks');
    const session = res.headers.get('set-cookie')!.match(/inspectorate_session=[^;]+/)![0];
    expect((await app.request('/api/frameworks', { headers: { cookie: session } })).status).toBe(200);
    const events = await listAudit(handle.db, { entity: 'user' });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['user.single-sign-on-linked', 'user.signed-in']));
  });

  it('recognises the person by the provider\'s subject afterwards, even if the email changes', async () => {
    const res = await singleSignOn(app, provider, { sub: 'sub-lee', email: 'lee.new@justice.example', email_verified: true });
    expect(res.status).toBe(303);
  });

  it('refuses people without an account, unverified emails, and disabled accounts', async () => {
    const stranger = await singleSignOn(app, provider, { sub: 'sub-x', email: 'x@justice.example', email_verified: true });
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('There is no account for you here yet');
    await createAccount(handle.db, { email: 'una@justice.example', displayName: 'Una', role: 'inspector' }, 'test');
    expect((await singleSignOn(app, provider, { sub: 'sub-una', email: 'una@justice.example', email_verified: false })).status).toBe(400);
  });

  it('refuses a callback without the cookie from its own start, and an ID token from the wrong issuer', async () => {
    const start = await app.request('/sign-in/oidc');
    const callback = provider.authorize(start.headers.get('location')!, { sub: 'sub-lee' });
    expect((await app.request(callback.replace('http://localhost', ''))).status).toBe(400);
    const impostor = await startTestProvider({ wrongIssuer: true });
    const res = await singleSignOn(appFor(impostor), impostor, { sub: 'sub-lee', email: 'lee@justice.example', email_verified: true });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('did not confirm who you are');
    await impostor.close();
  });

  it('links only once: the account keeps the first subject', async () => {
    const lee = (await handle.db.selectFrom('app_user').select('id').where('email', '=', 'lee@justice.example').executeTakeFirstOrThrow()).id;
    expect(await getUser(handle.db, lee)).toMatchObject({ oidcSubject: 'sub-lee', oidcIssuer: provider.issuer });
    // Someone else at the provider claiming the same email cannot take the account over.
    expect((await singleSignOn(app, provider, { sub: 'sub-other', email: 'lee@justice.example', email_verified: true })).status).toBe(400);
  });
});
