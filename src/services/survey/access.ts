// Who may do what with the people-on-probation survey (see ../sample/access.ts).
import { canAssessCases, canLeadInspection, canManageUsers, canViewFindings, canViewInspection, type Actor, type InspectionScope } from '../../domain/access/permissions.ts';

export { canUploadServiceFiles } from '../sample/access.ts';

/** The survey page (its state and the contact list upload): everyone who sees the inspection. */
export const canViewSurvey = (actor: Actor, inspection: InspectionScope): boolean => canViewInspection(actor, inspection);

/** Sending and closing the survey: the lead inspector. */
export const canRunSurvey = (actor: Actor, inspection: InspectionScope): boolean => canLeadInspection(actor, inspection);

/** The results are findings: embargoed for the service until publication. */
export const canViewSurveyResults = (actor: Actor, inspection: InspectionScope): boolean => canViewFindings(actor, inspection);

/** Follow-up conversations and interview notes: the inspectors on the inspection. */
export const canInterview = (actor: Actor, inspection: InspectionScope): boolean => canAssessCases(actor, inspection);

/** The text outbox and its simulated replies: administrators. */
export const canViewSmsOutbox = (actor: Actor): boolean => canManageUsers(actor);
