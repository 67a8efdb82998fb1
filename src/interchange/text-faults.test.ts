// NUL characters and lone surrogates, which the database cannot store, are problems at their row
// and column in every file read, never a failure when saving.
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../reference/frameworks.ts';
import { parseAssessmentFile } from './assessment-file.ts';
import { parseCaseloadCsv } from './caseload/caseload-file.ts';
import { formatProblem } from './problems.ts';
import { caseLines, HEADER } from './test-support.ts';
import { textFault } from './text-faults.ts';

const framework = bundledFramework();
const NUL_MESSAGE = 'contains a NUL character (a zero byte), which text cannot hold: the file may be damaged; save it again as CSV UTF-8, or type the value again';
const SURROGATE_MESSAGE = 'contains a broken character (half of a UTF-16 surrogate pair), which text cannot hold; type the value again';

describe('text no file should hold', () => {
  it('finds NUL characters and unpaired surrogates, and lets paired ones (emoji) be', () => {
    expect(textFault('Jo\u0000 Bloggs')).toBe(NUL_MESSAGE);
    expect(textFault('a\uD800b')).toBe(SURROGATE_MESSAGE);
    expect(textFault('\uDC00')).toBe(SURROGATE_MESSAGE);
    expect(textFault('ends with \uD83D')).toBe(SURROGATE_MESSAGE);
    expect(textFault('Good work 👍 café')).toBeUndefined();
  });
});

describe('the caseload CSV', () => {
  const headings = 'CRN,Sentence start,Sentence type,RoSH,Offender manager,PSR,VCS,Notes';

  it('names the row, column and case of a NUL in a value, read or not, and reads the rest of the row', () => {
    const result = parseCaseloadCsv(framework, `${headings}\nX1,2026-04-01,Licence,High,Jo Bloggs,Y,N,\nX2,2026-04-01,Licence,Hi\u0000gh,Jo,maybe,N,see\u0000notes\n`);
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual([
      `row 3, column RoSH (case X2): the value ${NUL_MESSAGE}`,
      "row 3, column PSR (case X2): value 'maybe' is not allowed; use yes or no",
      `row 3, column Notes (case X2): the value ${NUL_MESSAGE}`,
    ]);
  });

  it('refuses a NUL in a heading before reading the headings', () => {
    const result = parseCaseloadCsv(framework, `CRN,Sentence\u0000start,Sentence type\nX1,2026-04-01,Licence\n`);
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual([`row 1, column 2: the heading ${NUL_MESSAGE}`]);
    expect(result.warnings).toEqual([]);
  });
});

describe('the assessment file', () => {
  it('names the row and column of a NUL in CSV evidence or an answer, and does not also call the answer missing', () => {
    const lines = [...caseLines(framework, 'C1'), 'C1,2.2:evidence,Planning was \u0000late'];
    const at = lines.indexOf('C1,2.2.1,yes');
    lines[at] = 'C1,2.2.1,ye\u0000s';
    const result = parseAssessmentFile(framework, [HEADER, ...lines].join('\n'), 'csv');
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual([
      `row ${at + 2}, column value (case C1, item 2.2.1): the value ${NUL_MESSAGE}`,
      `row ${lines.length + 1}, column value (case C1, item 2.2:evidence): the value ${NUL_MESSAGE}`,
    ]);
  });

  it('names the path of a lone surrogate in JSON, in a value or a case reference', () => {
    const json = JSON.stringify({
      format: 'inspectorate-assessments',
      judgements: { '1.1': { rating: 'Good', rationale: 'Strong \uD800 leadership' } },
      cases: [{ case_ref: 'C\uDC001', items: { rosh: 'low' } }],
    });
    const result = parseAssessmentFile(framework, json, 'json');
    const listed = result.ok ? [] : result.errors.map(formatProblem);
    expect(listed).toContain(`judgements["1.1"].rationale (item 1.1:rationale): the value ${SURROGATE_MESSAGE}`);
    expect(listed).toContain(`cases[0].items.rosh (item rosh): the case_ref ${SURROGATE_MESSAGE}`);
    expect(listed.filter((l) => l.includes('\uD800') || l.includes('\uDC00'))).toEqual([]);
  });
});
