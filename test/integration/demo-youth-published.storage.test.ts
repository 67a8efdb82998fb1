// The published youth demonstration inspections: three real youth justice services by the current
// youth framework, rated by the engine from generated cases (varied ratings, one without a custody
// case so resettlement is not rated), published within the past year with fieldwork in the last
// business year, and shown by the public pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInspection } from '../../src/db/repositories/index.ts';
import { businessYear, businessYearOf, inBusinessYear } from '../../src/domain/national/business-year.ts';
import { daysBetween } from '../../src/domain/sampling/dates.ts';
import { createDemoPublishedYouth, PUBLISHED_YOUTH, type PublishedYouthInspection } from '../../src/services/demo-youth-published.ts';
import { rateStoredInspection } from '../../src/services/inspections.ts';
import { publishedInspections } from '../../src/services/open-data.ts';
import { reportOverview } from '../../src/services/publication.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { pinClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let made: PublishedYouthInspection[];
const clock = pinClock(); // the demo's dates stay right if the run crosses midnight
const today = clock.today();
beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  made = await createDemoPublishedYouth(handle.db, today);
}, 120_000);
afterAll(() => handle?.close());

describe('the published youth demonstration inspections', () => {
  it('inspect three real youth justice services by the current youth framework, fieldwork in the last business year, published within the past year', async () => {
    expect(made.map((m) => m.service)).toEqual(PUBLISHED_YOUTH.map((d) => d.service));
    const lastYear = businessYear(businessYearOf(today).start - 1);
    for (const m of made) {
      expect(await getInspection(handle.db, m.id)).toMatchObject({ frameworkId: 'hmip-youth', frameworkVersion: '2021', status: 'signed-off', isDemo: true });
      expect(inBusinessYear(m.fieldworkStart, lastYear)).toBe(true);
      expect(daysBetween(m.publishedOn, today)).toBeGreaterThan(0);
      expect(daysBetween(m.publishedOn, today)).toBeLessThan(366);
      const { report } = await reportOverview(handle.db, m.id, today);
      expect([report.status, report.publishOn]).toEqual(['published', m.publishedOn]);
    }
  });

  it('are rated by the engine from their cases: scores out of 36 that differ, resettlement rated separately and not rated where no custody case was found', async () => {
    const rated = await Promise.all(made.map(async (m) => ({ m, ratings: (await rateStoredInspection(handle.db, m.id)).ratings })));
    for (const { ratings } of rated) {
      expect(ratings.overall.maxScore).toBe(36);
      expect(ratings.overall.rating).not.toBeNull();
    }
    expect(new Set(rated.map((r) => r.ratings.overall.score)).size).toBe(3);
    // The weaker service scores below the stronger one.
    expect(rated[0]!.ratings.overall.score).toBeLessThan(rated[2]!.ratings.overall.score);
    const resettlement = rated.map((r) => r.ratings.standards.find((s) => s.id === '4.1')!);
    expect(resettlement.map((s) => s.treatment)).toEqual(['rated-separately', 'rated-separately', 'rated-separately']);
    expect(resettlement.map((s) => s.rating === null)).toEqual(PUBLISHED_YOUTH.map((d) => !d.relevantCasesFound));
  });

  it('are published: the public list has each of them', async () => {
    const published = new Set((await publishedInspections(handle.db)).map((p) => p.inspection.id));
    for (const m of made) expect(published.has(m.id)).toBe(true);
  });
});
