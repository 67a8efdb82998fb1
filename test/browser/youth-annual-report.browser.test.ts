// The youth annual report in Chromium: an analyst chooses youth justice services as the kind of
// inspection on /national and the report is made in the youth framework's words, with resettlement
// rated separately, the scores out of 36 and court beside out-of-court cases; axe-core (WCAG 2.2 AA)
// on each page, screenshots kept (youth-annual-*.png).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessYear, businessYearOf } from '../../src/domain/national/business-year.ts';
import { createDemoPublishedYouth } from '../../src/services/demo-youth-published.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
const today = new Date().toISOString().slice(0, 10);
const lastYear = businessYear(businessYearOf(today).start - 1);

beforeAll(async () => {
  fixture = await startBrowserFixture();
  await createDemoPublishedYouth(fixture.database.db, today, 'test');
}, 180_000);
afterAll(() => fixture?.close());

describe('the youth annual report', () => {
  it('is made by an analyst who chooses youth justice services, in the youth framework’s words', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInAs(page, fixture.baseUrl, 'analyst');
    await page.getByRole('link', { name: 'National reports' }).click();
    await page.getByLabel('Business year').selectOption(lastYear.label);
    await page.getByRole('radio', { name: 'Inspections of youth justice services' }).check();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'youth-annual-choose.png'), fullPage: true });
    await page.getByRole('button', { name: 'Take the data cut and make the report' }).click();

    await expect(page.locator('h1').innerText()).resolves.toBe(`Annual report: inspections of youth justice services ${lastYear.label}`);
    const contents = page.getByRole('navigation', { name: 'Contents' });
    for (const absent of ['Key questions by region', 'Statutory victim work', 'People on probation']) await expect(contents.getByRole('link', { name: absent }).count()).resolves.toBe(0);
    await contents.getByRole('link', { name: 'Court and out of court cases compared' }).click();
    expect(new URL(page.url()).hash).toBe('#case-types');
    await expect(page.locator('caption', { hasText: '4.1 Resettlement policy and provision' }).count()).resolves.toBe(1);
    await expect(page.locator('caption', { hasText: 'Inspections by overall band' }).count()).resolves.toBe(1);
    await expect(page.getByRole('columnheader', { name: 'Youth justice service' }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'youth-annual-report.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
