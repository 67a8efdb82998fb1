// Creating an inspection in Chromium: a programme manager makes one from a booking of the current
// PDU cycle and one directly (a mistake first), then reads its timeline and moves a date with a
// reason. Every page passes axe-core (WCAG 2.2 AA) and is kept as a screenshot; the direct form
// works with JavaScript off.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from '../../src/domain/sampling/dates.ts';
import { createCycle } from '../../src/services/programme/cycles.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
beforeAll(async () => {
  fixture = await startBrowserFixture();
  // A cycle from the coming Monday, so its first bookings fall in the weeks the page lists.
  const today = new Date().toISOString().slice(0, 10);
  await createCycle(fixture.database.db, { start: addDays(today, (8 - dayOfWeek(today)) % 7), years: '3', teams: '3', capacity: '30' }, 'test');
});
afterAll(() => fixture?.close());

async function check(page: Page, name: string, problems: string[]) {
  expect(await axeViolations(page), name).toEqual([]);
  // A form with errors answers 400, which the browser logs; nothing else may fail.
  expect(problems.filter((m) => !m.includes('status of 400')), name).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `inspection-new-${name}.png`), fullPage: true });
}

describe('creating an inspection in Chromium', () => {
  it('takes a programme manager from a booking to the inspection’s timeline, and moves a date', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await signInAs(page, fixture.baseUrl, 'programme');

    await page.getByRole('button', { name: 'Create an inspection' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Create an inspection');
    await check(page, 'form', problems);
    await page.getByRole('button', { name: 'Create the inspection' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toMatch(/Select the PDU to inspect[\s\S]*Enter the first day of fieldwork/);
    await check(page, 'form-errors', problems);

    // From the first booking listed: its check page, then the inspection.
    const first = page.getByRole('link', { name: /^Create inspection/ }).first();
    await first.click();
    await expect(page.locator('.govuk-summary-list').innerText()).resolves.toContain('Team');
    await check(page, 'booking-check', problems);
    await page.getByRole('button', { name: 'Create the inspection' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Inspection created from the PDU cycle’s booking');
    // The overview's timeline (the report's tables follow it on the page).
    const timeline = page.getByRole('region', { name: 'Timeline' }).getByRole('table');
    await expect(timeline.innerText()).resolves.toContain('Factual accuracy comments due');
    const rows = await timeline.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(15);
    expect(rows[0]).toMatch(/^Notice to the service/);
    expect(rows.at(-1)).toMatch(/^Action plan due/);
    await expect(page.locator('#timeline').locator('xpath=following-sibling::p[1]').innerText()).resolves.toMatch(/^Booked in the PDU cycle for the week of/);
    await check(page, 'overview', problems);
    const inspectionUrl = page.url().split('?')[0]!;

    // The booking cannot be made twice: the list now links to the inspection.
    await page.goto(`${fixture.baseUrl}/inspections/new`);
    await expect(page.getByRole('link', { name: /^Inspection \d+\b/ }).count()).resolves.toBe(1);

    // Move publication, with a mistake first.
    await page.goto(inspectionUrl);
    await page.getByRole('link', { name: 'Change the date of publication' }).click();
    await check(page, 'move', problems);
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('');
    await page.getByRole('button', { name: 'Change the date' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('The new date must include a year');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter the reason for moving the date');
    await check(page, 'move-errors', problems);
    const nextYear = new Date().getUTCFullYear() + 1;
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill(String(nextYear));
    await page.getByLabel('Why the date moves').fill('Publication avoids the pre-election period');
    await page.getByRole('button', { name: 'Change the date' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(`Publication: the date is now 12 March ${nextYear}`);
    await expect(timeline.innerText()).resolves.toContain('moved from');
    await page.getByText('Dates moved (1)').click();
    await expect(page.locator('details', { hasText: 'Dates moved' }).innerText()).resolves.toContain('Publication avoids the pre-election period');
    await check(page, 'moved', problems);
    await context.close();
  });

  it('creates one directly with JavaScript off: errors in words first, then the inspection', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInAs(page, fixture.baseUrl, 'programme');
    await page.goto(`${fixture.baseUrl}/inspections/new#direct`);
    await page.getByLabel('Day').fill('7');
    await page.getByRole('button', { name: 'Create the inspection' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.innerText()).resolves.toMatch(/Select the PDU to inspect[\s\S]*The first day of fieldwork must include a month and a year/);
    // (axe runs in the page, so the pages are checked with JavaScript on, above.)
    await page.screenshot({ path: join(screenshotsDir, 'inspection-new-direct-errors.png'), fullPage: true });
    await page.getByLabel('Probation Delivery Unit').selectOption({ label: 'Doncaster (Yorkshire and the Humber)' });
    await page.getByLabel('Month').fill('9');
    await page.getByLabel('Year').fill(String(new Date().getUTCFullYear() + 1));
    await page.getByRole('button', { name: 'Create the inspection' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Inspection created, with its timeline');
    await expect(page.locator('h1').innerText()).resolves.toBe('Inspection of probation services: Doncaster PDU');
    await context.close();
  });
});
