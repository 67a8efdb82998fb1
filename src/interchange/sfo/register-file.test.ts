import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { generateSfoRegister } from '../../demo/generate-sfo-register.ts';
import { loadRegions } from '../../reference/organisations.ts';
import { parseRegisterCsv, parseRegisterXlsx, registerFormatFromFileName, writeRegisterCsv } from './register-file.ts';

const regions = loadRegions().regions.map((r) => r.name);

describe('a register file', () => {
  it('reads back what it writes, for every region', () => {
    const reviews = generateSfoRegister({ seed: 5, regions, reviews: 60 });
    const result = parseRegisterCsv(writeRegisterCsv(reviews), regions);
    expect(result).toMatchObject({ ok: true, reviews, warnings: [] });
  });

  it('knows the columns by other names, in any order, and says which columns it does not read', () => {
    const text = 'Region,SFO Ref,Offence,Date notified,Date submitted,Extension granted,Notes\nWales,a-1,Murder,01/02/2024,2024-05-01,Yes,sensitive\n';
    const result = parseRegisterCsv(text, regions);
    expect(result).toMatchObject({ ok: true, reviews: [{ reviewRef: 'A-1', region: 'Wales', offenceCategory: 'murder', notifiedOn: '2024-02-01', submittedOn: '2024-05-01', extensionGranted: true }], warnings: [{ row: 1, message: "columns not read or kept: 'Notes'" }] });
  });

  it('names each problem by row and by the column as the file heads it', () => {
    const text = 'SFO Ref,Region,Offence,Date notified,Date submitted,Extension granted\nA1,Walse,murder,2024-01-01,2023-12-01,no\n';
    const result = parseRegisterCsv(text, regions);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { row: 2, column: 'Region', message: expect.stringMatching(/^'Walse' is not a probation region; use North East; /) },
      { row: 2, column: 'Date submitted', message: 'the date submitted, 2023-12-01, is before the date notified, 2024-01-01' },
    ]);
  });

  it('refuses a file missing a required column or giving one twice, before reading any row', () => {
    const result = parseRegisterCsv('review_ref,reference,region,notified_date,extension\nA1,A1,Wales,2024-01-01,no\n', regions);
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual([
      "columns 'review_ref' and 'reference' all give the review reference; keep one",
      "no column for the offence category; head it 'offence_category' or 'Offence category'",
    ]);
    expect(parseRegisterCsv('', regions)).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/the file is empty/) }] });
  });

  it('reads the first sheet of an Excel workbook, dates typed as dates included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Register');
    sheet.addRow(['review_ref', 'region', 'offence_category', 'notified_date', 'submitted_date', 'extension']);
    sheet.addRow(['X9', 'London', 'rape', new Date(Date.UTC(2024, 0, 5)), new Date(Date.UTC(2024, 4, 6)), 'no']);
    sheet.addRow(['X10', 'London', 'rape', new Date(Date.UTC(2024, 0, 5)), 'soon', 'no']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await parseRegisterXlsx(bytes, regions);
    expect(!result.ok && result.errors).toEqual([{ row: 3, column: 'submitted_date', message: "'soon' is not a date; write YYYY-MM-DD or DD/MM/YYYY" }]);
    sheet.spliceRows(3, 1);
    const good = await parseRegisterXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), regions);
    expect(good).toMatchObject({ ok: true, reviews: [{ reviewRef: 'X9', notifiedOn: '2024-01-05', submittedOn: '2024-05-06', extensionGranted: false }] });
    expect((await parseRegisterXlsx(new TextEncoder().encode('not a workbook'), regions)).ok).toBe(false);
  });

  it('tells the format from the file name', () => {
    expect(['a.CSV', 'b.xlsx', 'c.xls', 'd'].map(registerFormatFromFileName)).toEqual(['csv', 'xlsx', undefined, undefined]);
  });
});
