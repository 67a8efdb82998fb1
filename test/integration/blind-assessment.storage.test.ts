// A blind second assessment holds everywhere: the second assessor of a case cannot read its first
// assessment through any page, API route, export or report (nor its quality flags, nor its saved
// changes in the audit trail) until they submit their own; then they can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCase, getCaseWork, loadCaseAssessment } from '../../src/db/repositories/index.ts';
import { flattenStandard } from '../../src/domain/assessment/standard-edit.ts';
import { createApp } from '../../src/http/app.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { saveStandard } from '../../src/services/case-assessment.ts';
import { rateStoredInspection } from '../../src/services/inspections.ts';
import { assignSecondAssessor, drawDipSample, qualityOverview, saveSecondStandard } from '../../src/services/quality.ts';
import { blindRows, type StageContext } from './access/rows-stages.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let ctx: StageContext;
let lead: TestSession;
let isla: TestSession;
let ivo: TestSession;
/** A second case, whose second assessor is the lead inspector (who reads the audit trail). */
let leadCase: string;
const framework = bundledFramework();

beforeAll(async () => {
  const demo = await openDemoTestDatabase();
  handle = demo.handle;
  const demoId = demo.demoId;
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
  isla = await signedIn(handle.db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
  ivo = await signedIn(handle.db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
  // The blind case is one with a quality flag, so the flags are shown to leak or not.
  const flagged = [...new Set((await rateStoredInspection(handle.db, demoId)).ratings.flags.map((f) => f.caseRef))];
  expect(flagged.length).toBeGreaterThan(1);
  ctx = { demoId, blindCase: flagged[0]! };
  leadCase = flagged[1]!;
  // Isla's first inspection: every case of hers goes into the dip sample.
  for (const ref of [ctx.blindCase, leadCase]) await assignCase(handle.db, demoId, ref, isla.userId);
  await drawDipSample(handle.db, demoId, { share: 0, firstInspectionAll: true, minimumPerInspector: 0 }, 1, 'test');
  await assignSecondAssessor(handle.db, { inspectionId: demoId, caseRef: ctx.blindCase, userId: ivo.userId }, 'test');
  await assignSecondAssessor(handle.db, { inspectionId: demoId, caseRef: leadCase, userId: lead.userId }, 'test');
  // Isla changes a judgement of the lead's case: the audit trail records the answers before and after.
  const current = (await loadCaseAssessment(handle.db, demoId, leadCase))!;
  const standard = framework.caseStandards.find((s) => s.id === '2.2')!;
  const base = flattenStandard(standard, current);
  const values = { ...base, '2.2.1': current.answers['2.2.1'] === 'yes' ? 'no' : 'yes' };
  const version = (await getCaseWork(handle.db, demoId, leadCase))!.version;
  expect((await saveStandard(handle.db, { inspectionId: demoId, caseRef: leadCase, standardId: '2.2', values, base, version, mode: 'draft' }, `user:${isla.userId}`)).outcome).toBe('saved');
});
afterAll(() => handle?.close());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });

describe('a blind second assessment', () => {
  it('has a row for every case-level route and export of the access matrix', async () => {
    const caseLevel = app.routes
      .filter((r) => r.path.startsWith('/inspections/:id/cases') || r.path.startsWith('/api/inspections/:id/cases') || /export|\/ratings$/.test(r.path))
      .filter((r) => r.path.startsWith('/inspections/:id') || r.path.startsWith('/api/inspections/:id'))
      .filter((r) => !/\/second(\/|$)/.test(r.path) || r.method === 'GET')
      .map((r) => `${r.method} ${r.path}`);
    const covered = new Set(blindRows.map((r) => `${r.method} ${r.route}`));
    expect([...new Set(caseLevel)].filter((r) => !covered.has(r))).toEqual([]);
  });

  it('shows the second assessor nothing of the first assessment, anywhere', async () => {
    const results: Record<string, { status: number; leak: string | null }> = {};
    const expected: Record<string, { status: number; leak: string | null }> = {};
    for (const row of blindRows) {
      const path = row.path(ctx);
      const res = row.method === 'GET' ? await get(ivo, path) : await app.request(path, formPost(ivo, {}));
      const body = res.headers.get('content-type')?.includes('json') || res.headers.get('content-type')?.includes('html') ? await res.text() : '';
      results[`${row.method} ${path}`] = { status: res.status, leak: res.status === 200 && row.leak ? row.leak(body, ctx) : null };
      expected[`${row.method} ${path}`] = { status: row.expect, leak: null };
    }
    expect(results).toEqual(expected);
  });

  it('refuses the exports with the reason, and says on the case list why the case is missing', async () => {
    const csv = await get(ivo, `/api/inspections/${ctx.demoId}/export?format=csv`);
    expect(csv.status).toBe(403);
    expect(((await csv.json()) as { message: string }).message).toContain(`You are the second assessor of ${ctx.blindCase}`);
    const xlsx = await (await get(ivo, `/inspections/${ctx.demoId}/export.xlsx`)).text();
    expect(xlsx).toContain('until you submit your second assessment');
    const list = await (await get(ivo, `/inspections/${ctx.demoId}/cases`)).text();
    expect(list).toContain(`${ctx.blindCase} is not listed: you are the second assessor`);
    // Others on the inspection are not held up by someone else's blind assessment.
    expect((await get(isla, `/api/inspections/${ctx.demoId}/export?format=csv`)).status).toBe(200);
  });

  it('keeps the case’s saved answers out of the audit trail of a lead inspector who is its second assessor', async () => {
    const saved = (body: string) => body.includes(`${ctx.demoId}/${leadCase}`) && body.includes('case.standard-saved');
    expect(saved(await (await get(lead, `/inspections/${ctx.demoId}/audit`)).text())).toBe(false);
    expect(saved(await (await get(lead, `/inspections/${ctx.demoId}/audit?format=csv`)).text())).toBe(false);
    expect(saved(await (await get(lead, `/api/inspections/${ctx.demoId}/audit`)).text())).toBe(false);
    // An administrator, assessing nothing, reads the whole trail.
    const admin = await signedIn(handle.db, 'administrator');
    expect(saved(await (await get(admin, `/api/inspections/${ctx.demoId}/audit`)).text())).toBe(true);
  });

  it('opens everything once the second assessment is submitted', async () => {
    const first = (await loadCaseAssessment(handle.db, ctx.demoId, ctx.blindCase))!;
    for (const standard of framework.caseStandards) {
      const values = flattenStandard(standard, first);
      if (!Object.keys(values).length) continue;
      const version = (await qualityOverview(handle.db, ctx.demoId)).seconds.find((s) => s.caseRef === ctx.blindCase)!.version;
      const result = await saveSecondStandard(handle.db, { inspectionId: ctx.demoId, caseRef: ctx.blindCase, standardId: standard.id, values, version, mode: 'complete' }, ivo.userId, `user:${ivo.userId}`);
      expect(result).toEqual({ outcome: 'saved' });
    }
    expect((await app.request(`/inspections/${ctx.demoId}/cases/${ctx.blindCase}/second/submit`, formPost(ivo, {}))).status).toBe(303);
    expect((await get(ivo, `/inspections/${ctx.demoId}/cases/${ctx.blindCase}`)).status).toBe(200);
    const csv = await get(ivo, `/api/inspections/${ctx.demoId}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toMatch(new RegExp(`(^|\\n)"?${ctx.blindCase}"?,\\d\\.\\d\\.\\d`));
    const ratings = (await (await get(ivo, `/api/inspections/${ctx.demoId}/ratings`)).json()) as { flags: { caseRef: string }[] };
    expect(ratings.flags.some((f) => f.caseRef === ctx.blindCase)).toBe(true);
    expect((await get(ivo, `/inspections/${ctx.demoId}/export.xlsx`)).status).toBe(200);
  });
});
