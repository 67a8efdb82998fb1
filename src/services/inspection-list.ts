// The inspections a person may see, with ratings only where they may read them (the inspected service once published).
import { listInspections, type Db, type Inspection, type InspectionListItem } from '../db/repositories/index.ts';
import { canViewFindings, canViewInspection, type Actor } from '../domain/access/permissions.ts';
import type { InspectionRatings } from '../domain/rating/result.ts';
import type { RatingsStanding } from '../domain/sign-off/provisional.ts';
import { currentPublication, scopeOf } from './inspection-scope.ts';
import { rateStoredInspection } from './inspections.ts';

export interface VisibleInspection {
  inspection: InspectionListItem;
  /** Undefined where the findings are embargoed for this person. */
  ratings?: InspectionRatings;
  /** Whether those ratings are provisional, with how many cases are complete. */
  standing?: RatingsStanding;
}

export async function visibleInspections(db: Db, actor: Actor): Promise<VisibleInspection[]> {
  const publication = await currentPublication(db);
  const all = (await listInspections(db)).filter((i) => canViewInspection(actor, scopeOf(i, publication)));
  return Promise.all(
    all.map(async (inspection) => {
      if (!canViewFindings(actor, scopeOf(inspection, publication))) return { inspection };
      const { ratings, standing } = await rateStoredInspection(db, inspection.id);
      return { inspection, ratings, standing };
    }),
  );
}

/** One inspection as the list shows it (with its organisation's and region's names), for its own page. */
export async function inspectionListItem(db: Db, inspection: Pick<Inspection, 'id' | 'organisationId'>): Promise<InspectionListItem> {
  return (await listInspections(db, { organisationId: inspection.organisationId })).find((i) => i.id === inspection.id)!;
}

/** Every inspection, for the command line: whoever runs it holds the database, so nothing is hidden. */
export const allInspections = (db: Db): Promise<InspectionListItem[]> => listInspections(db);
