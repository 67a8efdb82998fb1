// Every page type in a real browser: it renders, works without JavaScript, and axe-core finds no
// WCAG 2.2 AA violations. Screenshots go to test-results/screenshots.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
beforeAll(async () => {
  fixture = await startBrowserFixture();
});
afterAll(() => fixture?.close());

const pageTypes = () => [
  { name: 'sign-in', path: '/sign-in', heading: 'Sign in' },
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
      await signInAs(page, fixture.baseUrl, 'admin');
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      for (const p of pageTypes()) {
        if (p.name === 'sign-in') await context.clearCookies();
        await page.goto(fixture.baseUrl + p.path);
        await expect(page.locator('h1').innerText()).resolves.toBe(p.heading);
        if (javaScript) {
          // Only 404 pages log their own 404; nothing else may fail or be blocked by the CSP.
          expect(problems.filter((m) => !m.includes('404'))).toEqual([]);
          expect(await axeViolations(page)).toEqual([]);
          await page.screenshot({ path: join(screenshotsDir, `${p.name}.png`), fullPage: true });
        }
        if (p.name === 'sign-in') await signInAs(page, fixture.baseUrl, 'admin');
      }
      for (const p of [{ name: 'users', path: '/admin/users', heading: 'Users' }, { name: 'add-user', path: '/admin/users/new', heading: 'Add a user' }]) {
        await page.goto(fixture.baseUrl + p.path);
        await expect(page.locator('h1').innerText()).resolves.toBe(p.heading);
        if (javaScript) {
          expect(await axeViolations(page)).toEqual([]);
          await page.screenshot({ path: join(screenshotsDir, `${p.name}.png`), fullPage: true });
        }
      }
      await context.close();
    });
  }

  it('takes a reader from the list to an inspection and on to a standard\'s explanation', async () => {
    const page = await fixture.browser.newPage();
    await signInAs(page, fixture.baseUrl, 'lead');
    await page.getByRole('link', { name: 'Leeds' }).click();
    await page.getByRole('link', { name: '2.2 Assessment' }).click();
    expect(page.url()).toContain('#standard-2.2');
    await expect(page.locator('#standard-2\\.2 + p + .govuk-inset-text').innerText()).resolves.toMatch(/set by key question 2\.2\.\d/);
    await page.close();
  });

  it('shows a service its own inspection under embargo and refuses another service\'s', async () => {
    const own = await fixture.browser.newPage();
    await signInAs(own, fixture.baseUrl, 'leeds');
    await own.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}`);
    await expect(own.getByText('embargoed until the report is published').isVisible()).resolves.toBe(true);
    await own.screenshot({ path: join(screenshotsDir, 'inspection-embargoed.png'), fullPage: true });
    const other = await fixture.browser.newPage();
    await signInAs(other, fixture.baseUrl, 'sheffield');
    const response = await other.goto(`${fixture.baseUrl}/inspections/${fixture.demoId}`);
    expect(response!.status()).toBe(404);
    await expect(other.locator('h1').innerText()).resolves.toBe('Page not found');
    await own.close();
    await other.close();
  });

  it('shows the sign-in errors in an error summary that links to the field', async () => {
    const page = await fixture.browser.newPage();
    await page.goto(`${fixture.baseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter your email address');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.govuk-error-summary a[href="#email"]').click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('email');
    await page.close();
  });

  it('lets an inspector record a standard of a case end to end, with no accessibility violations', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1200, height: 900 } });
    await signInAs(page, fixture.baseUrl, 'inspector');
    // Inspectors land on their own cases; this test starts from the inspections list.
    await expect(page.locator('h1').innerText()).resolves.toBe('Your cases');
    await page.goto(new URL('/', fixture.baseUrl).href);
    await page.getByRole('link', { name: 'Leeds' }).click();
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'cases.png'), fullPage: true });
    await page.getByRole('link', { name: 'DEMO-005' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'case-task-list.png'), fullPage: true });
    await page.getByRole('link', { name: '2.3 Planning' }).click();
    expect(await axeViolations(page)).toEqual([]);
    // Answer every question of the standard: the prompts yes, the key questions' judgements yes.
    for (const radio of await page.locator('.govuk-radios__input[value="yes"]').all()) await radio.check();
    await page.getByLabel('Evidence for 2.3.1 (optional)').fill('Planning reflected the person’s caring responsibilities.');
    await page.screenshot({ path: join(screenshotsDir, 'case-standard-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save and mark as complete' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Standard 2.3 saved');
    await expect(page.locator('#standards-3-status').innerText()).resolves.toBe('Completed');
    // Completing with an answer removed is refused, with the error linked to the question.
    await page.getByRole('link', { name: '2.3 Planning' }).click();
    await page.evaluate(() => document.querySelectorAll<HTMLInputElement>('input[name="2.3.2"]').forEach((r) => (r.checked = false)));
    await page.getByRole('button', { name: 'Save and mark as complete' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toMatch(/Answer '.+' \(key question 2\.3\.2\)/);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
