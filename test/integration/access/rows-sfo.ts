// Rows of the access matrix for the SFO review QA pages: the SFO QA team's (whose own roles are
// walked in sfo-pages.storage.test.ts) and administrators'; every other role refused, inspected
// services included. Posts here are bad forms, so nothing changes: the administrator gets the form's error.
import type { Row } from './matrix.ts';

const SFO_PAGE = { default: 403, anonymous: 303, administrator: 200 } as const;
const SFO_POST = { default: 403, administrator: 400 } as const;

export const sfoRows: Row[] = [
  { method: 'GET', route: '/sfo', path: () => '/sfo', expect: SFO_PAGE },
  { method: 'POST', route: '/sfo/register', path: () => '/sfo/register', expect: SFO_POST },
  { method: 'POST', route: '/sfo/reviews', path: () => '/sfo/reviews', body: () => ({ review_ref: '' }), expect: SFO_POST },
  { method: 'GET', route: '/sfo/samples', path: () => '/sfo/samples', expect: SFO_PAGE },
  { method: 'POST', route: '/sfo/samples', path: () => '/sfo/samples', body: () => ({ seed: 'x' }), expect: SFO_POST },
  // No sample is drawn here: the administrator is told so; the others are refused before it is looked up.
  { method: 'GET', route: '/sfo/samples/:id', path: () => '/sfo/samples/1', expect: { ...SFO_PAGE, administrator: 404 } },
  { method: 'POST', route: '/sfo/samples/:id/changes', path: () => '/sfo/samples/1/changes', body: () => ({ change: 'add', reviewRef: '', reason: '' }), expect: { ...SFO_POST, administrator: 404 } },
  // Learning panels: none is recorded here, so the administrator is told so.
  { method: 'GET', route: '/sfo/panels', path: () => '/sfo/panels', expect: SFO_PAGE },
  { method: 'POST', route: '/sfo/panels', path: () => '/sfo/panels', body: () => ({ title: '' }), expect: SFO_POST },
  { method: 'GET', route: '/sfo/panels/:id', path: () => '/sfo/panels/1', expect: { ...SFO_PAGE, administrator: 404 } },
  { method: 'POST', route: '/sfo/panels/:id/actions', path: () => '/sfo/panels/1/actions', body: () => ({ description: '' }), expect: { ...SFO_POST, administrator: 404 } },
  { method: 'POST', route: '/sfo/panels/:id/action-states', path: () => '/sfo/panels/1/action-states', body: () => ({ actionId: '' }), expect: { ...SFO_POST, administrator: 404 } },
];
