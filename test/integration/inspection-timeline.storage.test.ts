// Creating an inspection in the web app and its timeline: from a booking of the programme's current
// PDU cycle (PDU, week and team carried over, never twice) or directly; each milestone's date,
// owner and state from the records; moving a date with a reason, audited before → after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName, listAudit, listInspectionMembers, type Db } from '../../src/db/repositories/index.ts';
import { getInspectionBooking, listMilestoneMoves } from '../../src/db/repositories/timeline-repository.ts';
import type { Booking } from '../../src/domain/programme/cycle-types.ts';
import { addDays } from '../../src/domain/sampling/dates.ts';
import { createApp } from '../../src/http/app.ts';
import { FieldError } from '../../src/services/errors.ts';
import { createDirectly, createFromBooking, cycleBookings, type Creator } from '../../src/services/inspection-booking.ts';
import { inspectionTimeline, moveMilestone, recordMilestoneDone } from '../../src/services/inspection-timeline.ts';
import { bookingId, createCycle } from '../../src/services/programme/cycles.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let db: Db;
let app: ReturnType<typeof createApp>;
let planner: TestSession;
let lead: TestSession;
let inspector: TestSession;
let cycleId: number;
let bookings: Booking[];

const plannerCreator = (): Creator => ({ actor: `user:${planner.userId}`, userId: planner.userId, role: 'programme-manager' });
const leadCreator = (): Creator => ({ actor: `user:${lead.userId}`, userId: lead.userId, role: 'lead-inspector' });
const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
const post = (s: TestSession, path: string, fields: Record<string, string>) => app.request(path, formPost(s, fields));
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (e: unknown) => e);
  expect(e).toBeInstanceOf(FieldError);
  return (e as FieldError).fields;
};
const direct = (pduName: string, start: string) => findOrganisationByName(db, 'pdu', pduName).then((o) => ({ pdu: String(o!.id), fieldworkStart: start, framework: 'hmip-adult-pdu@2021' }));

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  db = handle.db;
  await loadReferenceData(db, 'test');
  app = createApp({ db });
  planner = await signedIn(db, 'programme-manager');
  lead = await signedIn(db, 'lead-inspector');
  inspector = await signedIn(db, 'inspector');
  // An older cycle first: bookings are taken from the newest only.
  await createCycle(db, { start: '2026-04-06', years: '1', teams: '2', capacity: '10' }, 'test');
  cycleId = (await createCycle(db, { start: '2027-04-05', years: '3', teams: '3', capacity: '40' }, 'test')).id;
  bookings = (await cycleBookings(db))!.choices.map((c) => c.booking);
});
afterAll(() => handle?.close());

describe('creating an inspection from a booking', () => {
  it('offers the current cycle’s PDU inspections, not its fact-finding weeks', async () => {
    const found = (await cycleBookings(db))!;
    expect(found.cycle.cycle.id).toBe(cycleId);
    expect(found.choices.length).toBeGreaterThan(50);
    expect(found.choices.every((c) => c.booking.kind !== 'fact-finding' && c.inspectionId === null)).toBe(true);
  });

  it('carries over the PDU, the fieldwork week and the team; a lead inspector who creates it leads it; audited', async () => {
    const b = bookings[0]!;
    const inspection = await createFromBooking(db, { cycle: cycleId, booking: bookingId(b) }, leadCreator());
    const pdu = await findOrganisationByName(db, 'pdu', b.pdu!);
    expect(inspection).toMatchObject({ organisationId: pdu!.id, fieldworkStart: b.week, fieldworkEnd: addDays(b.week, 4), frameworkId: 'hmip-adult-pdu', frameworkVersion: '2021' });
    expect(await getInspectionBooking(db, inspection.id)).toMatchObject({ cycleId, booking: bookingId(b), week: b.week, team: b.team });
    expect(await listInspectionMembers(db, inspection.id)).toEqual([expect.objectContaining({ userId: lead.userId, role: 'lead-inspector' })]);
    const actions = (await listAudit(db, { inspectionId: inspection.id })).map((e) => e.action);
    expect(actions).toEqual(['inspection.created', 'inspection.created-from-booking', 'inspection.member-set']);
    expect((await cycleBookings(db))!.choices.find((c) => c.key === bookingId(b))!.inspectionId).toBe(inspection.id);
  });

  it('refuses the same booking twice, a booking not in the plan, and a cycle that is not the current one, storing nothing', async () => {
    const b = bookings[0]!;
    const before = (await listAudit(db)).length;
    expect((await refusal(createFromBooking(db, { cycle: cycleId, booking: bookingId(b) }, plannerCreator())))[0]!.message).toMatch(/is already inspection \d+: a booking becomes one inspection only/);
    expect((await refusal(createFromBooking(db, { cycle: cycleId, booking: 'inspection|Atlantis' }, plannerCreator())))[0]).toMatchObject({ field: 'booking', message: expect.stringContaining('There is no PDU inspection "inspection|Atlantis"') });
    expect((await refusal(createFromBooking(db, { cycle: cycleId, booking: `fact-finding|${b.region}|1` }, plannerCreator())))[0]!.field).toBe('booking');
    expect((await refusal(createFromBooking(db, { cycle: cycleId - 1, booking: bookingId(bookings[1]!) }, plannerCreator())))[0]!.message).toMatch(/not in the current PDU cycle/);
    expect((await listAudit(db)).length).toBe(before);
  });
});

describe('creating an inspection directly', () => {
  it('creates one of any PDU on any date, with the framework chosen', async () => {
    const inspection = await createDirectly(db, await direct('Sheffield', '2026-10-05'), plannerCreator());
    expect(inspection).toMatchObject({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', title: 'Inspection of probation services: Sheffield PDU' });
    expect(await listInspectionMembers(db, inspection.id)).toEqual([]);
    expect(await getInspectionBooking(db, inspection.id)).toBeUndefined();
  });

  it('names every field at fault at once, and refuses fieldwork overlapping another inspection of the PDU', async () => {
    expect(await refusal(createDirectly(db, { pdu: '', fieldworkStart: '', framework: 'nonsense@1' }, plannerCreator()))).toEqual([
      { field: 'pdu', message: 'Select the PDU to inspect' },
      { field: 'fieldworkStart', message: 'Enter the first day of fieldwork as a real date' },
      { field: 'framework', message: 'Select the framework version' },
    ]);
    const region = await findOrganisationByName(db, 'region', 'Yorkshire and the Humber');
    expect((await refusal(createDirectly(db, { pdu: String(region!.id), fieldworkStart: '2026-10-05', framework: 'hmip-adult-pdu@2021' }, plannerCreator())))[0]!.field).toBe('pdu');
    expect(await refusal(createDirectly(db, await direct('Sheffield', '2026-10-07'), plannerCreator()))).toEqual([
      { field: 'fieldworkStart', message: expect.stringMatching(/^Sheffield already has an inspection with fieldwork from 5 October 2026 to 9 October 2026 \(inspection \d+\): choose another week$/) },
    ]);
  });
});

describe('the timeline', () => {
  it('gives each milestone a date, an owner and a state from the records', async () => {
    const created = await createDirectly(db, await direct('Bradford and Calderdale', '2026-03-02'), leadCreator());
    // Created today, its early dates already past: nothing is late, each is to be moved.
    const fresh = await inspectionTimeline(db, created, '2026-03-16');
    expect(fresh.late).toEqual([]);
    expect(fresh.milestones.filter((m) => m.passedBeforeCreation).map((m) => m.key)).toContain('caseload-due');
    // Created on 5 January 2026, eight weeks before fieldwork.
    const inspection = { ...created, createdAt: new Date('2026-01-05T10:00:00Z') };
    const t = await inspectionTimeline(db, inspection, '2026-03-16');
    const byKey = Object.fromEntries(t.milestones.map((m) => [m.key, m]));
    expect(byKey['caseload-due']).toMatchObject({ date: '2026-01-19', state: 'late', ownerText: 'The PDU: Bradford and Calderdale' });
    expect(byKey['sample-confirmed']!.ownerText).toMatch(/^Lead inspector: Test lead-inspector/);
    // Nobody recorded the notice or the fieldwork: not done, whatever the date.
    expect(byKey.notice).toMatchObject({ date: '2026-01-05', state: 'late', byHand: true, doneOn: null });
    expect(byKey['fieldwork-end']!.state).toBe('late');
    expect(byKey.publication!.state).toBe('not-started');
    expect(t.late.map((m) => m.key)).toEqual(['notice', 'caseload-due', 'sample-confirmed', 'survey-open', 'fieldwork-start', 'fieldwork-end', 'survey-closed', 'case-assessment-complete']);

    // Recorded by hand, audited: the notice, and fieldwork's end (so its start too).
    await recordMilestoneDone(db, inspection.id, { milestone: 'notice', on: '2026-01-06' }, `user:${lead.userId}`, '2026-03-16');
    await recordMilestoneDone(db, inspection.id, { milestone: 'fieldwork-end', on: '2026-03-06' }, `user:${lead.userId}`, '2026-03-16');
    expect(await refusal(recordMilestoneDone(db, inspection.id, { milestone: 'publication', on: '2026-03-06' }, 'user:1', '2026-03-16'))).toEqual([{ field: 'milestone', message: 'Only the notice and the fieldwork are recorded by hand: the product records the rest as they happen' }]);
    expect(await refusal(recordMilestoneDone(db, inspection.id, { milestone: 'notice', on: '2026-03-17' }, 'user:1', '2026-03-16'))).toEqual([{ field: 'on', message: 'The day it happened must be today or in the past' }]);
    const recorded = Object.fromEntries((await inspectionTimeline(db, inspection, '2026-03-16')).milestones.map((m) => [m.key, m]));
    expect(recorded.notice).toMatchObject({ state: 'done', doneOn: '2026-01-06' });
    expect([recorded['fieldwork-start']!.state, recorded['fieldwork-end']!.state]).toEqual(['done', 'done']);
    expect((await listAudit(db, { inspectionId: inspection.id })).filter((e) => e.action === 'timeline.milestone-done').map((e) => e.after)).toEqual([
      { milestone: 'notice', name: 'Notice to the service', on: '2026-01-06' },
      { milestone: 'fieldwork-end', name: 'Fieldwork ends', on: '2026-03-06' },
    ]);

    // What has happened, read from the existing tables: the caseload and the confirmed sample, the survey, sign-off, the report's stage.
    await db.insertInto('case_sample').values({ inspection_id: inspection.id, caseload_uploaded_at: new Date(), status: 'confirmed', confirmed_at: new Date() }).execute();
    await db.updateTable('inspection').set({ status: 'signed-off' }).where('id', '=', inspection.id).execute();
    await db.insertInto('report').values({ inspection_id: inspection.id, status: 'factual-accuracy', updated_by: 'test' }).execute();
    const after = Object.fromEntries((await inspectionTimeline(db, inspection, '2026-03-16')).milestones.map((m) => [m.key, m.state]));
    expect(after).toMatchObject({ 'caseload-due': 'done', 'sample-confirmed': 'done', 'case-assessment-complete': 'done', 'qa-complete': 'done', 'sign-off': 'done', 'draft-to-service': 'done', 'factual-accuracy-due': 'not-started', 'survey-open': 'late' });
  });

  it('moves a date with a reason, audited before → after, and refuses a move without one', async () => {
    const inspection = await createDirectly(db, await direct('Leeds', '2026-11-02'), plannerCreator());
    const before = (await inspectionTimeline(db, inspection)).milestones.find((m) => m.key === 'publication')!;
    expect(before.date).toBe('2027-01-15'); // 10 weeks after fieldwork ends on 6 November 2026, a Friday
    expect(await refusal(moveMilestone(db, inspection.id, { milestone: 'publication', date: before.date, reason: ' ' }, 'user:1'))).toEqual([
      { field: 'date', message: 'The new date is the date it has now (15 January 2027): enter a different date' },
      { field: 'reason', message: 'Enter the reason for moving the date' },
    ]);
    expect((await refusal(moveMilestone(db, inspection.id, { milestone: 'publication', date: '2031-01-01', reason: 'Far' }, 'user:1')))[0]!.message).toBe('The new date must be within two years of the fieldwork');
    await moveMilestone(db, inspection.id, { milestone: 'publication', date: '2027-01-22', reason: 'Ministerial announcement that week' }, `user:${lead.userId}`);
    const t = await inspectionTimeline(db, inspection);
    expect(t.milestones.find((m) => m.key === 'publication')).toMatchObject({ date: '2027-01-22', defaultDate: before.date, moved: true });
    expect(t.moves).toEqual([expect.objectContaining({ milestone: 'publication', from: before.date, to: '2027-01-22', reason: 'Ministerial announcement that week', movedByName: expect.stringMatching(/^Test lead-inspector/) })]);
    const event = (await listAudit(db, { inspectionId: inspection.id })).at(-1)!;
    expect(event).toMatchObject({ action: 'timeline.milestone-moved', before: { milestone: 'Publication', date: before.date }, after: { milestone: 'Publication', date: '2027-01-22', reason: 'Ministerial announcement that week' } });
    expect(await listMilestoneMoves(db, inspection.id)).toHaveLength(1);
  });
});

describe('the pages', () => {
  const pduId = async (name: string) => String((await findOrganisationByName(db, 'pdu', name))!.id);

  it('shows the create form with the cycle’s bookings, and the button on the inspections list, to those who may create', async () => {
    const page = await (await get(planner, '/inspections/new')).text();
    expect(page).toContain('<h1 class="govuk-heading-l">Create an inspection</h1>');
    expect(page).toContain('Create inspection<span class="govuk-visually-hidden">');
    expect(page).toContain('name="fieldworkStart-day"');
    // The current version for what is inspected (by the frameworks' regime) is the default; each version is offered for its kind.
    expect(page).toMatch(/name="framework" type="radio" value="" checked/);
    expect(page).toContain('For PDUs (the current version)');
    expect(await (await get(planner, '/')).text()).toContain('href="/inspections/new"');
    expect(await (await get(inspector, '/')).text()).not.toContain('href="/inspections/new"');
    expect((await get(inspector, '/inspections/new')).status).toBe(403);
  });

  it('answers bad input with an error summary in words, in the order of the form, keeping what was typed', async () => {
    const res = await post(planner, '/inspections/new', { pdu: '', 'fieldworkStart-day': '31', 'fieldworkStart-month': '2', 'fieldworkStart-year': '2027', framework: 'hmip-adult-pdu@2021' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('<title>Error: Create an inspection');
    expect(page.indexOf('Select the PDU to inspect')).toBeLessThan(page.indexOf('The first day of fieldwork must be a real date'));
    expect(page).toContain('href="#fieldworkStart-day"');
    expect(page).toMatch(/name="fieldworkStart-day" type="text" value="31"|value="31"/);
  });

  it('creates directly, then lands on the overview with a banner and the timeline', async () => {
    const res = await post(planner, '/inspections/new', { pdu: await pduId('Wakefield'), 'fieldworkStart-day': '7', 'fieldworkStart-month': '9', 'fieldworkStart-year': '2026', framework: 'hmip-adult-pdu@2021' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/inspections\/\d+\?created=direct$/);
    const page = await (await get(planner, location)).text();
    expect(page).toContain('Inspection created, with its timeline');
    expect(page).toContain('id="timeline"');
    expect(page).toContain('Factual accuracy comments due');
    expect(page).toContain('7 September 2026');
    expect(page).toMatch(/Change<span class="govuk-visually-hidden"> the date of publication<\/span>/);
  });

  it('creates from a booking through its check page, and refuses it the second time with the reason', async () => {
    const b = bookings[2]!;
    const check = await (await get(planner, `/inspections/new?cycle=${cycleId}&booking=${encodeURIComponent(bookingId(b))}`)).text();
    expect(check).toContain(`<h1 class="govuk-heading-l">${b.pdu}: ${b.kind === 'return-inspection' ? 'return' : 'cycle'} inspection</h1>`);
    expect(check).toContain('Create the inspection');
    const res = await post(planner, '/inspections/new/booking', { cycle: String(cycleId), booking: bookingId(b) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\?created=booking$/);
    const again = await post(planner, '/inspections/new/booking', { cycle: String(cycleId), booking: bookingId(b) });
    expect(again.status).toBe(400);
    const text = await again.text();
    expect(text).toContain('There is a problem');
    expect(text).toContain('a booking becomes one inspection only');
    // The calendar links the booking to its inspection now.
    const calendar = await (await get(planner, `/programme/cycles/${cycleId}?year=${b.year}`)).text();
    expect(calendar).toMatch(/href="\/inspections\/\d+">Inspection \d+<span class="govuk-visually-hidden">/);
    expect(calendar).toContain('Create inspection<span class="govuk-visually-hidden">');
  });

  it('moves a date through the form: errors in words first, then the banner on the overview', async () => {
    const inspection = await createDirectly(db, await direct('Kirklees', '2026-12-07'), leadCreator());
    const path = `/inspections/${inspection.id}/timeline/publication`;
    expect((await get(lead, path)).status).toBe(200);
    const bad = await post(lead, path, { 'date-day': '', 'date-month': '', 'date-year': '', reason: '' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('Enter the new date');
    expect(text).toContain('Enter the reason for moving the date');
    const ok = await post(lead, path, { 'date-day': '5', 'date-month': '3', 'date-year': '2027', reason: 'The PDU asked for more time' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/inspections/${inspection.id}?moved=publication#timeline`);
    const overview = await (await get(lead, `/inspections/${inspection.id}?moved=publication`)).text();
    expect(overview).toContain('Publication: the date is now 5 March 2027');
    expect(overview).toContain('moved from');
    expect(overview).toContain('The PDU asked for more time');
    // An inspector may read the timeline but not move it.
    expect((await get(inspector, path)).status).toBe(404);
    expect((await get(await signedIn(db, 'analyst'), path)).status).toBe(403);
  });
});
