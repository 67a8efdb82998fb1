// Rows of the access matrix for the inspection programme's pages and API. Programme managers and
// administrators plan; analysts and inspectors (lead or not) read; administrators change the
// registry; inspected services see none of it.
//
// The rows run in order on a fresh database, so the first ones create what the later ones use:
// cycle 1 (and 2), youth selection 1 (and 2), programme year 1, topic 1 (and 2), question 1 to 5
// (the year's defaults) and 6, 7. A second create of the same programme year is refused (400), and
// a second removal of the same topic or question finds nothing (404).
import type { Row } from './matrix.ts';

const READ = { default: 403, anonymous: 303, administrator: 200, 'programme-manager': 200, analyst: 200, lead: 200, inspector: 200, 'other-inspector': 200 } as const;
const API_READ = { ...READ, anonymous: 401 } as const;
const PLAN_PAGE = { default: 403, anonymous: 303, administrator: 200, 'programme-manager': 200 } as const;
const PLAN_POST = { default: 403, administrator: 303, 'programme-manager': 303 } as const;
const ADMIN_POST = { default: 403, administrator: 303 } as const;
const ADMIN_PAGE = { default: 403, anonymous: 303, administrator: 200 } as const;

export const programmeRows: Row[] = [
  // Created first, used below.
  { method: 'POST', route: '/programme/cycles', path: () => '/programme/cycles', body: () => ({ start: '2027-04-05', years: '3', teams: '3', capacity: '40', excludeNonGeographic: 'yes' }), expect: PLAN_POST },
  { method: 'POST', route: '/programme/youth/selections', path: () => '/programme/youth/selections', body: () => ({ asOf: '2027-04-01', targeted: '2', random: '1', seed: '1' }), expect: PLAN_POST },
  {
    method: 'POST',
    route: '/programme/years',
    path: () => '/programme/years',
    body: () => ({ label: '2027/28', startsOn: '2027-04-01', fieldworkSlots: '1', desktopSlots: '0', researchSlots: '1', cycleId: '1', youthSelectionId: '1' }),
    expect: { ...PLAN_POST, 'programme-manager': 400 },
  },
  { method: 'POST', route: '/programme/years/:id/topics', path: () => '/programme/years/1/topics', body: () => ({ title: 'Matrix topic', kind: 'fieldwork', 'score-ongoing-weakness': '2' }), expect: PLAN_POST },
  { method: 'POST', route: '/programme/years/:id/consultation/questions', path: () => '/programme/years/1/consultation/questions', body: () => ({ section: 'core', text: 'Matrix question?' }), expect: PLAN_POST },
  { method: 'POST', route: '/programme/years/:id/consultation/responses', path: () => '/programme/years/1/consultation/responses', body: () => ({ questionId: '1', receivedOn: '2026-01-05', text: 'Matrix response' }), expect: PLAN_POST },

  // Overview and PDU cycles.
  { method: 'GET', route: '/programme', path: () => '/programme', expect: READ },
  { method: 'GET', route: '/programme/cycles/new', path: () => '/programme/cycles/new', expect: PLAN_PAGE },
  { method: 'GET', route: '/programme/cycles/:id', path: () => '/programme/cycles/1', expect: READ },
  { method: 'GET', route: '/programme/cycles/:id/regions/:region', path: () => '/programme/cycles/1/regions/North%20East', expect: READ },
  { method: 'GET', route: '/programme/cycles/:id/move', path: () => `/programme/cycles/1/move?booking=${encodeURIComponent('inspection|Leeds')}`, expect: PLAN_PAGE },
  { method: 'POST', route: '/programme/cycles/:id/pins', path: () => '/programme/cycles/1/pins', body: () => ({ booking: 'inspection|Leeds', week: '2027-06-07' }), expect: PLAN_POST },
  // Unpinning what is no longer pinned (the second person) changes nothing and still answers 303.
  { method: 'POST', route: '/programme/cycles/:id/unpin', path: () => '/programme/cycles/1/unpin', body: () => ({ booking: 'inspection|Leeds' }), expect: PLAN_POST },
  { method: 'GET', route: '/programme/cycles/:id/settings', path: () => '/programme/cycles/1/settings', expect: PLAN_PAGE },
  { method: 'POST', route: '/programme/cycles/:id/settings', path: () => '/programme/cycles/1/settings', body: () => ({ start: '2027-04-05', years: '3', teams: '3', capacity: '40' }), expect: PLAN_POST },
  {
    method: 'POST',
    route: '/programme/cycles/:id/exclusions',
    path: () => '/programme/cycles/1/exclusions',
    body: () => ({ subject: 'team', team: 'Team 1', from: '2027-05-03', to: '2027-05-09', reason: 'Matrix' }),
    expect: PLAN_POST,
  },
  { method: 'POST', route: '/programme/cycles/:id/exclusions/remove', path: () => '/programme/cycles/1/exclusions/remove', body: () => ({ index: '1' }), expect: PLAN_POST },

  // The registry.
  { method: 'GET', route: '/programme/services', path: () => '/programme/services', expect: READ },
  { method: 'GET', route: '/programme/services/:id', path: () => '/programme/services/2', expect: READ },
  { method: 'POST', route: '/programme/services/:id/name', path: () => '/programme/services/2/name', body: () => ({ name: 'Matrix renamed PDU', effectiveFrom: '2026-01-05' }), expect: ADMIN_POST },
  // A rename announced ahead (service 3), then cancelled.
  { method: 'POST', route: '/programme/services/:id/name', path: () => '/programme/services/3/name', body: () => ({ name: 'Matrix PDU to come', effectiveFrom: '2099-01-04' }), expect: ADMIN_POST },
  { method: 'POST', route: '/programme/services/:id/name/cancel', path: () => '/programme/services/3/name/cancel', expect: ADMIN_POST },
  { method: 'POST', route: '/programme/services/:id/intelligence', path: () => '/programme/services/2/intelligence', body: () => ({ caseload: '1200' }), expect: ADMIN_POST },
  // Inspection result 1, recorded by the administrator, then corrected and withdrawn.
  { method: 'POST', route: '/programme/services/:id/inspections', path: () => '/programme/services/2/inspections', body: () => ({ published: '2026-01-05', overallRating: 'Inadequate' }), expect: ADMIN_POST },
  { method: 'GET', route: '/programme/services/:id/inspections/:resultId', path: () => '/programme/services/2/inspections/1', expect: ADMIN_PAGE },
  {
    method: 'POST',
    route: '/programme/services/:id/inspections/:resultId',
    path: () => '/programme/services/2/inspections/1',
    body: () => ({ published: '2026-01-06', overallRating: 'Requires improvement' }),
    expect: ADMIN_POST,
  },
  { method: 'POST', route: '/programme/services/:id/inspections/:resultId/withdraw', path: () => '/programme/services/2/inspections/1/withdraw', body: () => ({ reason: 'Matrix' }), expect: ADMIN_POST },

  // Youth justice services.
  { method: 'GET', route: '/programme/youth', path: () => '/programme/youth', expect: READ },
  { method: 'GET', route: '/programme/youth/selections/:id', path: () => '/programme/youth/selections/1', expect: READ },

  // Programme years, topics and the consultation.
  { method: 'GET', route: '/programme/years/new', path: () => '/programme/years/new', expect: PLAN_PAGE },
  { method: 'GET', route: '/programme/years/:id', path: () => '/programme/years/1', expect: READ },
  { method: 'POST', route: '/programme/years/:id/settings', path: () => '/programme/years/1/settings', body: () => ({ fieldworkSlots: '2', desktopSlots: '1', researchSlots: '1', cycleId: '1' }), expect: PLAN_POST },
  { method: 'GET', route: '/programme/years/:id/topics/new', path: () => '/programme/years/1/topics/new', expect: PLAN_PAGE },
  { method: 'GET', route: '/programme/years/:id/topics/:topicId', path: () => '/programme/years/1/topics/1', expect: PLAN_PAGE },
  { method: 'POST', route: '/programme/years/:id/topics/:topicId', path: () => '/programme/years/1/topics/1', body: () => ({ title: 'Matrix topic, changed', kind: 'desktop' }), expect: PLAN_POST },
  { method: 'POST', route: '/programme/years/:id/topics/:topicId/remove', path: () => '/programme/years/1/topics/2/remove', expect: { ...PLAN_POST, 'programme-manager': 404 } },
  { method: 'GET', route: '/programme/years/:id/consultation', path: () => '/programme/years/1/consultation', expect: READ },
  { method: 'GET', route: '/programme/years/:id/consultation.pdf', path: () => '/programme/years/1/consultation.pdf', expect: READ },
  { method: 'GET', route: '/programme/years/:id/consultation/questions', path: () => '/programme/years/1/consultation/questions', expect: PLAN_PAGE },
  { method: 'POST', route: '/programme/years/:id/consultation/questions/:questionId', path: () => '/programme/years/1/consultation/questions/2', body: () => ({ section: 'core', text: 'Matrix question, changed?' }), expect: PLAN_POST },
  { method: 'POST', route: '/programme/years/:id/consultation/questions/:questionId/remove', path: () => '/programme/years/1/consultation/questions/7/remove', expect: { ...PLAN_POST, 'programme-manager': 404 } },
  { method: 'GET', route: '/programme/years/:id/consultation/responses', path: () => '/programme/years/1/consultation/responses', expect: READ },

  // The JSON API (src/http/routes/api-programme.ts, mounted under /api).
  { method: 'GET', route: '/api/programme', path: () => '/api/programme', expect: API_READ },
  { method: 'GET', route: '/api/programme/services', path: () => '/api/programme/services', expect: API_READ },
  { method: 'GET', route: '/api/programme/services/:id', path: () => '/api/programme/services/2', expect: API_READ },
  { method: 'GET', route: '/api/programme/cycles', path: () => '/api/programme/cycles', expect: API_READ },
  { method: 'GET', route: '/api/programme/cycles/:id', path: () => '/api/programme/cycles/1', expect: API_READ },
  { method: 'GET', route: '/api/programme/cycles/:id/revisions', path: () => '/api/programme/cycles/1/revisions', expect: API_READ },
  { method: 'GET', route: '/api/programme/youth/scores', path: () => '/api/programme/youth/scores?asOf=2027-04-01', expect: API_READ },
  { method: 'GET', route: '/api/programme/youth/selections', path: () => '/api/programme/youth/selections', expect: API_READ },
  { method: 'GET', route: '/api/programme/youth/selections/:id', path: () => '/api/programme/youth/selections/1', expect: API_READ },
  { method: 'GET', route: '/api/programme/years', path: () => '/api/programme/years', expect: API_READ },
  { method: 'GET', route: '/api/programme/years/:id/topics', path: () => '/api/programme/years/1/topics', expect: API_READ },
  { method: 'GET', route: '/api/programme/years/:id/consultation', path: () => '/api/programme/years/1/consultation', expect: API_READ },
];
