// Rows of the access matrix for the SFO review QA pages: the SFO QA team's and administrators';
// every other role refused, inspected services and regions included. Posts here are bad forms, so
// nothing changes: whoever may post gets the form's error. Drawing a sample and drafting the annual
// report are the SFO QA lead's (and administrators'), not the SFO QA inspector's.
import type { Db } from '../../../src/db/repositories/index.ts';
import { publishAnnualReport, saveAnnualDraft } from '../../../src/db/repositories/sfo-panel-repository.ts';
import { sfoAnnualReport } from '../../../src/services/sfo/annual-report.ts';
import type { Row } from './matrix.ts';

const SFO_PAGE = { default: 403, anonymous: 303, administrator: 200, 'sfo-lead': 200, 'sfo-inspector': 200 } as const;
const SFO_POST = { default: 403, administrator: 400, 'sfo-lead': 400, 'sfo-inspector': 400 } as const;
const SFO_LEAD_POST = { ...SFO_POST, 'sfo-inspector': 403 } as const;
/** Nothing of that id exists here: whoever may look is told so (404), the others are refused first. */
const NONE_PAGE = { ...SFO_PAGE, administrator: 404, 'sfo-lead': 404, 'sfo-inspector': 404 } as const;
const NONE_POST = { ...SFO_POST, administrator: 404, 'sfo-lead': 404, 'sfo-inspector': 404 } as const;
const NONE_LEAD_POST = { ...NONE_POST, 'sfo-inspector': 403 } as const;

export const sfoRows: Row[] = [
  { method: 'GET', route: '/sfo', path: () => '/sfo', expect: SFO_PAGE },
  { method: 'POST', route: '/sfo/register', path: () => '/sfo/register', expect: SFO_POST },
  { method: 'POST', route: '/sfo/reviews', path: () => '/sfo/reviews', body: () => ({ review_ref: '' }), expect: SFO_POST },
  { method: 'GET', route: '/sfo/samples', path: () => '/sfo/samples', expect: SFO_PAGE },
  { method: 'POST', route: '/sfo/samples', path: () => '/sfo/samples', body: () => ({ seed: 'x' }), expect: SFO_LEAD_POST },
  // No sample is drawn here: the administrator is told so; the others are refused before it is looked up.
  { method: 'GET', route: '/sfo/samples/:id', path: () => '/sfo/samples/1', expect: NONE_PAGE },
  { method: 'POST', route: '/sfo/samples/:id/changes', path: () => '/sfo/samples/1/changes', body: () => ({ change: 'add', reviewRef: '', reason: '' }), expect: NONE_LEAD_POST },
  // Learning panels: none is recorded here, so the administrator is told so.
  { method: 'GET', route: '/sfo/panels', path: () => '/sfo/panels', expect: SFO_PAGE },
  { method: 'POST', route: '/sfo/panels', path: () => '/sfo/panels', body: () => ({ title: '' }), expect: SFO_POST },
  { method: 'GET', route: '/sfo/panels/:id', path: () => '/sfo/panels/1', expect: NONE_PAGE },
  { method: 'GET', route: '/sfo/panels/:id/edit', path: () => '/sfo/panels/1/edit', expect: NONE_PAGE },
  { method: 'POST', route: '/sfo/panels/:id/edit', path: () => '/sfo/panels/1/edit', body: () => ({ title: '' }), expect: NONE_POST },
  { method: 'POST', route: '/sfo/panels/:id/actions', path: () => '/sfo/panels/1/actions', body: () => ({ description: '' }), expect: NONE_POST },
  { method: 'GET', route: '/sfo/panels/:id/actions/:actionId/edit', path: () => '/sfo/panels/1/actions/1/edit', expect: NONE_PAGE },
  { method: 'POST', route: '/sfo/panels/:id/actions/:actionId/edit', path: () => '/sfo/panels/1/actions/1/edit', body: () => ({ description: '' }), expect: NONE_POST },
  { method: 'POST', route: '/sfo/panels/:id/action-states', path: () => '/sfo/panels/1/action-states', body: () => ({ actionId: '' }), expect: NONE_POST },
  // The annual SFO report: a year with nothing signed off is still a report (of 0 reviews); a bad draft is the form's error.
  { method: 'GET', route: '/sfo/annual', path: () => '/sfo/annual', expect: SFO_PAGE },
  { method: 'GET', route: '/sfo/annual/:year', path: () => '/sfo/annual/2024-25', expect: SFO_PAGE },
  { method: 'POST', route: '/sfo/annual/:year', path: () => '/sfo/annual/2024-25', body: () => ({ summary: 'x'.repeat(10_001) }), expect: SFO_LEAD_POST },
];

// The assessment journey (src/http/routes/sfo-assessment.ts): no sample or assessment exists here, so
// whoever may act is told so (404) and the others are refused first (403); assigning, moderating,
// settling, signing off and releasing are the SFO QA lead's. The journey with real reviews, readers
// and regions is walked in sfo-assessment-pages.storage.test.ts. Feedback letters answer 404 to
// everyone not allowed to read them, so a region learns nothing of another's reviews.
const NO_SAMPLE_PAGE = NONE_PAGE;
const NO_SAMPLE_POST = NONE_POST;
const NO_SAMPLE_LEAD_POST = NONE_LEAD_POST;
const LETTER = { default: 404, anonymous: 303 } as const;

export const sfoAssessmentRows: Row[] = [
  { method: 'GET', route: '/sfo/samples/:id/assessments', path: () => '/sfo/samples/1/assessments', expect: NO_SAMPLE_PAGE },
  { method: 'POST', route: '/sfo/samples/:id/assignments', path: () => '/sfo/samples/1/assignments', body: () => ({ reviewRef: '', inspectorId: '' }), expect: NO_SAMPLE_LEAD_POST },
  { method: 'POST', route: '/sfo/samples/:id/moderation', path: () => '/sfo/samples/1/moderation', body: () => ({ share: 'x', seed: '' }), expect: NO_SAMPLE_LEAD_POST },
  { method: 'POST', route: '/sfo/samples/:id/second-readers', path: () => '/sfo/samples/1/second-readers', body: () => ({ assessmentId: '', readerId: '' }), expect: NO_SAMPLE_LEAD_POST },
  { method: 'GET', route: '/sfo/assessments/:id', path: () => '/sfo/assessments/1', expect: NO_SAMPLE_PAGE },
  { method: 'POST', route: '/sfo/assessments/:id', path: () => '/sfo/assessments/1', body: () => ({ action: 'save' }), expect: NO_SAMPLE_POST },
  { method: 'POST', route: '/sfo/assessments/:id/acknowledgements', path: () => '/sfo/assessments/1/acknowledgements', body: () => ({ reason: '' }), expect: NO_SAMPLE_LEAD_POST },
  { method: 'POST', route: '/sfo/assessments/:id/settlements', path: () => '/sfo/assessments/1/settlements', body: () => ({ item: '1' }), expect: NO_SAMPLE_LEAD_POST },
  { method: 'GET', route: '/sfo/assessments/:id/second-reading', path: () => '/sfo/assessments/1/second-reading', expect: NO_SAMPLE_PAGE },
  { method: 'POST', route: '/sfo/assessments/:id/second-reading', path: () => '/sfo/assessments/1/second-reading', body: () => ({ action: 'save' }), expect: NO_SAMPLE_POST },
  { method: 'GET', route: '/sfo/samples/:id/sign-off', path: () => '/sfo/samples/1/sign-off', expect: NO_SAMPLE_PAGE },
  { method: 'POST', route: '/sfo/samples/:id/sign-off', path: () => '/sfo/samples/1/sign-off', expect: NO_SAMPLE_LEAD_POST },
  { method: 'POST', route: '/sfo/samples/:id/release', path: () => '/sfo/samples/1/release', expect: NO_SAMPLE_LEAD_POST },
  { method: 'GET', route: '/sfo/assessments/:id/letter', path: () => '/sfo/assessments/1/letter', expect: LETTER },
  { method: 'GET', route: '/sfo/assessments/:id/letter.pdf', path: () => '/sfo/assessments/1/letter.pdf', expect: LETTER },
  { method: 'POST', route: '/sfo/assessments/:id/actions', path: () => '/sfo/assessments/1/actions', body: () => ({ action: '' }), expect: { default: 404, anonymous: 403 } },
  // Released feedback: the SFO team and administrators see every region's; a region's staff their own; a PDU's staff and everyone else are refused.
  { method: 'GET', route: '/sfo/feedback', path: () => '/sfo/feedback', expect: { default: 403, anonymous: 303, administrator: 200, 'sfo-lead': 200, 'sfo-inspector': 200, 'region-own': 200 } },
];

/**
 * The annual SFO reports for the public: 2023-24 published (its figures as the service would
 * keep them, of no reviews here), 2024-25 a draft. Stored through the repository, since publishing
 * through the service needs signed-off assessments (test/integration/sfo-public-annual.storage.test.ts).
 */
export async function sfoPublicAnnualFixture(db: Db): Promise<void> {
  await saveAnnualDraft(db, 2024, 'A draft the public must not see.', 'test');
  await saveAnnualDraft(db, 2023, 'Published.', 'test');
  const { record: _record, ...figures } = await sfoAnnualReport(db, 2023);
  await publishAnnualReport(db, 2023, figures, 'test');
}

const EVERYONE = { default: 200 } as const;
const NOT_FOUND = { default: 404 } as const;

// Published: everyone, anonymous visitors included; a draft (2024-25), a year not started
// (2022-23) or no year at all: not found for everyone, so nothing about it is disclosed.
export const sfoPublicRows: Row[] = [
  ...(['', '/report.pdf', '/figures.csv', '/figures.json'] as const).flatMap((tail): Row[] => [
    { method: 'GET', route: `/public/sfo/annual/:year${tail}`, path: () => `/public/sfo/annual/2023-24${tail}`, expect: EVERYONE },
    { method: 'GET', route: `/public/sfo/annual/:year${tail}`, path: () => `/public/sfo/annual/2024-25${tail}`, expect: NOT_FOUND },
    { method: 'GET', route: `/public/sfo/annual/:year${tail}`, path: () => `/public/sfo/annual/2022-23${tail}`, expect: NOT_FOUND },
    { method: 'GET', route: `/public/sfo/annual/:year${tail}`, path: () => `/public/sfo/annual/2023${tail}`, expect: NOT_FOUND },
  ]),
  { method: 'GET', route: '/public/data/sfo-annual.json', path: () => '/public/data/sfo-annual.json', expect: EVERYONE },
  { method: 'GET', route: '/public/data/sfo-annual.csv', path: () => '/public/data/sfo-annual.csv', expect: EVERYONE },
];
