// The audit trail as a record: people by name, actions in words, changes as "field: before →
// after"; filtered by person, kind, dates and case and paginated, through a GET form; the CSV and
// the API keep the raw values; the programme, national and administration pages; and a lead who is
// a case's second assessor sees nothing of its first assessment, on the page, in the CSV or in totals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAudit } from '../../src/db/repositories/audit-query.ts';
import { assignCase, getCaseWork, loadCaseAssessment, recordAudit, type Db } from '../../src/db/repositories/index.ts';
import { flattenStandard } from '../../src/domain/assessment/standard-edit.ts';
import { createApp } from '../../src/http/app.ts';
import { saveStandard } from '../../src/services/case-assessment.ts';
import { ensureDemoInspection } from '../../src/services/demo.ts';
import { frameworkOf, rateStoredInspection, requireInspection } from '../../src/services/inspections.ts';
import { recordJudgement } from '../../src/services/lead-inspector.ts';
import { assignSecondAssessor, drawDipSample } from '../../src/services/quality.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let db: Db;
let app: ReturnType<typeof createApp>;
let demoId: number;
let lead: TestSession;
let isla: TestSession;
let admin: TestSession;
let planner: TestSession;
let analyst: TestSession;
/** The case whose second assessor is the lead: its first assessment is hidden from them. */
let blindCase: string;

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
const text = async (s: TestSession, path: string) => {
  const res = await get(s, path);
  return { status: res.status, body: await res.text() };
};
const leadName = () => `Test lead-inspector`;

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  db = handle.db;
  await loadReferenceData(db, 'test');
  demoId = (await ensureDemoInspection(db))!;
  app = createApp({ db });
  lead = await signedIn(db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
  isla = await signedIn(db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
  admin = await signedIn(db, 'administrator');
  planner = await signedIn(db, 'programme-manager');
  analyst = await signedIn(db, 'analyst');
  await recordJudgement(db, { inspectionId: demoId, itemId: '1.1', rating: 'Good', rationale: 'Leaders set a clear direction.' }, `user:${lead.userId}`);
  await recordJudgement(db, { inspectionId: demoId, itemId: '1.1', rating: 'Outstanding', rationale: 'Leaders set a clear direction.' }, `user:${lead.userId}`);
  // A blind second assessment: Isla's case, in the dip sample, with the lead as its second assessor,
  // and Isla saving a change to it (an event carrying its first assessment).
  const flagged = [...new Set((await rateStoredInspection(db, demoId)).ratings.flags.map((f) => f.caseRef))];
  blindCase = flagged[0]!;
  await assignCase(db, demoId, blindCase, isla.userId);
  await drawDipSample(db, demoId, { share: 0, firstInspectionAll: true, minimumPerInspector: 0 }, 1, 'test');
  await assignSecondAssessor(db, { inspectionId: demoId, caseRef: blindCase, userId: lead.userId }, 'test');
  const framework = await frameworkOf(db, await requireInspection(db, demoId));
  const standard = framework.caseStandards.find((s) => s.id === '2.2')!;
  const current = (await loadCaseAssessment(db, demoId, blindCase))!;
  const base = flattenStandard(standard, current);
  const values = { ...base, '2.2.1': current.answers['2.2.1'] === 'yes' ? 'no' : 'yes' };
  const version = (await getCaseWork(db, demoId, blindCase))!.version;
  expect((await saveStandard(db, { inspectionId: demoId, caseRef: blindCase, standardId: '2.2', values, base, version, mode: 'draft' }, `user:${isla.userId}`)).outcome).toBe('saved');
  // Events outside inspections: the programme's and national reporting's, from the command line.
  await recordAudit(db, { actor: 'cli:root', action: 'programme-year.created', entity: 'programme-year', entityId: 41, after: { label: '2027/28', startsOn: '2027-04-01' } });
  await recordAudit(db, { actor: 'cli:root', action: 'annual-report.publication-set', entity: 'annual-report', entityId: 42, before: { status: 'draft', publishOn: null }, after: { status: 'published', publishOn: '2027-06-30' } });
});
afterAll(() => handle?.close());

describe('the audit repository', () => {
  const INSPECTION = 990_001;
  beforeAll(async () => {
    // 120 events a minute apart from 1 March 2026 09:00 UTC, three people taking turns, every third on case C-1.
    for (let i = 0; i < 120; i++)
      await recordAudit(db, {
        actor: ['user:1', 'cli:root', 'system:demo'][i % 3]!,
        action: i % 3 === 0 ? 'case.standard-saved' : 'judgement.recorded',
        entity: i % 3 === 0 ? 'case' : 'judgement',
        entityId: i % 3 === 0 ? `${INSPECTION}/C-${(i % 2) + 1}` : `${INSPECTION}/1.1`,
        inspectionId: INSPECTION,
        after: { n: i },
        at: new Date(Date.UTC(2026, 2, 1, 9, i)),
      });
  });
  const scope = { inspectionId: INSPECTION };

  it('pages newest first with the total', async () => {
    const first = await queryAudit(db, { scope, limit: 50 });
    const third = await queryAudit(db, { scope, limit: 50, offset: 100 });
    expect(first.total).toBe(120);
    expect(first.events).toHaveLength(50);
    expect(first.events[0]!.after).toEqual({ n: 119 });
    expect(third.events.map((e) => (e.after as { n: number }).n)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
  });

  it('filters by person, actions, time and record, and leaves out hidden records whatever the filters', async () => {
    expect((await queryAudit(db, { scope, actor: 'cli:root' })).total).toBe(40);
    expect((await queryAudit(db, { scope, actions: ['case.standard-saved'] })).total).toBe(40);
    expect((await queryAudit(db, { scope, actions: [] })).total).toBe(0);
    // 10:00 to 10:10 UTC: minutes 60 to 69.
    const hour = await queryAudit(db, { scope, from: new Date(Date.UTC(2026, 2, 1, 10, 0)), to: new Date(Date.UTC(2026, 2, 1, 10, 10)) });
    expect(hour.events.map((e) => (e.after as { n: number }).n).sort((a, b) => a - b)).toEqual([60, 61, 62, 63, 64, 65, 66, 67, 68, 69]);
    expect((await queryAudit(db, { scope, record: { entity: 'case', entityId: `${INSPECTION}/C-1` } })).total).toBe(20);
    const hidden = { entity: 'case', entityIds: [`${INSPECTION}/C-1`] };
    expect((await queryAudit(db, { scope, hidden })).total).toBe(100);
    expect((await queryAudit(db, { scope, hidden, record: { entity: 'case', entityId: `${INSPECTION}/C-1` } })).total).toBe(0);
  });
});

describe("an inspection's audit page", () => {
  const page = (query = '') => `/inspections/${demoId}/audit${query}`;

  it('reads as a record: names, sentences, changes as "field: before → after", no raw codes', async () => {
    const { status, body } = await text(lead, page());
    expect(status).toBe(200);
    expect(body).toContain(leadName());
    expect(body).toContain('Rated 1.1 Leadership Outstanding');
    expect(body).toContain('Rating: Good → Outstanding');
    // The filter's options carry the raw actor as their value; nothing shown does.
    const shown = body.replace(/value="[^"]*"/g, '');
    expect(shown).not.toContain('judgement.recorded');
    expect(shown).not.toContain(`user:${lead.userId}`);
    expect(body).toContain('System (demonstration data)');
  });

  it('filters by person and kind through a GET form, saying how many match', async () => {
    const { body } = await text(lead, page(`?person=${encodeURIComponent(`user:${lead.userId}`)}&kind=judgements`));
    expect(body).toContain('<form method="get"');
    expect(body).toMatch(/2 events match these filters/);
    expect(body).toContain('Clear the filters');
    // The adult inspection's framework names the judgements kind as before.
    expect(body).toMatch(/<option value="judgements" selected>Domain one and diversity ratings<\/option>/);
    const none = await text(lead, page('?from-day=1&from-month=1&from-year=2001&to-day=31&to-month=12&to-year=2001'));
    expect(none.body).toContain('No events match these filters');
  });

  it('refuses a date that is not a date, by name, and a range that ends before it starts', async () => {
    const bad = await text(lead, page('?from-day=31&from-month=2&from-year=2026'));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('The date to show events from must be a real date');
    const backwards = await text(lead, page('?from-day=2&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026'));
    expect(backwards.body).toContain('must be the same as or after the date to show events from');
  });

  it('pages 50 events at a time with MoJ pagination that keeps the filters', async () => {
    for (let i = 0; i < 60; i++) await recordAudit(db, { actor: `user:${lead.userId}`, action: 'case.assigned', entity: 'case', entityId: `${demoId}/DEMO-0${10 + (i % 20)}`, inspectionId: demoId, after: { userId: isla.userId } });
    const all = await queryAudit(db, { scope: { inspectionId: demoId }, actions: ['case.assigned', 'case.standard-saved', 'assessments.generated', 'assessments.imported', 'assessments.saved'] });
    expect(all.total).toBeGreaterThan(50);
    const first = await text(admin, page('?kind=cases'));
    const second = await text(admin, page('?kind=cases&page=2'));
    expect(first.body).toContain('moj-pagination');
    expect(first.body).toContain('kind=cases&amp;page=2');
    expect(second.body).toContain('Showing 51 to');
    const beyond = await text(admin, page('?page=999'));
    expect(beyond.status).toBe(200);
    expect(beyond.body).toContain('aria-current="page"');
  });

  it('downloads the CSV with the raw values (actor ids, action codes, JSON) beside the words, filtered alike', async () => {
    const res = await get(lead, page(`?kind=judgements&person=${encodeURIComponent(`user:${lead.userId}`)}&format=csv`));
    expect(res.headers.get('content-type')).toContain('text/csv');
    const csv = await res.text();
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe('id,at,actor,action,entity,entity_id,inspection_id,before,after,who,what,changes');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(csv).toContain(`user:${lead.userId},judgement.recorded,judgement,${demoId}/1.1,${demoId}`);
    expect(csv).toContain('"{""rating"":""Good"",""rationale"":""Leaders set a clear direction.""}"');
    expect(csv).toContain('Rated 1.1 Leadership Outstanding');
  });

  it('gives the API the raw values, filtered and paged', async () => {
    const res = await get(lead, `/api/inspections/${demoId}/audit?kind=judgements&person=${encodeURIComponent(`user:${lead.userId}`)}`);
    const json = (await res.json()) as { events: { actor: string; action: string; before: unknown }[]; total: number };
    expect(json.total).toBe(2);
    expect(json.events.map((e) => e.action)).toEqual(['judgement.recorded', 'judgement.recorded']);
    expect(json.events[1]!.actor).toBe(`user:${lead.userId}`);
    expect(json.events[0]!.before).toEqual({ rating: 'Good', rationale: 'Leaders set a clear direction.' });
    const paged = (await (await get(admin, `/api/inspections/${demoId}/audit?page=2`)).json()) as { events: unknown[]; page: number; perPage: number };
    expect(paged.page).toBe(2);
    expect(paged.events.length).toBeLessThanOrEqual(50);
    expect((await get(admin, `/api/inspections/${demoId}/audit?from-day=40&from-month=1&from-year=2026`)).status).toBe(400);
  });

  it('keeps a case the lead assesses blind out of their page, CSV, case filter and totals; an administrator sees it', async () => {
    const saved = `Saved case ${blindCase}, standard 2.2`;
    const leadPage = await text(lead, page());
    expect(leadPage.body).not.toContain(saved);
    expect(leadPage.body).not.toContain(`<option value="${blindCase}"`);
    expect((await text(lead, page(`?case=${blindCase}`))).body).toContain('No events match these filters');
    expect(await (await get(lead, page('?format=csv'))).text()).not.toContain(`${demoId}/${blindCase}`);
    const adminPage = await text(admin, page(`?case=${blindCase}`));
    expect(adminPage.body).toContain(saved);
    const count = (body: string) => Number(/(\d+) events?\./.exec(body)?.[1]);
    const hidden = (await queryAudit(db, { scope: { inspectionId: demoId }, record: { entity: 'case', entityId: `${demoId}/${blindCase}` } })).total;
    expect(hidden).toBeGreaterThan(0);
    expect(count(leadPage.body)).toBe(count((await text(admin, page())).body) - hidden);
  });
});

describe('the audit pages outside inspections', () => {
  it("the programme's: programme events in words, for programme managers", async () => {
    const { status, body } = await text(planner, '/programme/audit');
    expect(status).toBe(200);
    expect(body).toContain('Command line (root)');
    expect(body).toContain('Created the programme year 2027/28');
    expect(body).not.toContain('Published the report');
    expect(body).not.toContain('Created the account of');
    const csv = await (await get(planner, '/programme/audit?format=csv')).text();
    expect(csv).toContain('cli:root,programme-year.created,programme-year,41,');
  });

  it("national reporting's: annual reports in words, for analysts", async () => {
    const { status, body } = await text(analyst, '/national/audit');
    expect(status).toBe(200);
    expect(body).toContain('Set the annual report to be published on 30 June 2027');
    expect(body).toContain('Publication date: none → 30 June 2027');
    expect(body).not.toContain('Created the programme year');
  });

  it("administration's: everything tied to no inspection, for administrators, filtered by kind", async () => {
    const { body } = await text(admin, '/admin/audit?kind=accounts');
    expect(body).toContain('Created the account of Test lead-inspector');
    expect(body).not.toContain('Created the programme year');
    expect(body).not.toContain('Rated 1.1');
    const all = await text(admin, '/admin/audit');
    expect(all.body).toContain('Created the programme year 2027/28');
    expect(all.body).not.toContain('Rated 1.1');
  });
});
