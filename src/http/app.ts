// The HTTP application: GOV.UK pages and the JSON API over the same services, behind sessions,
// CSRF protection and the access rules of src/domain/access.
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/repositories/index.ts';
import { AppError } from '../services/errors.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../services/identity/sessions.ts';
import { csrfProtection, requireSignIn, sessionMiddleware, type AppEnv } from './auth.ts';
import { limitBodies } from './body-limit.ts';
import { errorPage, wantsJson } from './error-page.ts';
import { healthRoutes } from './health.ts';
import { refuseUnstorableInput } from './input-cleaning.ts';
import { requestLog } from './request-log.ts';
import { logger } from '../observability/logger.ts';
import { govukDist, mojRoot } from './render.ts';
import { actionPlanRoutes } from './routes/action-plan.ts';
import { adminRoutes } from './routes/admin.ts';
import { apiRoutes } from './routes/api.ts';
import { caseRoutes } from './routes/cases.ts';
import { ownWorkRoutes } from './routes/own-work.ts';
import { inspectionNewRoutes } from './routes/inspection-new.ts';
import { inspectionTimelineRoutes } from './routes/inspection-timeline.ts';
import { leadRoutes } from './routes/lead.ts';
import { jointInspectionRoutes } from './routes/joint-inspection.ts';
import { domainOneRoutes } from './routes/domain-one.ts';
import { auditRoutes } from './routes/audit.ts';
import { qualityRoutes } from './routes/quality.ts';
import { pageRoutes } from './routes/pages.ts';
import { publicationRoutes } from './routes/publication.ts';
import { publicRoutes } from './routes/public.ts';
import { publicSfoRoutes } from './routes/public-sfo.ts';
import { nationalRoutes, publicAnnualRoutes } from './routes/national.ts';
import { reportRoutes } from './routes/report.ts';
import { reportWritingRoutes } from './routes/report-writing.ts';
import { regionalFeedbackRoutes } from './routes/regional-feedback.ts';
import { programmeRoutes } from './routes/programme.ts';
import { signInRoutes, type SignInOptions } from './routes/sign-in.ts';
import { sampleRoutes } from './routes/sample.ts';
import { sfoRoutes } from './routes/sfo.ts';
import { sfoAssessmentRoutes } from './routes/sfo-assessment.ts';
import { sfoPanelRoutes } from './routes/sfo-panels.ts';
import { sfoAnnualRoutes } from './routes/sfo-annual.ts';
import { smsWebhookRoutes, surveyRoutes } from './routes/survey.ts';
import type { SurveyMessaging } from '../services/survey/messaging.ts';
import type { EmbargoMail } from '../services/embargo-mail.ts';
import type { DemoLoading } from '../services/demo-loading.ts';
import { createServices } from '../wiring.ts';
import { embargoedCopyRoutes } from './routes/embargoed-copy.ts';

export interface AppDeps {
  db: Db;
  sessionPolicy?: SessionPolicy;
  /** Secure cookies: on whenever the service is reached over HTTPS. */
  secureCookies?: boolean;
  /** Shown on the sign-in page, on the embedded demo set-up only. */
  demoAccounts?: { email: string; password: string; displayName: string }[];
  /** Single sign-on through an OpenID Connect provider, when configured. */
  oidc?: SignInOptions['oidc'];
  /** Texts for the survey: the provider, the outbox dispatcher and the inbound webhook's token (made in src/wiring.ts; default: its local outbox, no token). */
  sms?: SurveyMessaging;
  /** Emails of the embargoed copy: the provider and the dispatcher (made in src/wiring.ts; default: its local outbox). */
  mail?: EmbargoMail;
  /** The demonstration data loading after the start: signed-in pages say so until it has. */
  demoLoading?: Pick<DemoLoading, 'progress'>;
}

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const STATUS = { 'not-found': 404, invalid: 400, conflict: 409, forbidden: 403 } as const;

export function createApp({ db, sessionPolicy = DEFAULT_SESSION_POLICY, secureCookies = false, demoAccounts, oidc, demoLoading, ...given }: AppDeps): Hono<AppEnv> {
  // main.ts gives the services wiring.ts made from its configuration; a test or the bench that gives none gets wiring.ts's defaults.
  const { sms, mail } = given.sms && given.mail ? { sms: given.sms, mail: given.mail } : { ...createServices(db), ...(given.sms ? { sms: given.sms } : {}), ...(given.mail ? { mail: given.mail } : {}) };
  const app = new Hono<AppEnv>();
  app.use(requestLog());
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", NONCE],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  const assets = join(govukDist, 'govuk', 'assets');
  app.get('/assets/govuk-frontend.min.css', serveStatic({ path: join(govukDist, 'govuk', 'govuk-frontend.min.css') }));
  app.get('/assets/govuk-frontend.min.js', serveStatic({ path: join(govukDist, 'govuk', 'govuk-frontend.min.js') }));
  app.get('/assets/moj-frontend.min.css', serveStatic({ path: join(mojRoot, 'moj', 'moj-frontend.min.css') }));
  app.get('/assets/moj-frontend.mjs', serveStatic({ path: join(mojRoot, 'moj', 'all.bundle.mjs') }));
  app.get('/assets/init.js', serveStatic({ path: join(publicDir, 'init.js') }));
  app.get('/assets/app.css', serveStatic({ path: join(publicDir, 'app.css') }));
  app.use('/assets/*', serveStatic({ root: assets, rewriteRequestPath: (p) => p.replace(/^\/assets/, '') }));

  app.route('/', healthRoutes(db));

  // Bodies are limited before anything reads them; the CSRF check reads every form.
  app.use(limitBodies());
  app.use(sessionMiddleware({ db, policy: sessionPolicy, secureCookies }));
  // Read from memory: no query per request.
  if (demoLoading) app.use((c, next) => (c.set('demoLoading', demoLoading.progress()), next()));
  app.use(csrfProtection());
  app.use(refuseUnstorableInput());
  app.route('/', signInRoutes(db, { policy: sessionPolicy, secureCookies, ...(demoAccounts ? { demoAccounts } : {}), ...(oidc ? { oidc } : {}) }));
  // The text provider's inbound-message callback has no session: it checks a shared bearer token.
  app.route('/', smsWebhookRoutes(db, sms));
  app.route('/', publicRoutes(db));
  // A named recipient's link to the embargoed copy: no account; the link and their address let them in.
  app.route('/', embargoedCopyRoutes(db, { secureCookies }));
  app.route('/', publicAnnualRoutes(db));
  app.route('/', publicSfoRoutes(db));
  app.use(requireSignIn);
  app.route('/api', apiRoutes(db));
  app.route('/admin', adminRoutes(db, { sms, mail }));
  app.route('/', inspectionNewRoutes(db)); // before pageRoutes: /inspections/new is not /inspections/:id
  app.route('/', inspectionTimelineRoutes(db));
  app.route('/', caseRoutes(db));
  app.route('/', ownWorkRoutes(db));
  app.route('/', leadRoutes(db));
  app.route('/', jointInspectionRoutes(db));
  app.route('/', domainOneRoutes(db));
  app.route('/', auditRoutes(db));
  app.route('/', qualityRoutes(db));
  app.route('/', publicationRoutes(db, mail));
  app.route('/', actionPlanRoutes(db));
  app.route('/', programmeRoutes(db));
  app.route('/', sampleRoutes(db));
  app.route('/', surveyRoutes(db, sms));
  app.route('/', reportRoutes(db));
  app.route('/', reportWritingRoutes(db));
  app.route('/', regionalFeedbackRoutes(db));
  app.route('/', nationalRoutes(db));
  app.route('/', sfoRoutes(db));
  app.route('/', sfoAssessmentRoutes(db));
  app.route('/', sfoPanelRoutes(db));
  app.route('/', sfoAnnualRoutes(db));
  app.route('/', pageRoutes(db));

  app.notFound((c) =>
    wantsJson(c)
      ? c.json({ error: 'not-found', message: `No such resource: ${c.req.path}` }, 404)
      : errorPage(c, { heading: 'Page not found', message: 'If you typed the web address, check it is correct.' }, 404),
  );
  app.onError((error, c) => {
    // Hono's own middleware (the same-origin check) signals with HTTPException.
    if (error instanceof HTTPException && error.status < 500)
      return wantsJson(c) ? c.json({ error: 'refused', message: error.message || 'Request refused' }, error.status) : errorPage(c, { heading: 'Request refused', message: 'The request did not come from this service. Go back, reload the page and try again.' }, error.status);
    const status = error instanceof AppError ? STATUS[error.code] : 500;
    if (status === 500) logger.error({ requestId: c.get('requestId'), method: c.req.method, path: c.req.path, err: error }, 'request failed');
    const message = status === 500 ? 'Sorry, there is a problem with the service.' : error.message;
    if (wantsJson(c))
      return c.json({ error: error instanceof AppError ? error.code : 'internal', message, ...(error instanceof AppError && error.problems.length ? { problems: error.problems } : {}), ...(status === 500 ? { reference: c.get('requestId') } : {}) }, status);
    const heading = status === 404 ? 'Page not found' : status === 403 ? 'You do not have access to this page' : message;
    return errorPage(c, { heading, message: status === 500 ? 'Try again later.' : message }, status);
  });
  return app;
}
