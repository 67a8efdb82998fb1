// The demonstration's draft youth annual report: made from the published youth demonstration
// inspections of the last business year, as the PDU one is, by the current youth framework, with
// resettlement shown separately (one service had no custody case) and court beside out-of-court work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessYear, businessYearOf } from '../../src/domain/national/business-year.ts';
import { createDemoYouthAnnualReport } from '../../src/services/demo-national.ts';
import { createDemoPublishedYouth } from '../../src/services/demo-youth-published.ts';
import { loadAnnualReport } from '../../src/services/national-reports.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { pinClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

const clock = pinClock();

let handle: TestDatabase;
const today = clock.today();

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
}, 120_000);
afterAll(() => handle?.close());

describe("the demonstration's youth annual report", () => {
  it('is not made while no youth inspection is published', async () => {
    expect(await createDemoYouthAnnualReport(handle.db, today, 'test')).toBeNull();
  });

  it('is a draft of the last business year built from the published youth demonstration inspections', async () => {
    const published = await createDemoPublishedYouth(handle.db, today, 'test');
    expect(published.length).toBeGreaterThan(0);
    const id = (await createDemoYouthAnnualReport(handle.db, today, 'test'))!;
    const { stored, report } = await loadAnnualReport(handle.db, id);
    expect(stored.status).toBe('draft');
    expect(report.year).toEqual(businessYear(businessYearOf(today).start - 1));
    expect(report.kind.id).toBe('youth-service');
    expect(report.isDemo).toBe(true);
    expect(report.inspections.length).toBeGreaterThan(0);
    expect(published.map((p) => p.id)).toEqual(expect.arrayContaining(report.inspections.map((i) => i.id)));
    expect(report.separately.map((s) => s.id)).toEqual(['4.1']);
    expect(report.separately[0]!.notRated).toBeGreaterThan(0);
    expect(report.caseTypes!.values.map((v) => v.value)).toEqual(['court', 'out-of-court']);
    expect(report.scores.maxScore).toBe(36);
  });
});
