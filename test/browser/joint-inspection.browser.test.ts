// A joint inspection in Chromium, as the lead of the youth demonstration inspection (Leeds, in
// England): the joint inspection page offers England's partner inspectorates as checkboxes; the
// lead records two, adds a partner inspector after a mistake named in the error summary, sees the
// overview and the report say so, and removes the inspector. axe-core on each page; screenshots.
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
  await page.screenshot({ path: join(screenshotsDir, `joint-${name}.png`), fullPage: true });
}

describe('a joint inspection in Chromium', () => {
  it('lets the lead record the partner inspectorates and a partner inspector, shown on the overview and in the report', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInAs(page, fixture.baseUrl, 'lead');

    await page.goto(`${fixture.baseUrl}/inspections/${youthId}`);
    await page.getByRole('link', { name: 'Record joint inspection' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Joint inspection');
    await expect(page.getByLabel('Healthcare Inspectorate Wales (HIW)').count()).resolves.toBe(0);
    await check(page, 'empty');

    await page.getByLabel('HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)').check();
    await page.getByLabel('Care Quality Commission (CQC)').check();
    await page.getByRole('button', { name: 'Save partner inspectorates' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The partner inspectorates have been saved.');

    // A mistake first: no name. The error summary names it and links to the field.
    await page.getByLabel('Care Quality Commission (CQC)').last().check();
    await page.getByRole('button', { name: 'Add partner inspector' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain("Enter the partner inspector's name");
    await check(page, 'error');
    await page.getByLabel('Name').fill('Asha Patel');
    await page.getByRole('button', { name: 'Add partner inspector' }).click();
    await expect(page.locator('table').innerText()).resolves.toContain('Asha Patel');
    await check(page, 'recorded');

    await page.goto(`${fixture.baseUrl}/inspections/${youthId}`);
    await expect(page.locator('.govuk-summary-list').innerText()).resolves.toContain('With HMICFRS and CQC; 1 partner inspector on the team');
    await page.goto(`${fixture.baseUrl}/inspections/${youthId}/report`);
    await expect(page.locator('main').innerText()).resolves.toContain('This was a joint inspection with HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) and Care Quality Commission (CQC).');

    await page.goto(`${fixture.baseUrl}/inspections/${youthId}/joint-inspection`);
    await page.getByRole('button', { name: 'Remove Asha Patel from the team' }).click();
    await expect(page.getByText('No partner inspector is recorded on the team.').count()).resolves.toBe(1);
    await context.close();
  });
});
