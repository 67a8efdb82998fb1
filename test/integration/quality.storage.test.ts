// Quality assurance end to end: the dip sample, an independent second assessor working blind,
// disagreements key question by key question, agreement figures and the lead inspector's settlement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCase, listAudit, loadCaseAssessment } from '../../src/db/repositories/index.ts';
import { flattenStandard } from '../../src/domain/assessment/standard-edit.ts';
import { createApp } from '../../src/http/app.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { qualityOverview, saveSecondStandard } from '../../src/services/quality.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demoId: number;
let lead: TestSession;
let isla: TestSession;
let ivo: TestSession;
const framework = bundledFramework();

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
  isla = await signedIn(handle.db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
  ivo = await signedIn(handle.db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
  for (const ref of ['DEMO-001', 'DEMO-002', 'DEMO-003']) await assignCase(handle.db, demoId, ref, isla.userId);
});
afterAll(() => handle?.close());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });

describe('quality assurance', () => {
  it('chooses every case of an inspector on their first inspection, reproducibly from the seed', async () => {
    const res = await app.request(`/inspections/${demoId}/quality/draw`, formPost(lead, { share: '10', firstInspectionAll: 'yes', seed: '77' }));
    expect(res.status).toBe(303);
    const { seconds, plan } = await qualityOverview(handle.db, demoId);
    expect(plan).toMatchObject({ share: 0.1, seed: 77, firstInspectionAll: true });
    // Isla's three cases (her first inspection) plus 10% of the 37 unassigned ones (4).
    expect(seconds.filter((s) => s.reason.includes('first inspection')).map((s) => s.caseRef)).toEqual(['DEMO-001', 'DEMO-002', 'DEMO-003']);
    expect(seconds).toHaveLength(7);
  });

  it('never lets the first assessor assess the same case a second time', async () => {
    const res = await app.request(`/inspections/${demoId}/quality/assignments`, formPost(lead, { 'second:DEMO-001': String(isla.userId) }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('someone other than its first assessor');
    expect((await app.request(`/inspections/${demoId}/quality/assignments`, formPost(lead, { 'second:DEMO-001': String(ivo.userId) }))).status).toBe(303);
  });

  it('keeps the first assessment hidden from the second assessor until they submit', async () => {
    expect((await get(ivo, `/inspections/${demoId}/cases/DEMO-001`)).status).toBe(403);
    expect((await get(ivo, `/inspections/${demoId}/cases/DEMO-001/standards/2.2`)).status).toBe(403);
    expect((await get(ivo, `/api/inspections/${demoId}/cases/DEMO-001`)).status).toBe(403);
    const list = (await (await get(ivo, `/api/inspections/${demoId}/cases`)).json()) as { cases: { caseRef: string }[]; withheld: string[] };
    expect(list.withheld).toEqual(['DEMO-001']);
    expect(list.cases.map((c) => c.caseRef)).not.toContain('DEMO-001');
    const second = await (await get(ivo, `/inspections/${demoId}/cases/DEMO-001/second/standards/2.2`)).text();
    expect(second).not.toMatch(/type="radio" value="\w+" checked/); // a blank form, not the first answers
    expect((await get(isla, `/inspections/${demoId}/cases/DEMO-001/second`)).status).toBe(403);
  });

  it('records the second assessment, submits it and shows each disagreement', async () => {
    const first = (await loadCaseAssessment(handle.db, demoId, 'DEMO-001'))!;
    // The second assessor agrees everywhere except the judgement on 2.2.1.
    for (const standard of framework.caseStandards) {
      const values = flattenStandard(standard, first);
      if (!Object.keys(values).length) continue;
      if (standard.id === '2.2') values['2.2.1'] = first.answers['2.2.1'] === 'yes' ? 'no' : 'yes';
      const version = (await qualityOverview(handle.db, demoId)).seconds.find((s) => s.caseRef === 'DEMO-001')!.version;
      expect(await saveSecondStandard(handle.db, { inspectionId: demoId, caseRef: 'DEMO-001', standardId: standard.id, values, version, mode: 'complete' }, ivo.userId, `user:${ivo.userId}`)).toEqual({ outcome: 'saved' });
    }
    expect((await app.request(`/inspections/${demoId}/cases/DEMO-001/second/submit`, formPost(ivo, {}))).status).toBe(303);
    expect((await get(ivo, `/inspections/${demoId}/cases/DEMO-001`)).status).toBe(200);
    const { open, agreement } = await qualityOverview(handle.db, demoId);
    expect(open).toEqual([{ caseRef: 'DEMO-001', item: '2.2.1', first: first.answers['2.2.1'], second: first.answers['2.2.1'] === 'yes' ? 'no' : 'yes' }]);
    expect(agreement.overall.pairs).toBeGreaterThan(10);
    expect(agreement.overall.agreed).toBe(agreement.overall.pairs - 1);
    expect(agreement.byKeyQuestion.find((f) => f.key === '2.2.1')).toMatchObject({ pairs: 1, agreed: 0, percentage: 0 });
    const page = await (await get(lead, `/inspections/${demoId}/quality`)).text();
    expect(page).toContain('Case DEMO-001, 2.2.1');
    expect(page).toContain("Cohen's kappa");
  });

  it('settles a disagreement with a reason, changing the official assessment and keeping the record', async () => {
    const before = (await loadCaseAssessment(handle.db, demoId, 'DEMO-001'))!.answers['2.2.1'];
    const noReason = await app.request(`/inspections/${demoId}/quality/settle`, formPost(lead, { caseRef: 'DEMO-001', item: '2.2.1', choice: 'second', reason: '' }));
    expect(noReason.status).toBe(400);
    const res = await app.request(`/inspections/${demoId}/quality/settle`, formPost(lead, { caseRef: 'DEMO-001', item: '2.2.1', choice: 'second', reason: 'Assessment did not analyse motivation' }));
    expect(res.status).toBe(303);
    const after = (await loadCaseAssessment(handle.db, demoId, 'DEMO-001'))!.answers['2.2.1'];
    expect(after).not.toBe(before);
    const { open, settled, agreement } = await qualityOverview(handle.db, demoId);
    expect(open).toEqual([]);
    expect(settled[0]).toMatchObject({ itemId: '2.2.1', firstValue: before, settledValue: after, reason: 'Assessment did not analyse motivation' });
    // Agreement stays a measure of the independent judgements.
    expect(agreement.byKeyQuestion.find((f) => f.key === '2.2.1')).toMatchObject({ agreed: 0 });
    expect((await listAudit(handle.db, { inspectionId: demoId })).at(-1)).toMatchObject({ action: 'qa.disagreement-settled', before: { '2.2.1': before }, after: { '2.2.1': after } });
  });
});
