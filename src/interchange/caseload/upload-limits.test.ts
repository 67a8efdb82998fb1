// Uploads bounded in memory: a workbook that unpacks to gigabytes is refused from its directory
// before anything is unpacked, one whose directory lies is refused while unpacking, and tables are
// refused past their row, column and value limits, with problems listed up to a limit.
import zlib from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { formatProblem, parseCaseloadCsv, parseCaseloadXlsx, type CaseloadResult } from './caseload-file.ts';
import { MAX_LISTED_PROBLEMS, MAX_TABLE_ROWS } from './limits.ts';
import { declaredWorkbookSize } from './workbook-size.ts';
import { deflated, repeatedDeflate, SHEET_HEAD, SHEET_TAIL, sheetRow, workbookWithSheet, zipOf } from './zip-test-support.ts';

const framework = bundledFramework();
const HEADINGS = ['CRN', 'Sentence start', 'Sentence type', 'RoSH', 'Offender manager', 'PSR', 'VCS'];
const problems = (r: CaseloadResult) => (r.ok ? [] : r.errors.map(formatProblem));

afterEach(() => vi.restoreAllMocks());

/** A sheet of about 2 GB packed into about 2 MB: a row with a cell of a megabyte of text, repeated. */
function zipBomb(): { file: Buffer; unpacked: number; sheet: Buffer } {
  const piece = sheetRow(2, ['A'.repeat(1024 * 1024)]);
  const sheet = repeatedDeflate(SHEET_HEAD + sheetRow(1, HEADINGS), piece, Math.ceil(2 * 1024 ** 3 / piece.length), SHEET_TAIL);
  return { file: workbookWithSheet(sheet), unpacked: sheet.size, sheet: sheet.data };
}

describe('an Excel workbook that unpacks to far more than it packs', () => {
  it('is refused from its directory, quickly and before anything is unpacked', async () => {
    const { file, unpacked } = zipBomb();
    expect(file.length).toBeLessThan(3 * 1024 * 1024);
    expect(unpacked).toBeGreaterThan(2 * 1024 ** 3);
    const inflate = vi.spyOn(zlib, 'createInflateRaw');
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    const result = await parseCaseloadXlsx(framework, file);
    expect(problems(result)).toEqual([
      expect.stringMatching(/^the workbook's part xl\/worksheets\/sheet1\.xml unpacks to [\d,]+ times its packed size \(2,049 MB\), which real workbooks never do/),
    ]);
    expect(inflate).not.toHaveBeenCalled();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
  });

  it('is refused from its directory when its parts say they unpack to more than 64 MB in all', async () => {
    const part = (name: string) => ({ name, data: Buffer.alloc(1024 * 1024), size: 40 * 1024 * 1024, stored: true });
    const file = zipOf([part('xl/worksheets/sheet1.xml'), part('xl/sharedStrings.xml')]);
    expect(await declaredWorkbookSize(file)).toEqual({
      ok: false,
      message: 'the workbook unpacks to 80 MB, more than the 64 MB a workbook may; keep only the sheet of cases, or save it as CSV (UTF-8)',
    });
  });

  it('is refused while unpacking when a part unpacks to more than its directory says, without keeping what it unpacked', async () => {
    const lying = workbookWithSheet({ data: zipBomb().sheet, size: 1_000 });
    expect((await declaredWorkbookSize(lying)).ok).toBe(true);
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    expect(problems(await parseCaseloadXlsx(framework, lying))).toEqual([
      'the workbook is damaged: its part xl/worksheets/sheet1.xml unpacks to more than the file says; save it again from Excel, or as CSV (UTF-8)',
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
  });

  it('still reads a workbook of honest sizes, row by row', async () => {
    const xml = SHEET_HEAD + sheetRow(1, HEADINGS) + sheetRow(2, ['X1', '2026-04-01', 'Licence', 'High', 'Jo Bloggs', 'Y', 'N']) + SHEET_TAIL;
    const result = await parseCaseloadXlsx(framework, workbookWithSheet({ data: deflated(xml), size: xml.length }));
    expect(result.ok && result.cases.map((c) => [c.caseRef, c.attributes['start_date'], c.attributes['rosh']])).toEqual([['X1', '2026-04-01', 'high']]);
  });
});

describe('row and column limits', () => {
  const row = (i: number) => `X${i},2026-04-01,Licence,High,Jo Bloggs,Y,N`;

  it(`refuses a CSV file of more than ${MAX_TABLE_ROWS.toLocaleString('en-GB')} rows, and reads one of that many`, () => {
    const lines = Array.from({ length: MAX_TABLE_ROWS }, (_, i) => row(i + 1));
    const full = parseCaseloadCsv(framework, [HEADINGS.join(','), ...lines].join('\n'));
    expect(full.ok && full.cases.length).toBe(MAX_TABLE_ROWS);
    expect(problems(parseCaseloadCsv(framework, [HEADINGS.join(','), ...lines, row(0)].join('\n')))).toEqual([
      'the file has more than 50,000 rows below the heading row, the most one upload may have; send only the rows needed',
    ]);
  });

  it(`refuses a workbook of more than ${MAX_TABLE_ROWS.toLocaleString('en-GB')} rows`, async () => {
    // One cell a row, under a heading row that names no columns: the rows are counted, not checked.
    const rows = Array.from({ length: MAX_TABLE_ROWS + 1 }, (_, i) => sheetRow(i + 2, ['x']));
    const xml = SHEET_HEAD + sheetRow(1, ['Notes']) + rows.join('') + SHEET_TAIL;
    expect(problems(await parseCaseloadXlsx(framework, workbookWithSheet({ data: deflated(xml), size: xml.length })))).toEqual([
      'the file has more than 50,000 rows below the heading row, the most one upload may have; send only the rows needed',
    ]);
  });

  it('refuses a row with values beyond column 1,000, and a value of more than 1,000 characters', () => {
    const wide = `${row(1)}${','.repeat(1_000)}x`;
    expect(problems(parseCaseloadCsv(framework, `${HEADINGS.join(',')}\n${wide}\n`))).toEqual([
      'row 2: the row has values in more than 1,000 columns, the most a row may have; remove the values beyond the columns needed',
    ]);
    const long = parseCaseloadCsv(framework, `${HEADINGS.join(',')}\nX1,2026-04-01,Licence,High,${'J'.repeat(1_001)},Y,N\n`);
    expect(problems(long)).toEqual(['row 2, column Offender manager (case X1): the value has 1,001 characters; a value may have at most 1,000']);
  });

  it(`lists the first ${MAX_LISTED_PROBLEMS.toLocaleString('en-GB')} problems and says there are more`, () => {
    const bad = Array.from({ length: 3_000 }, (_, i) => `X${i},soon,Licence,High,Jo,Y,N`);
    const listed = problems(parseCaseloadCsv(framework, [HEADINGS.join(','), ...bad].join('\n')));
    expect(listed).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(listed[0]).toBe("row 2, column Sentence start (case X0): 'soon' is not a date; write YYYY-MM-DD or DD/MM/YYYY");
    expect(listed.at(-1)).toBe('the file has more than 1,000 problems; the first 1,000 are listed: correct them, and others like them, and upload the file again');
  });
});
