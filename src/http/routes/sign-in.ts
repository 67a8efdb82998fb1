// Signing in and out with an email address and password (the embedded default; OpenID Connect
// can replace it).
import { Hono } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import type { Db, User } from '../../db/repositories/index.ts';
import { actorFor, endSession, type SessionPolicy } from '../../services/identity/sessions.ts';
import { landingPath } from '../../services/landing.ts';
import { clock } from '../../services/clock.ts';
import { signInWithPassword } from '../../services/identity/sign-in.ts';
import { signInWithOidc, type OidcClient, type PendingSignIn } from '../../services/identity/oidc.ts';
import { csrfTokenFor, SESSION_COOKIE, setSessionCookie, type AppEnv } from '../auth.ts';
import { fieldErrors, formErrors } from '../form-errors.ts';
import { page } from '../render.ts';
import { formText } from '../params.ts';
import { safeReturnTo } from '../return-to.ts';
import { logger } from '../../observability/logger.ts';

const SignInForm = z.object({
  email: z.string().trim().min(1, 'Enter your email address').email('Enter an email address in the correct format, like name@example.com'),
  password: z.string().min(1, 'Enter your password'),
});


const clientAddress = (c: Parameters<typeof getConnInfo>[0]) => {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
};

const OIDC_COOKIE = 'inspectorate_oidc';

export interface SignInOptions {
  policy: SessionPolicy;
  secureCookies: boolean;
  demoAccounts?: { email: string; password: string; displayName: string }[];
  /** Single sign-on, when configured, with the secret that signs its short-lived cookie. */
  oidc?: { client: OidcClient; cookieSecret: string };
}

/** Where the person was going, or (when they were going nowhere in particular) their own work. */
async function afterSignIn(db: Db, user: User, returnTo: string): Promise<string> {
  return returnTo === '/' ? landingPath(db, await actorFor(db, user)) : returnTo;
}

export function signInRoutes(db: Db, options: SignInOptions): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const form = (c: Parameters<typeof page>[0], values: Record<string, unknown>, errors: { href: string; text: string }[] = [], status: 200 | 400 | 429 = 200) =>
    page(c, 'sign-in.njk', {
      title: errors.length ? 'Error: Sign in' : 'Sign in',
      csrfToken: csrfTokenFor(c as never, options.secureCookies),
      values,
      errors,
      fieldErrors: fieldErrors(errors),
      demoAccounts: options.demoAccounts,
      singleSignOn: options.oidc && { name: options.oidc.client.settings.displayName, href: `/sign-in/oidc?returnTo=${encodeURIComponent(formText(values.returnTo) || '/')}` },
    }, status);

  routes.get('/sign-in', (c) => (c.get('session') ? c.redirect(safeReturnTo(c.req.query('returnTo')), 303) : form(c, { returnTo: safeReturnTo(c.req.query('returnTo')) })));

  routes.post('/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const returnTo = safeReturnTo(body.returnTo);
    const parsed = SignInForm.safeParse(body);
    if (!parsed.success)
      return form(c, { email: body.email, returnTo }, formErrors(parsed.error.issues), 400);
    const result = await signInWithPassword(db, { ...parsed.data, ip: clientAddress(c) }, clock.now(), options.policy);
    if (result.outcome === 'rate-limited')
      return form(c, { email: parsed.data.email, returnTo }, [{ href: '#email', text: `Too many failed attempts to sign in. Wait ${result.retryAfterMinutes} minutes and try again` }], 429);
    if (result.outcome === 'refused')
      return form(c, { email: parsed.data.email, returnTo }, [{ href: '#email', text: 'Enter a correct email address and password' }], 400);
    setSessionCookie(c, result.session.token, result.session.expiresAt, options.secureCookies);
    return c.redirect(await afterSignIn(db, result.user, returnTo), 303);
  });

  if (options.oidc) {
    const { client, cookieSecret } = options.oidc;
    routes.get('/sign-in/oidc', async (c) => {
      const { url, pending } = await client.start(safeReturnTo(c.req.query('returnTo')));
      // Lax, so the cookie comes back with the provider's top-level redirect to the callback.
      await setSignedCookie(c, OIDC_COOKIE, JSON.stringify(pending), cookieSecret, { path: '/sign-in/oidc', httpOnly: true, sameSite: 'Lax', secure: options.secureCookies, maxAge: 600 });
      return c.redirect(url.href, 302);
    });
    routes.get('/sign-in/oidc/callback', async (c) => {
      const raw = await getSignedCookie(c, cookieSecret, OIDC_COOKIE);
      deleteCookie(c, OIDC_COOKIE, { path: '/sign-in/oidc' });
      const refuse = (text: string) => form(c, { returnTo: '/' }, [{ href: '#email', text }], 400);
      if (!raw) return refuse('Signing in with single sign-on took too long or was started elsewhere. Try again');
      const pending = JSON.parse(raw) as PendingSignIn;
      let identity;
      try {
        identity = await client.finish(new URL(c.req.url), pending);
      } catch (e) {
        logger.warn({ reason: (e as Error).message }, 'single sign-on refused');
        return refuse('Single sign-on did not confirm who you are. Try again');
      }
      const result = await signInWithOidc(db, identity, clock.now(), options.policy);
      if (result.outcome === 'refused') return refuse(result.reason);
      setSessionCookie(c, result.session.token, result.session.expiresAt, options.secureCookies);
      return c.redirect(await afterSignIn(db, result.user, safeReturnTo(pending.returnTo)), 303);
    });
  }

  routes.post('/sign-out', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await endSession(db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/sign-in?signedOut=1', 303);
  });
  return routes;
}
