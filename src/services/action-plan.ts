// After publication the service answers each recommendation (agreed, partly agreed, not agreed)
// with actions, an owner and a date, and reports progress; at the next inspection of that service
// the lead inspector records whether each earlier recommendation was met.
import {
  actionPlanRecords,
  addProgressNote,
  listInspections,
  listRecommendations,
  recordAudit,
  saveRecommendationResponse,
  saveRecommendationReview,
  inTransaction,
  type Db,
} from '../db/repositories/index.ts';
import { AppError } from './errors.ts';
import { currentPublication } from './inspection-scope.ts';
import { requireInspection } from './inspections.ts';

export async function actionPlan(db: Db, inspectionId: number) {
  const inspection = await requireInspection(db, inspectionId);
  const { published } = await currentPublication(db);
  const recommendations = await listRecommendations(db, inspectionId);
  // The previous published inspection of the same service, whose recommendations are reviewed now.
  const previous = (await listInspections(db, { organisationId: inspection.organisationId }))
    .filter((i) => i.id !== inspectionId && i.fieldworkStart < inspection.fieldworkStart && published.has(i.id))
    .sort((a, b) => b.fieldworkStart.localeCompare(a.fieldworkStart))[0];
  const previousRecommendations = previous ? await listRecommendations(db, previous.id) : [];
  const records = await actionPlanRecords(db, [...recommendations, ...previousRecommendations].map((r) => r.id));
  const withRecords = (list: typeof recommendations) =>
    list.map((r) => ({ ...r, response: records.responses.get(r.id), progress: records.progress(r.id), reviews: records.reviews(r.id) }));
  return { inspection, published: published.has(inspectionId), recommendations: withRecords(recommendations), previous, previousRecommendations: withRecords(previousRecommendations) };
}

const RESPONSES = ['agreed', 'partly-agreed', 'not-agreed'] as const;
const OUTCOMES = ['met', 'partly-met', 'not-met'] as const;

export async function respondToRecommendation(
  db: Db,
  input: { inspectionId: number; recommendationId: number; response: string; actions: string; owner: string; dueOn: string },
  actor: string,
): Promise<void> {
  const plan = await actionPlan(db, input.inspectionId);
  if (!plan.published) throw new AppError('conflict', 'Recommendations are answered once the report is published');
  const recommendation = plan.recommendations.find((r) => r.id === input.recommendationId);
  if (!recommendation) throw new AppError('not-found', 'There is no such recommendation');
  const response = RESPONSES.find((r) => r === input.response);
  if (!response) throw new AppError('invalid', 'Select agreed, partly agreed or not agreed');
  if (!input.actions.trim()) throw new AppError('invalid', response === 'not-agreed' ? 'Explain why the recommendation is not agreed' : 'Describe the actions');
  if (response !== 'not-agreed' && !input.owner.trim()) throw new AppError('invalid', 'Name the owner of the actions');
  if (input.dueOn && !/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn)) throw new AppError('invalid', 'Enter the date as YYYY-MM-DD');
  await inTransaction(db, async (trx) => {
    const saved = { response, actions: input.actions.trim(), owner: input.owner.trim(), dueOn: input.dueOn || null, respondedBy: actor };
    await saveRecommendationResponse(trx, recommendation.id, saved);
    await recordAudit(trx, { actor, action: 'action-plan.response-recorded', entity: 'recommendation', entityId: recommendation.id, inspectionId: input.inspectionId, before: recommendation.response ?? null, after: saved });
  });
}

export async function recordProgress(db: Db, input: { inspectionId: number; recommendationId: number; note: string }, actor: string): Promise<void> {
  const plan = await actionPlan(db, input.inspectionId);
  const recommendation = plan.recommendations.find((r) => r.id === input.recommendationId);
  if (!recommendation?.response) throw new AppError('conflict', 'Answer the recommendation before reporting progress on it');
  if (!input.note.trim()) throw new AppError('invalid', 'Describe the progress');
  await inTransaction(db, async (trx) => {
    await addProgressNote(trx, recommendation.id, input.note.trim(), actor);
    await recordAudit(trx, { actor, action: 'action-plan.progress-recorded', entity: 'recommendation', entityId: recommendation.id, inspectionId: input.inspectionId, after: { note: input.note.trim() } });
  });
}

export async function reviewPreviousRecommendation(db: Db, input: { inspectionId: number; recommendationId: number; outcome: string; note: string }, actor: string): Promise<void> {
  const plan = await actionPlan(db, input.inspectionId);
  const recommendation = plan.previousRecommendations.find((r) => r.id === input.recommendationId);
  if (!recommendation) throw new AppError('not-found', 'That recommendation is not from this service’s previous inspection');
  const outcome = OUTCOMES.find((o) => o === input.outcome);
  if (!outcome) throw new AppError('invalid', 'Select met, partly met or not met');
  if (!input.note.trim()) throw new AppError('invalid', 'Give the evidence for the judgement');
  await inTransaction(db, async (trx) => {
    await saveRecommendationReview(trx, recommendation.id, { reviewedIn: input.inspectionId, outcome, note: input.note.trim(), recordedBy: actor });
    await recordAudit(trx, { actor, action: 'action-plan.recommendation-reviewed', entity: 'recommendation', entityId: recommendation.id, inspectionId: input.inspectionId, after: { outcome, note: input.note.trim() } });
  });
}
