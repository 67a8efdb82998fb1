// Rows of the access matrix for the public ratings tables and their open data: everyone may read
// them, anonymous visitors included; an id that is not a region's (or a PDU's, or a youth justice
// service's) is not found. The matrix's context names no youth justice service, so a youth
// service's own page is read by everyone in public-youth-ratings.storage.test.ts.
import type { Row } from './matrix.ts';

const EVERYONE = { default: 200 } as const;
const NOT_FOUND = { default: 404 } as const;

export const publicRatingsRows: Row[] = [
  { method: 'GET', route: '/public/ratings', path: () => '/public/ratings', expect: EVERYONE },
  { method: 'GET', route: '/public/ratings/regions/:id', path: (ctx) => `/public/ratings/regions/${ctx.regionId}`, expect: EVERYONE },
  { method: 'GET', route: '/public/ratings/regions/:id', path: (ctx) => `/public/ratings/regions/${ctx.pduId}`, expect: NOT_FOUND },
  { method: 'GET', route: '/public/ratings/regions/:id', path: () => '/public/ratings/regions/999999', expect: NOT_FOUND },
  { method: 'GET', route: '/public/pdus/:id', path: (ctx) => `/public/pdus/${ctx.pduId}`, expect: EVERYONE },
  { method: 'GET', route: '/public/pdus/:id', path: (ctx) => `/public/pdus/${ctx.regionId}`, expect: NOT_FOUND },
  { method: 'GET', route: '/public/pdus/:id', path: () => '/public/pdus/999999', expect: NOT_FOUND },
  { method: 'GET', route: '/public/data/ratings-latest.json', path: () => '/public/data/ratings-latest.json', expect: EVERYONE },
  { method: 'GET', route: '/public/data/ratings-latest.csv', path: () => '/public/data/ratings-latest.csv', expect: EVERYONE },
  { method: 'GET', route: '/public/youth-ratings', path: () => '/public/youth-ratings', expect: EVERYONE },
  { method: 'GET', route: '/public/youth-services/:id', path: (ctx) => `/public/youth-services/${ctx.pduId}`, expect: NOT_FOUND },
  { method: 'GET', route: '/public/youth-services/:id', path: () => '/public/youth-services/999999', expect: NOT_FOUND },
  { method: 'GET', route: '/public/data/youth-ratings.json', path: () => '/public/data/youth-ratings.json', expect: EVERYONE },
  { method: 'GET', route: '/public/data/youth-ratings.csv', path: () => '/public/data/youth-ratings.csv', expect: EVERYONE },
];
