// Sessions and CSRF at the HTTP edge. Every page and API route except sign-in and the assets needs
// a session; every form POST needs the session's CSRF token (or, before sign-in, a double-submit
// cookie) and a same-origin request.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/repositories/index.ts';
import { page } from './render.ts';
import { resumeSession, type ActiveSession, type SessionPolicy } from '../services/identity/sessions.ts';

export const SESSION_COOKIE = 'inspectorate_session';
const PRE_SESSION_CSRF_COOKIE = 'inspectorate_csrf';

export type AppEnv = { Variables: { session: ActiveSession | undefined; secureHeadersNonce?: string } };

export interface AuthOptions {
  db: Db;
  policy: SessionPolicy;
  /** Mark cookies Secure (always, behind HTTPS). */
  secureCookies: boolean;
  now?: () => Date;
}

export function sessionMiddleware(o: AuthOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await resumeSession(o.db, token, (o.now ?? (() => new Date()))(), o.policy) : undefined;
    if (token && !session) deleteCookie(c, SESSION_COOKIE, { path: '/' });
    c.set('session', session);
    await next();
  };
}

export function setSessionCookie(c: Context, token: string, expires: Date, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure, expires });
}

const isApi = (c: Context) => c.req.path === '/api' || c.req.path.startsWith('/api/');

/** Pages send people to sign in (and back afterwards); the API answers 401. */
export const requireSignIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('session')) return next();
  if (isApi(c)) return c.json({ error: 'unauthenticated', message: 'Sign in first: this API uses the session of the web app' }, 401);
  const returnTo = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '/';
  return c.redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`, 303);
};

const sameToken = (a: string | undefined, b: string | undefined) =>
  !!a && !!b && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A token for the sign-in form, before there is a session (double-submit cookie). */
export function preSessionCsrfToken(c: Context, secure: boolean): string {
  const existing = getCookie(c, PRE_SESSION_CSRF_COOKIE);
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  setCookie(c, PRE_SESSION_CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Strict', secure });
  return token;
}

/** The token every form must carry: the session's, or the pre-session cookie's on the sign-in form. */
export function csrfTokenFor(c: Context<AppEnv>, secure: boolean): string {
  return c.get('session')?.csrfToken ?? preSessionCsrfToken(c, secure);
}

/** Same-origin check (Hono) plus the synchroniser token in the `_csrf` field of every form. */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  const origin = csrf();
  return async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
    return origin(c, async () => {
      const type = c.req.header('content-type') ?? '';
      if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data'))
        return void (await next()); // JSON requests need the session cookie (SameSite) and the origin check above
      const body = await c.req.parseBody();
      const sent = typeof body._csrf === 'string' ? body._csrf : undefined;
      const expected = c.get('session')?.csrfToken ?? getCookie(c, PRE_SESSION_CSRF_COOKIE);
      if (!sameToken(sent, expected)) {
        c.status(403);
        c.res = isApi(c)
          ? c.json({ error: 'csrf', message: 'The form was out of date; go back, reload it and try again' }, 403)
          : page(c, 'error.njk', { title: 'The form was out of date', heading: 'The form was out of date', message: 'Go back, reload the page and try again.' }, 403);
        return;
      }
      await next();
    });
  };
}
