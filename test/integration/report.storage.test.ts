// The PDU inspection report through the app: the page, the PDF (its text read back with pdftotext
// and page one rendered with pdftoppm, when poppler-utils is installed) and the analysts' workbook.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { hasPoppler, hasTesseract } from '../support/tools.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demoId: number;
let analyst: TestSession;
let lead: TestSession;
let dir: string;

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  app = createApp({ db: handle.db });
  analyst = await signedIn(handle.db, 'analyst');
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
  dir = mkdtempSync(join(tmpdir(), 'report-test-'));
});
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await handle?.close();
});

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });

describe('the report page', () => {
  it('has a contents list linking to every section, the ratings table, the chart and its table', async () => {
    const res = await get(lead, `/inspections/${demoId}/report`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('An inspection of probation services in Leeds');
    for (const id of ['foreword', 'overall-findings', 'ratings', 'standards', 'chart', 'diversity', 'people-on-probation', 'outcomes', 'victim-work', 'recommendations', 'annexe']) {
      expect(html).toContain(`href="#${id}"`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('Ratings by standard');
    expect(html).toContain('<svg');
    expect(html).toContain('Key questions shown in the chart');
    expect(html).toContain('No survey results are recorded for this inspection.');
    expect(html).toContain('Not rated at PDU level.');
    expect(html).toContain('aria-current="page"');
  });
});

describe('the report as a PDF', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    const res = await get(analyst, `/inspections/${demoId}/report?format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="inspection-report-leeds[a-z0-9-]*\.pdf"$/);
    pdf = Buffer.from(await res.arrayBuffer());
    writeFileSync(join(dir, 'report.pdf'), pdf);
  });

  it('is a PDF', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
  });

  it.skipIf(!hasPoppler)('reads back with the PDU, the standards, page numbers and the contents (pdftotext)', () => {
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Leeds');
    expect(text).toContain('Assessment');
    expect(text).toContain('Contents');
    expect(text).toMatch(/Page 2 of \d+/);
    expect(text).toContain('No survey results are recorded for this inspection.');
    // Roboto lacks arrows; none should reach the page as a missing glyph.
    expect(text).not.toContain('→');
  });

  it.skipIf(!hasPoppler)('renders page one to an image (pdftoppm)', () => {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'report.pdf'), join(dir, 'page')]);
    const png = ['page-1.png', 'page-01.png', 'page-001.png'].map((f) => join(dir, f)).find(existsSync);
    expect(png).toBeDefined();
    expect(statSync(png!).size).toBeGreaterThan(5_000);
    expect(readFileSync(png!).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});

describe('the report as a PDF, read from its rendered pages', () => {
  // What a reader sees: pages rendered to images (pdftoppm), their text read back by OCR (tesseract).
  it.skipIf(!hasTesseract)('shows the title, the PDU, the overall rating and page numbers on the page images', () => {
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '2', join(dir, 'report.pdf'), join(dir, 'ocr')]);
    const image = (n: number) => ['', '0', '00'].map((pad) => join(dir, `ocr-${pad}${n}.png`)).find(existsSync)!;
    // One thread: tesseract's OpenMP threads spin while they wait, nearly three times the CPU for the same text.
    const read = (n: number) => execFileSync('tesseract', [image(n), '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    const first = read(1);
    expect(first).toContain('An inspection of probation services in');
    expect(first).toContain('Leeds');
    expect(first).toMatch(/Overall rating\s+(Outstanding|Good|Requires improvement|Inadequate)/);
    expect(first).toMatch(/Page 1 of \d+/);
    expect(read(2)).toMatch(/Page 2 of \d+/);
  });
});

describe('the analysts\' workbook', () => {
  it('has a summary, a sheet per standard with each case\'s answers, and the case attributes', async () => {
    const res = await get(analyst, `/inspections/${demoId}/export.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="inspection-data-leeds[a-z0-9-]*\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('Summary');
    expect(names.at(-1)).toBe('Case attributes');
    expect(names).toContain('2.3 Planning');
    const planning = wb.getWorksheet('2.3 Planning')!;
    const header = planning.getColumn(1).values.findIndex((v) => v === 'Case');
    expect(header).toBeGreaterThan(0);
    expect(planning.getRow(header).getCell(2).value).toMatch(/^2\.3\./);
    // 40 cases, one row each, after the header.
    expect(planning.getRow(header + 40).getCell(1).value).toMatch(/DEMO-040/);
    expect(wb.getWorksheet('Case attributes')!.getCell('A1').value).toBe('Case');
  });
});
