// The youth justice services of the registry as youth-services.json lists them: every service of
// the YJB statistics, each with its nation (England or Wales) and the names it was known by, which
// find it on the registry's page, in the programme API and in the new inspection's service picker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName, listNamesOfKind, listOrganisations } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let planner: TestSession;

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  app = createApp({ db: handle.db });
  planner = await signedIn(handle.db, 'programme-manager');
});
afterAll(() => handle?.close());

const get = async (session: TestSession, path: string) => {
  const res = await app.request(path, { headers: { cookie: session.cookie } });
  expect(res.status, path).toBe(200);
  return res;
};
const json = async (path: string) => (await get(planner, path)).json();
const youth = async (name: string) => (await findOrganisationByName(handle.db, 'youth-service', name))!;
type Listed = { name: string; nation: string | null; otherNames: string[] };

describe('a youth justice service in the registry', () => {
  it('is one of the 155 of England and Wales, and says which nation it is in (PDUs none)', async () => {
    expect(await listOrganisations(handle.db, 'youth-service')).toHaveLength(155);
    expect((await json(`/api/programme/services/${(await youth('Cardiff')).id}`)).nation).toBe('Wales');
    expect((await json(`/api/programme/services/${(await youth('Leeds')).id}`)).nation).toBe('England');
    const list = await json('/api/programme/services');
    expect(list.youthServices.filter((s: Listed) => s.nation === 'Wales')).toHaveLength(17);
    expect(list.regions[0].pdus[0].nation).toBeNull();
  });

  it('keeps its former names: the API and the registry page find it by one', async () => {
    const swansea = await youth('Swansea');
    const record = await json(`/api/programme/services/${swansea.id}`);
    expect(record.names).toEqual([expect.objectContaining({ name: 'Western Bay Youth Justice and Early Intervention Service', source: 'reference', validFrom: null, note: expect.stringMatching(/^former name, from 2014/) })]);
    const found = await json('/api/programme/services?q=western%20bay');
    expect(found.regions).toEqual([]);
    expect(found.youthServices.map((s: Listed) => s.name).sort()).toEqual(['Bridgend', 'Neath Port Talbot', 'Swansea']);
    expect(found.youthServices[0].otherNames).toEqual(['Western Bay Youth Justice and Early Intervention Service']);

    const page = await (await get(planner, '/programme/services?q=Cumbria+Youth')).text();
    expect(page).toContain('2 services whose name, or a former name or other spelling, contains ‘Cumbria Youth’');
    expect(page).toMatch(/>Cumberland<\/a><br><span class="govuk-body-s">Also known as Cumbria Youth Offending Service<\/span>/);
    expect(page).toContain('>Westmorland and Furness</a>');
    expect(page).not.toContain('>Leeds</a>');
    // A PDU is found by its current name; an unknown name finds nothing and says so.
    expect(await (await get(planner, '/programme/services?q=hull+and+east')).text()).toContain('1 service whose name');
    expect(await (await get(planner, '/programme/services?q=%25')).text()).toContain('0 services whose name');
  });

  it("shows on its page the nation, the councils it covers and the sources", async () => {
    const page = await (await get(planner, `/programme/services/${(await youth('Cwm Taf')).id}`)).text();
    expect(page).toContain('Wales (derived from the councils it covers)');
    expect(page).toContain('Merthyr Tydfil, Rhondda Cynon Taf <span class="govuk-body-s">(a partnership of councils)</span>');
    expect(page).toContain('<a class="govuk-link" href="https://www.gov.uk/government/statistics/youth-justice-statistics-2024-to-2025" rel="noreferrer">www.gov.uk/…/youth-justice-statistics-2024-to-2025</a>');
    const westMercia = await (await get(planner, `/programme/services/${(await youth('West Mercia')).id}`)).text();
    expect(westMercia).toContain('(derived) by the crosswalk');
  });

  it('is offered in the new inspection picker with its former names', async () => {
    const page = await (await get(planner, '/inspections/new')).text();
    const cumberland = await youth('Cumberland');
    expect(page).toContain(`<option value="${cumberland.id}">Cumberland (also known as Cumbria Youth Offending Service)</option>`);
    expect(page).toContain('>Hull (also known as Kingston-upon-Hull)</option>');
  });

  it('is not read again while the reference files are unchanged, and a forced load adds no name twice', async () => {
    const names = (await listNamesOfKind(handle.db, 'youth-service')).length;
    expect(names).toBeGreaterThanOrEqual(5 + 8);
    expect((await loadReferenceData(handle.db, 'test')).unchanged).toBe(true);
    expect((await loadReferenceData(handle.db, 'test', { force: true })).unchanged).toBe(false);
    expect(await listNamesOfKind(handle.db, 'youth-service')).toHaveLength(names);
    expect(await listOrganisations(handle.db, 'youth-service')).toHaveLength(155);
  });
});
