// What the access rules need of an inspection. Publication (which lifts the embargo on findings
// for the inspected service) arrives with the reports issue; until then nothing is published.
import type { InspectionScope } from '../domain/access/permissions.ts';

export const scopeOf = (inspection: { id: number; organisationId: number }): InspectionScope => ({
  id: inspection.id,
  organisationId: inspection.organisationId,
  published: false,
});
