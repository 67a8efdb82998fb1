// Who may record and change domain-one evidence. The lead inspector rates and records; inspectors
// on the team record evidence once the lead has allowed them, and change only their own. The
// inspected service never opens domain one (../publication/visibility.ts).
import { canAssessCases, canLeadInspection, canOpenArea, type Actor, type InspectionScope } from '../access/permissions.ts';

/** Whether the person may record domain-one evidence; `allowedWriters`: the team members the lead has allowed. */
export function mayRecordEvidence(actor: Actor, scope: InspectionScope, allowedWriters: ReadonlySet<number>): boolean {
  if (!canOpenArea(actor, scope, 'judgements')) return false;
  if (canLeadInspection(actor, scope)) return true;
  return canAssessCases(actor, scope) && allowedWriters.has(actor.userId);
}

/** Whether the person may edit or withdraw a piece of evidence: the lead any, an allowed writer their own. `by`: the person as the audit trail names them. */
export function mayChangeEvidence(actor: Actor, scope: InspectionScope, allowedWriters: ReadonlySet<number>, evidence: { recordedBy: string }, by: string): boolean {
  if (canLeadInspection(actor, scope)) return true;
  return mayRecordEvidence(actor, scope, allowedWriters) && evidence.recordedBy === by;
}

/** Whom the lead may allow to record evidence: inspectors (and other lead inspectors) on the team who do not lead it. */
export const mayBeAllowedToWrite = (member: { role: string }): boolean => member.role === 'inspector';
