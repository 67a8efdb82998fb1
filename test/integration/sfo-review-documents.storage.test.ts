// An SFO review's document (issue 13): attached by the SFO QA team on the review's page (PDF or Word,
// told by its bytes, within the size limit), replaced with the earlier version kept, downloaded only
// by the SFO QA team and the review's own region's staff (as an attachment, never cached), every
// upload and download audited; anyone else is told there is none.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/db/repositories/index.ts';
import { listSfoReviews } from '../../src/db/repositories/sfo-repository.ts';
import { createApp } from '../../src/http/app.ts';
import { bodyLimitFor, UPLOAD_LIMIT } from '../../src/http/body-limit.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { addSfoReview } from '../../src/services/sfo/register.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { tinyZip } from '../support/tiny-zip.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
const s = {} as Record<'lead' | 'inspector' | 'admin' | 'yorkshire' | 'northWest' | 'leeds', TestSession>;
let reviewId: number;

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const docx = tinyZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });

beforeAll(async () => {
  handle = await openTestDatabase();
  await loadReferenceData(handle.db, 'test');
  app = createApp({ db: handle.db });
  const db = handle.db;
  await addSfoReview(db, { review_ref: 'SFO-DOC-1', region: 'Yorkshire and the Humber', offence_category: 'murder', notified_date: '2025-01-06', submitted_date: '2025-03-03', extension: 'no' }, 'test');
  reviewId = (await listSfoReviews(db)).find((r) => r.reviewRef === 'SFO-DOC-1')!.id;
  s.lead = await signedIn(db, 'sfo-lead');
  s.inspector = await signedIn(db, 'sfo-inspector');
  s.admin = await signedIn(db, 'administrator');
  s.yorkshire = await signedIn(db, 'service-staff', { region: 'Yorkshire and the Humber' });
  s.northWest = await signedIn(db, 'service-staff', { region: 'North West' });
  s.leeds = await signedIn(db, 'service-staff', { service: 'Leeds' });
});
afterAll(() => handle?.close());

const get = (who: TestSession, path: string) => app.request(path, { headers: { cookie: who.cookie } });
function upload(who: TestSession, fileName: string, content: Uint8Array) {
  const form = new FormData();
  form.set('_csrf', who.csrfToken);
  form.set('document', new File([content as BlobPart], fileName));
  return app.request(`/sfo/reviews/${reviewId}/document`, { method: 'POST', headers: { cookie: who.cookie, origin: 'http://localhost' }, body: form });
}
const summary = (html: string) => /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
const documentEvents = async () => (await listAudit(handle.db, { entity: 'sfo-review' })).filter((e) => e.action.startsWith('sfo-review-document.'));

describe('attaching the review document', () => {
  it('refuses a file by its bytes, not its name, saying why, and changes nothing', async () => {
    for (const [name, content, message] of [
      ['review.pdf', new TextEncoder().encode('<html>'), 'is named .pdf but is not a PDF'],
      ['review.docx', tinyZip({ 'xl/workbook.xml': '<workbook/>' }), 'is named .docx but is not a Word document'],
      ['review.txt', pdf, 'must be a PDF or a Word document'],
    ] as const) {
      const res = await upload(s.lead, name, content);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(summary(html)).toContain(message);
      expect(summary(html)).toContain('href="#document"');
    }
    const none = await upload(s.lead, 'empty.pdf', new Uint8Array());
    expect(summary(await none.text())).toContain('Select the review document');
    expect(await documentEvents()).toEqual([]);
  });

  it('refuses a document over the size limit with the form’s error, and a body over the upload limit with 413', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdf);
    const res = await upload(s.lead, 'big.pdf', big);
    expect(res.status).toBe(400);
    expect(summary(await res.text())).toContain('smaller than 10 MB');
    expect(bodyLimitFor(`/sfo/reviews/${reviewId}/document`)).toBe(UPLOAD_LIMIT);
  });

  it('is the SFO QA team’s: administrators and a region’s staff may not attach one', async () => {
    expect((await upload(s.admin, 'review.pdf', pdf)).status).toBe(403);
    expect((await upload(s.yorkshire, 'review.pdf', pdf)).status).toBe(403);
  });

  it('attaches a PDF, shows it in the register and on the review’s page, audited with its hash', async () => {
    const res = await upload(s.inspector, 'C:\\fakepath\\SFO-DOC-1 review.pdf', pdf);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sfo/reviews/${reviewId}?uploaded=1`);
    const page = await (await get(s.inspector, `/sfo/reviews/${reviewId}?uploaded=1`)).text();
    expect(page).toContain('The review document SFO-DOC-1 review.pdf is attached.');
    expect(page).toContain('Download SFO-DOC-1 review.pdf');
    const register = await (await get(s.lead, '/sfo')).text();
    expect(register).toContain(`href="/sfo/reviews/${reviewId}">SFO-DOC-1</a>`);
    expect(register).toContain('Attached');
    const [event] = await documentEvents();
    expect(event).toMatchObject({ action: 'sfo-review-document.uploaded', after: { reviewRef: 'SFO-DOC-1', fileName: 'SFO-DOC-1 review.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') } });
  });

  it('replaces it with a Word document, keeping the PDF as an earlier version, audited as a replacement', async () => {
    expect((await upload(s.lead, 'review v2.docx', docx)).status).toBe(303);
    const page = await (await get(s.lead, `/sfo/reviews/${reviewId}`)).text();
    expect(page).toContain('Download review v2.docx');
    expect(page).toContain('Every version of the document');
    expect(page).toMatch(/SFO-DOC-1 review\.pdf[\s\S]*Replaced by/);
    const replaced = (await documentEvents()).at(-1)!;
    expect(replaced).toMatchObject({ action: 'sfo-review-document.replaced', before: { fileName: 'SFO-DOC-1 review.pdf' }, after: { fileName: 'review v2.docx' } });
  });
});

describe('downloading the review document', () => {
  it('gives the SFO QA team and the region’s own staff the current document as an attachment, never cached, each download audited', async () => {
    for (const who of [s.lead, s.inspector, s.yorkshire]) {
      const before = (await documentEvents()).length;
      const res = await get(who, `/sfo/reviews/${reviewId}/document`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="review v2.docx"; filename*=UTF-8''review%20v2.docx`);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(docx);
      const events = await documentEvents();
      expect(events).toHaveLength(before + 1);
      expect(events.at(-1)).toMatchObject({ action: 'sfo-review-document.downloaded', actor: `user:${who.userId}`, after: { fileName: 'review v2.docx', current: true } });
    }
  });

  it('gives an earlier version by its id to the team', async () => {
    const versions = await handle.db.selectFrom('sfo_review_document').select(['id', 'replaced_at']).where('review_id', '=', reviewId).orderBy('id').execute();
    expect(versions).toHaveLength(2);
    const res = await get(s.lead, `/sfo/reviews/${reviewId}/document?version=${versions[0]!.id}`);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
    expect((await documentEvents()).at(-1)).toMatchObject({ after: { current: false } });
    expect((await get(s.lead, `/sfo/reviews/${reviewId}/document?version=abc`)).status).toBe(404);
  });

  it('is never served to anyone else: another region’s staff, a PDU’s staff, administrators; nothing audited as downloaded', async () => {
    const before = (await documentEvents()).length;
    for (const who of [s.northWest, s.leeds, s.admin]) expect((await get(who, `/sfo/reviews/${reviewId}/document`)).status).toBe(404);
    expect((await app.request(`/sfo/reviews/${reviewId}/document`)).status).toBe(303);
    expect(await documentEvents()).toHaveLength(before);
    // The administrator sees that a document is attached, without a link to it.
    const page = await (await get(s.admin, `/sfo/reviews/${reviewId}`)).text();
    expect(page).toContain('Only the SFO QA team and the region’s staff may download it');
    expect(page).not.toContain(`href="/sfo/reviews/${reviewId}/document"`);
    expect(page).not.toContain('Upload the replacement');
  });
});
