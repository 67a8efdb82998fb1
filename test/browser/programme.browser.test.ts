// The inspection programme's pages in Chromium: a programme manager plans a cycle, moves an
// inspection, selects youth justice services, starts a year with topics and reads the consultation;
// an administrator records intelligence. Every page type passes axe-core (WCAG 2.2 AA) and is
// saved as a screenshot; the forms work with JavaScript off.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;

/** Types a date into the GOV.UK date input (Day, Month, Year) in the group of that name. */
async function fillDate(scope: Page | Locator, name: string, day: string, month: string, year: string): Promise<void> {
  const group = scope.getByRole('group', { name });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}
beforeAll(async () => {
  fixture = await startBrowserFixture();
});
afterAll(() => fixture?.close());

/** No axe violations, no script errors, and a screenshot under the page type's name. */
async function check(page: Page, name: string, problems: string[]) {
  expect(await axeViolations(page), name).toEqual([]);
  // A form with errors answers 400, which the browser logs; nothing else may fail.
  expect(problems.filter((m) => !m.includes('404') && !m.includes('status of 400')), name).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `programme-${name}.png`), fullPage: true });
}

describe('the programme in Chromium', () => {
  it('takes a programme manager through every page type with no accessibility violations', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await signInAs(page, fixture.baseUrl, 'programme');

    await page.getByRole('link', { name: 'Programme', exact: true }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Inspection programme');
    await check(page, 'overview', problems);

    // A cycle: a mistake first, then the plan.
    await page.getByRole('button', { name: 'Plan a PDU inspection cycle' }).click();
    await check(page, 'cycle-new', problems);
    await fillDate(page, 'First day of the cycle', '31', '4', '2027');
    await page.getByRole('button', { name: 'Plan the cycle' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('The first day of the cycle must be a real date');
    await fillDate(page, 'First day of the cycle', '6', '4', '2027');
    await page.getByRole('button', { name: 'Plan the cycle' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('The first day of the cycle must be a Monday');
    await check(page, 'cycle-new-error', problems);
    // The summary's link takes the reader to the day.
    await page.locator('.govuk-error-summary').getByRole('link', { name: 'The first day of the cycle must be a Monday' }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('start-day');
    await fillDate(page, 'First day of the cycle', '5', '4', '2027');
    await page.getByRole('button', { name: 'Plan the cycle' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Planned');
    await expect(page.locator('#unmet').innerText()).resolves.toContain('Yearly capacity');
    await check(page, 'cycle-calendar', problems);

    await page.getByRole('link', { name: 'Year 2:' }).click();
    await expect(page.locator('caption', { hasText: 'bookings by week' }).innerText()).resolves.toContain('Year 2');

    await page.getByRole('link', { name: 'Yorkshire and the Humber', exact: true }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Yorkshire and the Humber');
    await check(page, 'region', problems);
    await page.goBack();

    // Each booking's "Move or pin" link leads here; Leeds may fall in any year, so go straight to it.
    const cycleUrl = page.url().split('?')[0]!;
    await page.goto(`${cycleUrl}/move?booking=${encodeURIComponent('inspection|Leeds')}`);
    await check(page, 'move', problems);
    await page.getByLabel('Team').selectOption('Team 2');
    await page.getByRole('button', { name: 'Pin to this week and re-plan' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain("Pinned Leeds's cycle inspection");

    await page.getByRole('link', { name: 'Change planning inputs, exclusions and pins' }).click();
    await check(page, 'cycle-settings', problems);
    // An exclusion: a team away for two weeks, its last day forgotten first.
    const exclusion = page.locator('form', { has: page.getByRole('button', { name: 'Add the exclusion and re-plan' }) });
    await exclusion.getByLabel('Team (if a team)').selectOption('Team 3');
    await fillDate(exclusion, 'First day away', '3', '5', '2027');
    await exclusion.getByLabel('Reason').fill('Training');
    await exclusion.getByRole('button', { name: 'Add the exclusion and re-plan' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Give the first and last day the team is away');
    await check(page, 'cycle-exclusion-error', problems);
    await fillDate(page.locator('form', { has: page.getByRole('button', { name: 'Add the exclusion and re-plan' }) }), 'Last day away', '16', '5', '2027');
    await page.getByRole('button', { name: 'Add the exclusion and re-plan' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Team 3');

    // The registry and a service's history.
    await page.goto(`${fixture.baseUrl}/programme/services`);
    await check(page, 'registry', problems);
    await page.getByRole('link', { name: 'Stockport and Tameside' }).click();
    expect(await page.getByText('Names over time').count()).toBeGreaterThan(0);
    await check(page, 'service', problems);

    // Youth justice services.
    await page.goto(`${fixture.baseUrl}/programme/youth`);
    await check(page, 'youth', problems);
    await fillDate(page, 'Score as of', '1', '4', '2027');
    await page.getByRole('button', { name: 'Score again' }).click();
    await expect(page.locator('caption', { hasText: 'ranked by risk score' }).innerText()).resolves.toContain('as of 1 Apr 2027');
    await fillDate(page, 'First day of the programme year', '1', '4', '2027');
    await page.getByLabel('Seed of the random draw').fill('2027');
    await page.getByRole('button', { name: 'Make and store the selection' }).click();
    await expect(page.locator('h1').innerText()).resolves.toMatch(/^Youth justice services from/);
    await check(page, 'youth-selection', problems);

    // A programme year, a topic and the consultation.
    await page.goto(`${fixture.baseUrl}/programme/years/new`);
    await check(page, 'year-new', problems);
    await page.getByLabel('Programme year').fill('2027/28');
    await fillDate(page, 'First day of the programme year', '1', '4', '2027');
    await fillDate(page, 'Date the consultation closes (optional)', '26', '2', '2027');
    await page.getByLabel('PDU cycle the year\'s PDU inspections come from').selectOption({ index: 1 });
    await page.getByLabel('Youth justice selection for the year').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Start the year' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Programme year 2027/28');
    await page.getByRole('button', { name: 'Add a topic' }).click();
    await check(page, 'topic', problems);
    await page.getByLabel('Topic', { exact: true }).fill('Domestic abuse');
    await page.getByLabel('Thematic inspection with fieldwork').check();
    await page.getByLabel('Has this been identified as an ongoing area of weakness/concern in our core inspections?').selectOption('3');
    await page.getByRole('button', { name: 'Save the topic' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Programme year 2027/28');
    await expect(page.getByText('Ranked 1 of 1 thematic topics').innerText()).resolves.toContain('Fitted');
    await check(page, 'year', problems);

    await page.getByRole('link', { name: 'The consultation on the 2027/28 programme' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Consultation on our inspection programme 2027/2028');
    await check(page, 'consultation', problems);
    await page.getByRole('link', { name: 'Change the questions' }).click();
    await check(page, 'questions', problems);
    await page.goto(`${fixture.baseUrl}/programme/years/1/consultation/responses`);
    await page.getByLabel('Question answered').selectOption({ index: 1 });
    await page.getByLabel('Response', { exact: true }).fill('We agree with the programme.');
    await page.getByRole('button', { name: 'Record the response' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The response was recorded.');
    await check(page, 'responses', problems);
    await context.close();
  }, 240_000); // the whole walk, under a shared machine's load

  it('lets an administrator record a service\'s intelligence, with errors linked to the field', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1200, height: 900 } });
    await signInAs(page, fixture.baseUrl, 'admin');
    await page.goto(`${fixture.baseUrl}/programme/services`);
    await page.getByRole('link', { name: 'Barnsley', exact: true }).last().click();
    await page.getByLabel('Performance: published indicators worse than national').fill('140');
    await page.getByRole('button', { name: 'Save the intelligence' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Performance must be a percentage from 0 to 100');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'programme-service-admin-error.png'), fullPage: true });
    await page.getByLabel('Performance: published indicators worse than national').fill('40');
    await page.getByLabel('Concerns raised in the past year').fill('2');
    await page.getByRole('button', { name: 'Save the intelligence' }).click();
    await expect(page.locator('h2', { hasText: 'Risk score' }).innerText()).resolves.toMatch(/^Risk score: \d+\.\d as of/);
    await page.close();
  });

  it('works without JavaScript: a cycle planned and an inspection moved by plain forms', async () => {
    const context = await fixture.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, fixture.baseUrl, 'programme');
    await page.goto(`${fixture.baseUrl}/programme/cycles/new`);
    await fillDate(page, 'First day of the cycle', '3', '4', '2028');
    await page.getByLabel('PDU inspections a year').fill('80');
    await page.getByRole('button', { name: 'Plan the cycle' }).click();
    await expect(page.locator('#unmet').innerText()).resolves.toContain('Every planning rule is met');
    const moveLink = page.getByRole('link', { name: /^Move or pin .*: cycle inspection$/ }).first();
    const label = (await moveLink.innerText()).replace(/^Move or pin\s*/, '').trim();
    await moveLink.click();
    await expect(page.locator('h1').innerText()).resolves.toBe(`Move or pin: ${label}`);
    await page.getByLabel('Week beginning').selectOption({ index: 10 });
    await page.getByRole('button', { name: 'Pin to this week and re-plan' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toMatch(new RegExp(`(Moved and pinned|Pinned) ${label.replace(/: cycle inspection$/, '')}'s cycle inspection`));
    await context.close();
  });
});
