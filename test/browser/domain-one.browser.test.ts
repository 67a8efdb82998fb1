// Domain one in Chromium: the lead inspector reads a standard's key questions and prompts, records
// evidence (an interview, survey evidence linked to the survey's results, case findings linked to
// domain two's figures) after a mistake, rates the standard beside the evidence, and allows an
// inspector who then records, changes and withdraws their own evidence. With JavaScript on and off,
// at desktop width and at 320 px; every page passes axe-core (WCAG 2.2 AA) and is kept as a
// screenshot. The inspected service is refused.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullDate } from '../../src/domain/timeline/dates.ts';
import { runDemoSurvey } from '../../src/services/survey/demo-survey.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
beforeAll(async () => {
  fixture = await startBrowserFixture();
  await runDemoSurvey(fixture.database.db, fixture.demoId, { people: 24, phoneOffset: 700, seed: 8 }, 'test');
});
afterAll(() => fixture?.close());

const today = new Date().toISOString().slice(0, 10);

async function open(browser: Browser, who: string, options: { width?: number; javaScript?: boolean } = {}) {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1200, height: 900 }, javaScriptEnabled: options.javaScript ?? true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // A form with errors answers 400 (and a refused page 403), which the browser logs; nothing else may fail.
  page.on('console', (m) => m.type() === 'error' && !/status of 40[03]/.test(m.text()) && problems.push(m.text()));
  await signInAs(page, fixture.baseUrl, who);
  return { page, problems, close: () => context.close() };
}

async function check(page: Page, name: string, problems: string[]) {
  expect(await axeViolations(page), name).toEqual([]);
  expect(problems, name).toEqual([]);
  // No sideways scroll, at any width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), name).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(screenshotsDir, `domain-one-${name}.png`), fullPage: true });
}

async function fillDate(page: Page, iso: string) {
  await page.getByLabel('Day').fill(String(Number(iso.slice(8, 10))));
  await page.getByLabel('Month').fill(String(Number(iso.slice(5, 7))));
  await page.getByLabel('Year').fill(iso.slice(0, 4));
}

describe('domain one in Chromium', () => {
  it('takes the lead from the key questions to evidence and a rating written against it', async () => {
    const { page, problems, close } = await open(fixture.browser, 'lead');
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/judgements`);
    await check(page, 'judgements', problems);
    await page.getByRole('link', { name: 'Evidence and rating for 1.3 Services' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('1.3 Services');
    await page.getByText('Prompts for 1.3.1').click();
    await expect(page.locator('#kq-1-3-1').innerText()).resolves.toContain('1.3.1a');
    await check(page, 'standard-empty', problems);

    // A mistake first: every problem in words, in the form's order.
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await check(page, 'form', problems);
    await page.getByRole('button', { name: 'Save the evidence' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toMatch(/Select the key question or prompt[\s\S]*Select the kind of evidence[\s\S]*Enter where the evidence comes from[\s\S]*Enter the date of the evidence[\s\S]*Enter what the evidence shows[\s\S]*Select whether the evidence is a strength/);
    await check(page, 'form-errors', problems);
    await page.getByLabel('Key question or prompt').selectOption('1.3.1a');
    await page.getByLabel('Interview or focus group').check();
    await page.getByLabel('Where the evidence comes from').fill('Focus group with practitioners');
    await fillDate(page, today);
    await page.getByLabel('What the evidence shows').fill('Practitioners know which services to refer people to.\n\nThey could name the accommodation service and its waiting time.');
    await page.getByLabel('Strength', { exact: true }).check();
    await page.getByRole('button', { name: 'Save the evidence' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Evidence added');
    await expect(page.locator('#kq-1-3-1').innerText()).resolves.toContain(fullDate(today));

    // Survey evidence: a link to the survey’s result for a statement.
    await page.getByRole('link', { name: 'Add evidence for 1.3.1' }).click();
    await page.getByLabel('Survey evidence').check();
    const statement = page.getByLabel('Survey statement');
    await expect(statement.isVisible()).resolves.toBe(true);
    await statement.selectOption({ index: 1 });
    await page.getByLabel('Where the evidence comes from').fill('Survey of people on probation');
    await fillDate(page, today);
    await page.getByLabel('Neutral').check();
    await page.getByRole('button', { name: 'Save the evidence' }).click();
    // Case findings: domain two's figure, inserted from the inspection.
    await page.getByRole('link', { name: 'Add evidence for 1.3.1' }).click();
    await page.getByLabel('Case findings').check();
    await page.getByLabel('Domain-two key question').selectOption('2.3.1');
    await page.getByLabel('Where the evidence comes from').fill('Case assessments');
    await fillDate(page, today);
    await page.getByLabel('Area for improvement').check();
    await page.getByRole('button', { name: 'Save the evidence' }).click();
    const group = await page.locator('#kq-1-3-1').innerText();
    expect(group).toMatch(/agree or strongly agree \(\d+ of \d+/);
    expect(group).toMatch(/\d+% of cases sufficient \(\d+ of \d+\)/);
    await expect(page.locator('#evidence-counts').innerText()).resolves.toContain('1 strength, 1 area for improvement, 1 neutral');
    await check(page, 'standard-evidence', problems);

    // The rating beside the evidence.
    const rating = page.locator('#rating-section');
    await expect(rating.innerText()).resolves.toContain('Evidence: 1 strength, 1 area for improvement, 1 neutral');
    // The demonstration's rationale cleared by mistake.
    await rating.getByLabel('Rationale').fill('');
    await rating.getByRole('button', { name: 'Save the rating for 1.3' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Write the rationale for the rating');
    await check(page, 'rating-error', problems);
    await rating.getByLabel('Good').check();
    await rating.getByLabel('Rationale').fill('Services meet most needs; accommodation waits are too long.');
    await rating.getByRole('button', { name: 'Save the rating for 1.3' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Rating and rationale saved');
    await expect(page.locator('#rating-section').innerText()).resolves.toContain('Current rating: Good');

    // The lead allows Isla to record evidence.
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/judgements`);
    await page.getByLabel('Isla Inspector (demo)').check();
    await page.getByRole('button', { name: 'Save who may record evidence' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Who may record domain-one evidence is saved');
    await check(page, 'judgements-writers', problems);
    await close();
  });

  it('lets an allowed inspector record, change and withdraw their own evidence at 320 px, without the rating form', async () => {
    const { page, problems, close } = await open(fixture.browser, 'inspector', { width: 320 });
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/domain-one/1.2`);
    expect(await page.getByRole('button', { name: /Save the rating/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'Add evidence for 1.2.1' }).click();
    await page.getByLabel('Document').check();
    await page.getByLabel('Where the evidence comes from').fill('Workload measurement tool report');
    await fillDate(page, today);
    await page.getByLabel('What the evidence shows').fill('Most practitioners carry more than 120% of the workload measure.');
    await page.getByLabel('Area for improvement').check();
    await check(page, 'inspector-form-320', problems);
    await page.getByRole('button', { name: 'Save the evidence' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Evidence added');
    await check(page, 'inspector-standard-320', problems);
    await page.getByRole('link', { name: 'Change evidence “Workload measurement tool report”' }).click();
    await page.getByLabel('Neutral').check();
    await page.getByRole('button', { name: 'Save the evidence' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Evidence changed');
    await page.getByRole('link', { name: 'Withdraw evidence “Workload measurement tool report”' }).click();
    await page.getByRole('button', { name: 'Withdraw the evidence' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter why the evidence is withdrawn');
    await check(page, 'withdraw-error-320', problems);
    await page.getByLabel('Why is the evidence withdrawn?').fill('The report was for another PDU');
    await page.getByRole('button', { name: 'Withdraw the evidence' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Evidence withdrawn');
    await expect(page.locator('main').innerText()).resolves.not.toContain('Workload measurement tool report');
    await close();
  });

  it('works with JavaScript off', async () => {
    const { page, problems, close } = await open(fixture.browser, 'lead', { javaScript: false });
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/domain-one/1.4/evidence/new?item=1.4.1`);
    await expect(page.getByLabel('Domain-two key question').isVisible()).resolves.toBe(true);
    await page.getByLabel('Observation').check();
    await page.getByLabel('Where the evidence comes from').fill('Visit to the reporting centre');
    await fillDate(page, today);
    await page.getByLabel('What the evidence shows').fill('Interview rooms are private and accessible.');
    await page.getByLabel('Strength', { exact: true }).check();
    await page.getByRole('button', { name: 'Save the evidence' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Evidence added');
    await expect(page.locator('#kq-1-4-1').innerText()).resolves.toContain('Visit to the reporting centre');
    // axe-core and the scroll check run scripts in the page, which is off here: the pages above pass them.
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'domain-one-no-javascript.png'), fullPage: true });
    await close();
  });

  it('refuses the inspected service', async () => {
    const { page, close } = await open(fixture.browser, 'leeds');
    const res = await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/domain-one/1.3`);
    expect(res!.status()).toBe(403);
    await expect(page.locator('main').innerText()).resolves.not.toContain('Focus group with practitioners');
    await close();
  });
});
