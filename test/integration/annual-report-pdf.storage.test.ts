// The annual national report as a PDF through the web app, read back with pdftotext: the internal
// PDF of a draft for the inspectorate, linked from its page; the public PDF only once published,
// linked from the public page. One inspection has a survey, run as the demonstration runs it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { publishDemoInspection } from '../../src/services/demo-national.ts';
import { createAnnualReport, loadAnnualReport, publishAnnualReport } from '../../src/services/national-reports.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { hasPoppler } from '../support/tools.ts';
import { pinClock } from '../support/clock.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let analyst: TestSession;
let reportId: number;
let dir: string;
const today = clock.today();

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  for (const [i, pduName] of ['Sheffield', 'Doncaster', 'Barnsley and Rotherham'].entries())
    await publishDemoInspection(handle.db, { pduName, fieldworkStart: `2025-0${5 + i}-05`, seed: 60 + i, cases: 12, ...(i === 0 ? { survey: { people: 40, phoneOffset: 500 } } : {}) }, 'test');
  reportId = await createAnnualReport(handle.db, { year: '2025/26', framework: 'hmip-adult-pdu@2021' }, 'test');
  app = createApp({ db: handle.db });
  analyst = await signedIn(handle.db, 'analyst');
  dir = mkdtempSync(join(tmpdir(), 'annual-pdf-test-'));
}, 60_000);
afterAll(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = (s: TestSession | undefined, path: string) => app.request(path, { headers: s ? { cookie: s.cookie } : {} });

/** The PDF's text, white space folded. */
async function pdfText(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toContain('annual-report-2025-26.pdf');
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('the annual report as a PDF', () => {
  it('is linked from the internal page', async () => {
    expect(await (await get(analyst, `/national/annual/${reportId}`)).text()).toContain(`href="/national/annual/${reportId}?format=pdf">Download the report (PDF)</a>`);
  });

  it.skipIf(!hasPoppler)('holds the title, the figures of the report, the survey and numbered pages', async () => {
    const { report, stored } = await loadAnnualReport(handle.db, reportId);
    const text = await pdfText(await get(analyst, `/national/annual/${reportId}?format=pdf`));
    expect(text).toContain(report.title);
    expect(text).toContain('Draft: not published');
    const kq = report.keyQuestions.find((k) => k.id === '2.1.1')!;
    expect(text).toContain(`${kq.national.percentage}% (${kq.national.sufficient} of ${kq.national.applicable})`);
    const survey = report.survey!;
    expect(text).toContain(`${survey.responded} of ${survey.contacted} people on probation texted in 1 inspection answered the survey`);
    expect(text).toContain('Page 2 of');
    expect(text).toContain(stored.cutDigest);
  });

  it('is public only once the report is published, and then linked from the public page', async () => {
    expect((await get(undefined, `/public/annual/${reportId}?format=pdf`)).status).toBe(404);
    expect((await get(analyst, `/public/annual/${reportId}?format=pdf`)).status).toBe(404);
    await publishAnnualReport(handle.db, reportId, today, 'test');
    expect(await (await get(undefined, `/public/annual/${reportId}`)).text()).toContain(`href="/public/annual/${reportId}?format=pdf">Download the report (PDF)</a>`);
    const res = await get(undefined, `/public/annual/${reportId}?format=pdf`);
    if (!hasPoppler) return expect(res.status).toBe(200);
    const text = await pdfText(res);
    expect(text).toContain(`Published ${today}`);
    expect(text).toContain('Page 2 of');
  });

  it('refuses a format it does not make', async () => {
    expect((await get(analyst, `/national/annual/${reportId}?format=docx`)).status).toBe(400);
  });
});
