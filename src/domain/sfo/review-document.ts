// The document of an SFO review: a PDF or a Word (.docx) file, told by its bytes, never by its name
// alone (a PDF starts "%PDF-"; a .docx is a ZIP archive holding word/document.xml), within a size
// limit; and the name it is offered for download under. Pure.

export const REVIEW_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const REVIEW_DOCUMENT_MAX_WORDS = '10 MB';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export type ReviewDocumentType = typeof PDF | typeof DOCX;

export const TYPE_NAMES: Record<ReviewDocumentType, string> = { [PDF]: 'PDF', [DOCX]: 'Word document' };
const EXTENSIONS: Record<ReviewDocumentType, string> = { [PDF]: '.pdf', [DOCX]: '.docx' };

export type DocumentCheck = { ok: true; mediaType: ReviewDocumentType } | { ok: false; message: string };

const startsWith = (bytes: Uint8Array, text: string): boolean => bytes.length >= text.length && [...text].every((ch, i) => bytes[i] === ch.charCodeAt(0));
const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** The names of a ZIP archive's entries, from its central directory; undefined when the bytes are not a readable ZIP archive. */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  if (!startsWith(bytes, 'PK\u0003\u0004')) return undefined;
  // The end-of-central-directory record: 22 bytes and a comment of up to 65,535, at the very end.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  if (end < 0) return undefined;
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return undefined;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    if (at + 46 + nameLength > bytes.length) return undefined;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** What the bytes are: a PDF, a Word document, or why they may not be stored; the name's extension must agree with the bytes. */
export function checkReviewDocument(fileName: string, bytes: Uint8Array): DocumentCheck {
  const extension = /\.[^.]*$/.exec(fileName.trim().toLowerCase())?.[0] ?? '';
  if (!bytes.length) return { ok: false, message: 'The selected file is empty' };
  if (bytes.length > REVIEW_DOCUMENT_MAX_BYTES) return { ok: false, message: `The selected file must be smaller than ${REVIEW_DOCUMENT_MAX_WORDS}` };
  if (extension !== '.pdf' && extension !== '.docx') return { ok: false, message: 'The selected file must be a PDF or a Word document (.docx)' };
  const mediaType: ReviewDocumentType | undefined = startsWith(bytes, '%PDF-') ? PDF : zipEntryNames(bytes)?.includes('word/document.xml') ? DOCX : undefined;
  if (!mediaType) return { ok: false, message: `The selected file is named ${extension} but is not a ${extension === '.pdf' ? 'PDF' : 'Word document'}` };
  if (EXTENSIONS[mediaType] !== extension) return { ok: false, message: `The selected file is named ${extension} but is a ${TYPE_NAMES[mediaType]}: rename it ${EXTENSIONS[mediaType]}` };
  return { ok: true, mediaType };
}

/** The file name as stored: the last part of the path a browser may send, control characters and quotes dropped, at most 200 characters. */
export function storedFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return clean.length > 200 ? clean.slice(clean.length - 200) : clean;
}

/** The Content-Disposition of a download: always an attachment, with an ASCII fallback name and the UTF-8 one (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
