// The SFO review QA pages in Chromium: an SFO QA lead uploads a bad and then a good register,
// enters a review by hand with mistakes, draws a sample and removes a review with a reason, at
// 1280 px with JavaScript on and again with it off, and reads the register at 320 px without
// sideways scrolling. Every page passes axe-core (WCAG 2.2 AA, run with JavaScript on) and is kept as a screenshot.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSfoRegister } from '../../src/demo/generate-sfo-register.ts';
import { writeRegisterCsv } from '../../src/interchange/sfo/register-file.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { sfoRegions } from '../../src/services/sfo/register.ts';
import { axeViolations, screenshotsDir, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
const PASSWORD = 'sfo-lead-browser-password';
let goodCsv: string;
let laterCsv: string;

beforeAll(async () => {
  fixture = await startBrowserFixture();
  await createAccount(fixture.database.db, { email: 'sfo-lead@test.local', displayName: 'Sol Lead', role: 'sfo-lead', password: PASSWORD }, 'test');
  const regions = await sfoRegions(fixture.database.db);
  goodCsv = writeRegisterCsv(generateSfoRegister({ seed: 5, regions, reviews: 80, year: 2024 }));
  laterCsv = writeRegisterCsv(generateSfoRegister({ seed: 6, regions, reviews: 40, year: 2025 }));
});
afterAll(() => fixture?.close());

const watch = (page: Page) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Pages refusing a form answer 400 or 409, which the browser logs.
  page.on('console', (m) => m.type() === 'error' && !/status of 40[09]/.test(m.text()) && problems.push(m.text()));
  return problems;
};

/** axe-core runs in the page, so only with JavaScript on; the pages are the same with it off. */
async function check(page: Page, name: string, problems: string[], axe = !name.includes('no-js')) {
  if (axe) expect(await axeViolations(page), name).toEqual([]);
  expect(problems, name).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `sfo-${name}.png`), fullPage: true });
}

async function signIn(browser: Browser, options: { javaScriptEnabled: boolean; width: number }) {
  const context = await browser.newContext({ viewport: { width: options.width, height: 900 }, javaScriptEnabled: options.javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${fixture.baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill('sfo-lead@test.local');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return { context, page };
}

const upload = async (page: Page, name: string, content: string) => {
  await page.getByLabel('Register file (CSV or Excel)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  await page.getByRole('button', { name: 'Upload reviews' }).click();
};

async function drawAndRemove(page: Page, year: number, name: string, problems: string[]) {
  await page.getByRole('link', { name: 'Samples' }).click();
  const from = page.getByRole('group', { name: 'Reviews submitted from' });
  await from.getByLabel('Day').fill('1');
  await from.getByLabel('Month').fill('4');
  await from.getByLabel('Year').fill(String(year));
  const to = page.getByRole('group', { name: 'Up to and including' });
  await to.getByLabel('Day').fill('31');
  await to.getByLabel('Month').fill('3');
  await to.getByLabel('Year').fill(String(year + 1));
  await page.getByLabel('Seed').fill('7');
  await check(page, `${name}-draw-form`, problems);
  await page.getByRole('button', { name: 'Draw the sample' }).click();
  await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toMatch(/Sample drawn: \d+ reviews/);
  await expect(page.locator('.govuk-summary-list').innerText()).resolves.toContain('7 (the same register and seed always draw the same reviews)');
  await expect(page.getByRole('region', { name: 'Reviews by region (scrolls sideways)' }).innerText()).resolves.toContain('All regions');
  // Removing needs a reason.
  const remove = page.getByLabel('Review in the sample');
  const ref = (await remove.locator('option').nth(1).getAttribute('value'))!;
  await remove.selectOption(ref);
  await page.getByRole('button', { name: 'Remove the review' }).click();
  await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Give the reason for the change');
  await check(page, `${name}-remove-error`, problems);
  await page.getByLabel('Review in the sample').selectOption(ref);
  await page.getByLabel('Why it is removed').fill('The region withdrew the review to correct it');
  await page.getByRole('button', { name: 'Remove the review' }).click();
  await expect(page.getByRole('region', { name: 'Changes by hand (scrolls sideways)' }).innerText()).resolves.toContain('The region withdrew the review to correct it');
  await check(page, `${name}-sample`, problems);
}

describe('SFO review QA in Chromium', () => {
  it('takes the register and draws a sample with JavaScript on', async () => {
    const { context, page } = await signIn(fixture.browser, { javaScriptEnabled: true, width: 1280 });
    const problems = watch(page);
    await page.getByRole('link', { name: 'SFO reviews' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Serious further offence reviews');
    await check(page, 'register-empty', problems);
    await upload(page, 'bad.csv', 'review_ref,region,offence_category,notified_date,extension\nB-1,Atlantis,murder,2024-05-01,no\n');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toMatch(/Row 2, column region: 'Atlantis' is not a probation region/);
    await check(page, 'register-bad-file', problems);
    await upload(page, 'register.csv', goodCsv);
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('80 reviews imported into the register.');
    await check(page, 'register', problems);
    // Sorted by region with the MoJ sortable table.
    await page.getByRole('button', { name: 'Region' }).click();
    await expect(page.locator('th[aria-sort="ascending"]').innerText()).resolves.toContain('Region');
    await page.locator('summary', { hasText: 'Add a review by hand' }).click();
    await page.getByLabel('Review reference').fill('HAND-1');
    await page.getByRole('button', { name: 'Add the review' }).click();
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Select the region');
    expect(summary).toContain('Enter the date the review was notified');
    await check(page, 'hand-entry-errors', problems);
    await drawAndRemove(page, 2024, 'js', problems);
    await context.close();
  }, 120_000);

  it('takes the register and draws a sample with JavaScript off', async () => {
    const { context, page } = await signIn(fixture.browser, { javaScriptEnabled: false, width: 1280 });
    const problems = watch(page);
    await page.goto(`${fixture.baseUrl}/sfo`);
    await upload(page, 'later.csv', laterCsv);
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('40 reviews imported into the register.');
    await page.getByLabel('Period').selectOption('2025-26');
    await page.getByRole('button', { name: 'Show reviews' }).click();
    await expect(page.getByRole('region', { name: 'Register of reviews (scrolls sideways)' }).locator('caption').innerText()).resolves.toMatch(/^40 of \d+ reviews: submitted April 2025 to March 2026/);
    await check(page, 'register-filtered-no-js', problems);
    await drawAndRemove(page, 2025, 'no-js', problems);
    await context.close();
  }, 120_000);

  it('reads at 320 px without sideways scrolling', async () => {
    const narrow = await signIn(fixture.browser, { javaScriptEnabled: true, width: 320 });
    await narrow.page.goto(`${fixture.baseUrl}/sfo`);
    expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await check(narrow.page, 'register-320', []);
    await narrow.page.goto(`${fixture.baseUrl}/sfo/samples/1`);
    expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await narrow.context.close();
  }, 60_000);
});
