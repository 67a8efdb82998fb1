// Excel caseloads, written with exceljs and read back as a service would upload them.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { formatProblem, parseCaseloadXlsx } from './caseload-file.ts';
import { cellText } from './xlsx-table.ts';

const framework = bundledFramework();

describe('cell values as text', () => {
  it('reads dates as ISO dates and formulas, rich text and links as what they show', () => {
    expect(cellText(new Date(Date.UTC(2026, 3, 1)))).toBe('2026-04-01');
    expect(cellText(34)).toBe('34');
    expect(cellText(true)).toBe('true');
    expect(cellText(null)).toBe('');
    expect(cellText({ richText: [{ text: 'Very ' }, { text: 'high' }] })).toBe('Very high');
    expect(cellText({ formula: 'A1', result: 'medium' })).toBe('medium');
    expect(cellText({ text: 'X123', hyperlink: 'https://example.org' })).toBe('X123');
  });
});

describe('an Excel caseload', () => {
  it('reads the first sheet, with date cells as dates and row numbers as Excel shows them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Caseload');
    sheet.addRow(['CRN', 'Sentence start', 'Sentence type', 'RoSH', 'Offender manager', 'PSR', 'VCS', 'Age']);
    sheet.addRow(['X1', new Date(Date.UTC(2026, 3, 1)), 'Licence', 'H', 'Jo Bloggs', 'Y', 'N', 19]);
    sheet.addRow([]);
    sheet.addRow(['X2', '02/04/2026', 'Community', 'low', 'Sam Patel', 'N', 'N']);
    sheet.addRow(['X3', 'soon', 'Community', 'low', 'Sam Patel', 'N', 'N']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const rejected = await parseCaseloadXlsx(framework, bytes);
    expect(rejected.ok ? [] : rejected.errors.map(formatProblem)).toEqual([
      "row 5, column Sentence start (case X3): 'soon' is not a date; write YYYY-MM-DD or DD/MM/YYYY",
    ]);
    sheet.getCell('B5').value = new Date(Date.UTC(2026, 3, 3));
    const result = await parseCaseloadXlsx(framework, new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(result.ok && result.cases.map((c) => [c.caseRef, c.attributes['start_date'], c.attributes['sentence_type'], c.attributes['age_band'] ?? null])).toEqual([
      ['X1', '2026-04-01', 'post-custody', '18-20'],
      ['X2', '2026-04-02', 'community', null],
      ['X3', '2026-04-03', 'community', null],
    ]);
  });

  it('says when the file is not a workbook', async () => {
    const result = await parseCaseloadXlsx(framework, new TextEncoder().encode('CRN,RoSH\nX1,low\n'));
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual([
      'the file cannot be read as an Excel workbook (.xlsx); save it again from Excel, or as CSV (UTF-8)',
    ]);
  });
});
