// The case sample and survey pages in a real browser: each page type renders (with JavaScript on
// and off), passes axe-core's WCAG 2.2 AA checks, and works end to end: the service uploads its
// caseload and contact list, the lead inspector confirms the sample and sends the survey, replies
// arrive, inspectors record a follow-up conversation, and the evidence reaches the judgements page.
// Screenshots go to test-results/screenshots.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setInspectionMember, type Inspection } from '../../src/db/repositories/index.ts';
import { createInspection } from '../../src/services/inspections.ts';
import { demoCaseloadCsv } from '../../src/services/sample/demo-caseload.ts';
import { demoContactsCsv, demoPhone } from '../../src/services/survey/demo-contacts.ts';
import { receiveInbound } from '../../src/services/survey/inbound.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
let inspection: Inspection;

beforeAll(async () => {
  fixture = await startBrowserFixture();
  const db = fixture.database.db;
  inspection = await createInspection(db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2026-10-05', title: 'Inspection of probation services: Leeds PDU (sample and survey)' }, 'test');
  const userId = async (email: string) => (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  await setInspectionMember(db, inspection.id, await userId('lead@demo.inspectorate.local'), 'lead-inspector');
  await setInspectionMember(db, inspection.id, await userId('inspector@demo.inspectorate.local'), 'inspector');
});
afterAll(() => fixture?.close());

const base = () => `${fixture.baseUrl}/inspections/${inspection.id}`;

async function check(page: Page, name: string, heading: string): Promise<void> {
  await expect(page.locator('h1').innerText()).resolves.toBe(heading);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}

/** Page errors and console errors, except the browser's own note of a 400 page (a form sent back with its errors). */
async function newPage(who: string, problems: string[]): Promise<Page> {
  const page = await fixture.browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/status of 400 \(Bad Request\)/.test(m.text()) && problems.push(m.text()));
  await signInAs(page, fixture.baseUrl, who);
  return page;
}

describe('the case sample in Chromium', () => {
  it('takes the service\'s caseload, showing every problem of a bad file in the error summary', async () => {
    const problems: string[] = [];
    const page = await newPage('leeds', problems);
    await page.goto(`${base()}/sample`);
    await check(page, 'sample-service', 'Case sample');
    const bad = ['CRN,Sentence start,Sentence type,RoSH,Offender manager,PSR,VCS', 'X123456,31/02/2026,Community order,Medium,Sam Patel,Y,N', 'X234567,2026-04-02,Licence,Extreme,,N,Y'].join('\n');
    await page.setInputFiles('#caseload', { name: 'caseload.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Upload the caseload' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain("Row 2, column Sentence start (case X123456): '31/02/2026' is not a real date");
    await check(page, 'sample-upload-errors', 'Case sample');
    await page.locator('.govuk-error-summary a[href="#caseload"]').first().click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('caseload');
    await page.setInputFiles('#caseload', { name: 'caseload.csv', mimeType: 'text/csv', buffer: Buffer.from(demoCaseloadCsv({ cases: 400, fieldworkStart: '2026-10-05', seed: 7, prefix: 'X' })) });
    await page.getByRole('button', { name: 'Upload the caseload' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Caseload uploaded: 400 cases');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the lead inspector the sample\'s size, mix and reliability; the window moves with a reason; confirming creates the cases', async () => {
    const problems: string[] = [];
    const page = await newPage('lead', problems);
    await page.goto(base());
    await page.getByRole('link', { name: 'Case sample', exact: true }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('of the 400 cases in the caseload');
    await check(page, 'sample', 'Case sample');
    await page.getByLabel('Move the window').selectOption('1');
    await page.getByRole('button', { name: 'Save the window' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('A shift needs a reason');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Why is it moved?').fill("The magistrates' court was closed that week");
    await page.getByRole('button', { name: 'Save the window' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain("moved one week later: The magistrates' court was closed that week");
    await page.getByRole('button', { name: 'Confirm the sample' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toMatch(/Sample confirmed: \d+ cases created under pseudonyms/);
    await check(page, 'sample-confirmed', 'Case sample');
    await expect(page.locator('table').last().innerText()).resolves.toMatch(/C-[0-9A-Z]{6}/);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the survey in Chromium', () => {
  it('takes the contact list from the service and is sent by the lead inspector', async () => {
    const problems: string[] = [];
    const service = await newPage('leeds', problems);
    await service.goto(`${base()}/survey`);
    await check(service, 'survey-service', 'Survey of people on probation');
    await service.setInputFiles('#contacts', { name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(demoContactsCsv(25)) });
    await service.getByRole('button', { name: 'Upload the contact list' }).click();
    await expect(service.locator('.govuk-notification-banner').innerText()).resolves.toContain('Contact list uploaded: 25 people');
    await service.close();
    const lead = await newPage('lead', problems);
    await lead.goto(`${base()}/survey`);
    await lead.getByRole('button', { name: 'Send the survey to 25 people' }).click();
    await expect(lead.locator('main').innerText()).resolves.toContain('replies are being recorded');
    await lead.getByText('The texts of the survey').click();
    await check(lead, 'survey', 'Survey of people on probation');
    expect(problems).toEqual([]);
    await lead.close();
  });

  it('records replies, lists follow-up requests for interviewers, and shows the results and the evidence for domain one', async () => {
    const db = fixture.database.db;
    for (let i = 0; i < 14; i++) {
      const answers = [...Array.from({ length: 11 }, (_, k) => String(((i + k) % 5) + 1)), 'My officer listened and helped me find housing', i % 2 ? 'Waiting for appointments' : 'SKIP', i % 3 ? 'male' : 'female', '30-39', 'white', '2', i === 0 ? '2' : 'no'];
      for (const [k, text] of answers.entries()) await receiveInbound(db, { id: `browser-${i}-${k}`, sourceNumber: demoPhone(i), message: text });
    }
    const problems: string[] = [];
    const admin = await newPage('admin', problems);
    await admin.goto(`${fixture.baseUrl}/admin/sms-outbox`);
    await check(admin, 'sms-outbox', 'Text outbox');
    await admin.getByLabel('From (their mobile number)').fill('07700 900020');
    await admin.getByLabel('Reply').fill('4');
    await admin.getByRole('button', { name: 'Send the reply' }).click();
    await expect(admin.locator('.govuk-notification-banner').innerText()).resolves.toContain('Reply received: answered');
    await admin.close();

    const inspector = await newPage('inspector', problems);
    await inspector.goto(`${base()}/survey/follow-ups`);
    await check(inspector, 'survey-follow-ups', 'Follow-up conversations');
    await inspector.getByRole('link', { name: 'Person 1' }).click();
    await inspector.getByRole('button', { name: 'Save the notes' }).click();
    await expect(inspector.locator('.govuk-error-summary').innerText()).resolves.toContain('Select the prompts the conversation informs');
    expect(await axeViolations(inspector)).toEqual([]);
    await inspector.locator('input[name="prompts"][value="1.3.1a"]').check();
    await inspector.getByLabel('Notes of the conversation').fill('Housing support came quickly once the officer referred them.');
    await inspector.getByRole('button', { name: 'Save the notes' }).click();
    await expect(inspector.locator('.govuk-notification-banner').innerText()).resolves.toContain('The interview notes are saved');
    await check(inspector, 'survey-follow-ups-person', 'Follow-up conversations');
    expect(await inspector.content()).not.toContain('7700');
    await inspector.close();

    const lead = await newPage('lead', problems);
    await lead.goto(`${base()}/survey/results`);
    await expect(lead.locator('main').innerText()).resolves.toContain('Response rate');
    await check(lead, 'survey-results', 'Survey results');
    await lead.goto(`${base()}/domain-one/1.3`);
    await lead.getByText('Survey evidence for 1.3').click();
    await expect(lead.locator('details', { hasText: 'Survey evidence for 1.3' }).innerText()).resolves.toContain('Housing support came quickly');
    await check(lead, 'judgements-survey-evidence', '1.3 Services');
    expect(problems).toEqual([]);
    await lead.close();
  });

  it('works without JavaScript', async () => {
    const context = await fixture.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, fixture.baseUrl, 'lead');
    for (const [path, heading] of [
      ['/sample', 'Case sample'],
      ['/survey', 'Survey of people on probation'],
      ['/survey/results', 'Survey results'],
      ['/survey/follow-ups', 'Follow-up conversations'],
    ] as const) {
      await page.goto(base() + path);
      await expect(page.locator('h1').innerText()).resolves.toBe(heading);
    }
    // A draft sample's method form shows the statistical settings without the script that reveals them.
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/sample`);
    await expect(page.getByLabel('Margin of error (percentage points either side)').isVisible()).resolves.toBe(true);
    await context.close();
  });
});
