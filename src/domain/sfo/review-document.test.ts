import { describe, expect, it } from 'vitest';
import { attachmentDisposition, checkReviewDocument, DOCX, PDF, REVIEW_DOCUMENT_MAX_BYTES, storedFileName, zipEntryNames } from './review-document.ts';
import { tinyZip } from '../../../test/support/tiny-zip.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const zip = (entries: Record<string, string>, comment?: string) => tinyZip(entries, comment);

describe('the review document told by its bytes', () => {
  it('takes a PDF and a Word document, whatever their names’ case', async () => {
    expect(checkReviewDocument('Review.PDF', bytes('%PDF-1.7\n%…'))).toEqual({ ok: true, mediaType: PDF });
    const docx = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }, 'a comment at the end');
    expect(checkReviewDocument('review.docx', docx)).toEqual({ ok: true, mediaType: DOCX });
  });

  it('refuses a file whose bytes are not what its name says, an empty or too large one, and other kinds', async () => {
    expect(checkReviewDocument('review.pdf', bytes('<html>not a PDF</html>'))).toMatchObject({ ok: false, message: expect.stringMatching(/named \.pdf but is not a PDF/) });
    // A ZIP that is not a Word document (a workbook, say) is refused though named .docx.
    const xlsx = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    expect(checkReviewDocument('review.docx', xlsx)).toMatchObject({ ok: false, message: expect.stringMatching(/named \.docx but is not a Word document/) });
    expect(checkReviewDocument('review.docx', bytes('%PDF-1.4'))).toMatchObject({ ok: false, message: expect.stringMatching(/is a PDF: rename it \.pdf/) });
    expect(checkReviewDocument('review.exe', bytes('%PDF-1.4'))).toMatchObject({ ok: false, message: expect.stringMatching(/must be a PDF or a Word document/) });
    expect(checkReviewDocument('review.pdf', new Uint8Array())).toMatchObject({ ok: false, message: 'The selected file is empty' });
    const big = new Uint8Array(REVIEW_DOCUMENT_MAX_BYTES + 1);
    big.set(bytes('%PDF-'));
    expect(checkReviewDocument('review.pdf', big)).toMatchObject({ ok: false, message: expect.stringMatching(/smaller than 10 MB/) });
  });

  it('reads a ZIP archive’s entry names, and nothing from a broken one', async () => {
    expect(zipEntryNames(zip({ 'a.txt': 'a', 'word/document.xml': 'b' }))).toEqual(['a.txt', 'word/document.xml']);
    const truncated = (zip({ 'word/document.xml': 'b' })).slice(0, 30);
    expect(zipEntryNames(truncated)).toBeUndefined();
    expect(zipEntryNames(bytes('PK\u0003\u0004 and then nothing'))).toBeUndefined();
  });

  it('keeps a safe file name and offers it only as an attachment', () => {
    expect(storedFileName('C:\\Users\\me\\Review "final".pdf')).toBe('Review final.pdf');
    expect(storedFileName('../../etc/review.pdf')).toBe('review.pdf');
    expect(attachmentDisposition('Révue 1.pdf')).toBe(`attachment; filename="R_vue 1.pdf"; filename*=UTF-8''R%C3%A9vue%201.pdf`);
  });
});
