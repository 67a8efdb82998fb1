// The demonstration's stand-in for an SFO review document: a one-page tagged PDF that says plainly
// it is not a real review, so the review page and the region's feedback letter have a download.
import { printable as t } from '../pdf-document.ts';
import { STYLES, TaggedDocument } from './tagged-document.ts';

export const DEMO_REVIEW_DOCUMENT_LABEL = 'Demonstration document: not a real review';

export function demoReviewDocumentPdf(review: { reviewRef: string; region: string; offenceCategory: string }): Promise<Buffer> {
  const title = `${DEMO_REVIEW_DOCUMENT_LABEL} (${review.reviewRef})`;
  const doc = new TaggedDocument({ title, subject: 'Generated demonstration data for the SFO review QA pages', author: 'Inspectorate demonstration data', running: title });
  doc.group('Sect', () => {
    doc.paragraph(DEMO_REVIEW_DOCUMENT_LABEL, STYLES.warning);
    doc.heading(1, t(`Serious Further Offence review ${review.reviewRef}`));
    doc.paragraph(t(`Region: ${review.region}. Offence category: ${review.offenceCategory}.`));
    doc.paragraph(
      'This file was generated with the demonstration data. It stands in for the review document a region submits, so that attaching, storing and downloading a document can be seen. It describes no real person, offence or case. [Generated demonstration text]',
    );
  });
  return doc.finish();
}
