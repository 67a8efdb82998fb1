// An inspection's timeline: the booking it was made from, the moves of its milestones' dates, and
// the records its milestones' states are read from (sample, survey, sign-off, report, action plan).
import type { Db } from './shared.ts';

export interface InspectionBooking {
  inspectionId: number;
  cycleId: number;
  booking: string;
  revision: number;
  week: string;
  team: string | null;
  createdBy: string;
  createdAt: Date;
}

export async function insertInspectionBooking(db: Db, b: Omit<InspectionBooking, 'createdAt'>): Promise<void> {
  await db
    .insertInto('inspection_booking')
    .values({ inspection_id: b.inspectionId, cycle_id: b.cycleId, booking: b.booking, revision: b.revision, week: b.week, team: b.team, created_by: b.createdBy })
    .execute();
}

export async function getInspectionBooking(db: Db, inspectionId: number): Promise<InspectionBooking | undefined> {
  const r = await db.selectFrom('inspection_booking').selectAll().where('inspection_id', '=', inspectionId).executeTakeFirst();
  return r && { inspectionId: r.inspection_id, cycleId: r.cycle_id, booking: r.booking, revision: r.revision, week: r.week, team: r.team, createdBy: r.created_by, createdAt: r.created_at };
}

export interface InspectionYouthSelection {
  inspectionId: number;
  selectionId: number;
  service: string;
  asOf: string;
  reasons: string;
  createdBy: string;
  createdAt: Date;
}

export async function insertInspectionYouthSelection(db: Db, s: Omit<InspectionYouthSelection, 'createdAt'>): Promise<void> {
  await db
    .insertInto('inspection_youth_selection')
    .values({ inspection_id: s.inspectionId, selection_id: s.selectionId, service: s.service, as_of: s.asOf, reasons: s.reasons, created_by: s.createdBy })
    .execute();
}

export async function getInspectionYouthSelection(db: Db, inspectionId: number): Promise<InspectionYouthSelection | undefined> {
  const r = await db.selectFrom('inspection_youth_selection').selectAll().where('inspection_id', '=', inspectionId).executeTakeFirst();
  return r && { inspectionId: r.inspection_id, selectionId: r.selection_id, service: r.service, asOf: r.as_of, reasons: r.reasons, createdBy: r.created_by, createdAt: r.created_at };
}

/** The services of a youth selection already made into inspections: service name → inspection id. */
export async function selectedInspections(db: Db, selectionId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('inspection_youth_selection').select(['service', 'inspection_id']).where('selection_id', '=', selectionId).execute();
  return new Map(rows.map((r) => [r.service, r.inspection_id]));
}

/** The bookings of a cycle already made into inspections: booking key → inspection id. */
export async function bookedInspections(db: Db, cycleId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('inspection_booking').select(['booking', 'inspection_id']).where('cycle_id', '=', cycleId).execute();
  return new Map(rows.map((r) => [r.booking, r.inspection_id]));
}

export interface MilestoneMove {
  id: number;
  inspectionId: number;
  milestone: string;
  from: string;
  to: string;
  reason: string;
  movedBy: string;
  movedAt: Date;
}

export async function insertMilestoneMove(db: Db, m: Omit<MilestoneMove, 'id' | 'movedAt'>): Promise<MilestoneMove> {
  const r = await db
    .insertInto('inspection_milestone_move')
    .values({ inspection_id: m.inspectionId, milestone: m.milestone, from_on: m.from, to_on: m.to, reason: m.reason, moved_by: m.movedBy })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMove(r);
}

/** Every move of the inspection's milestones, oldest first. */
export async function listMilestoneMoves(db: Db, inspectionId: number): Promise<MilestoneMove[]> {
  const rows = await db.selectFrom('inspection_milestone_move').selectAll().where('inspection_id', '=', inspectionId).orderBy('id').execute();
  return rows.map(toMove);
}

const toMove = (r: { id: number; inspection_id: number; milestone: string; from_on: string; to_on: string; reason: string; moved_by: string; moved_at: Date }): MilestoneMove => ({
  id: r.id,
  inspectionId: r.inspection_id,
  milestone: r.milestone,
  from: r.from_on,
  to: r.to_on,
  reason: r.reason,
  movedBy: r.moved_by,
  movedAt: r.moved_at,
});

export interface TimelineRecord {
  caseloadUploaded: boolean;
  sampleConfirmed: boolean;
  survey: 'none' | 'draft' | 'open' | 'closed';
  signedOff: boolean;
  report: 'draft' | 'factual-accuracy' | 'embargoed' | 'published' | null;
  recommendations: number;
  recommendationsAnswered: number;
  cases: number;
  /** Milestones recorded by hand as happened (the audit event timeline.milestone-done): the latest day recorded for each. */
  doneByHand: Record<string, string>;
}

/** The audit action that records a milestone as happened; its after holds { milestone: key, on: YYYY-MM-DD }. */
export const MILESTONE_DONE_ACTION = 'timeline.milestone-done';

/** What the product has recorded of the inspection's progress, as stored. */
export async function readTimelineRecord(db: Db, inspectionId: number): Promise<TimelineRecord> {
  const [inspection, sample, survey, report, recommendations, cases, done] = await Promise.all([
    db.selectFrom('inspection').select('status').where('id', '=', inspectionId).executeTakeFirst(),
    db.selectFrom('case_sample').select(['caseload_uploaded_at', 'status']).where('inspection_id', '=', inspectionId).executeTakeFirst(),
    db.selectFrom('survey').select('status').where('inspection_id', '=', inspectionId).orderBy('id', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('report').select('status').where('inspection_id', '=', inspectionId).executeTakeFirst(),
    db
      .selectFrom('recommendation as r')
      .leftJoin('recommendation_response as rr', 'rr.recommendation_id', 'r.id')
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('rr.recommendation_id').as('answered')])
      .where('r.inspection_id', '=', inspectionId)
      .executeTakeFirst(),
    db.selectFrom('inspection_case').select((eb) => eb.fn.countAll<number>().as('n')).where('inspection_id', '=', inspectionId).executeTakeFirst(),
    db.selectFrom('audit_event').select('after').where('inspection_id', '=', inspectionId).where('action', '=', MILESTONE_DONE_ACTION).orderBy('id').execute(),
  ]);
  const doneByHand: Record<string, string> = {};
  for (const { after } of done) {
    const a = (after ?? {}) as { milestone?: unknown; on?: unknown };
    if (typeof a.milestone === 'string' && typeof a.on === 'string') doneByHand[a.milestone] = a.on;
  }
  return {
    caseloadUploaded: !!sample?.caseload_uploaded_at,
    sampleConfirmed: sample?.status === 'confirmed',
    survey: survey?.status ?? 'none',
    signedOff: inspection?.status === 'signed-off',
    report: report?.status ?? null,
    recommendations: Number(recommendations?.total ?? 0),
    recommendationsAnswered: Number(recommendations?.answered ?? 0),
    cases: Number(cases?.n ?? 0),
    doneByHand,
  };
}
