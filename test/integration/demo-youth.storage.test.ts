// The youth demonstration inspection: Leeds youth justice service by the current youth framework,
// in fieldwork this week, its generated court and out-of-court cases rated, led by the demo lead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInspection, listAudit, listInspectionMembers } from '../../src/db/repositories/index.ts';
import { createDemoYouthInspection } from '../../src/services/demo-youth.ts';
import { loadAssessment, rateStoredInspection } from '../../src/services/inspections.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
  await loadReferenceData(handle.db, 'test');
});
afterAll(() => handle?.close());

describe('the youth demonstration inspection', () => {
  it('inspects a real youth justice service by the current youth framework, with rated court and out-of-court cases', async () => {
    const line = await createDemoYouthInspection(handle.db, '2026-12-09');
    const id = Number(/inspection (\d+)/.exec(line)![1]);
    expect(line).toMatch(/^Demonstration inspection \d+ \(Leeds youth justice service, hmip-youth@2021\) created with 24 generated court and out-of-court cases, in fieldwork$/);
    expect(await getInspection(handle.db, id)).toMatchObject({ frameworkId: 'hmip-youth', frameworkVersion: '2021', fieldworkStart: '2026-12-07', isDemo: true });
    const { assessment } = await loadAssessment(handle.db, id);
    expect(new Set(assessment.cases.map((c) => c.attributes.case_type))).toEqual(new Set(['court', 'out-of-court']));
    const { ratings } = await rateStoredInspection(handle.db, id);
    expect(ratings.overall.maxScore).toBe(36);
    expect(ratings.overall.rating).not.toBeNull();
    expect(ratings.standards.find((s) => s.id === '4.1')).toMatchObject({ treatment: 'rated-separately', points: null });
    expect(ratings.standards.every((s) => s.rating !== null)).toBe(true);
    expect((await listAudit(handle.db)).some((a) => a.inspectionId === id && a.action === 'assessments.generated')).toBe(true);
    // No demonstration accounts in this database: nobody leads it yet.
    expect(await listInspectionMembers(handle.db, id)).toEqual([]);
  });
});
