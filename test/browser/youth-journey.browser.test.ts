// Issue 12: a youth inspection through the same journey as a PDU inspection, in Chromium, each
// step by the person who does it, signed in through the sign-in page. A programme manager creates
// an inspection of a youth justice service from its page in the registry; the lead and inspectors
// are put on the team; the service's own staff upload its caseload (court and out-of-court cases)
// and the lead confirms the sample and assigns the cases; an inspector assesses a court case and
// an out-of-court case by hand with the youth prompts, and the rest of the cases come in as an
// assessment file through the command line (export, complete, import: what the PDU journey clicks
// through every form for); a second inspector assesses one blind and the lead settles the
// disagreement; the lead judges domain one and the policy standards for the service (1.1-1.4, 3.4,
// and 4.1 resettlement, rated because a relevant custody case was found) and signs off; writes the
// overall findings and a recommendation; the service checks the draft's factual accuracy; the
// lead embargoes it to a named recipient and publishes; the public read it and its PDF; the
// service writes its action plan. Every page is checked by axe-core and for the adult regime's
// words (PDU, people on probation) that the youth framework's regime does not use, and kept as a
// screenshot (youth-journey-*.png).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName } from '../../src/db/repositories/index.ts';
import { applicableItems } from '../../src/domain/assessment/applicability.ts';
import { addDays, dayOfWeek } from '../../src/domain/sampling/dates.ts';
import { samplingWindow } from '../../src/domain/sampling/window.ts';
import type { CaseAssessment } from '../../src/domain/assessment/types.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { DEMO_ACCOUNTS } from '../../src/services/identity/demo-users.ts';
import { runCapturing } from '../support/cli.ts';
import { axeViolations, screenshotsDir, startBrowserFixture, type BrowserFixture } from './browser.ts';

const SERVICE = 'Wakefield';
const TITLE = `An inspection of youth justice services in ${SERVICE}`;
const staff = { email: 'staff@wakefield-yjs.example', password: 'wakefield-youth-staff-1' };
const framework = bundledFramework('hmip-youth@2021');

let fixture: BrowserFixture;
const dir = mkdtempSync(join(tmpdir(), 'youth-journey-'));
beforeAll(async () => {
  fixture = await startBrowserFixture();
});
afterAll(async () => {
  await fixture?.close();
  rmSync(dir, { recursive: true, force: true });
});

const url = (path: string) => fixture.baseUrl + path;
const main = (page: Page) => page.locator('main').innerText();
/** The success banner's text, once the page has no error summary (whose text is the failure's message). */
async function banner(page: Page): Promise<string> {
  await page.waitForLoadState();
  const errors = page.locator('.govuk-error-summary');
  if (await errors.count()) throw new Error(`${new URL(page.url()).pathname}: ${await errors.innerText()}`);
  return page.locator('.govuk-notification-banner').first().innerText();
}
const isoToday = () => new Date().toISOString().slice(0, 10);

let inspectionId = 0;
const base = () => `/inspections/${inspectionId}`;
let caseRefs: string[] = [];
const problems: string[] = [];

/** A new browser context for one person, signed in through the sign-in page (or the public, signed out). */
async function open(who?: string | { email: string; password: string }): Promise<Page> {
  const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/status of 40[0349]/.test(m.text()) && problems.push(m.text()));
  if (who) {
    const person = typeof who === 'string' ? DEMO_ACCOUNTS.find((a) => a.email.startsWith(`${who}@`))! : who;
    await page.goto(url('/sign-in'));
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  }
  return page;
}
const close = (page: Page) => page.context().close();

/** The adult regime's words, which the youth framework's regime does not use. */
const ADULT_WORDS = /\bPDUs?\b|Probation Delivery Units?|(people|person) on probation|probation practitioner|Regional Probation Director/gi;
/** Where they were seen: every page's, asserted at the end so one run lists them all. */
const adultWords = new Set<string>();

const checked = new Set<string>();
/**
 * The page has this h1, names nothing in the adult regime's words, and the first time it is seen
 * axe-core finds nothing on it; kept as a screenshot.
 */
async function look(page: Page, name: string, heading: string | RegExp, o: { mixed?: boolean } = {}): Promise<void> {
  await expect(page.locator('h1').innerText()).resolves.toMatch(heading);
  // A page about PDUs and youth justice services alike (the create form's choice of kind) may name both.
  if (!o.mixed) {
    const text = `${await page.title()}\n${await page.locator('body').innerText()}`;
    for (const m of text.matchAll(ADULT_WORDS)) adultWords.add(`${name} (${new URL(page.url()).pathname}): …${text.slice(Math.max(0, m.index - 60), m.index + 60).replace(/\s+/g, ' ')}…`);
  }
  if (!checked.has(name)) {
    checked.add(name);
    expect(await axeViolations(page), `axe-core on ${name}`).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, `youth-journey-${String(checked.size).padStart(2, '0')}-${name}.png`), fullPage: true, timeout: 60_000 });
  }
}

/** The first Monday at least four weeks ahead. */
function fieldworkStart(): string {
  const inFourWeeks = addDays(isoToday(), 28);
  return addDays(inFourWeeks, (8 - dayOfWeek(inFourWeeks)) % 7);
}

/** The youth justice service's caseload: court and out-of-court cases that began in the window, and one before it. */
function caseloadCsv(start: string): string {
  const window = samplingWindow({ monthsBefore: framework.definition.regime.sampleWindow.monthsBeforeFieldwork, fieldworkStart: start, weeks: 1 });
  if (!window.ok) throw new Error(window.problems.join('; '));
  const from = window.window.start;
  const rows = [
    ['YJ0001', from, 'Court', 'Case manager 1', 'Medium', 'Male', 'White', '15-17'],
    ['YJ0002', addDays(from, 1), 'Out of court disposal', 'Case manager 2', 'Low', 'Female', 'Black', '10-14'],
    ['YJ0003', addDays(from, 2), 'Court', 'Case manager 1', 'High', 'Male', 'Mixed', '15-17'],
    ['YJ0004', addDays(from, 3), 'OOCD', 'Case manager 3', 'Low', 'Male', 'Asian', '15-17'],
    ['YJ0005', addDays(from, -40), 'Court', 'Case manager 2', 'Medium', 'Female', 'White', '15-17'],
  ];
  return ['Case ref,Date the disposal began,Case type,Case manager,Risk of serious harm,Sex,Ethnic group,Age', ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';
}

async function fillDate(page: Page, group: string, iso: string): Promise<void> {
  const g = page.getByRole('group', { name: group });
  await g.getByLabel('Day').fill(String(Number(iso.slice(8, 10))));
  await g.getByLabel('Month').fill(String(Number(iso.slice(5, 7))));
  await g.getByLabel('Year').fill(iso.slice(0, 4));
}

/** Answers every question on the standard's form (the first choice; "No" for the items named) and marks it complete. */
async function assessStandard(page: Page, no: readonly string[], byHand: boolean): Promise<void> {
  const groups = await page.locator('form .govuk-radios').all();
  expect(groups.length).toBeGreaterThan(0);
  if (byHand) {
    for (const group of groups) {
      const first = group.locator('input[type="radio"]').first();
      if (no.includes((await first.getAttribute('name'))!)) await group.locator('input[value="no"]').check();
      else await first.check();
    }
  } else {
    await page.locator('form .govuk-radios').evaluateAll((all, names) => {
      for (const group of all) {
        const radios = [...group.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
        (names.includes(radios[0]!.name) ? radios.find((r) => r.value === 'no')! : radios[0]!).checked = true;
      }
    }, [...no]);
  }
  await page.getByRole('button', { name: 'Save and mark as complete' }).click();
  await expect(page.locator('.govuk-error-summary').count()).resolves.toBe(0);
}

/** Every standard of the case's task list assessed through its form; the first form of the test by hand. */
let handDone = false;
async function assessCase(page: Page, formName: string, no: readonly string[] = []): Promise<string[]> {
  const listPage = page.url();
  const hrefs: string[] = [];
  for (const a of await page.locator('.govuk-task-list a.govuk-task-list__link').all()) hrefs.push((await a.getAttribute('href'))!);
  expect(hrefs.length).toBeGreaterThan(0);
  for (const [i, href] of hrefs.entries()) {
    await page.goto(url(href));
    await look(page, formName, /^\d\.\d /);
    expect(await page.locator('.govuk-radios__input:checked').count(), href).toBe(0);
    await assessStandard(page, i === 0 ? no : [], !handDone);
    handDone = true;
    expect(page.url().split('?')[0]).toBe(listPage.split('?')[0]);
  }
  return hrefs.map((h) => h.split('/').pop()!);
}

/** A step after one that failed is skipped: the journey's state would not be there. */
let failed = false;
const step = (title: string, body: () => Promise<void>) =>
  it(
    title,
    async (context) => {
      if (failed) return context.skip();
      try {
        await body();
      } catch (e) {
        failed = true;
        throw e;
      }
    },
    120_000,
  );

describe.sequential('issue 12: a youth inspection through the whole journey', () => {
  step('the programme manager creates the inspection from the youth justice service’s page in the registry', async () => {
    const org = await findOrganisationByName(fixture.database.db, 'youth-service', SERVICE);
    const page = await open('programme');
    await page.goto(url(`/programme/services/${org!.id}`));
    await look(page, 'registry-service', new RegExp(SERVICE));
    await page.getByRole('link', { name: `Create an inspection of ${SERVICE}` }).click();
    await look(page, 'inspection-new', 'Create an inspection', { mixed: true });
    const form = page.locator('form', { has: page.getByLabel('Youth justice service', { exact: true }) });
    await expect(form.getByLabel('Youth justice service', { exact: true }).inputValue()).resolves.toBe(String(org!.id));
    const start = fieldworkStart();
    const date = form.getByRole('group', { name: 'First day of fieldwork' });
    await date.getByLabel('Day').fill(String(Number(start.slice(8, 10))));
    await date.getByLabel('Month').fill(String(Number(start.slice(5, 7))));
    await date.getByLabel('Year').fill(start.slice(0, 4));
    await form.getByRole('button', { name: 'Create the inspection' }).click();
    await expect(banner(page)).resolves.toContain('Inspection created, with its timeline');
    await look(page, 'overview', TITLE);
    inspectionId = Number(new URL(page.url()).pathname.split('/')[2]);
    expect(inspectionId).toBeGreaterThan(0);
    await expect(main(page)).resolves.toContain('Youth justice service');
    await close(page);
  });

  step('the team is made, the service’s staff upload the caseload, the lead confirms the sample and assigns the cases', async () => {
    const programme = await open('programme');
    await programme.goto(url(`${base()}/team`));
    await look(programme, 'team-programme', 'Team and progress');
    await programme.getByLabel('Add someone to the team').selectOption({ label: 'Lee Lead (demo) (lead inspector)' });
    await programme.getByRole('group', { name: 'Role on this inspection' }).getByLabel('Lead inspector').check();
    await programme.getByRole('button', { name: 'Add to the team' }).click();
    await close(programme);

    const lead = await open('lead');
    await lead.goto(url(`${base()}/team`));
    for (const who of ['Isla Inspector (demo) (inspector)', 'Ivo Inspector (demo) (inspector)']) {
      await lead.getByLabel('Add someone to the team').selectOption({ label: who });
      await lead.getByRole('button', { name: 'Add to the team' }).click();
    }
    await look(lead, 'team', 'Team and progress');

    // An administrator gives the youth justice service's staff member an account.
    const admin = await open('admin');
    await admin.goto(url('/admin/users/new'));
    await admin.getByLabel('Full name').fill(`Sam Staff, ${SERVICE} youth justice service`);
    await admin.getByLabel('Email address').fill(staff.email);
    await admin.getByRole('group', { name: 'Role' }).getByLabel('Staff of an inspected service').check();
    await admin.getByLabel('Service (staff of an inspected service only)').selectOption({ label: `${SERVICE} (youth justice service)` });
    await admin.getByLabel('First password').fill(staff.password);
    await admin.getByRole('button', { name: 'Add user' }).click();
    await expect(main(admin)).resolves.toContain(staff.email);
    await close(admin);

    // The service's staff land on their tasks for their inspection and upload the caseload.
    const service = await open(staff);
    expect(new URL(service.url()).pathname).toBe(base());
    await look(service, 'service-tasks', TITLE);
    await expect(service.getByRole('heading', { name: 'Your tasks' }).count()).resolves.toBe(1);
    await service.goto(url(`${base()}/sample`));
    await look(service, 'sample-service', 'Case sample');
    await service.setInputFiles('#caseload', { name: 'caseload.csv', mimeType: 'text/csv', buffer: Buffer.from(caseloadCsv(fieldworkStart())) });
    await service.getByRole('button', { name: 'Upload the caseload' }).click();
    await expect(banner(service)).resolves.toContain('Caseload uploaded: 5 cases');
    await look(service, 'sample-uploaded', 'Case sample');
    await close(service);

    await lead.goto(url(base()));
    await lead.getByRole('link', { name: 'Case sample', exact: true }).click();
    await look(lead, 'sample', 'Case sample');
    await lead.getByRole('button', { name: 'Confirm the sample' }).click();
    await expect(banner(lead)).resolves.toContain('Sample confirmed: 4 cases created under pseudonyms');
    await look(lead, 'sample-confirmed', 'Case sample');

    await lead.getByRole('link', { name: 'Team and progress', exact: true }).click();
    const selects = lead.locator('select[name^="case:"]');
    await expect(selects.count()).resolves.toBe(4);
    caseRefs = [];
    for (const select of await selects.all()) {
      caseRefs.push((await select.getAttribute('name'))!.slice('case:'.length));
      await select.selectOption({ label: 'Isla Inspector (demo)' });
    }
    await lead.getByRole('button', { name: 'Save assignments' }).click();
    await expect(lead.getByRole('table', { name: 'Cases by inspector' }).getByRole('row', { name: /Isla Inspector/ }).innerText()).resolves.toMatch(/Isla Inspector \(demo\)\s+4\s+0\s+0\s+4/);
    await close(lead);
  });

  step('the inspector assesses a court and an out-of-court case with the youth prompts; the rest come in as an assessment file through the command line', async () => {
    const page = await open('inspector');
    await page.goto(url(`${base()}/cases`));
    await look(page, 'cases', 'Cases');
    const typeOf = new Map<string, string>();
    for (const row of await page.locator('table tbody tr').all()) typeOf.set((await row.locator('th').innerText()).trim(), (await row.locator('td').first().innerText()).trim());
    expect([...typeOf.values()].sort()).toEqual(['court', 'court', 'out-of-court', 'out-of-court']);
    const byHand = [[...typeOf].find(([, t]) => t === 'court')![0], [...typeOf].find(([, t]) => t === 'out-of-court')![0]];
    for (const caseRef of byHand) {
      await page.goto(url(`${base()}/cases/${caseRef}`));
      await look(page, `case-${typeOf.get(caseRef)!}`, `Case ${caseRef}`);
      const standards = await assessCase(page, 'case-standard');
      expect(standards).toEqual(typeOf.get(caseRef) === 'court' ? ['2.1', '2.2', '2.3', '2.4'] : ['3.1', '3.2', '3.3']);
    }
    // The youth prompts: the standard's questions ask about the child.
    await page.goto(url(`${base()}/cases/${byHand[0]!}/standards/2.1`));
    await expect(main(page)).resolves.toMatch(/\bchild/);
    await close(page);

    // The other cases' assessments: exported, completed and imported again as a file, as the command line does for a PDU.
    const exported = join(dir, 'exported.csv');
    const out = await runCapturing(['export', '--inspection', String(inspectionId), '--output', exported], fixture.database);
    expect(out.code, out.stderr).toBe(0);
    // The file lists each case's attributes (its case type among them); the cases not assessed by hand get an answer to each item that applies.
    const text = readFileSync(exported, 'utf8');
    const attributeIds = new Set(framework.definition.caseAttributes.map((a) => a.id));
    const cases = new Map<string, CaseAssessment>();
    for (const line of text.split(/\r?\n/).slice(1)) {
      const [caseRef, item, value] = line.split(',');
      if (!caseRef || !item || !attributeIds.has(item)) continue;
      if (!cases.has(caseRef)) cases.set(caseRef, { caseRef, attributes: {}, answers: {}, outcomes: {}, evidence: {} });
      cases.get(caseRef)!.attributes[item] = value!;
    }
    expect([...cases.keys()].sort()).toEqual([...caseRefs].sort());
    const rows: string[] = [];
    for (const c of cases.values()) if (!byHand.includes(c.caseRef)) for (const id of applicableItems(framework, c)) rows.push(`${c.caseRef},${id},yes`);
    expect(rows.length).toBeGreaterThan(20);
    const completed = join(dir, 'completed.csv');
    writeFileSync(completed, `${text.replace(/\r?\n$/, '')}\n${rows.join('\n')}\n`);
    const imported = await runCapturing(['import', completed, '--inspection', String(inspectionId)], fixture.database);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Imported 4 cases into inspection ${inspectionId}.`);

    const inspector = await open('inspector');
    await inspector.goto(url(`${base()}/cases`));
    await expect(main(inspector)).resolves.not.toMatch(/In progress|Not started/);
    await close(inspector);
  });

  step('the lead draws the dip sample; a second inspector assesses blind; the lead settles the disagreement', async () => {
    const lead = await open('lead');
    await lead.goto(url(`${base()}/quality`));
    await look(lead, 'quality', 'Quality assurance');
    await lead.getByLabel("Share of each inspector's cases to assess again").fill('25');
    await lead.getByRole('group', { name: 'Assess every case of an inspector on their first inspection again?' }).getByLabel('No').check();
    await lead.getByRole('button', { name: 'Choose the cases' }).click();
    const chosen = lead.locator('select[name^="case:"], select[id^="second-"]');
    await expect(chosen.count()).resolves.toBe(1);
    const caseRef = (await lead.getByRole('table', { name: 'Cases chosen for second assessment' }).locator('tbody th').first().innerText()).trim();
    await chosen.first().selectOption({ label: 'Ivo Inspector (demo)' });
    await lead.getByRole('button', { name: 'Save second assessors' }).click();

    const ivo = await open('inspector2');
    await ivo.goto(url(`${base()}/quality`));
    await ivo.getByRole('link', { name: `Case ${caseRef}` }).click();
    await look(ivo, 'second-assessment', `Second assessment of case ${caseRef}`);
    const firstStandard = (await ivo.locator('.govuk-task-list a.govuk-task-list__link').first().getAttribute('href'))!.split('/').pop()!;
    const item = `${firstStandard}.1`;
    await assessCase(ivo, 'second-assessment-standard', [item]);
    await ivo.getByRole('button', { name: 'Submit the second assessment' }).click();
    await expect(main(ivo)).resolves.toContain('(submitted)');
    await close(ivo);

    await lead.goto(url(`${base()}/sign-off`));
    await look(lead, 'sign-off-blocked', 'Sign-off');
    await lead.getByRole('link', { name: new RegExp(`Case ${caseRef}, ${item.replace(/\./g, '\\.')}: settle the disagreement`) }).click();
    await look(lead, 'quality-disagreement', 'Quality assurance');
    const key = `${caseRef}-${item.replace(/\./g, '-')}`;
    await lead.locator(`#choice-${key}`).check();
    await lead.locator(`#reason-${key}`).fill('The case record shows a sufficient assessment of the child.');
    await lead.getByRole('button', { name: `Settle ${item} for case ${caseRef}` }).click();
    await expect(main(lead)).resolves.toContain('No open disagreements.');
    await close(lead);
  });

  step('the lead judges domain one and the policy standards for the service, resettlement because a custody case was found, and signs off', async () => {
    const lead = await open('lead');
    await lead.goto(url(`${base()}/sign-off`));
    await look(lead, 'sign-off-unrated', 'Sign-off');
    const fixed: string[] = [];
    for (;;) {
      const blocker = lead.locator('main ul.govuk-list--bullet a').first();
      if ((await blocker.count()) === 0) break;
      const text = (await blocker.innerText()).trim();
      expect(fixed, 'a blocker fixed is not listed again').not.toContain(text);
      fixed.push(text);
      await blocker.click();
      const id = /^Rate standard (\d\.\d) /.exec(text)?.[1];
      expect(id, text).toBeTruthy();
      await look(lead, `standard-judged-${id!}`, new RegExp(`^${id!.replace('.', '\\.')} `));
      const rating = lead.locator('#rating-section');
      await rating.getByLabel('Good', { exact: true }).check();
      await rating.getByLabel('Rationale').fill(`Leaders and staff of ${SERVICE} youth justice service showed us good work on ${id!}; the evidence agrees.`);
      await rating.getByRole('button', { name: `Save the rating for ${id!}` }).click();
      await expect(lead.locator('#rating-section').innerText()).resolves.toContain('Current rating: Good');
      await lead.getByRole('link', { name: 'Sign-off', exact: true }).click();
    }
    expect(fixed.map((t) => /^Rate standard (\d\.\d)/.exec(t)?.[1])).toEqual(['1.1', '1.2', '1.3', '1.4', '3.4']);

    // Resettlement (4.1) is rated separately, only where the lead found relevant custody cases: here one was.
    await lead.goto(url(`${base()}/judgements`));
    await look(lead, 'judgements', framework.definition.regime.judgementsSection);
    await expect(main(lead)).resolves.toContain('4.1');
    await lead.goto(url(`${base()}/domain-one/4.1`));
    await look(lead, 'standard-judged-4.1', /^4\.1 /);
    await expect(main(lead)).resolves.toContain('custody');
    const rating = lead.locator('#rating-section');
    await rating.getByLabel('Requires improvement', { exact: true }).check();
    await rating.getByLabel('Rationale').fill('One child had a relevant custody case in the 12 months before the inspection; resettlement planning began late.');
    await rating.getByRole('button', { name: 'Save the rating for 4.1' }).click();
    await expect(lead.locator('#rating-section').innerText()).resolves.toContain('Current rating: Requires improvement');

    await lead.getByRole('link', { name: 'Sign-off', exact: true }).click();
    await look(lead, 'sign-off-ready', 'Sign-off');
    await lead.getByRole('button', { name: 'Sign off the ratings' }).click();
    await expect(lead.locator('.govuk-panel').innerText()).resolves.toContain('Signed off');
    await look(lead, 'signed-off', 'Sign-off');
    await close(lead);

    // The ratings from the command line agree: 4.1 rated, outside the overall score.
    const ratings = JSON.parse((await runCapturing(['ratings', '--inspection', String(inspectionId), '--json'], fixture.database)).stdout);
    expect(ratings.provisional).toBe(false);
    expect(ratings.standards.find((s: { id: string }) => s.id === '4.1')).toMatchObject({ rating: 'Requires improvement' });
  });

  step('the lead writes the overall findings and a recommendation; the report is in the regime’s words', async () => {
    const lead = await open('lead');
    await lead.goto(url(base()));
    await lead.getByRole('link', { name: 'Writing the report', exact: true }).click();
    await look(lead, 'report-writing', /Writing the report/);
    await lead.getByRole('link', { name: 'Overall findings', exact: true }).click();
    await look(lead, 'report-writing-section', /Overall findings/);
    await lead.getByLabel('Overall findings', { exact: true }).fill(`${SERVICE} youth justice service is rated {{rating:overall}} overall.\n\nWork with children was strong in every case we read.`);
    await lead.getByRole('button', { name: 'Save a new version' }).click();
    await expect(lead.locator('.govuk-error-summary').count()).resolves.toBe(0);

    await lead.goto(url(`${base()}/publication`));
    await look(lead, 'publication-draft', 'Report and publication');
    await lead.getByRole('group', { name: 'Addressed to' }).getByLabel('The youth justice service', { exact: true }).check();
    await lead.getByLabel('Recommendation', { exact: true }).fill(`Start resettlement planning in ${SERVICE} as soon as a child is sentenced to custody.`);
    await lead.getByRole('button', { name: 'Add the recommendation' }).click();
    await expect(main(lead)).resolves.toContain(`Start resettlement planning in ${SERVICE}`);

    await lead.goto(url(`${base()}/report`));
    await look(lead, 'report', TITLE);
    const text = await main(lead);
    expect(text).toMatch(new RegExp(`${SERVICE} youth justice service is rated (Outstanding|Good|Requires improvement|Inadequate) overall\\.`));
    expect(text).toContain('The views of children');
    expect(text).not.toContain('{{');
    await close(lead);
  });

  step('the draft goes to the service, whose staff see only the draft and comment; the lead answers', async () => {
    const lead = await open('lead');
    await lead.goto(url(`${base()}/publication`));
    await lead.getByRole('button', { name: 'Send the draft to the service for factual accuracy checking' }).click();
    await look(lead, 'publication-factual-accuracy', 'Report and publication');

    const service = await open(staff);
    await service.goto(url(base()));
    await look(service, 'service-tasks-draft', TITLE);
    const nav = (await service.getByRole('navigation', { name: 'Inspection' }).getByRole('link').allInnerTexts()).map((t) => t.trim());
    expect(nav).toContain('Report');
    for (const internal of ['Cases', 'Team and progress', 'Quality assurance', 'Sign-off', 'Audit trail', 'Writing the report']) expect(nav).not.toContain(internal);
    for (const path of ['/cases', `/cases/${caseRefs[0]!}`, '/quality', '/judgements', '/team', '/audit', '/report-writing']) {
      const res = await service.goto(url(base() + path));
      expect([403, 404], path).toContain(res!.status());
    }
    await service.goto(url(`${base()}/report`));
    await look(service, 'service-draft-report', TITLE);
    await service.goto(url(`${base()}/publication`));
    await look(service, 'service-publication', 'Report and publication');
    await service.getByLabel('Which part of the report').fill('Overall findings, paragraph 2');
    await service.getByLabel('Your comment on its factual accuracy').fill('One of the children read was transferred to another youth justice service in March.');
    await service.getByRole('button', { name: 'Send the comment' }).click();
    await expect(main(service)).resolves.toContain('transferred to another youth justice service');

    await lead.reload();
    const block = lead.locator('div', { has: lead.getByRole('heading', { name: 'On Overall findings, paragraph 2' }) }).last();
    await block.getByRole('group', { name: 'Decision' }).getByLabel('Accept').check();
    await block.getByLabel('Reason').fill('The transfer is noted in the overall findings.');
    await block.getByRole('button', { name: 'Record the decision' }).click();
    await expect(main(lead)).resolves.toContain('Accepted: The transfer is noted in the overall findings.');
    await close(service);
    await close(lead);
  });

  step('the lead embargoes it to a named recipient (the email in the outbox) and publishes now', async () => {
    const recipient = `chair.${Date.now()}@wakefield-yjs.example`;
    const lead = await open('lead');
    await lead.goto(url(`${base()}/publication`));
    await lead.getByLabel('Name', { exact: true }).fill('Chair of the management board');
    await lead.getByLabel('Email address').fill(recipient);
    await lead.getByLabel('Organisation').fill(`${SERVICE} youth justice service`);
    await lead.getByRole('button', { name: 'Add the recipient' }).click();
    await fillDate(lead, 'Publication date', addDays(isoToday(), 14));
    await lead.getByRole('button', { name: 'Embargo the report for publication' }).click();
    await look(lead, 'publication-embargoed', 'Report and publication');
    await expect(main(lead)).resolves.toContain('Embargoed');

    const admin = await open('admin');
    await admin.goto(url('/admin/outbox'));
    const written = admin.getByRole('table', { name: /The newest emails written to the local outbox/ }).getByRole('row').filter({ hasText: recipient });
    await expect(written.innerText()).resolves.toContain(`inspection of youth justice services in ${SERVICE}`);
    await close(admin);

    // Under embargo the public do not see it.
    const visitor = await open();
    expect((await visitor.goto(url(`/public/inspections/${inspectionId}`)))!.status()).toBe(404);
    await close(visitor);

    await lead.getByRole('button', { name: 'Publish the report now' }).click();
    await look(lead, 'publish-now', 'Are you sure you want to publish now?');
    await lead.getByRole('button', { name: 'Yes, publish the report now' }).click();
    await look(lead, 'publication-published', 'Report and publication');
    await expect(main(lead)).resolves.toContain('The report is published.');
    await close(lead);
  });

  step('the public find it with the full report, its recommendation and the PDF', async () => {
    const visitor = await open();
    await visitor.goto(url('/public'));
    // The public list mixes PDUs and youth justice services (its ratings by region and open data are PDUs' own).
    await look(visitor, 'public-index', 'Published inspections', { mixed: true });
    await visitor.locator(`a[href="/public/inspections/${inspectionId}"]`).click();
    await look(visitor, 'public-inspection', TITLE);
    const text = await main(visitor);
    expect(text).toContain(`${SERVICE} youth justice service is rated`);
    expect(text).toContain(`Start resettlement planning in ${SERVICE}`);
    const pdfHref = (await visitor.getByRole('link', { name: /Download the report \(PDF/ }).getAttribute('href'))!;
    const pdf = await visitor.context().request.get(url(pdfHref));
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(join(screenshotsDir, 'youth-journey-report.pdf'), await pdf.body());
    await close(visitor);
  });

  step('the service writes its action plan', async () => {
    const service = await open(staff);
    await service.goto(url(base()));
    await service.getByRole('link', { name: 'Action plan', exact: true }).click();
    await look(service, 'action-plan', 'Action plan');
    await service.getByRole('group', { name: 'Your response' }).getByLabel('Agreed', { exact: true }).check();
    await service.getByLabel('Actions (or, if not agreed, why)').fill('The resettlement worker joins each custody case on the day of sentence.');
    await service.getByLabel('Owner').fill('Head of service');
    await fillDate(service, 'To be done by', addDays(isoToday(), 120));
    await service.getByRole('button', { name: 'Save the response to recommendation 1' }).click();
    await expect(main(service)).resolves.toContain('The resettlement worker joins each custody case on the day of sentence.');
    await look(service, 'action-plan-saved', 'Action plan');
    await close(service);
  });

  it('raised no script or console errors on any page', () => {
    expect(problems).toEqual([]);
  });

  it('named nothing in the adult regime’s words on any page of the youth inspection', () => {
    expect([...adultWords]).toEqual([]);
  });
});
