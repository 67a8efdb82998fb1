// Every role's main pages on a 320 px wide screen (WCAG 1.4.10 Reflow): the page never scrolls
// sideways (wide tables scroll inside their own labelled region instead), and axe-core finds no
// WCAG 2.2 AA violation. Screenshots go to test-results/screenshots/narrow-*.png.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
beforeAll(async () => {
  fixture = await startBrowserFixture();
});
afterAll(() => fixture?.close());

const WIDTH = 320;

/** The main pages each demonstration account works in (the demonstration inspection's among them). */
const pagesFor = (id: number): Record<string, string[]> => ({
  admin: ['/', '/admin/users', '/admin/users/new', '/admin/outbox', '/admin/sms-outbox', '/admin/audit'],
  programme: ['/', '/programme', '/programme/services', '/programme/youth', '/inspections/new', `/inspections/${id}`, `/inspections/${id}/team`],
  analyst: ['/', '/national', '/public/ratings', '/public', '/public/data'],
  lead: [
    `/inspections/${id}`,
    `/inspections/${id}/cases`,
    `/inspections/${id}/cases/DEMO-001`,
    `/inspections/${id}/cases/DEMO-001/standards/2.1`,
    `/inspections/${id}/domain-one/1.1`,
    `/inspections/${id}/sample`,
    `/inspections/${id}/survey`,
    `/inspections/${id}/quality`,
    `/inspections/${id}/team`,
    `/inspections/${id}/action-plan`,
    `/inspections/${id}/sign-off`,
    `/inspections/${id}/audit`,
    `/inspections/${id}/publication`,
    `/inspections/${id}/report`,
    `/inspections/${id}/report-writing`,
  ],
  inspector: ['/', `/inspections/${id}/cases`, `/inspections/${id}/cases/DEMO-002`],
  leeds: ['/', `/inspections/${id}/sample`, `/inspections/${id}/survey`],
});

describe('pages on a 320 px wide screen', () => {
  for (const who of ['admin', 'programme', 'analyst', 'lead', 'inspector', 'leeds'])
    it(`fit the width and pass axe-core for ${who}`, async () => {
      const context = await fixture.browser.newContext({ viewport: { width: WIDTH, height: 800 } });
      const page = await context.newPage();
      await signInAs(page, fixture.baseUrl, who);
      const failures: { path: string; status?: number; scrollWidth?: number; axe?: string[] }[] = [];
      for (const path of pagesFor(fixture.demoId)[who]!) {
        const response = await page.goto(fixture.baseUrl + path);
        if (!response || response.status() >= 400) {
          failures.push({ path, status: response?.status() });
          continue;
        }
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        const violations = await axeViolations(page);
        if (scrollWidth > WIDTH || violations.length) failures.push({ path, scrollWidth, axe: violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).join(', ')}`) });
        await page.screenshot({ path: join(screenshotsDir, `narrow-${who}${path.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}.png`), fullPage: true });
      }
      expect(failures).toEqual([]);
      await context.close();
    });
});
