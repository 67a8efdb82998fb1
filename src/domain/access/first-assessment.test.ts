import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditEventHidden, firstAssessmentAccess, type SecondAssessmentState } from './first-assessment.ts';
import { ROLES, type Actor, type InspectionScope, type MemberRole, type Role } from './permissions.ts';

const inspection: InspectionScope = { id: 7, organisationId: 40, published: false };
const person = (role: Role, userId = 1, as?: MemberRole): Actor => ({
  userId,
  role,
  organisationId: role === 'service-staff' ? 40 : null,
  memberships: new Map<number, MemberRole>(as ? [[7, as]] : []),
});
const seconds: SecondAssessmentState[] = [
  { caseRef: 'C1', assessorId: 1, submitted: false },
  { caseRef: 'C2', assessorId: 1, submitted: true },
  { caseRef: 'C3', assessorId: 2, submitted: false },
];

describe('who may read which case’s first assessment', () => {
  it('hides a case from its second assessor until they submit, and only from them', () => {
    const ivo = firstAssessmentAccess(person('inspector', 1, 'inspector'), inspection, seconds);
    expect([...ivo.hidden]).toEqual(['C1']);
    expect([ivo.mayRead('C1'), ivo.mayRead('C2'), ivo.mayRead('C3'), ivo.mayRead('C4')]).toEqual([false, true, true, true]);
    expect(ivo.mayExportAll).toBe(false);
    const isla = firstAssessmentAccess(person('inspector', 3, 'inspector'), inspection, seconds);
    expect([isla.hidden.size, isla.mayExportAll]).toEqual([0, true]);
  });

  it('hides a lead inspector’s own blind case from the audit trail they read', () => {
    const lead = firstAssessmentAccess(person('lead-inspector', 2, 'lead-inspector'), inspection, seconds);
    expect(auditEventHidden(lead, 7, { entity: 'case', entityId: '7/C3' })).toBe(true);
    expect(auditEventHidden(lead, 7, { entity: 'case', entityId: '7/C1' })).toBe(false);
    expect(auditEventHidden(lead, 7, { entity: 'inspection', entityId: '7' })).toBe(false);
  });

  it('gives the inspected service no case at all, at any stage', () => {
    for (const reportStatus of ['draft', 'factual-accuracy', 'embargoed', 'published'] as const) {
      const access = firstAssessmentAccess(person('service-staff'), { ...inspection, reportStatus }, []);
      expect([access.readsCases, access.mayRead('C4'), access.mayExportAll]).toEqual([false, false, false]);
    }
  });

  it('never lets anyone read a case they are assessing blind, nor export while one is hidden', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ caseRef: fc.constantFrom('C1', 'C2', 'C3'), assessorId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), submitted: fc.boolean() }), { maxLength: 6 }),
        (role, userId, list) => {
          const access = firstAssessmentAccess(person(role, userId, role === 'inspector' || role === 'lead-inspector' ? 'inspector' : undefined), inspection, list);
          for (const s of list) if (s.assessorId === userId && !s.submitted) expect(access.mayRead(s.caseRef)).toBe(false);
          if (access.mayExportAll) expect(access.hidden.size).toBe(0);
        },
      ),
    );
  });
});
