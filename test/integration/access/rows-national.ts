// Rows of the access matrix for annual national reports: drafts are the inspectorate's (made by
// analysts and administrators); inspected services and the public see only published reports.
import type { Row } from './matrix.ts';

const INTERNAL_PAGE = { default: 403, anonymous: 303, administrator: 200, 'programme-manager': 200, analyst: 200, lead: 200, inspector: 200, 'other-inspector': 200 } as const;
const INTERNAL_API = { ...INTERNAL_PAGE, anonymous: 401 } as const;
const PRODUCERS_ONLY = { default: 403, anonymous: 303, administrator: 200, analyst: 200 } as const;
const PRODUCERS_POST = (ok: number) => ({ default: 403, administrator: ok, analyst: ok }) as const;
const EVERYONE = { default: 200 } as const;

export const nationalRows: Row[] = [
  { method: 'GET', route: '/national', path: () => '/national', expect: INTERNAL_PAGE },
  // An invalid year: refused with the form's error, so no report is made.
  { method: 'POST', route: '/national/annual', path: () => '/national/annual', body: () => ({ year: 'soon', framework: 'hmip-adult-pdu@2021' }), expect: PRODUCERS_POST(400) },
  { method: 'GET', route: '/national/annual/:id', path: (ctx) => `/national/annual/${ctx.annual.draft}`, expect: INTERNAL_PAGE },
  { method: 'GET', route: '/national/annual/:id', path: (ctx) => `/national/annual/${ctx.annual.draft}?format=pdf`, expect: INTERNAL_PAGE },
  { method: 'GET', route: '/national/annual/:id/figures.csv', path: (ctx) => `/national/annual/${ctx.annual.draft}/figures.csv`, expect: INTERNAL_PAGE },
  { method: 'GET', route: '/national/annual/:id/cut.json', path: (ctx) => `/national/annual/${ctx.annual.draft}/cut.json`, expect: PRODUCERS_ONLY },
  { method: 'GET', route: '/national/annual/:id/check', path: (ctx) => `/national/annual/${ctx.annual.draft}/check`, expect: INTERNAL_PAGE },
  { method: 'POST', route: '/national/annual/:id/foreword', path: (ctx) => `/national/annual/${ctx.annual.draft}/foreword`, body: () => ({ foreword: 'A foreword.' }), expect: PRODUCERS_POST(303) },
  // A date in the past: refused, so the draft stays a draft for the other rows.
  { method: 'POST', route: '/national/annual/:id/publication', path: (ctx) => `/national/annual/${ctx.annual.draft}/publication`, body: () => ({ publishOn: '2001-01-01' }), expect: PRODUCERS_POST(400) },
  { method: 'GET', route: '/api/national/annual', path: () => '/api/national/annual', expect: INTERNAL_API },
  { method: 'GET', route: '/api/national/annual/:id', path: (ctx) => `/api/national/annual/${ctx.annual.draft}`, expect: INTERNAL_API },
  { method: 'GET', route: '/public/annual/:id', path: (ctx) => `/public/annual/${ctx.annual.published}`, expect: EVERYONE },
  { method: 'GET', route: '/public/annual/:id', path: (ctx) => `/public/annual/${ctx.annual.draft}`, expect: { default: 404 } },
  { method: 'GET', route: '/public/annual/:id', path: (ctx) => `/public/annual/${ctx.annual.published}?format=pdf`, expect: EVERYONE },
  { method: 'GET', route: '/public/annual/:id', path: (ctx) => `/public/annual/${ctx.annual.draft}?format=pdf`, expect: { default: 404 } },
  { method: 'GET', route: '/public/annual/:id/figures.csv', path: (ctx) => `/public/annual/${ctx.annual.published}/figures.csv`, expect: EVERYONE },
  { method: 'GET', route: '/public/annual/:id/figures.csv', path: (ctx) => `/public/annual/${ctx.annual.draft}/figures.csv`, expect: { default: 404 } },
  { method: 'GET', route: '/public/annual/:id/figures.json', path: (ctx) => `/public/annual/${ctx.annual.published}/figures.json`, expect: EVERYONE },
  { method: 'GET', route: '/public/annual/:id/figures.json', path: (ctx) => `/public/annual/${ctx.annual.draft}/figures.json`, expect: { default: 404 } },
];
