// Who may do what in an SFO review's assessment. The first reading is its assigned inspector's;
// moderation, settlement, sign-off and release are the SFO QA lead's (and administrators'). A
// second reader rates blind: the first reading stays hidden from them, everywhere, until they
// submit their own (the rule case QA's blind second assessment follows). A probation region's own
// staff see their reviews' feedback only once it is released, and answer it with actions.
import { canManageSfoSample, canViewSfoReviews, type Actor } from '../access/permissions.ts';

/** An assessment as these rules need it. */
export interface SfoAssessmentScope {
  inspectorId: number | null;
  regionId: number;
  released: boolean;
  /** The second reading, if the review was drawn for moderation and a reader assigned. */
  second?: { readerId: number; submitted: boolean };
}

/** Recording the first reading: the SFO QA inspector or lead it is assigned to. */
export const canRecordFirstReading = (actor: Actor, a: SfoAssessmentScope): boolean =>
  (actor.role === 'sfo-inspector' || actor.role === 'sfo-lead') && a.inspectorId === actor.userId;

/** Recording the second reading: its assigned reader. */
export const canRecordSecondReading = (actor: Actor, a: SfoAssessmentScope): boolean =>
  (actor.role === 'sfo-inspector' || actor.role === 'sfo-lead') && a.second?.readerId === actor.userId;

/** Assigning inspectors and second readers, drawing moderation, settling, acknowledging flags, signing off and releasing. */
export const canLeadSfoAssessment = canManageSfoSample;

/** Whether the person may read the first reading: the SFO team, unless they are its second reader and have not submitted. */
export const mayReadFirstReading = (actor: Actor, a: SfoAssessmentScope): boolean =>
  canViewSfoReviews(actor) && !(a.second && a.second.readerId === actor.userId && !a.second.submitted);

/** Whether the person may read the second reading: the lead, and its reader; the first reader once it is submitted. */
export const mayReadSecondReading = (actor: Actor, a: SfoAssessmentScope): boolean =>
  !!a.second && (canLeadSfoAssessment(actor) || a.second.readerId === actor.userId || (a.second.submitted && canViewSfoReviews(actor)));

export const blindFirstReadingRefusal = (reviewRef: string): string =>
  `You are the second reader of ${reviewRef}: its first reading stays hidden from you until you submit your own`;

/** Staff of a probation region: service staff whose organisation is a region. */
export const isRegionStaff = (actor: Actor, organisationKind: string | undefined): boolean => actor.role === 'service-staff' && actor.organisationId !== null && organisationKind === 'region';

/** The feedback letter: the SFO team and administrators at any time; the region's own staff once released. */
export const canReadSfoFeedback = (actor: Actor, a: SfoAssessmentScope): boolean =>
  canViewSfoReviews(actor) || (actor.role === 'service-staff' && actor.organisationId === a.regionId && a.released);

/** Answering the feedback with actions: the region's own staff, once released. */
export const canAnswerSfoFeedback = (actor: Actor, a: SfoAssessmentScope): boolean => actor.role === 'service-staff' && actor.organisationId === a.regionId && a.released;

/** The SFO QA team itself (administrators are not of it). */
const isSfoTeam = (actor: Actor): boolean => actor.role === 'sfo-inspector' || actor.role === 'sfo-lead';

/**
 * A review's document: never served to anyone outside the SFO QA team and the region concerned. The
 * region's own staff wrote it, so they may download it whether or not the feedback is released;
 * administrators, the inspections' staff and other regions' staff may not.
 */
export const canDownloadSfoReviewDocument = (actor: Actor, regionId: number): boolean => isSfoTeam(actor) || (actor.role === 'service-staff' && actor.organisationId === regionId);

/** Attaching or replacing a review's document: the SFO QA team. */
export const canUploadSfoReviewDocument = (actor: Actor): boolean => isSfoTeam(actor);
