// The annual national report in Chromium: an analyst makes it from the form, writes the foreword
// and sets the publication date; a member of the public then finds it on the public pages. Each
// page passes axe-core (WCAG 2.2 AA); a screenshot of each is kept.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDemoInspection } from '../../src/services/demo-national.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';
import { govukDate } from '../../src/presenters/govuk-dates.ts';

let fixture: BrowserFixture;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  fixture = await startBrowserFixture();
  for (const [i, pduName] of ['Sheffield', 'Doncaster', 'Cardiff and the Vale'].entries())
    await publishDemoInspection(fixture.database.db, { pduName, fieldworkStart: `2025-0${5 + i}-05`, seed: 70 + i, cases: 16 }, 'test');
}, 120_000);
afterAll(() => fixture?.close());

describe('annual national report', () => {
  it('is made by an analyst from a data cut, then published for everyone', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInAs(page, fixture.baseUrl, 'analyst');
    await page.getByRole('link', { name: 'National reports' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('National reports');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Business year').selectOption('2025/26');
    await page.getByRole('button', { name: 'Take the data cut and make the report' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Annual report: inspections of probation services 2025/26');
    const contents = page.getByRole('navigation', { name: 'Contents' });
    await contents.getByRole('link', { name: 'Key questions by risk of serious harm level' }).click();
    expect(new URL(page.url()).hash).toBe('#by-rosh');
    await expect(page.getByRole('img', { name: /Key questions nationally, 2025\/26/ }).count()).resolves.toBe(1);
    await expect(page.locator('caption', { hasText: 'Ratings by standard, 2025/26' }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'annual-report.png'), fullPage: true });

    // A date in the past is refused with the field named.
    const publicationDate = async (iso: string) => {
      const fieldset = page.getByRole('group', { name: /Publication date/ });
      await fieldset.getByLabel('Day').fill(String(Number(iso.slice(8, 10))));
      await fieldset.getByLabel('Month').fill(String(Number(iso.slice(5, 7))));
      await fieldset.getByLabel('Year').fill(iso.slice(0, 4));
    };
    await publicationDate('2001-01-01');
    await page.getByRole('button', { name: 'Set the publication date' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('the publication date must be today or later');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Foreword').fill('A year of inspections.\n\nWork to keep people safe must improve.');
    await page.getByRole('button', { name: 'Save the foreword' }).click();
    await publicationDate(today);
    await page.getByRole('button', { name: 'Set the publication date' }).click();
    await expect(page.locator('.govuk-caption-l').innerText()).resolves.toBe(`Published ${govukDate(today)}`);

    const check = page.getByRole('link', { name: 'Check the data cut against the live data' });
    await check.click();
    await expect(page.getByText('regenerating the report gives the same numbers').count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const visitor = await fixture.browser.newPage();
    await visitor.goto(`${fixture.baseUrl}/public`);
    await visitor.getByRole('link', { name: 'Annual report: inspections of probation services 2025/26' }).click();
    await expect(visitor.getByText('Work to keep people safe must improve.').count()).resolves.toBe(1);
    await expect(visitor.getByRole('link', { name: 'Download every figure (CSV)' }).count()).resolves.toBe(1);
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.screenshot({ path: join(screenshotsDir, 'annual-report-public.png') });
    expect(problems).toEqual([]);
    await context.close();
  });
});
