// Domain one's pages over HTTP: a standard's key questions and prompts from the framework file, the
// evidence grouped by key question with its counts beside the rating form, the add, change and
// withdraw forms with GOV.UK errors in words and confirmation banners, the lead's choice of who may
// record evidence, and what inspectors, the inspected service and a signed-off inspection get.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, listInspectionJudgements, setInspectionStatus } from '../../src/db/repositories/index.ts';
import { listDomainOneEvidence } from '../../src/db/repositories/domain-one-evidence-repository.ts';
import { fullDate } from '../../src/domain/timeline/dates.ts';
import { createApp } from '../../src/http/app.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { runDemoSurvey } from '../../src/services/survey/demo-survey.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { pinClock } from '../support/clock.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demoId: number;
let lead: TestSession;
let inspector: TestSession;
let service: TestSession;
const framework = bundledFramework('hmip-adult-pdu@2021');

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  await runDemoSurvey(handle.db, demoId, { people: 24, phoneOffset: 950, seed: 5 }, 'test');
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
  inspector = await signedIn(handle.db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
  service = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
});
afterAll(() => handle?.close());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
const html = async (s: TestSession, path: string) => (await get(s, path)).text();
const standard = (id = '1.1') => `/inspections/${demoId}/domain-one/${id}`;
const today = clock.today();
const dateFields = (iso = today) => ({ 'date-day': String(Number(iso.slice(8, 10))), 'date-month': String(Number(iso.slice(5, 7))), 'date-year': iso.slice(0, 4) });
const interview = { itemId: '1.1.1a', kind: 'interview', source: 'Interview with the head of PDU', ...dateFields(), text: 'Staff helped write the delivery plan.', finding: 'strength' };
/** The error summary's messages, in order. */
const summary = (page: string) => [...(page.split('govuk-error-summary__list')[1] ?? '').matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]!.trim()]);

describe('a domain-one standard’s page', () => {
  it('shows every key question and prompt of the standard from the framework file, and the rating form beside the evidence', async () => {
    const page = await html(lead, standard('1.1'));
    for (const kq of framework.standard('1.1')!.keyQuestions) {
      expect(page).toContain(`${kq.id} ${kq.text}`.replace(/'/g, '&#39;'));
      for (const p of kq.prompts) expect(page).toContain(`<strong>${p.id}</strong> ${p.text.replace(/'/g, '&#39;')}`);
    }
    expect(page).toContain('No evidence yet across the standard');
    expect(page).toContain('Add evidence');
    expect(page).toContain('Save the rating for 1.1');
    expect((await get(lead, standard('2.2'))).status).toBe(404);
  });

  it('adds evidence, then shows it under its key question with a banner, its date in words and the counts', async () => {
    const res = await app.request(`${standard('1.1')}/evidence`, formPost(lead, interview));
    expect(res.status).toBe(303);
    const id = (await listDomainOneEvidence(handle.db, demoId, '1.1')).at(-1)!.id;
    expect(res.headers.get('location')).toBe(`${standard('1.1')}?done=added#evidence-${id}`);
    const page = await html(lead, res.headers.get('location')!);
    expect(page).toContain('govuk-notification-banner--success');
    expect(page).toContain('Evidence added');
    expect(page).toContain('Strength: Interview with the head of PDU');
    expect(page).toContain(fullDate(today));
    expect(page).toContain('1 strength, 0 areas for improvement across the standard');
    const group = page.split('id="kq-1-1-1"')[1]!.split('id="kq-1-1-2"')[0]!;
    expect(group).toContain(`id="evidence-${id}"`);
    expect(group).toContain('1 strength');
  });

  it('gives every problem in words, in the form’s order, and stores nothing', async () => {
    const before = (await listDomainOneEvidence(handle.db, demoId)).length;
    const empty = await app.request(`${standard('1.1')}/evidence`, formPost(lead, {}));
    expect(empty.status).toBe(400);
    const page = await empty.text();
    expect(page).toContain('<title>Error: Add evidence for 1.1 Leadership');
    expect(summary(page)).toEqual([
      ['#itemId', 'Select the key question or prompt the evidence is about'],
      ['#kind', 'Select the kind of evidence'],
      ['#source', 'Enter where the evidence comes from, for example “Interview with the head of PDU”'],
      ['#date-day', 'Enter the date of the evidence'],
      ['#text', 'Enter what the evidence shows'],
      ['#finding', 'Select whether the evidence is a strength, an area for improvement or neutral'],
    ]);
    const badDate = await (await app.request(`${standard('1.1')}/evidence`, formPost(lead, { ...interview, 'date-day': '31', 'date-month': '2' }))).text();
    expect(summary(badDate)).toEqual([['#date-day', 'The date of the evidence must be a real date']]);
    expect(badDate).toContain('govuk-input--error');
    // What was typed is kept.
    expect(badDate).toContain('value="Interview with the head of PDU"');
    const future = await (await app.request(`${standard('1.1')}/evidence`, formPost(lead, { ...interview, ...dateFields('2999-01-01') }))).text();
    expect(summary(future)).toEqual([['#date-day', 'The date of the evidence must be today or in the past']]);
    expect((await listDomainOneEvidence(handle.db, demoId)).length).toBe(before);
  });

  it('links survey evidence and case findings to the inspection’s own figures', async () => {
    const form = await html(lead, `${standard('1.3')}/evidence/new?item=1.3.1`);
    expect(form).toContain('<option value="1.3.1" selected>');
    expect(form).toContain('agree or strongly agree');
    const statement = /<option value="([^"]+)">“/.exec(form.split('id="surveyStatementId"')[1]!)![1]!;
    expect((await app.request(`${standard('1.3')}/evidence`, formPost(lead, { ...interview, itemId: '1.3.1', kind: 'survey', source: 'Survey of people on probation', text: '', surveyStatementId: statement, finding: 'neutral' }))).status).toBe(303);
    expect((await app.request(`${standard('1.3')}/evidence`, formPost(lead, { ...interview, itemId: '1.3.1b', kind: 'case-findings', source: 'Case assessments', text: '', caseKeyQuestionId: '2.3.1', finding: 'area-for-improvement' }))).status).toBe(303);
    const page = await html(lead, standard('1.3'));
    expect(page).toContain('Survey result');
    expect(page).toMatch(/% agree or strongly agree \(\d+ of \d+/);
    expect(page).toMatch(/2\.3\.1 [^<]+<\/p><p class="govuk-body">\d+% of cases sufficient \(\d+ of \d+\); provisional(: \d+ of 40 cases complete| until sign-off)<\/p>/);
    // The survey's own evidence for the standard sits with it.
    expect(page).toContain('Survey evidence for 1.3');
  });

  it('changes evidence through its form, and withdraws it with a reason', async () => {
    const evidence = (await listDomainOneEvidence(handle.db, demoId, '1.1')).at(-1)!;
    const edit = await html(lead, `${standard('1.1')}/evidence/${evidence.id}`);
    expect(edit).toContain('Change evidence for 1.1 Leadership');
    expect(edit).toContain('value="Interview with the head of PDU"');
    expect(edit).toContain(`name="date-day" type="text" value="${Number(today.slice(8, 10))}"`);
    const changed = await app.request(`${standard('1.1')}/evidence/${evidence.id}`, formPost(lead, { ...interview, finding: 'area-for-improvement', version: '1' }));
    expect(changed.status).toBe(303);
    expect(await html(lead, changed.headers.get('location')!)).toContain('Evidence changed');
    // A second save from the same version is refused, keeping the newer one.
    const stale = await app.request(`${standard('1.1')}/evidence/${evidence.id}`, formPost(lead, { ...interview, finding: 'neutral', version: '1' }));
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Someone changed this evidence after you opened it');
    expect((await listDomainOneEvidence(handle.db, demoId, '1.1')).at(-1)!.finding).toBe('area-for-improvement');

    const noReason = await app.request(`${standard('1.1')}/evidence/${evidence.id}/withdraw`, formPost(lead, { reason: '' }));
    expect(noReason.status).toBe(400);
    expect(summary(await noReason.text())).toEqual([['#reason', 'Enter why the evidence is withdrawn']]);
    const withdrawn = await app.request(`${standard('1.1')}/evidence/${evidence.id}/withdraw`, formPost(lead, { reason: 'Duplicate of the focus group notes' }));
    expect(withdrawn.status).toBe(303);
    const page = await html(lead, withdrawn.headers.get('location')!);
    expect(page).toContain('Evidence withdrawn');
    expect(page).not.toContain(`id="evidence-${evidence.id}"`);
    expect((await listAudit(handle.db, { inspectionId: demoId })).at(-1)).toMatchObject({ action: 'domain-one-evidence.withdrawn', after: { reason: 'Duplicate of the focus group notes' } });
    expect((await get(lead, `${standard('1.1')}/evidence/${evidence.id}`)).status).toBe(404);
  });

  it('records the rating and rationale from beside the evidence, with errors in words', async () => {
    const none = await app.request(`${standard('1.2')}/rating`, formPost(lead, { rationale: 'x' }));
    expect(none.status).toBe(400);
    expect(summary(await none.text())).toEqual([['#rating', 'Select a rating']]);
    const noRationale = await app.request(`${standard('1.2')}/rating`, formPost(lead, { rating: 'Good' }));
    expect(summary(await noRationale.text())).toEqual([['#rationale', 'Write the rationale for the rating']]);
    const saved = await app.request(`${standard('1.2')}/rating`, formPost(lead, { rating: 'Good', rationale: 'Workloads are manageable and supervision is regular.' }));
    expect(saved.status).toBe(303);
    expect(await html(lead, saved.headers.get('location')!)).toContain('Rating and rationale saved');
    expect((await listInspectionJudgements(handle.db, demoId)).find((j) => j.itemId === '1.2')).toMatchObject({ rating: 'Good', rationale: 'Workloads are manageable and supervision is regular.' });
    expect((await app.request(`/inspections/${demoId}/domain-one/diversity/rating`, formPost(lead, { rating: 'Good', rationale: 'x' }))).status).toBe(404);
  });
});

describe('the judgements page', () => {
  it('lists each domain-one standard with its counts and a link, keeps the diversity form, and lets the lead choose who records evidence', async () => {
    const page = await html(lead, `/inspections/${demoId}/judgements`);
    expect(page).toContain(`href="${standard('1.1')}">Evidence and rating for 1.1 Leadership</a>`);
    expect(page).toMatch(/Evidence: \d+ strengths?, \d+ areas? for improvement/);
    expect(page).toContain('Save the rating for Diversity');
    expect(page).not.toContain('Save the rating for 1.1 Leadership');
    expect(page).toContain('Who may record domain-one evidence');
    const res = await app.request(`/inspections/${demoId}/domain-one/writers`, formPost(lead, { writers: String(inspector.userId) }));
    expect(res.status).toBe(303);
    expect(await html(lead, res.headers.get('location')!)).toContain('Who may record domain-one evidence is saved');
  });
});

describe('inspectors, the inspected service and a signed-off inspection', () => {
  it('an allowed inspector adds evidence but sees no rating form, and may not rate', async () => {
    const page = await html(inspector, standard('1.4'));
    expect(page).toContain('Add evidence');
    expect(page).not.toContain('Save the rating');
    expect((await app.request(`${standard('1.4')}/evidence`, formPost(inspector, { ...interview, itemId: '1.4.1', source: 'Observation of the reception area', kind: 'observation' }))).status).toBe(303);
    expect((await app.request(`${standard('1.4')}/rating`, formPost(inspector, { rating: 'Good', rationale: 'x' }))).status).toBe(403);
  });

  it('refuses the inspected service every page and form', async () => {
    for (const path of [standard('1.1'), `${standard('1.1')}/evidence/new`, `/inspections/${demoId}/judgements`]) expect((await get(service, path)).status).toBe(403);
    expect((await app.request(`${standard('1.1')}/evidence`, formPost(service, interview))).status).toBe(403);
  });

  it('offers no changes once signed off, and refuses them', async () => {
    await setInspectionStatus(handle.db, demoId, 'signed-off');
    try {
      const page = await html(lead, standard('1.1'));
      expect(page).toContain('The inspection is signed off: its domain-one evidence and ratings are locked.');
      expect(page).not.toContain('Add evidence');
      expect(page).not.toContain('Save the rating');
      expect(page).not.toContain('>Change<');
      expect((await get(lead, `${standard('1.1')}/evidence/new`)).status).toBe(409);
      expect((await app.request(`${standard('1.1')}/evidence`, formPost(lead, interview))).status).toBe(409);
    } finally {
      await setInspectionStatus(handle.db, demoId, 'in-progress');
    }
  });
});
