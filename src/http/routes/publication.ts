// The report's way to publication: the lead inspector's text, recommendations and decisions, the
// inspected service's factual accuracy comments, embargo recipients and the delivery of each one's
// copy, and publication: on the date set, or at once after a confirmation page.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { canCommentOnReport, canLeadInspection, canOpenArea, mayOpen } from '../../domain/access/permissions.ts';
import { STATUS_NAMES, textEditable, transitionProblems, type ReportStatus } from '../../domain/publication/workflow.ts';
import { narrativeHtml, parseNarrative } from '../../domain/report-writing/narrative.ts';
import { fillPlaceholders } from '../../domain/report-writing/placeholders.ts';
import type { EmbargoMail } from '../../services/embargo-mail.ts';
import { embargoDeliveries, WRONG_ADDRESS_LIMIT, type RecipientDelivery } from '../../services/embargo-mail.ts';
import { AppError } from '../../services/errors.ts';
import {
  addRecipient,
  addRecommendationTo,
  commentOnReport,
  decideComment,
  moveReport,
  publishNow,
  removeRecommendation,
  resendEmbargoedCopy,
  reportOverview,
  saveReportText,
} from '../../services/publication.ts';
import { clock } from '../../services/clock.ts';
import { placeholdersOf } from '../../services/report-writing.ts';
import { frameworkOf } from '../../services/inspections.ts';
import { addresseeNames } from '../../presenters/recommendation-addressees.ts';
import { inspectionFor, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { dateInputItems, readDateInput, type DateParts } from '../../presenters/date-input.ts';
import { withFlash, type FlashKey } from '../flash.ts';
import { idParam } from '../params.ts';
import { govukDate, govukDateTime } from '../../presenters/govuk-dates.ts';
import { buttonForm, escapeHtml, page, renderMacro } from '../render.ts';

const DELIVERY_TAGS = {
  pending: { text: 'Queued', classes: 'govuk-tag--blue' },
  sending: { text: 'Sending', classes: 'govuk-tag--blue' },
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
  cancelled: { text: 'Not sent', classes: 'govuk-tag--grey' },
} as const;
/** "5 December 2026 at 6:46pm", UK time, as GOV.UK writes times. */
const when = (d: Date) => govukDateTime(d);
/** Where the recipient's copy is: queued, sent, failed with the reason; then how often it was opened. */
function deliveryText(d: RecipientDelivery | undefined): string {
  const email = d?.email;
  if (!email) return 'Not sent yet: sent when the report is embargoed';
  const opened = d.link?.opened ? `; opened ${d.link.opened === 1 ? 'once' : `${d.link.opened} times`}, last ${when(d.link.lastOpenedAt!)}` : '';
  const locked = d.link && d.link.wrongAddresses >= WRONG_ADDRESS_LIMIT ? '; link locked after wrong addresses' : '';
  switch (email.status) {
    case 'sent':
      return `${when(email.sentAt!)}${opened}${locked}`;
    case 'failed':
      return email.lastError ?? 'No reason given';
    case 'cancelled':
      return email.lastError ?? '';
    default:
      return email.attempts && email.lastError ? `Trying again at ${when(email.nextAttemptAt)}: ${email.lastError}` : `Since ${when(email.createdAt)}`;
  }
}

export function publicationRoutes(db: Db, mail: EmbargoMail): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const publicationPage = async (c: Context<AppEnv>, error?: { href: string; text: string }, dateValues: Record<string, string> = {}, dateParts: DateParts[] = []) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('publication'));
    const [overview, deliveries] = await Promise.all([reportOverview(db, inspection.id), embargoDeliveries(db, inspection.id)]);
    // Each level a recommendation is addressed to, in the framework's words.
    const addressees = addresseeNames((await frameworkOf(db, inspection)).regime);
    const lead = canLeadInspection(actor, scope);
    // The inspected service sees the draft's text and its comments, not the inspectorate's side (recipients, what blocks the next step).
    const workings = canOpenArea(actor, scope, 'publication-workings');
    const status = overview.report.status;
    const editable = lead && textEditable(status);
    // Read as the report shows it: placeholders filled in, paragraphs and lists kept.
    const placeholders = editable ? [] : await placeholdersOf(db, inspection.id);
    const asRead = (text: string | null) => (text ? narrativeHtml(parseNarrative(fillPlaceholders(text, placeholders))) : '');
    const next: { to: ReportStatus; label: string }[] =
      status === 'draft' ? [{ to: 'factual-accuracy', label: 'Send the draft to the service for factual accuracy checking' }]
      : status === 'factual-accuracy' ? [{ to: 'embargoed', label: 'Embargo the report for publication' }, { to: 'draft', label: 'Return the report to draft' }]
      : status === 'embargoed' ? [{ to: 'factual-accuracy', label: 'Withdraw the embargo' }]
      : [];
    return page(
      c,
      'publication.njk',
      {
        title: `${error ? 'Error: ' : ''}Report and publication: ${inspection.title}`,
        inspection,
        section: 'publication',
        errors: error ? [error] : [],
        // The publication date of the embargo, as a GOV.UK date input.
        publishOnItems: dateInputItems(dateValues, 'publishOn', undefined, dateParts),
        publishOnError: error?.href.startsWith('#publishOn') ? { text: error.text } : undefined,
        lead,
        canComment: canCommentOnReport(actor, scope) && status === 'factual-accuracy',
        editable,
        textHtml: editable ? null : { foreword: asRead(overview.report.foreword), overallFindings: asRead(overview.report.overallFindings) },
        statusName: STATUS_NAMES[status],
        status,
        report: overview.report,
        workings,
        blockers: workings && next.length ? transitionProblems(overview.state, next[0]!.to, clock.today(), '9999-12-31').filter((p) => !p.includes('publication date')) : [],
        next,
        recommendations: overview.recommendations.map((r) => ({ ...r, addressee: addressees[r.addressedTo] })),
        comments: overview.comments,
        recipientRows: !workings
          ? []
          : overview.recipients.map((r) => {
              const delivery = deliveries.get(r.id);
              const tag = delivery?.email ? renderMacro('govuk/components/tag', 'govukTag', DELIVERY_TAGS[delivery.email.status]) + ' ' : '';
              // After a failure or a locked link, the lead sends a new link (the old one stops working).
              const resend = lead && status === 'embargoed'
                ? buttonForm(c, `/inspections/${inspection.id}/publication/recipients/${r.id}/resend`, {
                    html: `Send a new link<span class="govuk-visually-hidden"> to ${escapeHtml(r.name)}</span>`,
                    classes: 'govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-top-2',
                  })
                : '';
              return [{ text: r.name }, { text: r.email }, { text: r.organisation }, { html: `${tag}${escapeHtml(deliveryText(delivery))}${resend}` }];
            }),
        publishedNow: c.req.query('published') === 'now',
        canPublishNow: lead && (status === 'factual-accuracy' || status === 'embargoed'),
        localEmail: !mail.sender.real,
        addresseeItems: Object.entries(addressees).map(([value, text]) => ({ value, text })),
      },
      error ? 400 : 200,
    );
  };

  /** The success banner after a change, by the field the change's form holds. */
  const publicationFlash = (field: string): FlashKey =>
    field === 'overallFindings' ? 'report-saved' : field === 'recommendation' ? 'recommendations-saved' : field === 'status' ? 'status-changed' : field === 'comment' ? 'comment-sent' : field === 'recipientName' ? 'recipients-saved' : 'decision-saved';
  /** Runs a change, showing a refusal from the rules on the page rather than as an error page. */
  const act = (field: string | ((c: Context<AppEnv>) => string), run: (c: Context<AppEnv>, id: number, body: Record<string, string | File>) => Promise<void>, check = canLeadInspection) =>
    async (c: Context<AppEnv>) => {
      const { inspection } = await inspectionFor(c, db, check);
      try {
        await run(c, inspection.id, await c.req.parseBody());
        // An embargo, a recipient named during it or a link sent again queued an email: send it now the change is committed.
        mail.dispatcher.kick();
      } catch (e) {
        if (e instanceof AppError && e.code === 'invalid') return publicationPage(c, { href: `#${typeof field === 'string' ? field : field(c)}`, text: e.message });
        throw e;
      }
      return c.redirect(withFlash(`/inspections/${inspection.id}/publication`, publicationFlash(typeof field === 'string' ? field : field(c))), 303);
    };
  const text = (v: unknown) => (typeof v === 'string' ? v : '');

  routes.get('/inspections/:id/publication', (c) => publicationPage(c));
  routes.post('/inspections/:id/publication/text', act('overallFindings', (c, id, b) => saveReportText(db, { inspectionId: id, foreword: text(b.foreword), overallFindings: text(b.overallFindings) }, actingUser(c))));
  routes.post('/inspections/:id/publication/recommendations', act('recommendation', (c, id, b) => addRecommendationTo(db, { inspectionId: id, addressedTo: text(b.addressedTo), text: text(b.recommendation) }, actingUser(c))));
  routes.post('/inspections/:id/publication/recommendations/:recommendationId/remove', act('recommendation', (c, id) => removeRecommendation(db, { inspectionId: id, id: Number(c.req.param('recommendationId')) }, actingUser(c))));
  routes.post('/inspections/:id/publication/status', async (c) => {
    const body = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, text(v)]));
    // The form's GOV.UK date input; a client sending the whole date as publishOn (YYYY-MM-DD) is read as before.
    const embargo = body.to === 'embargoed' && !body.publishOn ? readDateInput(body, 'publishOn', 'publication date') : undefined;
    if (embargo && !embargo.ok) {
      await inspectionFor(c, db, canLeadInspection);
      return publicationPage(c, { href: embargo.href, text: embargo.message }, body, embargo.parts);
    }
    return act('status', (c, id) => moveReport(db, { inspectionId: id, to: body.to as ReportStatus, publishOn: embargo?.ok ? embargo.date : body.publishOn || undefined }, actingUser(c)))(c);
  });
  routes.post('/inspections/:id/publication/comments', act('comment', (c, id, b) => commentOnReport(db, { inspectionId: id, section: text(b.section), comment: text(b.comment) }, actingUser(c)), canCommentOnReport));
  // The error links to the comment's own decision (its radios' first input).
  routes.post('/inspections/:id/publication/comments/:commentId/decision', act((c) => `decision-${idParam(c, 'commentId')}`, (c, id, b) => decideComment(db, { inspectionId: id, id: idParam(c, 'commentId'), decision: text(b.decision), reason: text(b.reason) }, actingUser(c))));
  routes.post('/inspections/:id/publication/recipients/:recipientId/resend', act('recipientName', (c, id) => resendEmbargoedCopy(db, { inspectionId: id, recipientId: idParam(c, 'recipientId') }, actingUser(c))));

  // Publishing at once: a page that asks first; the form posts confirm=yes, and a post without it changes nothing.
  const publishNowPage = async (c: Context<AppEnv>) => {
    const { inspection } = await inspectionFor(c, db, canLeadInspection);
    const overview = await reportOverview(db, inspection.id);
    const status = overview.report.status;
    if (status !== 'factual-accuracy' && status !== 'embargoed') throw new AppError('conflict', status === 'published' ? 'The report is already published' : 'Send the draft to the service for factual accuracy checking first');
    const problems = transitionProblems(overview.state, 'published', clock.today());
    return page(c, 'publication-publish-now.njk', {
      title: `Publish the report now: ${inspection.title}`,
      inspection,
      section: 'publication',
      embargoed: status === 'embargoed',
      publishOn: overview.report.publishOn ? govukDate(overview.report.publishOn) : null,
      recipients: overview.recipients.length,
      problems,
    });
  };
  routes.get('/inspections/:id/publication/publish-now', publishNowPage);
  routes.post('/inspections/:id/publication/publish-now', async (c) => {
    const { inspection } = await inspectionFor(c, db, canLeadInspection);
    const body = await c.req.parseBody();
    if (body.confirm !== 'yes') return c.redirect(`/inspections/${inspection.id}/publication/publish-now`, 303);
    try {
      await publishNow(db, inspection.id, actingUser(c));
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid') return publicationPage(c, { href: '#status', text: e.message });
      throw e;
    }
    mail.dispatcher.kick();
    return c.redirect(`/inspections/${inspection.id}/publication?published=now`, 303);
  });
  routes.post('/inspections/:id/publication/recipients', act('recipientName', (c, id, b) => addRecipient(db, { inspectionId: id, name: text(b.name), email: text(b.email), organisation: text(b.organisation) }, actingUser(c))));

  return routes;
}
