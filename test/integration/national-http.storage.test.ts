// National reports through the web app: an analyst takes a data cut from the form, the page shows
// each section from the cut, the figures download as CSV, bad input is named, and the public sees
// the report only from its publication date.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { publishDemoInspection } from '../../src/services/demo-national.ts';
import { loadAnnualReport } from '../../src/services/national-reports.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { daysAfter } from '../../src/domain/time/clock.ts';
import { pinClock } from '../support/clock.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let analyst: TestSession;
let inspector: TestSession;
let reportId: number;
const today = clock.today();
const tomorrow = daysAfter(clock.today(), 1);

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  for (const [i, pduName] of ['Sheffield', 'Doncaster', 'Barnsley and Rotherham'].entries())
    await publishDemoInspection(handle.db, { pduName, fieldworkStart: `2025-0${5 + i}-05`, seed: 40 + i, cases: 12 }, 'test');
  app = createApp({ db: handle.db });
  analyst = await signedIn(handle.db, 'analyst');
  inspector = await signedIn(handle.db, 'inspector');
}, 60_000);
afterAll(() => handle?.close());

const get = (s: TestSession | undefined, path: string) => app.request(path, { headers: s ? { cookie: s.cookie } : {} });
const post = (s: TestSession, path: string, fields: Record<string, string>) => app.request(path, formPost(s, fields));

describe('national reports in the web app', () => {
  it('offers the years with published inspections and refuses a bad year, naming the field', async () => {
    const index = await (await get(analyst, '/national')).text();
    expect(index).toContain('2025/26 (3 published inspections)');
    const refused = await post(analyst, '/national/annual', { year: 'next spring', framework: 'hmip-adult-pdu@2021' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('href="#year"');
    expect(html).toContain('Enter the business year like 2025/26');
    const empty = await post(analyst, '/national/annual', { year: '2019/20', framework: 'hmip-adult-pdu@2021' });
    expect(await empty.text()).toContain('There are no published inspections under hmip-adult-pdu@2021 with fieldwork in 2019/20');
  });

  it('takes the data cut and shows every section of the report from it', async () => {
    const made = await post(analyst, '/national/annual', { year: '2025/26', framework: 'hmip-adult-pdu@2021' });
    expect(made.status).toBe(303);
    reportId = Number(new URL(made.headers.get('location')!, 'http://localhost').pathname.split('/').pop());
    const { report } = await loadAnnualReport(handle.db, reportId);
    const html = await (await get(inspector, `/national/annual/${reportId}`)).text();
    for (const heading of ['Ratings', 'Key questions nationally', 'Key questions by region', 'Key questions by risk of serious harm level', 'Key questions by ethnic group', 'Statutory victim work', 'Outcomes', 'People on probation', 'Compared with 2024/25', 'Inspections included'])
      expect(html).toContain(heading);
    const kq = report.keyQuestions.find((k) => k.id === '2.1.1')!;
    expect(html).toContain(`${kq.national.percentage}% (${kq.national.sufficient} of ${kq.national.applicable})`);
    expect(html).toContain('No inspections published from 2024/25 to compare with.');
    expect(html).toContain('<svg');
    // An inspector reads it but cannot change it.
    expect(html).not.toContain('Set the publication date');
    expect((await post(inspector, `/national/annual/${reportId}/foreword`, { foreword: 'x' })).status).toBe(403);
  });

  it('gives every figure as CSV, withheld figures blank with the reason', async () => {
    const res = await get(analyst, `/national/annual/${reportId}/figures.csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parse<Record<string, string>>(await res.text(), { columns: true });
    const { report } = await loadAnnualReport(handle.db, reportId);
    const national = rows.find((r) => r.section === 'key-questions' && r.group === 'national' && r.item === '2.2.1')!;
    const expected = report.keyQuestions.find((k) => k.id === '2.2.1')!.national;
    expect([national.sufficient, national.applicable]).toEqual([String(expected.sufficient), String(expected.applicable)]);
    const withheld = rows.filter((r) => r.note?.startsWith('withheld'));
    expect(withheld.length).toBeGreaterThan(0);
    for (const r of withheld) expect([r.sufficient, r.applicable, r.percentage]).toEqual(['', '', '']);
  });

  it('keeps the report internal until its publication date', async () => {
    expect((await get(undefined, `/public/annual/${reportId}`)).status).toBe(404);
    // The GOV.UK date input: each part in its own field, its problems in GOV.UK's words.
    const parts = (iso: string) => ({ 'publishOn-day': String(Number(iso.slice(8, 10))), 'publishOn-month': String(Number(iso.slice(5, 7))), 'publishOn-year': iso.slice(0, 4) });
    const noMonth = await post(analyst, `/national/annual/${reportId}/publication`, { 'publishOn-day': '5', 'publishOn-month': '', 'publishOn-year': '2030' });
    expect(noMonth.status).toBe(400);
    expect(await noMonth.text()).toMatch(/href="#publishOn-month"[^>]*>Publication date must include a month/);
    const notReal = await post(analyst, `/national/annual/${reportId}/publication`, { 'publishOn-day': '31', 'publishOn-month': '2', 'publishOn-year': '2030' });
    expect(await notReal.text()).toContain('Publication date must be a real date');
    const bad = await post(analyst, `/national/annual/${reportId}/publication`, parts('2020-01-01'));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('href="#publishOn-day"');
    expect((await post(analyst, `/national/annual/${reportId}/foreword`, { foreword: 'The year in probation.' })).status).toBe(303);
    expect((await post(analyst, `/national/annual/${reportId}/publication`, parts(tomorrow))).status).toBe(303);
    expect((await get(undefined, `/public/annual/${reportId}`)).status).toBe(404);
    expect(await (await get(undefined, '/public')).text()).not.toContain(`/public/annual/${reportId}`);
    expect((await post(analyst, `/national/annual/${reportId}/publication`, parts(today))).status).toBe(303);
    const page = await (await get(undefined, `/public/annual/${reportId}`)).text();
    expect(page).toContain('The year in probation.');
    expect(page).toContain('Open Government Licence');
    expect(await (await get(undefined, '/public')).text()).toContain(`/public/annual/${reportId}`);
    // Published: the foreword is fixed.
    expect((await post(analyst, `/national/annual/${reportId}/foreword`, { foreword: 'Changed.' })).status).toBe(409);
  });

  it('publishes figures that no subtraction undoes, withheld alike in the page, CSV, JSON and the API', async () => {
    const csv = parse<Record<string, string>>(await (await get(undefined, `/public/annual/${reportId}/figures.csv`)).text(), { columns: true });
    const json = (await (await get(undefined, `/public/annual/${reportId}/figures.json`)).json()) as { licence: string; figures: Record<string, string | number>[] };
    expect(json.licence).toContain('Open Government Licence');
    expect(json.figures.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])))).toEqual(csv);
    // The attack of the finding: the national figure minus the groups shown, for each key question and grouping.
    const keyQuestions = csv.filter((r) => r.section === 'key-questions');
    const hidden = (r: Record<string, string>) => r.note?.startsWith('withheld') ?? false;
    let groupings = 0;
    for (const national of keyQuestions.filter((r) => r.group === 'national')) {
      const rows = keyQuestions.filter((r) => r.item === national.item && r.group !== 'national');
      for (const group of new Set(rows.map((r) => r.group))) {
        const parts = rows.filter((r) => r.group === group);
        const withheld = parts.filter(hidden);
        groupings++;
        if (hidden(national)) expect(withheld.length, `${national.item} ${group}: national from its parts`).toBeGreaterThan(0);
        else expect(withheld.length, `${national.item} ${group}: one withheld beside the national figure`).not.toBe(1);
        if (!hidden(national) && withheld.length) {
          const rest = Number(national.applicable) - parts.filter((r) => !hidden(r)).reduce((t, r) => t + Number(r.applicable || 0), 0);
          expect(rest, `${national.item} ${group}: what subtraction leaves`).toBeGreaterThanOrEqual(5);
        }
      }
    }
    expect(groupings).toBeGreaterThan(50);
    expect(csv.filter(hidden).length).toBeGreaterThan(0);
    // The page marks as many figures [c] as the CSV withholds, and the API gives them no counts.
    const page = await (await get(undefined, `/public/annual/${reportId}`)).text();
    const { report } = await loadAnnualReport(handle.db, reportId);
    const api = (await (await get(inspector, `/api/national/annual/${reportId}`)).json()) as { report: { keyQuestions: { regions: Record<string, { suppressed: boolean; applicable: number | null }> }[] } };
    const regionWithheld = report.keyQuestions.flatMap((k) => Object.values(k.regions)).filter((f) => f.suppressed && f.applicable > 0).length;
    expect(csv.filter((r) => r.group === 'region' && hidden(r)).length).toBe(regionWithheld);
    const apiRegions = api.report.keyQuestions.flatMap((k) => Object.values(k.regions));
    expect(apiRegions.filter((f) => f.suppressed && f.applicable === null).length).toBe(regionWithheld);
    expect(apiRegions.every((f) => !f.suppressed || f.applicable === null || f.applicable === 0)).toBe(true);
    expect(page.split('[c]').length - 1).toBeGreaterThanOrEqual(csv.filter(hidden).length);
  });

  it('serves the report and the list as JSON, and the check page says the cut still matches', async () => {
    const json = (await (await get(inspector, `/api/national/annual/${reportId}`)).json()) as { report: { scope: { inspections: number } }; cut?: unknown };
    expect(json.report.scope.inspections).toBe(3);
    expect(json.cut).toBeUndefined();
    const check = await (await get(inspector, `/national/annual/${reportId}/check`)).text();
    expect(check).toContain('regenerating the report gives the same numbers');
  });
});
