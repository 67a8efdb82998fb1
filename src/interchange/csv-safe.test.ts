// CSV cells a spreadsheet cannot run as formulas, and the assessment file still read back exactly.
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { generateAssessment } from '../demo/generate-assessment.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { parseAssessmentFile, writeAssessmentCsv } from './assessment-file.ts';
import { spreadsheetSafe, stringifyCsv, withoutSpreadsheetEscape } from './csv-safe.ts';

const framework = bundledFramework();
const FORMULAS = ['=1+1', '+44 7700 900123', '-2 cases', '@SUM(A1:A2)', '\tindented', '\rreturn', '=HYPERLINK("http://example.org","x")'];

describe('spreadsheet-safe CSV cells (OWASP: =, +, -, @, tab, carriage return)', () => {
  it('writes a text cell that could start a formula with a quote in front, quoted, and leaves other text alone', () => {
    const csv = stringifyCsv([['name', 'count'], ...FORMULAS.map((f) => [f, 1]), ['Leeds', 2], ["it's", 3]]);
    const cells = parse(csv, { relax_column_count: true }).slice(1).map((r) => r[0]);
    expect(cells).toEqual([...FORMULAS.map((f) => `'${f}`), 'Leeds', "it's"]);
    expect(csv).toContain(`"'=1+1",1`);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.org"",""x"")",1`);
  });

  it('keeps numbers as numbers: only text is escaped', () => {
    expect(stringifyCsv([[-3, '-3', 0.5, -0.5]])).toBe(`-3,"'-3",0.5,-0.5\n`);
  });

  it('escapes text in objects with a header row too (the open data files)', () => {
    expect(stringifyCsv([{ pdu: '=cmd', points: -1 }], { header: true })).toBe(`pdu,points\n"'=cmd",-1\n`);
  });

  it('gives back exactly the text written, whatever it begins with', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' ', '"', ',') }), (text) => {
        expect(withoutSpreadsheetEscape(spreadsheetSafe(text))).toBe(text);
        expect(/^[=+\-@\t\r]/.test(spreadsheetSafe(text))).toBe(false);
      }),
    );
  });
});

describe('the assessment CSV', () => {
  it('escapes evidence and rationales that look like formulas, and reads them back as written', () => {
    const assessment = generateAssessment(framework, { seed: 5, cases: 1, windowStart: '2026-03-02' });
    const c = assessment.cases[0]!;
    c.caseRef = '=CASE1';
    c.evidence['2.1'] = '=1+1';
    c.evidence[''] = "-Planning was late; '=quoted already";
    c.evidence['2.2'] = "'=HYPERLINK(\"http://example.org\")";
    assessment.judgements['1.1'] = { rating: 'Good', rationale: '@risk of harm work was strong' };
    const csv = writeAssessmentCsv(framework, assessment);
    const cells = parse(csv).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(cells).toEqual(expect.arrayContaining(["'=CASE1", "'=1+1", "'@risk of harm work was strong", "''=HYPERLINK(\"http://example.org\")"]));

    const read = parseAssessmentFile(framework, csv, 'csv');
    expect(read.ok ? [] : read.errors).toEqual([]);
    if (!read.ok) return;
    expect(read.assessment.judgements['1.1']).toEqual({ rating: 'Good', rationale: '@risk of harm work was strong' });
    const back = read.assessment.cases[0]!;
    expect(back.caseRef).toBe('=CASE1');
    expect(back.evidence).toEqual(c.evidence);
  });
});
