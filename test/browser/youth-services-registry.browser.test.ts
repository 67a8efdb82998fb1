// The registry's search by name in Chromium: a programme manager finds youth justice services by a
// former name, opens one (its nation, councils and sources) and finds it in the new inspection's
// picker under its former name. Each page passes axe-core (WCAG 2.2 AA); the search works without
// JavaScript.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;

beforeAll(async () => {
  fixture = await startBrowserFixture();
});
afterAll(() => fixture?.close());

describe('finding a youth justice service by a former name', () => {
  it('searches the registry, opens the service and offers it in the picker, with no accessibility violations', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, fixture.baseUrl, 'programme');
    await page.goto(`${fixture.baseUrl}/programme/services?q=western+bay`);
    await expect(page.locator('main').innerText()).resolves.toContain('3 services whose name, or a former name or other spelling, contains ‘western bay’');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'registry-search-former-name.png'), fullPage: true });

    await page.getByRole('link', { name: 'Swansea' }).click();
    await expect(page.locator('.govuk-summary-list').innerText()).resolves.toContain('Wales (derived from the councils it covers)');
    await expect(page.locator('main').innerText()).resolves.toContain('Western Bay Youth Justice and Early Intervention Service');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${fixture.baseUrl}/inspections/new`);
    await expect(page.locator('#youthService option', { hasText: 'Swansea (also known as Western Bay Youth Justice and Early Intervention Service)' }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 240_000); // under a shared machine's load

  it('finds a service from the form with JavaScript off', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, fixture.baseUrl, 'programme');
    await page.goto(`${fixture.baseUrl}/programme/services`);
    await page.getByLabel('Find a service by its name or a former name').fill('Cumbria Youth');
    await page.getByRole('button', { name: 'Find' }).click();
    expect(page.url()).toContain('/programme/services?q=Cumbria+Youth');
    expect(await page.getByRole('link', { name: 'Westmorland and Furness' }).count()).toBe(1);
    await context.close();
  }, 120_000);
});
