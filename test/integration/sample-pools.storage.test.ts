// The case sample of a youth justice inspection (issue 12): court and out-of-court disposals are
// pools the framework file names. The service uploads one file of every case (its case type column
// says which) or a file per pool; each upload is checked whole, and a pool's file replaces that
// pool's cases only. The page shows each pool's caseload, eligible cases and sample, and the case
// list each case's kind; confirming creates the cases pool by pool. The adult path is unchanged
// (sample.storage.test.ts runs it; here one adult upload shows no pools).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName, listAudit, loadInspectionAssessment, type Inspection } from '../../src/db/repositories/index.ts';
import { SESSION_COOKIE } from '../../src/http/auth.ts';
import { createApp } from '../../src/http/app.ts';
import { seededRandom } from '../../src/domain/sampling/seeded-random.ts';
import { poolSeed } from '../../src/domain/sampling/pools.ts';
import { sampleSize } from '../../src/domain/sampling/statistical-sample.ts';
import { startSession } from '../../src/services/identity/sessions.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { createInspection } from '../../src/services/inspections.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { loadSample } from '../../src/services/sample/case-sample.ts';
import { demoCaseloadCsv } from '../../src/services/sample/demo-caseload.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let youth: Inspection;
let lead: TestSession;
let service: TestSession;

const FIELDWORK = '2026-10-05';
// Six months before is Sunday 5 April 2026: the two-week window is Monday 30 March to Sunday 12 April.
const WINDOW = { start: '2026-03-30', end: '2026-04-12' };

/** The staff of a youth justice service, signed in. */
async function youthServiceStaff(name: string): Promise<TestSession> {
  const organisation = await findOrganisationByName(handle.db, 'youth-service', name);
  const user = await createAccount(handle.db, { email: `yjs-${name}-${process.pid}@test.local`, displayName: `YJS ${name}`, role: 'service-staff', organisationId: organisation!.id }, 'test');
  const session = await startSession(handle.db, user.id, new Date());
  return { userId: user.id, cookie: `${SESSION_COOKIE}=${session.token}`, csrfToken: session.csrfToken };
}

interface Row {
  ref: string;
  type: 'Court' | 'OOCD';
  start: string;
  rosh: string;
}
/** A generated youth caseload (seeded): references `prefix` + number, starts over the year before fieldwork, a third of them in the window. */
function youthRows(prefix: string, count: number, type: Row['type'], seed: number): Row[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const inWindow = i % 3 === 0;
    const day = inWindow ? 1 + Math.floor(random() * 13) : 40 + Math.floor(random() * 200);
    const start = new Date(Date.UTC(2026, 2, 30 + (inWindow ? day - 1 : -day))).toISOString().slice(0, 10);
    return { ref: `${prefix}${String(i + 1).padStart(3, '0')}`, type, start, rosh: ['Low', 'Medium', 'High'][i % 3]! };
  });
}
const csv = (rows: readonly Row[], withType = true) =>
  [
    `Case reference,Case manager${withType ? ',Case type' : ''},Date the disposal began,RoSH`,
    ...rows.map((r) => `${r.ref},Case manager ${(r.ref.length % 4) + 1}${withType ? `,${r.type}` : ''},${r.start.split('-').reverse().join('/')},${r.rosh}`),
  ].join('\r\n');
const inWindow = (r: Row) => r.start >= WINDOW.start && r.start <= WINDOW.end;

const court = youthRows('C', 30, 'Court', 1);
const ooc = youthRows('O', 12, 'OOCD', 2);

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  app = createApp({ db: handle.db });
  youth = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: 'hmip-youth@2021', fieldworkStart: FIELDWORK, title: 'Youth sample test: Leeds' }, 'test');
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: youth.id, as: 'lead-inspector' } });
  service = await youthServiceStaff('Leeds');
});
afterAll(() => handle?.close());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
const samplePath = (id = youth.id) => `/inspections/${id}/sample`;
function upload(s: TestSession, fileName: string, content: string, caseType = '', id = youth.id): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', s.csrfToken);
  form.set('caseType', caseType);
  form.set('caseload', new File([content], fileName));
  return Promise.resolve(app.request(`${samplePath(id)}/caseload`, { method: 'POST', headers: { cookie: s.cookie, origin: 'http://localhost' }, body: form }));
}
/** The page's text without tags, spaces run together. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

describe('the youth caseload: court and out-of-court disposals', () => {
  it('offers a file of every case or a file per kind, and says the pools\' numbers are to be confirmed', async () => {
    const html = textOf(await (await get(service, samplePath())).text());
    expect(html).toContain('Which cases does the file hold?');
    expect(html).toContain('Every case, in one file (its case type column says which)');
    expect(html).toContain('Court disposals only');
    expect(html).toContain('Out-of-court disposals only');
    expect(html).toContain('One row per case, with columns for the case reference, practitioner, case type (not needed in a file of one kind), date the disposal began');
    expect(html).toContain('The sample is taken apart from each kind of case: court disposals and out-of-court disposals.');
  });

  it('refuses a court file with an out-of-court row whole, naming the row and column, and keeps nothing', async () => {
    const bad = csv([court[0]!, { ...ooc[0]!, ref: 'C999' }, { ...court[1]!, start: '2026-02-31' }]);
    const res = await upload(service, 'court.csv', bad, 'court');
    expect(res.status).toBe(400);
    const html = textOf(await res.text());
    expect(html).toContain('2 problems in the file: nothing was kept');
    expect(html).toContain("the case type is out-of-court, but this file is the court disposals caseload; upload the out-of-court cases in their own file, or one file with every case");
    expect(html).toMatch(/3 Case type C999 the case type is out-of-court/);
    expect(html).toContain("'31/02/2026' is not a real date");
    expect((await loadSample(handle.db, youth.id)).draft).toBeNull();
    // A file of every case needs the case type column; every file needs the date each disposal began.
    const noType = textOf(await (await upload(service, 'all.csv', csv(court, false))).text());
    expect(noType).toContain('no column for the case type');
    const noDate = textOf(await (await upload(service, 'court.csv', 'Case reference,Case manager\r\nC001,Sam', 'court')).text());
    expect(noDate).toContain('no column for the date the disposal began');
    expect((await listAudit(handle.db, { inspectionId: youth.id })).map((e) => e.action)).not.toContain('caseload.uploaded');
  });

  it('takes the court file (no case type column needed), then the out-of-court file, keeping the court cases', async () => {
    expect((await upload(service, 'court.csv', csv(court, false), 'court')).status).toBe(303);
    let view = await loadSample(handle.db, youth.id);
    expect(view.draft!.summary.pools!.map((p) => [p.label, p.caseload, p.eligible, p.sampled])).toEqual([
      ['Court disposals', 30, court.filter(inWindow).length, court.filter(inWindow).length],
      ['Out-of-court disposals', 0, 0, 0],
    ]);
    let html = textOf(await (await get(lead, samplePath())).text());
    expect(html).toContain('No out-of-court disposals are uploaded yet');

    expect((await upload(service, 'ooc.csv', csv(ooc), 'out-of-court')).status).toBe(303);
    view = await loadSample(handle.db, youth.id);
    expect(view.draft!.summary.pools!.map((p) => [p.caseType, p.caseload, p.eligible, p.sampled])).toEqual([
      ['court', 30, court.filter(inWindow).length, court.filter(inWindow).length],
      ['out-of-court', 12, ooc.filter(inWindow).length, ooc.filter(inWindow).length],
    ]);
    expect(view.draft!.cases.map((c) => c.caseRef)).toEqual([...court.filter(inWindow), ...ooc.filter(inWindow)].sort((a, b) => (a.type === b.type ? a.start.localeCompare(b.start) || a.ref.localeCompare(b.ref) : a.type === 'Court' ? -1 : 1)).map((r) => r.ref));

    // Replacing the court file keeps the out-of-court cases.
    expect((await upload(service, 'court.csv', csv(court.slice(0, 24), false), 'court')).status).toBe(303);
    view = await loadSample(handle.db, youth.id);
    expect(view.draft!.summary.pools!.map((p) => p.caseload)).toEqual([24, 12]);
    const events = (await listAudit(handle.db, { inspectionId: youth.id })).filter((e) => e.action === 'caseload.uploaded');
    expect(events.map((e) => e.after)).toEqual([
      { cases: 30, format: 'csv', warnings: 0, caseType: 'court', caseloadCases: 30 },
      { cases: 12, format: 'csv', warnings: 0, caseType: 'out-of-court', caseloadCases: 42 },
      { cases: 24, format: 'csv', warnings: 0, caseType: 'court', caseloadCases: 36 },
    ]);

    // The page: each pool's counts, and the case list says each case's kind.
    html = textOf(await (await get(lead, samplePath())).text());
    expect(html).toContain('36 cases: 24 court disposals, 12 out-of-court disposals; the last file uploaded');
    const courtIn = court.slice(0, 24).filter(inWindow).length;
    expect(html).toContain(`Court disposals 24 ${courtIn} ${courtIn} Not confirmed / Not confirmed`);
    expect(html).toContain(`Out-of-court disposals 12 ${ooc.filter(inWindow).length} ${ooc.filter(inWindow).length}`);
    expect(html).toContain('To be confirmed To be confirmed: the window court disposals are sampled from and how many are inspected.');
    expect(html).toMatch(/Out of court/);
    expect(html).not.toMatch(/[CO]0\d\d/); // inspectors never see the service's references
  });

  it('refuses a case already in the other pool, naming it, and changes nothing', async () => {
    const res = await upload(service, 'ooc.csv', csv([...ooc, { ...court[0]!, type: 'OOCD' }]), 'out-of-court');
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('case C001 is already in the court disposals caseload; give each case once, in its own pool\'s file');
    expect((await loadSample(handle.db, youth.id)).draft!.summary.pools!.map((p) => p.caseload)).toEqual([24, 12]);
  });

  it('takes one file of every case, replacing both pools, and says when a kind is missing from it', async () => {
    expect((await upload(service, 'all.csv', csv([...court, ...ooc]))).status).toBe(303);
    expect((await loadSample(handle.db, youth.id)).draft!.summary.pools!.map((p) => p.caseload)).toEqual([30, 12]);
    const res = await upload(service, 'all.csv', csv(court));
    expect(res.status).toBe(303);
    const view = await loadSample(handle.db, youth.id);
    expect(view.draft!.summary.pools!.map((p) => p.caseload)).toEqual([30, 0]);
    expect(view.record!.caseloadWarnings).toEqual([{ message: 'the file has no out-of-court disposals; if the service has any, add them to the file or upload them as the out-of-court disposals caseload' }]);
    expect((await upload(service, 'all.csv', csv([...court, ...ooc]))).status).toBe(303);
  });

  it('draws a statistical sample within each pool, stratified within it, each pool from its own seed', async () => {
    const res = await app.request(`${samplePath()}/method`, formPost(lead, { method: 'statistical', confidence: '0.9', margin: '10', stratifyBy: 'rosh', seed: '77' }));
    expect(res.status).toBe(303);
    const pools = (await loadSample(handle.db, youth.id)).draft!.summary.pools!;
    const expected = [30, 12].map((n) => sampleSize({ population: n, confidence: 0.9, margin: 0.1 }).size);
    expect(pools.map((p) => [p.eligible, p.sampled, p.statistical?.seed])).toEqual([
      [30, expected[0], poolSeed(77, 0)],
      [12, expected[1], poolSeed(77, 1)],
    ]);
    for (const p of pools) expect(p.statistical!.strata!.reduce((s, x) => s + x.allocated, 0)).toBe(p.sampled);
    const html = textOf(await (await get(lead, samplePath())).text());
    expect(html).toContain('Court disposals: seed 77');
    expect(html).toContain('Out-of-court disposals: seed 78');
    expect(html).toContain('Court disposals: sample by risk of serious harm');
    // The case type is not offered to stratify by: each pool holds one type.
    expect(html).not.toMatch(/<option value="case_type"/);
    // Back to the window for the confirmation below.
    expect((await app.request(`${samplePath()}/method`, formPost(lead, { method: 'window' }))).status).toBe(303);
  });

  it('confirms the sample pool by pool: the cases created with their type, the confirmed list saying each case\'s kind', async () => {
    const res = await app.request(`${samplePath()}/confirm`, formPost(lead, {}));
    expect(res.status).toBe(303);
    const wanted = court.filter(inWindow).length + ooc.filter(inWindow).length;
    const assessment = (await loadInspectionAssessment(handle.db, youth.id))!;
    expect(assessment.cases).toHaveLength(wanted);
    const types = assessment.cases.map((c) => c.attributes.case_type);
    expect(types.filter((t) => t === 'court')).toHaveLength(court.filter(inWindow).length);
    expect(types.filter((t) => t === 'out-of-court')).toHaveLength(ooc.filter(inWindow).length);
    const view = await loadSample(handle.db, youth.id);
    expect(view.confirmed!.summary.pools!.map((p) => [p.caseType, p.sampled, p.cases!.length])).toEqual([
      ['court', court.filter(inWindow).length, court.filter(inWindow).length],
      ['out-of-court', ooc.filter(inWindow).length, ooc.filter(inWindow).length],
    ]);
    const byPool = new Map(view.confirmed!.summary.pools!.flatMap((p) => p.cases!.map((ref) => [ref, p.caseType])));
    for (const c of assessment.cases) expect(byPool.get(c.caseRef)).toBe(c.attributes.case_type);
    const event = (await listAudit(handle.db, { inspectionId: youth.id })).find((e) => e.action === 'sample.confirmed')!;
    expect(event.after).toMatchObject({ pools: [{ caseType: 'court', caseload: 30 }, { caseType: 'out-of-court', caseload: 12 }] });
    const html = textOf(await (await get(lead, samplePath())).text());
    expect(html).toContain('42 cases: 30 court disposals, 12 out-of-court disposals; deleted when the sample was confirmed');
    expect(html).toContain('Kind of case');
    const first = assessment.cases.find((c) => c.attributes.case_type === 'out-of-court')!;
    expect(html).toMatch(new RegExp(`${first.caseRef} .*?Out-of-court disposals`));
  });
});

describe('an adult inspection', () => {
  it('has one caseload and no pools, as before', async () => {
    const adult = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: FIELDWORK, title: 'Adult sample test: Leeds' }, 'test');
    const adultLead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: adult.id, as: 'lead-inspector' } });
    expect((await upload(adultLead, 'eligible.csv', demoCaseloadCsv({ cases: 100, fieldworkStart: FIELDWORK, seed: 3, prefix: 'X' }), '', adult.id)).status).toBe(303);
    const view = await loadSample(handle.db, adult.id);
    expect(view.draft!.summary.pools).toBeUndefined();
    const html = textOf(await (await get(adultLead, samplePath(adult.id))).text());
    expect(html).not.toContain('Which cases does the file hold?');
    expect(html).not.toContain('Each kind of case');
    expect(html).toContain('The PDU sends its list of eligible cases');
    // A kind of case given with an adult upload is refused: the adult framework has no pools.
    const res = await upload(adultLead, 'eligible.csv', demoCaseloadCsv({ cases: 10, fieldworkStart: FIELDWORK, seed: 3, prefix: 'X' }), 'licence', adult.id);
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('This inspection\'s caseload is one file of every case: it has no kinds of case uploaded apart');
  });
});
