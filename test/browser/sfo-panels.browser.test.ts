// Learning panels and the annual SFO report in Chromium: an SFO QA lead records a panel (first with
// mistakes), adds an action and completes it, then opens the year's annual report, saves its draft
// summary and downloads its PDF. Every page passes axe-core (WCAG 2.2 AA) and is kept as a screenshot.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSfoRegister } from '../../src/demo/generate-sfo-register.ts';
import { writeRegisterCsv } from '../../src/interchange/sfo/register-file.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { importRegister, sfoRegions } from '../../src/services/sfo/register.ts';
import { axeViolations, screenshotsDir, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
const PASSWORD = 'sfo-panel-browser-password';
let refs: string[];

beforeAll(async () => {
  fixture = await startBrowserFixture();
  await createAccount(fixture.database.db, { email: 'sfo-panels@test.local', displayName: 'Pat Panel', role: 'sfo-lead', password: PASSWORD }, 'test');
  const reviews = generateSfoRegister({ seed: 9, regions: await sfoRegions(fixture.database.db), reviews: 30, year: 2024 });
  refs = reviews.map((r) => r.reviewRef);
  await importRegister(fixture.database.db, { fileName: 'r.csv', format: 'csv', content: writeRegisterCsv(reviews) }, 'test');
});
afterAll(() => fixture?.close());

async function check(page: Page, name: string, problems: string[]) {
  expect(await axeViolations(page), name).toEqual([]);
  expect(problems, name).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `sfo-panels-${name}.png`), fullPage: true });
}

describe('learning panels and the annual SFO report', () => {
  it('records a panel and its action, and drafts the year’s report', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !/status of 40[09]/.test(m.text()) && problems.push(m.text()));
    await page.goto(`${fixture.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill('sfo-panels@test.local');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    await page.goto(`${fixture.baseUrl}/sfo/panels`);
    await check(page, 'list', problems);
    // Mistakes first: one agency, no date.
    await page.getByLabel('Name of the panel').fill('Browser panel');
    await page.getByLabel('Agencies attending').fill('Police');
    await page.getByLabel('Reviews discussed').fill(refs[0]!);
    await page.getByRole('button', { name: 'Record the panel' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.innerText()).resolves.toContain('Enter the date the panel met');
    await expect(summary.innerText()).resolves.toContain('Name at least two agencies: a panel is multi-agency');
    await check(page, 'errors', problems);
    const date = page.getByRole('group', { name: 'Date the panel met' });
    await date.getByLabel('Day').fill('3');
    await date.getByLabel('Month').fill('6');
    await date.getByLabel('Year').fill('2025');
    await page.getByLabel('Agencies attending').fill('Police\nProbation Service');
    await page.getByLabel('Learning points').fill('Check MAPPA levels at allocation');
    await page.getByRole('button', { name: 'Record the panel' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The learning panel has been recorded.');

    await page.getByLabel('What is to be done').fill('Brief staff on MAPPA levels');
    await page.getByLabel('Owner').fill('Head of PDU');
    const due = page.getByRole('group', { name: 'Due by' });
    await due.getByLabel('Day').fill('1');
    await due.getByLabel('Month').fill('9');
    await due.getByLabel('Year').fill('2025');
    await page.getByRole('button', { name: 'Add the action' }).click();
    await expect(page.getByRole('region', { name: 'Actions agreed (scrolls sideways)' }).innerText()).resolves.toContain('Open (overdue)');
    await page.getByLabel('Action', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Completed').check();
    await page.getByRole('button', { name: 'Update the action' }).click();
    await expect(page.getByRole('region', { name: 'Actions agreed (scrolls sideways)' }).innerText()).resolves.toContain('Completed');
    await check(page, 'panel', problems);

    await page.goto(`${fixture.baseUrl}/sfo/panels`);
    await page.getByRole('link', { name: 'Annual reports' }).click();
    await check(page, 'annual-list', problems);
    await page.goto(`${fixture.baseUrl}/sfo/annual/2024-25`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain('Annual SFO report 2024/25');
    await page.getByLabel('Summary').fill('No review is signed off yet in this test.');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The draft has been saved.');
    await expect(page.getByRole('region', { name: 'Year on year (scrolls sideways)' }).innerText()).resolves.toContain('2021/22');
    await check(page, 'annual', problems);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'PDF' }).click();
    expect((await download).suggestedFilename()).toBe('sfo-annual-report-2024-25-draft.pdf');
    await context.close();
  });
});
