// The annual SFO report published and read by the public in Chromium: the SFO QA lead saves the
// year's summary, is refused publication without the confirmation, confirms and publishes; a visitor
// who is not signed in finds nothing of the year before (404), then finds it from /public, reads the
// page (regions' small counts shown as [x]), downloads its PDF and CSV, and finds its figures in the
// open data. Every page passes axe-core (WCAG 2.2 AA) and is kept as a screenshot, wide and narrow.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSfoReviews } from '../../src/db/repositories/sfo-repository.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { sfoAssessmentFixture, sfoRegisterFixture, sfoSampleFixture } from '../support/sfo-fixture.ts';
import { axeViolations, screenshotsDir, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
const PASSWORD = 'sfo-public-browser-password';
const RATINGS = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'];

beforeAll(async () => {
  fixture = await startBrowserFixture();
  const db = fixture.database.db;
  await createAccount(db, { email: 'sfo-public@test.local', displayName: 'Lee Lead', role: 'sfo-lead', password: PASSWORD }, 'test');
  await sfoRegisterFixture(db, { seed: 31, reviews: 150, year: 2025 });
  const { sampleId, sampled } = await sfoSampleFixture(db, { year: 2025, share: 0.2, seed: 8 });
  const reviews = await listSfoReviews(db);
  for (const [i, ref] of sampled.entries()) {
    await sfoAssessmentFixture(db, { sampleId, reviewId: reviews.find((r) => r.reviewRef === ref)!.id, state: 'signed-off', overall: RATINGS[(i * 3) % 4]!, rationale: i % 2 ? 'The risk assessment was not revisited' : 'Contact with the victim was sound', standards: ['1', '2', '3', '4'] });
  }
});
afterAll(() => fixture?.close());

async function check(page: Page, name: string, problems: string[]) {
  expect(await axeViolations(page), name).toEqual([]);
  expect(problems, name).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `sfo-public-${name}.png`), fullPage: true });
}

async function newPage(width = 1280) {
  const context = await fixture.browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/status of 40[0349]/.test(m.text()) && problems.push(m.text()));
  return { context, page, problems };
}

describe('the annual SFO report published for the public', () => {
  it('is published by the SFO QA lead with a confirmation, and then read by anyone', async () => {
    const visitor = await newPage();
    expect((await visitor.page.goto(`${fixture.baseUrl}/public/sfo/annual/2025-26`))!.status()).toBe(404);

    const lead = await newPage();
    const page = lead.page;
    await page.goto(`${fixture.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill('sfo-public@test.local');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`${fixture.baseUrl}/sfo/annual/2025-26`);
    await page.getByLabel('Summary').fill('A fifth of the year’s reviews were quality-assured.\n\nMost were rated Good or better.');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The draft has been saved.');
    // A draft is still not for the public.
    expect((await visitor.page.goto(`${fixture.baseUrl}/public/sfo/annual/2025-26`))!.status()).toBe(404);

    await page.getByRole('button', { name: 'Publish the report' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Confirm that the report is to be published for everyone to read');
    await check(page, 'lead-confirm-error', lead.problems);
    await page.getByLabel('I confirm that the annual SFO report 2025/26 is to be published for everyone to read').check();
    await page.getByRole('button', { name: 'Publish the report' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The annual SFO report has been published');
    await check(page, 'lead-published', lead.problems);
    await lead.context.close();

    const v = visitor.page;
    await v.goto(`${fixture.baseUrl}/public`);
    await check(v, 'index', visitor.problems);
    await v.getByRole('link', { name: 'Quality assurance of SFO reviews: annual report 2025/26' }).click();
    await expect(v.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Quality assurance of Serious Further Offence reviews: annual report 2025/26');
    await expect(v.locator('main').innerText()).resolves.toContain('Most were rated Good or better.');
    await expect(v.getByRole('region', { name: 'Overall ratings by region: reviews (per cent of the region’s) (scrolls sideways)' }).innerText()).resolves.toContain('[x]');
    await expect(v.getByRole('link', { name: 'Sign out' }).count()).resolves.toBe(0);
    await check(v, 'report', visitor.problems);
    const pdf = v.waitForEvent('download');
    await v.getByRole('link', { name: 'Download the report (PDF)' }).click();
    expect((await pdf).suggestedFilename()).toBe('sfo-annual-report-2025-26.pdf');
    const csv = v.waitForEvent('download');
    await v.getByRole('link', { name: 'Download every figure (CSV)' }).click();
    expect((await csv).suggestedFilename()).toBe('sfo-annual-report-2025-26.csv');

    await v.getByRole('link', { name: 'open data', exact: true }).click();
    await expect(v.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Open data');
    await check(v, 'open-data', visitor.problems);
    const data = v.waitForEvent('download');
    await v.getByRole('link', { name: /the figures of every published annual report/ }).click();
    expect((await data).suggestedFilename()).toBe('sfo-annual.csv');
    await visitor.context.close();

    const narrow = await newPage(390);
    await narrow.page.goto(`${fixture.baseUrl}/public/sfo/annual/2025-26`);
    await check(narrow.page, 'report-narrow', narrow.problems);
    await narrow.context.close();
  });
});
