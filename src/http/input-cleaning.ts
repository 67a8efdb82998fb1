// Text the database cannot store (a NUL character, an unpaired surrogate) is refused at the edge
// with a 400 naming the field, rather than failing deep inside a save with a 500. The web address,
// its query and every form field are checked; the text provider's webhook cleans its own instead.
import type { Context, MiddlewareHandler } from 'hono';
import { firstUnstorableField, isStorable } from '../domain/text/storable.ts';
import { mediaTypeOf, type AppEnv } from './auth.ts';
import { errorPage, wantsJson } from './error-page.ts';

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

const decodedPath = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // left encoded by the router too
  }
};

/** Form fields as name/text pairs; a file contributes its name. */
function* formFields(body: Record<string, unknown>): Generator<readonly [string, string]> {
  for (const [name, value] of Object.entries(body))
    for (const item of Array.isArray(value) ? value : [value]) yield [name, item instanceof File ? item.name : String(item)];
}

const refuse = (c: Context<AppEnv>, field: string) => {
  const problem = `${field}: contains a character that cannot be stored (a NUL character or a broken surrogate pair)`;
  return wantsJson(c)
    ? c.json({ error: 'invalid', message: 'The request contains text that cannot be stored', problems: [problem] }, 400)
    : errorPage(c, { heading: 'There is a problem', message: `The ${field === 'web address' ? 'web address' : `field “${field}”`} contains a character that cannot be stored (a NUL character or a broken surrogate pair). Go back, remove it and try again.` }, 400);
};

export function refuseUnstorableInput(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isStorable(decodedPath(c.req.path))) return refuse(c, 'web address');
    const queryField = firstUnstorableField(new URL(c.req.url).searchParams);
    if (queryField !== undefined) return refuse(c, queryField);
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && FORM_TYPES.has(mediaTypeOf(c.req.header('content-type')))) {
      const body = await c.req.parseBody({ all: true }).catch(() => ({})); // an unreadable form is the CSRF check's to refuse
      const formField = firstUnstorableField(formFields(body));
      if (formField !== undefined) return refuse(c, formField);
    }
    return next();
  };
}
