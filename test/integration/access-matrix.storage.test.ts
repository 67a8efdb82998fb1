// Walks every route of the app with every kind of person and checks who may see and do what.
// A route added without a row (in ./access/rows-*.ts) fails the first test, so access is never
// decided by accident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { ensureDemoInspection } from '../../src/services/demo.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { PEOPLE, type Expect, type MatrixContext, type Person, type Row } from './access/matrix.ts';
import { coreRows } from './access/rows-core.ts';
import { programmeRows } from './access/rows-programme.ts';
import { publicationRows } from './access/rows-publication.ts';
import { sampleSurveyRows } from './access/rows-sample-survey.ts';
import { reportRows } from './access/rows-report.ts';
import { regionalRows } from './access/rows-regional.ts';
import { findOrganisationByName } from '../../src/db/repositories/index.ts';
import { nationalRows } from './access/rows-national.ts';
import { publicRatingsRows } from './access/rows-public-ratings.ts';
import { timelineRows } from './access/rows-timeline.ts';
import { jointInspectionRows } from './access/rows-joint-inspection.ts';
import { auditRows } from './access/rows-audit.ts';
import { domainOneRows } from './access/rows-domain-one.ts';
import { reportWritingRows } from './access/rows-report-writing.ts';
import { sfoAssessmentRows, sfoPublicAnnualFixture, sfoPublicRows, sfoRows } from './access/rows-sfo.ts';
import { sfoDocumentFixture, sfoDocumentRows } from './access/rows-sfo-documents.ts';
import { publishDemoInspection } from '../../src/services/demo-national.ts';
import { createAnnualReport, publishAnnualReport } from '../../src/services/national-reports.ts';
import { cheapPasswordHashingForTests } from '../../src/services/identity/passwords.ts';

const MATRIX: Row[] = [...coreRows, ...publicationRows, ...programmeRows, ...sampleSurveyRows, ...reportRows, ...nationalRows, ...regionalRows, ...publicRatingsRows, ...timelineRows, ...jointInspectionRows, ...reportWritingRows, ...domainOneRows, ...auditRows, ...sfoRows, ...sfoAssessmentRows, ...sfoDocumentRows, ...sfoPublicRows];


let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demoId: number;
let regionId: number;
let pduId: number;
let otherRegionId: number;
const annual = { draft: 0, published: 0 };
const sessions = new Map<Person, TestSession | undefined>();
let productionHashing: () => void;

beforeAll(async () => {
  // Who may sign in or make an account is the question here, not the hashing (sign-in.storage.test.ts).
  productionHashing = cheapPasswordHashingForTests();
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  demoId = (await ensureDemoInspection(handle.db))!;
  app = createApp({ db: handle.db });
  const db = handle.db;
  const leeds = (await findOrganisationByName(db, 'pdu', 'Leeds'))!;
  regionId = leeds.parentId!;
  pduId = leeds.id;
  otherRegionId = (await findOrganisationByName(db, 'region', 'North East'))!.id;
  // A published inspection of another PDU, and annual reports built from it: one draft, one published.
  await publishDemoInspection(db, { pduName: 'Sheffield', fieldworkStart: '2025-06-02', seed: 4, cases: 8 }, 'test');
  annual.draft = await createAnnualReport(db, { year: '2025/26', framework: 'hmip-adult-pdu@2021' }, 'test');
  annual.published = await createAnnualReport(db, { year: '2025/26', framework: 'hmip-adult-pdu@2021' }, 'test');
  await publishAnnualReport(db, annual.published, new Date().toISOString().slice(0, 10), 'test');
  await sfoDocumentFixture(db);
  await sfoPublicAnnualFixture(db);
  // One case left unfinished, so sign-off is refused whoever asks.
  await db.deleteFrom('case_answer').where('item_id', '=', '2.2.1').where('case_id', 'in', db.selectFrom('inspection_case').select('id').where('case_ref', '=', 'DEMO-040')).execute();
  sessions.set('anonymous', undefined);
  sessions.set('administrator', await signedIn(db, 'administrator'));
  sessions.set('programme-manager', await signedIn(db, 'programme-manager'));
  sessions.set('analyst', await signedIn(db, 'analyst'));
  sessions.set('lead', await signedIn(db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } }));
  sessions.set('inspector', await signedIn(db, 'inspector', { inspection: { id: demoId, as: 'inspector' } }));
  sessions.set('other-inspector', await signedIn(db, 'inspector'));
  sessions.set('service-own', await signedIn(db, 'service-staff', { service: 'Leeds' }));
  sessions.set('service-other', await signedIn(db, 'service-staff', { service: 'Sheffield' }));
  // The staff of the demonstration PDU's region (Yorkshire and the Humber), and the SFO QA team.
  sessions.set('region-own', await signedIn(db, 'service-staff', { region: 'Yorkshire and the Humber' }));
  sessions.set('sfo-lead', await signedIn(db, 'sfo-lead'));
  sessions.set('sfo-inspector', await signedIn(db, 'sfo-inspector'));
});
afterAll(async () => {
  productionHashing?.();
  await handle?.close();
});



const ctx: MatrixContext = {
  get demoId() {
    return demoId;
  },
  get regionId() {
    return regionId;
  },
  get pduId() {
    return pduId;
  },
  get otherRegionId() {
    return otherRegionId;
  },
  annual,
  userId: (person) => sessions.get(person)!.userId,
};

async function request(row: Row, person: Person): Promise<Response> {
  const session = sessions.get(person);
  return row.method === 'GET'
    ? await app.request(row.path(ctx), { headers: session ? { cookie: session.cookie } : {} })
    : await app.request(row.path(ctx), formPost(session, row.body?.(ctx) ?? {}));
}

describe('access to every route', () => {
  it('has a row for every route the app registers', () => {
    const registered = new Set(
      app.routes.filter((r) => r.method !== 'ALL' && !r.path.startsWith('/assets')).map((r) => `${r.method} ${r.path.replace(/\/$/, '') || '/'}`),
    );
    const covered = new Set(MATRIX.map((r) => `${r.method} ${r.route}`));
    expect([...registered].filter((r) => !covered.has(r))).toEqual([]);
  });

  for (const row of MATRIX)
    it(`${row.method} ${row.route}`, async () => {
      // Sign-out ends the session it is given, so it runs last of all, per person, below.
      const results: Record<string, Expect> = {};
      const expected: Record<string, Expect> = {};
      for (const person of PEOPLE) {
        if (row.route === '/sign-out') continue;
        const res = await request(row, person);
        const status = res.status;
        // Only the inspections' pages (and the home page listing them) can be 'embargoed'; elsewhere
        // (the administrators' outbox of embargo emails, say) the words are content, not the embargo.
        const ofAnInspection = row.route === '/' || /^\/(api\/)?inspections(\/|$)/.test(row.route);
        // Every body is read to its end; only those that can show the embargo are decoded as text (PDFs are not).
        const text = ofAnInspection && status === 200 ? await res.text() : (await res.arrayBuffer(), '');
        const embargoed = ofAnInspection && status === 200 && /embargoed until|"embargoed":true/i.test(text) && !/"standards"/.test(text);
        results[person] = embargoed ? 'embargoed' : status;
        expected[person] = row.expect[person] ?? row.expect.default;
      }
      expect(results).toEqual(expected);
    });

  it('POST /sign-out ends the session', async () => {
    for (const person of PEOPLE) {
      const row = MATRIX.find((r) => r.route === '/sign-out')!;
      expect((await request(row, person)).status).toBe(row.expect[person] ?? row.expect.default);
    }
    const after = await app.request('/', { headers: { cookie: sessions.get('administrator')!.cookie } });
    expect(after.status).toBe(303);
  });
});
