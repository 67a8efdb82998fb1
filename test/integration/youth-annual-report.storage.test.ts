// The youth annual report against a real database: youth justice inspections under the 2018 and
// 2021 frameworks published in the test (two business years), a draft made for the kind of
// inspection, in the youth framework's words, pooling both versions' cases and marking 3.4 and 4.1
// not comparable; a PDU report of the same year is a report of its own; a kind has one published
// report a year; published, it is on the public page, as CSV, JSON and a PDF.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/db/repositories/index.ts';
import { generateFrameworkAssessment } from '../../src/demo/generate-framework-assessment.ts';
import { GENERATED_LABEL } from '../../src/demo/generate-assessment.ts';
import { businessYear, businessYearOf } from '../../src/domain/national/business-year.ts';
import { AppError } from '../../src/services/errors.ts';
import { createInspection, requireInspection, saveAssessments, addDays } from '../../src/services/inspections.ts';
import { inspectionTimeline, recordMilestoneDone } from '../../src/services/inspection-timeline.ts';
import { signOff } from '../../src/services/lead-inspector.ts';
import {
  createAnnualReport,
  loadAnnualReport,
  loadPublishedAnnualReport,
  publishAnnualReport,
  reportableKinds,
  reportableYears,
} from '../../src/services/national-reports.ts';
import { addRecommendationTo, moveReport, saveReportText } from '../../src/services/publication.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { pinClock } from '../support/clock.ts';
import { formPost, signedIn } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { createApp } from '../../src/http/app.ts';
import { annualReportView } from '../../src/presenters/annual-report-page.ts';
import { storedFrameworkByKey } from '../../src/services/frameworks.ts';

const clock = pinClock();

let handle: TestDatabase;
const today = clock.today();
const lastYear = businessYear(businessYearOf(today).start - 1);
const yearBefore = businessYear(lastYear.start - 1);

/** A youth inspection under `frameworkKey` taken through the real workflow to publication. */
async function publishYouth(db: TestDatabase['db'], service: string, frameworkKey: string, fieldworkStart: string, seed: number, sufficient: number, relevantCasesFound = true): Promise<number> {
  const inspection = await createInspection(db, { pduName: service, frameworkKey, fieldworkStart, title: `Test inspection: youth justice services in ${service}`, isDemo: true }, 'test');
  const id = inspection.id;
  const framework = await storedFrameworkByKey(db, frameworkKey);
  const assessment = generateFrameworkAssessment(framework, { seed, cases: 16, caseRefPrefix: `Y${id}-`, windowStart: addDays(fieldworkStart, -182), sufficient, relevantCasesFound });
  await saveAssessments(db, id, assessment, 'test', 'assessments.generated');
  for (const m of (await inspectionTimeline(db, inspection, today)).milestones)
    if (m.byHand && m.date <= today) await recordMilestoneDone(db, id, { milestone: m.key, on: m.date }, 'test', today);
  await signOff(db, id, 'test');
  await saveReportText(db, { inspectionId: id, foreword: `${GENERATED_LABEL} Foreword.`, overallFindings: `${GENERATED_LABEL} Findings.` }, 'test');
  await addRecommendationTo(db, { inspectionId: id, addressedTo: 'pdu', text: `${GENERATED_LABEL} A recommendation.` }, 'test');
  const end = (await requireInspection(db, id)).fieldworkEnd;
  const publishedOn = addDays(end, 56) < today ? addDays(end, 56) : today;
  await moveReport(db, { inspectionId: id, to: 'factual-accuracy' }, 'test', addDays(end, 28) < publishedOn ? addDays(end, 28) : publishedOn);
  await moveReport(db, { inspectionId: id, to: 'published' }, 'test', publishedOn);
  return id;
}

const invalid = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return (e as AppError).message;
};

let reportId: number;
const made: Record<string, number> = {};

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  const in_ = (year: typeof lastYear, days: number) => addDays(year.from, days);
  made.birmingham = await publishYouth(handle.db, 'Birmingham', 'hmip-youth@2021', in_(lastYear, 70), 901, 0.6);
  made.surrey = await publishYouth(handle.db, 'Surrey', 'hmip-youth@2021', in_(lastYear, 120), 902, 0.8, false);
  made.swansea = await publishYouth(handle.db, 'Swansea', 'hmip-youth@2018', in_(lastYear, 30), 903, 0.75);
  made.leeds = await publishYouth(handle.db, 'Leeds', 'hmip-youth@2018', in_(yearBefore, 60), 904, 0.7);
  reportId = await createAnnualReport(handle.db, { year: lastYear.label, kind: 'youth-service' }, 'test');
}, 240_000);
afterAll(() => handle?.close());

describe('the youth annual report', () => {
  it('offers youth justice services as a kind of inspection, with the year and the versions used', async () => {
    expect(await reportableKinds(handle.db)).toEqual([{ kind: 'youth-service', organisations: 'youth justice services' }]);
    const year = (await reportableYears(handle.db)).find((y) => y.year.start === lastYear.start)!;
    expect(year.frameworks).toEqual([
      { key: 'hmip-youth@2018', inspections: 1, kind: 'youth-service', organisations: 'youth justice services' },
      { key: 'hmip-youth@2021', inspections: 2, kind: 'youth-service', organisations: 'youth justice services' },
    ]);
  });

  it("is drafted under the year's newest version, its 2018 inspection pooled where the diff allows and 3.4 and 4.1 marked not comparable", async () => {
    const { stored, cut, report } = await loadAnnualReport(handle.db, reportId);
    expect(stored.status).toBe('draft');
    expect(stored.frameworkKey).toBe('hmip-youth@2021');
    expect(report.title).toBe(`Annual report: inspections of youth justice services ${lastYear.label}`);
    expect(cut.current.inspections.map((i) => i.id)).toEqual([made.birmingham, made.surrey]);
    expect(cut.sameYear!.map((p) => [p.frameworkKey, p.inspections.map((i) => i.id)])).toEqual([['hmip-youth@2018', [made.swansea]]]);
    expect(cut.previous.map((p) => [p.frameworkKey, p.inspections.map((i) => i.id)])).toEqual([['hmip-youth@2018', [made.leeds]]]);
    expect(report.scope).toMatchObject({ inspections: 3, cases: 48 });
    expect(report.notComparable.map((n) => n.standard)).toEqual(['3.4', '4.1']);
    expect(report.ratings.find((r) => r.id === '3.4')!.notComparable).toMatchObject({ versions: ['hmip-youth@2018'], left: 1 });
    expect(report.ratings.find((r) => r.id === '2.1')!.notComparable).toBeNull();
    expect(report.separately.map((s) => [s.id, s.notRated])).toEqual([['4.1', 1]]);
    expect(report.scores.maxScore).toBe(36);
    expect(report.caseTypes!.values.map((v) => v.value)).toEqual(['court', 'out-of-court']);
    expect(report.comparison.standards.find((s) => s.id === '3.4')).toMatchObject({ comparability: 'not-comparable' });
    const audit = await listAudit(handle.db, { entity: 'annual-report' });
    expect(audit.find((a) => Number(a.entityId) === reportId)).toMatchObject({ action: 'annual-report.cut-taken', after: expect.objectContaining({ kind: 'youth-service' }) as unknown });
  });

  it('shows the draft to analysts in the youth framework\'s words, without the PDU-only sections', async () => {
    const { report, framework } = await loadAnnualReport(handle.db, reportId);
    const view = annualReportView(report, framework);
    expect(view.hasRegions).toBe(false);
    expect(view.hasSurvey).toBe(false);
    expect(view.facts.find((f) => f.key.text === 'Inspections')!.value.text).toBe('3 inspections of youth justice services, published by the time of the data cut');
    expect(view.inspectionHead.map((h) => h.text)).toEqual(['Youth justice service', 'Fieldwork', 'Published', 'Framework version', 'Overall rating', 'Score']);
    expect(view.caseTypes!.title).toBe('Court and out of court cases compared');
    expect(JSON.stringify(view.ratingRows)).toContain('Not comparable across versions: 1 inspection under hmip-youth@2018 not counted (3.4 renamed');
  });

  it('is chosen on /national by the kind of inspection: an analyst who chooses none is told so at the field, and one who chooses youth justice services gets the youth draft', async () => {
    const app = createApp({ db: handle.db });
    const analyst = await signedIn(handle.db, 'analyst');
    const index = await (await app.request('/national', { headers: { cookie: analyst.cookie } })).text();
    expect(index).toContain('name="kind" type="radio" value="youth-service"');
    expect(index).toContain('Inspections of youth justice services');
    const refused = await app.request('/national/annual', formPost(analyst, { year: lastYear.label }));
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('href="#kind"');
    expect(html).toContain('Select the kind of inspection');
    const made = await app.request('/national/annual', formPost(analyst, { year: lastYear.label, kind: 'youth-service' }));
    expect(made.status).toBe(303);
    const id = Number(new URL(made.headers.get('location')!, 'http://localhost').pathname.split('/').pop());
    const page = await (await app.request(`/national/annual/${id}`, { headers: { cookie: analyst.cookie } })).text();
    expect(page).toContain(`Annual report: inspections of youth justice services ${lastYear.label}`);
    expect(page).toContain('3.4 Out-of-court disposal policy and provision: not comparable across the year&#39;s versions');
  });

  it('refuses a kind without published inspections in the year, naming the field', async () => {
    expect(await invalid(createAnnualReport(handle.db, { year: lastYear.label, kind: 'pdu' }, 'test'))).toContain('kind: There are no published inspections of this kind');
    expect(await invalid(createAnnualReport(handle.db, { year: lastYear.label }, 'test'))).toContain('kind: Select the kind of inspection');
  });

  it('is published once a year for the kind: a second cut or a second publication is refused; the public page, CSV, JSON and PDF follow', async () => {
    const second = await createAnnualReport(handle.db, { year: lastYear.label, kind: 'youth-service' }, 'test');
    await publishAnnualReport(handle.db, reportId, today, 'test');
    expect(await invalid(createAnnualReport(handle.db, { year: lastYear.label, kind: 'youth-service' }, 'test'))).toContain(`is already published or set to be (report ${reportId})`);
    await expect(publishAnnualReport(handle.db, second, today, 'test')).rejects.toThrow(`Report ${reportId} is already the annual report of inspections of youth justice services`);
    const { report } = await loadPublishedAnnualReport(handle.db, reportId);
    expect(report.kind.id).toBe('youth-service');

    const app = createApp({ db: handle.db });
    const page = await app.request(`/public/annual/${reportId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const words of ['Rated separately', '4.1 Resettlement policy and provision', 'Court and out of court cases compared', 'Scores', 'Ratings by standard, this year and last', 'Not comparable across versions'])
      expect(html).toContain(words);
    expect(html).not.toContain('Statutory victim work');
    expect(html).not.toContain('People on probation');
    const csv = await (await app.request(`/public/annual/${reportId}/figures.csv`)).text();
    expect(csv).toContain('standards-by-case-type,case_type,court,2.1,Assessment');
    const json = (await (await app.request(`/public/annual/${reportId}/figures.json`)).json()) as { title: string };
    expect(json.title).toBe(report.title);

    const pdf = await app.request(`/public/annual/${reportId}?format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'youth-annual-'));
    writeFileSync(join(dir, 'report.pdf'), bytes);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    for (const words of ['Annual report: inspections of youth justice services', 'Rated separately', 'Scores', 'Court and out of court cases compared', 'Not comparable across versions'])
      expect(text).toContain(words);
    // The first page as an image, kept to look at: pdftoppm opens the file.
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'report.pdf'), join(dir, 'page')]);
    expect(readFileSync(join(dir, 'page-01.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});
