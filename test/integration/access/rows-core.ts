// Rows of the access matrix for sign-in, inspections, cases, the lead inspector's pages,
// administration and the JSON API.
import { FINDINGS, LEAD_ONLY_POST, PAGE_FINDINGS, STAFF_READ, type Row } from './matrix.ts';

const SECOND_ONLY = { default: 404, anonymous: 303, administrator: 403, 'programme-manager': 403, analyst: 403, 'service-own': 403, lead: 404, inspector: 404 } as const;

export const coreRows: Row[] = [
  // Health checks: public, for the load balancer; they show nothing of the service's data.
  { method: 'GET', route: '/health', path: () => '/health', expect: { default: 200 } },
  { method: 'GET', route: '/health/ready', path: () => '/health/ready', expect: { default: 200 } },
  { method: 'GET', route: '/sign-in', path: () => '/sign-in', expect: { default: 303, anonymous: 200 } },
  { method: 'POST', route: '/sign-in', path: () => '/sign-in', body: () => ({ email: `nobody-${Math.random()}@test.local`, password: 'wrong password' }), expect: { default: 400, anonymous: 403 } },
  { method: 'POST', route: '/sign-out', path: () => '/sign-out', expect: { default: 303, anonymous: 403 } },
  { method: 'GET', route: '/', path: () => '/', expect: { default: 200, anonymous: 303, 'service-own': 'embargoed' } },
  // An inspector's own cases across inspections: those who may be assigned cases.
  { method: 'GET', route: '/my-cases', path: () => '/my-cases', expect: { default: 403, anonymous: 303, lead: 200, inspector: 200, 'other-inspector': 200 } },
  { method: 'GET', route: '/inspections/:id', path: (ctx) => `/inspections/${ctx.demoId}`, expect: { default: 404, anonymous: 303, ...STAFF_READ, 'service-own': 'embargoed' } },
  { method: 'GET', route: '/inspections/:id/cases', path: (ctx) => `/inspections/${ctx.demoId}/cases`, expect: PAGE_FINDINGS },
  { method: 'GET', route: '/inspections/:id/cases/:caseRef', path: (ctx) => `/inspections/${ctx.demoId}/cases/DEMO-001`, expect: PAGE_FINDINGS },
  { method: 'GET', route: '/inspections/:id/cases/:caseRef/standards/:standardId', path: (ctx) => `/inspections/${ctx.demoId}/cases/DEMO-001/standards/2.5`, expect: PAGE_FINDINGS },
  // An empty save from an out-of-date form merges to no change: safe to repeat for every person.
  { method: 'POST', route: '/inspections/:id/cases/:caseRef/standards/:standardId', path: (ctx) => `/inspections/${ctx.demoId}/cases/DEMO-001/standards/2.5`, expect: { default: 404, anonymous: 403, administrator: 403, 'programme-manager': 403, analyst: 403, 'service-own': 403, lead: 303, inspector: 303 } },
  { method: 'GET', route: '/inspections/:id/judgements', path: (ctx) => `/inspections/${ctx.demoId}/judgements`, expect: PAGE_FINDINGS },
  { method: 'POST', route: '/inspections/:id/judgements/:itemId', path: (ctx) => `/inspections/${ctx.demoId}/judgements/1.4`, body: () => ({ rating: 'Good', rationale: 'Matrix test' }), expect: LEAD_ONLY_POST },
  { method: 'GET', route: '/inspections/:id/team', path: (ctx) => `/inspections/${ctx.demoId}/team`, expect: PAGE_FINDINGS },
  // Adding the analyst (not an inspector) is refused as invalid; removing someone not on the team is not found.
  { method: 'POST', route: '/inspections/:id/team/members', path: (ctx) => `/inspections/${ctx.demoId}/team/members`, body: (ctx) => ({ userId: String(ctx.userId('analyst')), role: 'inspector' }), expect: { ...LEAD_ONLY_POST, lead: 400, administrator: 400, 'programme-manager': 400 } },
  { method: 'POST', route: '/inspections/:id/team/members/:userId/remove', path: (ctx) => `/inspections/${ctx.demoId}/team/members/${ctx.userId('other-inspector')}/remove`, expect: { ...LEAD_ONLY_POST, lead: 404, administrator: 404, 'programme-manager': 404 } },
  { method: 'POST', route: '/inspections/:id/team/assignments', path: (ctx) => `/inspections/${ctx.demoId}/team/assignments`, expect: LEAD_ONLY_POST },
  { method: 'GET', route: '/inspections/:id/sign-off', path: (ctx) => `/inspections/${ctx.demoId}/sign-off`, expect: PAGE_FINDINGS },
  // Sign-off and reopening change state; with a case unfinished, sign-off is refused (400) even for the lead.
  { method: 'POST', route: '/inspections/:id/sign-off', path: (ctx) => `/inspections/${ctx.demoId}/sign-off`, expect: { ...LEAD_ONLY_POST, lead: 400 } },
  { method: 'POST', route: '/inspections/:id/reopen', path: (ctx) => `/inspections/${ctx.demoId}/reopen`, body: () => ({ reason: 'matrix' }), expect: { ...LEAD_ONLY_POST, lead: 409 } },
  { method: 'GET', route: '/inspections/:id/audit', path: (ctx) => `/inspections/${ctx.demoId}/audit`, expect: { default: 404, anonymous: 303, 'programme-manager': 403, analyst: 403, inspector: 403, 'service-own': 403, administrator: 200, lead: 200 } },
  { method: 'GET', route: '/inspections/:id/quality', path: (ctx) => `/inspections/${ctx.demoId}/quality`, expect: PAGE_FINDINGS },
  { method: 'POST', route: '/inspections/:id/quality/draw', path: (ctx) => `/inspections/${ctx.demoId}/quality/draw`, body: () => ({ share: '10', firstInspectionAll: 'no', seed: '5' }), expect: LEAD_ONLY_POST },
  { method: 'POST', route: '/inspections/:id/quality/assignments', path: (ctx) => `/inspections/${ctx.demoId}/quality/assignments`, expect: LEAD_ONLY_POST },
  // No open disagreement to settle: refused as not found even for the lead.
  { method: 'POST', route: '/inspections/:id/quality/settle', path: (ctx) => `/inspections/${ctx.demoId}/quality/settle`, body: () => ({ caseRef: 'DEMO-001', item: '2.2.1', choice: 'first', reason: 'matrix' }), expect: { ...LEAD_ONLY_POST, lead: 404 } },
  // Nobody in the matrix is the case's second assessor: members are refused (403), others do not see the inspection.
  { method: 'GET', route: '/inspections/:id/cases/:caseRef/second', path: (ctx) => `/inspections/${ctx.demoId}/cases/DEMO-001/second`, expect: SECOND_ONLY },
  { method: 'GET', route: '/inspections/:id/cases/:caseRef/second/standards/:standardId', path: (ctx) => `/inspections/${ctx.demoId}/cases/DEMO-001/second/standards/2.2`, expect: SECOND_ONLY },
  { method: 'POST', route: '/inspections/:id/cases/:caseRef/second/standards/:standardId', path: (ctx) => `/inspections/${ctx.demoId}/cases/DEMO-001/second/standards/2.2`, expect: { ...SECOND_ONLY, anonymous: 403 } },
  { method: 'POST', route: '/inspections/:id/cases/:caseRef/second/submit', path: (ctx) => `/inspections/${ctx.demoId}/cases/DEMO-001/second/submit`, expect: { ...SECOND_ONLY, anonymous: 403 } },
  { method: 'GET', route: '/admin/users', path: () => '/admin/users', expect: { default: 403, anonymous: 303, administrator: 200 } },
  { method: 'GET', route: '/admin/outbox', path: () => '/admin/outbox', expect: { default: 403, anonymous: 303, administrator: 200 } },
  { method: 'GET', route: '/admin/users/new', path: () => '/admin/users/new', expect: { default: 403, anonymous: 303, administrator: 200 } },
  { method: 'POST', route: '/admin/users/new', path: () => '/admin/users/new', body: () => ({ displayName: 'New Person', email: `new-${Math.random()}@test.local`, role: 'inspector', password: 'a long enough password' }), expect: { default: 403, administrator: 303 } },
  { method: 'GET', route: '/admin/users/:id', path: (ctx) => `/admin/users/${ctx.userId('inspector')}`, expect: { default: 403, anonymous: 303, administrator: 200 } },
  { method: 'POST', route: '/admin/users/:id/role', path: (ctx) => `/admin/users/${ctx.userId('other-inspector')}/role`, body: () => ({ role: 'inspector' }), expect: { default: 403, administrator: 303 } },
  { method: 'POST', route: '/admin/users/:id/active', path: (ctx) => `/admin/users/${ctx.userId('other-inspector')}/active`, body: () => ({ active: 'true' }), expect: { default: 403, administrator: 303 } },
  { method: 'GET', route: '/api', path: () => '/api', expect: { default: 200, anonymous: 401 } },
  { method: 'GET', route: '/api/frameworks', path: () => '/api/frameworks', expect: { default: 200, anonymous: 401 } },
  { method: 'GET', route: '/api/frameworks/:id/:version', path: () => '/api/frameworks/hmip-adult-pdu/2021', expect: { default: 200, anonymous: 401 } },
  { method: 'GET', route: '/api/organisations', path: () => '/api/organisations', expect: { default: 200, anonymous: 401 } },
  { method: 'GET', route: '/api/inspections', path: () => '/api/inspections', expect: { default: 200, anonymous: 401, 'service-own': 'embargoed' } },
  { method: 'GET', route: '/api/inspections/:id', path: (ctx) => `/api/inspections/${ctx.demoId}`, expect: { default: 404, anonymous: 401, ...STAFF_READ, 'service-own': 'embargoed' } },
  { method: 'GET', route: '/api/inspections/:id/ratings', path: (ctx) => `/api/inspections/${ctx.demoId}/ratings`, expect: FINDINGS },
  { method: 'GET', route: '/api/inspections/:id/cases', path: (ctx) => `/api/inspections/${ctx.demoId}/cases`, expect: FINDINGS },
  { method: 'GET', route: '/api/inspections/:id/cases/:caseRef', path: (ctx) => `/api/inspections/${ctx.demoId}/cases/DEMO-001`, expect: FINDINGS },
  { method: 'GET', route: '/api/inspections/:id/export', path: (ctx) => `/api/inspections/${ctx.demoId}/export`, expect: FINDINGS },
  { method: 'GET', route: '/api/inspections/:id/audit', path: (ctx) => `/api/inspections/${ctx.demoId}/audit`, expect: { default: 404, anonymous: 401, 'programme-manager': 403, analyst: 403, inspector: 403, 'service-own': 403, administrator: 200, lead: 200 } },
];
