// Writing and publishing an inspection's report: text and recommendations, the service's factual
// accuracy comments (each accepted or rejected with a reason), the embargoed copy's recipients,
// and publication on a set date. Every change is audited.
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
  type Db,
} from '../db/repositories/index.ts';
import { effectiveStatus, textEditable, transitionProblems, type ReportStatus } from '../domain/publication/workflow.ts';
import { AppError } from './errors.ts';
import { requireInspection } from './inspections.ts';

export const todayIso = (now = new Date()) => now.toISOString().slice(0, 10);

export async function reportOverview(db: Db, inspectionId: number, today = todayIso()) {
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

export async function saveReportText(db: Db, input: { inspectionId: number; foreword: string; overallFindings: string }, actor: string): Promise<void> {
  const { report } = await reportOverview(db, input.inspectionId);
  requireEditable(report.status);
  if (input.foreword.length > 50_000 || input.overallFindings.length > 50_000) throw new AppError('invalid', 'Each text must be 50,000 characters or fewer');
  await db.transaction().execute(async (trx) => {
    await saveReport(trx, { ...report, foreword: input.foreword.trim(), overallFindings: input.overallFindings.trim(), updatedBy: actor });
    await recordAudit(trx, { actor, action: 'report.text-saved', entity: 'report', entityId: input.inspectionId, inspectionId: input.inspectionId, before: { foreword: report.foreword, overallFindings: report.overallFindings }, after: { foreword: input.foreword.trim(), overallFindings: input.overallFindings.trim() } });
  });
}

export async function addRecommendationTo(db: Db, input: { inspectionId: number; addressedTo: string; text: string }, actor: string): Promise<void> {
  const { report } = await reportOverview(db, input.inspectionId);
  requireEditable(report.status);
  if (input.addressedTo !== 'pdu' && input.addressedTo !== 'region' && input.addressedTo !== 'national') throw new AppError('invalid', 'Select who the recommendation is for');
  if (!input.text.trim()) throw new AppError('invalid', 'Write the recommendation');
  const addressedTo = input.addressedTo;
  await db.transaction().execute(async (trx) => {
    const id = await addRecommendation(trx, input.inspectionId, { addressedTo, text: input.text.trim() });
    await recordAudit(trx, { actor, action: 'report.recommendation-added', entity: 'recommendation', entityId: id, inspectionId: input.inspectionId, after: { addressedTo, text: input.text.trim() } });
  });
}

export async function removeRecommendation(db: Db, input: { inspectionId: number; id: number }, actor: string): Promise<void> {
  const { report, recommendations } = await reportOverview(db, input.inspectionId);
  requireEditable(report.status);
  const before = recommendations.find((r) => r.id === input.id);
  if (!before) throw new AppError('not-found', 'There is no such recommendation');
  await db.transaction().execute(async (trx) => {
    await deleteRecommendation(trx, input.inspectionId, input.id);
    await recordAudit(trx, { actor, action: 'report.recommendation-removed', entity: 'recommendation', entityId: input.id, inspectionId: input.inspectionId, before });
  });
}

export async function moveReport(db: Db, input: { inspectionId: number; to: ReportStatus; publishOn?: string }, actor: string, today = todayIso()): Promise<void> {
  const { report, state } = await reportOverview(db, input.inspectionId, today);
  const problems = transitionProblems(state, input.to, today, input.publishOn);
  if (problems.length) throw new AppError('invalid', problems.join('; '));
  await db.transaction().execute(async (trx) => {
    await saveReport(trx, { ...report, status: input.to, publishOn: input.to === 'embargoed' ? input.publishOn! : report.publishOn, updatedBy: actor });
    await recordAudit(trx, { actor, action: 'report.status-changed', entity: 'report', entityId: input.inspectionId, inspectionId: input.inspectionId, before: { status: report.status, publishOn: report.publishOn }, after: { status: input.to, publishOn: input.to === 'embargoed' ? input.publishOn : report.publishOn } });
  });
}

export async function commentOnReport(db: Db, input: { inspectionId: number; section: string; comment: string }, actor: string): Promise<void> {
  const { report } = await reportOverview(db, input.inspectionId);
  if (report.status !== 'factual-accuracy') throw new AppError('conflict', 'Comments are taken only during the factual accuracy check');
  if (!input.section.trim()) throw new AppError('invalid', 'Say which part of the report the comment is about');
  if (!input.comment.trim()) throw new AppError('invalid', 'Write the comment');
  await db.transaction().execute(async (trx) => {
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
  await db.transaction().execute(async (trx) => {
    await decideFactualAccuracyComment(trx, input.inspectionId, input.id, { decision, reason: input.reason.trim(), by: actor });
    await recordAudit(trx, { actor, action: 'report.comment-decided', entity: 'factual-accuracy-comment', entityId: input.id, inspectionId: input.inspectionId, before: { decision: comment.decision }, after: { decision, reason: input.reason.trim() } });
  });
}

export async function addRecipient(db: Db, input: { inspectionId: number; name: string; email: string; organisation: string }, actor: string): Promise<void> {
  const { report } = await reportOverview(db, input.inspectionId);
  if (report.status === 'published') throw new AppError('conflict', 'The report is published');
  if (!input.name.trim()) throw new AppError('invalid', 'Enter the recipient’s name');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email.trim())) throw new AppError('invalid', 'Enter an email address in the correct format, like name@example.com');
  await db.transaction().execute(async (trx) => {
    await addEmbargoRecipient(trx, input.inspectionId, { name: input.name.trim(), email: input.email.trim(), organisation: input.organisation.trim(), addedBy: actor });
    await recordAudit(trx, { actor, action: 'report.embargo-recipient-added', entity: 'report', entityId: input.inspectionId, inspectionId: input.inspectionId, after: { name: input.name.trim(), email: input.email.trim(), organisation: input.organisation.trim() } });
  });
}
