// The SFO review QA pages: the register (upload good and bad files, a review by hand, filters), the
// samples (drawing, adding and removing with a reason), and who may reach them.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/db/repositories/index.ts';
import { listSfoReviews } from '../../src/db/repositories/sfo-repository.ts';
import { generateSfoRegister } from '../../src/demo/generate-sfo-register.ts';
import { createApp } from '../../src/http/app.ts';
import { bodyLimitFor, UPLOAD_LIMIT } from '../../src/http/body-limit.ts';
import { writeRegisterCsv } from '../../src/interchange/sfo/register-file.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { sfoRegions } from '../../src/services/sfo/register.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let lead: TestSession;
let sfoInspector: TestSession;
let regions: string[];

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'sfo-lead');
  sfoInspector = await signedIn(handle.db, 'sfo-inspector');
  regions = await sfoRegions(handle.db);
});
afterAll(() => handle?.close());

const get = (s: TestSession | undefined, path: string) => app.request(path, { headers: s ? { cookie: s.cookie } : {} });
function upload(s: TestSession, fileName: string, content: BlobPart) {
  const form = new FormData();
  form.set('_csrf', s.csrfToken);
  form.set('register', new File([content], fileName));
  return app.request('/sfo/register', { method: 'POST', headers: { cookie: s.cookie, origin: 'http://localhost' }, body: form });
}
const post = (s: TestSession, path: string, fields: Record<string, string>) => app.request(path, formPost(s, fields));
const count = async () => (await listSfoReviews(handle.db)).length;
/** The text of the page's error summary. */
const summary = (html: string) => /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';

describe('the register', () => {
  it('imports a good file, says how many, and lists the reviews', async () => {
    const csv = writeRegisterCsv(generateSfoRegister({ seed: 3, regions, reviews: 60, year: 2024 }));
    const res = await upload(lead, 'register.csv', csv);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sfo?imported=60');
    const page = await (await get(lead, '/sfo?imported=60')).text();
    expect(page).toContain('60 reviews imported into the register.');
    expect(page).toContain('SFO-2024-0001');
    expect(page).toContain('aria-label="Register of reviews (scrolls sideways)"');
    expect(await count()).toBe(60);
    expect((await listAudit(handle.db, { entity: 'sfo-register' })).at(-1)!.after).toMatchObject({ reviews: 60 });
  });

  it('imports an Excel workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Register');
    ws.addRow(['SFO Ref', 'Region', 'Offence category', 'Date notified', 'Date submitted', 'Extension granted']);
    ws.addRow(['XL-1', regions[0], 'murder', '2024-05-01', '2024-09-02', 'no']);
    const res = await upload(lead, 'register.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    // Refused once in a full run (of about ten) and never alone: the page's error summary, if any, says why.
    expect(res.headers.get('location'), `${res.status}: ${summary(await res.clone().text())}`).toBe('/sfo?imported=1');
    expect(await count()).toBe(61);
  });

  it('lists every problem of a bad file by row and column, and changes nothing', async () => {
    const csv = 'review_ref,region,offence_category,notified_date,submitted_date,extension\nBAD-1,Atlantis,murder,2024-05-01,2024-06-01,no\nBAD-2,' + regions[0] + ',theft,31/02/2024,,maybe\n';
    const res = await upload(lead, 'bad.csv', csv);
    expect(res.status).toBe(400);
    const html = await res.text();
    const listed = summary(html);
    expect(listed).toContain('nothing was imported');
    expect(listed).toMatch(/row 2[^<]*region[^<]*Atlantis/i);
    expect(listed).toMatch(/row 3[^<]*offence_category/i);
    expect(listed).toMatch(/row 3[^<]*notified_date/i);
    expect(listed).toMatch(/row 3[^<]*extension/i);
    expect(html).toContain('4 problems in the file: nothing was imported');
    expect(await count()).toBe(61);
  });

  it('refuses a file naming a review already registered, by row, changing nothing', async () => {
    const csv = `review_ref,region,offence_category,notified_date,submitted_date,extension\nNEW-1,${regions[1]},rape,2024-05-01,2024-06-01,no\nsfo-2024-0001,${regions[1]},rape,2024-05-01,2024-06-01,no\n`;
    const res = await upload(lead, 'again.csv', csv);
    expect(res.status).toBe(409);
    expect(summary(await res.text())).toMatch(/row 3[^<]*SFO-2024-0001 is already in the register/i);
    expect(await count()).toBe(61);
  });

  it('asks for a file, and a CSV or Excel one', async () => {
    expect(summary(await (await upload(lead, 'empty.csv', '')).text())).toContain('Choose the register file to upload');
    expect(summary(await (await upload(lead, 'register.pdf', '%PDF')).text())).toContain('must be a CSV or Excel');
  });

  it('takes uploads of up to 20 MB', () => {
    expect(bodyLimitFor('/sfo/register')).toBe(UPLOAD_LIMIT);
  });

  it('filters by region and period through a GET form', async () => {
    const region = regions[0]!;
    const html = await (await get(lead, `/sfo?region=${encodeURIComponent(region)}&period=2024-25`)).text();
    const shown = [...html.matchAll(/<td class="govuk-table__cell"[^>]*>(?:<a [^>]*>)?([^<]+)</g)].map((m) => m[1]!);
    const inRegion = (await listSfoReviews(handle.db, { from: '2024-04-01', to: '2025-03-31' })).filter((r) => r.region === region);
    expect(html).toContain(`${inRegion.length} of 61 reviews: ${region.replace(/&/g, '&amp;')}, submitted April 2024 to March 2025`);
    for (const r of inRegion) expect(shown).toContain(r.reviewRef);
    expect(html).toContain('<option value="2024-25" selected>');
  });

  const byHand = { review_ref: 'hand-1', region: '', pdu: 'Leeds', offence_category: 'manslaughter', 'notified_date-day': '3', 'notified_date-month': '4', 'notified_date-year': '2024', 'submitted_date-day': '', 'submitted_date-month': '', 'submitted_date-year': '', extension: 'no', author_role: '' };

  it('names every problem of a review entered by hand, and adds nothing', async () => {
    const res = await post(sfoInspector, '/sfo/reviews', { ...byHand, review_ref: '', region: '', 'notified_date-month': '13', 'submitted_date-day': '1', extension: '' });
    expect(res.status).toBe(400);
    const listed = summary(await res.text());
    expect(listed).toContain('href="#review_ref"');
    expect(listed).toContain('<a href="#review_ref">Enter the review reference</a>');
    expect(listed).toContain('<a href="#region">Select the region</a>');
    expect(listed).toContain('The date the review was notified must be a real date');
    expect(listed).toContain('The date the review was submitted must include a month and a year');
    expect(listed).toContain('<a href="#extension">Select whether an extension was granted</a>');
    expect(await count()).toBe(61);
    const before = await post(sfoInspector, '/sfo/reviews', { ...byHand, region: regions[2]!, 'submitted_date-day': '1', 'submitted_date-month': '3', 'submitted_date-year': '2024' });
    expect(summary(await before.text())).toMatch(/before the date notified/);
  });

  it('adds a review by hand, audited, and refuses it twice', async () => {
    const res = await post(sfoInspector, '/sfo/reviews', { ...byHand, region: regions[2]! });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sfo?added=HAND-1');
    const added = (await listSfoReviews(handle.db)).find((r) => r.reviewRef === 'HAND-1')!;
    expect(added).toMatchObject({ region: regions[2], pdu: 'Leeds', offenceCategory: 'manslaughter', notifiedOn: '2024-04-03', submittedOn: null, extensionGranted: false });
    expect((await listAudit(handle.db, { entity: 'sfo-review', entityId: 'HAND-1' }))[0]!.action).toBe('sfo-review.added');
    const again = await post(sfoInspector, '/sfo/reviews', { ...byHand, region: regions[2]! });
    expect(summary(await again.text())).toContain('Review HAND-1 is already in the register');
  });
});

describe('samples', () => {
  const draw = (s: TestSession, fields: Record<string, string>) =>
    post(s, '/sfo/samples', { 'from-day': '1', 'from-month': '4', 'from-year': '2024', 'to-day': '31', 'to-month': '3', 'to-year': '2025', share: '20', seed: '7', ...fields });
  let samplePath = '';

  it('offers the framework share and a random seed', async () => {
    const html = await (await get(lead, '/sfo/samples')).text();
    expect(html).toMatch(/name="share" type="text" value="20"/);
    expect(html).toMatch(/name="seed" type="text" (spellcheck="false" )?value="\d+"/);
  });

  it('names bad choices and draws nothing', async () => {
    const res = await draw(lead, { 'to-day': '', share: '150', seed: 'x' });
    expect(res.status).toBe(400);
    const listed = summary(await res.text());
    expect(listed).toContain('The last day of the period must include a day');
    expect(listed).toContain('The share must be a percentage');
    expect(listed).toContain('The seed must be a whole number');
    expect(summary(await (await draw(lead, { 'from-year': '2030', 'to-year': '2031' })).text())).toContain('No review in the register was submitted from 1 April 2030 to 31 March 2031');
  });

  it('draws a sample, stores the seed, and shows each region’s counts', async () => {
    const res = await draw(lead, {});
    expect(res.status).toBe(303);
    samplePath = res.headers.get('location')!.replace(/\?.*/, '');
    const html = await (await get(lead, samplePath + '?drawn=1')).text();
    expect(html).toContain('Sample drawn:');
    expect(html).toContain('7 (the same register and seed always draw the same reviews)');
    expect(html).toContain('Reviews by region');
    expect(html).toContain('All regions');
    expect((await draw(lead, { 'from-day': '1', 'from-month': '6' })).status).toBe(409);
  });

  it('removes a review only with a reason, and shows the reason', async () => {
    const html = await (await get(lead, samplePath)).text();
    const ref = /<select[^>]*id="remove-reviewRef"[\s\S]*?<option value="([^"]+)"/.exec(html.replace(/<option value="">[^<]*<\/option>/g, ''))![1]!;
    const without = await post(lead, samplePath + '/changes', { change: 'remove', reviewRef: ref, reason: ' ' });
    expect(without.status).toBe(400);
    expect(summary(await without.text())).toContain('href="#remove-reason"');
    const withReason = await post(lead, samplePath + '/changes', { change: 'remove', reviewRef: ref, reason: 'The review was withdrawn by the region' });
    expect(withReason.status).toBe(303);
    const after = await (await get(lead, samplePath)).text();
    expect(after).toContain('The review was withdrawn by the region');
    expect(after).toMatch(/Removed<\/td>\s*<td class="govuk-table__cell">\s*[^<]*/);
  });

  it('adds a review with a reason, and refuses one not submitted in the period', async () => {
    const missing = await post(lead, samplePath + '/changes', { change: 'add', reviewRef: 'HAND-1', reason: 'Wanted' });
    expect(missing.status).toBe(400);
    expect(summary(await missing.text())).toContain('href="#add-reviewRef"');
    const noReason = await post(lead, samplePath + '/changes', { change: 'add', reviewRef: 'XL-1', reason: '' });
    expect(summary(await noReason.text())).toContain('href="#add-reason"');
    const ok = await post(lead, samplePath + '/changes', { change: 'add', reviewRef: 'XL-1', reason: 'A homicide the region asked us to read' });
    expect(ok.status).toBe(303);
    const after = await (await get(lead, samplePath)).text();
    expect(after).toContain('A homicide the region asked us to read');
    expect(after).toContain('Added by hand');
  });
});

describe('who may reach the SFO pages', () => {
  it('lets the SFO QA inspector read but not draw or change samples', async () => {
    expect((await get(sfoInspector, '/sfo/samples')).status).toBe(200);
    expect((await get(sfoInspector, '/sfo/samples')).status).toBe(200);
    expect(await (await get(sfoInspector, '/sfo/samples')).text()).not.toContain('Draw the sample');
    expect((await post(sfoInspector, '/sfo/samples', { seed: '1' })).status).toBe(403);
    expect((await post(sfoInspector, '/sfo/samples/1/changes', { change: 'add', reviewRef: 'X', reason: 'y' })).status).toBe(403);
  });

  it('refuses the inspectorate’s other staff and inspected services, and links /sfo only for those who may open it', async () => {
    for (const role of ['inspector', 'lead-inspector', 'programme-manager', 'analyst'] as const) {
      const s = await signedIn(handle.db, role);
      expect((await get(s, '/sfo')).status).toBe(403);
      expect(await (await get(s, '/')).text()).not.toContain('href="/sfo"');
    }
    const service = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
    expect((await get(service, '/sfo')).status).toBe(403);
    expect((await upload(service, 'register.csv', 'x')).status).toBe(403);
    expect(await count()).toBe(62);
    expect(await (await get(lead, '/sfo')).text()).toContain('href="/sfo"');
    expect(await (await get(await signedIn(handle.db, 'administrator'), '/sfo')).text()).toContain('href="/sfo"');
  });
});
