// Who may do what with the case sample and the survey, built from the rules of
// src/domain/access/permissions.ts (they belong there once this area settles).
import { canLeadInspection, canOpenArea, type Actor, type InspectionScope } from '../../domain/access/permissions.ts';

/** Staff of the inspected service itself. */
export const isOwnServiceStaff = (actor: Actor, inspection: InspectionScope): boolean =>
  actor.role === 'service-staff' && actor.organisationId === inspection.organisationId;

/** The sample page: everyone who sees the inspection (the service sees it too: it is not a finding). */
export const canViewSample = (actor: Actor, inspection: InspectionScope): boolean => canOpenArea(actor, inspection, 'sample');

/** Uploading the caseload (or the survey's contact list): the service's own staff or the lead inspector. */
export const canUploadServiceFiles = (actor: Actor, inspection: InspectionScope): boolean =>
  isOwnServiceStaff(actor, inspection) || canLeadInspection(actor, inspection);

/** Choosing the window and the method, and confirming the sample: the lead inspector. */
export const canManageSample = (actor: Actor, inspection: InspectionScope): boolean => canLeadInspection(actor, inspection);

/** The service's own references beside the pseudonyms: only the service, who know them already. */
export const canSeeServiceReferences = (actor: Actor, inspection: InspectionScope): boolean => isOwnServiceStaff(actor, inspection);
