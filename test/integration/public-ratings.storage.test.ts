// The public ratings tables: each region's PDUs with their latest published ratings, each PDU's
// inspections over time with the registry's earlier results, and the same as open data. An
// embargoed inspection, and a result an administrator recorded for it, never appear.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { publishDemoInspection } from '../../src/services/demo-national.ts';
import { rateStoredInspection } from '../../src/services/inspections.ts';
import { LICENCE } from '../../src/services/open-data.ts';
import { recordInspectionResult } from '../../src/services/programme/registry.ts';
import { improvementSummary, latestRatingRows, publicPduRatings } from '../../src/services/public-ratings.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { daysAfter } from '../../src/domain/time/clock.ts';
import { pinClock } from '../support/clock.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
const ids = { sheffieldOld: 0, sheffield: 0, doncaster: 0, embargoed: 0 };
const org = { sheffield: 0, doncaster: 0, barnsley: 0, lancashire: 0, bolton: 0, yorkshire: 0 };
const tomorrow = daysAfter(clock.today(), 1);

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  const db = handle.db;
  await loadReferenceData(db, 'test');
  // Sheffield twice (published 2024 and 2025), after its two reference results; Doncaster before its reference result of 2024-10-09.
  ids.sheffieldOld = await publishDemoInspection(db, { pduName: 'Sheffield', fieldworkStart: '2024-05-06', seed: 11, cases: 8 }, 'test');
  ids.sheffield = await publishDemoInspection(db, { pduName: 'Sheffield', fieldworkStart: '2025-06-02', seed: 12, cases: 8, qualityShift: 0.2 }, 'test');
  ids.doncaster = await publishDemoInspection(db, { pduName: 'Doncaster', fieldworkStart: '2023-05-01', seed: 13, cases: 8 }, 'test');
  // Barnsley and Rotherham: taken as far as the embargo, to be published tomorrow.
  ids.embargoed = await publishDemoInspection(db, { pduName: 'Barnsley and Rotherham', fieldworkStart: '2025-07-07', seed: 14, cases: 8, publishOn: tomorrow }, 'test');
  for (const [key, name] of [['sheffield', 'Sheffield'], ['doncaster', 'Doncaster'], ['barnsley', 'Barnsley and Rotherham'], ['lancashire', 'Central Lancashire'], ['bolton', 'Bolton']] as const)
    org[key] = (await findOrganisationByName(db, 'pdu', name))!.id;
  org.yorkshire = (await findOrganisationByName(db, 'pdu', 'Sheffield'))!.parentId!;
  // An administrator's record naming the embargoed inspection (it must not leak), and one for a PDU never inspected here.
  await recordInspectionResult(db, org.barnsley, { published: '2025-09-01', overallRating: 'Outstanding', url: 'https://example.org/embargoed-leak', inspectionId: String(ids.embargoed) }, 'test');
  await recordInspectionResult(db, org.lancashire, { published: '2024-02-01', overallRating: 'Good', url: 'https://example.org/central-lancashire' }, 'test');
  app = createApp({ db });
}, 120_000);
afterAll(() => handle?.close());

const get = (path: string) => app.request(path);
const text = async (path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return res.text();
};
/** The table row of one PDU, by the link to its page. */
const rowOf = (html: string, pduId: number) => {
  const at = html.indexOf(`href="/public/pdus/${pduId}"`);
  expect(at, `row of PDU ${pduId}`).toBeGreaterThan(0);
  return html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at));
};
const tags = (html: string) => [...html.matchAll(/<strong class="govuk-tag[^"]*">\s*([^<]*?)\s*<\/strong>/g)].map((m) => m[1]!);

describe('ratings by region', () => {
  it('lists every region with its PDUs, linked from /public', async () => {
    expect(await text('/public')).toContain('href="/public/ratings"');
    const html = await text('/public/ratings');
    expect(html.match(/<table/g)).toHaveLength(12);
    expect(html.match(/href="\/public\/pdus\/\d+"/g)).toHaveLength(110);
    for (const region of ['North East', 'Yorkshire and the Humber', 'London', 'Wales']) expect(html).toContain(`Latest ratings of the PDUs in ${region}`);
    expect(html).toContain('class="app-table-scroll" tabindex="0" role="region"');
  });

  it('shows the latest published inspection with every rated standard, overall and the date, labelled demonstration data', async () => {
    const { ratings } = await rateStoredInspection(handle.db, ids.sheffield);
    const rated = ratings.standards.filter((s) => s.treatment === 'rated');
    expect(rated.map((s) => s.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5']);
    for (const path of ['/public/ratings', `/public/ratings/regions/${org.yorkshire}`]) {
      const row = rowOf(await text(path), org.sheffield);
      expect(tags(row)).toEqual(['Demonstration data', ratings.overall.rating, ...rated.map((s) => s.rating)]);
      expect(row).toContain(`href="/public/inspections/${ids.sheffield}"`);
      expect(row).not.toContain(`/public/inspections/${ids.sheffieldOld}"`);
    }
  });

  it('never shows an embargoed inspection, nor a result recorded for it: the reference result stands', async () => {
    for (const path of ['/public/ratings', `/public/ratings/regions/${org.yorkshire}`, `/public/pdus/${org.barnsley}`, '/public/data/ratings-latest.csv', '/public/data/ratings-latest.json']) {
      const body = await text(path);
      expect(body, path).not.toContain(`/public/inspections/${ids.embargoed}`);
      expect(body, path).not.toContain('embargoed-leak');
    }
    const row = rowOf(await text(`/public/ratings/regions/${org.yorkshire}`), org.barnsley);
    expect(row).toContain('Not yet inspected here: overall rating from an earlier report');
    expect(tags(row)).toEqual(['Inadequate']);
    expect(row).toContain('Date not known');
    expect((await get(`/public/inspections/${ids.embargoed}`)).status).toBe(404);
  });

  it('takes the latest result even when it is not from here, and says so; PDUs with no result are not yet inspected', async () => {
    const yorkshire = await text(`/public/ratings/regions/${org.yorkshire}`);
    const doncaster = rowOf(yorkshire, org.doncaster);
    expect(doncaster).toContain('Latest report not published here: overall rating only');
    expect(doncaster).toContain('9 October 2024');
    expect(doncaster).toContain('href="https://www.doncasterfreepress.co.uk/');
    const all = await text('/public/ratings');
    const lancashire = rowOf(all, org.lancashire);
    expect(tags(lancashire)).toEqual(['Good']);
    expect(lancashire).toContain('1 February 2024');
    expect(lancashire).toContain('href="https://example.org/central-lancashire"');
    expect(rowOf(all, org.bolton)).toContain('Not yet inspected');
    expect(tags(rowOf(all, org.bolton))).toEqual([]);
  });

  it('answers 404 for an id that is not a region', async () => {
    for (const id of [org.sheffield, 999999, 0]) expect((await get(`/public/ratings/regions/${id}`)).status).toBe(404);
    expect((await get('/public/ratings/regions/north')).status).toBe(404);
  });
});

describe('a PDU over time', () => {
  it('orders its inspections oldest first: reference results, then those published here with each standard', async () => {
    const html = await text(`/public/pdus/${org.sheffield}`);
    const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'));
    const rows = table.split('<tr').slice(2);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('30 March 2023');
    expect(rows[0]).toContain('Overall rating only: report not published here');
    expect(rows[0]).toContain('href="https://hmiprobation.justiceinspectorates.gov.uk/news/');
    expect(rows[1]).toContain('Date not known');
    expect(rows[2]).toContain(`href="/public/inspections/${ids.sheffieldOld}"`);
    expect(rows[3]).toContain(`href="/public/inspections/${ids.sheffield}"`);
    for (const [i, id] of [[2, ids.sheffieldOld], [3, ids.sheffield]] as const) {
      const { ratings } = await rateStoredInspection(handle.db, id);
      expect(tags(rows[i]!)).toEqual([ratings.overall.rating, 'Demonstration data', ...ratings.standards.filter((s) => s.treatment === 'rated').map((s) => s.rating)]);
    }
    expect(html).toContain('Demonstration data: some of these inspections hold generated cases');
  });

  it('is linked from the tables and from each published inspection', async () => {
    expect(await text(`/public/inspections/${ids.sheffield}`)).toContain(`href="/public/pdus/${org.sheffield}"`);
    const bolton = await text(`/public/pdus/${org.bolton}`);
    expect(bolton).toContain('Not yet inspected: no inspection of this PDU is published.');
    expect(bolton).not.toContain('<table');
  });

  it('answers 404 for an id that is not a PDU', async () => {
    for (const id of [org.yorkshire, 999999]) expect((await get(`/public/pdus/${id}`)).status).toBe(404);
  });
});

describe('latest ratings as open data', () => {
  it('gives one row per PDU, with every rated standard where published here, as CSV and JSON', async () => {
    const res = await get('/public/data/ratings-latest.csv');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parse<Record<string, string>>(await res.text(), { columns: true });
    expect(rows).toHaveLength(110);
    expect(Object.keys(rows[0]!)).toEqual([
      'region', 'pdu_id', 'pdu', 'source', 'inspection_id', 'demonstration_data', 'published_on', 'framework',
      ...['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5'].map((s) => `standard_${s}`), 'overall_rating', 'source_url',
    ]);
    const { ratings } = await rateStoredInspection(handle.db, ids.sheffield);
    const sheffield = rows.find((r) => r.pdu === 'Sheffield')!;
    expect(sheffield).toMatchObject({ region: 'Yorkshire and the Humber', source: 'published', inspection_id: String(ids.sheffield), demonstration_data: '1', framework: 'hmip-adult-pdu@2021', overall_rating: ratings.overall.rating });
    for (const s of ratings.standards.filter((x) => x.treatment === 'rated')) expect(sheffield[`standard_${s.id}`]).toBe(s.rating);
    expect(rows.find((r) => r.pdu === 'Barnsley and Rotherham')).toMatchObject({ source: 'reference', inspection_id: '', overall_rating: 'Inadequate', 'standard_1.1': '' });
    expect(rows.find((r) => r.pdu === 'Central Lancashire')).toMatchObject({ source: 'recorded', published_on: '2024-02-01', overall_rating: 'Good' });
    expect(rows.find((r) => r.pdu === 'Bolton')).toMatchObject({ source: 'none', overall_rating: '', published_on: '' });

    const json = (await (await get('/public/data/ratings-latest.json')).json()) as { licence: string; ratings: unknown[] };
    expect(json.licence).toBe(LICENCE);
    expect(json.ratings).toEqual(await latestRatingRows(handle.db));
    expect(await text('/public/data')).toContain('href="/public/data/ratings-latest.csv"');
  });
});

describe('the improvement counts on /public', () => {
  it('compare the last two results of each PDU as the tables show them, recorded results included and embargoed ones not', async () => {
    const before = await improvementSummary(handle.db);
    await recordInspectionResult(handle.db, org.bolton, { published: '2022-03-01', overallRating: 'Inadequate', url: 'https://example.org/bolton-2022' }, 'test');
    await recordInspectionResult(handle.db, org.bolton, { published: '2025-03-01', overallRating: 'Good', url: 'https://example.org/bolton-2025' }, 'test');
    const after = await improvementSummary(handle.db);
    expect(after.changes.find((c) => c.organisation === 'Bolton')).toEqual({ organisation: 'Bolton', from: 'Inadequate', to: 'Good', direction: 'improved' });
    expect([after.services, after.improved]).toEqual([before.services + 1, before.improved + 1]);
    const [previous, latest] = (await publicPduRatings(handle.db, org.sheffield)).pdu.history.slice(-2);
    expect(after.changes.find((c) => c.organisation === 'Sheffield')).toMatchObject({ from: previous!.overall, to: latest!.overall });
    expect(after.changes.find((c) => c.organisation === 'Barnsley and Rotherham')?.to).not.toBe('Outstanding');
    expect(await text('/public')).toContain(`Of ${after.services} PDUs inspected at least twice, ${after.improved} improved`);
  });
});
