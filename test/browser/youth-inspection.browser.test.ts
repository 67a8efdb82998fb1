// A youth justice inspection in Chromium, as the lead inspector: the create form offers youth
// justice services and the versions by kind; the youth demonstration inspection's cases (court or
// out-of-court), a case's standards and the report in the regime's words. axe-core on each page;
// screenshots kept; the report's PDF downloaded.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoYouthInspection } from '../../src/services/demo-youth.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
let youthId: number;
beforeAll(async () => {
  fixture = await startBrowserFixture();
  youthId = Number(/inspection (\d+)/.exec(await createDemoYouthInspection(fixture.database.db, new Date().toISOString().slice(0, 10)))![1]);
});
afterAll(() => fixture?.close());

async function check(page: Page, name: string) {
  expect(await axeViolations(page), name).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `youth-${name}.png`), fullPage: true });
}

describe('a youth justice inspection in Chromium', () => {
  it('shows the lead inspector the youth inspection’s cases and report in the regime’s words', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInAs(page, fixture.baseUrl, 'lead');

    await page.goto(`${fixture.baseUrl}/inspections/new`);
    await page.getByLabel('A youth justice service').check();
    await expect(page.getByLabel('Youth justice service', { exact: true }).isVisible()).resolves.toBe(true);
    await check(page, 'new');

    await page.goto(`${fixture.baseUrl}/inspections/${youthId}/cases`);
    await expect(page.locator('table thead').innerText()).resolves.toMatch(/Case type[\s\S]*Risk of serious harm/);
    await check(page, 'cases');
    const first = page.locator('table tbody tr').first();
    const type = await first.locator('td').first().innerText();
    await first.locator('a').first().click();
    // Every case-rated standard is listed; only those of the case's type can be opened (the others: not applicable).
    const tasks = await page.locator('.govuk-task-list a').allInnerTexts();
    expect(tasks.map((t) => t.slice(0, 3))).toEqual(type === 'court' ? ['2.1', '2.2', '2.3', '2.4'] : ['3.1', '3.2', '3.3']);
    await check(page, 'case');

    await page.goto(`${fixture.baseUrl}/inspections/${youthId}/report`);
    await expect(page.locator('h1').innerText()).resolves.toContain('An inspection of youth justice services in Leeds');
    await expect(page.locator('#people-on-probation').innerText()).resolves.toBe('The views of children');
    await expect(page.getByText('Rated separately: not counted in the overall score').count()).resolves.toBeGreaterThan(0);
    await check(page, 'report');
    const response = await page.request.get(`${fixture.baseUrl}/inspections/${youthId}/report?format=pdf`);
    expect(response.headers()['content-type']).toContain('application/pdf');
    writeFileSync(join(screenshotsDir, 'youth-report.pdf'), await response.body());
    await context.close();
  });
});
