// Ratings shown while cases are still being assessed are labelled provisional, with "n of N cases
// complete", on every page, in the API, the report's draft and its PDF; once signed off, not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCaseWork, loadCaseAssessment } from '../../src/db/repositories/index.ts';
import { flattenStandard } from '../../src/domain/assessment/standard-edit.ts';
import { createApp } from '../../src/http/app.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { saveStandard } from '../../src/services/case-assessment.ts';
import { signOff } from '../../src/services/lead-inspector.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { hasPoppler } from '../support/tools.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let id: number;
let lead: TestSession;
let dir: string;
const standard23 = bundledFramework().caseStandards.find((s) => s.id === '2.3')!;
let full: Record<string, string>;

async function save23(values: Record<string, string>, mode: 'draft' | 'complete') {
  const current = (await loadCaseAssessment(handle.db, id, 'DEMO-009'))!;
  const { version } = (await getCaseWork(handle.db, id, 'DEMO-009'))!;
  return saveStandard(handle.db, { inspectionId: id, caseRef: 'DEMO-009', standardId: '2.3', values, base: flattenStandard(standard23, current), version, mode }, 'test');
}

beforeAll(async () => {
  ({ handle, demoId: id } = await openDemoTestDatabase());
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id, as: 'lead-inspector' } });
  dir = mkdtempSync(join(tmpdir(), 'provisional-'));
  // One case of the 40 is still being assessed.
  full = flattenStandard(standard23, (await loadCaseAssessment(handle.db, id, 'DEMO-009'))!);
  const { ['2.3.1']: _left, ...partial } = full;
  await save23(partial, 'draft');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  return handle?.close();
});

const get = (path: string) => app.request(path, { headers: { cookie: lead.cookie } });
const json = async (path: string) => (await get(path)).json() as Promise<Record<string, unknown>>;

describe('while cases are being assessed', () => {
  it('says so in the API: provisional, casesComplete and casesTotal', async () => {
    const list = (await json('/api/inspections')) as { inspections: Record<string, unknown>[] };
    expect(list.inspections.find((i) => i.id === id)).toMatchObject({ provisional: true, casesComplete: 39, casesTotal: 40 });
    expect(await json(`/api/inspections/${id}`)).toMatchObject({ provisional: true, casesComplete: 39, casesTotal: 40 });
    expect(await json(`/api/inspections/${id}/ratings`)).toMatchObject({ provisional: true, casesComplete: 39, casesTotal: 40, cases: 40 });
  });

  it('labels the ratings on the inspections list, the inspection’s ratings page and the report', async () => {
    const list = await (await get('/')).text();
    expect(list).toMatch(/Provisional\s*<\/strong> <span class="govuk-body-s">39 of 40 cases complete<\/span>/);
    const overview = await (await get(`/inspections/${id}`)).text();
    expect(overview).toContain('Provisional ratings: 39 of 40 cases complete. The ratings may change');
    expect(overview).toContain('40 (39 of 40 cases complete)');
    const report = await (await get(`/inspections/${id}/report`)).text();
    expect(report).toContain('PROVISIONAL: 39 of 40 cases complete, not yet signed off');
  });

  it.skipIf(!hasPoppler)('puts PROVISIONAL on the draft PDF’s cover', async () => {
    writeFileSync(join(dir, 'draft.pdf'), new Uint8Array(await (await get(`/inspections/${id}/report?format=pdf`)).arrayBuffer()));
    const firstPage = execFileSync('pdftotext', ['-f', '1', '-l', '1', join(dir, 'draft.pdf'), '-'], { encoding: 'utf8' });
    expect(firstPage).toContain('PROVISIONAL: 39 of 40 cases complete, not yet signed off');
  });

  it('stays provisional when every case is complete but the inspection is not signed off', async () => {
    await save23(full, 'complete');
    expect(await json(`/api/inspections/${id}/ratings`)).toMatchObject({ provisional: true, casesComplete: 40, casesTotal: 40 });
    expect(await (await get(`/inspections/${id}`)).text()).toContain('Provisional ratings: 40 of 40 cases complete');
  });
});

describe('once signed off', () => {
  it('labels nothing provisional', async () => {
    await signOff(handle.db, id, 'test');
    expect(await json(`/api/inspections/${id}/ratings`)).toMatchObject({ provisional: false, casesComplete: 40, casesTotal: 40 });
    for (const path of ['/', `/inspections/${id}`, `/inspections/${id}/report`]) expect(await (await get(path)).text()).not.toMatch(/provisional/i);
  });
});
