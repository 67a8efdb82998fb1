// The annual SFO report on a real database: only signed-off assessments of reviews submitted in the
// year count; the page, PDF, CSV and JSON show the same figures; the draft's summary saved and
// audited; publishing keeps the figures, and later sign-offs do not change them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/db/repositories/index.ts';
import { listSfoReviews } from '../../src/db/repositories/sfo-repository.ts';
import { createApp } from '../../src/http/app.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { publishSfoAnnualReport, sfoAnnualReport } from '../../src/services/sfo/annual-report.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { sfoAssessmentFixture, sfoRegisterFixture, sfoSampleFixture } from '../support/sfo-fixture.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let lead: TestSession;
let sfoInspector: TestSession;
let sampleId: number;
const RATINGS = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'];

/** An assessment as the assessment journey stores it: every standard rated as overall, with the rationale. */
async function assess(reviewRef: string, state: 'in-progress' | 'signed-off', overall: string, rationale: string) {
  const review = (await listSfoReviews(handle.db)).find((r) => r.reviewRef === reviewRef)!;
  await sfoAssessmentFixture(handle.db, { sampleId, reviewId: review.id, state, overall, rationale, standards: ['1', '2', '3', '4'] });
}

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'sfo-lead');
  sfoInspector = await signedIn(handle.db, 'sfo-inspector');
  await sfoRegisterFixture(handle.db, { seed: 12, reviews: 150, year: 2025 });
  const drawn = await sfoSampleFixture(handle.db, { year: 2025, share: 0.2, seed: 3 });
  sampleId = drawn.sampleId;
  const sampled = drawn.sampled;
  // Every sampled review but the last signed off; the last still being assessed.
  for (const [i, ref] of sampled.entries()) await assess(ref, i === sampled.length - 1 ? 'in-progress' : 'signed-off', RATINGS[i % 4]!, i % 3 === 0 ? 'The risk assessment was not revisited' : 'Victim contact was sound');
});
afterAll(() => handle?.close());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });

describe('the annual SFO report', () => {
  it('counts only signed-off assessments of the year, beside the published years', async () => {
    const signedOff = await handle.db.selectFrom('sfo_assessment').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'signed-off').executeTakeFirstOrThrow();
    const { report } = await sfoAnnualReport(handle.db, 2025);
    expect(report.reviews).toBe(Number(signedOff.n));
    expect(report.overall.ratings.reduce((t, r) => t + r.count, 0)).toBe(report.reviews);
    expect(report.themes.find((t) => t.id === 'risk-assessment')!.reviews).toBeGreaterThan(0);
    expect(report.yearOnYear.map((y) => y.year)).toEqual(['2021/22', '2022/23', '2023/24', '2024/25', '2025/26']);
    expect((await sfoAnnualReport(handle.db, 2024)).report.reviews).toBe(0);
  });

  it('shows the page, and the same figures as PDF, CSV and JSON', async () => {
    const html = await (await get(sfoInspector, '/sfo/annual/2025-26')).text();
    const json = (await (await get(sfoInspector, '/sfo/annual/2025-26?format=json')).json()) as { reviews: number; state: string };
    expect(json.state).toBe('not started');
    expect(html).toContain(`<dd class="govuk-summary-list__value">\n      ${json.reviews}`);
    expect(html).toContain('Year on year');
    expect(html).toContain('aria-label="Overall ratings by region: reviews (per cent of the region’s) (scrolls sideways)"');
    const csv = await (await get(sfoInspector, '/sfo/annual/2025-26?format=csv')).text();
    expect(csv.split('\n')[0]).toBe('table,group,item,count,percent,note');
    expect(csv).toContain(`reviews quality-assured,all regions,reviews,${json.reviews},,`);
    const pdf = await get(sfoInspector, '/sfo/annual/2025-26?format=pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.includes('/StructTreeRoot')).toBe(true);
    expect((await get(sfoInspector, '/sfo/annual/2025')).status).toBe(404);
  });

  it('lets the lead save the draft, audited, and refuses it to an SFO QA inspector', async () => {
    expect((await app.request('/sfo/annual/2025-26', formPost(sfoInspector, { summary: 'x' }))).status).toBe(403);
    const res = await app.request('/sfo/annual/2025-26', formPost(lead, { summary: 'Fewer reviews were good this year.\n\nExtensions were common.' }));
    expect(res.status).toBe(303);
    const html = await (await get(lead, '/sfo/annual/2025-26?done=saved')).text();
    expect(html).toContain('The draft has been saved.');
    expect(html).toContain('<p class="govuk-body">Extensions were common.</p>');
    expect((await listAudit(handle.db, { entity: 'sfo-annual-report' })).map((e) => e.action)).toEqual(['sfo-annual-report.draft-started']);
  });

  it('keeps the figures as published: a later sign-off does not change them, and the draft is closed', async () => {
    const before = (await sfoAnnualReport(handle.db, 2025)).report;
    // Only the form's confirmation publishes: without it, the error names the checkbox and nothing changes.
    const unconfirmed = await app.request('/sfo/annual/2025-26', formPost(lead, { action: 'publish' }));
    expect(unconfirmed.status).toBe(400);
    const refusal = await unconfirmed.text();
    expect(refusal).toContain('href="#confirm">Confirm that the report is to be published for everyone to read</a>');
    expect(refusal).toContain('Extensions were common.');
    expect((await sfoAnnualReport(handle.db, 2025)).record!.state).toBe('draft');
    expect((await app.request('/sfo/annual/2025-26', formPost(sfoInspector, { action: 'publish', confirm: 'yes' }))).status).toBe(403);
    const res = await app.request('/sfo/annual/2025-26', formPost(lead, { action: 'publish', confirm: 'yes' }));
    expect(res.status).toBe(303);
    expect((await listAudit(handle.db, { entity: 'sfo-annual-report' })).map((e) => e.action)).toContain('sfo-annual-report.published');
    await handle.db.updateTable('sfo_assessment').set({ state: 'signed-off' }).where('state', '=', 'in-progress').execute();
    const after = await sfoAnnualReport(handle.db, 2025);
    expect(after.record!.state).toBe('published');
    expect(after.report).toEqual(before);
    expect((await app.request('/sfo/annual/2025-26', formPost(lead, { summary: 'changed' }))).status).toBe(409);
    await expect(publishSfoAnnualReport(handle.db, 2025, 'test')).rejects.toThrow(/published already/);
  });
});
