// One lead-inspector judgement at a time, leaving the cases untouched.
import type { RecordedJudgement } from '../../domain/assessment/types.ts';
import type { Db } from './shared.ts';

export async function saveInspectionJudgement(db: Db, inspectionId: number, itemId: string, judgement: RecordedJudgement, recordedBy: string): Promise<void> {
  await db
    .insertInto('inspection_judgement')
    .values({ inspection_id: inspectionId, item_id: itemId, rating: judgement.rating, rationale: judgement.rationale ?? null, recorded_by: recordedBy })
    .onConflict((oc) =>
      oc.columns(['inspection_id', 'item_id']).doUpdateSet((eb) => ({
        rating: eb.ref('excluded.rating'),
        rationale: eb.ref('excluded.rationale'),
        recorded_by: eb.ref('excluded.recorded_by'),
        recorded_at: eb.fn('now'),
      })),
    )
    .execute();
}
