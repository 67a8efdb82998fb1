// The answer to a refused or failed request: a GOV.UK error page for people, JSON for the API and
// the text provider's webhook. Each names the request's reference, so a person reporting a problem
// can quote it and it can be found in the logs.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './auth.ts';
import { page } from './render.ts';

/** The API and the webhook answer in JSON; everything else is a page. */
export const wantsJson = (c: Context): boolean => {
  const path = c.req.path;
  return path === '/api' || path.startsWith('/api/') || path === '/sms/inbound';
};

export function errorPage(c: Context<AppEnv>, text: { heading: string; message: string; title?: string }, status: ContentfulStatusCode): Response {
  return page(c, 'error.njk', { title: text.title ?? text.heading, heading: text.heading, message: text.message, reference: c.get('requestId') }, status);
}
