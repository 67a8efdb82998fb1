// The publication workflow and the embargo in Chromium, end to end through the real pages as each
// person would use them: the lead inspector writes the report's text and a recommendation, signs
// the inspection off and sends the draft to Leeds PDU for factual accuracy; Leeds staff read it and
// comment, while Sheffield staff cannot find it; the lead accepts one comment and rejects the other
// with reasons, names a recipient of the embargoed copy and embargoes the report to a date ahead;
// until then the public pages, the open data and an anonymous visitor show nothing of it; on the
// day it is published, with its ratings, on the public pages and in the open data. axe-core checks
// every page visited. Screenshots go to test-results/screenshots.
import { join } from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { govukDate } from '../../src/presenters/govuk-dates.ts';
import { rateStoredInspection } from '../../src/services/inspections.ts';
import { axeViolations, screenshotsDir, signInAs, startBrowserFixture, type BrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
const contexts: BrowserContext[] = [];
const problems: string[] = [];
let lead: Page;
let leeds: Page;
let sheffield: Page;
let visitor: Page;

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const FINDINGS = 'Leeds PDU keeps people safe in most cases, but its planning to manage risk of harm is not good enough.';
const FOREWORD = 'We inspected Leeds PDU over a week of fieldwork.';
const RECOMMENDATION = 'Make sure every plan to manage risk of harm names the actions that keep victims safe.';
const COMMENT_ACCEPTED = { section: 'Overall findings, paragraph 1', comment: 'The PDU has 61 staff, not 56, since September.' };
const COMMENT_REJECTED = { section: 'Standard 2.3 Planning', comment: 'Planning should be rated Good: our own audit found better plans.' };

/** A signed-in person's page (or an anonymous visitor's), collecting page and console errors but the browser's notes of the refusals the test expects. */
async function personPage(who?: string): Promise<Page> {
  const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${who ?? 'visitor'}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !/status of 40[034]/.test(m.text()) && problems.push(`${who ?? 'visitor'}: ${m.text()}`));
  if (who) await signInAs(page, fixture.baseUrl, who);
  return page;
}

/** The page has this h1, passes axe-core, and is kept as a screenshot. */
async function check(page: Page, name: string, heading: string | RegExp): Promise<void> {
  await expect(page.locator('h1').innerText()).resolves.toMatch(heading);
  expect(await axeViolations(page), `axe-core on ${name}`).toEqual([]);
  await page.screenshot({ path: join(screenshotsDir, `publication-${name}.png`), fullPage: true });
}

const url = (path: string) => fixture.baseUrl + path;
const inspectionPath = () => `/inspections/${fixture.demoId}`;
const main = (page: Page) => page.locator('main').innerText();
const statusOf = async (page: Page) => (await page.locator('.govuk-summary-list__row', { hasText: 'Status' }).locator('dd').innerText()).trim();

/** The part of the publication page about one factual accuracy comment (its heading names the part of the report). */
const commentBlock = (page: Page, section: string) => page.locator('div', { has: page.getByRole('heading', { name: `On ${section}` }) }).last();

/** Everything the public can fetch about inspections: the pages and the open data. */
async function publicMaterial(request: APIRequestContext) {
  const text = async (path: string) => {
    const res = await request.get(url(path));
    expect(res.status(), path).toBe(200);
    return res.text();
  };
  return {
    ratingsJson: JSON.parse(await text('/public/data/ratings.json')) as { licence: string; ratings: { inspection_id: number; pdu: string; standard: string; rating: string; published_on: string }[] },
    keyQuestionsJson: JSON.parse(await text('/public/data/key-questions.json')) as { keyQuestions: { inspection_id: number }[] },
    ratingsCsv: await text('/public/data/ratings.csv'),
    keyQuestionsCsv: await text('/public/data/key-questions.csv'),
  };
}
/** The CSV's records for the inspection (inspection_id is the first column). */
const csvRowsOf = (csv: string, id: number) => csv.split('\n').filter((line) => line.startsWith(`${id},`));

beforeAll(async () => {
  fixture = await startBrowserFixture();
  [lead, leeds, sheffield, visitor] = await Promise.all([personPage('lead'), personPage('leeds'), personPage('sheffield'), personPage()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await fixture?.close();
});

describe('publishing the Leeds report', () => {
  it('keeps the draft from Leeds staff while the lead inspector writes it', async () => {
    await leeds.goto(url(inspectionPath()));
    await check(leeds, 'service-before', /Leeds/);
    await expect(main(leeds)).resolves.toContain("The inspection's findings and ratings are embargoed until the report is published.");
    expect((await leeds.goto(url(`${inspectionPath()}/publication`)))!.status()).toBe(403);
    await check(leeds, 'service-before-refused', 'You do not have access to this page');
    expect((await leeds.goto(url(`${inspectionPath()}/report`)))!.status()).toBe(403);
  });

  it('lets the lead inspector write the text and a recommendation, and says what must happen before the draft can go', async () => {
    await lead.goto(url(inspectionPath()));
    await lead.getByRole('link', { name: 'Publication', exact: true }).click();
    await check(lead, 'draft', 'Report and publication');
    expect(await statusOf(lead)).toBe('Draft');
    for (const blocker of ['Sign the inspection’s ratings off first', 'Write the overall findings', 'Add at least one recommendation']) await expect(main(lead)).resolves.toContain(blocker);

    await lead.getByLabel('Foreword').fill(FOREWORD);
    await lead.getByLabel('Overall findings').fill(FINDINGS);
    await lead.getByRole('button', { name: 'Save the text' }).click();
    await check(lead, 'text-saved', 'Report and publication');
    await expect(lead.getByLabel('Overall findings').inputValue()).resolves.toBe(FINDINGS);

    // A recommendation without its text is refused, with the error summary pointing at the field.
    await lead.getByRole('group', { name: 'Addressed to' }).getByLabel('The PDU').check();
    await lead.getByRole('button', { name: 'Add the recommendation' }).click();
    await expect(lead.locator('.govuk-error-summary').innerText()).resolves.toContain('Write the recommendation');
    await check(lead, 'recommendation-error', 'Report and publication');
    await lead.getByRole('group', { name: 'Addressed to' }).getByLabel('The PDU').check();
    await lead.getByLabel('Recommendation', { exact: true }).fill(RECOMMENDATION);
    await lead.getByRole('button', { name: 'Add the recommendation' }).click();
    await check(lead, 'recommendation-added', 'Report and publication');
    await expect(lead.getByRole('list').filter({ hasText: RECOMMENDATION }).innerText()).resolves.toContain(`The PDU: ${RECOMMENDATION}`);
    const main1 = await main(lead);
    expect(main1).toContain('Sign the inspection’s ratings off first');
    expect(main1).not.toContain('Write the overall findings');
    expect(main1).not.toContain('Add at least one recommendation');

    // Not yet signed off: the draft cannot go.
    await lead.getByRole('button', { name: 'Send the draft to the service for factual accuracy checking' }).click();
    await expect(lead.locator('.govuk-error-summary').innerText()).resolves.toContain('Sign the inspection’s ratings off first');
    await check(lead, 'send-refused', /Report and publication/);
    expect(await statusOf(lead)).toBe('Draft');
  });

  it('sends the draft for factual accuracy once the lead inspector has signed the ratings off', async () => {
    await lead.getByRole('link', { name: 'Sign-off', exact: true }).click();
    await check(lead, 'sign-off', 'Sign-off');
    await lead.getByRole('button', { name: 'Sign off the ratings' }).click();
    await expect(lead.locator('.govuk-panel').innerText()).resolves.toContain('Signed off');
    await check(lead, 'signed-off', 'Sign-off');

    await lead.getByRole('link', { name: 'Publication', exact: true }).click();
    await expect(main(lead)).resolves.not.toContain('Before the report can move on');
    await lead.getByRole('button', { name: 'Send the draft to the service for factual accuracy checking' }).click();
    await check(lead, 'factual-accuracy', 'Report and publication');
    expect(await statusOf(lead)).toBe('Factual accuracy check');
    await expect(lead.getByRole('button', { name: 'Embargo the report for publication' }).count()).resolves.toBe(1);
  });

  it('shows Leeds staff the draft, who comment on its factual accuracy', async () => {
    await leeds.goto(url(inspectionPath()));
    await leeds.getByRole('link', { name: 'Report', exact: true }).click();
    await check(leeds, 'service-report', 'An inspection of probation services in Leeds');
    await expect(main(leeds)).resolves.toContain(FINDINGS);
    await expect(main(leeds)).resolves.toContain(RECOMMENDATION);

    await leeds.getByRole('link', { name: 'Publication', exact: true }).click();
    await check(leeds, 'service-publication', 'Report and publication');
    await expect(main(leeds)).resolves.toContain(FINDINGS);
    // The service reads the text; only the lead inspector changes it.
    await expect(leeds.getByRole('button', { name: 'Save the text' }).count()).resolves.toBe(0);

    await leeds.getByRole('button', { name: 'Send the comment' }).click();
    await expect(leeds.locator('.govuk-error-summary').innerText()).resolves.toContain('Say which part of the report the comment is about');
    await check(leeds, 'service-comment-error', /Report and publication/);
    for (const c of [COMMENT_ACCEPTED, COMMENT_REJECTED]) {
      await leeds.getByLabel('Which part of the report').fill(c.section);
      await leeds.getByLabel('Your comment on its factual accuracy').fill(c.comment);
      await leeds.getByRole('button', { name: 'Send the comment' }).click();
      await check(leeds, 'service-commented', 'Report and publication');
      await expect(commentBlock(leeds, c.section).innerText()).resolves.toContain(c.comment);
    }
    await expect(commentBlock(leeds, COMMENT_REJECTED.section).innerText()).resolves.toContain("Awaiting the lead inspector's decision.");
  });

  it('keeps it from staff of another PDU, to whom the inspection does not exist', async () => {
    for (const path of ['', '/publication', '/report']) {
      const res = await sheffield.goto(url(inspectionPath() + path));
      expect(res!.status(), path).toBe(404);
      await check(sheffield, 'other-service', 'Page not found');
      await expect(main(sheffield)).resolves.not.toContain(FINDINGS);
    }
    await sheffield.goto(url('/'));
    await check(sheffield, 'other-service-list', 'Inspections');
    await expect(sheffield.locator(`a[href="${inspectionPath()}"]`).count()).resolves.toBe(0);
  });

  it('has the lead inspector accept one comment and reject the other, each with a reason', async () => {
    await lead.reload();
    await check(lead, 'comments', 'Report and publication');
    // Undecided comments stop the embargo.
    await expect(main(lead)).resolves.toContain('Accept or reject every factual accuracy comment (2 undecided)');

    const accepted = commentBlock(lead, COMMENT_ACCEPTED.section);
    await accepted.getByRole('group', { name: 'Decision' }).getByLabel('Accept').check();
    await accepted.getByLabel('Reason').fill('Staff numbers corrected in the overall findings.');
    await accepted.getByRole('button', { name: 'Record the decision' }).click();
    await check(lead, 'comment-accepted', 'Report and publication');
    await expect(commentBlock(lead, COMMENT_ACCEPTED.section).innerText()).resolves.toContain('Accepted: Staff numbers corrected in the overall findings.');

    // A rejection needs its reason.
    const rejected = commentBlock(lead, COMMENT_REJECTED.section);
    await rejected.getByRole('group', { name: 'Decision' }).getByLabel('Reject').check();
    await rejected.getByRole('button', { name: 'Record the decision' }).click();
    await expect(lead.locator('.govuk-error-summary').innerText()).resolves.toContain('Give the reason for the decision');
    await check(lead, 'comment-reason-missing', /Report and publication/);
    const again = commentBlock(lead, COMMENT_REJECTED.section);
    await again.getByRole('group', { name: 'Decision' }).getByLabel('Reject').check();
    await again.getByLabel('Reason').fill('The rating follows the case findings: 58% of plans were sufficient.');
    await again.getByRole('button', { name: 'Record the decision' }).click();
    await check(lead, 'comment-rejected', 'Report and publication');
    await expect(commentBlock(lead, COMMENT_REJECTED.section).innerText()).resolves.toContain('Rejected: The rating follows the case findings: 58% of plans were sufficient.');

    // The accepted comment is put right in the text while it can still change.
    await lead.getByLabel('Overall findings').fill(`${FINDINGS} It has 61 staff.`);
    await lead.getByRole('button', { name: 'Save the text' }).click();
    await check(lead, 'text-corrected', 'Report and publication');

    // Leeds staff see the decisions and reasons.
    await leeds.reload();
    await expect(main(leeds)).resolves.toContain('Rejected: The rating follows the case findings: 58% of plans were sufficient.');
    await check(leeds, 'service-decisions', 'Report and publication');
  });

  it('embargoes the report with a named recipient and a publication date ahead', async () => {
    const fillPublicationDate = async (iso: string) => {
      const group = lead.getByRole('group', { name: 'Publication date' });
      await group.getByLabel('Day').fill(String(Number(iso.slice(8, 10))));
      await group.getByLabel('Month').fill(String(Number(iso.slice(5, 7))));
      await group.getByLabel('Year').fill(iso.slice(0, 4));
    };
    // Without a recipient the embargo is refused.
    await fillPublicationDate(isoDay(7));
    await lead.getByRole('button', { name: 'Embargo the report for publication' }).click();
    await expect(lead.locator('.govuk-error-summary').innerText()).resolves.toContain('Name at least one recipient of the embargoed copy');
    await check(lead, 'embargo-refused', /Report and publication/);

    await lead.getByLabel('Name', { exact: true }).fill('Regional Probation Director');
    await lead.getByLabel('Email address').fill('rpd@justice.example');
    await lead.getByLabel('Organisation').fill('Yorkshire and the Humber probation region');
    await lead.getByRole('button', { name: 'Add the recipient' }).click();
    await check(lead, 'recipient-added', 'Report and publication');
    await expect(lead.getByRole('table', { name: 'Recipients' }).innerText()).resolves.toContain('rpd@justice.example');

    // Today will not do: the embargo must mean something.
    await fillPublicationDate(isoDay(0));
    await lead.getByRole('button', { name: 'Embargo the report for publication' }).click();
    await expect(lead.locator('.govuk-error-summary').innerText()).resolves.toContain('The publication date must be after today');
    await check(lead, 'embargo-today-refused', /Report and publication/);

    await fillPublicationDate(isoDay(1));
    await lead.getByRole('button', { name: 'Embargo the report for publication' }).click();
    await check(lead, 'embargoed', 'Report and publication');
    expect(await statusOf(lead)).toBe('Embargoed');
    // Shown as people read dates ("6 December 2026").
    await expect(main(lead)).resolves.toContain(govukDate(isoDay(1)));
    // The text is fixed now.
    await expect(lead.getByRole('button', { name: 'Save the text' }).count()).resolves.toBe(0);
    await expect(lead.getByRole('button', { name: 'Withdraw the embargo' }).count()).resolves.toBe(1);
  });

  it('shows nothing of the embargoed report on the public pages, in the open data or to an anonymous visitor', async () => {
    await visitor.goto(url('/public'));
    await check(visitor, 'public-embargoed', 'Published inspections');
    await expect(visitor.locator(`a[href="/public/inspections/${fixture.demoId}"]`).count()).resolves.toBe(0);
    await expect(main(visitor)).resolves.not.toContain(FINDINGS);

    expect((await visitor.goto(url(`/public/inspections/${fixture.demoId}`)))!.status()).toBe(404);
    await check(visitor, 'public-inspection-embargoed', 'Page not found');

    await visitor.goto(url('/public/data'));
    await check(visitor, 'public-data', 'Open data');
    const data = await publicMaterial(visitor.context().request);
    expect(data.ratingsJson.ratings.filter((r) => r.inspection_id === fixture.demoId)).toEqual([]);
    expect(data.keyQuestionsJson.keyQuestions.filter((k) => k.inspection_id === fixture.demoId)).toEqual([]);
    expect(csvRowsOf(data.ratingsCsv, fixture.demoId)).toEqual([]);
    expect(csvRowsOf(data.keyQuestionsCsv, fixture.demoId)).toEqual([]);

    // The inspectorate's own pages need signing in, and give nothing away before it.
    for (const path of [inspectionPath(), `${inspectionPath()}/report`, `${inspectionPath()}/publication`]) {
      await visitor.goto(url(path));
      expect(new URL(visitor.url()).pathname).toBe('/sign-in');
      await check(visitor, 'visitor-sign-in', 'Sign in');
      await expect(main(visitor)).resolves.not.toContain(FINDINGS);
    }

    // Leeds has its embargoed copy; Sheffield still cannot find it.
    await leeds.reload();
    expect(await statusOf(leeds)).toBe('Embargoed');
    await check(leeds, 'service-embargoed', 'Report and publication');
    expect((await sheffield.goto(url(`${inspectionPath()}/report`)))!.status()).toBe(404);
  });

  it('publishes on the day set, with its ratings on the public pages and in the open data', async () => {
    // The publication date comes: nobody presses a button on the day.
    await fixture.database.db.updateTable('report').set({ publish_on: isoDay(0) }).where('inspection_id', '=', fixture.demoId).execute();
    const { ratings } = await rateStoredInspection(fixture.database.db, fixture.demoId);
    const overall = ratings.overall.rating!;
    expect(overall).toBeTruthy();

    await lead.reload();
    expect(await statusOf(lead)).toBe('Published');
    await expect(main(lead)).resolves.toContain('The report is published.');
    await check(lead, 'published', 'Report and publication');

    await visitor.goto(url('/public'));
    await check(visitor, 'public-published', 'Published inspections');
    const row = visitor.getByRole('row').filter({ has: visitor.locator(`a[href="/public/inspections/${fixture.demoId}"]`) });
    await expect(row.count()).resolves.toBe(1);
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.map((c) => c.trim()).slice(1)).toEqual([govukDate(isoDay(0)), overall]);
    await row.getByRole('link', { name: 'Leeds' }).click();

    await check(visitor, 'public-inspection', /Leeds/);
    expect(new URL(visitor.url()).pathname).toBe(`/public/inspections/${fixture.demoId}`);
    await expect(main(visitor)).resolves.toContain(`${FINDINGS} It has 61 staff.`);
    // The full report: the rating among the facts at the top, its points in the ratings section.
    await expect(visitor.locator('.govuk-summary-list__row', { hasText: 'Overall rating' }).locator('dd').innerText()).resolves.toBe(overall);
    await expect(main(visitor)).resolves.toMatch(new RegExp(`Overall: ${overall} \\d+ of \\d+ points\\.`));
    const standards = visitor.getByRole('table', { name: 'Ratings by standard' });
    for (const s of ratings.standards.filter((x) => x.treatment === 'rated')) {
      await expect(standards.getByRole('row').filter({ hasText: `${s.id} ${s.name}` }).innerText()).resolves.toContain(s.rating!);
    }

    const data = await publicMaterial(visitor.context().request);
    expect(data.ratingsJson.licence).toContain('Open Government Licence');
    const ours = data.ratingsJson.ratings.filter((r) => r.inspection_id === fixture.demoId);
    expect(ours.map((r) => r.standard)).toEqual([...ratings.standards.filter((s) => s.treatment === 'rated').map((s) => s.id), 'overall']);
    expect(ours.find((r) => r.standard === 'overall')).toMatchObject({ pdu: 'Leeds', rating: overall, published_on: isoDay(0) });
    expect(csvRowsOf(data.ratingsCsv, fixture.demoId)).toHaveLength(ours.length);
    expect(csvRowsOf(data.ratingsCsv, fixture.demoId).at(-1)).toContain(`overall,Overall,${overall}`);
    expect(data.keyQuestionsJson.keyQuestions.filter((k) => k.inspection_id === fixture.demoId).length).toBeGreaterThan(10);
    expect(csvRowsOf(data.keyQuestionsCsv, fixture.demoId).length).toBeGreaterThan(10);

    // Published: the report no longer changes, and Leeds staff see the findings.
    await lead.goto(url(`${inspectionPath()}/publication`));
    await expect(lead.getByRole('button', { name: 'Save the text' }).count()).resolves.toBe(0);
    await expect(lead.getByRole('button', { name: 'Add the recipient' }).count()).resolves.toBe(0);
    await leeds.goto(url(inspectionPath()));
    await check(leeds, 'service-published', /Leeds/);
    await expect(main(leeds)).resolves.not.toContain('embargoed until the report is published');
  });

  it('raised no script or console errors on any page', () => {
    expect(problems).toEqual([]);
  });
});
