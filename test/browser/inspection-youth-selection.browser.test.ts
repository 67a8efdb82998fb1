// Creating a youth inspection from the programme's youth selection in Chromium, as a lead
// inspector: the selection's services on /inspections/new, one chosen with its fieldwork date, the
// overview saying where it came from. axe-core on each page; screenshots kept.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeYouthSelection } from '../../src/services/programme/youth.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
let service: string;
beforeAll(async () => {
  fixture = await startBrowserFixture();
  const made = await makeYouthSelection(fixture.database.db, { title: 'Youth justice services 2027', asOf: '2027-04-01', targeted: '3', random: '2', seed: '7' }, 'test');
  service = made.result.selected[0]!.service;
});
afterAll(() => fixture?.close());

async function check(page: Page, name: string) {
  expect(await axeViolations(page), name).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `inspection-youth-selection-${name}.png`), fullPage: true });
}

describe('a youth inspection from the youth selection in Chromium', () => {
  it('offers the selection’s services and creates the inspection of the one chosen', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInAs(page, fixture.baseUrl, 'lead');
    await page.goto(`${fixture.baseUrl}/inspections/new#youth-selection`);
    const section = page.locator('form[action="/inspections/new/youth-selection"]');
    await section.getByLabel(service, { exact: true }).check();
    await section.getByLabel('Day').fill('1');
    await section.getByLabel('Month').fill('3');
    await section.getByLabel('Year').fill('2027');
    await check(page, 'new');
    // The choice itself, as the screen shows it (the full page is long: the selection's every service).
    await page.locator('#youth-selection').evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: join(screenshotsDir, 'inspection-youth-selection-choice.png') });
    await section.getByRole('button', { name: 'Create the inspection from the selection' }).click();
    await expect(page.getByText('Inspection created from the youth selection, with its timeline').count()).resolves.toBe(1);
    await expect(page.getByText(/Chosen in the youth selection for 2027 to 2028/).count()).resolves.toBe(1);
    await check(page, 'created');
    await context.close();
  });
});
