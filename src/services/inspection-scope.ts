// What the access rules need of an inspection, including how far its report has gone: the
// inspected service sees the draft report once it reaches it, and more once it is published.
import { getInspectionWithReport, publicationStates, type Db, type Inspection } from '../db/repositories/index.ts';
import type { InspectionScope } from '../domain/access/permissions.ts';
import { clock } from './clock.ts';

export type Publication = Awaited<ReturnType<typeof publicationStates>>;

export const scopeOf = (inspection: { id: number; organisationId: number }, publication?: Publication): InspectionScope => ({
  id: inspection.id,
  organisationId: inspection.organisationId,
  published: publication?.published.has(inspection.id) ?? false,
  reportStatus: publication?.status.get(inspection.id) ?? 'draft',
});

export const currentPublication = (db: Db): Promise<Publication> => publicationStates(db, clock.today());

/** One inspection and its scope for the access rules, reading only its own report's stage. */
export async function inspectionInScope(db: Db, id: number): Promise<{ inspection: Inspection; scope: InspectionScope } | undefined> {
  const found = await getInspectionWithReport(db, id, clock.today());
  return found && { inspection: found.inspection, scope: { id, organisationId: found.inspection.organisationId, published: found.published, reportStatus: found.reportStatus } };
}
