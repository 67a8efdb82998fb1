// The SFO demonstration in Chromium: the SFO QA lead edits an action of the demonstration learning
// panel (its form filled in; a mistake named by field first), and the demonstration review page and
// the Yorkshire staff's feedback letter offer the labelled demonstration document. Every page passes
// axe-core (WCAG 2.2 AA) and is kept as a screenshot.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPanels } from '../../src/db/repositories/sfo-panel-repository.ts';
import { listSfoSamples } from '../../src/db/repositories/sfo-repository.ts';
import { createDemoSfo } from '../../src/services/demo-sfo.ts';
import { createDemoSfoPanelAndReport } from '../../src/services/demo-sfo-panels.ts';
import { demoSfoPeople } from '../../src/services/identity/demo-users.ts';
import { reviewsWithDocument } from '../../src/services/sfo/review-document.ts';
import { sfoSampleProgress } from '../../src/services/sfo/sign-off.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
const TODAY = '2026-12-05';

beforeAll(async () => {
  fixture = await startBrowserFixture();
  await createDemoSfo(fixture.database.db, TODAY, await demoSfoPeople(fixture.database.db), 'test');
  await createDemoSfoPanelAndReport(fixture.database.db, TODAY, 'test');
}, 240_000);
afterAll(() => fixture?.close());

async function check(page: Page, name: string, problems: string[]) {
  expect(await axeViolations(page), name).toEqual([]);
  expect(problems, name).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `sfo-demo-${name}.png`), fullPage: true });
}

async function newPage(problems: string[]) {
  const context = await fixture.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/status of 40[09]/.test(m.text()) && problems.push(m.text()));
  return page;
}

describe('the SFO demonstration in the browser', () => {
  it('edits a learning panel’s action', async () => {
    const problems: string[] = [];
    const page = await newPage(problems);
    await signInAs(page, fixture.baseUrl, 'sfo-lead');
    const [panel] = await listPanels(fixture.database.db);
    await page.goto(`${fixture.baseUrl}/sfo/panels/${panel!.id}`);
    await page.getByRole('link', { name: 'Edit action 2' }).click();
    await expect(page.getByLabel('Owner').inputValue()).resolves.toContain('Head of public protection');
    await check(page, 'action-edit', problems);
    await page.getByLabel('Owner').fill('');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Name who owns the action');
    await check(page, 'action-edit-errors', problems);
    await page.getByLabel('Owner').fill('Regional head of public protection, with the police');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The action has been changed.');
    await expect(page.getByRole('region', { name: 'Actions agreed (scrolls sideways)' }).innerText()).resolves.toContain('Regional head of public protection, with the police');
  }, 120_000);

  it('shows the demonstration document on the review page and the region’s letter', async () => {
    const db = fixture.database.db;
    const [released] = (await listSfoSamples(db)).sort((a, b) => a.id - b.id);
    const reviews = (await sfoSampleProgress(db, released!.id)).reviews;
    const withDocument = await reviewsWithDocument(db, reviews.map((r) => r.review.id));
    const yorkshire = reviews.find((r) => r.review.region === 'Yorkshire and the Humber' && withDocument.has(r.review.id))!;
    const problems: string[] = [];
    const lead = await newPage(problems);
    await signInAs(lead, fixture.baseUrl, 'sfo-lead');
    await lead.goto(`${fixture.baseUrl}/sfo/reviews/${yorkshire.review.id}`);
    await expect(lead.locator('main').innerText()).resolves.toContain('demonstration review.pdf');
    await check(lead, 'review-document', problems);
    const region = await newPage(problems);
    await signInAs(region, fixture.baseUrl, 'yorkshire');
    await region.goto(`${fixture.baseUrl}/sfo/assessments/${yorkshire.assessment!.id}/letter`);
    await expect(region.locator('main').innerText()).resolves.toContain('demonstration review.pdf');
    await check(region, 'letter-document', problems);
    const download = await region.request.get(`${fixture.baseUrl}/sfo/reviews/${yorkshire.review.id}/document`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('application/pdf');
  }, 120_000);
});
