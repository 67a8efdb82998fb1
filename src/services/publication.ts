// Writing and publishing an inspection's report: text and recommendations, the service's factual
// accuracy comments (each accepted or rejected with a reason), the embargoed copy's recipients
// (each sent their own link in the transaction that records the embargo: embargo-mail.ts), and
// publication on a set date or, after a confirmation, at once. Every change is audited.
import {
  addEmbargoRecipient,
  addFactualAccuracyComment,
  addRecommendation,
  decideFactualAccuracyComment,
  deleteRecommendation,
  getReport,
  getSurveyByInspection,
  listEmbargoRecipients,
  listFactualAccuracyComments,
  listRecommendations,
  recordAudit,
  saveReport,
  inTransaction,
  type Db,
  type Recommendation,
} from '../db/repositories/index.ts';
import { effectiveStatus, textEditable, transitionProblems, type ReportStatus } from '../domain/publication/workflow.ts';
import { queueEmbargoedCopies, withdrawEmbargoedCopies } from './embargo-mail.ts';
import { AppError } from './errors.ts';
import { recordSectionVersion } from './report-writing.ts';
import { requireInspection } from './inspections.ts';
import { clock } from './clock.ts';

/** Today for the pages (an ISO date): the services' clock. */
export async function reportOverview(db: Db, inspectionId: number, today = clock.today()) {
  const inspection = await requireInspection(db, inspectionId);
  const [report, recommendations, comments, recipients, survey] = await Promise.all([
    getReport(db, inspectionId),
    listRecommendations(db, inspectionId),
    listFactualAccuracyComments(db, inspectionId),
    listEmbargoRecipients(db, inspectionId),
    getSurveyByInspection(db, inspectionId),
  ]);
  const status = effectiveStatus(report, today);
  return {
    inspection,
    report: { ...report, status },
    recommendations,
    comments,
    recipients,
    state: {
      status,
      overallFindings: report.overallFindings,
      recommendations: recommendations.length,
      publishOn: report.publishOn,
      inspectionSignedOff: inspection.status === 'signed-off',
      undecidedComments: comments.filter((c) => !c.decision).length,
      embargoRecipients: recipients.length,
      surveyOpen: survey?.status === 'open',
    },
  };
}

const requireEditable = (status: ReportStatus) => {
  if (!textEditable(status)) throw new AppError('conflict', 'The report can no longer be changed: it is embargoed or published');
};

/** The report's stage today (the calendar publishes an embargoed report on its date) and its publication date. */
export async function reportStage(db: Db, inspectionId: number, today = clock.today()): Promise<{ status: ReportStatus; publishOn: string | null }> {
  const report = await getReport(db, inspectionId);
  return { status: effectiveStatus(report, today), publishOn: report.publishOn };
}

/** The report's recommendations, in their order. */
export const recommendationsOf = (db: Db, inspectionId: number): Promise<Recommendation[]> => listRecommendations(db, inspectionId);

export async function saveReportText(db: Db, input: { inspectionId: number; foreword: string; overallFindings: string }, actor: string): Promise<void> {
  const { report } = await reportOverview(db, input.inspectionId);
  requireEditable(report.status);
  if (input.foreword.length > 50_000 || input.overallFindings.length > 50_000) throw new AppError('invalid', 'Each text must be 50,000 characters or fewer');
  await inTransaction(db, async (trx) => {
    await saveReport(trx, { ...report, foreword: input.foreword.trim(), overallFindings: input.overallFindings.trim(), updatedBy: actor });
    // Each changed text is also a new version of its section, so the writing pages keep its whole history.
    for (const [section, before, after] of [['foreword', report.foreword, input.foreword.trim()], ['overall-findings', report.overallFindings, input.overallFindings.trim()]] as const)
      if (before !== after) await recordSectionVersion(trx, { inspectionId: input.inspectionId, section, parts: { text: after }, baseVersion: 'latest', approved: true, note: 'Saved on the report and publication page', commentId: null }, actor);
    await recordAudit(trx, { actor, action: 'report.text-saved', entity: 'report', entityId: input.inspectionId, inspectionId: input.inspectionId, before: { foreword: report.foreword, overallFindings: report.overallFindings }, after: { foreword: input.foreword.trim(), overallFindings: input.overallFindings.trim() } });
  });
}

export async function addRecommendationTo(db: Db, input: { inspectionId: number; addressedTo: string; text: string }, actor: string): Promise<void> {
  const { report } = await reportOverview(db, input.inspectionId);
  requireEditable(report.status);
  if (input.addressedTo !== 'pdu' && input.addressedTo !== 'region' && input.addressedTo !== 'national') throw new AppError('invalid', 'Select who the recommendation is for');
  if (!input.text.trim()) throw new AppError('invalid', 'Write the recommendation');
  const addressedTo = input.addressedTo;
  await inTransaction(db, async (trx) => {
    const id = await addRecommendation(trx, input.inspectionId, { addressedTo, text: input.text.trim() });
    await recordAudit(trx, { actor, action: 'report.recommendation-added', entity: 'recommendation', entityId: id, inspectionId: input.inspectionId, after: { addressedTo, text: input.text.trim() } });
  });
}

export async function removeRecommendation(db: Db, input: { inspectionId: number; id: number }, actor: string): Promise<void> {
  const { report, recommendations } = await reportOverview(db, input.inspectionId);
  requireEditable(report.status);
  const before = recommendations.find((r) => r.id === input.id);
  if (!before) throw new AppError('not-found', 'There is no such recommendation');
  await inTransaction(db, async (trx) => {
    await deleteRecommendation(trx, input.inspectionId, input.id);
    await recordAudit(trx, { actor, action: 'report.recommendation-removed', entity: 'recommendation', entityId: input.id, inspectionId: input.inspectionId, before });
  });
}

/**
 * Moves the report on. Embargoing queues each recipient's email in the same transaction; withdrawing
 * the embargo withdraws their links and the emails not yet sent; publishing (at once, today) does
 * too, as every link then leads to the public page.
 */
export async function moveReport(db: Db, input: { inspectionId: number; to: ReportStatus; publishOn?: string }, actor: string, today = clock.today()): Promise<void> {
  const { inspection, report, state, recipients } = await reportOverview(db, input.inspectionId, today);
  const problems = transitionProblems(state, input.to, today, input.publishOn);
  if (problems.length) throw new AppError('invalid', problems.join('; '));
  const publishOn = input.to === 'embargoed' ? input.publishOn! : input.to === 'published' ? today : report.publishOn;
  await inTransaction(db, async (trx) => {
    await saveReport(trx, { ...report, status: input.to, publishOn, updatedBy: actor });
    await recordAudit(trx, { actor, action: 'report.status-changed', entity: 'report', entityId: input.inspectionId, inspectionId: input.inspectionId, before: { status: report.status, publishOn: report.publishOn }, after: { status: input.to, publishOn } });
    if (input.to === 'embargoed') await queueEmbargoedCopies(trx, { inspectionId: input.inspectionId, organisationId: inspection.organisationId, publishOn: publishOn!, recipients }, actor);
    else if (report.status === 'embargoed') await withdrawEmbargoedCopies(trx, input.inspectionId, input.to === 'published' ? 'Not sent: the report was published' : 'Not sent: the embargo was withdrawn', actor);
  });
}

/** Publishes the report today, from the factual accuracy check or lifting the embargo early (the page asks to confirm first). */
export const publishNow = (db: Db, inspectionId: number, actor: string, today = clock.today()): Promise<void> => moveReport(db, { inspectionId, to: 'published' }, actor, today);

/** Sends a recipient a new link (the old one stops working), while the report is embargoed: after a failed email, or a link locked by wrong addresses. */
export async function resendEmbargoedCopy(db: Db, input: { inspectionId: number; recipientId: number }, actor: string, today = clock.today()): Promise<void> {
  const { inspection, report, recipients } = await reportOverview(db, input.inspectionId, today);
  if (report.status !== 'embargoed') throw new AppError('conflict', 'The embargoed copy is sent only while the report is embargoed');
  const recipient = recipients.find((r) => r.id === input.recipientId);
  if (!recipient) throw new AppError('not-found', 'There is no such recipient');
  await inTransaction(db, (trx) => queueEmbargoedCopies(trx, { inspectionId: input.inspectionId, organisationId: inspection.organisationId, publishOn: report.publishOn!, recipients: [recipient] }, actor));
}

export async function commentOnReport(db: Db, input: { inspectionId: number; section: string; comment: string }, actor: string): Promise<void> {
  const { report } = await reportOverview(db, input.inspectionId);
  if (report.status !== 'factual-accuracy') throw new AppError('conflict', 'Comments are taken only during the factual accuracy check');
  if (!input.section.trim()) throw new AppError('invalid', 'Say which part of the report the comment is about');
  if (!input.comment.trim()) throw new AppError('invalid', 'Write the comment');
  await inTransaction(db, async (trx) => {
    const id = await addFactualAccuracyComment(trx, input.inspectionId, { author: actor, section: input.section.trim(), comment: input.comment.trim() });
    await recordAudit(trx, { actor, action: 'report.comment-added', entity: 'factual-accuracy-comment', entityId: id, inspectionId: input.inspectionId, after: { section: input.section.trim(), comment: input.comment.trim() } });
  });
}

export async function decideComment(db: Db, input: { inspectionId: number; id: number; decision: string; reason: string }, actor: string): Promise<void> {
  const { report, comments } = await reportOverview(db, input.inspectionId);
  if (report.status !== 'factual-accuracy') throw new AppError('conflict', 'Comments are decided during the factual accuracy check');
  if (input.decision !== 'accepted' && input.decision !== 'rejected') throw new AppError('invalid', 'Select accept or reject');
  if (!input.reason.trim()) throw new AppError('invalid', 'Give the reason for the decision');
  const comment = comments.find((c) => c.id === input.id);
  if (!comment) throw new AppError('not-found', 'There is no such comment');
  const decision = input.decision;
  await inTransaction(db, async (trx) => {
    await decideFactualAccuracyComment(trx, input.inspectionId, input.id, { decision, reason: input.reason.trim(), by: actor });
    await recordAudit(trx, { actor, action: 'report.comment-decided', entity: 'factual-accuracy-comment', entityId: input.id, inspectionId: input.inspectionId, before: { decision: comment.decision }, after: { decision, reason: input.reason.trim() } });
  });
}

/** Names a recipient of the embargoed copy; one named while the report is embargoed is sent their copy at once. */
export async function addRecipient(db: Db, input: { inspectionId: number; name: string; email: string; organisation: string }, actor: string): Promise<void> {
  const { inspection, report } = await reportOverview(db, input.inspectionId);
  if (report.status === 'published') throw new AppError('conflict', 'The report is published');
  if (!input.name.trim()) throw new AppError('invalid', 'Enter the recipient’s name');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email.trim())) throw new AppError('invalid', 'Enter an email address in the correct format, like name@example.com');
  const recipient = { name: input.name.trim(), email: input.email.trim(), organisation: input.organisation.trim() };
  await inTransaction(db, async (trx) => {
    const id = await addEmbargoRecipient(trx, input.inspectionId, { ...recipient, addedBy: actor });
    // The address is personal data: the audit trail names the recipient, and the page shows the address.
    await recordAudit(trx, { actor, action: 'report.embargo-recipient-added', entity: 'embargo-recipient', entityId: id, inspectionId: input.inspectionId, after: { name: recipient.name, organisation: recipient.organisation } });
    if (report.status === 'embargoed') await queueEmbargoedCopies(trx, { inspectionId: input.inspectionId, organisationId: inspection.organisationId, publishOn: report.publishOn!, recipients: [{ id, ...recipient }] }, actor);
  });
}
