// Who may see and change the inspection programme: the rules live with the others in
// src/domain/access/permissions.ts.
export { canEditRegistry, canPlanInspections, canViewProgramme } from '../../domain/access/permissions.ts';
