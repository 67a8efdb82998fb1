// The inspection programme through the web app and its services: the registry (youth justice
// services loaded, names over time, intelligence), a PDU cycle planned, moved, pinned and re-planned
// with every revision stored and audited, youth selections with their seed, topics ranked and
// fitted, and the consultation with its questions and responses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName, getCycleRevision, listAudit, listOrganisationNames, listOrganisations } from '../../src/db/repositories/index.ts';
import { checkPlan } from '../../src/domain/programme/cycle-check.ts';
import type { CycleInput, CyclePlan } from '../../src/domain/programme/cycle-types.ts';
import { createApp } from '../../src/http/app.ts';
import { planChanges, reproduce, type StoredRevision } from '../../src/services/programme/cycles.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let admin: TestSession;
let planner: TestSession;
let analyst: TestSession;
let service: TestSession;

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  app = createApp({ db: handle.db });
  admin = await signedIn(handle.db, 'administrator');
  planner = await signedIn(handle.db, 'programme-manager');
  analyst = await signedIn(handle.db, 'analyst');
  service = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
});
afterAll(() => handle?.close());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
const post = (s: TestSession, path: string, fields: Record<string, string>) => app.request(path, formPost(s, fields));
const html = async (s: TestSession, path: string) => {
  const res = await get(s, path);
  expect(res.status, path).toBe(200);
  return res.text();
};
/** A date as the GOV.UK date input sends it: NAME-day, NAME-month and NAME-year. */
const date = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8, 10))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const idFrom = (res: Response) => Number(/\/(\d+)(\?|$)/.exec(res.headers.get('location') ?? '')![1]);
const revisionOf = async (cycleId: number) => (await getCycleRevision(handle.db, cycleId)) as StoredRevision;

describe('the registry', () => {
  it('loads the youth justice services of the reference list once, with their inspections', async () => {
    const youth = await listOrganisations(handle.db, 'youth-service');
    expect(youth).toHaveLength(155);
    const barnet = youth.find((o) => o.name === 'Barnet')!;
    expect(barnet.details.inspections).toEqual([expect.objectContaining({ published: '2022-05-31', overallRating: 'Good' })]);
    await loadReferenceData(handle.db, 'test');
    expect(await listOrganisations(handle.db, 'youth-service')).toHaveLength(155);
    expect((await listOrganisations(handle.db)).length).toBe(12 + 110 + 155);
  });

  it('keeps names over time: former PDUs and the names HMIP reported under', async () => {
    const merged = (await findOrganisationByName(handle.db, 'pdu', 'Stockport and Tameside'))!;
    const names = (await listOrganisationNames(handle.db, merged.id)).map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(['Tameside', 'Stockport and Trafford', 'Tameside PDU (2023, before merger)']));
    const page = await html(analyst, `/programme/services/${merged.id}`);
    expect(page).toContain('Names over time');
    expect(page).toContain('Tameside PDU (2023, before merger)');
    expect(page).toContain('Requires improvement');
  });

  it('renames a PDU from a date, keeps the old name, and does not bring the old name back on the next start', async () => {
    const york = (await findOrganisationByName(handle.db, 'pdu', 'York'))!;
    const notADate = await post(admin, `/programme/services/${york.id}/name`, { name: 'York and Selby', effectiveFrom: '2026-02-30', note: '' });
    expect(notADate.status).toBe(400);
    expect(await notADate.text()).toMatch(/href="#effectiveFrom-day"[^>]*>The date the new name takes effect must be a real date/);
    const clash = await post(admin, `/programme/services/${york.id}/name`, { name: 'Leeds', effectiveFrom: '2026-01-05' });
    expect(await clash.text()).toContain('There is already a PDU called Leeds in Yorkshire and the Humber');
    expect((await post(planner, `/programme/services/${york.id}/name`, { name: 'York and Selby', effectiveFrom: '2026-01-05' })).status).toBe(403);

    const res = await post(admin, `/programme/services/${york.id}/name`, { name: 'York and Selby', effectiveFrom: '2026-01-05', note: 'Merged with Selby' });
    expect(res.status).toBe(303);
    const names = await listOrganisationNames(handle.db, york.id);
    expect(names.filter((n) => n.source === 'recorded').map((n) => [n.name, n.validFrom, n.validTo])).toEqual([
      ['York', null, '2026-01-05'],
      ['York and Selby', '2026-01-05', null],
    ]);
    const event = (await listAudit(handle.db, { entity: 'organisation', entityId: york.id })).at(-1)!;
    expect(event).toMatchObject({ action: 'organisation.renamed', actor: `user:${admin.userId}`, before: { name: 'York' }, after: { name: 'York and Selby', effectiveFrom: '2026-01-05' } });

    // The reference file still says "York": the next load must not add it back as a new PDU.
    await loadReferenceData(handle.db, 'test');
    const pdus = await listOrganisations(handle.db, 'pdu');
    expect(pdus).toHaveLength(110);
    expect(pdus.find((p) => p.name === 'York')).toBeUndefined();
    expect(pdus.find((p) => p.name === 'York and Selby')!.id).toBe(york.id);
    expect((await findOrganisationByName(handle.db, 'pdu', 'York and Selby'))!.details.inspections).toEqual(york.details.inspections);
  });

  it('records caseload, concerns and performance for the risk score, with errors naming the field', async () => {
    const barnsley = (await findOrganisationByName(handle.db, 'youth-service', 'Barnsley'))!;
    const bad = await post(admin, `/programme/services/${barnsley.id}/intelligence`, { caseload: '-3', concerns: 'two', performancePercent: '150' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('href="#caseload"');
    expect(text).toContain('href="#concerns"');
    expect(text).toMatch(/href="#performancePercent"[^>]*>Performance must be a percentage from 0 to 100/);
    const ok = await post(admin, `/programme/services/${barnsley.id}/intelligence`, { caseload: '180', caseloadAsOf: '2026-10-01', concerns: '2', performancePercent: '40', jointInspection: 'yes', note: 'YJB letter' });
    expect(ok.status).toBe(303);
    const page = await html(planner, `/programme/services/${barnsley.id}`);
    expect(page).toContain('Risk score');
    expect(page).toMatch(/2 of 3 \(full\): 0\.7 × 20 = 13\.3/);
    expect(page).toContain('40% of indicators worse than national');
    expect(page).not.toContain('Record intelligence'); // the planner reads; administrators change the registry
    const event = (await listAudit(handle.db, { entity: 'organisation', entityId: barnsley.id })).at(-1)!;
    expect(event).toMatchObject({ action: 'organisation.intelligence-recorded', before: null, after: { caseload: 180, concerns: 2, performance: 0.4, jointInspection: true } });
  });

  it('lists every region\'s PDUs and the youth justice services, to the inspectorate\'s staff only', async () => {
    const page = await html(analyst, '/programme/services');
    expect(page).toContain('Kent, Surrey and Sussex');
    expect(page).toContain('Barnsley');
    expect((await get(service, '/programme/services')).status).toBe(403);
  });
});

describe('the PDU cycle', () => {
  let cycleId: number;

  it('refuses bad planning inputs with every problem named by its field', async () => {
    const res = await post(planner, '/programme/cycles', { ...date('start', '2027-04-06'), years: '0', teams: '', capacity: 'thirty', returnWindowFrom: '18', returnWindowTo: '12' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toMatch(/href="#start-day"[^>]*>The first day of the cycle must be a Monday/);
    // The date input: what was typed comes back, and a date that is not one is named.
    expect(text).toMatch(/id="start-day" name="start-day" type="text" value="6"/);
    const notADate = await post(planner, '/programme/cycles', { 'start-day': '31', 'start-month': '2', 'start-year': '2027', years: '3', teams: '3', capacity: '30' });
    expect(notADate.status).toBe(400);
    expect(await notADate.text()).toMatch(/href="#start-day"[^>]*>The first day of the cycle must be a real date/);
    const blank = await post(planner, '/programme/cycles', { 'start-day': '', 'start-month': '', 'start-year': '', years: '3', teams: '3', capacity: '30' });
    expect(await blank.text()).toMatch(/href="#start-day"[^>]*>Enter the first day of the cycle/);
    expect(text).toMatch(/href="#years"[^>]*>Years in the cycle must be a whole number from 1 to 10/);
    expect(text).toContain('href="#teams"');
    expect(text).toContain('href="#capacity"');
  });

  it('plans from the registry, stores the input with the plan, and shows what it cannot meet', async () => {
    const res = await post(planner, '/programme/cycles', { ...date('start', '2027-04-05'), years: '3', teams: '3', capacity: '30', excludeNonGeographic: 'yes' });
    expect(res.status).toBe(303);
    cycleId = idFrom(res);
    const stored = await revisionOf(cycleId);
    expect(stored.revision).toBe(1);
    expect(stored.input).toMatchObject({ start: '2027-04-05', years: 3, teams: ['Team 1', 'Team 2', 'Team 3'], capacityPerYear: 30 });
    expect(stored.input.pdus).toHaveLength(110);
    expect(stored.input.pdus.find((p) => p.name === 'York and Selby')).toBeDefined();
    expect(stored.input.exclusions).toEqual([{ pdu: 'Birmingham Courts and Centralised Functions', reason: expect.stringContaining('not a geographic PDU') }]);
    // The stored input makes the stored plan again, exactly; its unmet rules are checkPlan's.
    expect(reproduce(stored).identical).toBe(true);
    expect(stored.plan.unmet).toEqual(checkPlan(stored.input, stored.plan));
    expect(stored.plan.unmet.map((u) => u.rule)).toContain('yearly-capacity');
    expect(stored.plan.bookings.filter((b) => b.kind === 'inspection')).toHaveLength(109);

    const page = await html(analyst, `/programme/cycles/${cycleId}`);
    expect(page).toContain('Rules not met');
    expect(page).toContain(stored.plan.unmet[0]!.suggestion.replace(/'/g, '&#39;'));
    expect(page).toContain('Fact-finding');
    expect(page).toContain('<th scope="col" class="govuk-table__header">Team 1</th>');
    expect(page).not.toContain('Move or pin'); // analysts read
    expect(await html(planner, `/programme/cycles/${cycleId}`)).toContain('Move or pin');
    expect((await listAudit(handle.db, { entity: 'programme-cycle', entityId: cycleId })).map((e) => e.action)).toEqual(['programme-cycle.created']);
  });

  it('shows a region\'s PDUs with their last rating, planned week and reason', async () => {
    const page = await html(analyst, `/programme/cycles/${cycleId}/regions/${encodeURIComponent('Yorkshire and the Humber')}`);
    expect(page).toContain('Kirklees');
    expect(page).toContain('return after Inadequate (rated 2024-11)');
    expect(page).toContain('Fact-finding weeks');
    expect((await get(analyst, `/programme/cycles/${cycleId}/regions/Atlantis`)).status).toBe(404);
  });

  it('moves one inspection by pinning it and re-plans the rest around it, moving little', async () => {
    const before = await revisionOf(cycleId);
    const leeds = before.plan.bookings.find((b) => b.kind === 'inspection' && b.pdu === 'Leeds')!;
    const target = before.plan.years.find((y) => y.year === leeds.year)!;
    const week = ['2027-10-04', '2028-10-02', '2029-10-01'][target.year - 1]!;
    const form = await html(planner, `/programme/cycles/${cycleId}/move?booking=${encodeURIComponent('inspection|Leeds')}`);
    expect(form).toContain('Move or pin: Leeds: cycle inspection');

    const res = await post(planner, `/programme/cycles/${cycleId}/pins`, { booking: 'inspection|Leeds', week, team: 'Team 2', revision: '1' });
    expect(res.status).toBe(303);
    const after = await revisionOf(cycleId);
    expect(after.revision).toBe(2);
    expect(after.input.previous).toEqual(before.plan.bookings);
    expect(after.input.pins).toEqual([{ pdu: 'Leeds', week, inspection: 'cycle', team: 'Team 2' }]);
    expect(after.plan.bookings.find((b) => b.pdu === 'Leeds' && b.kind === 'inspection')).toMatchObject({ week, team: 'Team 2', pinned: true });
    expect(after.plan.unmet).toEqual(checkPlan(after.input, after.plan));
    const moved = planChanges(before.plan.bookings, after.plan.bookings, 'inspection|Leeds').moved;
    expect(moved).toBeLessThanOrEqual(12);
    expect(after.change).toContain(`Moved and pinned Leeds's cycle inspection to the week of ${week} (Team 2)`);
    const page = await html(planner, `/programme/cycles/${cycleId}?year=${target.year}&changed=1`);
    expect(page).toContain('govuk-notification-banner--success');
    expect(page).toContain('Pinned');
    const event = (await listAudit(handle.db, { entity: 'programme-cycle', entityId: cycleId })).at(-1)!;
    expect(event).toMatchObject({ action: 'programme-cycle.pinned', actor: `user:${planner.userId}`, before: { revision: 1 }, after: { revision: 2 } });
  });

  it('refuses a change made from an out-of-date page, and a week outside the cycle', async () => {
    const stale = await post(planner, `/programme/cycles/${cycleId}/pins`, { booking: 'inspection|Sheffield', week: '2027-06-07', revision: '1' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('The plan has changed since you opened it');
    const outside = await post(planner, `/programme/cycles/${cycleId}/pins`, { booking: 'inspection|Sheffield', week: '2035-06-04', revision: '2' });
    expect(outside.status).toBe(400);
    expect(await outside.text()).toMatch(/href="#week"/);
    expect((await revisionOf(cycleId)).revision).toBe(2);
    expect((await post(analyst, `/programme/cycles/${cycleId}/pins`, { booking: 'inspection|Sheffield', week: '2027-06-07' })).status).toBe(403);
  });

  it('takes a pin off, and keeps the booking where it is', async () => {
    const before = await revisionOf(cycleId);
    const res = await post(planner, `/programme/cycles/${cycleId}/unpin`, { booking: 'inspection|Leeds', revision: String(before.revision) });
    expect(res.status).toBe(303);
    const after = await revisionOf(cycleId);
    expect(after.input.pins).toEqual([]);
    const leeds = after.plan.bookings.find((b) => b.pdu === 'Leeds' && b.kind === 'inspection')!;
    expect(leeds.pinned).toBe(false);
    expect(leeds.week).toBe(before.plan.bookings.find((b) => b.pdu === 'Leeds' && b.kind === 'inspection')!.week);
  });

  it('keeps a team away for weeks, and undoes it', async () => {
    const res = await post(planner, `/programme/cycles/${cycleId}/exclusions`, { subject: 'team', team: 'Team 3', ...date('from', '2027-05-03'), ...date('to', '2027-06-27'), reason: 'Training' });
    expect(res.status).toBe(303);
    const after = await revisionOf(cycleId);
    expect(after.plan.bookings.filter((b) => b.team === 'Team 3' && b.week >= '2027-05-03' && b.week <= '2027-06-27' && !b.pinned)).toEqual([]);
    const bad = await post(planner, `/programme/cycles/${cycleId}/exclusions`, { subject: 'team', team: 'Team 3', ...date('from', '2027-05-03'), 'to-day': '', 'to-month': '', 'to-year': '', reason: '' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toMatch(/href="#to-day"[^>]*>Give the first and last day the team is away/);
    expect(text).toContain('href="#reason"');
    const index = after.input.exclusions!.length - 1;
    expect((await post(planner, `/programme/cycles/${cycleId}/exclusions/remove`, { index: String(index) })).status).toBe(303);
    expect((await revisionOf(cycleId)).input.exclusions).toHaveLength(index);
  });

  it('changes the settings and reads the registry again, renamed PDUs keeping their places', async () => {
    const pin = await post(planner, `/programme/cycles/${cycleId}/pins`, { booking: 'inspection|York and Selby', week: '2028-01-10' });
    expect(pin.status).toBe(303);
    const york = (await findOrganisationByName(handle.db, 'pdu', 'York and Selby'))!;
    expect((await post(admin, `/programme/services/${york.id}/name`, { name: 'York and Ryedale', effectiveFrom: '2026-06-01' })).status).toBe(303);
    const settings = await html(planner, `/programme/cycles/${cycleId}/settings`);
    expect(settings).toContain('Planning inputs');
    const res = await post(planner, `/programme/cycles/${cycleId}/settings`, {
      start: '2027-04-05',
      years: '3',
      teams: 'Team 1\nTeam 2\nTeam 3\nTeam 4',
      capacity: '60, 40, 40',
      blackouts: '12-19 to 01-01 Christmas and New Year\n08-01 to 08-31 August',
      returnWindowFrom: '12',
      returnWindowTo: '18',
      minimumWeeksBetween: '26',
      refreshRegistry: 'yes',
    });
    expect(res.status).toBe(303);
    const after = await revisionOf(cycleId);
    expect(after.input.teams).toHaveLength(4);
    expect(after.input.capacityPerYear).toEqual([60, 40, 40]);
    expect(after.input.pins).toEqual([{ pdu: 'York and Ryedale', week: '2028-01-10', inspection: 'cycle' }]);
    expect(after.plan.bookings.find((b) => b.pdu === 'York and Ryedale' && b.kind === 'inspection')).toMatchObject({ week: '2028-01-10', pinned: true });
    expect(after.change).toContain('York and Selby is now York and Ryedale');
    expect(after.plan.unmet).toEqual(checkPlan(after.input, after.plan));
    expect(reproduce(after).identical).toBe(true);
    // Every revision is kept, and each is audited.
    const page = await html(analyst, `/programme/cycles/${cycleId}?revision=1`);
    expect(page).toContain('This is revision 1');
    expect((await listAudit(handle.db, { entity: 'programme-cycle', entityId: cycleId })).length).toBe(after.revision);
  });

  it('serves the cycle as JSON with its input, plan and check', async () => {
    const res = await get(analyst, `/api/programme/cycles/${cycleId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { input: CycleInput; plan: CyclePlan; check: unknown[]; revision: number };
    expect(body.check).toEqual(body.plan.unmet);
    expect(body.input.start).toBe('2027-04-05');
    expect((await get(service, `/api/programme/cycles/${cycleId}`)).status).toBe(403);
    expect((await app.request(`/api/programme/cycles/${cycleId}`)).status).toBe(401);
    expect((await get(analyst, '/api/programme/cycles/999')).status).toBe(404);
  });
});

describe('youth justice services', () => {
  let selectionId: number;

  it('shows every service\'s risk score with each factor\'s contribution', async () => {
    const page = await html(analyst, '/programme/youth?asOf=2027-04-01');
    expect(page).toContain('ranked by risk score as of 1 Apr 2027');
    // The scoring form's date input, and a date that is not one named beside it.
    expect(await html(analyst, '/programme/youth?asOf-day=3&asOf-month=5&asOf-year=2027')).toContain('ranked by risk score as of 3 May 2027');
    expect(await html(analyst, '/programme/youth?asOf-day=31&asOf-month=2&asOf-year=2027')).toMatch(/href="#score-asOf-day"[^>]*>The date to score as of must be a real date/);
    expect(page).toContain('no data (adds nothing)');
    expect(page).toMatch(/Requires improvement|Inadequate/);
    expect(page).not.toContain("Make the year's selection");
    expect(await html(planner, '/programme/youth')).toContain("Make the year's selection");
  });

  it('selects the year\'s services from a stored seed, and the draw repeats exactly', async () => {
    const bad = await post(planner, '/programme/youth/selections', { 'asOf-day': '30', 'asOf-month': '2', 'asOf-year': '2027', targeted: '-1', random: 'x', seed: '1' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/href="#asOf-day"[^>]*>The first day of the programme year must be a real date/);
    // With the date right, the other fields' problems are named.
    const badCounts = await post(planner, '/programme/youth/selections', { ...date('asOf', '2027-04-01'), targeted: '-1', random: 'x', seed: '1' });
    const text = await badCounts.text();
    for (const field of ['targeted', 'random']) expect(text).toContain(`href="#${field}"`);
    const res = await post(planner, '/programme/youth/selections', { ...date('asOf', '2027-04-01'), targeted: '5', random: '3', seed: '2027', capacity: '33', joint: 'Barnet' });
    expect(res.status).toBe(303);
    selectionId = idFrom(res);
    const page = await html(analyst, `/programme/youth/selections/${selectionId}`);
    expect(page).toContain('Made again from its stored input and seed, the selection gives exactly this list.');
    expect(page).toContain('2027');
    const json = (await (await get(analyst, `/api/programme/youth/selections/${selectionId}`)).json()) as { seed: number; repeatsExactly: boolean; result: { selected: { service: string; joint: boolean; reasons: { kind: string }[] }[] } };
    expect(json).toMatchObject({ seed: 2027, repeatsExactly: true });
    const selected = json.result.selected;
    expect(selected.filter((s) => s.reasons.some((r) => r.kind === 'random'))).toHaveLength(3);
    expect(selected.filter((s) => s.reasons.some((r) => r.kind === 'targeted'))).toHaveLength(5);
    // Re-inspection after Inadequate, and joint inspections, are flagged.
    expect(selected.some((s) => s.reasons.some((r) => r.kind === 're-inspection'))).toBe(true);
    expect(selected.filter((s) => s.joint).length).toBeGreaterThan(0);
    const again = await post(planner, '/programme/youth/selections', { asOf: '2027-04-01', targeted: '5', random: '3', seed: '2027', capacity: '33', joint: 'Barnet' });
    const second = (await (await get(analyst, `/api/programme/youth/selections/${idFrom(again)}`)).json()) as typeof json;
    expect(second.result.selected.map((s) => s.service)).toEqual(selected.map((s) => s.service));
    expect((await listAudit(handle.db, { entity: 'youth-selection', entityId: selectionId }))[0]).toMatchObject({ action: 'youth-selection.made', after: { seed: 2027 } });
  });

  it('refuses a joint inspection of a service not in the registry', async () => {
    const res = await post(planner, '/programme/youth/selections', { asOf: '2027-04-01', targeted: '1', random: '0', seed: '1', joint: 'Atlantis' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/href="#joint"[^>]*>Not youth justice services in the registry: Atlantis/);
  });
});

describe('programme years, topics and the consultation', () => {
  let yearId: number;
  let cycleId: number;

  it('starts a year with the consultation questions in the usual wording', async () => {
    cycleId = idFrom(await post(planner, '/programme/cycles', { start: '2027-04-05', years: '3', teams: '3', capacity: '80', excludeNonGeographic: 'yes' }));
    const selection = idFrom(await post(planner, '/programme/youth/selections', { asOf: '2027-04-01', targeted: '10', random: '5', seed: '7' }));
    const bad = await post(planner, '/programme/years', { label: '2027/29', startsOn: '2027-04-01', fieldworkSlots: 'five', desktopSlots: '1', researchSlots: '2' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('href="#label"');
    expect(text).toContain('href="#fieldworkSlots"');
    const badDate = await post(planner, '/programme/years', { label: '2027/28', ...date('startsOn', '2027-04-01'), fieldworkSlots: '2', desktopSlots: '1', researchSlots: '1', 'consultationCloses-day': '26', 'consultationCloses-month': '2', 'consultationCloses-year': '27' });
    expect(await badDate.text()).toMatch(/href="#consultationCloses-year"[^>]*>Year must include 4 numbers/);
    const res = await post(planner, '/programme/years', { label: '2027/28', ...date('startsOn', '2027-04-01'), fieldworkSlots: '2', desktopSlots: '1', researchSlots: '1', cycleId: String(cycleId), cycleYear: '', youthSelectionId: String(selection), ...date('consultationCloses', '2027-02-26') });
    expect(res.status).toBe(303);
    yearId = idFrom(res);
    const duplicate = await post(planner, '/programme/years', { label: '2027/28', startsOn: '2027-04-01', fieldworkSlots: '2', desktopSlots: '1', researchSlots: '1' });
    expect(await duplicate.text()).toContain('There is already a programme year 2027/28');
    const questions = await html(planner, `/programme/years/${yearId}/consultation/questions`);
    expect(questions).toContain('Taking into account the criteria above, do you have any alternative proposals for thematic topics for 2027/2028?');
    expect(questions).toContain('Are there any other areas of probation or youth justice delivery that are not currently covered by our inspection programme');
  });

  it('ranks the candidate topics against the published criteria and fits them to the resource, with the explanation', async () => {
    const add = (fields: Record<string, string>) => post(planner, `/programme/years/${yearId}/topics`, fields);
    const untitled = await add({ title: '', kind: 'fieldwork' });
    expect(untitled.status).toBe(400);
    expect(await untitled.text()).toMatch(/href="#title"[^>]*>Enter the topic/);
    const badScore = await add({ title: 'Pre-sentence reports', kind: 'fieldwork', 'score-ongoing-weakness': '4' });
    expect(badScore.status).toBe(400);
    expect(await badScore.text()).toMatch(/href="#score-ongoing-weakness"[^>]*>Score &quot;Has this been identified/);
    expect((await add({ title: 'Domestic abuse', kind: 'fieldwork', 'score-ongoing-weakness': '3', 'score-ministerial-priority': '2', 'score-major-change': '1', summary: 'A follow-up thematic.' })).status).toBe(303);
    expect((await add({ title: 'Women', kind: 'fieldwork', 'score-ongoing-weakness': '1', 'score-ministerial-priority': '1', 'score-major-change': '0' })).status).toBe(303);
    expect((await add({ title: 'Offender management in custody', kind: 'fieldwork', committed: 'yes', jointWith: 'HM Inspectorate of Prisons' })).status).toBe(303);
    expect((await add({ title: 'Racial disproportionality', kind: 'desktop', 'score-ongoing-weakness': '2' })).status).toBe(303);
    expect((await add({ title: 'Probation interventions', kind: 'research', 'score-level-of-risk': '3', 'score-potential-impact': '3', 'score-suitability': '2', 'score-resources': '2' })).status).toBe(303);
    const body = (await (await get(analyst, `/api/programme/years/${yearId}/topics`)).json()) as { topics: { title: string; rank: number; fitted: boolean; explanation: string; score: number }[] };
    const byTitle = Object.fromEntries(body.topics.map((t) => [t.title, t]));
    expect(byTitle['Offender management in custody']).toMatchObject({ rank: 1, fitted: true });
    expect(byTitle['Domestic abuse']).toMatchObject({ rank: 2, fitted: true });
    expect(byTitle['Women']!.fitted).toBe(false);
    expect(byTitle['Women']!.explanation).toContain('Not fitted');
    expect(byTitle['Domestic abuse']!.score).toBeCloseTo(66.7, 1);
    const page = await html(analyst, `/programme/years/${yearId}`);
    expect(page).toContain('Ranked 2 of 4 thematic topics with 66.7 of 100');
    expect((await listAudit(handle.db, { entity: 'programme-topic' })).map((e) => e.action)).toEqual(Array(5).fill('programme-topic.added'));
  });

  it('writes the consultation as a page and a PDF, with the programme and its questions', async () => {
    const page = await html(analyst, `/programme/years/${yearId}/consultation`);
    expect(page).toContain('Consultation on our inspection programme 2027/2028');
    expect(page).toMatch(/We intend to conduct \d+ PDU inspections in 2027\/2028/);
    expect(page).toMatch(/inspections of youth justice services in 2027\/2028 - \d+ single and \d+ joint/);
    expect(page).toContain('Has this been identified as an ongoing area of weakness/concern in our core inspections?');
    expect(page).toContain('Domestic abuse');
    expect(page).toContain('Q3: Taking into account the criteria above, do you have any alternative proposals for thematic topics for 2027/2028?');
    expect(page).toContain('by 26 February 2027');
    const pdf = await get(analyst, `/programme/years/${yearId}/consultation.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('edits the questions as data, each change audited', async () => {
    const body = (await (await get(analyst, `/api/programme/years/${yearId}/consultation`)).json()) as { questions: { id: number; number: number; text: string }[] };
    const q1 = body.questions[0]!;
    const bad = await post(planner, `/programme/years/${yearId}/consultation/questions/${q1.id}`, { section: 'core', text: ' ' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/href="#text"[^>]*>Enter the question/);
    const res = await post(planner, `/programme/years/${yearId}/consultation/questions/${q1.id}`, { section: 'core', text: 'Do you agree with our proposed programme for 2027/2028?', guidance: '' });
    expect(res.status).toBe(303);
    expect(await html(analyst, `/programme/years/${yearId}/consultation`)).toContain('Q1: Do you agree with our proposed programme for 2027/2028?');
    const added = await post(planner, `/programme/years/${yearId}/consultation/questions`, { section: 'research', text: 'Which research would help you most?' });
    expect(added.status).toBe(303);
    const events = await listAudit(handle.db, { entity: 'consultation-question' });
    expect(events.map((e) => e.action)).toEqual(['consultation-question.changed', 'consultation-question.added']);
    expect(events[0]!.before).toMatchObject({ text: q1.text });
  });

  it('records responses against each question, and keeps a question that has them', async () => {
    const body = (await (await get(analyst, `/api/programme/years/${yearId}/consultation`)).json()) as { questions: { id: number; number: number }[] };
    const q3 = body.questions.find((q) => q.number === 3)!;
    const bad = await post(planner, `/programme/years/${yearId}/consultation/responses`, { questionId: '', receivedOn: '2027-13-01', text: '' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    for (const field of ['questionId', 'receivedOn-day', 'text']) expect(text).toContain(`href="#${field}"`);
    const ok = await post(planner, `/programme/years/${yearId}/consultation/responses`, { questionId: String(q3.id), respondentName: '', respondentOrganisation: 'Probation Institute', receivedOn: '2026-03-14', text: 'Consider a thematic on pre-sentence reports.' });
    expect(ok.status).toBe(303);
    const page = await html(analyst, `/programme/years/${yearId}/consultation/responses`);
    expect(page).toContain('Consider a thematic on pre-sentence reports.');
    expect(page).toContain('Probation Institute');
    expect(page).toContain('Not given');
    expect((await post(analyst, `/programme/years/${yearId}/consultation/responses`, { questionId: String(q3.id), receivedOn: '2026-03-14', text: 'x' })).status).toBe(403);
    const removed = await post(planner, `/programme/years/${yearId}/consultation/questions/${q3.id}/remove`, {});
    expect(removed.status).toBe(409);
    const event = (await listAudit(handle.db, { entity: 'consultation-response' })).at(-1)!;
    expect(event).toMatchObject({ action: 'consultation-response.recorded', actor: `user:${planner.userId}`, after: { questionId: q3.id, respondentName: null, respondentOrganisation: 'Probation Institute' } });
  });
});
