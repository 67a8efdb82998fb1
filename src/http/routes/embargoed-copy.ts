// A named recipient's link to the embargoed copy, opened from their email with no account: the
// link (?link=TOKEN, kept out of the request log with the rest of the query string) asks for the
// address it was sent to and then gives the report's tagged PDF. A wrong address is counted and
// the link locks after five; a withdrawn or unknown link is refused; once the report is published
// the link leads to the public page. Nothing here is cached or indexed.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { longDate } from '../../domain/sampling/dates.ts';
import { reportFileName } from '../../reports/pdu-report.ts';
import { taggedReportPdf } from '../../reports/tagged-pdf/report-tagged-pdf.ts';
import { confirmEmbargoLink, embargoLinkState, WRONG_ADDRESS_LIMIT, type LinkState } from '../../services/embargo-mail.ts';
import { reportStage } from '../../services/publication.ts';
import { loadPduReport } from '../../services/report-loading.ts';
import { csrfTokenFor, type AppEnv } from '../auth.ts';
import { errorPage } from '../error-page.ts';
import { page } from '../render.ts';

const PRIVATE = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'no-referrer' };

export function embargoedCopyRoutes(db: Db, options: { secureCookies: boolean }): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const reportState = (inspectionId: number) => reportStage(db, inspectionId);

  const refused = (c: Context<AppEnv>, state: Exclude<LinkState, { state: 'open' } | { state: 'published' }>) =>
    state.state === 'locked'
      ? errorPage(c, { heading: 'This link is locked', message: `The email address was entered wrongly ${WRONG_ADDRESS_LIMIT} times. Ask the lead inspector to send you a new link.` }, 403)
      : errorPage(c, { heading: 'This link does not work', message: 'It may have been replaced by a newer link, or the embargo may have been withdrawn. Use the newest email you were sent, or ask the lead inspector.' }, 404);

  const confirmPage = (c: Context<AppEnv>, token: string, open: Extract<LinkState, { state: 'open' }>, error?: string) => {
    for (const [k, v] of Object.entries(PRIVATE)) c.header(k, v);
    return page(
      c,
      'embargoed-copy.njk',
      {
        title: `${error ? 'Error: ' : ''}Your embargoed copy of the report`,
        token,
        recipientName: open.recipientName,
        until: longDate(open.publishOn),
        errors: error ? [{ href: '#email', text: error }] : [],
        emailError: error ? { text: error } : undefined,
        csrfToken: csrfTokenFor(c, options.secureCookies),
      },
      error ? 400 : 200,
    );
  };

  routes.get('/embargoed', async (c) => {
    const token = c.req.query('link') ?? '';
    const state = await embargoLinkState(db, token, reportState);
    if (state.state === 'published') return c.redirect(`/public/inspections/${state.inspectionId}`, 303);
    if (state.state !== 'open') return refused(c, state);
    return confirmPage(c, token, state);
  });

  routes.post('/embargoed', async (c) => {
    const body = await c.req.parseBody();
    const token = typeof body.link === 'string' ? body.link : '';
    const email = typeof body.email === 'string' ? body.email : '';
    const state = await embargoLinkState(db, token, reportState);
    if (state.state === 'published') return c.redirect(`/public/inspections/${state.inspectionId}`, 303);
    if (state.state !== 'open') return refused(c, state);
    if (!email.trim()) return confirmPage(c, token, state, 'Enter the email address this link was sent to');
    const result = await confirmEmbargoLink(db, token, state, email);
    if (!result.ok) return result.locked ? refused(c, { state: 'locked' }) : confirmPage(c, token, state, 'Enter the email address this link was sent to: the one given does not match');
    const { summary, report } = await loadPduReport(db, state.inspectionId);
    // The recipient's copy says, on its cover and every page, until when it is embargoed.
    return c.body(new Uint8Array(await taggedReportPdf(report, { embargoedUntil: state.publishOn })), 200, {
      ...PRIVATE,
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="embargoed-${reportFileName(summary, 'pdf')}"`,
    });
  });

  return routes;
}
