// An SFO review's document and a learning panel edited, in Chromium (issue 13): the SFO QA lead
// attaches a review's document (a file that is not what its name says refused first), downloads it
// and replaces it with a Word document, the earlier version kept; the SFO QA inspector downloads it;
// the region's own staff download it from the address but are refused the SFO pages, and another
// region's document is not there for them. The lead then edits a learning panel (a mistake first).
// Every page passes axe-core (WCAG 2.2 AA) and is kept as a screenshot.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSfoReviews } from '../../src/db/repositories/sfo-repository.ts';
import { recordLearningPanel } from '../../src/services/sfo/learning-panels.ts';
import { sfoRegisterFixture } from '../support/sfo-fixture.ts';
import { tinyZip } from '../support/tiny-zip.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
let yorkshire: { id: number; reviewRef: string };
let other: { id: number };
let panelId: number;

beforeAll(async () => {
  fixture = await startBrowserFixture();
  const db = fixture.database.db;
  const reviews = await sfoRegisterFixture(db, { seed: 5, reviews: 40, year: 2024 });
  yorkshire = reviews.find((r) => r.region === 'Yorkshire and the Humber')!;
  const elsewhere = reviews.find((r) => r.region !== 'Yorkshire and the Humber')!;
  other = elsewhere;
  panelId = await recordLearningPanel(db, { heldOn: '2025-05-01', title: 'Browser panel', agencies: ['Police', 'Probation Service'], reviewRefs: [yorkshire.reviewRef], learningPoints: ['First point'] }, 'test');
  // The other region's review has a document too, for the region's staff to be refused.
  const { uploadSfoReviewDocument } = await import('../../src/services/sfo/review-document.ts');
  await uploadSfoReviewDocument(db, elsewhere.id, { fileName: 'other.pdf', content: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') }, { userId: 1, role: 'sfo-lead', organisationId: null, memberships: new Map() });
  expect((await listSfoReviews(db)).length).toBe(40);
});
afterAll(() => fixture?.close());

async function open(who: string): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await fixture.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/status of 40[0349]/.test(m.text()) && problems.push(m.text()));
  await signInAs(page, fixture.baseUrl, who);
  return { page, problems, close: () => context.close() };
}

async function check(page: Page, name: string, problems: string[]) {
  expect(await axeViolations(page), name).toEqual([]);
  expect(problems, name).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `sfo-documents-${name}.png`), fullPage: true });
}

const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

describe('the review document and an edited panel', () => {
  it('the SFO QA lead attaches, downloads and replaces the document', async () => {
    const { page, problems, close } = await open('sfo-lead');
    await page.goto(`${fixture.baseUrl}/sfo?region=${encodeURIComponent('Yorkshire and the Humber')}`);
    await page.getByRole('link', { name: yorkshire.reviewRef, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(yorkshire.reviewRef);
    await expect(page.locator('main').innerText()).resolves.toContain('No document is attached yet.');
    await check(page, 'review', problems);
    await page.getByLabel('Attach the document').setInputFiles({ name: 'review.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
    await page.getByRole('button', { name: 'Upload the document' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('is named .pdf but is not a PDF');
    await check(page, 'refused', problems);
    await page.getByLabel('Attach the document').setInputFiles({ name: 'review.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Upload the document' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The review document review.pdf is attached.');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download review.pdf' }).click();
    expect((await download).suggestedFilename()).toBe('review.pdf');
    await page.getByLabel('Replace the document').setInputFiles({ name: 'review v2.docx', mimeType: 'application/octet-stream', buffer: Buffer.from(tinyZip({ 'word/document.xml': '<w:document/>' })) });
    await page.getByRole('button', { name: 'Upload the replacement' }).click();
    await expect(page.getByRole('region', { name: 'Every version of the document (scrolls sideways)' }).innerText()).resolves.toMatch(/review\.pdf[\s\S]*Replaced by Sol SFO Lead/);
    await check(page, 'replaced', problems);
    await close();
  });

  it('the SFO QA inspector downloads it', async () => {
    const { page, problems, close } = await open('sfo-inspector');
    await page.goto(`${fixture.baseUrl}/sfo/reviews/${yorkshire.id}`);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download review v2.docx' }).click();
    expect((await download).suggestedFilename()).toBe('review v2.docx');
    await check(page, 'inspector', problems);
    await close();
  });

  it('the region’s own staff may have their review’s document, and nothing of another region’s', async () => {
    const { page, close } = await open('yorkshire');
    const own = await page.request.get(`${fixture.baseUrl}/sfo/reviews/${yorkshire.id}/document`);
    expect(own.status()).toBe(200);
    expect(own.headers()['content-disposition']).toContain('attachment');
    expect(own.headers()['cache-control']).toBe('no-store');
    expect((await page.request.get(`${fixture.baseUrl}/sfo/reviews/${other.id}/document`)).status()).toBe(404);
    expect((await page.request.get(`${fixture.baseUrl}/sfo/reviews/${yorkshire.id}`)).status()).toBe(403);
    await close();
  });

  it('the lead edits a learning panel', async () => {
    const { page, problems, close } = await open('sfo-lead');
    await page.goto(`${fixture.baseUrl}/sfo/panels/${panelId}`);
    await page.getByRole('link', { name: /Change the panel’s date/ }).click();
    await page.getByLabel('Agencies attending').fill('Police');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Name at least two agencies');
    await check(page, 'panel-edit-errors', problems);
    await page.getByLabel('Agencies attending').fill('Police\nProbation Service\nLocal authority');
    await page.getByLabel('Learning points').fill('First point\nSecond point');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The learning panel has been changed.');
    await expect(page.locator('main').innerText()).resolves.toContain('Local authority');
    await check(page, 'panel-edited', problems);
    await close();
  });
});
