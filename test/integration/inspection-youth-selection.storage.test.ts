// Creating a youth inspection from the programme's yearly youth selection, through the pages: the
// service chosen in the selection, the current youth framework, the fieldwork dates entered; the
// selection recorded on the inspection (its timeline says so) and audited; a service becomes one
// inspection of a selection only; someone who may not create inspections is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInspection, listAudit, type Db } from '../../src/db/repositories/index.ts';
import { insertProgrammeYear } from '../../src/db/repositories/programme-year-repository.ts';
import { getInspectionYouthSelection } from '../../src/db/repositories/timeline-repository.ts';
import { createApp } from '../../src/http/app.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { makeYouthSelection } from '../../src/services/programme/youth.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let db: Db;
let app: ReturnType<typeof createApp>;
let planner: TestSession;
let lead: TestSession;
let inspector: TestSession;
let selectionId: number;
let service: string;
let reasons: string;

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
const post = (s: TestSession, path: string, fields: Record<string, string>) => app.request(path, formPost(s, fields));
const fields = (svc: string, day = '1', month = '3', year = '2027') => ({
  youthSelection: String(selectionId),
  service: svc,
  'selectionFieldworkStart-day': day,
  'selectionFieldworkStart-month': month,
  'selectionFieldworkStart-year': year,
});
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await loadReferenceData(db, 'test');
  app = createApp({ db });
  planner = await signedIn(db, 'programme-manager');
  lead = await signedIn(db, 'lead-inspector');
  inspector = await signedIn(db, 'inspector');
  const made = await makeYouthSelection(db, { title: 'Youth 2027', asOf: '2027-04-01', targeted: '3', random: '2', seed: '42' }, 'test');
  selectionId = made.id;
  const first = made.result.selected[0]!;
  service = first.service;
  reasons = first.reasons.map((r) => r.text).join('; ');
});
afterAll(() => handle?.close());

describe('creating a youth inspection from the youth selection', () => {
  it('offers the selection’s services on /inspections/new, and links each from the selection’s page', async () => {
    const page = await (await get(planner, '/inspections/new')).text();
    expect(page).toContain('id="youth-selection"');
    expect(page).toContain('Youth 2027 (2027 to 2028)');
    expect(page).toContain(`value="${escaped(service)}"`);
    expect(page).toContain('action="/inspections/new/youth-selection"');
    const selection = await (await get(planner, `/programme/youth/selections/${selectionId}`)).text();
    expect(selection).toContain(`/inspections/new?youthSelection=${selectionId}&amp;service=${encodeURIComponent(service)}#youth-selection`);
    expect(selection).toContain('Create an inspection<span class="govuk-visually-hidden">');
    // Someone who may see the programme but not create inspections gets no link.
    const seen = await get(inspector, `/programme/youth/selections/${selectionId}`);
    if (seen.status === 200) expect(await seen.text()).not.toContain('Create an inspection<span');
  });

  it('creates it by the current youth framework with the dates entered, records the selection and audits it; the timeline says so', async () => {
    const res = await post(lead, '/inspections/new/youth-selection', fields(service));
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/inspections\/\d+\?created=youth-selection$/);
    const id = Number(location.split('/')[2]!.split('?')[0]);
    expect(await getInspection(db, id)).toMatchObject({ frameworkId: 'hmip-youth', frameworkVersion: '2021', fieldworkStart: '2027-03-01', fieldworkEnd: '2027-03-05' });
    expect(await getInspectionYouthSelection(db, id)).toMatchObject({ selectionId, service, asOf: '2027-04-01', reasons });
    const audit = (await listAudit(db, { inspectionId: id })).map((e) => e.action);
    expect(audit).toEqual(['inspection.created', 'inspection.created-from-youth-selection', 'inspection.member-set']);
    const overview = await (await get(lead, location)).text();
    expect(overview).toContain('Inspection created from the youth selection, with its timeline');
    expect(overview).toContain(escaped(`Chosen in the youth selection for 2027 to 2028 (${reasons})`));
    // The list marks it, and the selection's page links to it.
    const page = await (await get(planner, `/inspections/new?youthSelection=${selectionId}`)).text();
    expect(page).toContain(`Already inspected</strong> <a class="govuk-link" href="/inspections/${id}">`);
    const selection = await (await get(planner, `/programme/youth/selections/${selectionId}`)).text();
    expect(selection).toContain(`href="/inspections/${id}">Inspection ${id}<span class="govuk-visually-hidden">: ${escaped(service)}`);
  });

  it('refuses the same service of the selection twice, with the reason, storing nothing', async () => {
    const before = (await listAudit(db)).length;
    const again = await post(planner, '/inspections/new/youth-selection', fields(service, '7', '6', '2027'));
    expect(again.status).toBe(400);
    const text = await again.text();
    expect(text).toContain('There is a problem');
    expect(text).toContain(escaped(`${service} is already inspection`));
    expect(text).toContain('a service chosen in a selection becomes one inspection only');
    expect(text).toContain('href="#youthSelectionService"');
    expect((await listAudit(db)).length).toBe(before);
  });

  it('names each field at fault: a service the selection did not choose, a date that is not real', async () => {
    const res = await post(planner, '/inspections/new/youth-selection', fields('Atlantis', '31', '2', '2027'));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('Select a youth justice service that Youth 2027 chose');
    expect(text).toContain('href="#selectionFieldworkStart-day"');
  });

  it('shows the selection the current programme year adopted, not merely the newest stored', async () => {
    const newer = await makeYouthSelection(db, { title: 'Youth draft 2028', asOf: '2028-04-01', targeted: '2', random: '1', seed: '7' }, 'test');
    const newest = await (await get(planner, '/inspections/new')).text();
    expect(newest).toContain(`href="/programme/youth/selections/${newer.id}">Youth draft 2028</a>`);
    await insertProgrammeYear(db, {
      label: '2026/27', startsOn: '2026-04-01', createdBy: 'test', fieldworkSlots: 5, desktopSlots: 1, researchSlots: 2,
      cycleId: null, cycleYear: null, youthSelectionId: selectionId, consultationCloses: null,
    });
    const adopted = await (await get(planner, '/inspections/new')).text();
    expect(adopted).toContain(`href="/programme/youth/selections/${selectionId}">Youth 2027</a>`);
    // Another stored selection can still be chosen by name.
    expect(await (await get(planner, `/inspections/new?youthSelection=${newer.id}`)).text()).toContain('>Youth draft 2028</a>');
  });

  it('refuses someone who may not create inspections', async () => {
    const before = (await listAudit(db)).length;
    const res = await post(inspector, '/inspections/new/youth-selection', fields(service, '5', '7', '2027'));
    expect(res.status).toBe(403);
    expect((await listAudit(db)).length).toBe(before);
  });
});
