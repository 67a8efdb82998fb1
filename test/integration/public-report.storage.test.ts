// The published report on the public pages: the whole report as HTML, and as a tagged PDF (PDF/UA
// structure) read back with poppler (pdfinfo: tagged, title, pages, the structure tree; pdftotext:
// the text in reading order) when it is installed. Public pages link only to what the public may
// open; before the publication date the report is nowhere public (404).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { ensureDemoInspection } from '../../src/services/demo.ts';
import { publishDemoInspection } from '../../src/services/demo-national.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { hasPoppler } from '../support/tools.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let publishedId: number;
let draftId: number;
let dir: string;
const TITLE = 'An inspection of probation services in Sheffield';

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  publishedId = await publishDemoInspection(handle.db, { pduName: 'Sheffield', fieldworkStart: '2025-03-03', seed: 31, cases: 16, survey: { people: 20, phoneOffset: 700 } }, 'test');
  draftId = (await ensureDemoInspection(handle.db))!;
  app = createApp({ db: handle.db });
  dir = mkdtempSync(join(tmpdir(), 'public-report-test-'));
}, 180_000);
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await handle?.close();
});

const get = (path: string) => app.request(path);

describe('the public page of a published inspection', () => {
  let html: string;
  beforeAll(async () => {
    const res = await get(`/public/inspections/${publishedId}`);
    expect(res.status).toBe(200);
    html = await res.text();
  });

  it('carries the whole report: contents, ratings, each standard, the chart, recommendations and annexe', () => {
    expect(html).toContain(`<h1 class="govuk-heading-l">${TITLE}</h1>`);
    for (const id of ['foreword', 'overall-findings', 'ratings', 'standards', 'chart', 'diversity', 'people-on-probation', 'recommendations', 'annexe']) {
      expect(html).toContain(`href="#${id}"`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('id="standard-2.2"');
    expect(html).toContain('Ratings by standard');
    expect(html).toContain('<svg');
    expect(html).toContain('Improve the quality of work to keep people safe.');
    expect(html).toContain('Make sure staff have manageable workloads.');
    expect(html).toContain('responded to the survey');
    expect(html).toContain(`href="/public/inspections/${publishedId}/report.pdf"`);
  });

  it('leaves out the inspectorate\'s own parts: its navigation, the case workbook and the API', () => {
    expect(html).not.toContain(`href="/inspections/${publishedId}`);
    expect(html).not.toContain('export.xlsx');
    expect(html).not.toMatch(/href="\/api/);
  });

  it('links only to pages the public may open', async () => {
    const hrefs = new Set([...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')).filter((h) => h.startsWith('/')));
    expect(hrefs.size).toBeGreaterThan(3);
    for (const href of hrefs) expect((await get(href)).status, href).toBe(200);
  });

  it('links nothing refused to the public from the other public pages either', async () => {
    for (const path of ['/public', '/public/data', '/public/ratings']) {
      const page = await (await get(path)).text();
      expect(page, path).not.toMatch(/href="\/api/);
      expect(page, path).toContain('href="/public/data"');
    }
  });
});

describe('the tagged PDF of a published inspection', () => {
  let pdf: Buffer;
  let file: string;
  beforeAll(async () => {
    const res = await get(`/public/inspections/${publishedId}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="inspection-report-sheffield-2025-03-03\.pdf"$/);
    pdf = Buffer.from(await res.arrayBuffer());
    file = join(dir, 'public-report.pdf');
    writeFileSync(file, pdf);
  });

  it('is a PDF 1.7 marked as tagged and PDF/UA, in British English, showing its title', () => {
    const bytes = pdf.toString('latin1');
    expect(bytes.startsWith('%PDF-1.7')).toBe(true);
    expect(bytes).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(bytes).toContain('/Marked true');
    expect(bytes).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(bytes).toContain('/Lang (en-GB)');
    expect(bytes).toContain('/DisplayDocTitle true');
    expect(bytes).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(bytes).toContain(`<rdf:li xml:lang="x-default">${TITLE}</rdf:li>`);
  });

  it('has its structure: header cells with their scope, figures with text alternatives, artifacts, embedded fonts', () => {
    const bytes = pdf.toString('latin1');
    expect(bytes).toContain('/S /TH');
    expect(bytes).toContain('/Scope /Column');
    expect(bytes).toContain('/Scope /Row');
    expect(bytes).toContain('/S /Figure');
    expect(bytes).toMatch(/\/Alt \(2\.2 key questions: percentage of cases judged sufficient, against the rating bands\. 2\.2\.1: \d+%/);
    expect(bytes).toContain('/S /TOC');
    expect(bytes).toContain('/FontFile2');
    expect(bytes).not.toContain('/Helvetica');
  });

  it.skipIf(!hasPoppler)('reads as tagged, with its title and pages (pdfinfo)', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(new RegExp(`^Title:\\s+${TITLE}$`, 'm'));
    expect(Number(info.match(/^Pages:\s+(\d+)$/m)![1])).toBeGreaterThanOrEqual(15);
  });

  it.skipIf(!hasPoppler)('has headings H1 to H3 in order and tables with header cells in its structure tree (pdfinfo -struct-text)', () => {
    const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    const headings = [...tree.matchAll(/^\s*(H[1-6]) \(block\)\n\s*"([^"]*)"/gm)].map((m) => ({ level: Number(m[1]!.slice(1)), text: m[2]! }));
    const texts = headings.map((h) => h.text);
    const order = [TITLE, 'Contents', 'Foreword', 'Ratings', 'Overall findings', 'Findings by standard', '2.2 Assessment', 'Key questions against the rating bands', 'Diversity', 'The views of people on probation', 'Recommendations', 'The PDU should', 'Annexe: methodology and data'];
    const at = order.map((t) => texts.indexOf(t));
    expect(at.every((i) => i >= 0), JSON.stringify(texts)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // No heading skips a level on the way down.
    headings.forEach((h, i) => expect(h.level, h.text).toBeLessThanOrEqual((headings[i - 1]?.level ?? 1) + 1));
    expect(headings.find((h) => h.text === '2.2 Assessment')!.level).toBe(2);
    // The ratings table: its header row of column headers, then a row headed by its standard.
    expect(tree).toMatch(/THead\n\s+TR\n\s+TH:\n\s+\/Scope \/Column\n\s+"Standard"/);
    expect(tree).toMatch(/TR\n\s+TH:\n\s+\/Scope \/Row\n\s+"2\.2 Assessment"\n\s+TD\n\s+"(Outstanding|Good|Requires improvement|Inadequate)"/);
    expect(tree).toMatch(/Figure:[\s\S]*?\/BBox/);
  });

  it.skipIf(!hasPoppler)('reads back in order: the cover, the contents, a ratings row, page numbers (pdftotext)', () => {
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text.indexOf('HM Inspectorate of Probation')).toBeLessThan(text.indexOf(TITLE));
    expect(text.indexOf('Contents')).toBeLessThan(text.indexOf('Annexe: methodology and data'));
    expect(text).toMatch(/2\.2 Assessment\s+(Outstanding|Good|Requires improvement|Inadequate)\s+2\.2\.\d: \d+ of \d+ \(\d+%\)\s+\d/);
    expect(text).toMatch(/Page 2 of \d+/);
    expect(text).toMatch(/Improve the quality of work to keep\s+people safe\./);
  });
});

describe('before publication', () => {
  it('has no public page and no PDF (404)', async () => {
    expect((await get(`/public/inspections/${draftId}`)).status).toBe(404);
    expect((await get(`/public/inspections/${draftId}/report.pdf`)).status).toBe(404);
    expect((await get('/public/inspections/999999/report.pdf')).status).toBe(404);
  });
});
