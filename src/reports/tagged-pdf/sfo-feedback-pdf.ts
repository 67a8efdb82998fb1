// The feedback letter on an SFO review as a tagged PDF (PDF/UA-1), from the same letter model as
// the page: the review's facts, each standard's rating and rationale, the overall rating and its
// rationale, the learning points and the region's actions so far.
import { govukDate } from '../../presenters/govuk-dates.ts';
import type { SfoFeedbackLetter } from '../../services/sfo/feedback.ts';
import { cachedPdf } from '../pdf-cache.ts';
import { printable as t } from '../pdf-document.ts';
import { STYLES, TaggedDocument } from './tagged-document.ts';

const AUTHOR = 'HM Inspectorate of Probation';

/** The letter's PDF, kept while the letter is the same (pdf-cache.ts). */
export const sfoFeedbackPdf = (letter: SfoFeedbackLetter): Promise<Buffer> => cachedPdf('sfo-feedback', letter, () => renderSfoFeedbackPdf(letter));

function renderSfoFeedbackPdf(letter: SfoFeedbackLetter): Promise<Buffer> {
  const title = `Feedback on SFO review ${letter.reviewRef}`;
  const doc = new TaggedDocument({ title, subject: 'Quality assurance of a Serious Further Offence review', author: AUTHOR, running: title });
  doc.group('Sect', () => {
    doc.paragraph(AUTHOR, STYLES.kicker);
    doc.heading(1, t(title));
    if (!letter.releasedAt) doc.paragraph('Not yet released to the region.', STYLES.warning);
    doc.table({
      caption: 'The review',
      rows: [
        ['Region', t(letter.region)],
        ['PDU', t(letter.pdu ?? 'Not recorded')],
        ['Offence category', t(letter.offenceCategory)],
        ['Review submitted', letter.submittedOn ? govukDate(letter.submittedOn) : 'Not recorded'],
        ['Signed off', letter.signedOffAt ? govukDate(letter.signedOffAt.toISOString().slice(0, 10)) : 'Not yet'],
        ['Released', letter.releasedAt ? govukDate(letter.releasedAt.toISOString().slice(0, 10)) : 'Not yet'],
        ['Framework', t(letter.framework)],
      ],
      widths: [140, doc.width - 140],
    });
  }, { title: 'The review' });
  doc.group('Sect', () => {
    doc.heading(2, 'Ratings');
    doc.table({
      caption: 'Ratings by standard and overall',
      head: ['Standard', 'Rating'],
      rows: [...letter.standards.map((s) => [t(`${s.id} ${s.name}`), s.rating ?? 'Not rated']), ['Overall', letter.overall.rating ?? 'Not rated']],
      widths: [doc.width - 160, 160],
    });
    for (const s of letter.standards) {
      doc.heading(3, t(`${s.id} ${s.name}: ${s.rating ?? 'Not rated'}`));
      doc.paragraph(t(s.rationale ?? 'No rationale recorded.'));
    }
    doc.heading(3, t(`Overall: ${letter.overall.rating ?? 'Not rated'}`));
    doc.paragraph(t(letter.overall.rationale ?? 'No rationale recorded.'));
  }, { title: 'Ratings' });
  doc.group('Sect', () => {
    doc.heading(2, 'Learning points');
    if (letter.learningPoints.length) doc.list(letter.learningPoints.map(t), false);
    else doc.paragraph('No learning points recorded.', STYLES.muted);
  }, { title: 'Learning points' });
  doc.group('Sect', () => {
    doc.heading(2, "The region's actions");
    if (letter.actions.length) doc.table({ caption: "The region's actions in answer", head: ['Action', 'Owner', 'Due'], rows: letter.actions.map((a) => [t(a.action), t(a.owner), govukDate(a.dueOn)]), widths: [doc.width - 220, 120, 100] });
    else doc.paragraph('The region has not yet recorded any action.', STYLES.muted);
  }, { title: "The region's actions" });
  return doc.finish();
}
