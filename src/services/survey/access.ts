// Who may do what with the people-on-probation survey (see ../sample/access.ts).
import { canLeadInspection, canManageUsers, canOpenArea, type Actor, type InspectionScope } from '../../domain/access/permissions.ts';

export { canUploadServiceFiles } from '../sample/access.ts';

/** The survey page (its state and the contact list upload): everyone who sees the inspection. */
export const canViewSurvey = (actor: Actor, inspection: InspectionScope): boolean => canOpenArea(actor, inspection, 'survey');

/** Sending and closing the survey: the lead inspector. */
export const canRunSurvey = (actor: Actor, inspection: InspectionScope): boolean => canLeadInspection(actor, inspection);

/** The results, free-text answers included, are the inspectorate's evidence: the service reads them in the report. */
export const canViewSurveyResults = (actor: Actor, inspection: InspectionScope): boolean => canOpenArea(actor, inspection, 'survey-results');

/** Follow-up conversations and interview notes: the inspectors on the inspection. */
export const canInterview = (actor: Actor, inspection: InspectionScope): boolean => canOpenArea(actor, inspection, 'survey-follow-ups');

/** The text outbox and its simulated replies: administrators. */
export const canViewSmsOutbox = (actor: Actor): boolean => canManageUsers(actor);
