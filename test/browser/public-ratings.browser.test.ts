// The public ratings tables in Chromium, visited without signing in: from /public to the ratings
// by region, one region, a PDU over time and its published report. Each page passes axe-core
// (WCAG 2.2 AA); the wide tables scroll inside a focusable region, never widening the page.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDemoInspection } from '../../src/services/demo-national.ts';
import { axeViolations, screenshotsDir, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;

beforeAll(async () => {
  fixture = await startBrowserFixture();
  for (const [i, pduName] of ['Sheffield', 'Doncaster', 'Cardiff and the Vale'].entries())
    await publishDemoInspection(fixture.database.db, { pduName, fieldworkStart: `2025-0${5 + i}-05`, seed: 90 + i, cases: 12 }, 'test');
}, 120_000);
afterAll(() => fixture?.close());

/** The page never scrolls sideways; each table wider than its region scrolls inside it, and the region takes focus. */
async function tablesScrollInside(page: Page) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
    regions: [...document.querySelectorAll<HTMLElement>('.app-table-scroll')].map((r) => ({ scroll: r.scrollWidth, client: r.clientWidth, tabIndex: r.tabIndex, label: r.getAttribute('aria-label') })),
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  expect(widths.regions.length).toBeGreaterThan(0);
  for (const r of widths.regions) {
    expect(r.tabIndex).toBe(0);
    expect(r.label).toMatch(/scrolls sideways/);
  }
  return widths.regions.some((r) => r.scroll > r.client);
}

describe('public ratings tables', () => {
  it('lead a visitor from the published inspections to each region, each PDU over time and its report', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(`${fixture.baseUrl}/public`);
    await page.getByRole('link', { name: 'Ratings by region' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Ratings by region');
    await expect(page.locator('table').count()).resolves.toBe(12);
    expect(await axeViolations(page)).toEqual([]);
    expect(await tablesScrollInside(page)).toBe(true);
    // The scrolling region is reached from the keyboard.
    const region = page.getByRole('region', { name: 'Latest ratings in Yorkshire and the Humber (scrolls sideways)' });
    await region.focus();
    await expect(region.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.screenshot({ path: join(screenshotsDir, 'public-ratings.png'), fullPage: true });

    await page.getByRole('link', { name: 'Wales', exact: true }).click();
    await page.getByRole('link', { name: 'Wales on its own page' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Wales');
    await expect(page.getByRole('row').filter({ hasText: 'Cardiff and the Vale' }).getByText('Demonstration data').count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await tablesScrollInside(page);
    await page.screenshot({ path: join(screenshotsDir, 'public-ratings-region.png'), fullPage: true });

    await page.getByRole('link', { name: 'Cardiff and the Vale', exact: true }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Cardiff and the Vale PDU');
    await expect(page.locator('caption').innerText()).resolves.toBe('Inspections of Cardiff and the Vale over time');
    // The reference result of 2025, then the inspection published here.
    await expect(page.locator('tbody tr').count()).resolves.toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await tablesScrollInside(page);
    await page.screenshot({ path: join(screenshotsDir, 'public-pdu.png'), fullPage: true });

    await page.getByRole('link', { name: /^Report for Cardiff and the Vale/ }).click();
    // The published inspection's page carries its whole report, under the report's title.
    await expect(page.locator('h1').innerText()).resolves.toBe('An inspection of probation services in Cardiff and the Vale');
    await expect(page.getByText('Demonstration data: the cases and judgements in this inspection are generated, not real.').count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
