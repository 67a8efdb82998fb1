// SFO learning panels and annual SFO report drafts: data access only (the rules are in
// src/domain/sfo/learning-panel.ts and annual-report.ts, the use cases in src/services/sfo).
import type { ActionState } from '../../domain/sfo/learning-panel.ts';
import { toJson, type Db } from './shared.ts';

export interface PanelRecord {
  id: number;
  heldOn: string;
  title: string;
  agencies: string[];
  learningPoints: string[];
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

export interface PanelReviewRecord {
  panelId: number;
  reviewId: number;
  reviewRef: string;
  region: string;
}

export interface PanelActionRecord {
  id: number;
  panelId: number;
  description: string;
  owner: string;
  region: string | null;
  regionId: number | null;
  dueOn: string;
  state: ActionState;
  stateNote: string | null;
  updatedBy: string;
  updatedAt: Date;
}

export async function insertPanel(db: Db, p: { heldOn: string; title: string; agencies: string[]; learningPoints: string[]; reviewIds: number[] }, actor: string): Promise<number> {
  const { id } = await db
    .insertInto('sfo_learning_panel')
    .values({ held_on: p.heldOn, title: p.title, agencies: toJson(p.agencies), learning_points: toJson(p.learningPoints), created_by: actor, updated_by: actor })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (p.reviewIds.length) await db.insertInto('sfo_panel_review').values(p.reviewIds.map((reviewId) => ({ panel_id: id, review_id: reviewId }))).execute();
  return id;
}

/** Changes a panel's date, name, agencies and learning points, and sets the reviews it discussed to these. */
export async function updatePanel(db: Db, id: number, p: { heldOn: string; title: string; agencies: string[]; learningPoints: string[]; reviewIds: number[] }, actor: string): Promise<void> {
  await db
    .updateTable('sfo_learning_panel')
    .set({ held_on: p.heldOn, title: p.title, agencies: toJson(p.agencies), learning_points: toJson(p.learningPoints), updated_by: actor, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('sfo_panel_review').where('panel_id', '=', id).execute();
  if (p.reviewIds.length) await db.insertInto('sfo_panel_review').values(p.reviewIds.map((reviewId) => ({ panel_id: id, review_id: reviewId }))).execute();
}

const panelColumns = ['id', 'held_on', 'title', 'agencies', 'learning_points', 'created_by', 'created_at', 'updated_by', 'updated_at'] as const;
type PanelRow = { id: number; held_on: string; title: string; agencies: string[]; learning_points: string[]; created_by: string; created_at: Date; updated_by: string; updated_at: Date };
const toPanel = (r: PanelRow): PanelRecord => ({ id: r.id, heldOn: r.held_on, title: r.title, agencies: r.agencies, learningPoints: r.learning_points, createdBy: r.created_by, createdAt: r.created_at, updatedBy: r.updated_by, updatedAt: r.updated_at });

/** Newest meeting first. */
export async function listPanels(db: Db): Promise<PanelRecord[]> {
  return (await db.selectFrom('sfo_learning_panel').select(panelColumns).orderBy('held_on', 'desc').orderBy('id', 'desc').execute()).map(toPanel);
}

export async function getPanel(db: Db, id: number): Promise<PanelRecord | undefined> {
  const row = await db.selectFrom('sfo_learning_panel').select(panelColumns).where('id', '=', id).executeTakeFirst();
  return row && toPanel(row);
}

/** Locks the panel's row for the rest of the transaction; false when there is none. */
export async function lockPanel(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('sfo_learning_panel').select('id').where('id', '=', id).forUpdate().executeTakeFirst());
}

/** Every panel's reviews (or one panel's), in reference order. */
export async function listPanelReviews(db: Db, panelId?: number): Promise<PanelReviewRecord[]> {
  let q = db
    .selectFrom('sfo_panel_review')
    .innerJoin('sfo_review', 'sfo_review.id', 'sfo_panel_review.review_id')
    .innerJoin('organisation', 'organisation.id', 'sfo_review.region_id')
    .select(['sfo_panel_review.panel_id', 'sfo_panel_review.review_id', 'sfo_review.review_ref', 'organisation.name as region'])
    .orderBy('sfo_review.review_ref');
  if (panelId !== undefined) q = q.where('sfo_panel_review.panel_id', '=', panelId);
  return (await q.execute()).map((r) => ({ panelId: r.panel_id, reviewId: r.review_id, reviewRef: r.review_ref, region: r.region }));
}

export async function insertPanelAction(db: Db, a: { panelId: number; description: string; owner: string; regionId: number | null; dueOn: string }, actor: string): Promise<number> {
  const { id } = await db
    .insertInto('sfo_panel_action')
    .values({ panel_id: a.panelId, description: a.description, owner: a.owner, region_id: a.regionId, due_on: a.dueOn, created_by: actor, updated_by: actor })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Every action (or one panel's), by panel then in the order recorded. */
export async function listPanelActions(db: Db, panelId?: number): Promise<PanelActionRecord[]> {
  let q = db
    .selectFrom('sfo_panel_action')
    .leftJoin('organisation', 'organisation.id', 'sfo_panel_action.region_id')
    .select(['sfo_panel_action.id', 'panel_id', 'description', 'owner', 'region_id', 'organisation.name as region', 'due_on', 'state', 'state_note', 'updated_by', 'updated_at'])
    .orderBy('panel_id')
    .orderBy('sfo_panel_action.id');
  if (panelId !== undefined) q = q.where('panel_id', '=', panelId);
  return (await q.execute()).map((r) => ({
    id: r.id,
    panelId: r.panel_id,
    description: r.description,
    owner: r.owner,
    region: r.region ?? null,
    regionId: r.region_id,
    dueOn: r.due_on,
    state: r.state,
    stateNote: r.state_note,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

export async function updatePanelActionState(db: Db, id: number, state: ActionState, note: string | null, actor: string): Promise<void> {
  await db.updateTable('sfo_panel_action').set({ state, state_note: note, updated_by: actor, updated_at: new Date() }).where('id', '=', id).execute();
}

/** An action's description, owner and due date changed (its state is moved on by updatePanelActionState). */
export async function updatePanelAction(db: Db, id: number, a: { description: string; owner: string; dueOn: string }, actor: string): Promise<void> {
  await db.updateTable('sfo_panel_action').set({ description: a.description, owner: a.owner, due_on: a.dueOn, updated_by: actor, updated_at: new Date() }).where('id', '=', id).execute();
}

export interface AnnualReportRecord {
  yearStart: number;
  state: 'draft' | 'published';
  summary: string;
  publishedFigures: unknown;
  publishedAt: Date | null;
  updatedBy: string;
  updatedAt: Date;
}

const toAnnual = (r: { year_start: number; state: 'draft' | 'published'; summary: string; published_figures: unknown; published_at: Date | null; updated_by: string; updated_at: Date }): AnnualReportRecord => ({
  yearStart: r.year_start,
  state: r.state,
  summary: r.summary,
  publishedFigures: r.published_figures,
  publishedAt: r.published_at,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});
const annualColumns = ['year_start', 'state', 'summary', 'published_figures', 'published_at', 'updated_by', 'updated_at'] as const;

export async function getAnnualReport(db: Db, yearStart: number, lock = false): Promise<AnnualReportRecord | undefined> {
  let q = db.selectFrom('sfo_annual_report').select(annualColumns).where('year_start', '=', yearStart);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toAnnual(row);
}

export async function listAnnualReports(db: Db): Promise<AnnualReportRecord[]> {
  return (await db.selectFrom('sfo_annual_report').select(annualColumns).orderBy('year_start', 'desc').execute()).map(toAnnual);
}

/** Creates the year's draft or changes its summary. */
export async function saveAnnualDraft(db: Db, yearStart: number, summary: string, actor: string): Promise<void> {
  await db
    .insertInto('sfo_annual_report')
    .values({ year_start: yearStart, summary, created_by: actor, updated_by: actor })
    .onConflict((oc) => oc.column('year_start').doUpdateSet({ summary, updated_by: actor, updated_at: new Date() }))
    .execute();
}

export async function publishAnnualReport(db: Db, yearStart: number, figures: unknown, actor: string): Promise<void> {
  const now = new Date();
  await db.updateTable('sfo_annual_report').set({ state: 'published', published_figures: toJson(figures), published_at: now, updated_by: actor, updated_at: now }).where('year_start', '=', yearStart).execute();
}
