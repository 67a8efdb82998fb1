// A framework file without a questionnaire names no survey (the youth files): the inspection's
// survey page says so in the framework's words, offers no upload and no Survey tab, refuses a
// contact list with the reason (nothing stored, nothing audited), the service's tasks ask for none
// and the timeline has no survey milestones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName, getSurveyByInspection, listAudit, setInspectionMember, type Db } from '../../src/db/repositories/index.ts';
import { serviceTasks } from '../../src/presenters/service-tasks-page.ts';
import { createApp } from '../../src/http/app.ts';
import { createInspection } from '../../src/services/inspections.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { serviceTaskFacts } from '../../src/services/service-tasks.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let db: Db;
let app: ReturnType<typeof createApp>;
let lead: TestSession;
let youthId: number;
let pduId: number;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await loadReferenceData(db, 'test');
  app = createApp({ db });
  const youth = await findOrganisationByName(db, 'youth-service', 'Leeds');
  youthId = (await createInspection(db, { organisationId: youth!.id, frameworkKey: 'hmip-youth@2021', fieldworkStart: '2027-02-01' }, 'test')).id;
  const pdu = await findOrganisationByName(db, 'pdu', 'York');
  pduId = (await createInspection(db, { organisationId: pdu!.id, frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2027-02-01' }, 'test')).id;
  lead = await signedIn(db, 'lead-inspector');
  await setInspectionMember(db, youthId, lead.userId, 'lead-inspector');
  await setInspectionMember(db, pduId, lead.userId, 'lead-inspector');
});
afterAll(() => handle?.close());

const get = (path: string) => app.request(path, { headers: { cookie: lead.cookie } });

describe('an inspection whose framework names no survey', () => {
  it('says so on the survey page in the framework’s words, with no upload and no Survey tab', async () => {
    const page = await (await get(`/inspections/${youthId}/survey`)).text();
    expect(page).toContain('<h1 class="govuk-heading-l">Survey of children</h1>');
    expect(page).toContain('names no survey of children, so there is no contact list to upload and no text survey to send');
    expect(page).not.toContain('action="/inspections/' + youthId + '/survey/contacts"');
    expect(page).not.toContain(`href="/inspections/${youthId}/survey"`);
    // A PDU inspection keeps its survey, tab and upload.
    const pdu = await (await get(`/inspections/${pduId}/survey`)).text();
    expect(pdu).toContain('Survey of people on probation');
    expect(pdu).toContain(`action="/inspections/${pduId}/survey/contacts"`);
    expect(pdu).toContain(`href="/inspections/${pduId}/survey"`);
  });

  it('refuses a contact list with the reason, storing and auditing nothing', async () => {
    const before = (await listAudit(db, { inspectionId: youthId })).length;
    const form = new FormData();
    form.set('_csrf', lead.csrfToken);
    form.set('contacts', new File(['Phone number\n07700900123\n'], 'contacts.csv', { type: 'text/csv' }));
    const res = await app.request(`/inspections/${youthId}/survey/contacts`, { method: 'POST', body: form, headers: { cookie: lead.cookie, origin: 'http://localhost' } });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('names no survey of children, so there is no contact list to upload');
    expect(await getSurveyByInspection(db, youthId)).toBeUndefined();
    expect((await listAudit(db, { inspectionId: youthId })).length).toBe(before);
  });

  it('does not ask the service for a contact list', async () => {
    const titles = (id: number) => serviceTaskFacts(db, id).then((facts) => serviceTasks(id, facts, () => true).map((t) => t.title.text));
    expect((await titles(youthId)).some((t) => t.includes('contact list'))).toBe(false);
    expect(await titles(pduId)).toContain('Upload the contact list for the survey of people on probation');
  });

  it('leaves the survey’s milestones out of the timeline', async () => {
    const youth = await (await get(`/inspections/${youthId}`)).text();
    expect(youth).toContain('id="timeline"');
    expect(youth).not.toContain('Survey of children opens');
    expect((await get(`/inspections/${youthId}/timeline/survey-open`)).status).toBe(404);
    const pdu = await (await get(`/inspections/${pduId}`)).text();
    expect(pdu).toContain('Survey of people on probation opens');
    expect((await get(`/inspections/${pduId}/timeline/survey-open`)).status).toBe(200);
  });
});
