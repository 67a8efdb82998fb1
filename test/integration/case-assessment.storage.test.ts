// Recording a case standard by standard through the web app: drafts, completion, the audit trail,
// and two inspectors saving the same case at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, loadCaseAssessment } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demoId: number;
let isla: TestSession;
let ivo: TestSession;
let analyst: TestSession;
const CASE = 'DEMO-003';
const path = () => `/inspections/${demoId}/cases/${CASE}/standards/2.2`;

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  app = createApp({ db: handle.db });
  isla = await signedIn(handle.db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
  ivo = await signedIn(handle.db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
  analyst = await signedIn(handle.db, 'analyst');
});
afterAll(() => handle?.close());

/** Opens the form as a browser would and returns its hidden fields. */
async function openForm(session: TestSession) {
  const res = await app.request(path(), { headers: { cookie: session.cookie } });
  expect(res.status).toBe(200);
  const html = await res.text();
  const hidden = (name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))![1]!;
  return { html, base: hidden('_base'), version: hidden('_version') };
}
/** What a browser submits for the form as shown: checked radios and the evidence text. */
const shownValues = (html: string): Record<string, string> => ({
  ...Object.fromEntries([...html.matchAll(/name="([\d.]+[a-z]?(?::\w+)?)" type="radio" value="(\w+)" checked/g)].map((m) => [m[1]!, m[2]!])),
  ...Object.fromEntries([...html.matchAll(/name="([\d.]+:evidence)"[^>]*>([^<]*)<\/textarea>/g)].filter((m) => m[2]!.trim()).map((m) => [m[1]!, m[2]!.trim()])),
});
const post = (session: TestSession, form: { base: string; version: string }, fields: Record<string, string>) =>
  app.request(path(), formPost(session, { _base: form.base, _version: form.version, ...fields }));
const stored = async () => (await loadCaseAssessment(handle.db, demoId, CASE))!;

describe('recording a standard', () => {
  it('lists the cases and shows a case as a task list of its standards', async () => {
    const list = await app.request(`/inspections/${demoId}/cases`, { headers: { cookie: isla.cookie } });
    expect(await list.text()).toContain(`/inspections/${demoId}/cases/${CASE}`);
    const page = await (await app.request(`/inspections/${demoId}/cases/${CASE}`, { headers: { cookie: isla.cookie } })).text();
    expect(page).toContain('govuk-task-list');
    expect(page).toContain(`/cases/${CASE}/standards/2.2`);
  });

  it('saves a draft with some answers and audits what changed from what to what', async () => {
    const form = await openForm(isla);
    const before = (await stored()).answers['2.2.1a'];
    const flipped = before === 'yes' ? 'no' : 'yes';
    const res = await post(isla, form, { ...shownValues(form.html), '2.2.1a': flipped, mode: 'draft' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('saved=2.2');
    expect((await stored()).answers['2.2.1a']).toBe(flipped);
    const event = (await listAudit(handle.db, { inspectionId: demoId })).at(-1)!;
    expect(event).toMatchObject({ action: 'case.standard-saved', actor: `user:${isla.userId}`, entityId: `${demoId}/${CASE}` });
    expect(event.before).toMatchObject({ standard: '2.2', '2.2.1a': before });
    expect(event.after).toMatchObject({ standard: '2.2', mode: 'draft', '2.2.1a': flipped });
  });

  it('refuses to mark as complete while an item is unanswered, naming it in the error summary', async () => {
    const form = await openForm(isla);
    const values = shownValues(form.html);
    delete values['2.2.2'];
    const res = await post(isla, form, { ...values, mode: 'complete' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('There is a problem');
    // In words, as the form asks it, linked to the field.
    expect(html).toMatch(/href="#f-2-2-2"[^>]*>Answer &#39;[A-Z][^<]+\?&#39; \(key question 2\.2\.2\)/);
    // Nothing was saved by the refused completion.
    expect((await stored()).answers['2.2.2']).toBeDefined();
  });

  it('refuses answers that an item does not take', async () => {
    const form = await openForm(isla);
    const res = await post(isla, form, { ...shownValues(form.html), '2.2.1a': 'perhaps', mode: 'draft' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Select yes, no or not applicable');
  });
});

describe('two inspectors saving the same case', () => {
  it('combines changes to different items, and says so', async () => {
    const islaForm = await openForm(isla);
    const ivoForm = await openForm(ivo);
    const current = await stored();
    const flip = (v: string | undefined) => (v === 'yes' ? 'no' : 'yes');
    const islaValues = shownValues(islaForm.html);
    expect(Object.keys(islaValues).length).toBeGreaterThan(5);
    // Isla changes 2.2.2a, Ivo (from the same starting point) changes 2.2.3a.
    expect((await post(isla, islaForm, { ...islaValues, '2.2.2a': flip(current.answers['2.2.2a']), mode: 'draft' })).status).toBe(303);
    const res = await post(ivo, ivoForm, { ...islaValues, '2.2.3a': flip(current.answers['2.2.3a']), mode: 'draft' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('merged=1');
    const after = await stored();
    expect([after.answers['2.2.2a'], after.answers['2.2.3a']]).toEqual([flip(current.answers['2.2.2a']), flip(current.answers['2.2.3a'])]);
  });

  it('shows a clash on the same item and lets the second inspector keep theirs or reload', async () => {
    const islaForm = await openForm(isla);
    const ivoForm = await openForm(ivo);
    const shown = shownValues(islaForm.html);
    expect((await post(isla, islaForm, { ...shown, '2.2.1': 'no', '2.2.1:evidence': 'Isla: no analysis of motivation', mode: 'draft' })).status).toBe(303);
    const clash = await post(ivo, ivoForm, { ...shown, '2.2.1': 'yes', '2.2.1:evidence': 'Ivo: sufficient', mode: 'draft' });
    expect(clash.status).toBe(409);
    const html = await clash.text();
    expect(html).toContain('saved this case while you were working on it');
    expect(html).toMatch(/2\.2\.1:evidence[\s\S]*Ivo: sufficient[\s\S]*Isla: no analysis of motivation/);
    expect((await stored()).evidence['2.2.1']).toBe('Isla: no analysis of motivation');
    // Keeping mine overwrites, using the version and base the conflict page handed back.
    const hidden = (name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))![1]!;
    const keep = await post(ivo, { base: hidden('_base'), version: hidden('_version') }, { ...shownValues(html), mode: 'overwrite' });
    expect(keep.status).toBe(303);
    expect((await stored()).evidence['2.2.1']).toBe('Ivo: sufficient');
  });
});

describe('who may record', () => {
  it('lets an analyst read the form but not save it', async () => {
    const form = await openForm(analyst);
    expect(form.html).toContain('You can read this assessment but not change it');
    expect((await post(analyst, form, { '2.2.1': 'no', mode: 'draft' })).status).toBe(403);
  });

  it('locks the assessments once the inspection is signed off', async () => {
    await handle.db.updateTable('inspection').set({ status: 'signed-off' }).where('id', '=', demoId).execute();
    const form = await openForm(isla);
    expect(form.html).not.toContain('Save draft');
    expect((await post(isla, form, { '2.2.1': 'no', mode: 'draft' })).status).toBe(409);
    await handle.db.updateTable('inspection').set({ status: 'in-progress' }).where('id', '=', demoId).execute();
  });
});
