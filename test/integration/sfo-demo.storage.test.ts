// The SFO review QA demonstration: a year of reviews, a sample each quarter, and assessments at
// every stage made through the use cases (released with a region's action, signed off, moderated
// with a disagreement to settle, under way with drafts and a blind second reading).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSfoSamples } from '../../src/db/repositories/sfo-repository.ts';
import { listSfoRegionActions } from '../../src/db/repositories/sfo-assessment-repository.ts';
import { createDemoSfo, lastWholeBusinessYear } from '../../src/services/demo-sfo.ts';
import { createDemoSfoPanelAndReport } from '../../src/services/demo-sfo-panels.ts';
import { listAnnualReports } from '../../src/db/repositories/sfo-panel-repository.ts';
import { publishedSfoAnnualReports } from '../../src/services/sfo/public-annual.ts';
import { demoSfoPeople, ensureDemoUsers } from '../../src/services/identity/demo-users.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { sfoSampleProgress } from '../../src/services/sfo/sign-off.ts';
import { downloadSfoReviewDocument, reviewsWithDocument } from '../../src/services/sfo/review-document.ts';
import { listAudit } from '../../src/db/repositories/index.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { cheapPasswordHashingForTests } from '../../src/services/identity/passwords.ts';

let t: TestDatabase;
let made: string[];
let productionHashing: () => void;
beforeAll(async () => {
  // The demonstration accounts' passwords hashed cheaply: what is made is the question here, not the
  // hashing's cost (sign-in.storage.test.ts checks it), ~0.16 s of CPU a hash at the production cost.
  productionHashing = cheapPasswordHashingForTests();
  t = await openTestDatabase({ referenceData: true });
  await loadReferenceData(t.db, 'test');
  await ensureDemoUsers(t.db, undefined, 'test');
  made = await createDemoSfo(t.db, '2026-12-05', await demoSfoPeople(t.db), 'test');
}, 120_000);
afterAll(async () => {
  productionHashing?.();
  await t?.close();
});

describe('the SFO demonstration', () => {
  it('takes the last whole business year', () => {
    expect(lastWholeBusinessYear('2026-12-05')).toBe(2025);
    expect(lastWholeBusinessYear('2027-03-31')).toBe(2025);
    expect(lastWholeBusinessYear('2026-04-01')).toBe(2025);
    expect(lastWholeBusinessYear('2026-03-31')).toBe(2024);
  });

  it('has assessments at every stage, one sample a quarter', async () => {
    expect(made).toHaveLength(2);
    const samples = (await listSfoSamples(t.db)).sort((a, b) => a.id - b.id);
    expect(samples.map((s) => s.periodFrom)).toEqual(['2025-04-01', '2025-07-01', '2025-10-01', '2026-01-01']);
    const [released, signedOff, moderated, underWay] = await Promise.all(samples.map((s) => sfoSampleProgress(t.db, s.id)));
    const states = (p: typeof released) => new Set(p!.reviews.map((r) => r.assessment?.state ?? 'none'));
    expect(states(released)).toEqual(new Set(['released']));
    expect(released!.signOff?.releasedAt).toBeTruthy();
    expect(states(signedOff)).toEqual(new Set(['signed-off']));
    expect(signedOff!.signOff?.releasedAt).toBeNull();
    expect(moderated!.signOff).toBeUndefined();
    expect(moderated!.blockers.some((b) => /the readings disagree/.test(b.text))).toBe(true);
    expect([...states(underWay)]).toEqual(expect.arrayContaining(['not-started', 'in-progress', 'submitted']));
    expect(underWay!.reviews.some((r) => r.second && !r.second.submittedAt)).toBe(true);
    const yorkshire = released!.reviews.filter((r) => r.review.region === 'Yorkshire and the Humber');
    expect(yorkshire.length).toBeGreaterThan(0);
    expect(await listSfoRegionActions(t.db, yorkshire.map((r) => r.assessment!.id))).toHaveLength(1);
  });

  it('attaches a labelled demonstration PDF to three of the released sample’s reviews, the region staff’s own among them', async () => {
    const [released] = (await listSfoSamples(t.db)).sort((a, b) => a.id - b.id);
    const reviews = (await sfoSampleProgress(t.db, released!.id)).reviews.map((r) => r.review);
    const withDocument = await reviewsWithDocument(t.db, reviews.map((r) => r.id));
    expect(withDocument.size).toBe(3);
    const yorkshire = reviews.find((r) => r.region === 'Yorkshire and the Humber' && withDocument.has(r.id))!;
    expect(yorkshire).toBeTruthy();
    const doc = await downloadSfoReviewDocument(t.db, yorkshire.id, { userId: 0, role: 'sfo-lead', organisationId: null, memberships: new Map() });
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.fileName).toBe(`${yorkshire.reviewRef} demonstration review.pdf`);
    const bytes = Buffer.from(doc.content);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeLessThan(200_000);
    expect(bytes.toString('latin1')).toContain('Demonstration document');
    expect((await listAudit(t.db, { entity: 'sfo-review', entityId: yorkshire.id })).map((e) => e.action)).toContain('sfo-review-document.uploaded');
  });

  it('publishes the past year’s annual SFO report from its signed-off assessments and starts the current year’s draft', async () => {
    const lines = await createDemoSfoPanelAndReport(t.db, '2026-12-05', 'test');
    expect(lines).toEqual([expect.stringMatching(/annual SFO report for 2025-26 published and a draft for 2026-27$/)]);
    const reports = (await listAnnualReports(t.db)).sort((a, b) => a.yearStart - b.yearStart);
    expect(reports.map((r) => [r.yearStart, r.state])).toEqual([
      [2025, 'published'],
      [2026, 'draft'],
    ]);
    expect((await publishedSfoAnnualReports(t.db)).length).toBe(1);
  });

  it('is made once', async () => {
    expect(await createDemoSfo(t.db, '2026-12-05', await demoSfoPeople(t.db), 'test')).toEqual([]);
  });
});
