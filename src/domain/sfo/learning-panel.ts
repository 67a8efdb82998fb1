// Multi-agency learning panels: the panel (its date, the agencies attending, the reviews from the
// register it discussed, the learning points) and its actions, each with an owner, a due date and
// a state. What a panel and an action must hold, how an action's state may change, and which
// actions are open or overdue and for which region. Pure.
import { z } from 'zod';
import { isIsoDate } from '../sampling/dates.ts';

export const ACTION_STATES = ['open', 'in-progress', 'completed', 'withdrawn'] as const;
export type ActionState = (typeof ACTION_STATES)[number];
export const ACTION_STATE_NAMES: Record<ActionState, string> = { open: 'Open', 'in-progress': 'In progress', completed: 'Completed', withdrawn: 'Withdrawn' };

/** States an action is still to be done in. */
export const OPEN_STATES: readonly ActionState[] = ['open', 'in-progress'];

const MAX_TEXT = 2000;
const date = z.string().refine(isIsoDate, 'must be a real date');
/** Lines of a text area, each trimmed, empty ones and repeats dropped. */
export const lines = (text: string): string[] => [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];

export const PanelSchema = z.strictObject({
  heldOn: date,
  title: z.string().trim().min(1, 'give the panel a name').max(200, 'may have at most 200 characters'),
  agencies: z.array(z.string().trim().min(1).max(200, 'each may have at most 200 characters')).min(2, 'name at least two agencies: a panel is multi-agency').max(30, 'may name at most 30 agencies'),
  reviewRefs: z.array(z.string().trim().min(1).transform((s) => s.toUpperCase())).min(1, 'choose at least one review the panel discussed').max(50, 'may name at most 50 reviews'),
  learningPoints: z.array(z.string().trim().min(1).max(MAX_TEXT, `each may have at most ${MAX_TEXT} characters`)).max(50, 'may have at most 50 learning points'),
});
export type PanelInput = z.input<typeof PanelSchema>;
export type Panel = z.output<typeof PanelSchema>;

export const ActionSchema = z.strictObject({
  description: z.string().trim().min(1, 'say what is to be done').max(MAX_TEXT, `may have at most ${MAX_TEXT} characters`),
  owner: z.string().trim().min(1, 'name who owns the action').max(200, 'may have at most 200 characters'),
  dueOn: date,
  /** The region the action is for; none means every region whose reviews the panel discussed. */
  region: z.string().trim().optional(),
});
export type ActionInput = z.input<typeof ActionSchema>;
/** What an action's edit changes: its description, owner and due date (not its region or state). */
export const ActionEditSchema = ActionSchema.omit({ region: true });

/** What is wrong with an action's due date beside its panel's date; nothing when it may stand. */
export function dueDateProblem(heldOn: string, dueOn: string): string | null {
  return dueOn < heldOn ? `is before the panel met (${heldOn})` : null;
}

/** What is wrong with changing an action's state; nothing when it may change. A closed action is reopened only to open. */
export function stateChangeProblem(from: ActionState, to: ActionState, note: string): string | null {
  if (from === to) return `the action is ${ACTION_STATE_NAMES[to].toLowerCase()} already`;
  if (!OPEN_STATES.includes(from) && to !== 'open') return `a ${ACTION_STATE_NAMES[from].toLowerCase()} action can only be reopened`;
  if ((to === 'withdrawn' || (!OPEN_STATES.includes(from) && to === 'open')) && !note.trim()) return 'give the reason';
  return null;
}

export interface PanelAction {
  id: number;
  panelId: number;
  state: ActionState;
  dueOn: string;
  /** The action's own region, if it names one. */
  region: string | null;
}

/** Whether the action is still to be done and its due date has passed. */
export const isOverdue = (a: Pick<PanelAction, 'state' | 'dueOn'>, today: string): boolean => OPEN_STATES.includes(a.state) && a.dueOn < today;

/** The regions an action is for: its own, or those of the reviews its panel discussed. */
export function actionRegions(action: Pick<PanelAction, 'region'>, panelRegions: readonly string[]): string[] {
  return action.region ? [action.region] : [...new Set(panelRegions)].sort();
}

/** A region's actions still to be done, soonest due first. */
export function openActionsForRegion<A extends PanelAction>(actions: readonly A[], panelRegions: ReadonlyMap<number, readonly string[]>, region: string): A[] {
  return actions
    .filter((a) => OPEN_STATES.includes(a.state) && actionRegions(a, panelRegions.get(a.panelId) ?? []).includes(region))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id - b.id);
}
