// Regional feedback through the app: PDU inspections of one region taken through the real workflow
// to the factual accuracy check, and the figures the page, the JSON, the CSV and the PDF show
// checked against counts made here, independently, from the stored cases.
import { execFileSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName, type Db } from '../../src/db/repositories/index.ts';
import { generateAssessment } from '../../src/demo/generate-assessment.ts';
import type { InspectionAssessment } from '../../src/domain/assessment/types.ts';
import type { RegionalFeedback } from '../../src/domain/regional-feedback/types.ts';
import { SESSION_COOKIE } from '../../src/http/auth.ts';
import { createApp } from '../../src/http/app.ts';
import { storedFrameworkByKey } from '../../src/services/frameworks.ts';
import { startSession } from '../../src/services/identity/sessions.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { addDays, createInspection, loadAssessment, saveAssessments } from '../../src/services/inspections.ts';
import { signOff } from '../../src/services/lead-inspector.ts';
import { addRecipient, addRecommendationTo, moveReport, saveReportText } from '../../src/services/publication.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { hasPoppler } from '../support/tools.ts';
import { pinClock } from '../support/clock.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

const FRAMEWORK = 'hmip-adult-pdu@2021';
const REGION = 'East Midlands';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let regionId: number;
const ids: Record<string, number> = {};
const assessments = new Map<number, InspectionAssessment>();
const people: Record<string, TestSession | undefined> = {};


/** An inspection with generated cases; taken to the factual accuracy check (or further) unless left a draft. */
async function inspect(db: Db, pdu: string, fieldworkStart: string, seed: number, cases: number, to: 'draft' | 'factual-accuracy' | 'embargoed', recommendations: [string, string][] = []) {
  const framework = await storedFrameworkByKey(db, FRAMEWORK);
  const inspection = await createInspection(db, { pduName: pdu, frameworkKey: FRAMEWORK, fieldworkStart }, 'test');
  const assessment = generateAssessment(framework, { seed, cases, windowStart: addDays(fieldworkStart, -182), caseRefPrefix: `R${inspection.id}-`, qualityShift: (seed % 3) * -0.08 });
  await saveAssessments(db, inspection.id, assessment, 'test');
  if (to !== 'draft') {
    await signOff(db, inspection.id, 'test');
    await saveReportText(db, { inspectionId: inspection.id, foreword: '', overallFindings: `Findings in ${pdu}.` }, 'test');
    for (const [addressedTo, text] of recommendations.length ? recommendations : [['pdu', `Improve the work in ${pdu}.`] as [string, string]])
      await addRecommendationTo(db, { inspectionId: inspection.id, addressedTo, text }, 'test');
    await moveReport(db, { inspectionId: inspection.id, to: 'factual-accuracy' }, 'test');
  }
  if (to === 'embargoed') {
    await addRecipient(db, { inspectionId: inspection.id, name: 'Regional Probation Director', email: 'rpd@justice.example', organisation: REGION }, 'test');
    await moveReport(db, { inspectionId: inspection.id, to: 'embargoed', publishOn: addDays(clock.today(), 30) }, 'test');
  }
  assessments.set(inspection.id, (await loadAssessment(db, inspection.id)).assessment);
  return inspection.id;
}

/** A signed-in member of a region's staff (the test helper signs in a PDU's staff only). */
async function regionStaff(db: Db, organisationId: number): Promise<TestSession> {
  const user = await createAccount(db, { email: `rpd-${process.pid}-${organisationId}@test.local`, displayName: 'Regional Probation Director', role: 'service-staff', organisationId }, 'test');
  const session = await startSession(db, user.id, new Date());
  return { userId: user.id, cookie: `${SESSION_COOKIE}=${session.token}`, csrfToken: session.csrfToken };
}

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  const db = handle.db;
  await loadReferenceData(db, 'test');
  app = createApp({ db });
  regionId = (await findOrganisationByName(db, 'region', REGION))!.id;
  // Business year 2025/26 in the region: three inspections that have reached the service, one still a draft.
  ids.derby = await inspect(db, 'Derby City', '2025-05-12', 11, 14, 'factual-accuracy', [
    ['pdu', 'Improve the quality of risk of harm assessment.'],
    ['region', 'Make sure the region’s PDUs have enough probation officers.'],
    ['national', 'Review the national approach to domestic abuse enquiries.'],
  ]);
  ids.derbyshire = await inspect(db, 'Derbyshire', '2025-09-08', 12, 12, 'embargoed', [
    ['pdu', 'Make sure plans address the risks identified.'],
    ['region', 'Provide interpreters across the region.'],
  ]);
  ids.nottingham = await inspect(db, 'Nottingham City', '2026-02-02', 13, 10, 'factual-accuracy');
  ids.leicester = await inspect(db, 'Leicester, Leicestershire and Rutland', '2025-06-02', 14, 9, 'draft');
  // The next year's, in the region; and one elsewhere in 2025/26 for the national figures.
  ids.notts = await inspect(db, 'Nottinghamshire', '2026-04-20', 15, 8, 'factual-accuracy');
  ids.leeds = await inspect(db, 'Leeds', '2025-07-07', 16, 11, 'factual-accuracy');

  people.analyst = await signedIn(db, 'analyst');
  people.lead = await signedIn(db, 'lead-inspector');
  people.inspector = await signedIn(db, 'inspector', { inspection: { id: ids.derby, as: 'inspector' } });
  people.pduStaff = await signedIn(db, 'service-staff', { service: 'Derby City' });
  people.rpd = await regionStaff(db, regionId);
  people.otherRpd = await regionStaff(db, (await findOrganisationByName(db, 'region', 'Wales'))!.id);
}, 120_000);
afterAll(() => handle?.close());

const get = (who: string | undefined, path: string) => app.request(path, { headers: who ? { cookie: people[who]!.cookie } : {} });

/** n of N counted here from the stored answers (generated cases answer only the items that apply). */
function counted(inspectionIds: number[], item: string): { n: number; N: number } {
  let n = 0;
  let N = 0;
  for (const id of inspectionIds)
    for (const c of assessments.get(id)!.cases) {
      const a = c.answers[item];
      if (a === 'yes' || a === 'no') N++;
      if (a === 'yes') n++;
    }
  return { n, N };
}
/** Half up to a whole number, in integers. */
const rounded = ({ n, N }: { n: number; N: number }) => Math.floor((200 * n + N) / (2 * N));

describe('the regional feedback JSON', () => {
  let f: RegionalFeedback;
  const region = () => [ids.derby!, ids.derbyshire!, ids.nottingham!];
  const national = () => [...region(), ids.leeds!];

  beforeAll(async () => {
    const res = await get('analyst', `/api/regions/${regionId}/feedback?year=2025`);
    expect(res.status).toBe(200);
    f = (await res.json()) as RegionalFeedback;
  });

  it('covers the region’s PDU inspections of the year whose findings reached the service, and no draft', () => {
    expect(f.year.label).toBe('2025/26');
    expect(f.inspections.map((i) => [i.pdu, i.reportStatus])).toEqual([
      ['Derby City', 'factual-accuracy'],
      ['Derbyshire', 'embargoed'],
      ['Nottingham City', 'factual-accuracy'],
    ]);
    expect(f.cases).toBe(14 + 12 + 10);
    expect(f.national).toEqual({ inspections: 4, cases: 14 + 12 + 10 + 11 });
  });

  it('pools key questions and prompts from the cases, beside each PDU and the national figure', () => {
    for (const item of ['2.2.3', '2.3.3', '2.4.1', '2.5.3']) {
      const row = f.keyQuestions.find((k) => k.id === item)!;
      const pooled = counted(region(), item);
      expect(row.region, item).toMatchObject({ sufficient: pooled.n, applicable: pooled.N, percentage: rounded(pooled) });
      const nat = counted(national(), item);
      expect(row.national, item).toMatchObject({ sufficient: nat.n, applicable: nat.N, percentage: rounded(nat) });
      for (const p of row.pdus) {
        const own = counted([p.inspectionId], item);
        expect(p.figure, `${item} ${p.pdu}`).toMatchObject({ sufficient: own.n, applicable: own.N, percentage: own.N ? rounded(own) : null, fewCases: own.N < 5 });
      }
    }
    const prompt = f.prompts.find((p) => p.id === '2.2.3b')!;
    const pooled = counted(region(), '2.2.3b');
    expect(prompt.region).toMatchObject({ sufficient: pooled.n, applicable: pooled.N, percentage: rounded(pooled) });
  });

  it('states each theme with figures that agree with the counts', () => {
    expect(f.unitWord).toBe('PDUs');
    for (const t of [...f.themes.concerns, ...f.themes.strengths]) {
      const pooled = counted(region(), t.itemId);
      expect(t.region).toMatchObject({ sufficient: pooled.n, applicable: pooled.N });
      expect(t.count * 2).toBeGreaterThan(t.of);
      expect(t.sentence).toContain(`${pooled.n} of ${pooled.N} cases (${rounded(pooled)}%)`);
    }
  });

  it('tabulates the ratings and their spread, and lists the recommendations', () => {
    expect(f.ratings.rows.map((r) => r.pdu)).toEqual(['Derby City', 'Derbyshire', 'Nottingham City']);
    for (const d of f.distributions) expect(Object.values(d.counts).reduce((a, b) => a + b, 0) + d.notRated).toBe(3);
    expect(f.recommendations.region.map((r) => [r.pdu, r.text])).toEqual([
      ['Derby City', 'Make sure the region’s PDUs have enough probation officers.'],
      ['Derbyshire', 'Provide interpreters across the region.'],
    ]);
    expect(f.recommendations.pdu.map((g) => [g.standardId, g.items.map((i) => i.pdu)])).toEqual([
      ['2.2', ['Derby City']],
      ['2.3', ['Derbyshire']],
      [null, ['Nottingham City']],
    ]);
    expect(f.rationales.find((r) => r.id === '1.1')!.entries).toHaveLength(3);
  });

  it('defaults to the latest business year with an inspection in the region, and offers the years', async () => {
    const res = await get('analyst', `/api/regions/${regionId}/feedback`);
    const latest = (await res.json()) as RegionalFeedback & { years: { label: string }[] };
    expect(latest.year.label).toBe('2026/27');
    expect(latest.inspections.map((i) => i.pdu)).toEqual(['Nottinghamshire']);
    expect(latest.years.map((y) => y.label)).toContain('2025/26');
    expect(latest.themes.note).toMatch(/Only one PDU inspection/);
  });
});

describe('the page and the downloads', () => {
  it('shows the figures, themes, ratings and recommendations, with a year picker that works without JavaScript', async () => {
    const res = await get('rpd', `/regions/${regionId}/feedback?year=2025`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Regional feedback, 2025/26');
    expect(html).toMatch(/<form method="get" action="\/regions\/\d+\/feedback"/);
    expect(html).toMatch(/<option value="2025" selected>2025\/26<\/option>/);
    const pooled = counted([ids.derby!, ids.derbyshire!, ids.nottingham!], '2.2.3');
    expect(html).toContain(`<strong>${rounded(pooled)}%</strong><br><span class="govuk-body-s">${pooled.n} of ${pooled.N}`);
    for (const text of ['Derby City', 'Derbyshire', 'Nottingham City', 'Provide interpreters across the region.', 'Each PDU’s ratings by standard', 'How many PDUs had each rating', 'Consistent strengths', 'Factual accuracy check'])
      expect(html).toContain(text.replace(/’/g, '’'));
    expect(html).not.toContain('Leicester');
    expect(html).toContain('<caption class="govuk-table__caption govuk-table__caption--m">Each PDU’s ratings by standard</caption>');
    expect(html).toContain('scope="col"');
    expect(html).toContain('scope="row"');
  });

  it('downloads the figures as CSV', async () => {
    const res = await get('analyst', `/regions/${regionId}/feedback?year=2025&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="regional-feedback-east-midlands-2025-26.csv"');
    const rows = parse<Record<string, string>>(await res.text(), { columns: true });
    const pooled = counted([ids.derby!, ids.derbyshire!, ids.nottingham!], '2.3.3');
    expect(rows.find((r) => r.item === '2.3.3' && r.scope === 'Region')).toMatchObject({ sufficient: String(pooled.n), applicable: String(pooled.N), percentage: String(rounded(pooled)) });
    expect(rows.filter((r) => r.section === 'rating' && r.item === 'overall').map((r) => r.scope)).toEqual(['Derby City', 'Derbyshire', 'Nottingham City']);
  });

  it('downloads the feedback as a PDF to circulate', async () => {
    const res = await get('rpd', `/regions/${regionId}/feedback?year=2025&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (!hasPoppler) return;
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Regional feedback: East Midlands, 2025/26');
    expect(text).toContain('Themes');
    expect(text).toContain('Provide interpreters across the region.');
    expect(text).toMatch(/Page 2 of \d+/);
  });

  it('is linked from the inspections list: every region for staff, their own for a region’s staff', async () => {
    const staff = await (await get('analyst', '/')).text();
    expect(staff).toContain(`href="/regions/${regionId}/feedback"`);
    expect(staff).toContain('Choose a region');
    const rpd = await (await get('rpd', '/')).text();
    expect(rpd.match(/href="\/regions\/\d+\/feedback"/g)).toEqual([`href="/regions/${regionId}/feedback"`]);
    // Not told to import files, as the inspectorate's staff are when there is nothing yet.
    expect(rpd).toContain('What they found across the region is in the regional feedback below.');
    expect(rpd).not.toContain('npx inspectorate import');
    expect(await (await get('pduStaff', '/')).text()).not.toContain('/feedback"');
  });
});

describe('who may see it', () => {
  it('lets the inspectorate’s staff and the region’s own staff in, and refuses everyone else', async () => {
    const path = `/regions/${regionId}/feedback?year=2025`;
    const statuses: Record<string, number> = {};
    for (const who of ['analyst', 'lead', 'rpd', 'inspector', 'pduStaff', 'otherRpd']) statuses[who] = (await get(who, path)).status;
    expect(statuses).toEqual({ analyst: 200, lead: 200, rpd: 200, inspector: 403, pduStaff: 403, otherRpd: 403 });
    expect((await get(undefined, path)).status).toBe(303);
    expect((await get(undefined, `/api/regions/${regionId}/feedback`)).status).toBe(401);
    expect((await get('pduStaff', `/api/regions/${regionId}/feedback`)).status).toBe(403);
  });

  it('answers 404 for a region that does not exist, or an organisation that is not a region, and 400 for a year that is not one', async () => {
    const derbyCity = (await findOrganisationByName(handle.db, 'pdu', 'Derby City'))!.id;
    expect((await get('analyst', '/regions/999999/feedback')).status).toBe(404);
    expect((await get('analyst', `/regions/${derbyCity}/feedback`)).status).toBe(404);
    expect((await get('analyst', '/regions/abc/feedback')).status).toBe(404);
    expect((await get('analyst', '/api/regions/999999/feedback')).status).toBe(404);
    expect((await get('analyst', `/regions/${regionId}/feedback?year=next`)).status).toBe(400);
    expect((await get('analyst', `/regions/${regionId}/feedback?year=2025/27`)).status).toBe(400);
    expect((await get('analyst', `/regions/${regionId}/feedback?year=2025-26`)).status).toBe(200);
  });
});
