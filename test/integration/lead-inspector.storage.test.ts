// The lead inspector's decisions through the web app: domain-one ratings with rationale, case
// assignment, sign-off that locks, reopening with a reason, and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, listCaseWork, listInspectionJudgements } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demoId: number;
let lead: TestSession;
let inspector: TestSession;

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
  inspector = await signedIn(handle.db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
});
afterAll(() => handle?.close());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });

describe('domain-one ratings and the diversity judgement', () => {
  it('records a rating with its rationale, keeping who and the previous rating in the audit trail', async () => {
    const before = (await listInspectionJudgements(handle.db, demoId)).find((j) => j.itemId === '1.3')!;
    const res = await app.request(`/inspections/${demoId}/judgements/1.3`, formPost(lead, { rating: 'Good', rationale: 'Services are well matched to needs.' }));
    expect(res.status).toBe(303);
    const after = (await listInspectionJudgements(handle.db, demoId)).find((j) => j.itemId === '1.3')!;
    expect(after).toMatchObject({ rating: 'Good', rationale: 'Services are well matched to needs.', recordedBy: `user:${lead.userId}` });
    const event = (await listAudit(handle.db, { inspectionId: demoId })).at(-1)!;
    expect(event).toMatchObject({ action: 'judgement.recorded', before: { rating: before.rating }, after: { rating: 'Good' } });
    // The cases were not touched by recording a judgement.
    expect((await listCaseWork(handle.db, demoId)).length).toBe(40);
  });

  it('needs a rating on the scale and a written rationale', async () => {
    const noRationale = await app.request(`/inspections/${demoId}/judgements/diversity`, formPost(lead, { rating: 'Good', rationale: '  ' }));
    expect(noRationale.status).toBe(400);
    expect(await noRationale.text()).toContain('Write the rationale for the rating');
    const badRating = await app.request(`/inspections/${demoId}/judgements/diversity`, formPost(lead, { rating: 'Excellent', rationale: 'x' }));
    expect(await badRating.text()).toContain('Select a rating');
  });

  it('is the lead inspector\'s alone', async () => {
    expect((await app.request(`/inspections/${demoId}/judgements/1.1`, formPost(inspector, { rating: 'Good', rationale: 'x' }))).status).toBe(403);
    expect(await (await get(inspector, `/inspections/${demoId}/judgements`)).text()).not.toContain('Save the rating');
  });
});

describe('the team', () => {
  it('lets a programme manager add an inspector, who then sees the inspection; removing them takes their cases away', async () => {
    const planner = await signedIn(handle.db, 'programme-manager');
    const newcomer = await signedIn(handle.db, 'inspector');
    expect((await get(newcomer, `/inspections/${demoId}`)).status).toBe(404);
    expect((await app.request(`/inspections/${demoId}/team/members`, formPost(planner, { userId: String(newcomer.userId), role: 'inspector' }))).status).toBe(303);
    expect((await get(newcomer, `/inspections/${demoId}`)).status).toBe(200);
    await app.request(`/inspections/${demoId}/team/assignments`, formPost(lead, { 'case:DEMO-010': String(newcomer.userId) }));
    expect((await app.request(`/inspections/${demoId}/team/members/${newcomer.userId}/remove`, formPost(lead, {}))).status).toBe(303);
    expect((await listCaseWork(handle.db, demoId)).find((w) => w.caseRef === 'DEMO-010')!.assignedTo).toBeNull();
    expect((await get(newcomer, `/inspections/${demoId}`)).status).toBe(404);
    const actions = (await listAudit(handle.db, { inspectionId: demoId })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['inspection.member-set', 'inspection.member-removed']));
  });

  it('refuses to put someone who is not an inspector on the team, or to make an inspector lead', async () => {
    const analyst = await signedIn(handle.db, 'analyst');
    const res = await app.request(`/inspections/${demoId}/team/members`, formPost(lead, { userId: String(analyst.userId), role: 'inspector' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('is not an inspector');
    const notLead = await app.request(`/inspections/${demoId}/team/members`, formPost(lead, { userId: String(inspector.userId), role: 'lead-inspector' }));
    expect(await notLead.text()).toContain('is not a lead inspector');
  });
});

describe('assigning cases', () => {
  it('assigns cases to inspectors on the inspection and shows progress by inspector', async () => {
    const res = await app.request(`/inspections/${demoId}/team/assignments`, formPost(lead, { 'case:DEMO-001': String(inspector.userId), 'case:DEMO-002': String(inspector.userId) }));
    expect(res.status).toBe(303);
    const work = await listCaseWork(handle.db, demoId);
    expect(work.filter((w) => w.assignedTo === inspector.userId).map((w) => w.caseRef)).toEqual(['DEMO-001', 'DEMO-002']);
    const html = await (await get(lead, `/inspections/${demoId}/team`)).text();
    expect(html).toContain('Cases by inspector');
    const mine = await (await get(inspector, `/inspections/${demoId}/cases?mine=1`)).text();
    expect(mine).toContain('DEMO-001');
    expect(mine).not.toContain('DEMO-003');
  });

  it('refuses to assign a case to someone not on the inspection', async () => {
    const outsider = await signedIn(handle.db, 'inspector');
    const res = await app.request(`/inspections/${demoId}/team/assignments`, formPost(lead, { 'case:DEMO-003': String(outsider.userId) }));
    expect(res.status).toBe(400);
  });
});

describe('sign-off', () => {
  it('signs off a complete inspection, locks it, and reopens only with a reason', async () => {
    const page = await (await get(lead, `/inspections/${demoId}/sign-off`)).text();
    expect(page).toContain('Sign off the ratings');
    expect((await app.request(`/inspections/${demoId}/sign-off`, formPost(lead, {}))).status).toBe(303);
    const locked = await app.request(`/inspections/${demoId}/judgements/1.1`, formPost(lead, { rating: 'Good', rationale: 'late change' }));
    expect(locked.status).toBe(409);
    const noReason = await app.request(`/inspections/${demoId}/reopen`, formPost(lead, { reason: '' }));
    expect(noReason.status).toBe(400);
    expect((await app.request(`/inspections/${demoId}/reopen`, formPost(lead, { reason: 'Factual accuracy: case DEMO-007 was misread' }))).status).toBe(303);
    const events = (await listAudit(handle.db, { inspectionId: demoId })).map((e) => e.action);
    expect(events.slice(-2)).toEqual(['inspection.signed-off', 'inspection.reopened']);
  });

  it('lists what blocks sign-off', async () => {
    await handle.db.deleteFrom('inspection_judgement').where('inspection_id', '=', demoId).where('item_id', '=', '1.2').execute();
    const html = await (await get(lead, `/inspections/${demoId}/sign-off`)).text();
    expect(html).toContain(`<a class="govuk-link" href="/inspections/${demoId}/domain-one/1.2#rating-section">Rate standard 1.2 Staffing</a>`);
    expect((await app.request(`/inspections/${demoId}/sign-off`, formPost(lead, {}))).status).toBe(400);
  });
});

describe('the audit trail', () => {
  it('shows every change to the lead inspector and exports it as CSV', async () => {
    const html = await (await get(lead, `/inspections/${demoId}/audit`)).text();
    expect(html).toContain('Reopened the inspection');
    const csv = await get(lead, `/inspections/${demoId}/audit?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe('id,at,actor,action,entity,entity_id,inspection_id,before,after,who,what,changes');
    expect(text).toContain('inspection.reopened');
    expect(text).toContain('judgement.recorded');
    expect((await get(inspector, `/inspections/${demoId}/audit`)).status).toBe(403);
  });
});
