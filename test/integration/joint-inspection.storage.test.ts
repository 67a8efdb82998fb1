// Joint inspections (issue 12): a youth inspection records the partner inspectorates its framework
// allows for the service's nation (the registry's) and the partner inspectors on the team; each
// change audited, refused with the field named, locked once signed off; the overview and the report
// (HTML and PDF facts, methodology) say so. Through the services and the pages: CSRF, and only who
// manages the team may change it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName, getOrganisation, listAudit, type Db } from '../../src/db/repositories/index.ts';
import { setOrganisationDetails } from '../../src/db/repositories/programme-registry-repository.ts';
import { createApp } from '../../src/http/app.ts';
import { AppError, FieldError } from '../../src/services/errors.ts';
import { createDirectly, type Creator } from '../../src/services/inspection-booking.ts';
import { addPartnerInspector, jointInspectionOf, removePartnerInspector, setPartnerInspectorates } from '../../src/services/joint-inspection.ts';
import { loadPduReport } from '../../src/services/report-loading.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { startSession } from '../../src/services/identity/sessions.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { SESSION_COOKIE } from '../../src/http/auth.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let db: Db;
let app: ReturnType<typeof createApp>;
let planner: TestSession;
let leeds: number;
let cardiff: number;
let pdu: number;
const creator = (): Creator => ({ actor: `user:${planner.userId}`, userId: planner.userId, role: 'programme-manager' });
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (e: unknown) => e);
  expect(e).toBeInstanceOf(FieldError);
  return (e as FieldError).fields;
};
const youthInspection = async (name: string, fieldworkStart = '2026-11-02') => {
  const org = await findOrganisationByName(db, 'youth-service', name);
  return (await createDirectly(db, { kind: 'youth-service', pdu: '', youthService: String(org!.id), fieldworkStart, framework: '' }, creator())).id;
};
const actions = async (inspectionId: number) => (await listAudit(db, {})).filter((e) => e.inspectionId === inspectionId && e.action.startsWith('inspection.partner-'));

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await loadReferenceData(db, 'test');
  app = createApp({ db });
  planner = await signedIn(db, 'programme-manager');
  leeds = await youthInspection('Leeds');
  cardiff = await youthInspection('Cardiff');
  const york = await findOrganisationByName(db, 'pdu', 'York');
  pdu = (await createDirectly(db, { pdu: String(york!.id), fieldworkStart: '2026-11-02', framework: '' }, creator())).id;
});
afterAll(() => handle?.close());

describe('the partner inspectorates a youth inspection may record', () => {
  it('are, for a service in England, those the framework names for England, none yet recorded', async () => {
    const joint = await jointInspectionOf(db, leeds);
    expect(joint).toMatchObject({ offered: true, nation: 'England', whyNone: null, recorded: [], inspectors: [], sentence: null });
    expect(joint.allowed.map((p) => p.id)).toEqual(['hmicfrs', 'cqc', 'ofsted']);
  });

  it('are, for a service in Wales, HMICFRS, HIW, CIW and Estyn; Ofsted is refused, naming the field', async () => {
    expect((await jointInspectionOf(db, cardiff)).allowed.map((p) => p.abbreviation ?? p.name)).toEqual(['HMICFRS', 'HIW', 'CIW', 'Estyn']);
    expect(await refusal(setPartnerInspectorates(db, { inspectionId: cardiff, inspectorates: ['hmicfrs', 'ofsted'] }, 'test'))).toEqual([
      { field: 'inspectorates', message: 'Ofsted does not inspect a youth justice service in Wales: choose from HMICFRS, HIW, CIW and Estyn' },
    ]);
    expect((await jointInspectionOf(db, cardiff)).recorded).toEqual([]);
  });

  it('are none for a PDU inspection: its framework inspects nobody jointly, and a choice is refused', async () => {
    expect(await (await app.request(`/inspections/${pdu}/team`, { headers: { cookie: planner.cookie } })).text()).not.toContain('joint inspection page');
    const joint = await jointInspectionOf(db, pdu);
    expect(joint).toMatchObject({ offered: false, allowed: [], whyNone: 'This framework does not inspect PDUs jointly with other inspectorates.' });
    expect((await refusal(setPartnerInspectorates(db, { inspectionId: pdu, inspectorates: ['hmicfrs'] }, 'test')))[0]?.field).toBe('inspectorates');
  });

  it('cannot be chosen when the registry does not record the service\'s nation', async () => {
    const id = await youthInspection('Bradford');
    const inspection = await findOrganisationByName(db, 'youth-service', 'Bradford');
    const { nation: _nation, ...details } = (await getOrganisation(db, inspection!.id))!.details;
    await setOrganisationDetails(db, inspection!.id, details);
    expect((await jointInspectionOf(db, id)).whyNone).toMatch(/does not record whether this youth justice service is in England or Wales/);
    expect((await refusal(setPartnerInspectorates(db, { inspectionId: id, inspectorates: ['cqc'] }, 'test')))[0]?.message).toMatch(/England or Wales/);
  });
});

describe('recording a joint inspection', () => {
  it('records the inspectorates in the framework\'s order, audited once per change', async () => {
    await setPartnerInspectorates(db, { inspectionId: leeds, inspectorates: ['cqc', 'hmicfrs'] }, 'user:1');
    await setPartnerInspectorates(db, { inspectionId: leeds, inspectorates: ['hmicfrs', 'cqc'] }, 'user:1');
    const joint = await jointInspectionOf(db, leeds);
    expect(joint.recorded.map((p) => p.id)).toEqual(['hmicfrs', 'cqc']);
    expect(joint.sentence).toBe('This was a joint inspection with HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) and Care Quality Commission (CQC).');
    const events = await actions(leeds);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'inspection.partner-inspectorates-set', actor: 'user:1', before: { inspectorates: [] } });
    expect((events[0]!.after as { inspectorates: string[] }).inspectorates).toEqual(['HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)', 'Care Quality Commission (CQC)']);
  });

  it('adds a partner inspector from one of the inspection\'s inspectorates, each problem naming its field', async () => {
    expect(await refusal(addPartnerInspector(db, { inspectionId: leeds, name: '', inspectorate: 'ofsted', email: 'nope' }, 'test'))).toEqual([
      { field: 'name', message: "Enter the partner inspector's name" },
      { field: 'inspectorate', message: "Select one of this inspection's partner inspectorates: HMICFRS and CQC" },
      { field: 'email', message: 'Enter an email address in the correct format, like name@example.gov.uk, or leave it blank' },
    ]);
    const id = await addPartnerInspector(db, { inspectionId: leeds, name: '  Asha Patel ', inspectorate: 'cqc', email: 'asha.patel@cqc.example.gov.uk' }, 'user:1');
    await addPartnerInspector(db, { inspectionId: leeds, name: 'Tom Evans', inspectorate: 'hmicfrs', email: '' }, 'user:1');
    const joint = await jointInspectionOf(db, leeds);
    expect(joint.inspectors.map((p) => [p.name, p.inspectorateName, p.email])).toEqual([
      ['Asha Patel', 'Care Quality Commission (CQC)', 'asha.patel@cqc.example.gov.uk'],
      ['Tom Evans', 'HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)', null],
    ]);
    expect((await actions(leeds)).find((e) => e.action === 'inspection.partner-inspector-added')).toMatchObject({ after: { id, name: 'Asha Patel', inspectorate: 'CQC' } });
  });

  it('refuses to drop an inspectorate while its inspector is on the team', async () => {
    expect(await refusal(setPartnerInspectorates(db, { inspectionId: leeds, inspectorates: ['hmicfrs'] }, 'test'))).toEqual([
      { field: 'inspectorates', message: 'Remove Asha Patel from the team before removing Care Quality Commission (CQC)' },
    ]);
  });

  it('removes a partner inspector, audited; one not on this inspection is not found', async () => {
    const tom = (await jointInspectionOf(db, leeds)).inspectors.find((p) => p.name === 'Tom Evans')!;
    await expect(removePartnerInspector(db, { inspectionId: cardiff, inspectorId: tom.id }, 'test')).rejects.toMatchObject({ code: 'not-found' });
    await removePartnerInspector(db, { inspectionId: leeds, inspectorId: tom.id }, 'user:1');
    expect((await jointInspectionOf(db, leeds)).inspectors.map((p) => p.name)).toEqual(['Asha Patel']);
    expect((await actions(leeds)).find((e) => e.action === 'inspection.partner-inspector-removed')).toMatchObject({ before: { name: 'Tom Evans', inspectorate: 'HMICFRS' } });
  });

  it('is locked once the inspection is signed off', async () => {
    const id = await youthInspection('Cardiff', '2027-06-07');
    await db.updateTable('inspection').set({ status: 'signed-off' }).where('id', '=', id).execute();
    const e = await setPartnerInspectorates(db, { inspectionId: id, inspectorates: ['hiw'] }, 'test').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'conflict', message: 'The inspection is signed off, so its joint inspection partners are locked' });
  });
});

describe('the report of a joint inspection', () => {
  it('says so in its facts and its methodology; a PDU inspection\'s report does not', async () => {
    const { report } = await loadPduReport(db, leeds);
    const sentence = 'This was a joint inspection with HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) and Care Quality Commission (CQC).';
    expect(report.jointInspection).toBe(sentence);
    expect(report.facts).toContainEqual({ label: 'Joint inspection', value: sentence });
    expect(report.annexe.sampleRule).toContain(sentence);
    const alone = (await loadPduReport(db, pdu)).report;
    expect(alone.jointInspection).toBeNull();
    expect(alone.facts.map((f) => f.label)).not.toContain('Joint inspection');
  });
});

describe('the joint inspection page', () => {
  let lead: TestSession;
  let inspector: TestSession;
  let outsider: TestSession;
  let staff: TestSession;
  let id: number;
  const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
  const post = (s: TestSession, path: string, fields: Record<string, string>) => app.request(path, formPost(s, fields));

  beforeAll(async () => {
    id = await youthInspection('Leeds', '2027-03-01');
    lead = await signedIn(db, 'lead-inspector', { inspection: { id, as: 'lead-inspector' } });
    inspector = await signedIn(db, 'inspector', { inspection: { id, as: 'inspector' } });
    outsider = await signedIn(db, 'inspector');
    const service = await findOrganisationByName(db, 'youth-service', 'Leeds');
    const user = await createAccount(db, { email: `leeds-yjs-${process.pid}@test.local`, displayName: 'Leeds YJS staff', role: 'service-staff', organisationId: service!.id }, 'test');
    const session = await startSession(db, user.id, new Date());
    staff = { userId: user.id, cookie: `${SESSION_COOKIE}=${session.token}`, csrfToken: session.csrfToken };
  });

  it('offers the lead the inspectorates for the service\'s nation as checkboxes, linked from the overview', async () => {
    const overview = await (await get(lead, `/inspections/${id}`)).text();
    expect(overview).toContain('Joint inspection');
    expect(overview).toContain('No partner inspectorate recorded');
    expect(overview).toContain(`href="/inspections/${id}/joint-inspection"`);
    expect(await (await get(lead, `/inspections/${id}/team`)).text()).toContain(`<a class="govuk-link" href="/inspections/${id}/joint-inspection">joint inspection page</a>`);
    const page = await (await get(lead, `/inspections/${id}/joint-inspection`)).text();
    expect(page).toContain('name="inspectorates" type="checkbox" value="hmicfrs"');
    expect(page).toContain('value="ofsted"');
    expect(page).not.toContain('value="estyn"');
  });

  it('saves the inspectorates (several ticked) and a partner inspector, and shows them on the overview and in the report', async () => {
    const saved = await app.request(`/inspections/${id}/joint-inspection/inspectorates`, {
      ...formPost(lead, {}),
      body: new URLSearchParams([['_csrf', lead.csrfToken], ['inspectorates', 'hmicfrs'], ['inspectorates', 'ofsted']]).toString(),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/inspections/${id}/joint-inspection?flash=partners-saved`);
    const added = await post(lead, `/inspections/${id}/joint-inspection/inspectors`, { name: 'Priya Shah', inspectorate: 'ofsted', email: '' });
    expect(added.status).toBe(303);
    const page = await (await get(lead, `/inspections/${id}/joint-inspection`)).text();
    expect(page).toContain('This was a joint inspection with HM Inspectorate of Constabulary and Fire &amp; Rescue Services (HMICFRS) and Ofsted.');
    expect(page).toContain('Priya Shah');
    expect(await (await get(lead, `/inspections/${id}`)).text()).toContain('With HMICFRS and Ofsted; 1 partner inspector on the team');
    expect(await (await get(lead, `/inspections/${id}/report`)).text()).toContain('This was a joint inspection with HM Inspectorate of Constabulary and Fire &amp; Rescue Services (HMICFRS) and Ofsted.');
  });

  it('shows the form again with the problem named and linked to its field', async () => {
    const res = await post(lead, `/inspections/${id}/joint-inspection/inspectors`, { name: '', inspectorate: 'hmicfrs', email: '' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('href="#name"');
    expect(page).toContain('Enter the partner inspector&#39;s name');
    const wrong = await post(lead, `/inspections/${id}/joint-inspection/inspectorates`, { inspectorates: 'estyn' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Estyn does not inspect a youth justice service in England');
  });

  it('refuses a post without the CSRF token, an inspector on the team, an inspector not on it and the service\'s staff', async () => {
    const noToken = await app.request(`/inspections/${id}/joint-inspection/inspectorates`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', cookie: lead.cookie }, body: 'inspectorates=cqc' });
    expect(noToken.status).toBe(403);
    expect((await post(inspector, `/inspections/${id}/joint-inspection/inspectorates`, { inspectorates: 'cqc' })).status).toBe(403);
    expect((await post(outsider, `/inspections/${id}/joint-inspection/inspectorates`, { inspectorates: 'cqc' })).status).toBe(404);
    expect((await post(staff, `/inspections/${id}/joint-inspection/inspectorates`, { inspectorates: 'cqc' })).status).toBe(403);
    expect((await get(staff, `/inspections/${id}/joint-inspection`)).status).toBe(403);
    // The inspector on the team reads the page, without the forms.
    const read = await (await get(inspector, `/inspections/${id}/joint-inspection`)).text();
    expect(read).toContain('Priya Shah');
    expect(read).not.toContain('type="checkbox"');
    expect((await jointInspectionOf(db, id)).recorded.map((p) => p.id)).toEqual(['hmicfrs', 'ofsted']);
  });

  it('lets the lead remove a partner inspector', async () => {
    const priya = (await jointInspectionOf(db, id)).inspectors[0]!;
    const res = await post(lead, `/inspections/${id}/joint-inspection/inspectors/${priya.id}/remove`, {});
    expect(res.status).toBe(303);
    expect((await jointInspectionOf(db, id)).inspectors).toEqual([]);
  });
});
