// The lead inspector's and quality-assurance pages in Chromium: axe-core on every page type,
// screenshots, a second assessor working blind, and the lead inspector settling what the sign-off
// checklist lists and signing the inspection off.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCase, findUserCredentials } from '../../src/db/repositories/index.ts';
import { assignSecondAssessor, drawDipSample } from '../../src/services/quality.ts';
import { secondAssessCase } from '../support/quality-assurance.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
let ivo: number;
beforeAll(async () => {
  fixture = await startBrowserFixture();
  const db = fixture.database.db;
  const user = async (email: string) => (await findUserCredentials(db, email))!.user.id;
  const isla = await user('inspector@demo.inspectorate.local');
  ivo = await user('inspector2@demo.inspectorate.local');
  await assignCase(db, fixture.demoId, 'DEMO-001', isla);
  // Only Isla's case (her first inspection): no share of the unassigned cases.
  await drawDipSample(db, fixture.demoId, { share: 0, firstInspectionAll: true, minimumPerInspector: 0 }, 1, 'test');
  await assignSecondAssessor(db, { inspectionId: fixture.demoId, caseRef: 'DEMO-001', userId: ivo }, 'test');
});
afterAll(() => fixture?.close());

async function check(page: import('playwright-core').Page, name: string, heading: string | RegExp) {
  await expect(page.locator('h1').innerText()).resolves.toMatch(heading);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}

describe('lead inspector and quality assurance pages', () => {
  it('pass axe-core on every page type', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1200, height: 900 } });
    await signInAs(page, fixture.baseUrl, 'lead');
    const base = `${fixture.baseUrl}/inspections/${fixture.demoId}`;
    for (const [path, name, heading] of [
      ['/judgements', 'judgements', 'Domain one and diversity'],
      ['/team', 'team', 'Team and progress'],
      ['/quality', 'quality', 'Quality assurance'],
      ['/audit', 'audit', 'Audit trail'],
      ['/sign-off', 'sign-off', 'Sign-off'],
    ] as const) {
      await page.goto(base + path);
      await check(page, name, heading);
    }
    await page.close();
    const admin = await fixture.browser.newPage();
    await signInAs(admin, fixture.baseUrl, 'admin');
    await admin.goto(`${fixture.baseUrl}/admin/users`);
    await admin.getByRole('link', { name: /Manage Isla Inspector/ }).click();
    await check(admin, 'admin-user', 'Isla Inspector (demo)');
    await admin.close();
  });

  it('gives the second assessor a blank form and hides the first assessment', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1200, height: 900 } });
    await signInAs(page, fixture.baseUrl, 'inspector2');
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/quality`);
    await page.getByRole('link', { name: 'Case DEMO-001' }).click();
    await check(page, 'second-assessment', 'Second assessment of case DEMO-001');
    await page.getByRole('link', { name: '2.2 Assessment' }).click();
    await check(page, 'second-assessment-form', '2.2 Assessment');
    expect(await page.locator('.govuk-radios__input:checked').count()).toBe(0);
    const blocked = await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/cases/DEMO-001`);
    expect(blocked!.status()).toBe(403);
    await expect(page.locator('body').innerText()).resolves.toContain('stays hidden from you until you submit your second assessment');
    await page.close();
  });

  it('lets the lead inspector record a rating, settle what stops sign-off from the checklist, and sign the inspection off', async () => {
    // Ivo finishes his second assessment of DEMO-001, judging 2.2.1 the other way from the first assessor.
    await secondAssessCase(fixture.database.db, fixture.demoId, 'DEMO-001', ivo, ['2.2.1']);
    const page = await fixture.browser.newPage({ viewport: { width: 1200, height: 900 } });
    await signInAs(page, fixture.baseUrl, 'lead');
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/judgements`);
    await page.getByRole('link', { name: 'Evidence and rating for 1.1 Leadership' }).click();
    const leadership = page.locator('#rating-section');
    await leadership.getByLabel('Good').check();
    await leadership.getByLabel('Rationale').fill('Leaders set a clear direction; staff know the local plans.');
    await leadership.getByRole('button', { name: 'Save the rating for 1.1' }).click();
    await expect(page.locator('#rating-section').innerText()).resolves.toContain('Current rating: Good');
    await page.getByRole('link', { name: 'Sign-off' }).click();
    // The checklist: the unsettled disagreement stops sign-off, and links to where it is settled.
    await check(page, 'sign-off-blocked', 'Sign-off');
    await expect(page.locator('.govuk-task-list').innerText()).resolves.toContain('Cannot sign off yet');
    expect(await page.getByRole('button', { name: 'Sign off the ratings' }).count()).toBe(0);
    await page.getByRole('link', { name: /Case DEMO-001, 2\.2\.1: settle the disagreement/ }).click();
    expect(new URL(page.url()).hash).toBe('#choice-DEMO-001-2-2-1');
    // The link lands on the first choice of the settle form: the first assessor's judgement.
    await page.locator('#choice-DEMO-001-2-2-1').check();
    await page.locator('#reason-DEMO-001-2-2-1').fill('The case record supports the first assessor.');
    await page.getByRole('button', { name: 'Settle 2.2.1 for case DEMO-001' }).click();
    await page.getByRole('link', { name: 'Sign-off' }).click();
    expect(await page.locator('.govuk-task-list .govuk-tag').allInnerTexts()).toEqual(['Done', 'Done', 'Done', 'Done']);
    await page.getByRole('button', { name: 'Sign off the ratings' }).click();
    await check(page, 'signed-off', 'Sign-off');
    await expect(page.locator('.govuk-panel').innerText()).resolves.toContain('Signed off');
    // Locked: the judgements page no longer offers changes.
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/judgements`);
    expect(await page.getByRole('button', { name: /Save the rating/ }).count()).toBe(0);
    await page.close();
  });
});
