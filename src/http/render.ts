// Server-rendered pages: Nunjucks with the GOV.UK Frontend and MoJ Frontend macros.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { canManageUsers, canOpenArea, canPlanInspections, canViewNationalReports, canViewSfoReviews, ROLE_NAMES, type Actor } from '../domain/access/permissions.ts';
import { INSPECTION_AREAS } from '../domain/publication/visibility.ts';
import { govukDate, govukDateTime } from '../presenters/govuk-dates.ts';
import { requestScope } from './access.ts';
import { flashMessage } from './flash.ts';
import { scopeOf } from '../services/inspection-scope.ts';
import type { ActiveSession } from '../services/identity/sessions.ts';

const require = createRequire(import.meta.url);
export const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const mojRoot = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
const viewsDir = fileURLToPath(new URL('./views/', import.meta.url));

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([viewsDir, govukDist, mojRoot], { noCache: false }), {
  autoescape: true,
  throwOnUndefined: false,
});
env.addGlobal('serviceName', 'Inspectorate');
// Every date a person reads: "5 October 2026", "5 October 2026 at 2:05pm" (UK time).
env.addFilter('govukDate', govukDate);
env.addFilter('govukDateTime', govukDateTime);

export function render(template: string, context: Record<string, unknown>): string {
  return env.render(template, context);
}

/** A GOV.UK or MoJ macro's markup, for places a template cannot reach (cells built in code). */
export function renderMacro(component: string, macro: string, params: unknown): string {
  return env.renderString(`{% from "${component}/macro.njk" import ${macro} %}{{ ${macro}(params) }}`, { params }).trim();
}

const TAG_COLOURS: Record<string, string> = {
  Outstanding: 'green',
  Good: 'turquoise',
  'Requires improvement': 'orange',
  Inadequate: 'red',
};

// A tag's markup depends only on its text and colour; compiling the macro costs more than the rest
// of a cell, and a ratings table repeats the same few tags hundreds of times.
const tags = new Map<string, string>();

export function ratingTag(rating: string | null, fallback = 'Not rated'): string {
  const key = `${rating}|${fallback}`;
  let html = tags.get(key);
  if (html === undefined) {
    html = renderMacro('govuk/components/tag', 'govukTag', {
      text: rating ?? fallback,
      classes: `govuk-tag--${rating ? (TAG_COLOURS[rating] ?? 'grey') : 'grey'}`,
    });
    tags.set(key, html);
  }
  return html;
}

/** The "Demonstration data" tag after a name (with its leading space), or nothing for real data. */
export const demoTag = (isDemo: boolean): string => (isDemo ? ` ${ratingTag(null, 'Demonstration data')}` : '');

/** Escapes text for the few cells whose HTML is built in code. */
export const escapeHtml = (s: string): string => (nunjucks.lib as unknown as { escape(s: string): string }).escape(s);

/** Renders a page with the request's CSP nonce (the GOV.UK template's inline script needs it). */
export function page(c: Context, template: string, context: Record<string, unknown>, status: ContentfulStatusCode = 200): Response {
  const session = c.get('session') as ActiveSession | undefined;
  return c.html(
    render(template, {
      ...context,
      cspNonce: c.get('secureHeadersNonce'),
      currentUser: session && { name: session.user.displayName, role: ROLE_NAMES[session.user.role], isAdmin: canManageUsers(session.actor), canPlanProgramme: canPlanInspections(session.actor), canViewNational: canViewNationalReports(session.actor), canViewSfo: canViewSfoReviews(session.actor) },
      // The inspection's sub navigation offers only what the person may open at the report's stage.
      inspectionNav: session && isInspection(context.inspection) ? inspectionNav(c, session.actor, context.inspection) : undefined,
      csrfToken: context.csrfToken ?? session?.csrfToken,
      // The success banner after a save (flash.njk), named by the redirect.
      flash: flashMessage(c.req.query('flash')),
    }),
    status,
  );
}

const isInspection = (value: unknown): value is { id: number; organisationId: number } =>
  !!value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'number' && typeof (value as { organisationId?: unknown }).organisationId === 'number';

/** The parts of the inspection the person may open, by the scope the route's guard found (a draft's, if none). */
function inspectionNav(c: Context, actor: Actor, inspection: { id: number; organisationId: number }) {
  const found = requestScope(c);
  const scope = found?.id === inspection.id ? found : scopeOf(inspection);
  return { service: actor.role === 'service-staff', open: Object.fromEntries(INSPECTION_AREAS.map((area) => [area, canOpenArea(actor, scope, area)])) };
}
