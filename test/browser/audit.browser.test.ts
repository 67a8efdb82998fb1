// The audit trail in Chromium: the lead inspector reads their inspection's trail as a record at
// 1280 px and at 320 px (no sideways scrolling), filters it with JavaScript off, and opens a long
// change; administrators read everything outside inspections. Every page passes axe-core (WCAG 2.2
// AA) and is kept as a screenshot.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/services/identity/demo-users.ts';
import { findUserCredentials } from '../../src/db/repositories/index.ts';
import { recordJudgement } from '../../src/services/lead-inspector.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
const LONG_RATIONALE = `Leaders set a clear direction and staff understand it. ${'Their plans are reviewed with partners every quarter. '.repeat(8)}`;

beforeAll(async () => {
  fixture = await startBrowserFixture();
  const lead = DEMO_ACCOUNTS.find((a) => a.email.startsWith('lead@'))!;
  const { user } = (await findUserCredentials(fixture.database.db, lead.email))!;
  await recordJudgement(fixture.database.db, { inspectionId: fixture.demoId, itemId: '1.1', rating: 'Good', rationale: 'Leaders set a clear direction.' }, `user:${user.id}`);
  await recordJudgement(fixture.database.db, { inspectionId: fixture.demoId, itemId: '1.1', rating: 'Outstanding', rationale: LONG_RATIONALE }, `user:${user.id}`);
});
afterAll(() => fixture?.close());

async function check(page: Page, name: string, problems: string[]) {
  expect(await axeViolations(page), name).toEqual([]);
  expect(problems, name).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `audit-${name}.png`), fullPage: true });
}

const watch = (page: Page) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  return problems;
};

describe('the audit trail in Chromium', () => {
  it('reads as a record for the lead inspector at 1280 px, with a long change opened in full', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watch(page);
    await signInAs(page, fixture.baseUrl, 'lead');
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/audit`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Audit trail');
    const table = page.locator('.app-audit-table');
    const first = (await table.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ');
    expect(first).toContain('Lee Lead (demo)');
    expect(first).toContain('Rated 1.1 Leadership Outstanding');
    expect(first).toContain('Rating: Good → Outstanding');
    // The long rationale is cut short, the whole of it one click away.
    const details = table.locator('tbody tr').first().locator('.govuk-details');
    await details.locator('summary').click();
    await expect(details.locator('.govuk-details__text').innerText()).resolves.toContain(LONG_RATIONALE.trim().slice(-60));
    await check(page, 'lead-1280', problems);
    // The filters' error state, too (the page answers 400, which the browser logs).
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/audit?to-day=31&to-month=2&to-year=2026`);
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('The date to show events to must be a real date');
    await check(page, 'filter-error', problems.filter((m) => !m.includes('status of 400')));
    await context.close();
  });

  it('fits 320 px without sideways scrolling', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    const problems = watch(page);
    await signInAs(page, fixture.baseUrl, 'lead');
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/audit`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await check(page, 'lead-320', problems);
    await context.close();
  });

  it('filters with JavaScript off, through the GET form', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watch(page);
    await signInAs(page, fixture.baseUrl, 'lead');
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/audit`);
    await page.getByLabel('Kind of action').selectOption({ label: 'Domain one and diversity ratings' });
    await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('1');
    await page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('1');
    await page.getByRole('group', { name: 'From' }).getByLabel('Year').fill('2020');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(page.url()).toContain('kind=judgements');
    await expect(page.locator('#events + p').innerText()).resolves.toMatch(/^2 events match these filters/);
    const rows = await page.locator('.app-audit-table tbody tr').allInnerTexts();
    expect(rows.every((r) => r.includes('Rated 1.1'))).toBe(true);
    // A date that is not one is named, and the filter keeps what was typed.
    await page.getByRole('group', { name: 'To' }).getByLabel('Day').fill('31');
    await page.getByRole('group', { name: 'To' }).getByLabel('Month').fill('2');
    await page.getByRole('group', { name: 'To' }).getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('The date to show events to must be a real date');
    expect(problems.filter((m) => !m.includes('status of 400'))).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'audit-filter-error-no-js.png'), fullPage: true });
    await context.close();
  });

  it('shows administrators everything outside inspections, at 320 px too', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    const problems = watch(page);
    await signInAs(page, fixture.baseUrl, 'admin');
    await page.goto(`${fixture.baseUrl}/admin/audit`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Audit trail of everything outside inspections');
    await expect(page.locator('.app-audit-table').innerText()).resolves.toMatch(/Created the account of Lee Lead \(demo\)/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await check(page, 'administration-320', problems);
    await context.close();
  });
});
