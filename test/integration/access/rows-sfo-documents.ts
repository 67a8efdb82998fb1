// Rows of the access matrix for an SFO review's page and its document (issue 13): the document is
// never served to anyone outside the SFO QA team and the review's own region (404 to everyone else,
// administrators included, so nobody learns of another region's reviews); the review's page is the
// SFO pages' (the team and administrators); attaching a document is the team's alone. The fixture
// is one Yorkshire and the Humber review (the region-own person's) with a PDF attached.
import type { Db } from '../../../src/db/repositories/index.ts';
import { listSfoReviews } from '../../../src/db/repositories/sfo-repository.ts';
import { addSfoReview } from '../../../src/services/sfo/register.ts';
import { uploadSfoReviewDocument } from '../../../src/services/sfo/review-document.ts';
import { signedIn } from '../../support/sessions.ts';
import type { Row } from './matrix.ts';

const fixture = { reviewId: 0 };

/** A review of Yorkshire and the Humber in the register with its document attached by an SFO QA lead. */
export async function sfoDocumentFixture(db: Db): Promise<void> {
  const lead = await signedIn(db, 'sfo-lead');
  await addSfoReview(db, { review_ref: 'SFO-MATRIX-1', region: 'Yorkshire and the Humber', offence_category: 'murder', notified_date: '2025-01-06', submitted_date: '2025-03-03', extension: 'no' }, 'test');
  fixture.reviewId = (await listSfoReviews(db)).find((r) => r.reviewRef === 'SFO-MATRIX-1')!.id;
  await uploadSfoReviewDocument(db, fixture.reviewId, { fileName: 'review.pdf', content: new TextEncoder().encode('%PDF-1.7\n%%EOF\n') }, { userId: lead.userId, role: 'sfo-lead', organisationId: null, memberships: new Map() });
}

export const sfoDocumentRows: Row[] = [
  { method: 'GET', route: '/sfo/reviews/:id', path: () => `/sfo/reviews/${fixture.reviewId}`, expect: { default: 403, anonymous: 303, administrator: 200, 'sfo-lead': 200, 'sfo-inspector': 200 } },
  // An empty form: the team is told to choose a file; everyone else is refused before it is read.
  { method: 'POST', route: '/sfo/reviews/:id/document', path: () => `/sfo/reviews/${fixture.reviewId}/document`, expect: { default: 403, 'sfo-lead': 400, 'sfo-inspector': 400 } },
  { method: 'GET', route: '/sfo/reviews/:id/document', path: () => `/sfo/reviews/${fixture.reviewId}/document`, expect: { default: 404, anonymous: 303, 'sfo-lead': 200, 'sfo-inspector': 200, 'region-own': 200 } },
];
