// The report's way to publication, and the embargo: the service sees its draft for factual
// accuracy; the public pages, open data and API see nothing until the publication date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInspection, listAudit } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { createInspection } from '../../src/services/inspections.ts';
import { signOff } from '../../src/services/lead-inspector.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { daysAfter } from '../../src/domain/time/clock.ts';
import { pinClock } from '../support/clock.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demoId: number;
let lead: TestSession;
let leeds: TestSession;
let sheffield: TestSession;
const tomorrow = daysAfter(clock.today(), 1);

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
  leeds = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
  sheffield = await signedIn(handle.db, 'service-staff', { service: 'Sheffield' });
});
afterAll(() => handle?.close());

const get = (s: TestSession | undefined, path: string) => app.request(path, { headers: s ? { cookie: s.cookie } : {} });
const post = (s: TestSession, path: string, fields: Record<string, string>) => app.request(`/inspections/${demoId}/publication${path}`, formPost(s, fields));
/** The draft report: the inspected service reads it from the factual accuracy check on (never the inspectorate's workings: service-embargo.storage.test.ts). */
const draftReportVisibleTo = async (s: TestSession) => (await get(s, `/inspections/${demoId}/report`)).status === 200;

describe('publishing a report', () => {
  it('keeps a draft to the inspectorate, and will not send it on before sign-off, findings and recommendations', async () => {
    expect(await draftReportVisibleTo(leeds)).toBe(false);
    const refused = await post(lead, '/status', { to: 'factual-accuracy' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Sign the inspection’s ratings off first');
    expect(html).toContain('Write the overall findings');
  });

  it('sends the draft to the service for factual accuracy, which then reads the draft report and comments', async () => {
    expect((await post(lead, '/text', { foreword: 'A foreword.', overallFindings: 'Work to keep people safe was not good enough.' })).status).toBe(303);
    expect((await post(lead, '/recommendations', { addressedTo: 'pdu', recommendation: 'Improve risk of harm assessment.' })).status).toBe(303);
    await signOff(handle.db, demoId, 'test');
    expect((await post(lead, '/status', { to: 'factual-accuracy' })).status).toBe(303);
    expect(await draftReportVisibleTo(leeds)).toBe(true);
    expect(await draftReportVisibleTo(sheffield)).toBe(false);
    expect((await post(leeds, '/comments', { section: 'Standard 2.2', comment: 'Case DEMO-004 had a risk assessment on file.' })).status).toBe(303);
    expect((await post(sheffield, '/comments', { section: 'x', comment: 'y' })).status).toBe(404);
  });

  it('gives each field its own id, so that its label and the error summary reach it (not a heading of the same id)', async () => {
    const duplicateIds = (html: string) => {
      const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    };
    const leadPage = await (await get(lead, `/inspections/${demoId}/publication`)).text();
    expect(leadPage).toMatch(/<textarea [^>]*id="recommendation"/);
    expect(duplicateIds(leadPage)).toEqual([]);
    const servicePage = await (await get(leeds, `/inspections/${demoId}/publication`)).text();
    expect(servicePage).toMatch(/<textarea [^>]*id="comment"/);
    expect(duplicateIds(servicePage)).toEqual([]);
    const refused = await (await post(leeds, '/comments', { section: '', comment: 'x' })).text();
    expect(refused).toContain('href="#comment"');
  });

  it('embargoes only once each comment is decided with a reason, recipients named and a date set', async () => {
    const blocked = await post(lead, '/status', { to: 'embargoed', publishOn: tomorrow });
    expect(await blocked.text()).toContain('Accept or reject every factual accuracy comment (1 undecided)');
    const page = await (await get(lead, `/inspections/${demoId}/publication`)).text();
    const commentId = page.match(/publication\/comments\/(\d+)\/decision/)![1]!;
    const noReason = await post(lead, `/comments/${commentId}/decision`, { decision: 'rejected', reason: '' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain(`href="#decision-${commentId}"`);
    expect((await post(lead, `/comments/${commentId}/decision`, { decision: 'accepted', reason: 'The assessment was on file; text corrected.' })).status).toBe(303);
    expect((await post(lead, '/recipients', { name: 'Regional Probation Director', email: 'rpd@justice.example', organisation: 'Yorkshire and the Humber' })).status).toBe(303);
    expect((await post(lead, '/status', { to: 'embargoed', publishOn: tomorrow })).status).toBe(303);
    // The embargoed copy has gone out: its ratings cannot be reopened without withdrawing the embargo.
    const reopening = await app.request(`/inspections/${demoId}/reopen`, formPost(lead, { reason: 'A case was misread' }));
    expect(reopening.status).toBe(409);
    expect(await reopening.text()).toContain('withdraw the embargo before reopening the inspection');
    // The sign-off page says so instead of offering the form.
    const signOffPage = await (await app.request(`/inspections/${demoId}/sign-off`, { headers: { cookie: lead.cookie } })).text();
    expect(signOffPage).toContain('The report is embargoed: withdraw the embargo before reopening the inspection.');
    expect(signOffPage).not.toContain('Why does it need reopening?');
    // Embargoed: nothing public yet.
    expect((await get(undefined, `/public/inspections/${demoId}`)).status).toBe(404);
    expect(((await (await get(undefined, '/public/data/ratings.json')).json()) as { ratings: unknown[] }).ratings).toEqual([]);
    expect(await (await get(undefined, '/public')).text()).toContain('No reports are published yet');
  });

  it('publishes on the date set: the public pages and open data show the ratings, small numbers suppressed', async () => {
    // The publication date arrives.
    await handle.db.updateTable('report').set({ publish_on: '2026-01-01' }).where('inspection_id', '=', demoId).execute();
    const pageHtml = await (await get(undefined, `/public/inspections/${demoId}`)).text();
    expect(pageHtml).toContain('Work to keep people safe was not good enough.');
    const ratings = ((await (await get(undefined, '/public/data/ratings.json')).json()) as { ratings: { standard: string; rating: string }[]; licence: string });
    expect(ratings.licence).toContain('Open Government Licence');
    expect(ratings.ratings.map((r) => r.standard)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5', 'overall']);
    const csv = await (await get(undefined, '/public/data/key-questions.csv')).text();
    expect(csv.split('\n')[0]).toBe('inspection_id,pdu,key_question,applicable_cases,sufficient_cases,percentage,suppressed');
    const kqs = ((await (await get(undefined, '/public/data/key-questions.json')).json()) as { keyQuestions: { applicable_cases: number | ''; suppressed: boolean }[] }).keyQuestions;
    expect(kqs.length).toBeGreaterThan(10);
    for (const k of kqs) if (!k.suppressed) expect(k.applicable_cases).toBeGreaterThanOrEqual(5);
    expect(kqs.some((k) => k.suppressed)).toBe(kqs.some((k) => k.applicable_cases === ''));
    // Published: the report can no longer change, nor the ratings the public pages show.
    expect((await post(lead, '/text', { foreword: 'late', overallFindings: 'late' })).status).toBe(409);
    const reopening = await app.request(`/inspections/${demoId}/reopen`, formPost(lead, { reason: 'A case was misread' }));
    expect(reopening.status).toBe(409);
    expect(await reopening.text()).toContain('The report is published, so the inspection cannot be reopened');
    expect((await getInspection(handle.db, demoId))!.status).toBe('signed-off');
  });

  it('counts the PDUs that improved between inspections, from the published history', async () => {
    const html = await (await get(undefined, '/public')).text();
    // Published PDU inspections only: the column is named as the adult framework names them, as before.
    expect(html).toContain('<th scope="col" class="govuk-table__header">Probation Delivery Unit</th>');
    const counts = html.match(/Of (\d+) PDUs inspected at least twice, (\d+) improved .*?, (\d+) kept it and (\d+) declined/)!;
    const [services, improved, kept, declined] = counts.slice(1).map(Number) as [number, number, number, number];
    expect(services).toBeGreaterThan(0);
    expect(improved + kept + declined).toBe(services);
  });

  it('records every step in the audit trail', async () => {
    const actions = (await listAudit(handle.db, { inspectionId: demoId })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['report.text-saved', 'report.recommendation-added', 'report.status-changed', 'report.comment-added', 'report.comment-decided', 'report.embargo-recipient-added']));
  });
});

describe('the action plan', () => {
  it('lets the service answer each recommendation with actions, an owner and a date, then report progress', async () => {
    const page = await (await get(leeds, `/inspections/${demoId}/action-plan`)).text();
    const id = page.match(/action-plan\/(\d+)\/response/)![1]!;
    const respond = (fields: Record<string, string>) => app.request(`/inspections/${demoId}/action-plan/${id}/response`, formPost(leeds, fields));
    const missingOwner = await respond({ response: 'agreed', actions: 'Retrain staff', owner: '', dueOn: '' });
    expect(missingOwner.status).toBe(400);
    expect(await missingOwner.text()).toContain('Name the owner of the actions');
    // The due date is a GOV.UK date input, its problems in GOV.UK's words and linked to the part to correct.
    const noMonth = await respond({ response: 'agreed', actions: 'Retrain staff', owner: 'Head of PDU', 'dueOn-day': '31', 'dueOn-month': '', 'dueOn-year': '2027' });
    expect(noMonth.status).toBe(400);
    expect(await noMonth.text()).toMatch(new RegExp(`href="#due-${id}-month"[^>]*>The date the actions are due must include a month`));
    expect((await respond({ response: 'agreed', actions: 'Risk of harm training for every practitioner', owner: 'Head of PDU', 'dueOn-day': '31', 'dueOn-month': '3', 'dueOn-year': '2027' })).status).toBe(303);
    expect((await app.request(`/inspections/${demoId}/action-plan/${id}/progress`, formPost(leeds, { note: 'Half the practitioners trained' }))).status).toBe(303);
    const after = await (await get(lead, `/inspections/${demoId}/action-plan`)).text();
    expect(after).toContain('Risk of harm training for every practitioner');
    expect(after).toContain('Half the practitioners trained');
    expect((await app.request(`/inspections/${demoId}/action-plan/${id}/response`, formPost(sheffield, { response: 'agreed', actions: 'x', owner: 'y' }))).status).toBe(404);
  });

  it('shows the next inspection\'s lead the previous recommendations, to record whether each was met', async () => {
    const next = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2029-10-01' }, 'test');
    const nextLead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: next.id, as: 'lead-inspector' } });
    const page = await (await get(nextLead, `/inspections/${next.id}/action-plan`)).text();
    expect(page).toContain('Recommendations of the previous inspection');
    expect(page).toContain('Improve risk of harm assessment.');
    const id = page.match(/action-plan\/(\d+)\/review/)![1]!;
    expect((await app.request(`/inspections/${next.id}/action-plan/${id}/review`, formPost(nextLead, { outcome: 'partly-met', note: 'Training done; assessments still weak' }))).status).toBe(303);
    expect(await (await get(nextLead, `/inspections/${next.id}/action-plan`)).text()).toContain('Partly met: Training done; assessments still weak');
  });
});
