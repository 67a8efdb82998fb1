// The SFO assessment journey in Chromium, with the demonstration accounts: the SFO QA lead assigns
// the sampled review; the inspector rates it standard by standard, is stopped by the framework's
// flag on the overall rating and submits with a reason; the lead draws the second reading; the
// second reader is kept from the first reading and rates blind; the lead settles the disagreements,
// signs off and releases; the region's staff read the feedback letter and answer it with an action,
// which the lead then sees. Every page passes axe-core (WCAG 2.2 AA) and is kept as a screenshot.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSfoRegister } from '../../src/demo/generate-sfo-register.ts';
import { writeRegisterCsv } from '../../src/interchange/sfo/register-file.ts';
import { importRegister } from '../../src/services/sfo/register.ts';
import { drawSfoSample } from '../../src/services/sfo/sample.ts';
import { axeViolations, screenshotsDir, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
let sampleId: number;
const REGION = 'Yorkshire and the Humber';
const ACCOUNTS = {
  lead: ['sfo-lead@demo.inspectorate.local', 'demo-sfo-lead'],
  first: ['sfo-inspector@demo.inspectorate.local', 'demo-sfo-inspector-one'],
  second: ['sfo-inspector2@demo.inspectorate.local', 'demo-sfo-inspector-two'],
  region: ['yorkshire@demo.inspectorate.local', 'demo-region-yorkshire'],
} as const;

beforeAll(async () => {
  fixture = await startBrowserFixture();
  const db = fixture.database.db;
  await importRegister(db, { fileName: 'r.csv', format: 'csv', content: writeRegisterCsv(generateSfoRegister({ seed: 12, regions: [REGION], reviews: 3, year: 2024 })) }, 'test');
  sampleId = (await drawSfoSample(db, { periodFrom: '2024-04-01', periodTo: '2025-03-31', share: 0.2, seed: 3 }, 'test')).sample.id;
});
afterAll(() => fixture?.close());

const watch = (page: Page) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Pages refusing a form answer 400, 403 or 409, which the browser logs.
  page.on('console', (m) => m.type() === 'error' && !/status of 40[039]/.test(m.text()) && problems.push(m.text()));
  return problems;
};

async function check(page: Page, name: string, problems: string[]) {
  expect(await axeViolations(page), name).toEqual([]);
  expect(problems, name).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `sfo-assessment-${name}.png`), fullPage: true });
}

async function as(browser: Browser, who: keyof typeof ACCOUNTS) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = watch(page);
  await page.goto(`${fixture.baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(ACCOUNTS[who][0]);
  await page.getByLabel('Password').fill(ACCOUNTS[who][1]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return { context, page, problems };
}

async function rate(page: Page, ratings: string[], overall: string) {
  const names = ['Analysis of practice', 'Overall judgements', 'Learning', 'Victims and their families'];
  for (const [i, r] of ratings.entries()) {
    await page.getByRole('group', { name: `Rating of standard ${i + 1}, ${names[i]}` }).getByLabel(r, { exact: true }).check();
    await page.getByLabel(`Rationale for the rating of standard ${i + 1}`).fill(`Standard ${i + 1} is ${r.toLowerCase()}.`);
  }
  await page.getByRole('group', { name: 'Overall rating' }).getByLabel(overall, { exact: true }).check();
  await page.getByLabel('Rationale for the overall rating').fill(`Overall ${overall.toLowerCase()}.`);
}

const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText();

describe('the SFO assessment journey in Chromium', () => {
  it('runs assess, moderate, sign off, feedback and the region’s answer', async () => {
    const browser = fixture.browser;
    // The lead assigns the sampled review.
    const lead = await as(browser, 'lead');
    await lead.page.goto(`${fixture.baseUrl}/sfo/samples/${sampleId}`);
    await lead.page.getByRole('link', { name: 'Assessments of this sample' }).click();
    const reviewSelect = lead.page.getByLabel('Review not yet submitted');
    const ref = (await reviewSelect.locator('option').nth(1).getAttribute('value'))!;
    await reviewSelect.selectOption(ref);
    await lead.page.getByLabel('SFO QA inspector').selectOption({ label: 'Suki SFO Inspector (demo)' });
    await check(lead.page, 'assign', lead.problems);
    await lead.page.getByRole('button', { name: 'Assign the review' }).click();
    await expect(banner(lead.page)).resolves.toContain('Inspector assigned.');
    const assessmentHref = (await lead.page.getByRole('link', { name: ref }).getAttribute('href'))!;

    // The inspector rates it; the flag stops the submission until a reason is given.
    const first = await as(browser, 'first');
    await first.page.goto(`${fixture.baseUrl}${assessmentHref}`);
    await rate(first.page, ['Inadequate', 'Inadequate', 'Good', 'Good'], 'Good');
    await first.page.getByLabel('Learning points for the region').fill('Contact the victims at the start\nShare the analysis across the PDU');
    await first.page.getByRole('button', { name: 'Save draft' }).click();
    await expect(banner(first.page)).resolves.toContain('Draft saved.');
    await first.page.getByRole('button', { name: 'Submit the assessment' }).click();
    await expect(first.page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter why the overall rating stands despite the flags on it');
    await expect(first.page.locator('#flags').innerText()).resolves.toContain('The overall rating is Good while 2 standards are rated Inadequate');
    await check(first.page, 'flagged', first.problems);
    await first.page.getByRole('link', { name: /Enter why the overall rating stands/ }).click();
    await first.page.getByLabel(/why it stands/).fill('The two failings were contained and put right.');
    await first.page.getByRole('button', { name: 'Submit the assessment' }).click();
    await expect(banner(first.page)).resolves.toContain('Assessment submitted.');
    await check(first.page, 'submitted', first.problems);

    // The lead draws the second reading and assigns it.
    await lead.page.goto(`${fixture.baseUrl}/sfo/samples/${sampleId}/assessments`);
    await lead.page.getByLabel('Share of submitted assessments').fill('20');
    await lead.page.getByLabel('Seed').fill('11');
    await lead.page.getByRole('button', { name: 'Draw the second readings' }).click();
    await lead.page.getByLabel('Review drawn').selectOption({ label: ref });
    await lead.page.getByLabel('Second reader').selectOption({ label: 'Seb SFO Inspector (demo)' });
    await lead.page.getByRole('button', { name: 'Assign the second reader' }).click();
    await expect(banner(lead.page)).resolves.toContain('Second reader assigned.');
    await check(lead.page, 'moderation', lead.problems);

    // The second reader is kept from the first reading, and rates blind.
    const second = await as(browser, 'second');
    await second.page.goto(`${fixture.baseUrl}${assessmentHref}`);
    await expect(second.page.locator('main').innerText()).resolves.toContain('its first reading stays hidden from you until you submit your own');
    await expect(second.page.locator('main').innerText()).resolves.not.toContain('contained and put right');
    await check(second.page, 'blind', second.problems);
    await second.page.getByRole('link', { name: `Your second reading of ${ref}` }).click();
    await rate(second.page, ['Inadequate', 'Requires improvement', 'Good', 'Good'], 'Requires improvement');
    await check(second.page, 'second-reading', second.problems);
    await second.page.getByRole('button', { name: 'Submit the second reading' }).click();
    await expect(banner(second.page)).resolves.toContain('Second reading submitted.');
    await expect(second.page.getByRole('region', { name: 'First and second readings (scrolls sideways)' }).innerText()).resolves.toContain('Not settled');

    // Sign-off is refused with its blockers linked; the lead follows one and settles both.
    await lead.page.goto(`${fixture.baseUrl}/sfo/samples/${sampleId}/sign-off`);
    await lead.page.getByRole('button', { name: 'Sign off the sample' }).click();
    await expect(lead.page.locator('.govuk-error-summary').innerText()).resolves.toContain('cannot be signed off yet');
    await check(lead.page, 'sign-off-refused', lead.problems);
    await lead.page.getByRole('link', { name: `${ref}: the readings disagree on standard 2 and it is not settled` }).click();
    for (const [item, legend] of [['2', 'Settle Standard 2, Overall judgements'], ['overall', 'Settle The overall rating']] as const) {
      await lead.page.getByRole('group', { name: new RegExp(`^${legend}`) }).getByLabel('Requires improvement', { exact: true }).check();
      await lead.page.locator(`#reason-${item}`).fill('The second reading follows the review more closely.');
      await lead.page.locator(`form:has(#reason-${item})`).getByRole('button').click();
      await expect(banner(lead.page)).resolves.toContain('Disagreement settled');
    }
    await check(lead.page, 'settled', lead.problems);
    await lead.page.goto(`${fixture.baseUrl}/sfo/samples/${sampleId}/sign-off`);
    await lead.page.getByRole('button', { name: 'Sign off the sample' }).click();
    await expect(banner(lead.page)).resolves.toContain('Sample signed off.');
    await lead.page.getByRole('button', { name: 'Release the feedback to the regions' }).click();
    await expect(banner(lead.page)).resolves.toContain('Feedback released to the regions.');
    await check(lead.page, 'released', lead.problems);

    // The region's staff read the letter and answer it.
    const region = await as(browser, 'region');
    await region.page.goto(`${fixture.baseUrl}/sfo/feedback`);
    await check(region.page, 'region-list', region.problems);
    await region.page.getByRole('link', { name: ref }).click();
    const letter = await region.page.locator('main').innerText();
    expect(letter).toContain('Contact the victims at the start');
    expect(letter).toContain('Overall: Requires improvement');
    await check(region.page, 'letter', region.problems);
    await region.page.getByRole('button', { name: 'Add the action' }).click();
    await expect(region.page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter the action');
    await check(region.page, 'action-refused', region.problems);
    await region.page.getByLabel('Action', { exact: true }).fill('Brief every review author on victim contact');
    await region.page.getByLabel('Owner').fill('Head of public protection');
    const due = region.page.getByRole('group', { name: 'Due by' });
    await due.getByLabel('Day').fill('31');
    await due.getByLabel('Month').fill('3');
    await due.getByLabel('Year').fill(String(new Date().getFullYear() + 1));
    await region.page.getByRole('button', { name: 'Add the action' }).click();
    await expect(banner(region.page)).resolves.toContain('Action added.');

    // The SFO team sees the answer.
    await lead.page.goto(`${fixture.baseUrl}${assessmentHref}/letter`);
    await expect(lead.page.locator('main').innerText()).resolves.toContain('Brief every review author on victim contact');
    for (const s of [lead, first, second, region]) await s.context.close();
  }, 300_000);
});
