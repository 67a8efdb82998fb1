// Multi-agency learning panels: a panel recorded with the reviews from the register it discussed,
// actions added with an owner and a due date, and actions moved on (in progress, completed,
// withdrawn with a reason, reopened with one). Each change in one transaction with an audit event.
import { listOrganisationSummaries, recordAudit, inTransaction, type Db } from '../../db/repositories/index.ts';
import {
  getPanel,
  insertPanel,
  insertPanelAction,
  listPanelActions,
  listPanelReviews,
  listPanels,
  lockPanel,
  updatePanel,
  updatePanelAction,
  updatePanelActionState,
  type PanelActionRecord,
  type PanelRecord,
  type PanelReviewRecord,
} from '../../db/repositories/sfo-panel-repository.ts';
import { listSfoReviews } from '../../db/repositories/sfo-repository.ts';
import { ACTION_STATES, ActionEditSchema, ActionSchema, actionRegions, dueDateProblem, isOverdue, openActionsForRegion, PanelSchema, stateChangeProblem, type ActionInput, type ActionState, type PanelInput } from '../../domain/sfo/learning-panel.ts';
import { AppError, FieldError, parseFields } from '../errors.ts';
import { clock } from '../clock.ts';

export interface PanelView {
  panel: PanelRecord;
  reviews: PanelReviewRecord[];
  /** The regions of the reviews discussed. */
  regions: string[];
  actions: (PanelActionRecord & { overdue: boolean; regions: string[] })[];
}

export interface PanelSummary extends PanelRecord {
  reviews: number;
  openActions: number;
  overdueActions: number;
}

const today = () => clock.today();

export async function learningPanels(db: Db): Promise<PanelSummary[]> {
  const [panels, reviews, actions] = await Promise.all([listPanels(db), listPanelReviews(db), listPanelActions(db)]);
  const now = today();
  return panels.map((p) => {
    const mine = actions.filter((a) => a.panelId === p.id);
    return { ...p, reviews: reviews.filter((r) => r.panelId === p.id).length, openActions: mine.filter((a) => a.state === 'open' || a.state === 'in-progress').length, overdueActions: mine.filter((a) => isOverdue(a, now)).length };
  });
}

export async function learningPanelView(db: Db, id: number): Promise<PanelView> {
  const panel = await getPanel(db, id);
  if (!panel) throw new AppError('not-found', `There is no learning panel ${id}`);
  const reviews = await listPanelReviews(db, id);
  const regions = [...new Set(reviews.map((r) => r.region))].sort();
  const now = today();
  const actions = (await listPanelActions(db, id)).map((a) => ({ ...a, overdue: isOverdue(a, now), regions: actionRegions(a, regions) }));
  return { panel, reviews, regions, actions };
}

/** Records a panel: every problem by field, references looked up in the register. */
export async function recordLearningPanel(db: Db, input: PanelInput, actor: string): Promise<number> {
  const p = parseFields(PanelSchema, input);
  return inTransaction(db, async (trx) => {
    const register = new Map((await listSfoReviews(trx)).map((r) => [r.reviewRef, r.id]));
    const unknown = p.reviewRefs.filter((ref) => !register.has(ref));
    if (unknown.length) throw new FieldError([{ field: 'reviewRefs', message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the register` }]);
    const reviewIds = [...new Set(p.reviewRefs)].map((ref) => register.get(ref)!);
    const id = await insertPanel(trx, { heldOn: p.heldOn, title: p.title, agencies: p.agencies, learningPoints: p.learningPoints, reviewIds }, actor);
    await recordAudit(trx, { actor, action: 'sfo-panel.recorded', entity: 'sfo-panel', entityId: id, after: { ...p, reviewRefs: [...new Set(p.reviewRefs)] } });
    return id;
  });
}

/**
 * Edits a panel (its date, name, agencies, reviews discussed and learning points): every problem by
 * field, references looked up in the register, and a date after an action's due date refused by
 * naming the action; audited with what it was and what it is.
 */
export async function editLearningPanel(db: Db, id: number, input: PanelInput, actor: string): Promise<void> {
  const p = parseFields(PanelSchema, input);
  await inTransaction(db, async (trx) => {
    if (!(await lockPanel(trx, id))) throw new AppError('not-found', `There is no learning panel ${id}`);
    const before = (await getPanel(trx, id))!;
    const beforeRefs = (await listPanelReviews(trx, id)).map((r) => r.reviewRef);
    const register = new Map((await listSfoReviews(trx)).map((r) => [r.reviewRef, r.id]));
    const unknown = p.reviewRefs.filter((ref) => !register.has(ref));
    if (unknown.length) throw new FieldError([{ field: 'reviewRefs', message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the register` }]);
    const early = (await listPanelActions(trx, id)).filter((a) => dueDateProblem(p.heldOn, a.dueOn));
    if (early.length) throw new FieldError([{ field: 'heldOn', message: `is after the due date of ${early.length === 1 ? 'the action' : `${early.length} actions, the first`} ‘${early[0]!.description.slice(0, 60)}’ (${early[0]!.dueOn}): change ${early.length === 1 ? 'its' : 'their'} due date first` }]);
    const refs = [...new Set(p.reviewRefs)];
    await updatePanel(trx, id, { heldOn: p.heldOn, title: p.title, agencies: p.agencies, learningPoints: p.learningPoints, reviewIds: refs.map((ref) => register.get(ref)!) }, actor);
    await recordAudit(trx, {
      actor,
      action: 'sfo-panel.edited',
      entity: 'sfo-panel',
      entityId: id,
      before: { heldOn: before.heldOn, title: before.title, agencies: before.agencies, reviewRefs: beforeRefs, learningPoints: before.learningPoints },
      after: { heldOn: p.heldOn, title: p.title, agencies: p.agencies, reviewRefs: refs, learningPoints: p.learningPoints },
    });
  });
}

/** Adds an action to a panel: the due date not before the panel met; a region, if named, one of the regions. */
export async function addPanelAction(db: Db, panelId: number, input: ActionInput, actor: string): Promise<number> {
  const a = parseFields(ActionSchema, input);
  return inTransaction(db, async (trx) => {
    if (!(await lockPanel(trx, panelId))) throw new AppError('not-found', `There is no learning panel ${panelId}`);
    const panel = (await getPanel(trx, panelId))!;
    const late = dueDateProblem(panel.heldOn, a.dueOn);
    if (late) throw new FieldError([{ field: 'dueOn', message: late }]);
    let regionId: number | null = null;
    if (a.region) {
      const region = (await listOrganisationSummaries(trx, 'region')).find((r) => r.name === a.region);
      if (!region) throw new FieldError([{ field: 'region', message: `${a.region} is not a probation region` }]);
      regionId = region.id;
    }
    const id = await insertPanelAction(trx, { panelId, description: a.description, owner: a.owner, regionId, dueOn: a.dueOn }, actor);
    await recordAudit(trx, { actor, action: 'sfo-panel.action-added', entity: 'sfo-panel', entityId: panelId, after: { actionId: id, ...a } });
    return id;
  });
}

/**
 * Edits an action's description, owner and due date (its state is moved on by changePanelActionState):
 * every problem by field, the due date not before the panel met; audited with what it was and what it is.
 */
export async function editPanelAction(db: Db, panelId: number, actionId: number, input: { description: string; owner: string; dueOn: string }, actor: string): Promise<void> {
  const a = parseFields(ActionEditSchema, input);
  await inTransaction(db, async (trx) => {
    if (!(await lockPanel(trx, panelId))) throw new AppError('not-found', `There is no learning panel ${panelId}`);
    const action = (await listPanelActions(trx, panelId)).find((x) => x.id === actionId);
    if (!action) throw new AppError('not-found', `Learning panel ${panelId} has no action ${actionId}`);
    const panel = (await getPanel(trx, panelId))!;
    const late = dueDateProblem(panel.heldOn, a.dueOn);
    if (late) throw new FieldError([{ field: 'dueOn', message: late }]);
    await updatePanelAction(trx, actionId, a, actor);
    await recordAudit(trx, {
      actor,
      action: 'sfo-panel.action-edited',
      entity: 'sfo-panel',
      entityId: panelId,
      before: { actionId, description: action.description, owner: action.owner, dueOn: action.dueOn },
      after: { actionId, description: a.description, owner: a.owner, dueOn: a.dueOn },
    });
  });
}

/** Moves an action on by the rules in src/domain/sfo/learning-panel.ts. */
export async function changePanelActionState(db: Db, panelId: number, actionId: number, input: { state: string; note?: string }, actor: string): Promise<void> {
  const state = ACTION_STATES.find((s) => s === input.state);
  if (!state) throw new FieldError([{ field: 'state', message: 'choose what has happened to the action' }]);
  const note = (input.note ?? '').trim();
  if (note.length > 2000) throw new FieldError([{ field: 'note', message: 'may have at most 2000 characters' }]);
  await inTransaction(db, async (trx) => {
    if (!(await lockPanel(trx, panelId))) throw new AppError('not-found', `There is no learning panel ${panelId}`);
    const action = (await listPanelActions(trx, panelId)).find((a) => a.id === actionId);
    if (!action) throw new AppError('not-found', `Learning panel ${panelId} has no action ${actionId}`);
    const problem = stateChangeProblem(action.state, state, note);
    if (problem) throw new FieldError([{ field: problem === 'give the reason' ? 'note' : 'state', message: problem }]);
    await updatePanelActionState(trx, actionId, state, note || null, actor);
    await recordAudit(trx, { actor, action: 'sfo-panel.action-changed', entity: 'sfo-panel', entityId: panelId, before: { actionId, state: action.state }, after: { actionId, state, note: note || null } });
  });
}

/** A region's panel actions still to be done, soonest due first, with their panel. */
export async function openPanelActionsForRegion(db: Db, region: string): Promise<(PanelActionRecord & { panel: PanelRecord; overdue: boolean })[]> {
  const [panels, reviews, actions] = await Promise.all([listPanels(db), listPanelReviews(db), listPanelActions(db)]);
  const regionsOf = new Map<number, string[]>();
  for (const r of reviews) regionsOf.set(r.panelId, [...(regionsOf.get(r.panelId) ?? []), r.region]);
  const byId = new Map(panels.map((p) => [p.id, p]));
  const now = today();
  return openActionsForRegion(actions, regionsOf, region).map((a) => ({ ...a, panel: byId.get(a.panelId)!, overdue: isOverdue(a, now) }));
}

export type { ActionState };
