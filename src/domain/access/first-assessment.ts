// Who may read which case's first assessment. A case in the quality-assurance dip sample is
// assessed a second time, blind: its second assessor must not read the first assessment (its
// answers, quality flags or audited changes) anywhere until they submit their own. Every page,
// API route, export and report that carries case-level answers asks this one rule.
import { canOpenArea, type Actor, type InspectionScope } from './permissions.ts';

/** A second assessment as the rule needs it. */
export interface SecondAssessmentState {
  caseRef: string;
  assessorId: number | null;
  submitted: boolean;
}

export interface FirstAssessmentAccess {
  /** The person may read case-level answers of this inspection at all. */
  readsCases: boolean;
  /** Cases whose first assessment is hidden from this person: they are its second assessor and have not submitted. */
  hidden: ReadonlySet<string>;
  /** Whether the person may read this case's first assessment. */
  mayRead(caseRef: string): boolean;
  /** Exports of every case's answers: refused while any case is hidden, so no export is silently incomplete. */
  mayExportAll: boolean;
}

export function firstAssessmentAccess(actor: Actor, inspection: InspectionScope, seconds: readonly SecondAssessmentState[]): FirstAssessmentAccess {
  const readsCases = canOpenArea(actor, inspection, 'cases');
  const hidden = new Set(seconds.filter((s) => s.assessorId === actor.userId && !s.submitted).map((s) => s.caseRef));
  return {
    readsCases,
    hidden,
    mayRead: (caseRef) => readsCases && !hidden.has(caseRef),
    mayExportAll: readsCases && hidden.size === 0,
  };
}

/** Why a case's first assessment is refused to its second assessor. */
export const blindCaseRefusal = (caseRef: string): string =>
  `You are the second assessor of ${caseRef}: its first assessment stays hidden from you until you submit your second assessment`;

/** Why an export of every case's answers is refused to a second assessor who has not yet submitted. */
export const blindExportRefusal = (hidden: ReadonlySet<string>): string =>
  `You are the second assessor of ${[...hidden].sort().join(', ')}: exports of the cases' answers would show ${hidden.size === 1 ? 'its' : 'their'} first assessment, so they are refused until you submit your second assessment${hidden.size === 1 ? '' : 's'}`;

/** Why cases are missing from a list of the inspection's cases. */
export const blindListNote = (hidden: ReadonlySet<string>): string =>
  `${[...hidden].sort().join(', ')} ${hidden.size === 1 ? 'is' : 'are'} not listed: you are the second assessor, and the first assessment stays hidden from you until you submit your second assessment`;

/** Audit events of a case carry its answers: those of hidden cases are left out of the person's audit trail. */
export const auditEventHidden = (access: FirstAssessmentAccess, inspectionId: number, event: { entity: string; entityId: string }): boolean =>
  event.entity === 'case' && [...access.hidden].some((ref) => event.entityId === `${inspectionId}/${ref}`);

/** The same rule as the records a query of the audit trail leaves out (so its pages and totals agree). */
export const hiddenAuditRecords = (access: FirstAssessmentAccess, inspectionId: number): { entity: 'case'; entityIds: string[] } => ({
  entity: 'case',
  entityIds: [...access.hidden].sort().map((ref) => `${inspectionId}/${ref}`),
});
