// The case sample through the web app: the caseload upload (CSV and Excel) validated whole, the
// window and its move with a reason, the size, mix and reliability shown, confirmation creating
// pseudonymised cases with the links kept apart, statistical samples, and the retention rule.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAudit, listCaseWork, loadInspectionAssessment, setInspectionMember, type Inspection } from '../../src/db/repositories/index.ts';
import { isPseudonym } from '../../src/domain/sampling/pseudonymise.ts';
import { drawStratifiedSample, sampleSize } from '../../src/domain/sampling/statistical-sample.ts';
import { createApp } from '../../src/http/app.ts';
import { loadSample } from '../../src/services/sample/case-sample.ts';
import { demoCaseloadCsv, demoCaseloadRows } from '../../src/services/sample/demo-caseload.ts';
import { deleteExpiredCaseLinks, recordPublicationDate } from '../../src/services/sample/retention.ts';
import { createInspection } from '../../src/services/inspections.ts';
import { seedDataDir } from '../support/cli.ts';
import { entryPointArgs } from '../support/entry-point.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let inspection: Inspection;
let lead: TestSession;
let inspector: TestSession;
let service: TestSession;
let otherService: TestSession;

const FIELDWORK = '2026-10-05';
// Six months before is Sunday 5 April 2026: a two-week window runs Monday 30 March to Sunday 12 April.
const WINDOW = { start: '2026-03-30', end: '2026-04-12' };
const caseload = { cases: 400, fieldworkStart: FIELDWORK, seed: 7, prefix: 'X' };
const inWindow = (start: string, w = WINDOW) => start >= w.start && start <= w.end;

beforeAll(async () => {
  ({ handle } = await openDemoTestDatabase());
  app = createApp({ db: handle.db });
  inspection = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: FIELDWORK, title: 'Sample test: Leeds' }, 'test');
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: inspection.id, as: 'lead-inspector' } });
  inspector = await signedIn(handle.db, 'inspector', { inspection: { id: inspection.id, as: 'inspector' } });
  service = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
  otherService = await signedIn(handle.db, 'service-staff', { service: 'Sheffield' });
});
afterAll(() => handle?.close());
afterEach(() => vi.restoreAllMocks());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });

/** A file upload as the browser sends it: multipart, same origin, with the CSRF token. */
function upload(s: TestSession, path: string, field: string, fileName: string, content: string | Uint8Array<ArrayBuffer>, extra: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', s.csrfToken);
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  form.set(field, new File([content], fileName));
  return Promise.resolve(app.request(path, { method: 'POST', headers: { cookie: s.cookie, origin: 'http://localhost' }, body: form }));
}

/** Console output during `fn`, to show that the service's references are never logged. */
async function logged<T>(fn: () => Promise<T>): Promise<{ value: T; output: string }> {
  const lines: string[] = [];
  for (const level of ['log', 'error', 'warn', 'info'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  const value = await fn();
  vi.restoreAllMocks();
  return { value, output: lines.join('\n') };
}

const samplePath = (id = inspection.id) => `/inspections/${id}/sample`;

describe('the caseload upload', () => {
  it('rejects a file with problems whole, listing every problem by row, column and case on the page, and logs none of them', async () => {
    const bad = [
      'CRN,Sentence start,Sentence type,RoSH,Offender manager,PSR,VCS',
      'X123456,31/02/2026,Community order,Medium,Sam Patel,Y,N',
      'X234567,2026-04-02,Licence,Extreme,,N,Y',
      'x123456,07/04/2026,SSO,L,Sam Patel,maybe,N',
      'X456789,08/04/2026,Community,Low,Jo Bloggs,Y,N,see notes',
    ].join('\n');
    const { value: res, output } = await logged(() => upload(service, `${samplePath()}/caseload`, 'caseload', 'caseload.csv', bad));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('6 problems in the file: nothing was kept');
    for (const text of ["&#39;31/02/2026&#39; is not a real date", 'X234567', 'value &#39;Extreme&#39; is not allowed', 'no practitioner given', 'case X123456 is also on row 2', 'the row has 8 values']) expect(html).toContain(text);
    expect(output).not.toMatch(/X123456|X234567|X456789/);
    const view = await loadSample(handle.db, inspection.id);
    expect(view.draft).toBeNull();
    expect((await listAudit(handle.db, { inspectionId: inspection.id })).map((e) => e.action)).not.toContain('caseload.uploaded');
  });

  it('refuses a file of another kind, and an empty form, with a clear error', async () => {
    const res = await upload(service, `${samplePath()}/caseload`, 'caseload', 'caseload.pdf', 'not a caseload');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The file must be a CSV file (.csv) or an Excel workbook (.xlsx)');
    const empty = await app.request(`${samplePath()}/caseload`, formPost(service, {}));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Choose the caseload file to upload');
  });

  it('takes a CSV from the service, and shows the sample size, its mix against the caseload and which standards have too few cases', async () => {
    const { value: res, output } = await logged(() => upload(service, `${samplePath()}/caseload`, 'caseload', 'eligible.csv', demoCaseloadCsv(caseload)));
    expect(res.status).toBe(303);
    expect(output).toBe('');
    const rows = demoCaseloadRows(caseload);
    const expected = rows.filter((r) => inWindow(r.start)).length;
    expect(expected).toBeGreaterThan(10);
    const html = await (await get(lead, samplePath())).text();
    expect(html).toContain(`${expected} of the 400 cases in the caseload`);
    expect(html).toContain('Monday 30 March 2026 to Sunday 12 April 2026 (two weeks)');
    expect(html).toContain('In the sample');
    expect(html).toContain('Risk of serious harm level');
    expect(html).toContain('more than one rating band (15 points) away');
    expect(html).toContain('Too small');
    // Inspectors see the practitioners and facts of the cases, never the service's references.
    expect(html).not.toMatch(/X0\d{3}/);
    const own = await (await get(service, samplePath())).text();
    expect(own).toContain(rows.find((r) => inWindow(r.start))!.caseRef);
    // The audit trail has counts only.
    const event = (await listAudit(handle.db, { inspectionId: inspection.id })).find((e) => e.action === 'caseload.uploaded')!;
    expect(event.after).toMatchObject({ cases: 400, format: 'csv' });
    expect(JSON.stringify(event)).not.toMatch(/X0\d{3}/);
  });

  it('reads an Excel workbook the same way', async () => {
    const rows = demoCaseloadRows(caseload);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Caseload');
    sheet.addRow(['CRN', 'Sentence start', 'Sentence type', 'RoSH', 'Offender manager', 'PSR', 'VCS']);
    for (const r of rows) sheet.addRow([r.caseRef, new Date(`${r.start}T00:00:00Z`), r.sentence, r.rosh, r.practitioner, r.psr, r.victimContact]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
    const res = await upload(lead, `${samplePath()}/caseload`, 'caseload', 'eligible.xlsx', bytes);
    expect(res.status).toBe(303);
    const view = await loadSample(handle.db, inspection.id);
    expect(view.record?.caseloadFormat).toBe('xlsx');
    expect(view.draft?.cases.length).toBe(rows.filter((r) => inWindow(r.start)).length);
    // Put the CSV with the protected characteristics back for the tests below.
    expect((await upload(service, `${samplePath()}/caseload`, 'caseload', 'eligible.csv', demoCaseloadCsv(caseload))).status).toBe(303);
  });

  it('is open to the service\'s own staff and the lead inspector only', async () => {
    expect((await get(otherService, samplePath())).status).toBe(404);
    expect((await upload(otherService, `${samplePath()}/caseload`, 'caseload', 'x.csv', 'x')).status).toBe(404);
    expect((await upload(inspector, `${samplePath()}/caseload`, 'caseload', 'x.csv', 'x')).status).toBe(403);
    expect((await get(inspector, samplePath())).status).toBe(200);
  });
});

describe('the window', () => {
  it('moves by a week only with a reason, which is kept and audited', async () => {
    const noReason = await app.request(`${samplePath()}/window`, formPost(lead, { weeks: '2', shiftWeeks: '1', reason: ' ' }));
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('A shift needs a reason');
    expect((await app.request(`${samplePath()}/window`, formPost(service, { weeks: '2', shiftWeeks: '1', reason: 'x' }))).status).toBe(403);
    const res = await app.request(`${samplePath()}/window`, formPost(lead, { weeks: '2', shiftWeeks: '1', reason: "The magistrates' court was closed" }));
    expect(res.status).toBe(303);
    const html = await (await get(lead, samplePath())).text();
    expect(html).toContain('Monday 6 April 2026 to Sunday 19 April 2026 (two weeks), moved one week later: The magistrates&#39; court was closed');
    const moved = { start: '2026-04-06', end: '2026-04-19' };
    const view = await loadSample(handle.db, inspection.id);
    expect(view.draft!.cases.map((c) => c.caseRef)).toEqual(
      demoCaseloadRows(caseload)
        .filter((r) => inWindow(r.start, moved))
        .sort((a, b) => a.start.localeCompare(b.start) || a.caseRef.localeCompare(b.caseRef))
        .map((r) => r.caseRef),
    );
    const event = (await listAudit(handle.db, { inspectionId: inspection.id })).filter((e) => e.action === 'sample.window-set').at(-1)!;
    expect(event.before).toMatchObject({ shiftWeeks: 0 });
    expect(event.after).toMatchObject({ shiftWeeks: 1, reason: "The magistrates' court was closed", start: '2026-04-06' });
  });
});

describe('confirming the sample', () => {
  it('creates the cases under pseudonyms with their facts, keeps the links apart and deletes the caseload', async () => {
    const view = await loadSample(handle.db, inspection.id);
    const sample = view.draft!.cases;
    const { value: res, output } = await logged(async () => app.request(`${samplePath()}/confirm`, formPost(lead, {})));
    expect(res.status).toBe(303);
    expect(output).toBe('');
    const assessment = (await loadInspectionAssessment(handle.db, inspection.id))!;
    expect(assessment.cases).toHaveLength(sample.length);
    expect(assessment.cases.every((c) => isPseudonym(c.caseRef))).toBe(true);
    // Attributes are filled in from the caseload: the first case in the sample, found through its link.
    const links = await handle.db.selectFrom('case_link').selectAll().where('inspection_id', '=', inspection.id).execute();
    expect(links).toHaveLength(sample.length);
    const first = sample[0]!;
    const pseudonym = links.find((l) => l.service_ref === first.caseRef)!.pseudonym;
    expect(assessment.cases.find((c) => c.caseRef === pseudonym)!.attributes).toEqual(first.attributes);
    expect(await handle.db.selectFrom('caseload_case').selectAll().where('inspection_id', '=', inspection.id).execute()).toEqual([]);
    // No service reference anywhere but the link table.
    const event = (await listAudit(handle.db, { inspectionId: inspection.id })).find((e) => e.action === 'sample.confirmed')!;
    expect(event.after).toMatchObject({ status: 'confirmed', cases: sample.length, method: 'window' });
    expect(JSON.stringify(await listAudit(handle.db, { inspectionId: inspection.id }))).not.toMatch(/X0\d{3}/);
    // Inspectors see pseudonyms and practitioners; the service sees its references beside them.
    const leadPage = await (await get(lead, samplePath())).text();
    expect(leadPage).toContain(pseudonym);
    expect(leadPage).not.toContain(first.caseRef);
    const servicePage = await (await get(service, samplePath())).text();
    expect(servicePage).toContain(first.caseRef);
    expect(servicePage).toContain(pseudonym);
  });

  it('happens once: the confirmed sample cannot change', async () => {
    expect((await app.request(`${samplePath()}/confirm`, formPost(lead, {}))).status).toBe(409);
    expect((await upload(service, `${samplePath()}/caseload`, 'caseload', 'eligible.csv', demoCaseloadCsv(caseload))).status).toBe(409);
    expect((await app.request(`${samplePath()}/window`, formPost(lead, { weeks: '1', shiftWeeks: '0' }))).status).toBe(409);
  });

  it('is refused for an inspection that already has cases', async () => {
    const demo = (await handle.db.selectFrom('inspection').select('id').where('is_demo', '=', true).executeTakeFirstOrThrow()).id;
    const demoLead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demo, as: 'lead-inspector' } });
    expect((await upload(demoLead, `/inspections/${demo}/sample/caseload`, 'caseload', 'eligible.csv', demoCaseloadCsv(caseload))).status).toBe(303);
    const res = await app.request(`/inspections/${demo}/sample/confirm`, formPost(demoLead, {}));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('The inspection already has 40 cases');
  });
});

describe('a statistical sample (youth and thematic inspections)', () => {
  it('sizes the sample with the finite population correction and draws it, stratified, from a recorded seed', async () => {
    const thematic = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: FIELDWORK, title: 'Thematic test' }, 'test');
    await setInspectionMember(handle.db, thematic.id, lead.userId, 'lead-inspector');
    expect((await upload(service, `/inspections/${thematic.id}/sample/caseload`, 'caseload', 'eligible.csv', demoCaseloadCsv({ ...caseload, cases: 300 }))).status).toBe(303);
    const bad = await app.request(`/inspections/${thematic.id}/sample/method`, formPost(lead, { method: 'statistical', confidence: '0.95', margin: 'five', seed: '42' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Give the margin of error as a number of percentage points');
    const res = await app.request(`/inspections/${thematic.id}/sample/method`, formPost(lead, { method: 'statistical', confidence: '0.95', margin: '5', stratifyBy: 'rosh', seed: '42' }));
    expect(res.status).toBe(303);
    const size = sampleSize({ population: 300, confidence: 0.95, margin: 0.05 }).size;
    expect(size).toBe(169);
    const view = await loadSample(handle.db, thematic.id);
    const rosh: Record<string, string> = { Low: 'low', Medium: 'medium', High: 'high', 'Very high': 'very-high' };
    const expected = drawStratifiedSample(demoCaseloadRows({ ...caseload, cases: 300 }).map((r) => ({ key: r.caseRef, stratum: rosh[r.rosh]! })), size, 42).drawn;
    expect(view.draft!.cases.map((c) => c.caseRef)).toEqual(expected);
    const html = await (await get(lead, `/inspections/${thematic.id}/sample`)).text();
    expect(html).toContain('A statistical sample: 95% confidence, ±5 points, stratified by risk of serious harm level, seed 42');
    expect(html).toContain('gives 169');
    expect((await app.request(`/inspections/${thematic.id}/sample/confirm`, formPost(lead, {}))).status).toBe(303);
    expect(await listCaseWork(handle.db, thematic.id)).toHaveLength(169);
    const event = (await listAudit(handle.db, { inspectionId: thematic.id })).find((e) => e.action === 'sample.confirmed')!;
    expect(event.after).toMatchObject({ method: 'statistical', seed: 42, confidence: 0.95, margin: 0.05, stratifyBy: 'rosh', cases: 169 });
  });

  it('chooses and records a seed when none is given', async () => {
    const other = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: FIELDWORK, title: 'Seed test' }, 'test');
    await setInspectionMember(handle.db, other.id, lead.userId, 'lead-inspector');
    expect((await app.request(`/inspections/${other.id}/sample/method`, formPost(lead, { method: 'statistical', confidence: '0.9', margin: '10', seed: '' }))).status).toBe(303);
    const seed = (await loadSample(handle.db, other.id)).record!.seed;
    expect(Number.isInteger(seed)).toBe(true);
    const event = (await listAudit(handle.db, { inspectionId: other.id })).find((e) => e.action === 'sample.method-set')!;
    expect(event.after).toMatchObject({ method: 'statistical', seed });
  });
});

describe('the retention rule', () => {
  it('keeps the links until publication plus the retention period, then deletes them (and only them)', async () => {
    const links = () => handle.db.selectFrom('case_link').selectAll().where('inspection_id', '=', inspection.id).execute();
    const before = (await links()).length;
    expect(before).toBeGreaterThan(0);
    expect(await deleteExpiredCaseLinks(handle.db, { today: '2030-01-01' })).toEqual([]); // not published: kept
    // A report that went through the publication workflow starts the period on its publication date.
    await handle.db.insertInto('report').values({ inspection_id: inspection.id, status: 'embargoed', publish_on: '2026-12-15' }).execute();
    expect(await deleteExpiredCaseLinks(handle.db, { today: '2027-06-14', retention: { months: 6 }, dryRun: true })).toEqual([]);
    expect((await deleteExpiredCaseLinks(handle.db, { today: '2027-06-15', retention: { months: 6 }, dryRun: true }))[0]).toMatchObject({ publishedOn: '2026-12-15', deletionDate: '2027-06-15' });
    await handle.db.deleteFrom('report').where('inspection_id', '=', inspection.id).execute();
    await recordPublicationDate(handle.db, inspection.id, '2026-11-30', 'test');
    expect(await deleteExpiredCaseLinks(handle.db, { today: '2027-05-29', retention: { months: 6 } })).toEqual([]);
    expect(await deleteExpiredCaseLinks(handle.db, { today: '2027-05-30', retention: { months: 6 }, dryRun: true })).toEqual([
      { inspectionId: inspection.id, publishedOn: '2026-11-30', deletionDate: '2027-05-30', links: before },
    ]);
    expect(await links()).toHaveLength(before);
    const done = await deleteExpiredCaseLinks(handle.db, { today: '2027-05-30', retention: { months: 6 } });
    expect(done).toEqual([{ inspectionId: inspection.id, publishedOn: '2026-11-30', deletionDate: '2027-05-30', links: before }]);
    expect(await links()).toEqual([]);
    expect(await listCaseWork(handle.db, inspection.id)).toHaveLength(before);
    const event = (await listAudit(handle.db, { inspectionId: inspection.id })).find((e) => e.action === 'case-links.deleted')!;
    expect(event.after).toMatchObject({ links: 0, publishedOn: '2026-11-30', deletionDate: '2027-05-30' });
    expect(await (await get(service, samplePath())).text()).toContain('The links to your references were deleted on');
    expect(await deleteExpiredCaseLinks(handle.db, { today: '2027-06-01' })).toEqual([]);
  });

  it('runs from the maintenance entry point', { timeout: 120_000 }, async () => {
    // Compiled in dist/ when the build is up to date, else through tsx as the README runs it (entry-point.ts).
    const entry = entryPointArgs('src/services/sample/retention-main.ts');
    const dir = mkdtempSync(join(tmpdir(), 'inspectorate-retention-'));
    try {
      await seedDataDir(dir); // a migrated embedded database, so the process does not run initdb and every migration (~10 s of CPU)
      const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
      const run = spawnSync(process.execPath, [...entry, '--today', '2027-06-01', '--dry-run'], { env, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('No links are due for deletion on 2027-06-01');
      expect(run.status).toBe(0);
      // Refused before any database is opened: a folder not there is left not there.
      const unopened = join(dir, 'not-opened');
      const wrong = spawnSync(process.execPath, [...entry, '--today', '2027-02-30', '--published', '12=2026-13-01'], { env: { ...env, DATA_DIR: unopened }, encoding: 'utf8' });
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toBe("'2027-02-30' is not a date: write YYYY-MM-DD\nThe publication date '2026-13-01' is not a date: write YYYY-MM-DD\n");
      expect(existsSync(unopened)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
