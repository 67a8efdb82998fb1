// Youth inspections in the product (issue 12, section 3): the framework an inspection is created
// with is chosen by the kind of organisation its regime inspects (a youth justice service gets the
// current youth framework, or any youth version chosen), in the service, the page and the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName, getInspection, listOrganisations, type Db } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { FieldError } from '../../src/services/errors.ts';
import { createDirectly, currentChoice, frameworkChoices, type Creator } from '../../src/services/inspection-booking.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { writeAssessmentCsv } from '../../src/interchange/assessment-file.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { importAssessments } from '../../src/services/inspections.ts';
import { anyFrameworkAssessment } from '../support/any-framework-assessment.ts';
import { runCapturing } from '../support/cli.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let db: Db;
let app: ReturnType<typeof createApp>;
let planner: TestSession;
let lead: TestSession;
let youthInspectionId: number;
const creator = (): Creator => ({ actor: `user:${planner.userId}`, userId: planner.userId, role: 'programme-manager' });
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (e: unknown) => e);
  expect(e).toBeInstanceOf(FieldError);
  return (e as FieldError).fields;
};
const youth = (name: string) => findOrganisationByName(db, 'youth-service', name).then((o) => String(o!.id));

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await loadReferenceData(db, 'test');
  app = createApp({ db });
  planner = await signedIn(db, 'programme-manager');
  lead = await signedIn(db, 'lead-inspector');
});
afterAll(() => handle?.close());

describe('the framework chosen by the kind of organisation', () => {
  it('lists the stored versions by the kind they inspect, the newest of each kind current', async () => {
    const choices = await frameworkChoices(db);
    expect(choices.map((c) => [c.key, c.organisationKind, c.isDefault])).toEqual([
      ['hmip-adult-pdu@2021', 'pdu', true],
      ['hmip-youth@2021', 'youth-service', true],
      ['hmip-youth@2018', 'youth-service', false],
    ]);
    expect(currentChoice(choices, 'youth-service')?.inspects).toBe('youth justice services');
  });

  it('creates a youth inspection with the current youth framework unless a youth version is chosen', async () => {
    const made = await createDirectly(db, { kind: 'youth-service', pdu: '', youthService: await youth('Leeds'), fieldworkStart: '2026-11-02', framework: '' }, creator());
    expect(made).toMatchObject({ frameworkId: 'hmip-youth', frameworkVersion: '2021', title: 'An inspection of youth justice services in Leeds', fieldworkEnd: '2026-11-06' });
    const older = await createDirectly(db, { kind: 'youth-service', pdu: '', youthService: await youth('Bradford'), fieldworkStart: '2026-11-02', framework: 'hmip-youth@2018' }, creator());
    expect(older).toMatchObject({ frameworkId: 'hmip-youth', frameworkVersion: '2018' });
    // A PDU without a framework named still gets the adult framework.
    const pdu = await findOrganisationByName(db, 'pdu', 'York');
    expect(await createDirectly(db, { pdu: String(pdu!.id), fieldworkStart: '2026-11-02', framework: '' }, creator())).toMatchObject({ frameworkId: 'hmip-adult-pdu', frameworkVersion: '2021' });
  });

  it('refuses a version for another kind of organisation, and a youth service missing, naming the field', async () => {
    expect(await refusal(createDirectly(db, { kind: 'youth-service', pdu: '', youthService: await youth('Wakefield'), fieldworkStart: '2026-11-02', framework: 'hmip-adult-pdu@2021' }, creator()))).toEqual([
      { field: 'framework', message: 'Adult probation inspection standards (PDU inspections) (hmip-adult-pdu, version 2021) inspects PDUs: select a version for youth justice service inspections, or the current one' },
    ]);
    const pdu = await findOrganisationByName(db, 'pdu', 'Sheffield');
    expect(await refusal(createDirectly(db, { kind: 'youth-service', pdu: String(pdu!.id), youthService: '', fieldworkStart: '2026-11-02', framework: '' }, creator()))).toEqual([
      { field: 'youthService', message: 'Select the youth justice service to inspect' },
    ]);
    expect((await refusal(createDirectly(db, { kind: 'prison', pdu: '', fieldworkStart: '2026-11-02', framework: '' }, creator())))[0]).toEqual({ field: 'kind', message: 'Select whether a PDU or a youth justice service is inspected' });
  });
});

describe('the page', () => {
  it('offers youth justice services and the versions by kind, and creates a youth inspection', async () => {
    const id = await youth('Calderdale');
    // From the registry's page of the youth justice service.
    const registry = await (await app.request(`/programme/services/${id}`, { headers: { cookie: planner.cookie } })).text();
    expect(registry).toContain(`<a class="govuk-link" href="/inspections/new?organisation=${id}#direct">Create an inspection of Calderdale</a>`);
    const page = await (await app.request(`/inspections/new?organisation=${id}`, { headers: { cookie: lead.cookie } })).text();
    expect(page).toContain('A youth justice service');
    expect(page).toMatch(new RegExp(`<option value="${id}" selected>Calderdale</option>`));
    expect(page).toContain('For youth justice services (the current version)');
    expect(page).toContain('The current version for what is inspected');
    const res = await app.request('/inspections/new', formPost(lead, { kind: 'youth-service', pdu: '', youthService: id, 'fieldworkStart-day': '7', 'fieldworkStart-month': '12', 'fieldworkStart-year': '2026', framework: '' }));
    expect(res.status).toBe(303);
    const inspection = await getInspection(db, Number(/\/inspections\/(\d+)/.exec(res.headers.get('location')!)![1]));
    expect(inspection).toMatchObject({ frameworkId: 'hmip-youth', frameworkVersion: '2021', title: 'An inspection of youth justice services in Calderdale' });
    youthInspectionId = inspection!.id;
    const wrong = await app.request('/inspections/new', formPost(lead, { kind: 'youth-service', youthService: '', 'fieldworkStart-day': '7', 'fieldworkStart-month': '12', 'fieldworkStart-year': '2026', framework: '' }));
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('<a href="#youthService">Select the youth justice service to inspect</a>');
  });
});

describe('a youth inspection’s cases', () => {
  it('lists the cases by the framework’s case type and risk level, and offers each case only the standards of its type', async () => {
    const framework = bundledFramework('hmip-youth@2021');
    const assessment = anyFrameworkAssessment(framework, 7, 12);
    await importAssessments(db, { inspectionId: youthInspectionId, text: writeAssessmentCsv(framework, assessment), format: 'csv', strict: true }, 'test:lead');
    const list = await (await app.request(`/inspections/${youthInspectionId}/cases`, { headers: { cookie: lead.cookie } })).text();
    expect(list).toMatch(/<th scope="col" class="govuk-table__header"[^>]*>Case type<\/th>/);
    expect(list).toContain('Risk of serious harm</th>');
    expect(list).not.toContain('Sentence type');
    const court = assessment.cases.find((c) => c.attributes.case_type === 'court')!;
    const ooc = assessment.cases.find((c) => c.attributes.case_type === 'out-of-court')!;
    expect(list).toMatch(new RegExp(`${court.caseRef}</a></th>\\s*<td class="govuk-table__cell">court</td>`));
    const tasks = async (ref: string) => {
      const html = await (await app.request(`/inspections/${youthInspectionId}/cases/${ref}`, { headers: { cookie: lead.cookie } })).text();
      return [...html.matchAll(/href="[^"]*\/standards\/([\d.]+)"/g)].map((m) => m[1]);
    };
    expect(await tasks(court.caseRef)).toEqual(['2.1', '2.2', '2.3', '2.4']);
    expect(await tasks(ooc.caseRef)).toEqual(['3.1', '3.2', '3.3']);
  });

  it('reports in the regime’s words, with the standards rated separately shown apart', async () => {
    const html = await (await app.request(`/inspections/${youthInspectionId}/report`, { headers: { cookie: lead.cookie } })).text();
    expect(html).toContain('An inspection of youth justice services in Calderdale');
    expect(html).toContain('<h2 class="govuk-heading-l" id="people-on-probation">The views of children</h2>');
    expect(html).toContain('Rated separately: not counted in the overall score');
    expect(html).toContain('The youth justice service should');
    expect(html).not.toContain('id="diversity"');
    expect(html).not.toMatch(/people on probation|Probation Delivery Unit/);
    expect(html).toContain('Standards 1.1, 1.2, 1.3, 1.4, 3.4 and 4.1 are rated by the lead inspector');
  });

  it('tells the lead that resettlement is rated separately, and only where relevant custody cases were found', async () => {
    const page = async (id: string) => (await app.request(`/inspections/${youthInspectionId}/domain-one/${id}`, { headers: { cookie: lead.cookie } })).text();
    const resettlement = await page('4.1');
    expect(resettlement).toContain('4.1 is rated separately: it is not counted in the overall score. Rate it only where the inspection found a child with a relevant custody case in the 12 months before the inspection. Left unrated, the report shows it as not rated, and sign-off does not wait for it.');
    expect(await page('1.1')).not.toContain('is rated separately');
  });

  it('names the lead’s section, the report’s headings and their wording to be confirmed from the youth file', async () => {
    const judgements = await (await app.request(`/inspections/${youthInspectionId}/judgements`, { headers: { cookie: lead.cookie } })).text();
    expect(judgements).toContain('<h1 class="govuk-heading-l">Standards judged for the service</h1>');
    expect(judgements).toContain('<title>Standards judged for the service: ');
    expect(judgements).not.toContain('Domain one and diversity');
    const writing = await (await app.request(`/inspections/${youthInspectionId}/report-writing`, { headers: { cookie: lead.cookie } })).text();
    expect(writing).toContain('The Youth Justice Board should');
    expect(writing).toContain('Heading wording to be confirmed');
    expect(writing).not.toContain('HM Prison and Probation Service');
    const overview = await (await app.request(`/inspections/${youthInspectionId}`, { headers: { cookie: lead.cookie } })).text();
    expect(overview).toMatch(/<dt class="govuk-summary-list__key">\s*Youth justice service\s*<\/dt>/);
    expect(overview).not.toMatch(/Probation Delivery Unit|<dt class="govuk-summary-list__key">\s*Region/);
    // The inspections list names its organisations as their frameworks do: neutrally when it mixes kinds.
    const list = await (await app.request('/', { headers: { cookie: lead.cookie } })).text();
    expect(list).toContain(`/inspections/${youthInspectionId}"`);
    expect(list).toMatch(/<th scope="col" class="govuk-table__header">(Youth justice service|Service inspected)<\/th>/);
    expect(list).not.toContain('Probation Delivery Unit');
    // The programme manager's list mixes a PDU and youth justice services, so each row says which kind its service is.
    const everyInspection = await (await app.request('/', { headers: { cookie: planner.cookie } })).text();
    expect(everyInspection).toContain('<th scope="col" class="govuk-table__header">Service inspected</th>');
    expect(everyInspection).toMatch(new RegExp(`/inspections/${youthInspectionId}">[^<]+</a><span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Youth justice service</span>`));
  });
});

describe('inspectorate create-inspection', () => {
  it('creates a youth inspection with the current youth framework, and needs one organisation', async () => {
    const made = await runCapturing(['create-inspection', '--youth-service', 'Kirklees', '--fieldwork-start', '2027-01-11'], handle);
    expect(made.stdout).toMatch(/Created inspection \d+: An inspection of youth justice services in Kirklees, fieldwork 2027-01-11 to 2027-01-15/);
    const both = await runCapturing(['create-inspection', '--pdu', 'York', '--youth-service', 'York', '--fieldwork-start', '2027-01-11'], handle);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give either --pdu NAME or --youth-service NAME');
    expect((await listOrganisations(db, 'youth-service')).length).toBeGreaterThan(100);
  });
});
