// The annual national report against a real database: built from published inspections only,
// recorded with its data cut, regenerated with the same numbers after the live data changes, the
// change found by the check, and published on a date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, saveInspectionAssessment } from '../../src/db/repositories/index.ts';
import type { InspectionAssessment } from '../../src/domain/assessment/types.ts';
import { rateInspection } from '../../src/domain/rating/engine.ts';
import { defaultFramework } from '../../src/reference/frameworks.ts';
import { createDemoNationalYears, publishDemoInspection } from '../../src/services/demo-national.ts';
import { AppError } from '../../src/services/errors.ts';
import { storedFrameworkByKey } from '../../src/services/frameworks.ts';
import { loadAssessment } from '../../src/services/inspections.ts';
import {
  checkAnnualReport,
  createAnnualReport,
  loadAnnualReport,
  loadPublishedAnnualReport,
  publishAnnualReport,
  publishedAnnualReports,
  reportableYears,
} from '../../src/services/national-reports.ts';
import { reportOverview } from '../../src/services/publication.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { loadSurveyResults } from '../../src/services/survey/survey.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { daysAfter } from '../../src/domain/time/clock.ts';
import { pinClock } from '../support/clock.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

let handle: TestDatabase;
let reportId: number;
const today = clock.today();

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  reportId = (await createDemoNationalYears(handle.db, today, 'test')).annualReport!;
}, 120_000);
afterAll(() => handle?.close());

const invalid = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return (e as AppError).message;
};

describe('annual national report', () => {
  it('is built from the published inspections of the year, whose pooled figures match the engine', async () => {
    const { cut, report } = await loadAnnualReport(handle.db, reportId);
    expect(report.scope.inspections).toBe(8);
    expect(report.scope.regions).toHaveLength(4);
    expect(cut.previous.flatMap((p) => p.inspections)).toHaveLength(8);
    const framework = await storedFrameworkByKey(handle.db, defaultFramework());
    const pooled: InspectionAssessment = { frameworkKey: framework.key, cases: [], judgements: {} };
    for (const i of cut.current.inspections) pooled.cases.push(...(await loadAssessment(handle.db, i.id)).assessment.cases);
    expect(report.scope.cases).toBe(pooled.cases.length);
    const engine = new Map(rateInspection(framework, pooled).standards.flatMap((s) => s.keyQuestions).map((k) => [k.id, k]));
    for (const k of report.keyQuestions) expect([k.id, k.national.sufficient, k.national.applicable]).toEqual([k.id, engine.get(k.id)!.sufficient, engine.get(k.id)!.applicable]);
    expect(report.victimWork[0]!.rating).not.toBeNull();
    expect(report.comparison.rows.find((r) => r.id === '2.2.1')!.comparability).toBe('same-framework');
  });

  it('pools the demonstration surveys: the report’s survey figures are the sum of the inspections’ results', async () => {
    const { cut, report } = await loadAnnualReport(handle.db, reportId);
    const results = [];
    for (const i of cut.current.inspections) {
      const { survey, results: r } = await loadSurveyResults(handle.db, i.id);
      if (r) results.push(r);
      // Run to the end: closed, so the numbers are gone.
      if (survey) expect(survey.status).toBe('closed');
    }
    expect(results).toHaveLength(4);
    expect(report.survey).toMatchObject({
      inspections: 4,
      contacted: results.reduce((s, r) => s + r.response.contacted, 0),
      responded: results.reduce((s, r) => s + r.response.responded, 0),
    });
    expect(report.survey!.responded).toBeGreaterThan(0);
    for (const st of report.survey!.statements) {
      const of = results.map((r) => r.statements.find((x) => x.id === st.id)!.agree);
      expect([st.id, st.agree, st.answered]).toEqual([st.id, of.reduce((s, a) => s + a.count, 0), of.reduce((s, a) => s + a.of, 0)]);
    }
    // No demonstration text can ever be sent: every one queued was cancelled with its number.
    const outbox = await handle.db.selectFrom('sms_outbox').select(['status', 'phone']).execute();
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.filter((t) => t.status !== 'cancelled' || t.phone !== null)).toEqual([]);
  });

  it('offers the years with published inspections', async () => {
    const years = await reportableYears(handle.db);
    expect(years.map((y) => y.frameworks[0]!.inspections)).toEqual([8, 8]);
  });

  it('regenerates with the same numbers after the live data changes, and the check names what changed', async () => {
    const before = await loadAnnualReport(handle.db, reportId);
    expect((await checkAnnualReport(handle.db, reportId)).unchanged).toBe(true);

    const changedId = before.cut.current.inspections[0]!.id;
    const { assessment } = await loadAssessment(handle.db, changedId);
    for (const c of assessment.cases) if (c.answers['2.2.1'] === 'yes') c.answers['2.2.1'] = 'no';
    await saveInspectionAssessment(handle.db, changedId, assessment, 'test');

    const after = await loadAnnualReport(handle.db, reportId);
    expect(after.report).toEqual(before.report);
    const check = await checkAnnualReport(handle.db, reportId);
    expect(check).toMatchObject({ unchanged: false, added: [], removed: [], changed: [{ id: changedId }] });
    expect(check.recomputedDigest).toBe(check.storedDigest);

    // A new report takes the new data.
    const fresh = await loadAnnualReport(handle.db, await createAnnualReport(handle.db, { year: before.report.year.label, framework: defaultFramework() }, 'test'));
    const kq = (r: typeof fresh) => r.report.keyQuestions.find((k) => k.id === '2.2.1')!.national.sufficient;
    expect(kq(fresh)).toBeLessThan(kq(before));
  });

  it('leaves out an inspection still under embargo', async () => {
    const { cut } = await loadAnnualReport(handle.db, reportId);
    const year = cut.year;
    // Its publication date is tomorrow: embargoed, not published.
    const tomorrow = daysAfter(clock.today(), 1);
    const id = await publishDemoInspection(handle.db, { pduName: 'Sheffield', fieldworkStart: year.from.replace('-04-01', '-09-07'), seed: 9, cases: 10, publishOn: tomorrow }, 'test');
    expect((await reportOverview(handle.db, id)).report.status).toBe('embargoed');
    const next = await loadAnnualReport(handle.db, await createAnnualReport(handle.db, { year: year.label, framework: defaultFramework() }, 'test'));
    expect(next.cut.current.inspections.map((i) => i.id)).not.toContain(id);
  });

  it('refuses bad requests, naming the field', async () => {
    expect(await invalid(createAnnualReport(handle.db, { year: 'next year', framework: defaultFramework() }, 'test'))).toContain('year: Enter the business year like 2025/26');
    expect(await invalid(createAnnualReport(handle.db, { year: '2030', framework: defaultFramework() }, 'test'))).toContain('no published inspections');
    expect(await invalid(createAnnualReport(handle.db, { year: '2025', framework: 'nonsense' }, 'test'))).toContain('framework: Select a framework version');
    expect(await invalid(publishAnnualReport(handle.db, reportId, '2000-01-01', 'test'))).toContain('today or later');
    expect(await invalid(publishAnnualReport(handle.db, reportId, '2026-02-30', 'test'))).toContain('real date');
  });

  it('stays internal until its publication date, then is public; every step is audited', async () => {
    const tomorrow = daysAfter(clock.today(), 1);
    await publishAnnualReport(handle.db, reportId, tomorrow, 'test');
    expect((await publishedAnnualReports(handle.db)).map((r) => r.id)).not.toContain(reportId);
    await expect(loadPublishedAnnualReport(handle.db, reportId)).rejects.toThrow('no such published report');
    expect((await publishedAnnualReports(handle.db, tomorrow)).map((r) => r.id)).toContain(reportId);
    await publishAnnualReport(handle.db, reportId, today, 'test');
    expect((await loadPublishedAnnualReport(handle.db, reportId)).report.scope.inspections).toBe(8);
    const audit = await listAudit(handle.db, { entity: 'annual-report' });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['annual-report.cut-taken', 'annual-report.publication-set']));
  });
});
