// Use cases end to end on a real database: import → rate → export → re-import, whole-file
// rejection, the audit trail, and ratings by the stored framework version's rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, loadInspectionAssessment, type Inspection } from '../../src/db/repositories/index.ts';
import { rateInspection } from '../../src/domain/rating/engine.ts';
import { generateAssessment } from '../../src/demo/generate-assessment.ts';
import { writeAssessmentCsv } from '../../src/interchange/assessment-file.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { ensureDemoInspection } from '../../src/services/demo.ts';
import { AppError } from '../../src/services/errors.ts';
import { createInspection, exportAssessments, importAssessments, rateStoredInspection } from '../../src/services/inspections.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let inspection: Inspection;
const framework = bundledFramework();
const assessment = generateAssessment(framework, { seed: 11, cases: 30, windowStart: '2026-03-02', withEvidence: true });
const csv = writeAssessmentCsv(framework, assessment);

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  inspection = await createInspection(handle.db, { pduName: 'sheffield', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2026-09-07' }, 'test:lead');
});
afterAll(() => handle?.close());

describe('reference data', () => {
  it('loads 12 regions and 110 PDUs once, however often it runs', async () => {
    const count = async () => Number((await handle.db.selectFrom('organisation').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    // Unchanged reference files (the same digest) are not read into the database again.
    expect(await loadReferenceData(handle.db, 'test')).toEqual({ frameworksAdded: [], regions: 12, pdus: 110, youthServices: 155, unchanged: true });
    // Loaded again whatever the digest, it still adds nothing.
    expect(await loadReferenceData(handle.db, 'test', { force: true })).toEqual({ frameworksAdded: [], regions: 12, pdus: 110, youthServices: 155, unchanged: false });
    expect(await count()).toBe(122 + 155); // and the 155 youth justice services of the programme's registry
  });
});

describe('creating an inspection', () => {
  it('finds the PDU by name whatever the case, and defaults to a one-week fieldwork', () => {
    expect(inspection).toMatchObject({ fieldworkStart: '2026-09-07', fieldworkEnd: '2026-09-11', frameworkId: 'hmip-adult-pdu', frameworkVersion: '2021' });
  });
  it.each([
    [{ pduName: 'Atlantis' }, 'not-found', /no PDU Atlantis/],
    [{ pduName: 'Leeds', fieldworkStart: '2026-02-30' }, 'invalid', /not a date/],
    [{ pduName: 'Leeds', fieldworkEnd: '2026-09-01' }, 'invalid', /ends before it starts/],
    [{ pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@1999' }, 'not-found', /No framework hmip-adult-pdu@1999/],
  ])('refuses %o', async (input, code, message) => {
    const attempt = createInspection(handle.db, { frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2026-09-07', ...input }, 'test');
    await expect(attempt).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });
});

describe('importing assessments', () => {
  it('stores a valid file and rates it exactly as the file rates on its own', async () => {
    const result = await importAssessments(handle.db, { inspectionId: inspection.id, text: csv, format: 'csv' }, 'test:inspector');
    expect(result.cases).toBe(30);
    const stored = await rateStoredInspection(handle.db, inspection.id);
    expect(stored.ratings).toEqual(rateInspection(framework, assessment));
  });

  it('exports what re-imports to the same ratings, in both formats', async () => {
    const before = await rateStoredInspection(handle.db, inspection.id);
    for (const format of ['csv', 'json'] as const) {
      const text = await exportAssessments(handle.db, inspection.id, format);
      await importAssessments(handle.db, { inspectionId: inspection.id, text, format }, 'test:inspector');
      expect((await rateStoredInspection(handle.db, inspection.id)).ratings).toEqual(before.ratings);
    }
  });

  it('rejects a bad file whole, lists every error and changes nothing', async () => {
    const before = await loadInspectionAssessment(handle.db, inspection.id);
    const auditBefore = (await listAudit(handle.db, { inspectionId: inspection.id })).length;
    const bad = `${csv}DEMO-001,2.2.9,yes\nDEMO-002,2.2.1a,maybe\n`;
    const error = await importAssessments(handle.db, { inspectionId: inspection.id, text: bad, format: 'csv' }, 'test').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const lines = csv.trimEnd().split('\n').length;
    expect((error as AppError).problems).toEqual([
      expect.objectContaining({ row: lines + 1, column: 'item', message: expect.stringMatching(/2\.2\.9/) }),
      expect.objectContaining({ row: lines + 2, column: 'item', message: expect.stringMatching(/twice|duplicate/i) }),
    ]);
    expect(await loadInspectionAssessment(handle.db, inspection.id)).toEqual(before);
    expect(await listAudit(handle.db, { inspectionId: inspection.id })).toHaveLength(auditBefore);
  });

  it('records who imported what in the audit trail', async () => {
    const events = await listAudit(handle.db, { inspectionId: inspection.id });
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['inspection.created', 'test:lead'],
      ['assessments.imported', 'test:inspector'],
      ['assessments.imported', 'test:inspector'],
      ['assessments.imported', 'test:inspector'],
    ]);
    expect(events[1]!.before).toEqual({ cases: 0, answers: 0, judgements: {} });
    expect(events[1]!.after).toMatchObject({ cases: 30, format: 'csv' });
  });

  it('refuses to import into a signed-off inspection', async () => {
    await handle.db.updateTable('inspection').set({ status: 'signed-off' }).where('id', '=', inspection.id).execute();
    await expect(importAssessments(handle.db, { inspectionId: inspection.id, text: csv, format: 'csv' }, 'test')).rejects.toMatchObject({ code: 'conflict' });
    await handle.db.updateTable('inspection').set({ status: 'in-progress' }).where('id', '=', inspection.id).execute();
  });
});

describe('the demonstration inspection', () => {
  it('is only created in a database with no inspections', async () => {
    expect(await ensureDemoInspection(handle.db)).toBeUndefined();
  });
});
