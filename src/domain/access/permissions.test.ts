import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canAssessCases,
  canLeadInspection,
  canViewAudit,
  canViewFindings,
  canViewInspection,
  canViewRegionalFeedback,
  ROLES,
  type Actor,
  type InspectionScope,
  type MemberRole,
  type Role,
} from './permissions.ts';

const inspection: InspectionScope = { id: 7, organisationId: 40, published: false };
const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({
  userId: 1,
  role,
  organisationId: role === 'service-staff' ? 40 : null,
  memberships: new Map<number, MemberRole>(),
  ...extra,
});
const member = (role: Role, as: MemberRole) => actor(role, { memberships: new Map([[7, as]]) });

describe('inspection access', () => {
  it('lets inspectors see only the inspections they work on', () => {
    expect(canViewInspection(actor('inspector'), inspection)).toBe(false);
    expect(canViewInspection(member('inspector', 'inspector'), inspection)).toBe(true);
    expect(canAssessCases(member('inspector', 'inspector'), inspection)).toBe(true);
    expect(canLeadInspection(member('inspector', 'inspector'), inspection)).toBe(false);
  });

  it('gives the lead inspector the lead, and the audit trail', () => {
    const lead = member('lead-inspector', 'lead-inspector');
    expect([canLeadInspection(lead, inspection), canViewAudit(lead, inspection), canAssessCases(lead, inspection)]).toEqual([true, true, true]);
    // A lead inspector working as an ordinary inspector on someone else's inspection does not lead it.
    expect(canLeadInspection(member('lead-inspector', 'inspector'), inspection)).toBe(false);
  });

  it('shows a service its own inspection but no findings until publication', () => {
    const staff = actor('service-staff');
    expect(canViewInspection(staff, inspection)).toBe(true);
    expect(canViewFindings(staff, inspection)).toBe(false);
    expect(canViewFindings(staff, { ...inspection, published: true })).toBe(true);
    expect(canViewInspection(actor('service-staff', { organisationId: 41 }), inspection)).toBe(false);
  });

  it('lets administrators, programme managers and analysts read every inspection but not assess it', () => {
    for (const role of ['administrator', 'programme-manager', 'analyst'] as const) {
      expect(canViewFindings(actor(role), inspection)).toBe(true);
      expect(canAssessCases(actor(role), inspection)).toBe(false);
    }
  });

  it('never lets anyone see findings of an inspection they cannot see, nor lead without assessing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.option(fc.constantFrom<MemberRole>('lead-inspector', 'inspector'), { nil: undefined }),
        fc.boolean(),
        fc.integer({ min: 39, max: 41 }),
        (role, membership, published, organisationId) => {
          const a = actor(role, { organisationId: role === 'service-staff' ? organisationId : null, memberships: new Map(membership ? [[7, membership]] : []) });
          const scope = { ...inspection, published };
          if (canViewFindings(a, scope)) expect(canViewInspection(a, scope)).toBe(true);
          if (canLeadInspection(a, scope)) expect(canAssessCases(a, scope)).toBe(true);
          if (canAssessCases(a, scope)) expect(canViewFindings(a, scope)).toBe(true);
          if (role === 'service-staff') expect(canAssessCases(a, scope) || canViewAudit(a, scope)).toBe(false);
        },
      ),
    );
  });
});

describe('regional feedback', () => {
  const REGION = 12;
  it('is for the inspectorate’s administrators, programme managers, analysts and lead inspectors, and the region’s own staff', () => {
    for (const role of ['administrator', 'programme-manager', 'analyst', 'lead-inspector'] as const) expect(canViewRegionalFeedback(actor(role), REGION)).toBe(true);
    expect(canViewRegionalFeedback(actor('service-staff', { organisationId: REGION }), REGION)).toBe(true);
  });

  it('is not for inspectors, even on an inspection in the region, nor for a PDU’s staff or another region’s', () => {
    expect(canViewRegionalFeedback(actor('inspector'), REGION)).toBe(false);
    expect(canViewRegionalFeedback(member('inspector', 'inspector'), REGION)).toBe(false);
    expect(canViewRegionalFeedback(actor('service-staff', { organisationId: 40 }), REGION)).toBe(false);
    expect(canViewRegionalFeedback(actor('service-staff', { organisationId: null }), REGION)).toBe(false);
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }), fc.integer({ min: 1, max: 20 }), (role, organisationId, regionId) => {
        const allowed = canViewRegionalFeedback(actor(role, { organisationId }), regionId);
        if (role === 'service-staff') expect(allowed).toBe(organisationId === regionId);
        else expect(allowed).toBe(['administrator', 'programme-manager', 'analyst', 'lead-inspector'].includes(role));
      }),
    );
  });
});
