// Rows of the access matrix for creating inspections (/inspections/new) and moving the dates of an
// inspection's timeline. The form posts carry bad input, so those allowed get the form back with
// its errors (400) and nothing is created or moved.
import type { Row } from './matrix.ts';

/** Programme managers, administrators and lead inspectors create inspections; no one else. */
const CREATORS = { default: 403, anonymous: 303, administrator: 200, 'programme-manager': 200, lead: 200 } as const;
const CREATORS_POST = { ...CREATORS, anonymous: 403, administrator: 400, 'programme-manager': 400, lead: 400 } as const;
/** The inspection's lead, programme managers and administrators move its dates; others who see it may not (403), those who do not see it never learn of it (404). */
const MOVERS = { default: 404, anonymous: 303, administrator: 200, 'programme-manager': 200, lead: 200, analyst: 403, inspector: 403, 'service-own': 403 } as const;
const MOVERS_POST = { ...MOVERS, anonymous: 403, administrator: 400, 'programme-manager': 400, lead: 400 } as const;

export const timelineRows: Row[] = [
  { method: 'GET', route: '/inspections/new', path: () => '/inspections/new', expect: CREATORS },
  { method: 'POST', route: '/inspections/new', path: () => '/inspections/new', body: () => ({ pdu: '', framework: '' }), expect: CREATORS_POST },
  { method: 'POST', route: '/inspections/new/youth-selection', path: () => '/inspections/new/youth-selection', body: () => ({ youthSelection: '0', service: 'Nowhere' }), expect: CREATORS_POST },
  { method: 'POST', route: '/inspections/new/booking', path: () => '/inspections/new/booking', body: () => ({ cycle: '0', booking: 'inspection|Nowhere' }), expect: CREATORS_POST },
  { method: 'GET', route: '/inspections/:id/timeline/:milestone', path: (ctx) => `/inspections/${ctx.demoId}/timeline/publication`, expect: MOVERS },
  { method: 'POST', route: '/inspections/:id/timeline/:milestone', path: (ctx) => `/inspections/${ctx.demoId}/timeline/publication`, body: () => ({ reason: '' }), expect: MOVERS_POST },
  { method: 'POST', route: '/inspections/:id/timeline/:milestone/done', path: (ctx) => `/inspections/${ctx.demoId}/timeline/notice/done`, body: () => ({ 'on-day': '' }), expect: MOVERS_POST },
];
