import { describe, expect, it } from 'vitest';
import { requiredItems } from '../domain/assessment/applicability.ts';
import type { InspectionAssessment } from '../domain/assessment/types.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { formatFromFileName, formatProblem, parseAssessmentFile, type FileProblem, type ParseResult } from './assessment-file.ts';
import { accepted, BASE_ATTRIBUTES, caseLines, csv, lineOf, rejected } from './test-support.ts';

const framework = bundledFramework();

const parseCsv = (text: string, options?: { strict?: boolean }) => parseAssessmentFile(framework, text, 'csv', options);

/** The one error about `item` (exactly one). */
function errorAbout(result: ParseResult, item: string): FileProblem {
  const errors = rejected(result).errors.filter((e) => e.item === item);
  expect(errors, `errors about ${item}`).toHaveLength(1);
  return errors[0]!;
}

// A complete community case: no pre-sentence report, not eligible for victim contact, so
// standards 2.2 to 2.6 apply; every key and outcome question answered, some prompts.
const SMALL = `case_ref,item,value
,1.1,Good
,1.1:rationale,"Clear vision, well communicated"
,diversity,Requires improvement
C001,sentence_type,community
C001,rosh,high
C001,start_date,2026-01-15
C001,psr_prepared,no
C001,victim_contact_eligible,no
C001,gender,female
C001,religion,  Quaker
C001,2.2.1,yes
C001,2.2.1a,yes
C001,2.2.1b,no
C001,2.2.1c,na
C001,2.2.2,yes
C001,2.2.3,no
C001,2.3.1,yes
C001,2.3.2,yes
C001,2.3.3,yes
C001,2.4.1,no
C001,2.4.1d,na
C001,2.4.2,yes
C001,2.4.3,yes
C001,2.5.1,yes
C001,2.5.2,na
C001,2.5.3,yes
C001,2.6.1,yes
C001,2.6.1a,yes
C001,2.6.1a:progress,some
C001,2.6.1a:stability,yes
C001,2.6.1b,no
C001,2.6.1b:progress,none
C001,2.6.1c,na
C001,2.6.1d,yes
C001,2.2.1:evidence,"Assessment drew on the PSR, ""OASys"" and police checks"
C001,2.4:evidence,"Line one
line two"
C001,evidence,  Whole-case note  
`;

const SMALL_EXPECTED: InspectionAssessment = {
  frameworkKey: 'hmip-adult-pdu@2021',
  judgements: {
    '1.1': { rating: 'Good', rationale: 'Clear vision, well communicated' },
    diversity: { rating: 'Requires improvement' },
  },
  cases: [
    {
      caseRef: 'C001',
      attributes: {
        sentence_type: 'community',
        rosh: 'high',
        start_date: '2026-01-15',
        psr_prepared: 'no',
        victim_contact_eligible: 'no',
        gender: 'female',
        religion: 'Quaker',
      },
      answers: {
        '2.2.1': 'yes',
        '2.2.1a': 'yes',
        '2.2.1b': 'no',
        '2.2.1c': 'na',
        '2.2.2': 'yes',
        '2.2.3': 'no',
        '2.3.1': 'yes',
        '2.3.2': 'yes',
        '2.3.3': 'yes',
        '2.4.1': 'no',
        '2.4.1d': 'na',
        '2.4.2': 'yes',
        '2.4.3': 'yes',
        '2.5.1': 'yes',
        '2.5.2': 'na',
        '2.5.3': 'yes',
        '2.6.1': 'yes',
        '2.6.1a': 'yes',
        '2.6.1b': 'no',
        '2.6.1c': 'na',
        '2.6.1d': 'yes',
      },
      outcomes: { '2.6.1a': { progress: 'some', stabilityCredited: true }, '2.6.1b': { progress: 'none' } },
      evidence: {
        '2.2.1': 'Assessment drew on the PSR, "OASys" and police checks',
        '2.4': 'Line one\nline two',
        '': 'Whole-case note',
      },
    },
  ],
};

describe('reading a CSV assessment file', () => {
  it('reads a small hand-written file into the assessment it describes', () => {
    const result = accepted(parseCsv(SMALL));
    expect(result.assessment).toEqual(SMALL_EXPECTED);
    // Prompts of 2.2 to 2.5 that apply and were not answered are warnings, one each.
    const c = result.assessment.cases[0]!;
    const unanswered = requiredItems(framework, c).prompts.filter((id) => !(id in c.answers));
    expect(unanswered).toContain('2.3.1a');
    expect(result.warnings.map((w) => w.item)).toEqual(unanswered);
    expect(result.warnings[0]).toEqual({
      caseRef: 'C001',
      item: '2.2.2a',
      message: 'prompt 2.2.2a is not answered (it applies to every case)',
    });
  });

  it('accepts a file of judgements only, and a header alone', () => {
    const judgementsOnly = accepted(parseCsv('case_ref,item,value\n,1.2,Outstanding\n,1.3,inadequate\n'));
    expect(judgementsOnly.assessment).toEqual({
      frameworkKey: framework.key,
      cases: [],
      judgements: { '1.2': { rating: 'Outstanding' }, '1.3': { rating: 'Inadequate' } },
    });
    expect(judgementsOnly.warnings).toEqual([]);
    expect(accepted(parseCsv('case_ref,item,value')).assessment).toEqual({ frameworkKey: framework.key, cases: [], judgements: {} });
  });

  it('forgives case, spaces, a byte order mark, CRLF and the usual spellings', () => {
    const lines = [
      ' Case_Ref , ITEM ,Value',
      '',
      ',1.4,Requires Improvement',
      ',Diversity,RI',
      ',,',
      ' C9 ,Sentence_Type,Community Order',
      'C9,rosh,very high',
      'C9,start_date,01/03/2026',
      'C9,psr_prepared,Y',
      'C9,victim_contact_eligible,false',
      'C9,ethnicity,Asian / Asian British',
      'C9,age_band,18_20',
      ...caseLines(framework, 'C9', BASE_ATTRIBUTES, { sentence_type: undefined, rosh: undefined, start_date: undefined }).map((l) =>
        l.replace(/,yes$/, ',Y'),
      ),
      'C9, 2.2.1A ,N/A',
      'C9,2.2.1B,  not applicable ',
      'C9,2.2.1 c,n',
      'C9,2.6.1A:Progress,Sufficient Progress',
      'C9,2.6.1a : stability,y',
      'C9,2.4.1D,na',
      'C9,2.1.1,Yes',
    ].filter((l) => !/^C9,2\.2\.1[abc],Y$/.test(l));
    // psr_prepared is yes, so 2.1 applies: answer it all.
    const psr = caseLines(framework, 'C9', { ...BASE_ATTRIBUTES, psr_prepared: 'yes' })
      .filter((l) => l.startsWith('C9,2.1.1') && l !== 'C9,2.1.1,yes')
      .map((l) => l.toUpperCase());
    const text = '\uFEFF' + [...lines, ...psr].join('\r\n') + '\r\n';
    const result = accepted(parseCsv(text));
    expect(result.warnings).toEqual([]);
    expect(result.assessment.judgements).toEqual({ '1.4': { rating: 'Requires improvement' }, diversity: { rating: 'Requires improvement' } });
    const c = result.assessment.cases[0]!;
    expect(c.caseRef).toBe('C9');
    expect(c.attributes).toEqual({
      sentence_type: 'community',
      rosh: 'very-high',
      start_date: '2026-03-01',
      psr_prepared: 'yes',
      victim_contact_eligible: 'no',
      ethnicity: 'asian',
      age_band: '18-20',
    });
    expect(c.answers).toMatchObject({ '2.2.1': 'yes', '2.2.1a': 'na', '2.2.1b': 'na', '2.2.1c': 'no', '2.4.1d': 'na', '2.1.1': 'yes', '2.1.1a': 'yes' });
    expect(c.outcomes).toEqual({ '2.6.1a': { progress: 'sufficient', stabilityCredited: true } });
  });

  it('accepts LF and CRLF alike, and keeps line breaks inside quoted evidence', () => {
    const body = [...caseLines(framework, 'C1'), 'C1,evidence,"first\r\nsecond"'];
    const lf = accepted(parseCsv(csv(body)));
    const crlf = accepted(parseCsv(csv(body).replace(/\n/g, '\r\n').replace('first\r\r\nsecond', 'first\r\nsecond')));
    expect(lf.assessment.cases[0]!.evidence['']).toBe('first\r\nsecond');
    expect(crlf.assessment).toEqual(lf.assessment);
  });
});

describe('problems in a CSV file', () => {
  it('rejects the whole file and lists every error, across cases', () => {
    const text = csv(caseLines(framework, 'C1', BASE_ATTRIBUTES, { '2.2.1a': 'maybe' }), caseLines(framework, 'C2', BASE_ATTRIBUTES, { rosh: 'severe' }));
    const result = rejected(parseCsv(text));
    expect(result.errors).toEqual([
      {
        row: lineOf(text, 'C1,2.2.1a,maybe'),
        column: 'value',
        caseRef: 'C1',
        item: '2.2.1a',
        message: "value 'maybe' is not allowed; use yes, no or na",
      },
      {
        row: lineOf(text, 'C2,rosh,severe'),
        column: 'value',
        caseRef: 'C2',
        item: 'rosh',
        message: "value 'severe' is not allowed; use low, medium, high or very-high",
      },
    ]);
    expect(formatProblem(result.errors[0]!)).toBe(
      `row ${lineOf(text, 'C1,2.2.1a,maybe')}, column value (case C1, item 2.2.1a): value 'maybe' is not allowed; use yes, no or na`,
    );
  });

  it('names an unknown item and suggests a near one', () => {
    const text = csv(caseLines(framework, 'C1'), 'C1,2.2.4,yes', 'C1,colour,blue');
    const near = errorAbout(parseCsv(text), '2.2.4');
    expect(near).toMatchObject({ row: lineOf(text, 'C1,2.2.4,yes'), column: 'item', caseRef: 'C1' });
    expect(near.message).toBe("unknown item '2.2.4'; did you mean 2.2.1?");
    expect(errorAbout(parseCsv(text), 'colour').message).toBe("unknown item 'colour'");
  });

  it('rejects values not allowed for the item, saying which are', () => {
    const text = csv(caseLines(framework, 'C1', { ...BASE_ATTRIBUTES, start_date: '31/02/2024', psr_prepared: 'maybe', gender: 'unknown' }, {
      '2.6.1a:progress': 'lots',
      '2.6.1b:stability': 'perhaps',
    }));
    const result = rejected(parseCsv(text));
    const byItem = Object.fromEntries(result.errors.map((e) => [e.item, e]));
    expect(Object.keys(byItem).sort()).toEqual(['2.6.1a:progress', '2.6.1b:stability', 'gender', 'psr_prepared', 'start_date']);
    expect(byItem.start_date).toMatchObject({ row: lineOf(text, 'C1,start_date,31/02/2024'), column: 'value', message: "'31/02/2024' is not a real date (dates are read day first: DD/MM/YYYY)" });
    expect(byItem.psr_prepared!.message).toBe("value 'maybe' is not allowed; use yes or no");
    expect(byItem.gender!.message).toBe("value 'unknown' is not allowed; use male, female or other");
    expect(byItem['2.6.1a:progress']!.message).toBe("progress 'lots' is not allowed; use sufficient, some or none");
    expect(byItem['2.6.1b:stability']!.message).toBe("value 'perhaps' is not allowed; use yes or no");
  });

  it('reads dates day first and never month first', () => {
    const us = csv(caseLines(framework, 'C1', { ...BASE_ATTRIBUTES, start_date: '03/31/2026' }));
    expect(errorAbout(parseCsv(us), 'start_date').message).toMatch(/not a real date/);
    const iso = csv(caseLines(framework, 'C1', { ...BASE_ATTRIBUTES, start_date: '2026/03/01' }));
    expect(errorAbout(parseCsv(iso), 'start_date').message).toBe("'2026/03/01' is not a date; write YYYY-MM-DD or DD/MM/YYYY");
    const ok = accepted(parseCsv(csv(caseLines(framework, 'C1', { ...BASE_ATTRIBUTES, start_date: '29/02/2024' }))));
    expect(ok.assessment.cases[0]!.attributes.start_date).toBe('2024-02-29');
  });

  it('reports a row given twice, naming both rows, even with the same value', () => {
    const text = csv(caseLines(framework, 'C1'), 'C1,2.2.1A,yes');
    const dup = errorAbout(parseCsv(text), '2.2.1a');
    const first = lineOf(text, 'C1,2.2.1a,yes');
    const second = lineOf(text, 'C1,2.2.1A,yes');
    expect(dup).toEqual({
      row: second,
      column: 'item',
      caseRef: 'C1',
      item: '2.2.1a',
      message: `2.2.1a is given twice for case C1: row ${first} and row ${second}; keep one`,
    });
    const judgements = csv(',1.1,Good', ',1.1,good');
    expect(errorAbout(parseCsv(judgements), '1.1')).toMatchObject({ row: 3, column: 'item', message: '1.1 is given twice for the inspection: row 2 and row 3; keep one' });
  });

  it('keeps judgements off case rows and case items off inspection-level rows', () => {
    const text = csv(caseLines(framework, 'C1'), 'C1,1.1,Good', 'C1,diversity,Good', ',2.2.1a,yes', ',rosh,high', 'C1,1.1.1a,yes');
    const result = rejected(parseCsv(text));
    expect(errorAbout(result, '1.1')).toMatchObject({ row: lineOf(text, 'C1,1.1,Good'), column: 'case_ref', caseRef: 'C1', message: expect.stringMatching(/^standard 1.1 is judged for the inspection as a whole/) });
    expect(errorAbout(result, 'diversity')).toMatchObject({ row: lineOf(text, 'C1,diversity,Good'), column: 'case_ref' });
    // The case's own 2.2.1a is fine; only the inspection-level one is wrong.
    const misplaced = result.errors.filter((e) => e.item === '2.2.1a');
    expect(misplaced).toEqual([{ row: lineOf(text, ',2.2.1a,yes'), column: 'case_ref', item: '2.2.1a', message: '2.2.1a is recorded case by case; give the case_ref' }]);
    expect(errorAbout(result, 'rosh').row).toBe(lineOf(text, ',rosh,high'));
    expect(errorAbout(result, '1.1.1a').message).toMatch(/belongs to standard 1.1, which the lead inspector rates/);
  });

  it('allows only judgements and their rationale on inspection-level rows', () => {
    const result = rejected(parseCsv(csv(',leadership,Good', ',divrsity,Good', ',1.1:evidence,Seen', ',evidence,note')));
    expect(result.errors).toEqual([
      { row: 2, column: 'item', item: 'leadership', message: "unknown item 'leadership'; rows with an empty case_ref give the judgements 1.1, 1.2, 1.3, 1.4 or diversity" },
      { row: 3, column: 'item', item: 'divrsity', message: "unknown item 'divrsity'; did you mean diversity?" },
      { row: 4, column: 'item', item: '1.1:evidence', message: 'standard 1.1 is judged for the inspection as a whole; only 1.1:rationale can go with it' },
      { row: 5, column: 'case_ref', item: 'evidence', message: 'evidence is recorded case by case; give the case_ref' },
    ]);
  });

  it('reports a missing required attribute once per case', () => {
    const text = csv(caseLines(framework, 'C1', { rosh: 'low', start_date: '2026-01-01' }), caseLines(framework, 'C2', { sentence_type: 'community', rosh: 'low' }));
    const result = rejected(parseCsv(text));
    expect(result.errors).toEqual([
      { caseRef: 'C1', item: 'sentence_type', message: 'sentence_type (sentence type) is missing; every case needs sentence_type, rosh and start_date' },
      { caseRef: 'C2', item: 'start_date', message: 'start_date (date the sentence or licence began) is missing; every case needs sentence_type, rosh and start_date' },
    ]);
  });

  it('does not report as missing what was given with a bad value', () => {
    const text = csv(caseLines(framework, 'C1', { ...BASE_ATTRIBUTES, sentence_type: 'prison' }, { '2.2.1': 'perhaps' }));
    const result = rejected(parseCsv(text));
    expect(result.errors.map((e) => e.item)).toEqual(['sentence_type', '2.2.1']);
  });

  it('reports a key question or outcome question missing where it applies', () => {
    const text = csv(caseLines(framework, 'C1', BASE_ATTRIBUTES, { '2.3.2': undefined, '2.6.1c': undefined }));
    const result = rejected(parseCsv(text));
    expect(result.errors).toEqual([
      { caseRef: 'C1', item: '2.3.2', message: 'key question 2.3.2 is not answered; give yes, no or na (it applies to every case)' },
      { caseRef: 'C1', item: '2.6.1c', message: 'outcome question 2.6.1c is not answered; give yes, no or na (it applies to every case)' },
    ]);
  });

  it('rejects yes or no for an item that does not apply, and accepts na', () => {
    const text = csv(caseLines(framework, 'C1', BASE_ATTRIBUTES, { '2.4.1d': 'yes' }));
    expect(errorAbout(parseCsv(text), '2.4.1d')).toEqual({
      row: lineOf(text, 'C1,2.4.1d,yes'),
      column: 'value',
      caseRef: 'C1',
      item: '2.4.1d',
      message: "2.4.1d is answered yes, but it applies only when sentence_type is post-custody, and this case's sentence_type is community; answer na or leave it out",
    });
    accepted(parseCsv(csv(caseLines(framework, 'C1', BASE_ATTRIBUTES, { '2.4.1d': 'na' }))));
    const custody = accepted(parseCsv(csv(caseLines(framework, 'C1', { ...BASE_ATTRIBUTES, sentence_type: 'post-custody' }))));
    expect(custody.assessment.cases[0]!.answers['2.4.1d']).toBe('yes');

    const noPsr = csv(caseLines(framework, 'C1', { ...BASE_ATTRIBUTES, psr_prepared: 'no' }, { '2.1.1': 'no' }));
    expect(errorAbout(parseCsv(noPsr), '2.1.1')).toMatchObject({
      row: lineOf(noPsr, 'C1,2.1.1,no'),
      column: 'value',
      message: "2.1.1 is answered no, but it applies only when psr_prepared is yes, and this case's psr_prepared is no; answer na or leave it out",
    });
    accepted(parseCsv(csv(caseLines(framework, 'C1', { ...BASE_ATTRIBUTES, psr_prepared: 'no' }, { '2.1.1': 'na' }))));
  });

  it('rejects outcome detail for an item that is not an outcome question', () => {
    const text = csv(caseLines(framework, 'C1'), 'C1,2.2.1a:progress,some', 'C1,2.6.1:stability,yes');
    const result = rejected(parseCsv(text));
    expect(errorAbout(result, '2.2.1a:progress')).toMatchObject({
      row: lineOf(text, 'C1,2.2.1a:progress,some'),
      column: 'item',
      message: ':progress is outcome detail and goes only with the outcome questions 2.6.1a, 2.6.1b, 2.6.1c or 2.6.1d; 2.2.1a is not one',
    });
    expect(errorAbout(result, '2.6.1:stability').row).toBe(lineOf(text, 'C1,2.6.1:stability,yes'));
  });

  it('rejects a rating not on the scale, and keeps a rationale without a rating as a warning only', () => {
    const bad = csv(',1.1,Excellent');
    expect(errorAbout(parseCsv(bad), '1.1')).toEqual({
      row: 2,
      column: 'value',
      item: '1.1',
      message: "rating 'Excellent' is not allowed; use Inadequate, Requires improvement, Good or Outstanding",
    });
    const orphan = accepted(parseCsv(csv(',1.2:rationale,Still gathering evidence', ',1.3,Good')));
    expect(orphan.assessment.judgements).toEqual({ '1.3': { rating: 'Good' } });
    expect(orphan.warnings).toEqual([
      { row: 2, column: 'item', item: '1.2:rationale', message: 'the rationale for 1.2 has no rating, so it is not kept; add a row for 1.2 with the rating' },
    ]);
  });

  it('rejects a case row without an item, and unknown suffixes', () => {
    const text = csv(caseLines(framework, 'C1'), 'C1,,yes', 'C1,2.2.1a:notes,x', 'C1,rosh:evidence,x');
    const result = rejected(parseCsv(text));
    expect(result.errors).toEqual([
      { row: lineOf(text, 'C1,,yes'), column: 'item', caseRef: 'C1', message: 'the item is blank; say which item the row gives' },
      { row: lineOf(text, 'C1,2.2.1a:notes,x'), column: 'item', caseRef: 'C1', item: '2.2.1a:notes', message: "unknown ':notes' in '2.2.1a:notes'; after ':' write evidence, progress or stability" },
      {
        row: lineOf(text, 'C1,rosh:evidence,x'),
        column: 'item',
        caseRef: 'C1',
        item: 'rosh:evidence',
        message: 'evidence is given for the case as a whole (item evidence) or for a standard, key question or prompt, such as 2.2:evidence or 2.2.1a:evidence',
      },
    ]);
  });

  it('checks the header', () => {
    expect(rejected(parseCsv('case_ref,item,value,notes,score\n')).errors).toEqual([
      { row: 1, message: "unknown columns 'notes', 'score'; the columns are case_ref, item, value" },
    ]);
    expect(rejected(parseCsv('case_ref,item\n')).errors).toEqual([{ row: 1, message: 'missing column value' }]);
    expect(rejected(parseCsv('C1,2.2.1,yes\n')).errors).toEqual([
      { row: 1, message: "the first line must be the header case_ref,item,value; found 'C1,2.2.1,yes'" },
    ]);
    expect(rejected(parseCsv('\n\n')).errors).toEqual([{ message: 'the file is empty; the first line must be the header case_ref,item,value' }]);
  });

  it('reads columns by name in any order', () => {
    const lines = caseLines(framework, 'C1').map((l) => {
      const [ref, item, value] = l.split(',');
      return `${value},${ref},${item}`;
    });
    const result = accepted(parseCsv(['value,case_ref,item', ...lines].join('\n')));
    expect(result.assessment).toEqual(accepted(parseCsv(csv(caseLines(framework, 'C1')))).assessment);
  });

  it('reports rows with the wrong number of fields and an unclosed quote', () => {
    const text = csv(caseLines(framework, 'C1'), 'C1,evidence,too, many', 'C1,2.2.1:evidence', 'C1,2.2.2:evidence,fine,,');
    const result = rejected(parseCsv(text));
    expect(result.errors).toEqual([
      { row: lineOf(text, 'C1,evidence,too, many'), message: 'the row has 4 fields but the header has 3; put text containing commas in double quotes' },
      { row: lineOf(text, 'C1,2.2.1:evidence'), message: 'the row has 2 fields but the header has 3; put text containing commas in double quotes' },
    ]);
    const unclosed = csv(caseLines(framework, 'C1'), 'C1,evidence,"never closed', 'C1,2.2.1a:evidence,x');
    expect(rejected(parseCsv(unclosed)).errors).toEqual([
      { row: lineOf(unclosed, 'C1,evidence,"never closed'), message: 'a quoted field is opened with " and never closed; close it with another "' },
    ]);
  });

  it('counts lines of multi-line evidence when numbering later rows', () => {
    const text = csv('C1,evidence,"a\r\nb\nc"', ...caseLines(framework, 'C1', BASE_ATTRIBUTES, { '2.2.1': 'maybe' }));
    expect(errorAbout(parseCsv(text), '2.2.1').row).toBe(lineOf(text, 'C1,2.2.1,maybe'));
  });
});

describe('conditional rules', () => {
  const noPsrAttributes = BASE_ATTRIBUTES; // psr_prepared not given

  it('without psr_prepared and without 2.1 answers, 2.1 is not required', () => {
    const result = accepted(parseCsv(csv(caseLines(framework, 'C1', noPsrAttributes))));
    expect(result.warnings).toEqual([]);
    expect(Object.keys(result.assessment.cases[0]!.answers).some((id) => id.startsWith('2.1.'))).toBe(false);
  });

  it('without psr_prepared, 2.1 answered na does not make it apply', () => {
    accepted(parseCsv(csv(caseLines(framework, 'C1', noPsrAttributes), 'C1,2.1.1,na')));
  });

  it('without psr_prepared, answering 2.1.1 yes or no means 2.1 applied: its prompts are then expected', () => {
    const result = accepted(parseCsv(csv(caseLines(framework, 'C1', noPsrAttributes), 'C1,2.1.1,yes')));
    const prompts = framework.standard('2.1')!.keyQuestions[0]!.prompts.map((p) => p.id);
    expect(result.warnings.map((w) => w.item)).toEqual(prompts);
    expect(result.warnings[0]!.message).toBe(
      'prompt 2.1.1a is not answered (the case does not give psr_prepared, and standard 2.1 applies because it has answers of yes or no)',
    );
  });

  it('without psr_prepared, a 2.1 prompt answered yes makes key question 2.1.1 required', () => {
    const result = rejected(parseCsv(csv(caseLines(framework, 'C1', noPsrAttributes), 'C1,2.1.1a,yes')));
    expect(result.errors).toEqual([
      {
        caseRef: 'C1',
        item: '2.1.1',
        message:
          'key question 2.1.1 is not answered; give yes, no or na (the case does not give psr_prepared, and standard 2.1 applies because it has answers of yes or no)',
      },
    ]);
  });

  it('psr_prepared yes or victim_contact_eligible yes bring in 2.1 or 2.7', () => {
    const psr = rejected(parseCsv(csv(caseLines(framework, 'C1', noPsrAttributes), 'C1,psr_prepared,yes')));
    expect(psr.errors.map((e) => e.item)).toEqual(['2.1.1']);
    expect(psr.errors[0]!.message).toBe('key question 2.1.1 is not answered; give yes, no or na (it applies because psr_prepared is yes)');
    const victims = rejected(parseCsv(csv(caseLines(framework, 'C1', noPsrAttributes), 'C1,victim_contact_eligible,yes')));
    expect(victims.errors.map((e) => e.item)).toEqual(['2.7.1', '2.7.2', '2.7.3']);
  });
});

describe('warnings and strict reading', () => {
  const text = csv(caseLines(framework, 'C1', BASE_ATTRIBUTES, { '2.2.1a': undefined, '2.5.3b': undefined }));

  it('a missing applicable prompt is a warning, and the file is accepted', () => {
    const result = accepted(parseCsv(text));
    expect(result.warnings).toEqual([
      { caseRef: 'C1', item: '2.2.1a', message: 'prompt 2.2.1a is not answered (it applies to every case)' },
      { caseRef: 'C1', item: '2.5.3b', message: 'prompt 2.5.3b is not answered (it applies to every case)' },
    ]);
  });

  it('with strict, missing prompts are errors and the file is rejected', () => {
    const result = rejected(parseCsv(text, { strict: true }));
    expect(result.errors.map((e) => e.item)).toEqual(['2.2.1a', '2.5.3b']);
    expect(result.warnings).toEqual([]);
  });
});

describe('helpers', () => {
  it('tells the format from the file name', () => {
    expect(formatFromFileName('cases.csv')).toBe('csv');
    expect(formatFromFileName('/tmp/Inspection 3/CASES.JSON')).toBe('json');
    expect(formatFromFileName('cases.xlsx')).toBeUndefined();
    expect(formatFromFileName('csv')).toBeUndefined();
  });

  it('formats problems with whatever location they have', () => {
    expect(formatProblem({ row: 12, column: 'value', caseRef: 'C014', item: '2.2.1a', message: "value 'maybe' is not allowed; use yes, no or na" })).toBe(
      "row 12, column value (case C014, item 2.2.1a): value 'maybe' is not allowed; use yes, no or na",
    );
    expect(formatProblem({ path: 'cases[3].items["2.2.1a"]', caseRef: 'C014', item: '2.2.1a', message: 'm' })).toBe(
      'cases[3].items["2.2.1a"] (case C014, item 2.2.1a): m',
    );
    expect(formatProblem({ caseRef: 'C1', item: 'rosh', message: 'm' })).toBe('case C1, item rosh: m');
    expect(formatProblem({ row: 1, message: 'm' })).toBe('row 1: m');
    expect(formatProblem({ message: 'm' })).toBe('m');
  });
});
