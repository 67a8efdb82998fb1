// A youth inspection's case sample in Chromium: the lead inspector uploads the court disposals and
// then the out-of-court disposals as a file each (the kind chosen with radios, keyboard and axe
// checked), and the page shows each kind's caseload, eligible cases and sample, and each case's
// kind. Screenshots go to test-results/screenshots (sample-pools-*.png).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setInspectionMember, type Inspection } from '../../src/db/repositories/index.ts';
import { createInspection } from '../../src/services/inspections.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
let inspection: Inspection;

beforeAll(async () => {
  fixture = await startBrowserFixture();
  const db = fixture.database.db;
  inspection = await createInspection(db, { pduName: 'Leeds', frameworkKey: 'hmip-youth@2021', fieldworkStart: '2026-10-05', title: 'Youth sample in the browser: Leeds' }, 'test');
  const lead = await db.selectFrom('app_user').select('id').where('email', '=', 'lead@demo.inspectorate.local').executeTakeFirstOrThrow();
  await setInspectionMember(db, inspection.id, lead.id, 'lead-inspector');
});
afterAll(() => fixture?.close());

// Window: Monday 30 March to Sunday 12 April 2026.
const COURT = ['Case reference,Case manager,Date the disposal began,RoSH', 'C001,Sam Patel,31/03/2026,Low', 'C002,Jo Bloggs,02/04/2026,High', 'C003,Sam Patel,01/01/2026,Medium'].join('\n');
const OUT_OF_COURT = ['Case reference,Case manager,Date the disposal began', 'O001,Al Khan,06/04/2026', 'O002,Al Khan,20/02/2026'].join('\n');

async function uploadAs(page: Page, kind: string, name: string, csv: string): Promise<void> {
  await page.getByLabel(kind, { exact: true }).check();
  await page.setInputFiles('#caseload', { name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Upload the caseload' }).click();
}

describe('a youth inspection\'s case sample in Chromium', () => {
  it('takes the court and out-of-court caseloads as a file each and shows each kind\'s counts', async () => {
    const problems: string[] = [];
    const page = await fixture.browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (e) => problems.push(e.message));
    await signInAs(page, fixture.baseUrl, 'lead');
    await page.goto(`${fixture.baseUrl}/inspections/${inspection.id}/sample`);
    expect(await axeViolations(page)).toEqual([]);
    await uploadAs(page, 'Court disposals only', 'court.csv', COURT);
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Caseload uploaded: 3 cases');
    await uploadAs(page, 'Out-of-court disposals only', 'out-of-court.csv', OUT_OF_COURT);
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Caseload uploaded: 2 cases');
    const table = page.locator('table', { has: page.locator('caption', { hasText: 'Each kind of case' }) });
    await expect(table.locator('tbody tr').nth(0).innerText()).resolves.toMatch(/Court disposals\s+3\s+2\s+2\s+Not confirmed \/ Not confirmed/);
    await expect(table.locator('tbody tr').nth(1).innerText()).resolves.toMatch(/Out-of-court disposals\s+2\s+1\s+1/);
    const cases = page.locator('table', { has: page.locator('caption', { hasText: 'Cases in the sample' }) });
    await expect(cases.innerText()).resolves.toMatch(/Out of court/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'sample-pools-youth.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
