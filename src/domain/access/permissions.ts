// Who may see and do what. Every route asks these functions; nothing else decides access, so the
// rules can be read (and tested) in one place.

export const ROLES = ['administrator', 'programme-manager', 'analyst', 'lead-inspector', 'inspector', 'service-staff'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  administrator: 'Administrator',
  'programme-manager': 'Programme manager',
  analyst: 'Analyst',
  'lead-inspector': 'Lead inspector',
  inspector: 'Inspector',
  'service-staff': 'Staff of an inspected service',
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
  /** The draft report has gone to the inspected service (factual accuracy check, embargoed copy). */
  sharedWithService?: boolean;
}

/** Roles that see every inspection, read-only unless another rule allows more. */
const SEES_ALL: readonly Role[] = ['administrator', 'programme-manager', 'analyst'];

export function canListInspections(actor: Actor): boolean {
  return actor.role !== 'service-staff' || actor.organisationId !== null;
}

/** Whether the inspection appears to the person at all (its title, PDU, dates and status). */
export function canViewInspection(actor: Actor, inspection: InspectionScope): boolean {
  if (SEES_ALL.includes(actor.role)) return true;
  if (actor.role === 'service-staff') return actor.organisationId === inspection.organisationId;
  return actor.memberships.has(inspection.id);
}

/**
 * Ratings, case assessments and judgements: the inspectorate's staff on the inspection and those
 * who see every inspection; the inspected service once the draft report reaches it for its
 * factual accuracy check (and after publication).
 */
export function canViewFindings(actor: Actor, inspection: InspectionScope): boolean {
  if (!canViewInspection(actor, inspection)) return false;
  if (actor.role === 'service-staff') return inspection.published || !!inspection.sharedWithService;
  return true;
}

/** Factual accuracy comments on the draft report: the inspected service's own staff. */
export function canCommentOnReport(actor: Actor, inspection: InspectionScope): boolean {
  return actor.role === 'service-staff' && actor.organisationId === inspection.organisationId;
}

/** Recording case assessments: inspectors and lead inspectors working on the inspection. */
export function canAssessCases(actor: Actor, inspection: InspectionScope): boolean {
  return actor.memberships.has(inspection.id) && (actor.role === 'inspector' || actor.role === 'lead-inspector');
}

/** Domain-one ratings, the diversity judgement, imports, assignments, QA settlement and sign-off. */
export function canLeadInspection(actor: Actor, inspection: InspectionScope): boolean {
  return actor.role === 'lead-inspector' && actor.memberships.get(inspection.id) === 'lead-inspector';
}

/** The audit trail of an inspection: its lead inspector and administrators. */
export function canViewAudit(actor: Actor, inspection: InspectionScope): boolean {
  return actor.role === 'administrator' || canLeadInspection(actor, inspection);
}

/** Creating inspections and managing who works on them. */
export function canPlanInspections(actor: Actor): boolean {
  return actor.role === 'administrator' || actor.role === 'programme-manager';
}

/** Who works on an inspection: planned by programme managers and administrators, adjusted by its lead. */
export function canManageTeam(actor: Actor, inspection: InspectionScope): boolean {
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

/** Annual national reports, drafts included: the inspectorate's own staff; inspected services see only published ones. */
export function canViewNationalReports(actor: Actor): boolean {
  return actor.role !== 'service-staff';
}

/** Taking data cuts, writing the foreword and setting publication: analysts and administrators. */
export function canProduceNationalReports(actor: Actor): boolean {
  return actor.role === 'analyst' || actor.role === 'administrator';
}
