// Services' answers to recommendations, their progress, and reviews at the next inspection.
import { sql } from 'kysely';
import type { Db } from './shared.ts';

export interface RecommendationResponse {
  response: 'agreed' | 'partly-agreed' | 'not-agreed';
  actions: string;
  owner: string;
  dueOn: string | null;
  respondedBy: string;
  respondedAt: Date;
}

export interface ProgressNote {
  note: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface RecommendationReview {
  reviewedIn: number;
  outcome: 'met' | 'partly-met' | 'not-met';
  note: string;
  recordedBy: string;
}

export async function saveRecommendationResponse(db: Db, recommendationId: number, r: Omit<RecommendationResponse, 'respondedAt'>): Promise<void> {
  const values = { recommendation_id: recommendationId, response: r.response, actions: r.actions, owner: r.owner, due_on: r.dueOn, responded_by: r.respondedBy };
  await db.insertInto('recommendation_response').values(values).onConflict((oc) => oc.column('recommendation_id').doUpdateSet({ ...values, responded_at: sql<Date>`now()` })).execute();
}

export async function addProgressNote(db: Db, recommendationId: number, note: string, by: string): Promise<void> {
  await db.insertInto('recommendation_progress').values({ recommendation_id: recommendationId, note, recorded_by: by }).execute();
}

export async function saveRecommendationReview(db: Db, recommendationId: number, review: RecommendationReview): Promise<void> {
  const values = { recommendation_id: recommendationId, reviewed_in: review.reviewedIn, outcome: review.outcome, note: review.note, recorded_by: review.recordedBy };
  await db.insertInto('recommendation_review').values(values).onConflict((oc) => oc.columns(['recommendation_id', 'reviewed_in']).doUpdateSet({ ...values, recorded_at: sql<Date>`now()` })).execute();
}

/** Responses, progress notes and reviews for a set of recommendations, by recommendation id. */
export async function actionPlanRecords(db: Db, recommendationIds: number[]) {
  const ids = recommendationIds.length ? recommendationIds : [-1];
  const [responses, progress, reviews] = await Promise.all([
    db.selectFrom('recommendation_response').selectAll().where('recommendation_id', 'in', ids).execute(),
    db.selectFrom('recommendation_progress').selectAll().where('recommendation_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('recommendation_review').selectAll().where('recommendation_id', 'in', ids).execute(),
  ]);
  return {
    responses: new Map<number, RecommendationResponse>(responses.map((r) => [r.recommendation_id, { response: r.response, actions: r.actions, owner: r.owner, dueOn: r.due_on, respondedBy: r.responded_by, respondedAt: r.responded_at }])),
    progress: (id: number): ProgressNote[] => progress.filter((p) => p.recommendation_id === id).map((p) => ({ note: p.note, recordedBy: p.recorded_by, recordedAt: p.recorded_at })),
    reviews: (id: number): RecommendationReview[] => reviews.filter((r) => r.recommendation_id === id).map((r) => ({ reviewedIn: r.reviewed_in, outcome: r.outcome, note: r.note, recordedBy: r.recorded_by })),
  };
}
