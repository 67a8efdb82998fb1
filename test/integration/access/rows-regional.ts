// Rows of the access matrix for regional feedback: the inspectorate's administrators, programme
// managers, analysts and lead inspectors; a region's own staff too, never another region's; never
// inspectors, a PDU's staff or the SFO QA team. A region that does not exist is 404.
import type { Row } from './matrix.ts';

const READERS = { administrator: 200, 'programme-manager': 200, analyst: 200, lead: 200, 'region-own': 200 } as const;
const PAGE = { default: 403, anonymous: 303, ...READERS } as const;
const API = { ...PAGE, anonymous: 401 } as const;

export const regionalRows: Row[] = [
  { method: 'GET', route: '/regions/:id/feedback', path: (ctx) => `/regions/${ctx.regionId}/feedback`, expect: PAGE },
  { method: 'GET', route: '/regions/:id/feedback', path: (ctx) => `/regions/${ctx.regionId}/feedback?year=2025`, expect: PAGE },
  { method: 'GET', route: '/regions/:id/feedback', path: (ctx) => `/regions/${ctx.regionId}/feedback?year=2025&format=pdf`, expect: PAGE },
  { method: 'GET', route: '/regions/:id/feedback', path: (ctx) => `/regions/${ctx.regionId}/feedback?year=2025&format=csv`, expect: PAGE },
  { method: 'GET', route: '/regions/:id/feedback', path: (ctx) => `/regions/${ctx.otherRegionId}/feedback`, expect: { ...PAGE, 'region-own': 403 } },
  { method: 'GET', route: '/regions/:id/feedback', path: () => '/regions/999999/feedback', expect: { default: 404, anonymous: 303 } },
  { method: 'GET', route: '/api/regions/:id/feedback', path: (ctx) => `/api/regions/${ctx.regionId}/feedback?year=2025`, expect: API },
  { method: 'GET', route: '/api/regions/:id/feedback', path: (ctx) => `/api/regions/${ctx.otherRegionId}/feedback?year=2025`, expect: { ...API, 'region-own': 403 } },
  { method: 'GET', route: '/api/regions/:id/feedback', path: () => '/api/regions/999999/feedback', expect: { default: 404, anonymous: 401 } },
];
