// The analysts' workbook writes text that looks like a formula as text: a cell, never a formula.
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { describe, expect, it } from 'vitest';
import { generateAssessment } from '../demo/generate-assessment.ts';
import { rateInspection } from '../domain/rating/engine.ts';
import type { InspectionSummary } from '../presenters/inspection-page.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { buildPduReport } from './pdu-report.ts';
import { reportWorkbook } from './report-xlsx.ts';

const framework = bundledFramework();
const inspection: InspectionSummary = {
  id: 9,
  title: 'Leeds PDU inspection',
  organisationName: 'Leeds',
  regionName: 'Yorkshire and the Humber',
  fieldworkStart: '2026-09-07',
  fieldworkEnd: '2026-09-11',
  frameworkId: 'hmip-adult-pdu',
  frameworkVersion: '2021',
  isDemo: false,
  status: 'signed-off',
};

describe("the analysts' workbook", () => {
  it('writes a rationale of =1+1 and a case reference of =HYPERLINK(…) as text cells, with no formula anywhere', async () => {
    const assessment = generateAssessment(framework, { seed: 4, cases: 3, windowStart: '2026-03-02' });
    assessment.judgements['1.1'] = { rating: 'Good', rationale: '=1+1' };
    assessment.cases[0]!.caseRef = '=HYPERLINK("http://example.org","x")';
    const ratings = rateInspection(framework, assessment);
    const report = buildPduReport({ inspection, framework, assessment, ratings, text: { foreword: '', overallFindings: '', recommendations: [] } });
    const bytes = await reportWorkbook({ report, framework, ratings, assessment });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(cell))));
    const written = (text: string) => cells.filter((c) => c.value === text);
    expect(written('=1+1').length).toBeGreaterThan(0);
    expect(written('=HYPERLINK("http://example.org","x")').length).toBeGreaterThan(0);
    for (const cell of [...written('=1+1'), ...written('=HYPERLINK("http://example.org","x")')]) expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);

    // In the file itself: shared or inline strings, and no <f> (formula) element in any sheet.
    const { files } = await unzipper.Open.buffer(bytes);
    const sheets = files.filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f.path));
    expect(sheets.length).toBeGreaterThan(1);
    for (const f of sheets) expect((await f.buffer()).toString()).not.toMatch(/<f[ >]/);
  });
});
