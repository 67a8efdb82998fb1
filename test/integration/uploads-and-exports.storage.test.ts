// Hardening of the files in and out (issue 11, items 8 to 10) through the web app: uploads bounded
// in memory (a zip bomb workbook refused from its directory, a 19 MB CSV refused at its row limit
// without growing the server by 200 MB), NUL characters a problem at their row and column instead
// of a failure on saving, and CSV exports that a spreadsheet cannot run as formulas, the assessment
// file still importing back exactly.
import { readFileSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, loadInspectionAssessment, type Inspection } from '../../src/db/repositories/index.ts';
import { generateAssessment } from '../../src/demo/generate-assessment.ts';
import { createApp } from '../../src/http/app.ts';
import { repeatedDeflate, SHEET_HEAD, SHEET_TAIL, sheetRow, workbookWithSheet } from '../../src/interchange/caseload/zip-test-support.ts';
import { writeAssessmentCsv } from '../../src/interchange/assessment-file.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { demoCaseloadCsv } from '../../src/services/sample/demo-caseload.ts';
import { createInspection, importAssessments } from '../../src/services/inspections.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let inspection: Inspection;
let lead: TestSession;
const framework = bundledFramework();
const NUL = 'the value contains a NUL character (a zero byte), which text cannot hold';

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  app = createApp({ db: handle.db });
  inspection = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2026-10-05', title: 'Uploads test: Leeds' }, 'test');
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: inspection.id, as: 'lead-inspector' } });
});
afterAll(() => handle?.close());

function upload(path: string, field: string, fileName: string, content: string | Uint8Array<ArrayBuffer>): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', lead.csrfToken);
  form.set(field, new File([content], fileName));
  return Promise.resolve(app.request(path, { method: 'POST', headers: { cookie: lead.cookie, origin: 'http://localhost' }, body: form }));
}
const caseloadUpload = (fileName: string, content: string | Uint8Array<ArrayBuffer>) => upload(`/inspections/${inspection.id}/sample/caseload`, 'caseload', fileName, content);
const nothingKept = async () => {
  expect(await handle.db.selectFrom('caseload_case').selectAll().where('inspection_id', '=', inspection.id).execute()).toEqual([]);
  expect((await listAudit(handle.db, { inspectionId: inspection.id })).map((e) => e.action)).not.toContain('caseload.uploaded');
};

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The most the process's resident memory rose above its level at the start (Linux: /proc's peak, reset first). */
async function peakGrowth(fn: () => Promise<void>): Promise<number | undefined> {
  const vm = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) * 1024;
  // The worker runs every storage file: without a collection first, their garbage would be
  // collected during the upload measured, or not, and the peak with it (seen 223 MB once in four runs).
  collectGarbage();
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    await fn();
    return undefined; // not Linux: nothing to measure with
  }
  const before = vm('VmRSS');
  await fn();
  return vm('VmHWM') - before;
}

describe('the caseload upload, bounded', () => {
  it('refuses a workbook that unpacks to 2 GB from its directory, at once', async () => {
    const sheet = repeatedDeflate(SHEET_HEAD, sheetRow(2, ['A'.repeat(1024 * 1024)]), 2_048, SHEET_TAIL);
    const started = Date.now();
    const res = await caseloadUpload('caseload.xlsx', new Uint8Array(workbookWithSheet(sheet)));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/unpacks to [\d,]+ times its packed size \(2,0\d\d MB\), which real workbooks never do/);
    expect(Date.now() - started).toBeLessThan(5_000);
    await nothingKept();
  });

  it('refuses a 19 MB CSV at its row limit, growing the server by less than 200 MB', async () => {
    const csv = demoCaseloadCsv({ cases: 250_000, fieldworkStart: '2026-10-05' });
    expect(csv.length).toBeGreaterThan(18_000_000);
    let res: Response | undefined;
    const growth = await peakGrowth(async () => {
      res = await caseloadUpload('caseload.csv', csv);
    });
    expect(res!.status).toBe(400);
    expect(await res!.text()).toContain('The file has more than 50,000 rows below the heading row, the most one upload may have');
    if (growth !== undefined) expect(growth).toBeLessThan(200 * 1024 * 1024);
    await nothingKept();
  });

  it('lists a NUL character at its row, column and case, instead of failing when saving', async () => {
    const res = await caseloadUpload('caseload.csv', 'CRN,Sentence start,Sentence type,RoSH,Offender manager,PSR,VCS\nX1,2026-04-01,Licence,High,Jo Bloggs,Y,N\nX2,2026-04-02,Licence,Low,Sam\u0000Patel,Y,N\n');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(`Row 3, column Offender manager (case X2): ${NUL}`);
    await nothingKept();
  });
});

describe('the contact list upload', () => {
  it('lists a NUL character in a name at its row and column, instead of failing when saving', async () => {
    const res = await upload(`/inspections/${inspection.id}/survey/contacts`, 'contacts', 'contacts.csv', 'Phone number,Name\n07700 900001,Ann\n07700 900002,B\u0000en\n');
    // One good row: the uploader is shown the row that will be left out, and nothing is kept yet.
    expect(res.status).toBe(303);
    const check = await app.request(res.headers.get('location')!, { headers: { cookie: lead.cookie } });
    expect(check.status).toBe(200);
    const cells = [...(await check.text()).matchAll(/<td class="govuk-table__cell[^"]*">([^<]*)<\/td>/g)].map((m) => m[1]!.trim());
    expect(cells.slice(0, 2)).toEqual(['3', 'Name']);
    expect(cells[2]!.toLowerCase()).toContain(NUL.toLowerCase());
    expect(cells).toHaveLength(3);
    expect(await handle.db.selectFrom('survey_respondent').selectAll().execute()).toEqual([]);
  });
});

describe('CSV exports a spreadsheet cannot run', () => {
  it('escapes assessment cells that look like formulas, and the export imports back exactly', async () => {
    const assessment = generateAssessment(framework, { seed: 21, cases: 3, windowStart: '2026-03-02', withEvidence: true });
    assessment.cases[0]!.evidence['2.2'] = '=HYPERLINK("http://example.org","see notes")';
    assessment.cases[1]!.evidence[''] = '-2 appointments missed; @manager told';
    assessment.judgements['1.1'] = { rating: 'Good', rationale: '+ strong leadership' };
    await importAssessments(handle.db, { inspectionId: inspection.id, text: writeAssessmentCsv(framework, assessment), format: 'csv' }, 'test');

    const res = await app.request(`/api/inspections/${inspection.id}/export?format=csv`, { headers: { cookie: lead.cookie } });
    expect(res.status).toBe(200);
    const exported = await res.text();
    const cells = parse(exported).flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(exported).toContain(`"'=HYPERLINK(""http://example.org"",""see notes"")"`);

    const copy = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2026-10-05', title: 'Uploads test: copy' }, 'test');
    await importAssessments(handle.db, { inspectionId: copy.id, text: exported, format: 'csv' }, 'test');
    const original = (await loadInspectionAssessment(handle.db, inspection.id))!;
    const again = (await loadInspectionAssessment(handle.db, copy.id))!;
    expect(again.cases).toEqual(original.cases);
    expect(again.judgements).toEqual(original.judgements);
    expect(again.cases[0]!.evidence['2.2']).toBe('=HYPERLINK("http://example.org","see notes")');
  });

  it('escapes a PDU name that looks like a formula in the public ratings CSV', async () => {
    await handle.db.updateTable('organisation').set({ name: '=HYPERLINK("http://example.org","Bolton")' }).where('name', '=', 'Bolton').execute();
    const res = await app.request('/public/data/ratings-latest.csv');
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain(`"'=HYPERLINK(""http://example.org"",""Bolton"")"`);
    expect((parse<Record<string, string>>(csv, { columns: true })).filter((r) => /^[=+\-@]/.test(r['pdu']!))).toEqual([]);
  });
});
