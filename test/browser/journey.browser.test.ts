// Issue 10's whole journey in Chromium, each step by the person who does it, signed in through the
// sign-in page: a programme manager creates an inspection of a PDU that has none; the lead and
// inspectors are put on the team; the PDU's staff upload the caseload and the lead confirms the
// sample and assigns the cases; an inspector assesses every case; a second inspector assesses one
// blind and the lead settles the disagreement; the lead rates domain one and diversity and signs
// off against the checklist; writes the overall findings with a placeholder; sends the draft to
// the service, whose staff see only the draft and comment; embargoes it to a named recipient (the
// email in the outbox); publishes now after the confirmation page; the public reads the full
// report and its PDF; the service writes its action plan. axe-core checks every distinct page
// (JavaScript on) and each step leaves a screenshot in test-results/screenshots (journey-*.png).
// The form-heavy steps (create, assess, rate and sign off, factual accuracy) run again on a second
// inspection with JavaScript off.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from '../../src/domain/sampling/dates.ts';
import { samplingWindow } from '../../src/domain/sampling/window.ts';
import { DEMO_ACCOUNTS } from '../../src/services/identity/demo-users.ts';
import { axeViolations, screenshotsDir, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
beforeAll(async () => {
  fixture = await startBrowserFixture();
});
afterAll(() => fixture?.close());

const url = (path: string) => fixture.baseUrl + path;
const main = (page: Page) => page.locator('main').innerText();
const banner = (page: Page) => page.locator('.govuk-notification-banner').first().innerText();
const isoToday = () => new Date().toISOString().slice(0, 10);
/** A date as GOV.UK writes it: 5 October 2026. */
const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Every link on the page to this site answers the person who sees it (no link they cannot open). */
async function linksOpen(page: Page): Promise<void> {
  const hrefs = new Set<string>();
  for (const a of await page.locator('a[href^="/"]').all()) hrefs.add((await a.getAttribute('href'))!.split('#')[0]!);
  for (const href of hrefs) {
    if (href === '' || href === '/sign-out') continue;
    const res = await page.context().request.get(url(href), { maxRedirects: 0 });
    expect(res.status(), `${href} from ${new URL(page.url()).pathname}`).toBeLessThan(400);
  }
}

interface Person {
  email: string;
  password: string;
}
const demo = (who: string): Person => {
  const account = DEMO_ACCOUNTS.find((a) => a.email.startsWith(`${who}@`))!;
  return { email: account.email, password: account.password };
};

/** One run of the journey: a PDU, its inspection once created, and which steps run with JavaScript off. */
interface Run {
  name: string;
  pdu: string;
  region: string;
  service: Person;
  jsOff: ReadonlySet<number>;
  inspectionId?: number;
  caseRefs: string[];
  /** The dip-sampled case and the item the second assessor judges the other way. */
  blind?: { caseRef: string; item: string };
}

/** Names of the pages axe-core has checked (once each), and every browser problem seen. */
const checked = new Set<string>();
const problems: string[] = [];
/** Pages opened with JavaScript off (axe-core runs in the page, so it checks the JavaScript run's pages). */
const withoutJavaScript = new WeakSet<Page>();

/** A new browser context for one person, signed in through the sign-in page. */
async function open(run: Run, step: number, person?: Person): Promise<Page> {
  const javaScriptEnabled = !run.jsOff.has(step);
  const context = await (fixture.browser).newContext({ viewport: { width: 1200, height: 900 }, javaScriptEnabled });
  const page = await context.newPage();
  if (!javaScriptEnabled) withoutJavaScript.add(page);
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => problems.push(`${run.name} step ${step}: ${e.message}`));
  // The browser notes each 4xx page it is given; the forms sent back with their errors are expected.
  page.on('console', (m) => m.type() === 'error' && !/status of 40[0349]/.test(m.text()) && problems.push(`${run.name} step ${step}: ${m.text()}`));
  if (person) {
    await page.goto(url('/sign-in'));
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  }
  return page;
}
const close = (page: Page) => page.context().close();

/** The step running (for the screenshots' names). */
let step = 0;

/**
 * The page has this h1 and, the first time a run sees a page of this name, is kept as a
 * screenshot; the first time any run sees it with JavaScript on, axe-core finds nothing on it.
 */
async function look(page: Page, run: Run, name: string, heading: string | RegExp): Promise<void> {
  await expect(page.locator('h1').innerText()).resolves.toMatch(heading);
  if (!withoutJavaScript.has(page) && !checked.has(name)) {
    checked.add(name);
    const violations = await axeViolations(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), `axe-core on ${name}`).toEqual([]);
    expect(violations, `axe-core (moderate and minor) on ${name}`).toEqual([]);
  }
  await shot(page, run, name);
}
const shots = new Set<string>();
async function shot(page: Page, run: Run, name: string): Promise<void> {
  const file = `journey-${run.name}-${String(step).padStart(2, '0')}-${name}.png`;
  if (shots.has(`${run.name}/${name}`)) return;
  shots.add(`${run.name}/${name}`);
  await page.screenshot({ path: join(screenshotsDir, file), fullPage: true });
}

/** The first Monday at least four weeks ahead. */
function fieldworkStart(): string {
  const inFourWeeks = addDays(isoToday(), 28);
  return addDays(inFourWeeks, (8 - dayOfWeek(inFourWeeks)) % 7);
}

/** The PDU's caseload: three cases that began in the sampling window six months before fieldwork, two outside it. */
function caseloadCsv(start: string): string {
  const window = samplingWindow({ monthsBefore: 6, fieldworkStart: start, weeks: 1 });
  if (!window.ok) throw new Error(window.problems.join('; '));
  const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const rows = [
    ['W100001', window.window.start, 'Community order', 'Medium', 'Practitioner 1', 'Y', 'N', 'M', 'White', '34'],
    ['W100002', addDays(window.window.start, 1), 'Licence', 'High', 'Practitioner 2', 'N', 'Y', 'F', 'Black', '41'],
    ['W100003', addDays(window.window.start, 2), 'Suspended sentence order', 'Low', 'Practitioner 3', 'Y', 'N', 'M', 'Asian', '23'],
    ['W100004', addDays(window.window.start, -30), 'Community order', 'Medium', 'Practitioner 1', 'Y', 'N', 'M', 'White', '52'],
    ['W100005', addDays(window.window.end, 30), 'Licence', 'Medium', 'Practitioner 2', 'N', 'N', 'F', 'White', '29'],
  ].map((r) => [r[0], day(r[1]!), ...r.slice(2)].join(','));
  return ['CRN,Sentence start,Sentence type,RoSH,Offender manager,PSR,VCS,Sex,Ethnicity,Age', ...rows].join('\r\n') + '\r\n';
}

/** A date: the GOV.UK date input (Day, Month, Year) in the group of that name, or a single date field of that label. */
async function fillDate(scope: Page | Locator, name: string, iso: string): Promise<void> {
  const group = scope.getByRole('group', { name });
  if ((await group.count()) > 0 && (await group.getByLabel('Day').count()) > 0) {
    await group.getByLabel('Day').fill(String(Number(iso.slice(8, 10))));
    await group.getByLabel('Month').fill(String(Number(iso.slice(5, 7))));
    await group.getByLabel('Year').fill(iso.slice(0, 4));
  } else {
    await scope.getByLabel(name, { exact: true }).fill(iso);
  }
}

/**
 * Answers every question the standard's form shows (the first choice of each: Yes, or sufficient
 * progress), but "No" for the items named, and marks the standard complete.
 */
async function assessStandard(page: Page, no: readonly string[], byHand: boolean): Promise<void> {
  const groups = await page.locator('form .govuk-radios').all();
  expect(groups.length).toBeGreaterThan(0);
  if (byHand) {
    for (const group of groups) {
      const first = group.locator('input[type="radio"]').first();
      const name = (await first.getAttribute('name'))!;
      if (no.includes(name)) await group.locator('input[value="no"]').check();
      else await first.check();
    }
  } else {
    // The same answers set at once, through the page's DOM (which works with JavaScript off): clicking
    // each of a few hundred radios by hand is most of the test's time, and the first form was done so.
    await page.locator('form .govuk-radios').evaluateAll((all, names) => {
      for (const group of all) {
        const radios = [...group.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
        const choice = names.includes(radios[0]!.name) ? radios.find((r) => r.value === 'no')! : radios[0]!;
        choice.checked = true;
      }
    }, [...no]);
  }
  await page.getByRole('button', { name: 'Save and mark as complete' }).click();
  await expect(page.locator('.govuk-error-summary').count()).resolves.toBe(0);
}

/** The forms filled by hand once in each run. */
const handFilled = new Set<string>();

/** Every standard of the task list on this page, each assessed through its form; back to this page after each. */
async function assessEveryStandard(page: Page, run: Run, formName: string, no: readonly string[] = []): Promise<number> {
  const listPage = page.url();
  const hrefs: string[] = [];
  for (const a of await page.locator('.govuk-task-list a.govuk-task-list__link').all()) hrefs.push((await a.getAttribute('href'))!);
  expect(hrefs.length).toBeGreaterThan(0);
  for (const [i, href] of hrefs.entries()) {
    await page.goto(url(href));
    await look(page, run, formName, /^\d\.\d /);
    // Nobody has answered it yet (for the second assessor: nothing of the first assessment shows).
    expect(await page.locator('.govuk-radios__input:checked').count(), href).toBe(0);
    await assessStandard(page, i === 0 ? no : [], !handFilled.has(`${run.name}/${formName}`));
    handFilled.add(`${run.name}/${formName}`);
    expect(page.url().split('?')[0]).toBe(listPage.split('?')[0]);
  }
  return hrefs.length;
}

const stepOf = (n: number, title: string) => `step ${n}: ${title}`;

function journey(run: Run, steps: ReadonlySet<number>) {
  const base = () => `/inspections/${run.inspectionId!}`;
  const when = (n: number, title: string, body: () => Promise<void>) => {
    if (steps.has(n))
      it(
        stepOf(n, title),
        async () => {
          step = n;
          await body();
        },
        120_000,
      );
  };

  when(1, 'the programme manager creates the inspection directly, with its timeline', async () => {
    const page = await open(run, 1, demo('programme'));
    await page.goto(url('/inspections/new'));
    await look(page, run, 'inspection-new', 'Create an inspection');
    await page.getByLabel('Probation Delivery Unit').selectOption({ label: `${run.pdu} (${run.region})` });
    await fillDate(page.locator('form', { has: page.getByLabel('Probation Delivery Unit') }), 'First day of fieldwork', fieldworkStart());
    await page.getByRole('button', { name: 'Create the inspection' }).click();
    await expect(banner(page)).resolves.toContain('Inspection created, with its timeline');
    await look(page, run, 'overview', `Inspection of probation services: ${run.pdu} PDU`);
    run.inspectionId = Number(new URL(page.url()).pathname.split('/')[2]);
    expect(run.inspectionId).toBeGreaterThan(0);
    const timeline = await page.getByRole('region', { name: 'Timeline' }).locator('tbody tr').allInnerTexts();
    expect(timeline).toHaveLength(15);
    expect(timeline[0]).toMatch(/^Notice to the service/);
    expect(timeline.join('\n')).toContain('Factual accuracy comments due');
    await close(page);
  });

  when(2, 'the team is made, the service uploads its caseload, the lead confirms the sample and assigns the cases', async () => {
    // The programme manager names the lead inspector.
    const programme = await open(run, 2, demo('programme'));
    await programme.goto(url(`${base()}/team`));
    await look(programme, run, 'team-programme', 'Team and progress');
    await programme.getByLabel('Add someone to the team').selectOption({ label: 'Lee Lead (demo) (lead inspector)' });
    await programme.getByRole('group', { name: 'Role on this inspection' }).getByLabel('Lead inspector').check();
    await programme.getByRole('button', { name: 'Add to the team' }).click();
    await expect(programme.getByRole('table', { name: 'People working on this inspection' }).innerText()).resolves.toContain('Lee Lead (demo)');
    await close(programme);

    // The lead adds the inspectors.
    const lead = await open(run, 2, demo('lead'));
    await lead.goto(url(`${base()}/team`));
    for (const who of ['Isla Inspector (demo) (inspector)', 'Ivo Inspector (demo) (inspector)']) {
      await lead.getByLabel('Add someone to the team').selectOption({ label: who });
      await lead.getByRole('button', { name: 'Add to the team' }).click();
    }
    const team = await lead.getByRole('table', { name: 'People working on this inspection' }).innerText();
    for (const name of ['Lee Lead (demo)', 'Isla Inspector (demo)', 'Ivo Inspector (demo)']) expect(team).toContain(name);
    await look(lead, run, 'team', 'Team and progress');

    // An administrator gives the PDU's staff member an account.
    const admin = await open(run, 2, demo('admin'));
    await admin.goto(url('/admin/users/new'));
    await look(admin, run, 'admin-user-new', 'Add a user');
    await admin.getByLabel('Full name').fill(`Sol Staff, ${run.pdu} PDU`);
    await admin.getByLabel('Email address').fill(run.service.email);
    await admin.getByRole('group', { name: 'Role' }).getByLabel('Staff of an inspected service').check();
    await admin.getByLabel('Service (staff of an inspected service only)').selectOption({ label: run.pdu });
    await admin.getByLabel('First password').fill(run.service.password);
    await admin.getByRole('button', { name: 'Add user' }).click();
    await expect(main(admin)).resolves.toContain(run.service.email);
    await close(admin);

    // The service's staff land on their own tasks for their inspection, and are shown nothing they cannot open.
    const service = await open(run, 2, run.service);
    expect(new URL(service.url()).pathname).toBe(base());
    await look(service, run, 'service-tasks', /./);
    await expect(service.getByRole('heading', { name: 'Your tasks' }).count()).resolves.toBe(1);
    await expect(service.getByRole('link', { name: 'Your cases' }).count()).resolves.toBe(0);
    await linksOpen(service);

    // The service uploads its caseload.
    await service.goto(url(`${base()}/sample`));
    await look(service, run, 'sample-service', 'Case sample');
    await service.setInputFiles('#caseload', { name: 'caseload.csv', mimeType: 'text/csv', buffer: Buffer.from(caseloadCsv(fieldworkStart())) });
    await service.getByRole('button', { name: 'Upload the caseload' }).click();
    await expect(banner(service)).resolves.toContain('Caseload uploaded: 5 cases');
    await close(service);

    // The lead confirms the sample: the three cases that began in the window.
    await lead.goto(url(base()));
    await lead.getByRole('link', { name: 'Case sample', exact: true }).click();
    await look(lead, run, 'sample', 'Case sample');
    await lead.getByRole('button', { name: 'Confirm the sample' }).click();
    await expect(banner(lead)).resolves.toContain('Sample confirmed: 3 cases created under pseudonyms');
    await look(lead, run, 'sample-confirmed', 'Case sample');

    // Every case to Isla.
    await lead.getByRole('link', { name: 'Team and progress', exact: true }).click();
    const selects = lead.locator('select[name^="case:"]');
    await expect(selects.count()).resolves.toBe(3);
    run.caseRefs = [];
    for (const select of await selects.all()) {
      run.caseRefs.push((await select.getAttribute('name'))!.slice('case:'.length));
      await select.selectOption({ label: 'Isla Inspector (demo)' });
    }
    await lead.getByRole('button', { name: 'Save assignments' }).click();
    await expect(lead.getByRole('table', { name: 'Cases by inspector' }).getByRole('row', { name: /Isla Inspector/ }).innerText()).resolves.toMatch(/Isla Inspector \(demo\)\s+3\s+0\s+0\s+3/);
    await shot(lead, run, 'assigned');
    await close(lead);
  });

  when(3, 'the inspector assesses every case through the forms', async () => {
    const page = await open(run, 3, demo('inspector'));
    // The inspector lands on their own cases across inspections (also in the header), this run's among them.
    expect(new URL(page.url()).pathname).toBe('/my-cases');
    await look(page, run, 'your-cases', 'Your cases');
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Your cases' }).count()).resolves.toBe(1);
    const yours = await main(page);
    for (const caseRef of run.caseRefs) expect(yours).toContain(caseRef);
    await page.getByRole('link', { name: run.caseRefs[0]!, exact: true }).first().click();
    await expect(page.locator('h1').innerText()).resolves.toContain(`Case ${run.caseRefs[0]!}`);
    await page.goto(url(base()));
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await look(page, run, 'cases', 'Cases');
    for (const [i, caseRef] of run.caseRefs.entries()) {
      await page.goto(url(`${base()}/cases/${caseRef}`));
      await look(page, run, 'case', `Case ${caseRef}`);
      await assessEveryStandard(page, run, 'case-standard');
      const statuses = await page.locator('.govuk-task-list__status').allInnerTexts();
      expect(statuses.filter((s) => s.trim() !== 'Not applicable').every((s) => s.trim() === 'Completed'), statuses.join(', ')).toBe(true);
      if (i === 0) {
        // While cases are still being assessed the ratings are provisional, saying how many are complete.
        await page.goto(url(base()));
        await expect(page.locator('.govuk-summary-list__row', { hasText: 'Overall rating' }).innerText()).resolves.toMatch(/Provisional[\s\S]*1 of 3 cases complete/);
      }
    }
    await page.goto(url(`${base()}/cases`));
    await expect(main(page)).resolves.not.toMatch(/In progress|Not started/);
    await shot(page, run, 'cases-complete');
    await close(page);
  });

  when(4, 'the lead draws the dip sample; a second inspector assesses blind; the lead settles the disagreement', async () => {
    const lead = await open(run, 4, demo('lead'));
    await lead.goto(url(`${base()}/quality`));
    await look(lead, run, 'quality', 'Quality assurance');
    await lead.getByLabel("Share of each inspector's cases to assess again").fill('20');
    await lead.getByRole('group', { name: 'Assess every case of an inspector on their first inspection again?' }).getByLabel('No').check();
    await lead.getByRole('button', { name: 'Choose the cases' }).click();
    const chosen = lead.locator('select[name^="case:"], select[id^="second-"]');
    await expect(chosen.count()).resolves.toBe(1);
    const caseRef = (await lead.getByRole('table', { name: 'Cases chosen for second assessment' }).locator('tbody th').first().innerText()).trim();
    expect(run.caseRefs).toContain(caseRef);
    await chosen.first().selectOption({ label: 'Ivo Inspector (demo)' });
    await lead.getByRole('button', { name: 'Save second assessors' }).click();
    await expect(lead.getByRole('table', { name: 'Cases chosen for second assessment' }).innerText()).resolves.toContain('Ivo Inspector (demo)');

    // Ivo assesses it without seeing the first assessment, judging the first key question the other way.
    const ivo = await open(run, 4, demo('inspector2'));
    const refused = await ivo.goto(url(`${base()}/cases/${caseRef}`));
    expect(refused!.status()).toBe(403);
    await expect(main(ivo)).resolves.toContain('stays hidden from you until you submit your second assessment');
    await look(ivo, run, 'blind-refused', 'You do not have access to this page');
    await ivo.goto(url(`${base()}/quality`));
    await ivo.getByRole('link', { name: `Case ${caseRef}` }).click();
    await look(ivo, run, 'second-assessment', `Second assessment of case ${caseRef}`);
    const firstStandardHref = (await ivo.locator('.govuk-task-list a.govuk-task-list__link').first().getAttribute('href'))!;
    const firstKeyQuestion = `${firstStandardHref.split('/').pop()!}.1`;
    run.blind = { caseRef, item: firstKeyQuestion };
    await assessEveryStandard(ivo, run, 'second-assessment-standard', [firstKeyQuestion]);
    await ivo.getByRole('button', { name: 'Submit the second assessment' }).click();
    await expect(main(ivo)).resolves.toContain('(submitted)');
    await close(ivo);

    // Sign-off lists the disagreement until the lead settles it.
    await lead.goto(url(`${base()}/sign-off`));
    await look(lead, run, 'sign-off-blocked', 'Sign-off');
    await expect(main(lead)).resolves.toContain(`Case ${caseRef}, ${firstKeyQuestion}: settle the disagreement`);
    expect(await lead.getByRole('button', { name: 'Sign off the ratings' }).count()).toBe(0);
    await lead.getByRole('link', { name: new RegExp(`Case ${caseRef}, ${firstKeyQuestion.replace(/\./g, '\\.')}: settle the disagreement`) }).click();
    await look(lead, run, 'quality-disagreement', 'Quality assurance');
    const key = `${caseRef}-${firstKeyQuestion.replace(/\./g, '-')}`;
    await lead.locator(`#choice-${key}`).check();
    await lead.locator(`#reason-${key}`).fill('The case record shows a sufficient assessment.');
    await lead.getByRole('button', { name: `Settle ${firstKeyQuestion} for case ${caseRef}` }).click();
    await expect(main(lead)).resolves.toContain('No open disagreements.');
    await expect(lead.getByRole('table', { name: 'Settled disagreements' }).innerText()).resolves.toContain('The case record shows a sufficient assessment.');
    await shot(lead, run, 'quality-settled');
    await close(lead);
  });

  when(5, 'the lead rates domain one and diversity with rationale, and signs off once the checklist is clear', async () => {
    const lead = await open(run, 5, demo('lead'));
    await lead.goto(url(`${base()}/sign-off`));
    await look(lead, run, 'sign-off-unrated', 'Sign-off');
    const blockers = await main(lead);
    expect(blockers).toContain('Rate standard 1.1');
    expect(blockers).toContain('Make the diversity judgement');
    expect(await lead.getByRole('button', { name: 'Sign off the ratings' }).count()).toBe(0);

    // Each blocker's link leads to where it is fixed; back to the checklist after each, until none is left.
    const fixed: string[] = [];
    for (;;) {
      const blocker = lead.locator('main ul.govuk-list--bullet a').first();
      if ((await blocker.count()) === 0) break;
      const text = (await blocker.innerText()).trim();
      expect(fixed, 'a blocker fixed is not listed again').not.toContain(text);
      fixed.push(text);
      await blocker.click();
      if (text === 'Make the diversity judgement') {
        await look(lead, run, 'judgements', 'Domain one and diversity');
        const diversity = lead.locator('#item-diversity');
        await diversity.getByRole('group', { name: 'Rating for Diversity' }).getByLabel('Good', { exact: true }).check();
        await diversity.getByLabel('Rationale').fill('Plans take account of each person’s needs and protected characteristics.');
        await diversity.getByRole('button', { name: 'Save the rating for Diversity' }).click();
        await expect(lead.locator('#item-diversity').innerText()).resolves.toContain('Current rating: Good');
      } else {
        const id = /^Rate standard (1\.\d) /.exec(text)?.[1];
        expect(id, text).toBeTruthy();
        await look(lead, run, 'domain-one-standard', new RegExp(`^${id!.replace('.', '\\.')} `));
        const rating = lead.locator('#rating-section');
        await rating.getByLabel('Good', { exact: true }).check();
        await rating.getByLabel('Rationale').fill(`Leaders and staff of ${run.pdu} PDU showed us good work on ${id!}; the evidence agrees.`);
        await rating.getByRole('button', { name: `Save the rating for ${id!}` }).click();
        await expect(lead.locator('#rating-section').innerText()).resolves.toContain('Current rating: Good');
      }
      await lead.getByRole('link', { name: 'Sign-off', exact: true }).click();
    }
    expect(fixed).toEqual(['Rate standard 1.1 Leadership', 'Rate standard 1.2 Staffing', 'Rate standard 1.3 Services', 'Rate standard 1.4 Information and facilities', 'Make the diversity judgement']);

    await lead.getByRole('link', { name: 'Sign-off', exact: true }).click();
    await look(lead, run, 'sign-off-ready', 'Sign-off');
    expect((await lead.locator('.govuk-task-list .govuk-tag').allInnerTexts()).map((t) => t.trim())).toEqual(['Done', 'Done', 'Done', 'Done']);
    await lead.getByRole('button', { name: 'Sign off the ratings' }).click();
    await expect(lead.locator('.govuk-panel').innerText()).resolves.toContain('Signed off');
    await look(lead, run, 'signed-off', 'Sign-off');
    await close(lead);
  });

  when(6, 'the lead writes the overall findings with a placeholder, which the report fills in', async () => {
    const lead = await open(run, 6, demo('lead'));
    await lead.goto(url(base()));
    await lead.getByRole('link', { name: 'Writing the report', exact: true }).click();
    await look(lead, run, 'report-writing', /Writing the report/);
    await lead.getByRole('link', { name: 'Overall findings', exact: true }).click();
    await look(lead, run, 'report-writing-section', /Overall findings/);
    await lead.getByLabel('Overall findings', { exact: true }).fill(`${run.pdu} PDU is rated {{rating:overall}} overall.\n\nCase supervision was strong in every case we read.`);
    await lead.getByRole('button', { name: 'Save a new version' }).click();
    await expect(lead.locator('.govuk-error-summary').count()).resolves.toBe(0);

    // A recommendation, on the publication page.
    await lead.goto(url(`${base()}/publication`));
    await look(lead, run, 'publication-draft', 'Report and publication');
    await lead.getByRole('group', { name: 'Addressed to' }).getByLabel('The PDU').check();
    await lead.getByLabel('Recommendation', { exact: true }).fill(`Keep every plan in ${run.pdu} reviewed when circumstances change.`);
    await lead.getByRole('button', { name: 'Add the recommendation' }).click();
    await expect(main(lead)).resolves.toContain(`Keep every plan in ${run.pdu} reviewed when circumstances change.`);

    await lead.goto(url(`${base()}/report`));
    await look(lead, run, 'report', `An inspection of probation services in ${run.pdu}`);
    const overall = (await lead.locator('.govuk-summary-list__row', { hasText: 'Overall rating' }).locator('dd').innerText()).trim();
    expect(overall).toMatch(/^(Outstanding|Good|Requires improvement|Inadequate)$/);
    const findings = await lead.locator('#overall-findings ~ *').first().innerText();
    expect(findings).toBe(`${run.pdu} PDU is rated ${overall} overall.`);
    await expect(main(lead)).resolves.not.toContain('{{');
    await close(lead);
  });

  when(7, 'the draft goes to the service, whose staff see only the draft and comment; the lead answers', async () => {
    const lead = await open(run, 7, demo('lead'));
    await lead.goto(url(`${base()}/publication`));
    await lead.getByRole('button', { name: 'Send the draft to the service for factual accuracy checking' }).click();
    await look(lead, run, 'publication-factual-accuracy', 'Report and publication');
    await expect(main(lead)).resolves.toContain('Factual accuracy check');

    const service = await open(run, 7, run.service);
    await service.goto(url(base()));
    await look(service, run, 'service-tasks', new RegExp(run.pdu));
    const nav = (await service.getByRole('navigation', { name: 'Inspection' }).getByRole('link').allInnerTexts()).map((t) => t.trim());
    expect(nav).toContain('Report');
    expect(nav).toContain('Publication');
    for (const internal of ['Cases', 'Team and progress', 'Quality assurance', 'Domain one and diversity', 'Sign-off', 'Audit trail', 'Writing the report']) expect(nav).not.toContain(internal);
    await linksOpen(service);
    for (const path of ['/cases', `/cases/${run.caseRefs[0]!}`, '/quality', '/judgements', '/team', '/audit', '/report-writing']) {
      const res = await service.goto(url(base() + path));
      expect([403, 404], path).toContain(res!.status());
    }
    await service.goto(url(`${base()}/report`));
    await look(service, run, 'service-draft-report', `An inspection of probation services in ${run.pdu}`);
    await expect(main(service)).resolves.toContain(`${run.pdu} PDU is rated`);
    await service.goto(url(`${base()}/publication`));
    await look(service, run, 'service-publication', 'Report and publication');
    expect(await service.getByRole('button', { name: 'Save the text' }).count()).toBe(0);
    // The text as the report reads: placeholders filled in.
    await expect(main(service)).resolves.toMatch(new RegExp(`${run.pdu} PDU is rated (Outstanding|Good|Requires improvement|Inadequate) overall\\.`));
    await expect(main(service)).resolves.not.toContain('{{');
    await service.getByLabel('Which part of the report').fill('Overall findings, paragraph 2');
    await service.getByLabel('Your comment on its factual accuracy').fill('One of the cases read was transferred to another PDU in March.');
    await service.getByRole('button', { name: 'Send the comment' }).click();
    await expect(main(service)).resolves.toContain('One of the cases read was transferred to another PDU in March.');
    await shot(service, run, 'service-commented');

    await lead.reload();
    const block = lead.locator('div', { has: lead.getByRole('heading', { name: 'On Overall findings, paragraph 2' }) }).last();
    await block.getByRole('group', { name: 'Decision' }).getByLabel('Accept').check();
    await block.getByLabel('Reason').fill('The transfer is noted in the overall findings.');
    await block.getByRole('button', { name: 'Record the decision' }).click();
    await expect(main(lead)).resolves.toContain('Accepted: The transfer is noted in the overall findings.');
    await shot(lead, run, 'comment-answered');
    await service.reload();
    await expect(main(service)).resolves.toContain('Accepted: The transfer is noted in the overall findings.');
    await close(service);
    await close(lead);
  });

  when(8, 'the lead embargoes it to a named recipient; the email is in the outbox', async () => {
    // An address of this run's own: the JavaScript-on and -off runs share this process's outbox.
    const recipient = `rpd.${run.name}.${Date.now()}@justice.example`;
    const lead = await open(run, 8, demo('lead'));
    await lead.goto(url(`${base()}/publication`));
    await lead.getByLabel('Name', { exact: true }).fill('Regional Probation Director');
    await lead.getByLabel('Email address').fill(recipient);
    await lead.getByLabel('Organisation').fill('Probation Service');
    await lead.getByRole('button', { name: 'Add the recipient' }).click();
    await expect(lead.getByRole('table', { name: 'Recipients' }).innerText()).resolves.toContain(recipient);
    await fillDate(lead, 'Publication date', addDays(isoToday(), 14));
    await lead.getByRole('button', { name: 'Embargo the report for publication' }).click();
    await look(lead, run, 'publication-embargoed', 'Report and publication');
    await expect(main(lead)).resolves.toContain('Embargoed');
    await close(lead);

    const admin = await open(run, 8, demo('admin'));
    await admin.goto(url('/admin/outbox'));
    await look(admin, run, 'admin-outbox', 'Outbox');
    const written = admin.getByRole('table', { name: /The newest emails written to the local outbox/ }).getByRole('row').filter({ hasText: recipient });
    await expect(written.innerText()).resolves.toContain(`inspection of probation services in ${run.pdu}`);
    await expect(admin.getByRole('table', { name: /The newest emails queued/ }).innerText()).resolves.toMatch(new RegExp(`embargo-${run.inspectionId!}-\\S+\\s+(pending|sending|sent)`));
    await close(admin);
  });

  when(9, 'the lead publishes now, after the confirmation page', async () => {
    const lead = await open(run, 9, demo('lead'));
    await lead.goto(url(`${base()}/publication`));
    await lead.getByRole('button', { name: 'Publish the report now' }).click();
    await look(lead, run, 'publish-now', 'Are you sure you want to publish now?');
    await lead.getByRole('button', { name: 'Yes, publish the report now' }).click();
    await look(lead, run, 'publication-published', 'Report and publication');
    await expect(main(lead)).resolves.toContain('The report is published.');
    await close(lead);
  });

  when(10, 'the public finds it with the full report, its recommendations and the tagged PDF', async () => {
    const visitor = await open(run, 10);
    await visitor.goto(url('/public'));
    await look(visitor, run, 'public-index', 'Published inspections');
    await visitor.getByRole('link', { name: run.pdu, exact: true }).click();
    await look(visitor, run, 'public-inspection', `An inspection of probation services in ${run.pdu}`);
    await linksOpen(visitor);
    expect(new URL(visitor.url()).pathname).toBe(`/public/inspections/${run.inspectionId!}`);
    const text = await main(visitor);
    expect(text).toContain(`${run.pdu} PDU is rated`);
    expect(text).toContain(`Keep every plan in ${run.pdu} reviewed when circumstances change.`);
    expect(text).toContain('Findings by standard');
    const pdfHref = (await visitor.getByRole('link', { name: /Download the report \(PDF/ }).getAttribute('href'))!;
    const pdf = await visitor.context().request.get(url(pdfHref));
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await close(visitor);
  });

  when(11, 'the service writes its action plan', async () => {
    const service = await open(run, 11, run.service);
    await service.goto(url(base()));
    await service.getByRole('link', { name: 'Action plan', exact: true }).click();
    await look(service, run, 'action-plan', 'Action plan');
    await service.getByRole('group', { name: 'Your response' }).getByLabel('Agreed', { exact: true }).check();
    await service.getByLabel('Actions (or, if not agreed, why)').fill('Managers check every plan at each review point from next month.');
    await service.getByLabel('Owner').fill('Head of PDU');
    const due = addDays(isoToday(), 120);
    await fillDate(service, 'To be done by', due);
    await service.getByRole('button', { name: 'Save the response to recommendation 1' }).click();
    await expect(main(service)).resolves.toContain('Managers check every plan at each review point from next month.');
    await expect(service.locator('.govuk-summary-list__row', { hasText: 'By' }).locator('dd').first().innerText()).resolves.toBe(longDate(due));
    await look(service, run, 'action-plan-saved', 'Action plan');
    await close(service);
  });
}

describe.sequential('issue 10, the whole journey with JavaScript on', () => {
  journey(
    { name: 'js', pdu: 'Wakefield', region: 'Yorkshire and the Humber', service: { email: 'staff@wakefield.justice.example', password: 'wakefield-staff-password' }, jsOff: new Set(), caseRefs: [] },
    new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
  );
});

describe.sequential('issue 10, the form-heavy steps again with JavaScript off', () => {
  // Steps 1, 3, 5 and 7 without JavaScript; 2 and 6 (needed between them) with it. No dip sample this time.
  journey(
    { name: 'nojs', pdu: 'York', region: 'Yorkshire and the Humber', service: { email: 'staff@york.justice.example', password: 'york-staff-password-1' }, jsOff: new Set([1, 3, 5, 7]), caseRefs: [] },
    new Set([1, 2, 3, 5, 6, 7]),
  );
});

describe('the journey', () => {
  it('raised no script or console errors on any page', () => {
    expect(problems).toEqual([]);
  });
});
