// Server-rendered pages: Nunjucks with the GOV.UK Frontend and MoJ Frontend macros.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { canManageUsers, canOpenArea, canPlanInspections, canViewNationalReports, canViewSfoReviews, ROLE_NAMES, type Actor } from '../domain/access/permissions.ts';
import { hasOwnCaseWork } from '../domain/access/landing.ts';
import { isRegionStaff } from '../domain/sfo/access.ts';
import { INSPECTION_AREAS } from '../domain/publication/visibility.ts';
import { escapeHtml, render, renderMacro } from '../presenters/templates.ts';
import { requestScope } from './access.ts';
import { flashMessage } from './flash.ts';
import { scopeOf } from '../services/inspection-scope.ts';
import { frameworkKnownNow } from '../services/frameworks.ts';
import type { DemoLoadingProgress } from '../services/demo-loading.ts';
import type { ActiveSession } from '../services/identity/sessions.ts';

// The routes' one import for pages and the cells they build in code.
export { demoTag, escapeHtml, govukDist, mojRoot, ratingTag, renderMacro } from '../presenters/templates.ts';

/**
 * A table cell's one-button form (remove a member, resend a link): POSTs to `action` with the
 * request's CSRF token; `button` is the govukButton macro's parameters.
 */
export function buttonForm(c: Context, action: string, button: Record<string, unknown>): string {
  const session = c.get('session') as ActiveSession;
  return `<form method="post" action="${action}"><input type="hidden" name="_csrf" value="${escapeHtml(session.csrfToken)}">${renderMacro('govuk/components/button', 'govukButton', button)}</form>`;
}

/** Renders a page with the request's CSP nonce (the GOV.UK template's inline script needs it). */
export function page(c: Context, template: string, context: Record<string, unknown>, status: ContentfulStatusCode = 200): Response {
  const session = c.get('session') as ActiveSession | undefined;
  return c.html(
    render(template, {
      ...context,
      cspNonce: c.get('secureHeadersNonce'),
      currentUser: session && { name: session.user.displayName, role: ROLE_NAMES[session.user.role], isAdmin: canManageUsers(session.actor), canPlanProgramme: canPlanInspections(session.actor), canViewNational: canViewNationalReports(session.actor), canViewSfo: canViewSfoReviews(session.actor), hasOwnCases: hasOwnCaseWork(session.actor), canReadSfoFeedback: isRegionStaff(session.actor, session.organisationKind ?? undefined) },
      // The inspection's sub navigation offers only what the person may open at the report's stage.
      inspectionNav: session && isInspection(context.inspection) ? inspectionNav(c, session.actor, context.inspection) : undefined,
      csrfToken: context.csrfToken ?? session?.csrfToken,
      // The success banner after a save (flash.njk), named by the redirect.
      flash: flashMessage(c.req.query('flash')),
      demoLoading: session && demoLoadingText(c.get('demoLoading') as DemoLoadingProgress | undefined),
    }),
    status,
  );
}

/** The banner while the demonstration data loads after the start (layout.njk). */
function demoLoadingText(progress: DemoLoadingProgress | undefined): string | undefined {
  if (!progress) return undefined;
  const parts = `${progress.ready} of ${progress.total} parts ready`;
  return progress.failed
    ? `Demonstration data stopped loading (${parts}): ${progress.failed.title} could not be made. The server’s log says why; the rest will be tried when it next starts.`
    : `Demonstration data is still loading (${parts}). Pages will show more as it arrives.`;
}

const isInspection = (value: unknown): value is { id: number; organisationId: number; frameworkId?: string; frameworkVersion?: string } =>
  !!value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'number' && typeof (value as { organisationId?: unknown }).organisationId === 'number';

/** The parts of the inspection the person may open, by the scope the route's guard found (a draft's, if none). */
function inspectionNav(c: Context, actor: Actor, inspection: { id: number; organisationId: number; frameworkId?: string; frameworkVersion?: string }) {
  const found = requestScope(c);
  const scope = found?.id === inspection.id ? found : scopeOf(inspection);
  // The lead inspector's section for judged standards, named by the inspection's framework.
  const framework = inspection.frameworkId && inspection.frameworkVersion ? frameworkKnownNow(inspection.frameworkId, inspection.frameworkVersion) : undefined;
  return {
    service: actor.role === 'service-staff',
    // No survey tab where the framework file names no survey (the youth files).
    open: Object.fromEntries(INSPECTION_AREAS.map((area) => [area, canOpenArea(actor, scope, area) && (area !== 'survey' || !framework || !!framework.definition.questionnaire)])),
    judgementsSection: framework?.regime.judgementsSection ?? 'Standards judged for the service',
    // The service, whom it works with and the judgements made for it besides the standards, in the framework's words.
    words: framework
      ? { organisation: framework.regime.organisation.singular, people: framework.regime.people.plural, judgements: framework.definition.rules.judgements.map((j) => j.name.toLowerCase()) }
      : { organisation: 'service', people: 'the people it works with', judgements: [] },
  };
}
