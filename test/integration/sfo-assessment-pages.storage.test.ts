// The SFO assessment journey's pages over HTTP: assign, the first reading's form (draft, a flag
// acknowledged, submit), blind second reading, settlement, sign-off refused with its blockers
// linked and then made, release, the feedback letter (page and tagged PDF) and the region's action;
// and who may reach each page: the SFO team, administrators and (for letters) the region's own staff.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSfoReviews } from '../../src/db/repositories/sfo-repository.ts';
import { uploadSfoReviewDocument } from '../../src/services/sfo/review-document.ts';
import { generateSfoRegister } from '../../src/demo/generate-sfo-register.ts';
import { createApp } from '../../src/http/app.ts';
import { writeRegisterCsv } from '../../src/interchange/sfo/register-file.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { importRegister } from '../../src/services/sfo/register.ts';
import { drawSfoSample } from '../../src/services/sfo/sample.ts';
import { sfoSampleProgress } from '../../src/services/sfo/sign-off.ts';
import { loadRegions } from '../../src/reference/organisations.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

const hasPoppler = (() => {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let t: TestDatabase;
let app: ReturnType<typeof createApp>;
let lead: TestSession, first: TestSession, second: TestSession, admin: TestSession, regionOwn: TestSession, regionOther: TestSession, pduStaff: TestSession, inspector: TestSession;
let sampleId: number;
let ref: string;
let assessmentId: number;

const get = (s: TestSession | undefined, path: string) => app.request(path, { headers: s ? { cookie: s.cookie } : {} });
const post = (s: TestSession, path: string, fields: Record<string, string>) => app.request(path, formPost(s, fields));
const summary = (html: string) => /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
const rated = (ratings: string[], overall: string) => ({
  ...Object.fromEntries(ratings.flatMap((r, i) => [[`rating-${i + 1}`, r], [`rationale-${i + 1}`, `Why ${r}`], [`evidence-${i + 1}`, `Evidence ${i + 1}`]])),
  overall,
  overallRationale: `Overall ${overall}`,
});

beforeAll(async () => {
  t = await openTestDatabase({ referenceData: true });
  await loadReferenceData(t.db, 'test');
  app = createApp({ db: t.db });
  const regions = loadRegions().regions.map((r) => r.name);
  await importRegister(t.db, { fileName: 'r.csv', format: 'csv', content: writeRegisterCsv(generateSfoRegister({ seed: 8, regions: regions.slice(0, 1), reviews: 3 })) }, 'test');
  sampleId = (await drawSfoSample(t.db, { periodFrom: '2024-04-01', periodTo: '2025-03-31', share: 0.2, seed: 1 }, 'test')).sample.id;
  const progress = await sfoSampleProgress(t.db, sampleId);
  ref = progress.reviews[0]!.review.reviewRef;
  lead = await signedIn(t.db, 'sfo-lead');
  first = await signedIn(t.db, 'sfo-inspector');
  second = await signedIn(t.db, 'sfo-inspector');
  admin = await signedIn(t.db, 'administrator');
  inspector = await signedIn(t.db, 'inspector');
  regionOwn = await signedIn(t.db, 'service-staff', { region: progress.reviews[0]!.review.region });
  regionOther = await signedIn(t.db, 'service-staff', { region: regions.find((r) => r !== progress.reviews[0]!.review.region)! });
  pduStaff = await signedIn(t.db, 'service-staff', { service: 'Leeds' });
});
afterAll(() => t?.close());

describe('the assessment journey in pages', () => {
  it('lets the lead assign the review, and refuses the inspector the assignment', async () => {
    expect((await post(first, `/sfo/samples/${sampleId}/assignments`, { reviewRef: ref, inspectorId: String(first.userId) })).status).toBe(403);
    const bad = await post(lead, `/sfo/samples/${sampleId}/assignments`, { reviewRef: '', inspectorId: '' });
    expect(bad.status).toBe(400);
    expect(summary(await bad.text())).toContain('Select the review');
    const res = await post(lead, `/sfo/samples/${sampleId}/assignments`, { reviewRef: ref, inspectorId: String(first.userId) });
    expect(res.headers.get('location')).toBe(`/sfo/samples/${sampleId}/assessments?done=assigned`);
    const page = await (await get(lead, `/sfo/samples/${sampleId}/assessments?done=assigned`)).text();
    expect(page).toContain('Inspector assigned.');
    assessmentId = Number(/href="\/sfo\/assessments\/(\d+)"/.exec(page)![1]);
  });

  it('saves a draft, shows the flag and refuses to submit without a reason, then submits and locks', async () => {
    const form = await (await get(first, `/sfo/assessments/${assessmentId}`)).text();
    expect(form).toContain('Rating of standard 1, Analysis of practice');
    expect((await post(first, `/sfo/assessments/${assessmentId}`, { action: 'save', 'rating-1': 'Good', 'rationale-1': 'Sound' })).headers.get('location')).toBe(`/sfo/assessments/${assessmentId}?done=saved`);
    const flagged = { ...rated(['Inadequate', 'Inadequate', 'Good', 'Good'], 'Good'), learningPoints: 'Contact the victims early\nShare the analysis' };
    const refused = await post(first, `/sfo/assessments/${assessmentId}`, { ...flagged, action: 'submit' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(summary(html)).toContain('Enter why the overall rating stands despite the flags on it');
    expect(html).toContain('The overall rating is Good while 2 standards are rated Inadequate');
    const ok = await post(first, `/sfo/assessments/${assessmentId}`, { ...flagged, action: 'submit', acknowledgement: 'The failings were contained' });
    expect(ok.headers.get('location')).toBe(`/sfo/assessments/${assessmentId}?done=submitted`);
    const shown = await (await get(lead, `/sfo/assessments/${assessmentId}`)).text();
    expect(shown).toContain('The failings were contained');
    expect(shown).not.toContain('name="rating-1"');
    expect((await post(first, `/sfo/assessments/${assessmentId}`, { ...flagged, action: 'save' })).status).toBe(409);
  });

  it('refuses sign-off with every blocker linked', async () => {
    const res = await post(lead, `/sfo/samples/${sampleId}/sign-off`, {});
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(`href="/sfo/samples/${sampleId}/assessments#moderation"`);
    expect(html).toContain('No reviews have been drawn for second-reader moderation');
  });

  it('draws the moderation, keeps the first reading from the second reader until they submit, and settles', async () => {
    expect((await post(lead, `/sfo/samples/${sampleId}/moderation`, { share: '20', seed: '5' })).status).toBe(303);
    expect((await post(lead, `/sfo/samples/${sampleId}/second-readers`, { assessmentId: String(assessmentId), readerId: String(second.userId) })).status).toBe(303);
    const blind = await get(second, `/sfo/assessments/${assessmentId}`);
    expect(blind.status).toBe(403);
    const blindHtml = await blind.text();
    expect(blindHtml).toContain('its first reading stays hidden from you');
    expect(blindHtml).not.toContain('Why Inadequate');
    expect((await get(second, `/sfo/assessments/${assessmentId}/second-reading`)).status).toBe(200);
    expect((await get(first, `/sfo/assessments/${assessmentId}/second-reading`)).status).toBe(404);
    const sub = await post(second, `/sfo/assessments/${assessmentId}/second-reading`, { ...rated(['Inadequate', 'Requires improvement', 'Good', 'Good'], 'Requires improvement'), action: 'submit' });
    expect(sub.headers.get('location')).toBe(`/sfo/assessments/${assessmentId}?done=second-submitted#moderation`);
    const now = await (await get(second, `/sfo/assessments/${assessmentId}`)).text();
    expect(now).toContain('Why Inadequate');
    const leadPage = await (await get(lead, `/sfo/assessments/${assessmentId}`)).text();
    expect(leadPage).toContain('id="settle-2"');
    const noReason = await post(lead, `/sfo/assessments/${assessmentId}/settlements`, { item: '2', 'settle-2': 'Requires improvement', 'reason-2': '' });
    expect(noReason.status).toBe(400);
    expect(summary(await noReason.text())).toContain('href="#reason-2"');
    expect((await post(lead, `/sfo/assessments/${assessmentId}/settlements`, { item: '2', 'settle-2': 'Requires improvement', 'reason-2': 'Not supported by the analysis' })).status).toBe(303);
    expect((await post(lead, `/sfo/assessments/${assessmentId}/settlements`, { item: 'overall', 'settle-overall': 'Requires improvement', 'reason-overall': 'Follows the standards' })).status).toBe(303);
    const agreement = await (await get(lead, `/sfo/samples/${sampleId}/assessments`)).text();
    expect(agreement).toContain('Agreement between first and second readings');
    // One pair on the overall rating, not agreed: 0%.
    expect(agreement).toMatch(/Overall rating<\/th>\s*<td[^>]*>\s*1\s*<\/td>\s*<td[^>]*>\s*0\s*<\/td>\s*<td[^>]*>\s*0%/);
  });

  it('signs off once nothing is left, then releases', async () => {
    const progress = await sfoSampleProgress(t.db, sampleId);
    // The other reviews of the sample are assessed through the same form.
    for (const r of progress.reviews.filter((x) => x.review.reviewRef !== ref)) {
      await post(lead, `/sfo/samples/${sampleId}/assignments`, { reviewRef: r.review.reviewRef, inspectorId: String(first.userId) });
      const id = (await sfoSampleProgress(t.db, sampleId)).reviews.find((x) => x.review.reviewRef === r.review.reviewRef)!.assessment!.id;
      expect((await post(first, `/sfo/assessments/${id}`, { ...rated(['Good', 'Good', 'Good', 'Good'], 'Good'), action: 'submit' })).status).toBe(303);
    }
    expect((await post(first, `/sfo/samples/${sampleId}/sign-off`, {})).status).toBe(403);
    expect((await get(regionOwn, `/sfo/assessments/${assessmentId}/letter`)).status).toBe(404);
    expect((await post(lead, `/sfo/samples/${sampleId}/sign-off`, {})).headers.get('location')).toBe(`/sfo/samples/${sampleId}/sign-off?done=signed-off`);
    expect((await post(lead, `/sfo/samples/${sampleId}/release`, {})).status).toBe(303);
    expect(await (await get(lead, `/sfo/samples/${sampleId}/sign-off`)).text()).toContain('Released to the regions');
  });

  it('shows the letter and its PDF to the region’s own staff only, and takes their action', async () => {
    const letter = await (await get(regionOwn, `/sfo/assessments/${assessmentId}/letter`)).text();
    expect(letter).toContain('Contact the victims early');
    expect(letter).toContain('Requires improvement');
    expect(letter).not.toContain('Evidence 1');
    expect((await get(regionOther, `/sfo/assessments/${assessmentId}/letter`)).status).toBe(404);
    expect((await get(pduStaff, `/sfo/assessments/${assessmentId}/letter`)).status).toBe(404);
    expect((await get(pduStaff, '/sfo/feedback')).status).toBe(403);
    expect(await (await get(regionOther, '/sfo/feedback')).text()).not.toContain(ref);
    expect(await (await get(regionOwn, '/sfo/feedback')).text()).toContain(ref);
    const pdf = await get(regionOwn, `/sfo/assessments/${assessmentId}/letter.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('/MarkInfo');
    if (hasPoppler) {
      const file = join(mkdtempSync(join(tmpdir(), 'sfo-letter-')), 'letter.pdf');
      writeFileSync(file, bytes);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      expect(info).toMatch(new RegExp(`^Title:\\s+Feedback on SFO review ${ref}$`, 'm'));
      const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
      expect(tree).toContain('Contact the victims early');
    }
    const bad = await post(regionOwn, `/sfo/assessments/${assessmentId}/actions`, { action: '', owner: '', 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2030' });
    expect(bad.status).toBe(400);
    const errors = summary(await bad.text());
    expect(errors).toContain('Enter the action');
    expect(errors).toContain('href="#dueOn-day"');
    expect((await post(lead, `/sfo/assessments/${assessmentId}/actions`, { action: 'x', owner: 'y', 'dueOn-day': '1', 'dueOn-month': '1', 'dueOn-year': '2030' })).status).toBe(403);
    const ok = await post(regionOwn, `/sfo/assessments/${assessmentId}/actions`, { action: 'Brief authors on victim contact', owner: 'Head of quality', 'dueOn-day': '31', 'dueOn-month': '3', 'dueOn-year': '2030' });
    expect(ok.headers.get('location')).toBe(`/sfo/assessments/${assessmentId}/letter?done=action-added#actions`);
    const seen = await (await get(lead, `/sfo/assessments/${assessmentId}/letter`)).text();
    expect(seen).toContain('Brief authors on victim contact');
    expect(seen).toContain('31 March 2030');
  });

  it('keeps the SFO pages from other roles', async () => {
    for (const path of [`/sfo/samples/${sampleId}/assessments`, `/sfo/assessments/${assessmentId}`, `/sfo/samples/${sampleId}/sign-off`]) {
      expect((await get(admin, path)).status).toBe(200);
      expect((await get(first, path)).status).toBe(200);
      expect((await get(inspector, path)).status).toBe(403);
      expect((await get(regionOwn, path)).status).toBe(403);
    }
    expect((await get(inspector, `/sfo/assessments/${assessmentId}/letter`)).status).toBe(404);
    expect((await get(admin, `/sfo/assessments/${assessmentId}/letter`)).status).toBe(200);
  });

  it('offers the review’s document on the letter to the region’s own staff, and the review’s page to the team', async () => {
    const reviewId = (await listSfoReviews(t.db)).find((r) => r.reviewRef === ref)!.id;
    await uploadSfoReviewDocument(t.db, reviewId, { fileName: 'review.pdf', content: new TextEncoder().encode('%PDF-1.7\n%%EOF\n') }, { userId: lead.userId, role: 'sfo-lead', organisationId: null, memberships: new Map() });
    const letter = await (await get(regionOwn, `/sfo/assessments/${assessmentId}/letter`)).text();
    expect(letter).toContain(`href="/sfo/reviews/${reviewId}/document" download>Download the review document, review.pdf`);
    expect(letter).not.toContain('The review in the register');
    expect((await get(regionOwn, `/sfo/reviews/${reviewId}/document`)).status).toBe(200);
    expect((await get(regionOther, `/sfo/reviews/${reviewId}/document`)).status).toBe(404);
    const team = await (await get(lead, `/sfo/assessments/${assessmentId}/letter`)).text();
    expect(team).toContain(`href="/sfo/reviews/${reviewId}">The review in the register`);
    // An administrator reads the letter but is not given the document.
    expect(await (await get(admin, `/sfo/assessments/${assessmentId}/letter`)).text()).not.toContain('Download the review document');
  });
});
