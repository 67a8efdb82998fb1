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
  // The annual SFO report: a year with nothing signed off is still a report (of 0 reviews); a bad draft is the form's error.
  { method: 'GET', route: '/sfo/annual', path: () => '/sfo/annual', expect: SFO_PAGE },
  { method: 'GET', route: '/sfo/annual/:year', path: () => '/sfo/annual/2024-25', expect: SFO_PAGE },
  { method: 'POST', route: '/sfo/annual/:year', path: () => '/sfo/annual/2024-25', body: () => ({ summary: 'x'.repeat(10_001) }), expect: SFO_POST },
];

// The assessment journey (src/http/routes/sfo-assessment.ts): no sample or assessment exists here, so
// the administrator is told so (404) and the others are refused first (403); the SFO team's own
// roles and a region's staff are walked in sfo-assessment-pages.storage.test.ts. Feedback letters
// answer 404 to everyone not allowed to read them, so a region learns nothing of another's reviews.
const NO_SAMPLE_PAGE = { ...SFO_PAGE, administrator: 404 } as const;
const NO_SAMPLE_POST = { ...SFO_POST, administrator: 404 } as const;
const LETTER = { default: 404, anonymous: 303 } as const;

export const sfoAssessmentRows: Row[] = [
  { method: 'GET', route: '/sfo/samples/:id/assessments', path: () => '/sfo/samples/1/assessments', expect: NO_SAMPLE_PAGE },
  { method: 'POST', route: '/sfo/samples/:id/assignments', path: () => '/sfo/samples/1/assignments', body: () => ({ reviewRef: '', inspectorId: '' }), expect: NO_SAMPLE_POST },
  { method: 'POST', route: '/sfo/samples/:id/moderation', path: () => '/sfo/samples/1/moderation', body: () => ({ share: 'x', seed: '' }), expect: NO_SAMPLE_POST },
  { method: 'POST', route: '/sfo/samples/:id/second-readers', path: () => '/sfo/samples/1/second-readers', body: () => ({ assessmentId: '', readerId: '' }), expect: NO_SAMPLE_POST },
  { method: 'GET', route: '/sfo/assessments/:id', path: () => '/sfo/assessments/1', expect: NO_SAMPLE_PAGE },
  { method: 'POST', route: '/sfo/assessments/:id', path: () => '/sfo/assessments/1', body: () => ({ action: 'save' }), expect: NO_SAMPLE_POST },
  { method: 'POST', route: '/sfo/assessments/:id/acknowledgements', path: () => '/sfo/assessments/1/acknowledgements', body: () => ({ reason: '' }), expect: NO_SAMPLE_POST },
  { method: 'POST', route: '/sfo/assessments/:id/settlements', path: () => '/sfo/assessments/1/settlements', body: () => ({ item: '1' }), expect: NO_SAMPLE_POST },
  { method: 'GET', route: '/sfo/assessments/:id/second-reading', path: () => '/sfo/assessments/1/second-reading', expect: NO_SAMPLE_PAGE },
  { method: 'POST', route: '/sfo/assessments/:id/second-reading', path: () => '/sfo/assessments/1/second-reading', body: () => ({ action: 'save' }), expect: NO_SAMPLE_POST },
  { method: 'GET', route: '/sfo/samples/:id/sign-off', path: () => '/sfo/samples/1/sign-off', expect: NO_SAMPLE_PAGE },
  { method: 'POST', route: '/sfo/samples/:id/sign-off', path: () => '/sfo/samples/1/sign-off', expect: NO_SAMPLE_POST },
  { method: 'POST', route: '/sfo/samples/:id/release', path: () => '/sfo/samples/1/release', expect: NO_SAMPLE_POST },
  { method: 'GET', route: '/sfo/assessments/:id/letter', path: () => '/sfo/assessments/1/letter', expect: LETTER },
  { method: 'GET', route: '/sfo/assessments/:id/letter.pdf', path: () => '/sfo/assessments/1/letter.pdf', expect: LETTER },
  { method: 'POST', route: '/sfo/assessments/:id/actions', path: () => '/sfo/assessments/1/actions', body: () => ({ action: '' }), expect: { default: 404, anonymous: 403 } },
  // Released feedback: the SFO team and administrators see every region's; a region's staff their own; a PDU's staff and everyone else are refused.
  { method: 'GET', route: '/sfo/feedback', path: () => '/sfo/feedback', expect: { default: 403, anonymous: 303, administrator: 200 } },
];
