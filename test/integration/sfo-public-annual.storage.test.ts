// The published annual SFO report for the public, on a real database: nothing of a year (page, PDF,
// CSV, JSON, the public index, the open data) before the SFO QA lead publishes it, a draft
// included (404, so nothing is disclosed); after, the page and its downloads without sign-in, the
// figures as published, no region's count and no spread below the fewest shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSfoReviews } from '../../src/db/repositories/sfo-repository.ts';
import { FEWEST_CASES_SHOWN } from '../../src/domain/disclosure/thresholds.ts';
import type { AnnualSfoReport } from '../../src/domain/sfo/annual-report.ts';
import { createApp } from '../../src/http/app.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { sfoAnnualReport } from '../../src/services/sfo/annual-report.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { sfoAssessmentFixture, sfoRegisterFixture, sfoSampleFixture } from '../support/sfo-fixture.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let lead: TestSession;
const RATINGS = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'];
const PATHS = ['/public/sfo/annual/2025-26', '/public/sfo/annual/2025-26/report.pdf', '/public/sfo/annual/2025-26/figures.csv', '/public/sfo/annual/2025-26/figures.json'];

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'sfo-lead');
  await sfoRegisterFixture(handle.db, { seed: 21, reviews: 150, year: 2025 });
  const { sampleId, sampled } = await sfoSampleFixture(handle.db, { year: 2025, share: 0.2, seed: 5 });
  const reviews = await listSfoReviews(handle.db);
  for (const [i, ref] of sampled.entries()) {
    await sfoAssessmentFixture(handle.db, { sampleId, reviewId: reviews.find((r) => r.reviewRef === ref)!.id, state: 'signed-off', overall: RATINGS[i % 4]!, rationale: 'The risk assessment was not revisited', standards: ['1', '2', '3', '4'] });
  }
});
afterAll(() => handle?.close());

const anonymous = (path: string) => app.request(path);

/** No region's count or spread the public sees is from 1 to under the fewest shown. */
function expectNothingSmall(r: AnnualSfoReport) {
  for (const g of r.regions) {
    for (const f of [g.reviews, g.goodOrBetter, g.extensions, ...g.ratings.map((x) => x.figure)]) expect(f.count === null || f.count === 0 || f.count >= FEWEST_CASES_SHOWN, `${g.region}: ${f.count}`).toBe(true);
    if (g.medianWorkingDays !== null) expect(g.reviews.count).toBeGreaterThanOrEqual(FEWEST_CASES_SHOWN);
  }
  for (const s of [r.timeliness.all, r.timeliness.withExtension, r.timeliness.withoutExtension]) if (s.median !== null) expect(s.reviews).toBeGreaterThanOrEqual(FEWEST_CASES_SHOWN);
}

describe('the published annual SFO report for the public', () => {
  it('discloses nothing of a year not started or only drafted: 404 for the page and every download, absent from the index and the open data', async () => {
    for (const path of PATHS) expect((await anonymous(path)).status, path).toBe(404);
    expect((await app.request('/sfo/annual/2025-26', formPost(lead, { summary: 'Not yet for the public.' }))).status).toBe(303);
    for (const path of PATHS) {
      const res = await anonymous(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('Not yet for the public');
    }
    for (const path of ['/public/sfo/annual/2025', '/public/sfo/annual/2025-27', '/public/sfo/annual/2019-20']) expect((await anonymous(path)).status, path).toBe(404);
    expect(await (await anonymous('/public')).text()).not.toContain('/public/sfo/annual/');
    const data = (await (await anonymous('/public/data/sfo-annual.json')).json()) as { years: string[]; figures: unknown[] };
    expect(data).toMatchObject({ years: [], figures: [] });
    expect(await (await anonymous('/public/data/sfo-annual.csv')).text()).toBe('year,table,group,item,count,percent,note\n');
  });

  it('once published, shows the page and its PDF, CSV and JSON without sign-in, the figures as published', async () => {
    expect((await app.request('/sfo/annual/2025-26', formPost(lead, { summary: 'The year in brief.' }))).status).toBe(303);
    expect((await app.request('/sfo/annual/2025-26', formPost(lead, { action: 'publish', confirm: 'yes' }))).status).toBe(303);
    const staff = (await sfoAnnualReport(handle.db, 2025)).report;
    const page = await anonymous('/public/sfo/annual/2025-26');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Quality assurance of Serious Further Offence reviews: annual report 2025/26');
    expect(html).toContain('<p class="govuk-body">The year in brief.</p>');
    expect(html).toContain(`${staff.reviews}`);
    expect(html).not.toContain('Draft');
    expect(html).not.toContain('Sign out');
    const json = (await (await anonymous('/public/sfo/annual/2025-26/figures.json')).json()) as AnnualSfoReport & { summary: string; licence: string; withheld: string };
    expect(json.reviews).toBe(staff.reviews);
    expect(json.overall).toEqual(staff.overall);
    expect(json.regions.map((g) => g.reviews)).toEqual(staff.regions.map((g) => g.reviews));
    expect(json.summary).toBe('The year in brief.');
    expect(json.licence).toContain('Open Government Licence');
    expect(json).not.toHaveProperty('record');
    expectNothingSmall(json);
    const csv = await (await anonymous('/public/sfo/annual/2025-26/figures.csv')).text();
    expect(csv.split('\n')[0]).toBe('table,group,item,count,percent,note');
    expect(csv).toContain(`reviews quality-assured,all regions,reviews,${staff.reviews},,`);
    const pdf = await anonymous('/public/sfo/annual/2025-26/report.pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="sfo-annual-report-2025-26.pdf"');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.includes('/StructTreeRoot')).toBe(true);
    // Another year is still not published.
    expect((await anonymous('/public/sfo/annual/2024-25')).status).toBe(404);
  });

  it('lists the published report on the public index and its figures in the open data, documented there', async () => {
    const index = await (await anonymous('/public')).text();
    expect(index).toContain('<a class="govuk-link" href="/public/sfo/annual/2025-26">Quality assurance of SFO reviews: annual report 2025/26</a>');
    const dataPage = await (await anonymous('/public/data')).text();
    expect(dataPage).toContain('href="/public/data/sfo-annual.csv"');
    expect(dataPage).toContain('href="/public/data/sfo-annual.json"');
    const data = (await (await anonymous('/public/data/sfo-annual.json')).json()) as { years: string[]; withheld: string; figures: { year: string; table: string; group: string; item: string; count: number | string }[] };
    expect(data.years).toEqual(['2025/26']);
    expect(data.withheld).toContain(`from 1 to ${FEWEST_CASES_SHOWN - 1}`);
    expect(data.figures.every((f) => f.year === '2025/26')).toBe(true);
    expect(data.figures.some((f) => f.table === 'year on year')).toBe(false);
    for (const f of data.figures.filter((x) => x.table === 'by region' && typeof x.count === 'number' && x.item !== 'median working days notified to submitted')) expect(f.count === 0 || (f.count as number) >= FEWEST_CASES_SHOWN, `${f.group} ${f.item}`).toBe(true);
    const csv = await (await anonymous('/public/data/sfo-annual.csv')).text();
    expect(csv.split('\n')[0]).toBe('year,table,group,item,count,percent,note');
    expect(csv.split('\n')[1]).toMatch(/^2025\/26,reviews quality-assured,all regions,reviews,\d+,,$/);
    expect(csv.trim().split('\n')).toHaveLength(data.figures.length + 1);
  });
});
