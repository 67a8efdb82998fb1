// Every page type in a real browser: it renders, works without JavaScript, and axe-core finds no
// WCAG 2.2 AA violations. Screenshots go to test-results/screenshots.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, screenshotsDir, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
beforeAll(async () => {
  fixture = await startBrowserFixture();
});
afterAll(() => fixture?.close());

const pageTypes = () => [
  { name: 'inspections', path: '/', heading: 'Inspections' },
  { name: 'inspection-ratings', path: `/inspections/${fixture.demoId}`, heading: 'Demonstration inspection: Leeds PDU (generated cases)' },
  { name: 'not-found', path: '/inspections/999999', heading: 'Page not found' },
];

describe('pages in Chromium', () => {
  it('the accessibility check does find violations when there are some', async () => {
    const page = await fixture.browser.newPage();
    await page.setContent('<html lang="en"><head><title>Test</title></head><body><main><img src="x.png"><a href="/"></a></main></body></html>');
    expect((await axeViolations(page)).map((v) => v.id).sort()).toEqual(['image-alt', 'link-name']);
    await page.close();
  });

  for (const javaScript of [true, false]) {
    it(`render with JavaScript ${javaScript ? 'on' : 'off'} and pass axe-core`, async () => {
      const context = await fixture.browser.newContext({ javaScriptEnabled: javaScript, viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      for (const p of pageTypes()) {
        await page.goto(fixture.baseUrl + p.path);
        await expect(page.locator('h1').innerText()).resolves.toBe(p.heading);
        if (javaScript) {
          // Only 404 pages log their own 404; nothing else may fail or be blocked by the CSP.
          expect(problems.filter((m) => !m.includes('404'))).toEqual([]);
          expect(await axeViolations(page)).toEqual([]);
          await page.screenshot({ path: join(screenshotsDir, `${p.name}.png`), fullPage: true });
        }
      }
      await context.close();
    });
  }

  it('takes a reader from the list to an inspection and on to a standard\'s explanation', async () => {
    const page = await fixture.browser.newPage();
    await page.goto(fixture.baseUrl);
    await page.getByRole('link', { name: 'Leeds' }).click();
    await page.getByRole('link', { name: '2.2 Assessment' }).click();
    expect(page.url()).toContain('#standard-2.2');
    await expect(page.locator('#standard-2\\.2 + p + .govuk-inset-text').innerText()).resolves.toMatch(/set by key question 2\.2\.\d/);
    await page.close();
  });
});
