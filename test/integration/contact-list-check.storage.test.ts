// A contact list with some bad rows: held, not kept, while its uploader checks which rows would be
// left out (masked numbers, row, column, problem); kept on confirming (audited) with the good rows
// only; forgotten on cancelling; refused once the hour has passed or to anyone else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalOutboxSender } from '../../src/adapters/sms/local-outbox.ts';
import { listAudit, type Inspection } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { createServices } from '../../src/wiring.ts';
import { hashToken } from '../../src/services/identity/sessions.ts';
import { createInspection } from '../../src/services/inspections.ts';
import { runMaintenance } from '../../src/services/maintenance.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import type { SurveyMessaging } from '../../src/services/survey/messaging.ts';
import { cancelContactList, confirmContactList, findHeldContactList, HOLD_MINUTES, type ContactListHolder } from '../../src/services/survey/pending-contacts.ts';
import { uploadContacts } from '../../src/services/survey/survey.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let sms: SurveyMessaging;
let sender: LocalOutboxSender;
let outboxDir: string;
let service: TestSession;
let otherService: TestSession;
let lead: TestSession;
let inspectionCount = 0;

/** Rows 2 and 5 are good; 3 (a landline), 4 (no number) and 6 (a value too many) are left out. */
const PARTIAL = ['Phone number,Name', '07700 900111,Ann', '0113 496 0222,Ben', ',Cal', '+44 7700 900444,Dee', '07700 900555,Eve,extra'].join('\n');

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  outboxDir = mkdtempSync(join(tmpdir(), 'inspectorate-contacts-check-'));
  sender = new LocalOutboxSender(outboxDir);
  const services = createServices(handle.db, { sms: sender });
  sms = services.sms;
  app = createApp({ db: handle.db, ...services });
  service = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
  otherService = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
});
afterAll(async () => {
  await sms?.dispatcher.stop();
  await sender?.close();
  await handle?.close();
  if (outboxDir) rmSync(outboxDir, { recursive: true, force: true });
});

async function newInspection(): Promise<Inspection> {
  const inspection = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2026-10-05', title: `Contact list check ${++inspectionCount}` }, 'test');
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: inspection.id, as: 'lead-inspector' } });
  return inspection;
}

const holderOf = (s: TestSession): ContactListHolder => ({ userId: s.userId, sessionHash: hashToken(s.cookie.split('=')[1]!) });
const bytes = (text: string) => new TextEncoder().encode(text);
const respondents = (inspection: Inspection) =>
  handle.db
    .selectFrom('survey_respondent')
    .innerJoin('survey', 'survey.id', 'survey_respondent.survey_id')
    .select(['survey_respondent.phone', 'survey_respondent.name'])
    .where('survey.inspection_id', '=', inspection.id)
    .orderBy('survey_respondent.number')
    .execute();
const held = (inspection: Inspection) => handle.db.selectFrom('pending_contact_list').selectAll().where('inspection_id', '=', inspection.id).execute();
const uploadsAudited = async (inspection: Inspection) => (await listAudit(handle.db, { inspectionId: inspection.id })).filter((e) => e.action === 'survey.contacts-uploaded');

async function holdPartial(inspection: Inspection, by = service) {
  const result = await uploadContacts(handle.db, { inspectionId: inspection.id, fileName: 'contacts.csv', bytes: bytes(PARTIAL) }, `user:${by.userId}`, holderOf(by));
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.held!.token;
}

describe('the held contact list (services)', () => {
  it('holds a list with some bad rows, listing them with numbers masked, and keeps nothing', async () => {
    const inspection = await newInspection();
    const token = await holdPartial(inspection);
    const list = await findHeldContactList(handle.db, inspection.id, token, holderOf(service));
    expect(list!.contacts.map((c) => c.row)).toEqual([2, 5]);
    expect(list!.leftOut.map((p) => [p.row, p.column ?? null])).toEqual([
      [3, 'Phone number'],
      [4, 'Phone number'],
      [6, null],
    ]);
    expect(list!.leftOut[0]!.message).toContain("'•••• ••• •222' is a landline");
    expect(JSON.stringify(list!.leftOut)).not.toMatch(/496/);
    expect(await respondents(inspection)).toEqual([]);
    expect(await uploadsAudited(inspection)).toEqual([]);
    // Only the token's hash is stored.
    expect(JSON.stringify(await held(inspection))).not.toContain(token);
  });

  it('keeps only the good rows on confirming, audits it, and forgets the hold', async () => {
    const inspection = await newInspection();
    const token = await holdPartial(inspection);
    expect(await confirmContactList(handle.db, inspection.id, token, holderOf(service), `user:${service.userId}`)).toEqual({ people: 2, suppressed: 0, leftOut: 3 });
    expect(await respondents(inspection)).toEqual([
      { phone: '+447700900111', name: 'Ann' },
      { phone: '+447700900444', name: 'Dee' },
    ]);
    expect((await uploadsAudited(inspection)).map((e) => e.after)).toEqual([{ people: 2, suppressed: 0, listedTwice: 0, rowsLeftOut: 3 }]);
    expect(await held(inspection)).toEqual([]);
    await expect(confirmContactList(handle.db, inspection.id, token, holderOf(service), 'again')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('keeps nothing on cancelling', async () => {
    const inspection = await newInspection();
    const token = await holdPartial(inspection);
    expect(await cancelContactList(handle.db, inspection.id, token, holderOf(service))).toBe(true);
    expect(await held(inspection)).toEqual([]);
    expect(await respondents(inspection)).toEqual([]);
    expect(await uploadsAudited(inspection)).toEqual([]);
  });

  it('refuses a hold past its hour, and another person’s, keeping nothing', async () => {
    const inspection = await newInspection();
    const token = await holdPartial(inspection);
    const later = new Date(Date.now() + (HOLD_MINUTES + 1) * 60_000);
    await expect(confirmContactList(handle.db, inspection.id, token, holderOf(service), 'late', later)).rejects.toMatchObject({ code: 'not-found' });
    await expect(confirmContactList(handle.db, inspection.id, token, holderOf(otherService), 'other')).rejects.toMatchObject({ code: 'not-found' });
    // The same person in another sign-in session is another holder too.
    const sameUserOtherSession = { userId: service.userId, sessionHash: holderOf(otherService).sessionHash };
    await expect(confirmContactList(handle.db, inspection.id, token, sameUserOtherSession, 'other')).rejects.toMatchObject({ code: 'not-found' });
    expect(await cancelContactList(handle.db, inspection.id, token, holderOf(otherService))).toBe(false);
    expect(await respondents(inspection)).toEqual([]);
    expect(await held(inspection)).toHaveLength(1);
  });

  it('deletes a hold past its hour in the hourly housekeeping', async () => {
    const inspection = await newInspection();
    await holdPartial(inspection);
    expect((await runMaintenance(handle.db, new Date())).heldContactListsDeleted).toBe(0);
    expect(await held(inspection)).toHaveLength(1);
    expect((await runMaintenance(handle.db, new Date(Date.now() + (HOLD_MINUTES + 1) * 60_000))).heldContactListsDeleted).toBeGreaterThanOrEqual(1);
    expect(await held(inspection)).toEqual([]);
  });

  it('refuses whole, holding nothing, a list with no good row or with the wrong headings', async () => {
    const inspection = await newInspection();
    for (const text of ['Phone number,Name\n0113 496 0000,Ben\n,Cal\n', 'Name,Email\nAnn,a@example.com\n', 'Phone,Mobile\n07700 900001,07700 900002\n']) {
      const result = await uploadContacts(handle.db, { inspectionId: inspection.id, fileName: 'contacts.csv', bytes: bytes(text) }, 'test', holderOf(service));
      expect(result.ok).toBe(false);
      expect(!result.ok && result.held).toBe(undefined);
    }
    expect(await held(inspection)).toEqual([]);
    expect(await respondents(inspection)).toEqual([]);
  });
});

describe('checking the contact list (pages)', () => {
  function upload(s: TestSession, inspection: Inspection, content: string) {
    const form = new FormData();
    form.set('_csrf', s.csrfToken);
    form.set('contacts', new File([content], 'contacts.csv'));
    return app.request(`/inspections/${inspection.id}/survey/contacts`, { method: 'POST', headers: { cookie: s.cookie, origin: 'http://localhost' }, body: form });
  }
  const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
  const tokenOf = (res: Response) => new URL(res.headers.get('location')!, 'http://localhost').searchParams.get('upload')!;

  it('shows the rows left out and the people kept, stores nothing, and keeps the good rows on confirming', async () => {
    const inspection = await newInspection();
    const res = await upload(service, inspection, PARTIAL);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/inspections/${inspection.id}/survey/contacts/check\\?upload=`));
    const check = await get(service, res.headers.get('location')!);
    expect(check.status).toBe(200);
    const html = await check.text();
    expect(html).toContain('3 rows of the list have problems and will be left out');
    expect(html).toContain('<strong>2 people</strong>');
    expect(html).toContain('&#39;•••• ••• •222&#39; is a landline');
    expect(html).toContain('No phone number given');
    expect(html).toMatch(/role="region" aria-label="Rows that will be left out \(scrolls sideways\)"/);
    expect(html.replace(/<svg[\s\S]*?<\/svg>/g, '')).not.toMatch(/0113|496|900111|900444/);
    expect(await respondents(inspection)).toEqual([]);

    const confirmed = await app.request(`/inspections/${inspection.id}/survey/contacts/confirm`, formPost(service, { upload: tokenOf(res) }));
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`/inspections/${inspection.id}/survey?uploaded=2`);
    expect((await respondents(inspection)).map((r) => r.phone)).toEqual(['+447700900111', '+447700900444']);
    expect(await (await get(service, confirmed.headers.get('location')!)).text()).toContain('Contact list uploaded: 2 people.');
  });

  it('keeps nothing on cancelling, and says so', async () => {
    const inspection = await newInspection();
    const res = await upload(lead, inspection, PARTIAL);
    const cancelled = await app.request(`/inspections/${inspection.id}/survey/contacts/cancel`, formPost(lead, { upload: tokenOf(res) }));
    expect(cancelled.status).toBe(303);
    expect(await (await get(lead, cancelled.headers.get('location')!)).text()).toContain('Nothing from the contact list was kept');
    expect(await respondents(inspection)).toEqual([]);
    expect(await held(inspection)).toEqual([]);
  });

  it('refuses another person’s check and an expired one, keeping nothing', async () => {
    const inspection = await newInspection();
    const res = await upload(service, inspection, PARTIAL);
    const token = tokenOf(res);
    for (const attempt of [get(otherService, res.headers.get('location')!), app.request(`/inspections/${inspection.id}/survey/contacts/confirm`, formPost(otherService, { upload: token }))]) {
      const refused = await attempt;
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('Upload the contact list again');
    }
    expect((await app.request(`/inspections/${inspection.id}/survey/contacts/confirm`, formPost(lead, { upload: token }))).status).toBe(400);
    await handle.db.updateTable('pending_contact_list').set({ expires_at: new Date(Date.now() - 1_000) }).where('inspection_id', '=', inspection.id).execute();
    const late = await app.request(`/inspections/${inspection.id}/survey/contacts/confirm`, formPost(service, { upload: token }));
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('the check of the list lasts an hour and has ended');
    expect((await get(service, res.headers.get('location')!)).status).toBe(400);
    expect(await respondents(inspection)).toEqual([]);
  });

  it('refuses a file with no good row, or that is not a contact list, as before', async () => {
    const inspection = await newInspection();
    const none = await upload(service, inspection, 'Phone number\n0113 496 0000\n');
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('nothing was kept');
    const wrong = await upload(service, inspection, 'Name,Email\nAnn,a@example.com\n');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('no column for the phone number');
    expect(await held(inspection)).toEqual([]);
  });
});
