// The PDU inspection report page in Chromium: the contents list works, the chart has its text
// alternative, axe-core finds no WCAG 2.2 AA violation, with and without JavaScript; a screenshot.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
beforeAll(async () => {
  fixture = await startBrowserFixture();
});
afterAll(() => fixture?.close());

describe('the report page', () => {
  for (const javaScript of [true, false]) {
    it(`reads as a report and works with JavaScript ${javaScript ? 'on (and passes axe-core)' : 'off'}`, async () => {
      const context = await fixture.browser.newContext({ javaScriptEnabled: javaScript, viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await signInAs(page, fixture.baseUrl, 'lead');
      await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/report`);
      // The fixture's inspection is not signed off, so its report says it is provisional.
      await expect(page.locator('h1').innerText()).resolves.toMatch(/^An inspection of probation services in Leeds\s+Provisional$/);
      if (javaScript) await page.screenshot({ path: join(screenshotsDir, 'report-top.png') });
      const contents = page.getByRole('navigation', { name: 'Contents' });
      await expect(contents.getByRole('link').count()).resolves.toBe(11);
      await contents.getByRole('link', { name: 'Diversity' }).click();
      expect(new URL(page.url()).hash).toBe('#diversity');
      await expect(page.getByRole('img', { name: /Key questions: percentage of cases judged sufficient/ }).count()).resolves.toBe(1);
      await expect(page.locator('caption', { hasText: 'Ratings by standard' }).count()).resolves.toBe(1);
      await expect(page.getByText('No survey results are recorded for this inspection.').count()).resolves.toBe(1);
      // axe-core runs as script in the page, so only with JavaScript on (as in the other page tests).
      if (javaScript) {
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await page.screenshot({ path: join(screenshotsDir, 'report.png'), fullPage: true });
      }
      await context.close();
    });
  }

  it('offers the PDF as a download', async () => {
    const page = await fixture.browser.newPage();
    await signInAs(page, fixture.baseUrl, 'lead');
    await page.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}/report`);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the report as a PDF' }).click();
    expect((await download).suggestedFilename()).toMatch(/^inspection-report-leeds.*\.pdf$/);
    await page.close();
  });
});
