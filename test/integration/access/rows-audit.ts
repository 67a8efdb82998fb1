// Rows of the access matrix for the audit pages outside an inspection (an inspection's own audit
// trail and its API are in rows-core.ts): the programme's for programme managers and
// administrators, national reporting's for analysts and administrators, administration's (every
// event tied to no inspection) for administrators. Each page's CSV is the same route.
import type { Row } from './matrix.ts';

const PROGRAMME = { default: 403, anonymous: 303, administrator: 200, 'programme-manager': 200 } as const;
const NATIONAL = { default: 403, anonymous: 303, administrator: 200, analyst: 200 } as const;
const ADMINISTRATION = { default: 403, anonymous: 303, administrator: 200 } as const;

export const auditRows: Row[] = [
  { method: 'GET', route: '/programme/audit', path: () => '/programme/audit', expect: PROGRAMME },
  { method: 'GET', route: '/programme/audit', path: () => '/programme/audit?format=csv', expect: PROGRAMME },
  { method: 'GET', route: '/national/audit', path: () => '/national/audit', expect: NATIONAL },
  { method: 'GET', route: '/national/audit', path: () => '/national/audit?format=csv', expect: NATIONAL },
  { method: 'GET', route: '/admin/audit', path: () => '/admin/audit', expect: ADMINISTRATION },
  { method: 'GET', route: '/admin/audit', path: () => '/admin/audit?format=csv&kind=accounts', expect: ADMINISTRATION },
];
