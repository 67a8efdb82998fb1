import { describe, expect, it } from 'vitest';
import { canProduceNationalReports, canViewNationalReports, ROLES, type Actor, type Role } from './permissions.ts';

const actor = (role: Role): Actor => ({ userId: 1, role, organisationId: role === 'service-staff' ? 40 : null, memberships: new Map() });

describe('national reports access', () => {
  it('shows drafts to the inspectorate only, and lets analysts and administrators make them', () => {
    expect(ROLES.filter((r) => canViewNationalReports(actor(r)))).toEqual(['administrator', 'programme-manager', 'analyst', 'lead-inspector', 'inspector']);
    expect(ROLES.filter((r) => canProduceNationalReports(actor(r)))).toEqual(['administrator', 'analyst']);
  });
});
