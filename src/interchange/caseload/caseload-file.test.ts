import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { caseloadFormatFromFileName, formatProblem, parseCaseloadCsv, type CaseloadResult } from './caseload-file.ts';
import { headingIndex, headingKey } from './headers.ts';
import { caseloadFields } from '../../domain/sampling/eligible-cases.ts';

const framework = bundledFramework();
const parse = (text: string) => parseCaseloadCsv(framework, text);

function accepted(result: CaseloadResult) {
  if (!result.ok) throw new Error(`expected the caseload to be accepted:\n${result.errors.map(formatProblem).join('\n')}`);
  return result;
}
function rejected(result: CaseloadResult) {
  if (result.ok) throw new Error('expected the caseload to be rejected');
  expect(result).not.toHaveProperty('cases');
  return result;
}

const HEADER = 'CRN,Sentence start,Sentence type,RoSH,Offender manager,PSR,VCS';
const row = (crn: string, start = '01/04/2026', sentence = 'Community order', rosh = 'M', psr = 'Y', vcs = 'N', om = 'Jo Bloggs') =>
  [crn, start, sentence, rosh, om, psr, vcs].join(',');

describe('reading a caseload', () => {
  it('recognises the headings systems use and normalises values with the framework vocabulary', () => {
    const text = [
      'Case Ref.,Start Date,Disposal,Risk of Serious Harm,Probation Practitioner,Pre-sentence report,Victim contact,Sex,Ethnicity,Age,Religion or belief,Disabled,Name',
      'x123 456,2026-03-30,Licence,VH,  Sam  Patel ,yes,Y,F,Asian / Asian British,34,Sikh,No,Someone Real',
      'X654321,12/04/2026,SSO,low,Jo Bloggs,n,no,Not stated,unknown,50+,,,',
    ].join('\r\n');
    const result = accepted(parse(text));
    expect(result.cases).toEqual([
      {
        caseRef: 'X123456',
        practitioner: 'Sam Patel',
        attributes: {
          start_date: '2026-03-30',
          sentence_type: 'post-custody',
          rosh: 'very-high',
          psr_prepared: 'yes',
          victim_contact_eligible: 'yes',
          gender: 'female',
          ethnicity: 'asian',
          age_band: '30-39',
          religion: 'Sikh',
          disability: 'no',
        },
      },
      {
        caseRef: 'X654321',
        practitioner: 'Jo Bloggs',
        attributes: { start_date: '2026-04-12', sentence_type: 'community', rosh: 'low', psr_prepared: 'no', victim_contact_eligible: 'no', age_band: '50+' },
      },
    ]);
    // Columns the sample does not need are not read, and the upload says so.
    expect(result.warnings.map(formatProblem)).toEqual(["row 1: column 'Name' is not a fact the sample needs, so it is not read or kept"]);
  });

  it('accepts every documented spelling of a heading', () => {
    const index = headingIndex(caseloadFields(framework));
    for (const [heading, field] of [
      ['CRN', 'case_ref'], ['case reference', 'case_ref'], ['Case_Ref', 'case_ref'], ['RoSH', 'rosh'], ['RoSH level', 'rosh'],
      ['Sentence start', 'start_date'], ['start_date', 'start_date'], ['Date the sentence or licence began', 'start_date'],
      ['OM', 'practitioner'], ['Responsible Officer', 'practitioner'], ['PSR?', 'psr_prepared'], ['Eligible for statutory victim contact', 'victim_contact_eligible'],
      ['Ethnic group', 'ethnicity'], ['Sexuality', 'sexual_orientation'], ['Mental health', 'mental_health'],
    ] as const)
      expect(index.fieldOf(heading)?.id, heading).toBe(field);
    expect(index.fieldOf('Date of birth')).toBeUndefined();
    expect(headingKey(' Case  Ref. ')).toBe('case ref');
  });

  it('lists every problem by row and column, and keeps nothing', () => {
    const text = [
      HEADER,
      row('X1'),
      row('X2', '31/02/2026', 'communty', 'extreme'),
      row('', '2026-04-01', 'community', 'low', 'maybe'),
      row('x 1'),
      row('X3', '', 'community', 'low', 'y', 'n', ''),
      'X4,01/04/2026,community,low,"Smith, Jo",y,n,extra',
    ].join('\n');
    const result = rejected(parse(text));
    expect(result.errors.map(formatProblem)).toEqual([
      "row 3, column Sentence start (case X2): '31/02/2026' is not a real date (dates are read day first: DD/MM/YYYY)",
      "row 3, column Sentence type (case X2): value 'communty' is not allowed; use community or post-custody",
      "row 3, column RoSH (case X2): value 'extreme' is not allowed; use low, medium, high or very-high",
      'row 4, column CRN: no case reference given',
      "row 4, column PSR: value 'maybe' is not allowed; use yes or no",
      'row 5, column CRN (case X1): case X1 is also on row 2; give each case once',
      'row 6, column Sentence start (case X3): no date given; write YYYY-MM-DD or DD/MM/YYYY',
      'row 6, column Offender manager (case X3): no practitioner given',
      'row 7: the row has 8 values but the first row names 7 columns; put text containing commas in double quotes',
    ]);
  });

  it('names missing and doubled columns on the header row', () => {
    const result = rejected(parse('Case ref,CRN,Start date,Risk level,Sentence\nX1,X1,2026-04-01,low,community\n'));
    expect(result.errors.map(formatProblem)).toEqual([
      "row 1: columns 'Case ref' and 'CRN' both give the case reference; keep one",
      "row 1: no column for the practitioner; head it 'Practitioner', 'probation practitioner', 'practitioner name' or 'offender manager'",
      "row 1: no column for the pre-sentence report prepared; head it 'Pre-sentence report prepared', 'psr', 'psr prepared' or 'psr completed'",
      "row 1: no column for the eligible for statutory victim contact; head it 'Eligible for statutory victim contact', 'victim contact', 'eligible for victim contact' or 'victim contact scheme'",
    ]);
  });

  it('says plainly when the file is not a caseload', () => {
    expect(rejected(parse('')).errors.map(formatProblem)).toEqual(['the file is empty; the first row must name the columns']);
    expect(rejected(parse('\uFEFFcase_ref,item,value\nC1,rosh,low\n')).errors.map(formatProblem)).toEqual([
      expect.stringMatching(/^row 1: the first row must name the columns \(for example Case reference, Practitioner, Sentence type/),
    ]);
    expect(rejected(parse(`${HEADER}\n\n`)).errors.map(formatProblem)).toEqual(['row 1: the file names its columns but lists no cases']);
    expect(rejected(parse(`${HEADER}\nX1,"01/04/2026`)).errors.map(formatProblem)).toEqual(['a quoted value is opened with " and never closed; close it with another "']);
  });

  it('numbers rows as lines of the file, counting quoted line breaks and skipping blank lines', () => {
    const text = `\uFEFF${HEADER}\r\n\r\n${row('X1', '01/04/2026', 'community', 'low', 'y', 'n', '"Jo\r\nBloggs"')}\r\n${row('X2', 'soon')}\r\n`;
    expect(rejected(parse(text)).errors.map(formatProblem)).toEqual(["row 5, column Sentence start (case X2): 'soon' is not a date; write YYYY-MM-DD or DD/MM/YYYY"]);
  });

  it('rejects the whole file for any one bad value, naming its row and column', () => {
    const good = Array.from({ length: 30 }, (_, i) => row(`X${i}`));
    const columns = HEADER.split(',');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom('', '???', 'maybe later'), (r, c, value) => {
        // Any text is a case reference or a practitioner's name; only an empty one is wrong.
        const bad = c === 0 || c === 4 ? '' : value;
        const rows = good.map((line, i) => (i === r ? line.split(',').map((v, j) => (j === c ? bad : v)).join(',') : line));
        const result = rejected(parse([HEADER, ...rows].join('\n')));
        expect(result.errors).toEqual([expect.objectContaining({ row: r + 2, column: columns[c], ...(c ? { caseRef: `X${r}` } : {}) })]);
      }),
      { numRuns: 60 },
    );
  });

  it('knows a caseload file by its name', () => {
    expect(['cases.csv', 'Cases.XLSX', 'cases.xls', 'cases'].map(caseloadFormatFromFileName)).toEqual(['csv', 'xlsx', undefined, undefined]);
  });
});
