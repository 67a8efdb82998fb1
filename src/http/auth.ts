// Sessions and CSRF at the HTTP edge. Every page and API route except sign-in and the assets needs
// a session; every state-changing request that is not JSON needs the session's CSRF token (or,
// before sign-in, a double-submit cookie) and a same-origin request.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/repositories/index.ts';
import { errorPage } from './error-page.ts';
import type { DemoLoadingProgress } from '../services/demo-loading.ts';
import { resumeSession, type ActiveSession, type SessionPolicy } from '../services/identity/sessions.ts';
import { clock } from '../services/clock.ts';

export const SESSION_COOKIE = 'inspectorate_session';
const PRE_SESSION_CSRF_COOKIE = 'inspectorate_csrf';

/** `demoLoading`: how far the demonstration data has loaded, while it loads after the start (the pages' banner). */
export type AppEnv = { Variables: { session: ActiveSession | undefined; secureHeadersNonce?: string; requestId?: string; demoLoading?: DemoLoadingProgress } };

export interface AuthOptions {
  db: Db;
  policy: SessionPolicy;
  /** Mark cookies Secure (always, behind HTTPS). */
  secureCookies: boolean;
}

export function sessionMiddleware(o: AuthOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await resumeSession(o.db, token, clock.now(), o.policy) : undefined;
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

/** A media type without its parameters, in lower case (media types are case-insensitive). */
export const mediaTypeOf = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
/** JSON cannot be sent across sites without a CORS preflight, which this service never grants. */
const isJson = (type: string) => type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
/** Callers with no session or cookies that authenticate themselves (the text provider's bearer token). */
const TOKENLESS_PATHS = new Set(['/sms/inbound']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Same-origin check (Hono's, and for JSON any Origin sent must be this one) plus the synchroniser
 * token: in the `_csrf` field of a form, or the X-CSRF-Token header for any other body that is not
 * JSON (text/plain, none at all, anything unknown).
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  const origin = csrf();
  return async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) || TOKENLESS_PATHS.has(c.req.path)) return next();
    return origin(c, async () => {
      const type = mediaTypeOf(c.req.header('content-type'));
      if (isJson(type)) {
        const sentFrom = c.req.header('origin');
        if (!sentFrom || sentFrom === new URL(c.req.url).origin) return next();
        c.res = refuse(c);
        return;
      }
      let body: Record<string, unknown> = {};
      if (FORM_TYPES.has(type)) {
        try {
          body = await c.req.parseBody();
        } catch {
          c.res = unreadable(c); // a malformed multipart body
          return;
        }
      }
      const sent = typeof body._csrf === 'string' ? body._csrf : c.req.header(CSRF_HEADER);
      const expected = c.get('session')?.csrfToken ?? getCookie(c, PRE_SESSION_CSRF_COOKIE);
      if (sameToken(sent, expected)) return next();
      c.res = refuse(c);
    });
  };
}

const unreadable = (c: Context<AppEnv>) =>
  isApi(c)
    ? c.json({ error: 'invalid', message: 'The form could not be read' }, 400)
    : errorPage(c, { heading: 'The form could not be read', message: 'Go back, reload the page and try again.' }, 400);

const refuse = (c: Context<AppEnv>) =>
  isApi(c)
    ? c.json({ error: 'csrf', message: 'The form was out of date; go back, reload it and try again' }, 403)
    : errorPage(c, { heading: 'The form was out of date', message: 'Go back, reload the page and try again.' }, 403);
