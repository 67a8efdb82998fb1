// The public youth ratings beside the PDUs': the youth inspections published here with each counted
// standard's rating under its domain, the score out of 36, overall and resettlement rated
// separately; every youth justice service's latest result with the registry's history; each
// service's page over time; and the same as open data (CSV and JSON, framework id and version in
// each row). An embargoed youth inspection, and one in fieldwork, never appear; the PDU files keep
// to PDU inspections.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { publishDemoInspection } from '../../src/services/demo-national.ts';
import { createDemoYouthInspection } from '../../src/services/demo-youth.ts';
import { createDemoPublishedYouth, publishDemoYouthInspection, type PublishedYouthInspection } from '../../src/services/demo-youth-published.ts';
import { rateStoredInspection } from '../../src/services/inspections.ts';
import { LICENCE } from '../../src/services/open-data.ts';
import { recordInspectionResult } from '../../src/services/programme/registry.ts';
import { addDays } from '../../src/domain/sampling/dates.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { pinClock } from '../support/clock.ts';
import { signedIn } from '../support/sessions.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let published: PublishedYouthInspection[];
const ids = { embargoed: 0, fieldwork: 0, pdu: 0, older: 0 };
const org = { birmingham: 0, surrey: 0, swansea: 0, york: 0, bolton: 0, wakefield: 0 };
const today = clock.today();

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  const db = handle.db;
  await loadReferenceData(db, 'test');
  published = await createDemoPublishedYouth(db, today, 'test');
  // York: embargoed until next week; Leeds: in fieldwork. A PDU inspection published beside them.
  ids.embargoed = (await publishDemoYouthInspection(db, { service: 'York', seed: 77, cases: 12, sufficient: 0.8, judgementShift: 0, relevantCasesFound: true, weeksBeforeYearEnd: 10 }, today, 'test', addDays(today, 7)))!.id;
  ids.fieldwork = Number(/inspection (\d+)/.exec(await createDemoYouthInspection(db, today, 'test'))![1]);
  ids.pdu = await publishDemoInspection(db, { pduName: 'Sheffield', fieldworkStart: '2025-06-02', seed: 12, cases: 8 }, 'test');
  for (const [key, name] of [['birmingham', 'Birmingham'], ['surrey', 'Surrey'], ['swansea', 'Swansea'], ['york', 'York']] as const) org[key] = (await findOrganisationByName(db, 'youth-service', name))!.id;
  org.bolton = (await findOrganisationByName(db, 'youth-service', 'Bolton'))!.id;
  // An administrator's record naming the embargoed inspection (it must not leak), and one for Bolton.
  await recordInspectionResult(db, org.york, { published: addDays(today, -3), overallRating: 'Outstanding', url: 'https://example.org/embargoed-leak', inspectionId: String(ids.embargoed) }, 'test');
  await recordInspectionResult(db, org.bolton, { published: '2025-11-04', overallRating: 'Outstanding', url: 'https://example.org/bolton-youth' }, 'test');
  app = createApp({ db });
}, 180_000);
afterAll(() => handle?.close());

const text = async (path: string, cookie?: string) => {
  const res = await app.request(path, cookie ? { headers: { cookie } } : {});
  expect(res.status, path).toBe(200);
  return res.text();
};
/** A table row, by the link in its first cell. */
const rowOf = (html: string, href: string) => {
  const at = html.indexOf(`href="${href}"`);
  expect(at, `row linking ${href}`).toBeGreaterThan(0);
  return html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at));
};
const tags = (html: string) => [...html.matchAll(/<strong class="govuk-tag[^"]*">\s*([^<]*?)\s*<\/strong>/g)].map((m) => m[1]!);
const COUNTED = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4'];

describe('the public youth ratings page', () => {
  it('is linked from /public in the youth framework’s words, and /public no longer calls every published inspection a PDU’s', async () => {
    const html = await text('/public');
    expect(html).toContain('<a class="govuk-link" href="/public/youth-ratings">Ratings of youth justice services</a>');
    expect(html).not.toContain('Inspections of Probation Delivery Units whose reports are published');
    expect(html).toContain('PDUs improving between inspections');
  });

  it('shows each published youth inspection with every counted standard under its domain, the score out of 36, overall and resettlement rated separately', async () => {
    const html = await text('/public/youth-ratings');
    expect(html).toContain('<h1 class="govuk-heading-l">Ratings of youth justice services</h1>');
    for (const domain of ['Organisational delivery', 'Court disposals', 'Out-of-court disposals']) expect(html).toContain(`<th scope="colgroup" colspan="4" class="govuk-table__header">${domain}</th>`);
    expect(html).toContain('<th scope="colgroup" colspan="1" class="govuk-table__header">Rated separately</th>');
    expect(html).not.toMatch(/\bPDU\b|people on probation/);
    for (const [i, key] of (['birmingham', 'surrey', 'swansea'] as const).entries()) {
      const { ratings } = await rateStoredInspection(handle.db, published[i]!.id);
      const row = rowOf(html, `/public/youth-services/${org[key]}`);
      const byId = new Map(ratings.standards.map((s) => [s.id, s.rating ?? 'Not rated']));
      expect(tags(row)).toEqual(['Demonstration data', ratings.overall.rating, ...COUNTED.map((id) => byId.get(id)), byId.get('4.1')]);
      expect(row).toContain(`${ratings.overall.score} out of 36`);
      expect(row).toContain(`href="/public/inspections/${published[i]!.id}"`);
    }
    // Surrey had no custody case: resettlement not rated.
    expect(tags(rowOf(html, `/public/youth-services/${org.surrey}`)).at(-1)).toBe('Not rated');
  });

  it('lists every youth justice service with its latest result, from the registry where none is published here; nothing embargoed or in fieldwork', async () => {
    const html = await text('/public/youth-ratings');
    expect(html.match(/href="\/public\/youth-services\/\d+"/g)!.length).toBeGreaterThanOrEqual(101 + 3);
    // Bolton: the administrator's record, newer than its reference result.
    const bolton = rowOf(html, `/public/youth-services/${org.bolton}`);
    expect(tags(bolton)).toEqual(['Outstanding']);
    expect(bolton).toContain('4 November 2025');
    expect(bolton).toContain('Overall rating only: report not published here');
    // York: embargoed, and the record naming it is left out: its reference result of 2022 stands.
    const york = rowOf(html, `/public/youth-services/${org.york}`);
    expect(tags(york)).toEqual(['Outstanding']);
    expect(york).toContain('14 December 2022');
    for (const id of [ids.embargoed, ids.fieldwork]) expect(html).not.toContain(`/public/inspections/${id}"`);
    expect(html).not.toContain('embargoed-leak');
  });

  it('gives each service its inspections over time: the reference results, then the one published here', async () => {
    const html = await text(`/public/youth-services/${org.birmingham}`);
    expect(html).toContain('<h1 class="govuk-heading-l">Birmingham</h1>');
    expect(html).toContain('<span class="govuk-caption-l">Youth justice service</span>');
    const body = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'));
    expect(body.match(/<tr/g)).toHaveLength(3);
    expect(body.indexOf('21 March 2023')).toBeLessThan(body.indexOf(`/public/inspections/${published[0]!.id}"`));
    expect(await text(`/public/youth-services/${org.york}`)).not.toContain(`/public/inspections/${ids.embargoed}"`);
  });

  it('is open to everyone: anonymous visitors and every signed-in role', async () => {
    for (const role of [undefined, 'inspector', 'service-staff', 'sfo-lead', 'analyst'] as const) {
      const cookie = role ? (await signedIn(handle.db, role, role === 'service-staff' ? { service: 'Sheffield' } : {})).cookie : undefined;
      expect(await text('/public/youth-ratings', cookie)).toContain('Ratings of youth justice services');
      expect(await text(`/public/youth-services/${org.swansea}`, cookie)).toContain('<h1 class="govuk-heading-l">Swansea</h1>');
    }
    expect((await app.request(`/public/youth-services/${org.swansea + 100000}`)).status).toBe(404);
  });
});

describe('youth open data', () => {
  it('gives one row per published youth inspection, CSV and JSON alike, with the framework id and version, every standard, the score, overall and resettlement', async () => {
    const json = (await (await app.request('/public/data/youth-ratings.json')).json()) as { licence: string; ratings: Record<string, unknown>[] };
    expect(json.licence).toBe(LICENCE);
    expect(json.ratings.map((r) => r.inspection_id).sort()).toEqual(published.map((p) => p.id).sort());
    const res = await app.request('/public/data/youth-ratings.csv');
    expect(res.headers.get('content-disposition')).toContain('youth-ratings.csv');
    const csv = parse<Record<string, string>>(await res.text(), { columns: true });
    expect(csv.map((r) => Number(r.inspection_id)).sort()).toEqual(published.map((p) => p.id).sort());
    for (const [i, p] of published.entries()) {
      const { ratings } = await rateStoredInspection(handle.db, p.id);
      const row = json.ratings.find((r) => r.inspection_id === p.id)!;
      const byId = new Map(ratings.standards.map((s) => [s.id, s.rating]));
      expect(row).toMatchObject({ service: ['Birmingham', 'Surrey', 'Swansea'][i], framework_id: 'hmip-youth', framework_version: '2021', published_on: p.publishedOn, score: ratings.overall.score, max_score: 36, overall_rating: ratings.overall.rating, demonstration_data: true });
      for (const id of COUNTED) expect(row[`standard_${id}`]).toBe(byId.get(id));
      expect(row['rated_separately_4.1']).toBe(byId.get('4.1') ?? 'not rated');
      expect(csv.find((r) => Number(r.inspection_id) === p.id)).toMatchObject({ framework_id: 'hmip-youth', framework_version: '2021', score: String(ratings.overall.score), 'rated_separately_4.1': byId.get('4.1') ?? 'not rated' });
    }
    expect(json.ratings.find((r) => r.service === 'Surrey')!['rated_separately_4.1']).toBe('not rated');
  });

  it('never has an embargoed or unfinished youth inspection, and the PDU ratings file keeps to PDUs', async () => {
    const youth = await (await app.request('/public/data/youth-ratings.json')).text();
    for (const id of [ids.embargoed, ids.fieldwork, ids.pdu]) expect(youth).not.toContain(`"inspection_id":${id},`);
    const pdu = (await (await app.request('/public/data/ratings.json')).json()) as { ratings: { inspection_id: number }[] };
    expect(new Set(pdu.ratings.map((r) => r.inspection_id))).toEqual(new Set([ids.pdu]));
  });

  it('is documented on the open data page, the resettlement column named from the framework', async () => {
    const html = await text('/public/data');
    expect(html).toContain('href="/public/data/youth-ratings.csv">Ratings of youth justice services, one row per inspection (CSV)</a>');
    expect(html).toContain('href="/public/data/youth-ratings.json"');
    expect(html).toContain('<code>rated_separately_4.1</code>, Resettlement policy and provision');
    expect(html).toContain('Ratings of Probation Delivery Unit (PDU) inspections by standard');
  });
});

describe('a youth inspection published under an earlier version', () => {
  it('marks the ratings the versions’ diff says cannot be compared with the current columns, with why', async () => {
    // Wakefield, published under the 2018 version: its 3.4 was renamed and reworded in 2021, and it had no 4.1.
    ids.older = (await publishDemoYouthInspection(handle.db, { service: 'Wakefield', seed: 78, cases: 12, sufficient: 0.8, judgementShift: 0, relevantCasesFound: false, weeksBeforeYearEnd: 40, frameworkKey: 'hmip-youth@2018' }, today, 'test'))!.id;
    org.wakefield = (await findOrganisationByName(handle.db, 'youth-service', 'Wakefield'))!.id;
    const html = await text(`/public/youth-services/${org.wakefield}`);
    const row = rowOf(html, `/public/inspections/${ids.older}`);
    expect(row).toContain('Not comparable: 3.4 renamed');
    expect(row).toContain('(hmip-youth@2018 to hmip-youth@2021)');
    expect(row).toContain('Not in this framework');
    // Standards unchanged between the versions are not marked.
    expect(row.match(/Not comparable/g)).toHaveLength(1);
    // The current version's inspections are never marked.
    expect(rowOf(await text('/public/youth-ratings'), `/public/youth-services/${org.swansea}`)).not.toContain('Not comparable');
  });
});
