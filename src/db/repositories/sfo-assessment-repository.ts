// SFO assessment journey data access: assessments and their standard ratings, acknowledgements of
// flags, moderation draws, second readings, settlements, a sample's sign-off and release, and the
// regions' actions. Plain objects in and out; the rules are in src/domain/sfo.
import type { SecondReadingRatings } from '../schema-sfo.ts';
import { toJson, type Db } from './shared.ts';
import type { SfoAssessmentState } from '../../domain/sfo/sign-off.ts';
import type { SfoReading } from '../../domain/sfo/assessment.ts';

export interface SfoAssessmentRecord {
  id: number;
  sampleId: number;
  reviewId: number;
  reviewRef: string;
  regionId: number;
  region: string;
  pdu: string | null;
  offenceCategory: string;
  submittedOn: string | null;
  frameworkId: string;
  frameworkVersion: string;
  inspectorId: number | null;
  state: SfoAssessmentState;
  reading: SfoReading;
  learningPoints: string | null;
  submittedAt: Date | null;
  updatedAt: Date;
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

async function readings(db: Db, ids: readonly number[]): Promise<Map<number, Record<string, { rating?: string; rationale?: string; evidence?: string }>>> {
  const byAssessment = new Map<number, Record<string, { rating?: string; rationale?: string; evidence?: string }>>();
  if (!ids.length) return byAssessment;
  for (const r of await db.selectFrom('sfo_standard_rating').selectAll().where('assessment_id', 'in', ids).execute()) {
    const entry = byAssessment.get(r.assessment_id) ?? {};
    entry[r.standard_id] = { rating: orUndefined(r.rating), rationale: orUndefined(r.rationale), evidence: orUndefined(r.evidence) };
    byAssessment.set(r.assessment_id, entry);
  }
  return byAssessment;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('sfo_assessment')
    .innerJoin('sfo_review', 'sfo_review.id', 'sfo_assessment.review_id')
    .innerJoin('organisation', 'organisation.id', 'sfo_review.region_id')
    .select([
      'sfo_assessment.id',
      'sfo_assessment.sample_id',
      'sfo_assessment.review_id',
      'sfo_review.review_ref',
      'sfo_review.region_id',
      'organisation.name as region',
      'sfo_review.pdu',
      'sfo_review.offence_category',
      'sfo_review.submitted_on',
      'sfo_assessment.framework_id',
      'sfo_assessment.framework_version',
      'sfo_assessment.inspector_id',
      'sfo_assessment.state',
      'sfo_assessment.overall_rating',
      'sfo_assessment.overall_rationale',
      'sfo_assessment.learning_points',
      'sfo_assessment.submitted_at',
      'sfo_assessment.updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

async function toRecords(db: Db, rows: Row[]): Promise<SfoAssessmentRecord[]> {
  const ratings = await readings(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    sampleId: r.sample_id,
    reviewId: r.review_id,
    reviewRef: r.review_ref,
    regionId: r.region_id,
    region: r.region,
    pdu: r.pdu,
    offenceCategory: r.offence_category,
    submittedOn: r.submitted_on,
    frameworkId: r.framework_id,
    frameworkVersion: r.framework_version,
    inspectorId: r.inspector_id,
    state: r.state,
    reading: { standards: ratings.get(r.id) ?? {}, overall: orUndefined(r.overall_rating), overallRationale: orUndefined(r.overall_rationale) },
    learningPoints: r.learning_points,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  }));
}

export async function getSfoAssessment(db: Db, id: number, options: { lock?: boolean } = {}): Promise<SfoAssessmentRecord | undefined> {
  if (options.lock) await db.selectFrom('sfo_assessment').select('id').where('id', '=', id).forUpdate().execute();
  return (await toRecords(db, await baseQuery(db).where('sfo_assessment.id', '=', id).execute()))[0];
}

export async function listSfoAssessments(db: Db, filter: { sampleId?: number; regionId?: number; states?: SfoAssessmentState[] }): Promise<SfoAssessmentRecord[]> {
  let q = baseQuery(db).orderBy('sfo_review.review_ref');
  if (filter.sampleId !== undefined) q = q.where('sfo_assessment.sample_id', '=', filter.sampleId);
  if (filter.regionId !== undefined) q = q.where('sfo_review.region_id', '=', filter.regionId);
  if (filter.states) q = q.where('sfo_assessment.state', 'in', filter.states);
  return toRecords(db, await q.execute());
}

export async function insertSfoAssessment(db: Db, a: { sampleId: number; reviewId: number; frameworkId: string; frameworkVersion: string; inspectorId: number; updatedBy: string }): Promise<number> {
  const row = await db
    .insertInto('sfo_assessment')
    .values({ sample_id: a.sampleId, review_id: a.reviewId, framework_id: a.frameworkId, framework_version: a.frameworkVersion, inspector_id: a.inspectorId, updated_by: a.updatedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setSfoAssessmentInspector(db: Db, id: number, inspectorId: number, updatedBy: string): Promise<void> {
  await db.updateTable('sfo_assessment').set({ inspector_id: inspectorId, updated_by: updatedBy, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Writes the first reading whole (every standard's row), its learning points and state. */
export async function saveSfoFirstReading(db: Db, id: number, reading: SfoReading, learningPoints: string | null, state: SfoAssessmentState, submittedAt: Date | null, updatedBy: string): Promise<void> {
  const now = new Date();
  await db
    .updateTable('sfo_assessment')
    .set({ overall_rating: reading.overall ?? null, overall_rationale: reading.overallRationale ?? null, learning_points: learningPoints, state, submitted_at: submittedAt, updated_by: updatedBy, updated_at: now })
    .where('id', '=', id)
    .execute();
  const rows = Object.entries(reading.standards).map(([standard_id, r]) => ({ assessment_id: id, standard_id, rating: r.rating ?? null, rationale: r.rationale ?? null, evidence: r.evidence ?? null, updated_by: updatedBy, updated_at: now }));
  if (rows.length)
    await db
      .insertInto('sfo_standard_rating')
      .values(rows)
      .onConflict((oc) => oc.columns(['assessment_id', 'standard_id']).doUpdateSet((eb) => ({ rating: eb.ref('excluded.rating'), rationale: eb.ref('excluded.rationale'), evidence: eb.ref('excluded.evidence'), updated_by: eb.ref('excluded.updated_by'), updated_at: eb.ref('excluded.updated_at') })))
      .execute();
}

/** A settled rating replaces the first reading's for that item (the settlement keeps what each reader said). */
export async function setSfoItemRating(db: Db, id: number, item: string, rating: string, updatedBy: string): Promise<void> {
  const now = new Date();
  if (item === 'overall') await db.updateTable('sfo_assessment').set({ overall_rating: rating, updated_by: updatedBy, updated_at: now }).where('id', '=', id).execute();
  else await db.updateTable('sfo_standard_rating').set({ rating, updated_by: updatedBy, updated_at: now }).where('assessment_id', '=', id).where('standard_id', '=', item).execute();
}

export async function setSfoAssessmentState(db: Db, ids: readonly number[], state: SfoAssessmentState, updatedBy: string): Promise<void> {
  if (ids.length) await db.updateTable('sfo_assessment').set({ state, updated_by: updatedBy, updated_at: new Date() }).where('id', 'in', ids).execute();
}

export interface SfoAcknowledgementRecord {
  assessmentId: number;
  rule: string;
  reason: string;
  acknowledgedBy: string;
  acknowledgedAt: Date;
}

export async function listSfoAcknowledgements(db: Db, assessmentIds: readonly number[]): Promise<SfoAcknowledgementRecord[]> {
  if (!assessmentIds.length) return [];
  const rows = await db.selectFrom('sfo_flag_acknowledgement').selectAll().where('assessment_id', 'in', assessmentIds).orderBy('acknowledged_at').execute();
  return rows.map((r) => ({ assessmentId: r.assessment_id, rule: r.rule, reason: r.reason, acknowledgedBy: r.acknowledged_by, acknowledgedAt: r.acknowledged_at }));
}

export async function saveSfoAcknowledgements(db: Db, assessmentId: number, rules: readonly string[], reason: string, by: string): Promise<void> {
  if (!rules.length) return;
  await db
    .insertInto('sfo_flag_acknowledgement')
    .values(rules.map((rule) => ({ assessment_id: assessmentId, rule, reason, acknowledged_by: by })))
    .onConflict((oc) => oc.columns(['assessment_id', 'rule']).doUpdateSet((eb) => ({ reason: eb.ref('excluded.reason'), acknowledged_by: eb.ref('excluded.acknowledged_by'), acknowledged_at: new Date() })))
    .execute();
}

export interface SfoModerationRecord {
  sampleId: number;
  share: number;
  seed: number;
  drawn: string[];
  drawnBy: string;
  drawnAt: Date;
}

export async function getSfoModeration(db: Db, sampleId: number): Promise<SfoModerationRecord | undefined> {
  const r = await db.selectFrom('sfo_moderation').selectAll().where('sample_id', '=', sampleId).executeTakeFirst();
  return r && { sampleId: r.sample_id, share: Number(r.share), seed: Number(r.seed), drawn: r.drawn, drawnBy: r.drawn_by, drawnAt: r.drawn_at };
}

export async function insertSfoModeration(db: Db, m: Omit<SfoModerationRecord, 'drawnAt'>): Promise<void> {
  await db.insertInto('sfo_moderation').values({ sample_id: m.sampleId, share: m.share, seed: m.seed, drawn: toJson(m.drawn), drawn_by: m.drawnBy }).execute();
}

export interface SfoSecondReadingRecord {
  assessmentId: number;
  readerId: number;
  reading: SfoReading;
  submittedAt: Date | null;
  updatedAt: Date;
}

export async function listSfoSecondReadings(db: Db, assessmentIds: readonly number[]): Promise<SfoSecondReadingRecord[]> {
  if (!assessmentIds.length) return [];
  const rows = await db.selectFrom('sfo_second_reading').selectAll().where('assessment_id', 'in', assessmentIds).execute();
  return rows.map((r) => ({
    assessmentId: r.assessment_id,
    readerId: r.reader_id,
    reading: { standards: r.ratings, overall: orUndefined(r.overall_rating), overallRationale: orUndefined(r.overall_rationale) },
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  }));
}

export async function assignSfoSecondReader(db: Db, assessmentId: number, readerId: number, by: string): Promise<void> {
  await db
    .insertInto('sfo_second_reading')
    .values({ assessment_id: assessmentId, reader_id: readerId, updated_by: by })
    .onConflict((oc) => oc.column('assessment_id').doUpdateSet({ reader_id: readerId, updated_by: by, updated_at: new Date() }))
    .execute();
}

export async function saveSfoSecondReading(db: Db, assessmentId: number, reading: SfoReading, submittedAt: Date | null, by: string): Promise<void> {
  const ratings: SecondReadingRatings = Object.fromEntries(Object.entries(reading.standards).map(([id, r]) => [id, { ...(r.rating ? { rating: r.rating } : {}), ...(r.rationale ? { rationale: r.rationale } : {}) }]));
  await db
    .updateTable('sfo_second_reading')
    .set({ ratings: toJson(ratings), overall_rating: reading.overall ?? null, overall_rationale: reading.overallRationale ?? null, submitted_at: submittedAt, updated_by: by, updated_at: new Date() })
    .where('assessment_id', '=', assessmentId)
    .execute();
}

export interface SfoSettlementRecord {
  assessmentId: number;
  item: string;
  firstRating: string;
  secondRating: string;
  settledRating: string;
  reason: string;
  settledBy: string;
  settledAt: Date;
}

export async function listSfoSettlements(db: Db, assessmentIds: readonly number[]): Promise<SfoSettlementRecord[]> {
  if (!assessmentIds.length) return [];
  const rows = await db.selectFrom('sfo_settlement').selectAll().where('assessment_id', 'in', assessmentIds).orderBy('settled_at').execute();
  return rows.map((r) => ({ assessmentId: r.assessment_id, item: r.item, firstRating: r.first_rating, secondRating: r.second_rating, settledRating: r.settled_rating, reason: r.reason, settledBy: r.settled_by, settledAt: r.settled_at }));
}

export async function insertSfoSettlement(db: Db, s: Omit<SfoSettlementRecord, 'settledAt'>): Promise<void> {
  await db
    .insertInto('sfo_settlement')
    .values({ assessment_id: s.assessmentId, item: s.item, first_rating: s.firstRating, second_rating: s.secondRating, settled_rating: s.settledRating, reason: s.reason, settled_by: s.settledBy })
    .execute();
}

export interface SfoSignOffRecord {
  sampleId: number;
  signedOffBy: string;
  signedOffAt: Date;
  releasedBy: string | null;
  releasedAt: Date | null;
}

export async function getSfoSignOff(db: Db, sampleId: number): Promise<SfoSignOffRecord | undefined> {
  const r = await db.selectFrom('sfo_sample_sign_off').selectAll().where('sample_id', '=', sampleId).executeTakeFirst();
  return r && { sampleId: r.sample_id, signedOffBy: r.signed_off_by, signedOffAt: r.signed_off_at, releasedBy: r.released_by, releasedAt: r.released_at };
}

export async function insertSfoSignOff(db: Db, sampleId: number, by: string): Promise<void> {
  await db.insertInto('sfo_sample_sign_off').values({ sample_id: sampleId, signed_off_by: by }).execute();
}

export async function setSfoReleased(db: Db, sampleId: number, by: string): Promise<void> {
  await db.updateTable('sfo_sample_sign_off').set({ released_by: by, released_at: new Date() }).where('sample_id', '=', sampleId).execute();
}

export interface SfoRegionActionRecord {
  id: number;
  assessmentId: number;
  action: string;
  owner: string;
  dueOn: string;
  createdBy: string;
  createdAt: Date;
}

export async function listSfoRegionActions(db: Db, assessmentIds: readonly number[]): Promise<SfoRegionActionRecord[]> {
  if (!assessmentIds.length) return [];
  const rows = await db.selectFrom('sfo_region_action').selectAll().where('assessment_id', 'in', assessmentIds).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, assessmentId: r.assessment_id, action: r.action, owner: r.owner, dueOn: r.due_on, createdBy: r.created_by, createdAt: r.created_at }));
}

export async function insertSfoRegionAction(db: Db, a: { assessmentId: number; action: string; owner: string; dueOn: string; createdBy: string }): Promise<number> {
  const row = await db.insertInto('sfo_region_action').values({ assessment_id: a.assessmentId, action: a.action, owner: a.owner, due_on: a.dueOn, created_by: a.createdBy }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
