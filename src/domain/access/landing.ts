// Where a person lands after signing in: their own work first. Inspectors (who are assigned cases)
// on their cases across inspections, the inspected service on its tasks for its inspection, the
// SFO QA team on the SFO reviews, the rest of the inspectorate on the list of inspections.
import { worksOnInspectionTeams, type Actor } from './permissions.ts';

export type Landing = 'own-cases' | 'service-tasks' | 'sfo' | 'inspections';

/** The roles that may be assigned cases and second assessments, so have a "Your cases" page. */
export const hasOwnCaseWork = (actor: Actor): boolean => worksOnInspectionTeams(actor.role);

export function landingOf(actor: Actor): Landing {
  if (actor.role === 'service-staff') return 'service-tasks';
  // A lead inspector's work is the whole inspection, so they start from the inspections.
  if (actor.role === 'inspector') return 'own-cases';
  if (actor.role === 'sfo-inspector' || actor.role === 'sfo-lead') return 'sfo';
  return 'inspections';
}

/**
 * The inspection the service's staff land on: the one in hand (not yet published, the soonest
 * fieldwork first), else the latest published one, where the action plan is answered.
 */
export function currentInspectionOf<T extends { id: number; fieldworkStart: string }>(inspections: readonly T[], published: (id: number) => boolean): T | undefined {
  const open = inspections.filter((i) => !published(i.id)).sort((a, b) => a.fieldworkStart.localeCompare(b.fieldworkStart));
  if (open.length) return open[0];
  return [...inspections].sort((a, b) => b.fieldworkStart.localeCompare(a.fieldworkStart))[0];
}
