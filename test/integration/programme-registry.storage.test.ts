// The registry's inspection history and names over time: results recorded, corrected and withdrawn
// by administrators (and the plan that follows: a PDU rated Inadequate comes back sooner), renames
// announced ahead of their date, and inspections published in Inspectorate joining the history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName, listAudit, listOrganisationNames, listOrganisations, saveReport } from '../../src/db/repositories/index.ts';
import { addDays, isMonday } from '../../src/domain/programme/dates.ts';
import { createApp } from '../../src/http/app.ts';
import { shortDate } from '../../src/presenters/programme-cycle.ts';
import { ensureDemoInspection } from '../../src/services/demo.ts';
import { createInspection, rateStoredInspection } from '../../src/services/inspections.ts';
import { prepareCycle } from '../../src/services/programme/cycles.ts';
import { applyDueRenames, getServiceRecord, planningPdus, planningYouthServices, renameService } from '../../src/services/programme/registry.ts';
import { youthScores } from '../../src/services/programme/youth.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { defaultFramework } from '../../src/reference/frameworks.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { pinClock } from '../support/clock.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let admin: TestSession;
let planner: TestSession;

const today = clock.today();
/** The Monday after today: a cycle starting then. */
const nextMonday = (() => {
  let d = addDays(today, 1);
  while (!isMonday(d)) d = addDays(d, 1);
  return d;
})();

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  app = createApp({ db: handle.db });
  admin = await signedIn(handle.db, 'administrator');
  planner = await signedIn(handle.db, 'programme-manager');
});
afterAll(() => handle?.close());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
const post = (s: TestSession, path: string, fields: Record<string, string>) => app.request(path, formPost(s, fields));
const html = async (s: TestSession, path: string) => {
  const res = await get(s, path);
  expect(res.status, path).toBe(200);
  return res.text();
};
const pdu = async (name: string) => (await findOrganisationByName(handle.db, 'pdu', name))!;
const planned = async (name: string) => (await planningPdus(handle.db)).pdus.find((p) => p.name === name)!;
const cyclePlan = () => prepareCycle(handle.db, { start: nextMonday, years: '3', teams: '3', capacity: '60', excludeNonGeographic: 'yes' });

describe('recording an inspection result', () => {
  it('refuses bad input with every problem named by its field', async () => {
    const hull = await pdu('Hull and East Riding');
    const res = await post(admin, `/programme/services/${hull.id}/inspections`, { published: addDays(today, 1), fieldwork: '2026-02-30', overallRating: 'Excellent', url: 'not a link', source: '' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('govuk-error-summary');
    expect(text).toMatch(/href="#published-day"[^>]*>The date the report was published must be today or in the past/);
    expect(text).toMatch(/href="#fieldwork-day"[^>]*>The date fieldwork started must be a real date/);
    expect(text).toMatch(/href="#overallRating"[^>]*>Select the overall rating/);
    expect(text).toMatch(/href="#url"[^>]*>The link to the report must be a web address/);
    const missing = await (await post(admin, `/programme/services/${hull.id}/inspections`, {})).text();
    expect(missing).toMatch(/href="#published-day"[^>]*>Enter the date the report was published/);
    const order = await (await post(admin, `/programme/services/${hull.id}/inspections`, { published: '2026-03-01', fieldwork: '2026-04-01', overallRating: 'Good' })).text();
    expect(order).toMatch(/href="#fieldwork-day"[^>]*>The date fieldwork started must be on or before the date the report was published/);
    expect((await post(planner, `/programme/services/${hull.id}/inspections`, { published: '2026-03-01', overallRating: 'Good' })).status).toBe(403);
    expect(await getServiceRecord(handle.db, hull.id)).toMatchObject({ inspections: [expect.objectContaining({ source: 'reference' })] });
  });

  it('records an Inadequate: it shows in the history, and the next plan brings the PDU back sooner', async () => {
    const hull = await pdu('Hull and East Riding');
    expect((await planned('Hull and East Riding')).lastInspection).toEqual({ date: '2023-03-30', rating: 'Requires improvement' });
    const before = await cyclePlan();
    expect(before.plan.bookings.filter((b) => b.pdu === 'Hull and East Riding').map((b) => b.kind)).toEqual(['inspection']);

    const published = addDays(today, -14);
    const res = await post(admin, `/programme/services/${hull.id}/inspections`, {
      published,
      fieldwork: addDays(today, -120),
      overallRating: 'Inadequate',
      url: 'https://www.justiceinspectorates.gov.uk/hmiprobation/inspections/hull/',
      source: 'HMI Probation report',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/programme/services/${hull.id}?flash=result-saved#inspections`);

    const page = await html(planner, `/programme/services/${hull.id}`);
    expect(page).toMatch(new RegExp(`${published}</th>[\\s\\S]*?Inadequate[\\s\\S]*?Recorded by an administrator \\(user:${admin.userId}\\)[\\s\\S]*?HMI Probation report`));
    expect(page).toContain('Reference data');
    expect(page).not.toContain('Record an inspection result'); // planners read; administrators change the registry
    expect(await html(admin, `/programme/services/${hull.id}`)).toContain('Record an inspection result');

    expect((await planned('Hull and East Riding')).lastInspection).toEqual({ date: published, rating: 'Inadequate' });
    const after = await cyclePlan();
    const bookings = after.plan.bookings.filter((b) => b.pdu === 'Hull and East Riding');
    expect(bookings.map((b) => b.kind).sort()).toEqual(['inspection', 'return-inspection']);
    const ret = bookings.find((b) => b.kind === 'return-inspection')!;
    // The return falls within 12 to 18 months of the Inadequate rating (a week overlapping the window).
    expect(ret.week >= addDays(published, 365 - 7)).toBe(true);
    expect(ret.week <= addDays(published, 18 * 31)).toBe(true);
    expect(ret.reason).toContain('return after Inadequate');

    const event = (await listAudit(handle.db, { entity: 'organisation', entityId: hull.id })).at(-1)!;
    expect(event).toMatchObject({ action: 'organisation.inspection-recorded', actor: `user:${admin.userId}`, after: { published, overallRating: 'Inadequate', source: 'HMI Probation report' } });

    // The same report twice is refused.
    const twice = await post(admin, `/programme/services/${hull.id}/inspections`, { published, overallRating: 'Good' });
    expect(await twice.text()).toMatch(/href="#published-day"[^>]*>A result published on [\d-]+ is already recorded: correct it instead/);
  });

  it('counts for the youth justice risk score too', async () => {
    const bath = (await findOrganisationByName(handle.db, 'youth-service', 'Bath and North East Somerset'))!;
    const score = async () => (await youthScores(handle.db, today)).find((s) => s.service === bath.name)!;
    const before = await score();
    expect(before.factors.find((f) => f.factor === 'lastRating')!.value).toBe('Good');
    expect((await post(admin, `/programme/services/${bath.id}/inspections`, { published: addDays(today, -3), overallRating: 'Inadequate' })).status).toBe(303);
    const { services } = await planningYouthServices(handle.db);
    expect(services.find((s) => s.name === bath.name)!.lastInspection).toEqual({ date: addDays(today, -3), rating: 'Inadequate' });
    const after = await score();
    expect(after.factors.find((f) => f.factor === 'lastRating')!.value).toBe('Inadequate');
    expect(after.score).toBeGreaterThan(before.score);
  });

  it('corrects and withdraws a recorded result, each change audited, and the plan follows', async () => {
    const cumbria = await pdu('Cumbria');
    expect((await post(admin, `/programme/services/${cumbria.id}/inspections`, { published: '2026-06-15', overallRating: 'Inadequate' })).status).toBe(303);
    const resultId = (await getServiceRecord(handle.db, cumbria.id)).inspections.at(-1)!.recordedId!;
    expect(await html(admin, `/programme/services/${cumbria.id}`)).toContain(`href="/programme/services/${cumbria.id}/inspections/${resultId}"`);
    expect(await html(admin, `/programme/services/${cumbria.id}/inspections/${resultId}`)).toContain('Correct the result');
    expect((await get(planner, `/programme/services/${cumbria.id}/inspections/${resultId}`)).status).toBe(403);
    // Another service's result is not found under this one.
    expect((await get(admin, `/programme/services/${(await pdu('Blackburn')).id}/inspections/${resultId}`)).status).toBe(404);

    const bad = await post(admin, `/programme/services/${cumbria.id}/inspections/${resultId}`, { published: '2026-06-15', overallRating: '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/href="#overallRating"[^>]*>Select the overall rating/);
    expect((await post(admin, `/programme/services/${cumbria.id}/inspections/${resultId}`, { published: '2026-06-16', overallRating: 'Requires improvement', source: 'Corrected from the report' })).status).toBe(303);
    expect((await planned('Cumbria')).lastInspection).toEqual({ date: '2026-06-16', rating: 'Requires improvement' });

    const noReason = await post(admin, `/programme/services/${cumbria.id}/inspections/${resultId}/withdraw`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toMatch(/href="#reason"[^>]*>Give the reason for withdrawing the result/);
    expect((await post(admin, `/programme/services/${cumbria.id}/inspections/${resultId}/withdraw`, { reason: 'Recorded against the wrong PDU' })).status).toBe(303);
    expect((await planned('Cumbria')).lastInspection).toEqual({ date: '2023', rating: 'Requires improvement' });
    expect((await getServiceRecord(handle.db, cumbria.id)).inspections.map((i) => i.source)).toEqual(['reference']);
    expect((await post(admin, `/programme/services/${cumbria.id}/inspections/${resultId}/withdraw`, { reason: 'Again' })).status).toBe(404);

    const events = (await listAudit(handle.db, { entity: 'organisation', entityId: cumbria.id })).slice(-3);
    expect(events.map((e) => e.action)).toEqual(['organisation.inspection-recorded', 'organisation.inspection-corrected', 'organisation.inspection-withdrawn']);
    expect(events[1]).toMatchObject({ before: { published: '2026-06-15', overallRating: 'Inadequate' }, after: { published: '2026-06-16', overallRating: 'Requires improvement' } });
    expect(events[2]).toMatchObject({ after: { withdrawn: true, reason: 'Recorded against the wrong PDU' } });
  });
});

describe('a rename announced ahead of its date', () => {
  const from = addDays(today, 100);

  it('keeps the current name until the date, and lists the change to come', async () => {
    const central = await pdu('Central Lancashire');
    const res = await post(admin, `/programme/services/${central.id}/name`, { name: 'Lancashire Central and Preston', effectiveFrom: from, note: 'Announced by the region' });
    expect(res.status).toBe(303);
    expect((await pdu('Central Lancashire')).id).toBe(central.id);
    expect(await findOrganisationByName(handle.db, 'pdu', 'Lancashire Central and Preston')).toBeUndefined();
    const page = await html(planner, `/programme/services/${central.id}`);
    expect(page).toContain(`Renamed to Lancashire Central and Preston from ${shortDate(from)}`);
    expect(page).toMatch(/<h1 class="govuk-heading-l">Central Lancashire<\/h1>/);
    expect(page).toContain('Scheduled: Recorded by');
    expect((await planningPdus(handle.db)).organisationIds['Central Lancashire']).toBe(central.id);
    const event = (await listAudit(handle.db, { entity: 'organisation', entityId: central.id })).at(-1)!;
    expect(event).toMatchObject({ action: 'organisation.rename-scheduled', before: { name: 'Central Lancashire' }, after: { name: 'Lancashire Central and Preston', effectiveFrom: from } });
    const api = (await (await get(planner, `/api/programme/services/${central.id}`)).json()) as { name: string; scheduledNames: unknown[] };
    expect(api).toMatchObject({ name: 'Central Lancashire', scheduledNames: [{ name: 'Lancashire Central and Preston', from }] });

    // The next start loads the reference data again: nothing changes before the date.
    await loadReferenceData(handle.db, 'test');
    expect((await listOrganisations(handle.db, 'pdu')).length).toBe(110);
    expect((await pdu('Central Lancashire')).id).toBe(central.id);
  });

  it('refuses a date that is not real, or before the last name change, and a name another service will take', async () => {
    const central = await pdu('Central Lancashire');
    const notReal = await post(admin, `/programme/services/${central.id}/name`, { name: 'Preston', effectiveFrom: '2027-02-29' });
    expect(await notReal.text()).toMatch(/href="#effectiveFrom-day"[^>]*>The date the new name takes effect must be a real date/);
    // The form's GOV.UK date input: its problems in GOV.UK's words, linked to the part to correct.
    const noMonth = await post(admin, `/programme/services/${central.id}/name`, { name: 'Preston', 'effectiveFrom-day': '5', 'effectiveFrom-month': '', 'effectiveFrom-year': '2027' });
    expect(noMonth.status).toBe(400);
    expect(await noMonth.text()).toMatch(/href="#effectiveFrom-month"[^>]*>The date the new name takes effect must include a month/);
    const notRealParts = await post(admin, `/programme/services/${central.id}/name`, { name: 'Preston', 'effectiveFrom-day': '29', 'effectiveFrom-month': '2', 'effectiveFrom-year': '2027' });
    expect(await notRealParts.text()).toContain('The date the new name takes effect must be a real date');
    const earlier = await post(admin, `/programme/services/${central.id}/name`, { name: 'Preston', effectiveFrom: addDays(from, -1) });
    expect(earlier.status).toBe(400);
    expect(await earlier.text()).toMatch(new RegExp(`href="#effectiveFrom-day"[^>]*>The date the new name takes effect must be after the last name change, on ${from}`));
    const same = await post(admin, `/programme/services/${central.id}/name`, { name: 'Lancashire Central and Preston', effectiveFrom: addDays(from, 10) });
    expect(await same.text()).toContain('The service is already to be called Lancashire Central and Preston');
    const east = await pdu('East Lancashire');
    const taken = await post(admin, `/programme/services/${east.id}/name`, { name: 'Lancashire Central and Preston', effectiveFrom: addDays(from, 10) });
    expect(await taken.text()).toContain('There is already a PDU called Lancashire Central and Preston in North West from a rename recorded ahead');
  });

  it('takes effect on its date: the name in force on every date stays consistent, and a later rename follows on', async () => {
    const central = await pdu('Central Lancashire');
    const later = addDays(from, 200);
    await renameService(handle.db, central.id, { name: 'Preston and Chorley', effectiveFrom: later }, 'test', today);
    expect((await listOrganisationNames(handle.db, central.id)).filter((n) => n.source === 'recorded').map((n) => [n.name, n.validFrom, n.validTo])).toEqual([
      ['Central Lancashire', null, from],
      ['Lancashire Central and Preston', from, later],
      ['Preston and Chorley', later, null],
    ]);
    // The day before, nothing changes.
    expect(await applyDueRenames(handle.db, addDays(from, -1))).toBe(0);
    expect((await pdu('Central Lancashire')).id).toBe(central.id);
    // On the day, the registry read as of then uses the new name, once.
    const planning = await planningPdus(handle.db, from);
    expect(planning.organisationIds['Lancashire Central and Preston']).toBe(central.id);
    expect(planning.organisationIds['Central Lancashire']).toBeUndefined();
    expect(await applyDueRenames(handle.db, from)).toBe(0);
    const event = (await listAudit(handle.db, { entity: 'organisation', entityId: central.id })).at(-1)!;
    expect(event).toMatchObject({ action: 'organisation.rename-took-effect', actor: 'system:registry', before: { name: 'Central Lancashire' }, after: { name: 'Lancashire Central and Preston', effectiveFrom: from } });
    const record = await getServiceRecord(handle.db, central.id, from);
    expect(record.scheduled.map((n) => n.name)).toEqual(['Preston and Chorley']);
    expect(await applyDueRenames(handle.db, later)).toBe(1);
    expect((await getServiceRecord(handle.db, central.id, later)).organisation.name).toBe('Preston and Chorley');
  });

  it('cancels a rename still waiting for its date, and the name stays', async () => {
    const east = await pdu('East Lancashire');
    expect((await post(admin, `/programme/services/${east.id}/name/cancel`, {})).status).toBe(409);
    expect((await post(admin, `/programme/services/${east.id}/name`, { name: 'Pennine Lancashire', effectiveFrom: from })).status).toBe(303);
    const page = await html(admin, `/programme/services/${east.id}`);
    expect(page).toContain('Cancel the rename to Pennine Lancashire');
    expect((await post(planner, `/programme/services/${east.id}/name/cancel`, {})).status).toBe(403);
    expect((await post(admin, `/programme/services/${east.id}/name/cancel`, {})).status).toBe(303);
    const record = await getServiceRecord(handle.db, east.id);
    expect(record.scheduled).toEqual([]);
    expect(record.names.filter((n) => n.source === 'recorded').map((n) => [n.name, n.validFrom, n.validTo])).toEqual([['East Lancashire', null, null]]);
    await applyDueRenames(handle.db, addDays(from, 1));
    expect((await getServiceRecord(handle.db, east.id, addDays(from, 1))).organisation.name).toBe('East Lancashire');
    expect((await listAudit(handle.db, { entity: 'organisation', entityId: east.id })).at(-1)).toMatchObject({
      action: 'organisation.rename-cancelled',
      before: { name: 'Pennine Lancashire', effectiveFrom: from },
      after: { name: 'East Lancashire' },
    });
    // A new date for the rename can be recorded again.
    expect((await post(admin, `/programme/services/${east.id}/name`, { name: 'Pennine Lancashire', effectiveFrom: addDays(from, 30) })).status).toBe(303);
  });
});

describe('inspections published in Inspectorate', () => {
  let leedsId: number;
  let demoId: number;
  const publishOn = addDays(today, -20);

  beforeAll(async () => {
    demoId = (await ensureDemoInspection(handle.db))!;
    leedsId = (await pdu('Leeds')).id;
  });

  it('join the history with the rating the app gives, once the report is published, and count for planning', async () => {
    expect((await getServiceRecord(handle.db, leedsId)).inspections.map((i) => i.source)).toEqual(['reference']);
    // Embargoed until a date still to come: not yet.
    await saveReport(handle.db, { inspectionId: demoId, status: 'embargoed', foreword: '', overallFindings: '', publishOn: addDays(today, 5), updatedBy: 'test' });
    expect((await getServiceRecord(handle.db, leedsId)).inspections.map((i) => i.source)).toEqual(['reference']);
    // Its date come: published.
    await saveReport(handle.db, { inspectionId: demoId, status: 'embargoed', foreword: '', overallFindings: '', publishOn, updatedBy: 'test' });
    const { ratings } = await rateStoredInspection(handle.db, demoId);
    const history = (await getServiceRecord(handle.db, leedsId)).inspections;
    expect(history.map((i) => [i.source, i.published, i.overallRating])).toEqual([
      ['reference', null, 'Inadequate'],
      ['published', publishOn, ratings.overall.rating],
    ]);
    expect((await planned('Leeds')).lastInspection).toEqual({ date: publishOn, rating: ratings.overall.rating });
    const page = await html(planner, `/programme/services/${leedsId}`);
    expect(page).toContain('Published in Inspectorate');
    expect(page).toContain(`href="/public/inspections/${demoId}"`);
    const api = (await (await get(planner, `/api/programme/services/${leedsId}`)).json()) as { inspections: { source: string; sourceName: string }[] };
    expect(api.inspections.map((i) => i.sourceName)).toEqual(['reference data', 'published in Inspectorate']);

    // A report not yet published adds nothing.
    const draft = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: defaultFramework(), fieldworkStart: addDays(today, -60) }, 'test');
    expect((await getServiceRecord(handle.db, leedsId)).inspections).toHaveLength(2);
    expect((await getServiceRecord(handle.db, leedsId)).inspectionsInApp.map((i) => i.id).sort((a, b) => a - b)).toEqual([demoId, draft.id].sort((a, b) => a - b));
  });

  it('are not counted twice when an administrator records the result of the same inspection', async () => {
    const form = await html(admin, `/programme/services/${leedsId}`);
    expect(form).toContain('The inspection in Inspectorate (optional)');
    const other = await post(admin, `/programme/services/${(await pdu('Doncaster')).id}/inspections`, { published: publishOn, overallRating: 'Good', inspectionId: String(demoId) });
    expect(await other.text()).toMatch(new RegExp(`href="#inspectionId"[^>]*>Inspection ${demoId} is not an inspection of Doncaster in Inspectorate`));

    const res = await post(admin, `/programme/services/${leedsId}/inspections`, { published: addDays(publishOn, 1), overallRating: 'Requires improvement', inspectionId: String(demoId), source: 'As published on GOV.UK' });
    expect(res.status).toBe(303);
    const history = (await getServiceRecord(handle.db, leedsId)).inspections;
    expect(history.map((i) => [i.source, i.published, i.overallRating])).toEqual([
      ['reference', null, 'Inadequate'],
      ['recorded', addDays(publishOn, 1), 'Requires improvement'],
    ]);
    expect(history[1]!.inspectionId).toBe(demoId);
    expect((await planned('Leeds')).lastInspection).toEqual({ date: addDays(publishOn, 1), rating: 'Requires improvement' });
    const again = await post(admin, `/programme/services/${leedsId}/inspections`, { published: addDays(publishOn, 2), overallRating: 'Good', inspectionId: String(demoId) });
    expect(await again.text()).toMatch(/href="#inspectionId"[^>]*>A result is already recorded for that inspection: correct it instead/);
  });
});
