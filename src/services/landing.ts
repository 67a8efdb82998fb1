// Where a person lands after signing in (the rule is in domain/access/landing.ts): the path of
// their own work, or the inspections list when they have nothing of their own yet.
import { listInspections, type Db } from '../db/repositories/index.ts';
import { currentInspectionOf, landingOf } from '../domain/access/landing.ts';
import { canViewInspection, type Actor } from '../domain/access/permissions.ts';
import { currentPublication, scopeOf } from './inspection-scope.ts';

export async function landingPath(db: Db, actor: Actor): Promise<string> {
  switch (landingOf(actor)) {
    case 'own-cases':
      return '/my-cases';
    case 'sfo':
      return '/sfo';
    case 'service-tasks': {
      if (actor.organisationId === null) return '/';
      const publication = await currentPublication(db);
      const theirs = (await listInspections(db, { organisationId: actor.organisationId })).filter((i) => canViewInspection(actor, scopeOf(i, publication)));
      const current = currentInspectionOf(theirs, (id) => publication.published.has(id));
      // A region's staff (no inspection of their own) keep the list, with their region's feedback.
      return current ? `/inspections/${current.id}` : '/';
    }
    default:
      return '/';
  }
}
