// The report's way to publication: the lead inspector's text, recommendations and decisions, the
// inspected service's factual accuracy comments, embargo recipients, and the date it is published.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { canCommentOnReport, canLeadInspection, canOpenArea, mayOpen } from '../../domain/access/permissions.ts';
import { STATUS_NAMES, textEditable, transitionProblems, type ReportStatus } from '../../domain/publication/workflow.ts';
import { AppError } from '../../services/errors.ts';
import {
  addRecipient,
  addRecommendationTo,
  commentOnReport,
  decideComment,
  moveReport,
  removeRecommendation,
  reportOverview,
  saveReportText,
  todayIso,
} from '../../services/publication.ts';
import { inspectionFor } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { idParam } from '../params.ts';
import { page } from '../render.ts';

const actorOf = (c: Context<AppEnv>) => `user:${c.get('session')!.user.id}`;
const ADDRESSEES = { pdu: 'The PDU', region: 'The region', national: 'National (HMPPS)' } as const;

export function publicationRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const publicationPage = async (c: Context<AppEnv>, error?: { href: string; text: string }) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('publication'));
    const overview = await reportOverview(db, inspection.id);
    const lead = canLeadInspection(actor, scope);
    // The inspected service sees the draft's text and its comments, not the inspectorate's side (recipients, what blocks the next step).
    const workings = canOpenArea(actor, scope, 'publication-workings');
    const status = overview.report.status;
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
        lead,
        canComment: canCommentOnReport(actor, scope) && status === 'factual-accuracy',
        editable: lead && textEditable(status),
        statusName: STATUS_NAMES[status],
        status,
        report: overview.report,
        workings,
        blockers: workings && next.length ? transitionProblems(overview.state, next[0]!.to, todayIso(), '9999-12-31').filter((p) => !p.includes('publication date')) : [],
        next,
        recommendations: overview.recommendations.map((r) => ({ ...r, addressee: ADDRESSEES[r.addressedTo] })),
        comments: overview.comments,
        recipientRows: !workings ? [] : overview.recipients.map((r) => [{ text: r.name }, { text: r.email }, { text: r.organisation }]),
        addresseeItems: Object.entries(ADDRESSEES).map(([value, text]) => ({ value, text })),
      },
      error ? 400 : 200,
    );
  };

  /** Runs a change, showing a refusal from the rules on the page rather than as an error page. */
  const act = (field: string | ((c: Context<AppEnv>) => string), run: (c: Context<AppEnv>, id: number, body: Record<string, string | File>) => Promise<void>, check = canLeadInspection) =>
    async (c: Context<AppEnv>) => {
      const { inspection } = await inspectionFor(c, db, check);
      try {
        await run(c, inspection.id, await c.req.parseBody());
      } catch (e) {
        if (e instanceof AppError && e.code === 'invalid') return publicationPage(c, { href: `#${typeof field === 'string' ? field : field(c)}`, text: e.message });
        throw e;
      }
      return c.redirect(`/inspections/${inspection.id}/publication`, 303);
    };
  const text = (v: unknown) => (typeof v === 'string' ? v : '');

  routes.get('/inspections/:id/publication', (c) => publicationPage(c));
  routes.post('/inspections/:id/publication/text', act('overallFindings', (c, id, b) => saveReportText(db, { inspectionId: id, foreword: text(b.foreword), overallFindings: text(b.overallFindings) }, actorOf(c))));
  routes.post('/inspections/:id/publication/recommendations', act('recommendation', (c, id, b) => addRecommendationTo(db, { inspectionId: id, addressedTo: text(b.addressedTo), text: text(b.recommendation) }, actorOf(c))));
  routes.post('/inspections/:id/publication/recommendations/:recommendationId/remove', act('recommendation', (c, id) => removeRecommendation(db, { inspectionId: id, id: Number(c.req.param('recommendationId')) }, actorOf(c))));
  routes.post('/inspections/:id/publication/status', act('status', (c, id, b) => moveReport(db, { inspectionId: id, to: text(b.to) as ReportStatus, publishOn: text(b.publishOn) || undefined }, actorOf(c))));
  routes.post('/inspections/:id/publication/comments', act('comment', (c, id, b) => commentOnReport(db, { inspectionId: id, section: text(b.section), comment: text(b.comment) }, actorOf(c)), canCommentOnReport));
  // The error links to the comment's own decision (its radios' first input).
  routes.post('/inspections/:id/publication/comments/:commentId/decision', act((c) => `decision-${idParam(c, 'commentId')}`, (c, id, b) => decideComment(db, { inspectionId: id, id: idParam(c, 'commentId'), decision: text(b.decision), reason: text(b.reason) }, actorOf(c))));
  routes.post('/inspections/:id/publication/recipients', act('recipientName', (c, id, b) => addRecipient(db, { inspectionId: id, name: text(b.name), email: text(b.email), organisation: text(b.organisation) }, actorOf(c))));

  return routes;
}
