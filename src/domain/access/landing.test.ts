import { describe, expect, it } from 'vitest';
import { currentInspectionOf, hasOwnCaseWork, landingOf } from './landing.ts';
import { ROLES, type Actor, type Role } from './permissions.ts';

const actor = (role: Role): Actor => ({ userId: 1, role, organisationId: role === 'service-staff' ? 40 : null, memberships: new Map() });

describe('where a person lands after signing in', () => {
  it('sends inspectors to their cases, the inspected service to its tasks, the SFO team to the SFO reviews, everyone else to the inspections', () => {
    expect(Object.fromEntries(ROLES.map((r) => [r, landingOf(actor(r))]))).toEqual({
      administrator: 'inspections',
      'programme-manager': 'inspections',
      analyst: 'inspections',
      'lead-inspector': 'inspections',
      inspector: 'own-cases',
      'service-staff': 'service-tasks',
      'sfo-inspector': 'sfo',
      'sfo-lead': 'sfo',
    });
    expect(ROLES.filter((r) => hasOwnCaseWork(actor(r)))).toEqual(['lead-inspector', 'inspector']);
  });

  it("takes the service's inspection in hand before its published ones", () => {
    const list = [
      { id: 1, fieldworkStart: '2024-03-04' },
      { id: 2, fieldworkStart: '2026-11-30' },
      { id: 3, fieldworkStart: '2027-05-10' },
    ];
    expect(currentInspectionOf(list, (id) => id === 1)?.id).toBe(2);
    expect(currentInspectionOf(list, () => true)?.id).toBe(3);
    expect(currentInspectionOf([], () => false)).toBeUndefined();
  });
});
