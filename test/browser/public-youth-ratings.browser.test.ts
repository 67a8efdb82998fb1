// The public youth ratings in Chromium, visited without signing in: from /public to the ratings of
// youth justice services (each published inspection's standards under their domains, the score,
// resettlement rated separately), a service over time, and the open data page. Each page passes
// axe-core (WCAG 2.2 AA); the wide tables scroll inside a focusable region, never widening the page.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPublishedYouth } from '../../src/services/demo-youth-published.ts';
import { axeViolations, screenshotsDir, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;

beforeAll(async () => {
  fixture = await startBrowserFixture();
  await createDemoPublishedYouth(fixture.database.db, undefined, 'test');
}, 180_000);
afterAll(() => fixture?.close());

describe('public youth ratings', () => {
  it('lead a visitor from the published inspections to the youth justice services’ ratings, a service over time and the open data', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(`${fixture.baseUrl}/public`);
    await page.screenshot({ path: join(screenshotsDir, 'public-youth-index.png'), fullPage: true });
    await page.getByRole('link', { name: 'Ratings of youth justice services' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Ratings of youth justice services');
    expect(await axeViolations(page)).toEqual([]);
    // The published inspections' table: a domain's name over its four standards, resettlement apart.
    const table = page.getByRole('table', { name: 'Inspections of youth justice services published here, newest first' });
    await expect(table.getByRole('columnheader', { name: 'Court disposals', exact: true }).count()).resolves.toBe(1);
    await expect(table.getByRole('columnheader', { name: 'Rated separately', exact: true }).count()).resolves.toBe(1);
    await expect(table.getByRole('row').filter({ hasText: 'Surrey' }).getByText('Not rated').count()).resolves.toBe(1);
    await expect(table.getByRole('row').filter({ hasText: 'Swansea' }).getByText(/\d+ out of 36/).count()).resolves.toBe(1);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    await page.screenshot({ path: join(screenshotsDir, 'public-youth-ratings.png'), fullPage: true });
    await table.screenshot({ path: join(screenshotsDir, 'public-youth-ratings-table.png') });

    await table.getByRole('link', { name: 'Birmingham', exact: true }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Birmingham');
    await expect(page.getByRole('table').getByRole('row').count()).resolves.toBe(2 + 3); // two header rows, two reference results and the one published here
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'public-youth-service.png'), fullPage: true });

    await page.goto(`${fixture.baseUrl}/public/data`);
    await expect(page.getByRole('link', { name: 'Ratings of youth justice services, one row per inspection (CSV)' }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'public-youth-data.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
