// Who may see and do what. Every route asks these functions; nothing else decides access, so the
// rules can be read (and tested) in one place.
import { serviceMayOpen, type InspectionArea } from '../publication/visibility.ts';
import type { ReportStatus } from '../publication/workflow.ts';

export const ROLES = ['administrator', 'programme-manager', 'analyst', 'lead-inspector', 'inspector', 'service-staff', 'sfo-inspector', 'sfo-lead'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  administrator: 'Administrator',
  'programme-manager': 'Programme manager',
  analyst: 'Analyst',
  'lead-inspector': 'Lead inspector',
  inspector: 'Inspector',
  'service-staff': 'Staff of an inspected service',
  'sfo-inspector': 'SFO QA inspector',
  'sfo-lead': 'SFO QA lead',
};

export type MemberRole = 'lead-inspector' | 'inspector';

/** The signed-in person, as access decisions need them. */
export interface Actor {
  userId: number;
  role: Role;
  /** For service staff: the organisation they work for. */
  organisationId: number | null;
  /** Inspections the person works on, and in which role. */
  memberships: ReadonlyMap<number, MemberRole>;
}

/** What access decisions need to know of an inspection. */
export interface InspectionScope {
  id: number;
  organisationId: number;
  /** The report is published: its findings are public. */
  published: boolean;
  /** How far the report has gone (published once its date has come); a draft when not given. */
  reportStatus?: ReportStatus;
}

/** The report's status as access decisions read it: published wins, and no report is a draft. */
export const reportStatusOf = (inspection: InspectionScope): ReportStatus => (inspection.published ? 'published' : (inspection.reportStatus ?? 'draft'));

/** The SFO QA team: their work is the quality assurance of Serious Further Offence reviews, not inspections. */
const SFO_TEAM: readonly Role[] = ['sfo-inspector', 'sfo-lead'];

/** Roles that see every inspection, read-only unless another rule allows more. */
const SEES_ALL: readonly Role[] = ['administrator', 'programme-manager', 'analyst'];

/** Whether the inspection appears to the person at all (its title, PDU, dates and status). */
export function canViewInspection(actor: Actor, inspection: InspectionScope): boolean {
  if (SEES_ALL.includes(actor.role)) return true;
  if (actor.role === 'service-staff') return actor.organisationId === inspection.organisationId;
  return actor.memberships.has(inspection.id);
}

/**
 * Which parts of an inspection a person may open: the one rule every inspection route's guard and
 * the inspection's navigation ask. The inspectorate's staff who see the inspection see its
 * workings (the audit trail, follow-up conversations and second assessments have narrower rules);
 * the inspected service sees what its report's stage allows (../publication/visibility.ts).
 */
export function canOpenArea(actor: Actor, inspection: InspectionScope, area: InspectionArea): boolean {
  if (!canViewInspection(actor, inspection)) return false;
  if (actor.role === 'service-staff') return serviceMayOpen(area, reportStatusOf(inspection));
  if (area === 'audit') return canViewAudit(actor, inspection);
  if (area === 'survey-follow-ups') return canAssessCases(actor, inspection);
  return true;
}

/** Ratings with their explanations: the inspectorate's staff on the inspection and those who see every inspection; the inspected service once published. */
export function canViewFindings(actor: Actor, inspection: InspectionScope): boolean {
  return canOpenArea(actor, inspection, 'ratings');
}

/** An area's guard, for routes: `inspectionFor(c, db, mayOpen('cases'))`. */
export const mayOpen = (area: InspectionArea) => (actor: Actor, inspection: InspectionScope): boolean => canOpenArea(actor, inspection, area);

/** Factual accuracy comments on the draft report: the inspected service's own staff. */
export function canCommentOnReport(actor: Actor, inspection: InspectionScope): boolean {
  return actor.role === 'service-staff' && actor.organisationId === inspection.organisationId;
}

/** Inspectors and lead inspectors: the roles that work on inspection teams, so are assigned cases. */
export const worksOnInspectionTeams = (role: Role): boolean => role === 'inspector' || role === 'lead-inspector';

/** Recording case assessments: inspectors and lead inspectors working on the inspection. */
export function canAssessCases(actor: Actor, inspection: InspectionScope): boolean {
  return actor.memberships.has(inspection.id) && worksOnInspectionTeams(actor.role);
}

/** Domain-one ratings, the diversity judgement, imports, assignments, QA settlement and sign-off. */
export function canLeadInspection(actor: Actor, inspection: InspectionScope): boolean {
  return actor.role === 'lead-inspector' && actor.memberships.get(inspection.id) === 'lead-inspector';
}

/** The audit trail of an inspection: its lead inspector and administrators. */
export function canViewAudit(actor: Actor, inspection: InspectionScope): boolean {
  return actor.role === 'administrator' || canLeadInspection(actor, inspection);
}

/** The programme's audit trail (registry, cycles, years, topics, consultation, youth selections): programme managers and administrators. */
export function canViewProgrammeAudit(actor: Actor): boolean {
  return actor.role === 'administrator' || actor.role === 'programme-manager';
}

/** National reporting's audit trail (annual reports' data cuts, forewords, publication): analysts and administrators. */
export function canViewNationalAudit(actor: Actor): boolean {
  return actor.role === 'administrator' || actor.role === 'analyst';
}

/** Creating inspections and managing who works on them. */
export function canPlanInspections(actor: Actor): boolean {
  return actor.role === 'administrator' || actor.role === 'programme-manager';
}

/** Who works on an inspection: planned by programme managers and administrators, adjusted by its lead. */
export function canManageTeam(actor: Actor, inspection: InspectionScope): boolean {
  return canPlanInspections(actor) || canLeadInspection(actor, inspection);
}

/** Creating an inspection, from a programme booking or directly: programme managers, administrators and lead inspectors (who lead what they create). */
export function canCreateInspections(actor: Actor): boolean {
  return canPlanInspections(actor) || actor.role === 'lead-inspector';
}

/** Moving a milestone of an inspection's timeline: its lead inspector, programme managers and administrators. */
export function canMoveMilestones(actor: Actor, inspection: InspectionScope): boolean {
  return canPlanInspections(actor) || canLeadInspection(actor, inspection);
}

/** The inspection programme: planned by programme managers and administrators, read by the inspectorate's staff; inspected services see none of it. */
export function canViewProgramme(actor: Actor): boolean {
  return canPlanInspections(actor) || actor.role === 'analyst' || actor.role === 'lead-inspector' || actor.role === 'inspector';
}

/** The registry's facts (names over time, caseloads, concerns, performance) are the administrators'. */
export function canEditRegistry(actor: Actor): boolean {
  return actor.role === 'administrator';
}

export function canManageUsers(actor: Actor): boolean {
  return actor.role === 'administrator';
}

/**
 * A region's feedback (themes across its PDUs inspected in a year): administrators, programme
 * managers, analysts and lead inspectors; and the region's own staff (the Regional Probation
 * Director's office), never a PDU's.
 */
export function canViewRegionalFeedback(actor: Actor, regionId: number): boolean {
  if (SEES_ALL.includes(actor.role) || actor.role === 'lead-inspector') return true;
  return actor.role === 'service-staff' && actor.organisationId === regionId;
}

/** Annual national reports, drafts included: the inspectorate's inspection staff; inspected services (and the SFO QA team, whose work is apart) see only published ones. */
export function canViewNationalReports(actor: Actor): boolean {
  return actor.role !== 'service-staff' && !SFO_TEAM.includes(actor.role);
}

/** Taking data cuts, writing the foreword and setting publication: analysts and administrators. */
export function canProduceNationalReports(actor: Actor): boolean {
  return actor.role === 'analyst' || actor.role === 'administrator';
}

/** The quality assurance of Serious Further Offence reviews (the register, samples): the SFO QA team and administrators; nobody else, and never an inspected service. */
export function canViewSfoReviews(actor: Actor): boolean {
  return SFO_TEAM.includes(actor.role) || actor.role === 'administrator';
}

/** Drawing an SFO sample and adding or removing reviews by hand: the SFO QA lead and administrators. */
export function canManageSfoSample(actor: Actor): boolean {
  return actor.role === 'sfo-lead' || actor.role === 'administrator';
}

/** Recording learning panels and their actions, and moving actions on: the SFO QA team (who convene and attend them) and administrators. */
export function canRecordSfoPanels(actor: Actor): boolean {
  return canViewSfoReviews(actor);
}

/** Writing the annual SFO report's draft and publishing it: the SFO QA lead and administrators. */
export function canProduceSfoAnnualReport(actor: Actor): boolean {
  return actor.role === 'sfo-lead' || actor.role === 'administrator';
}
