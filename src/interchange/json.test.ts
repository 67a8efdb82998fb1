import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../reference/frameworks.ts';
import { parseAssessmentFile } from './assessment-file.ts';
import { readJson } from './json-syntax.ts';
import { accepted, BASE_ATTRIBUTES, caseLines, csv, rejected } from './test-support.ts';

const framework = bundledFramework();
const parseJson = (doc: unknown, options?: { strict?: boolean }) =>
  parseAssessmentFile(framework, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2), 'json', options);

/** The items object of a complete case, from the same builder the CSV tests use. */
const caseItems = (caseRef: string, attributes = BASE_ATTRIBUTES, override: Record<string, string | undefined> = {}) =>
  Object.fromEntries(caseLines(framework, caseRef, attributes, override).map((l) => l.split(',').slice(1) as [string, string]));


describe('reading a JSON assessment file', () => {
  it('gives the same assessment and warnings as the equivalent CSV', () => {
    const items = { ...caseItems('C001', BASE_ATTRIBUTES, { '2.2.1b': undefined }), '2.6.1a:progress': 'some progress', '2.6.1a:stability': 'Y', '2.2.1:evidence': 'Seen, "noted"', evidence: ' whole case ' };
    const doc = {
      format: 'inspectorate-assessments',
      framework: 'hmip-adult-pdu@2021',
      judgements: { '1.1': { rating: 'Good', rationale: 'Strong, visible leaders' }, diversity: { rating: 'RI' } },
      cases: [{ case_ref: 'C001', items }, { case_ref: 'C002', items: caseItems('C002', { ...BASE_ATTRIBUTES, sentence_type: 'post-custody' }) }],
    };
    const csvText = csv(
      ',1.1,Good',
      ',1.1:rationale,"Strong, visible leaders"',
      ',diversity,RI',
      caseLines(framework, 'C001', BASE_ATTRIBUTES, { '2.2.1b': undefined }),
      'C001,2.6.1a:progress,some progress',
      'C001,2.6.1a:stability,Y',
      'C001,2.2.1:evidence,"Seen, ""noted"""',
      'C001,evidence, whole case ',
      caseLines(framework, 'C002', { ...BASE_ATTRIBUTES, sentence_type: 'post-custody' }),
    );
    const fromJson = accepted(parseJson(doc));
    const fromCsv = accepted(parseAssessmentFile(framework, csvText, 'csv'));
    expect(fromJson.assessment).toEqual(fromCsv.assessment);
    expect(fromJson.assessment.cases[0]!.outcomes).toEqual({ '2.6.1a': { progress: 'some', stabilityCredited: true } });
    expect(fromJson.assessment.judgements.diversity).toEqual({ rating: 'Requires improvement' });
    // Same warning, located by path rather than row.
    expect(fromCsv.warnings).toEqual([{ caseRef: 'C001', item: '2.2.1b', message: 'prompt 2.2.1b is not answered (it applies to every case)' }]);
    expect(fromJson.warnings).toEqual([{ path: 'cases[0].items["2.2.1b"]', caseRef: 'C001', item: '2.2.1b', message: 'prompt 2.2.1b is not answered (it applies to every case)' }]);
  });

  it('accepts a document of judgements only, and the framework key may be left out', () => {
    const result = accepted(parseJson({ format: 'inspectorate-assessments', judgements: { '1.2': { rating: 'good' } } }));
    expect(result.assessment).toEqual({ frameworkKey: framework.key, cases: [], judgements: { '1.2': { rating: 'Good' } } });
  });

  it('locates errors by JSON path', () => {
    const doc = {
      format: 'inspectorate-assessments',
      judgements: { '1.1': { rating: 'Excellent' }, '2.2.1a': { rating: 'Good' } },
      cases: [
        { case_ref: 'C1', items: caseItems('C1') },
        { case_ref: 'C2', items: { ...caseItems('C2', BASE_ATTRIBUTES, { '2.2.1a': 'maybe', '2.4.1d': 'yes', '2.3.1': undefined }), '1.1': 'Good' } },
      ],
    };
    const result = rejected(parseJson(doc));
    expect(result.errors).toEqual([
      { path: 'judgements["1.1"].rating', item: '1.1', message: "rating 'Excellent' is not allowed; use Inadequate, Requires improvement, Good or Outstanding" },
      { path: 'judgements["2.2.1a"]', item: '2.2.1a', message: '2.2.1a is recorded case by case; give the case_ref' },
      { path: 'cases[1].items["2.2.1a"]', caseRef: 'C2', item: '2.2.1a', message: "value 'maybe' is not allowed; use yes, no or na" },
      { path: 'cases[1].items["1.1"]', caseRef: 'C2', item: '1.1', message: expect.stringMatching(/^standard 1.1 is judged for the inspection as a whole/) },
      { path: 'cases[1].items["2.4.1d"]', caseRef: 'C2', item: '2.4.1d', message: expect.stringMatching(/^2.4.1d is answered yes, but it applies only when sentence_type is post-custody/) },
      { path: 'cases[1].items["2.3.1"]', caseRef: 'C2', item: '2.3.1', message: 'key question 2.3.1 is not answered; give yes, no or na (it applies to every case)' },
    ]);
  });

  it('reports a missing required attribute at the case', () => {
    const items = caseItems('C1', BASE_ATTRIBUTES, { rosh: undefined });
    const result = rejected(parseJson({ format: 'inspectorate-assessments', cases: [{ case_ref: 'C1', items }] }));
    expect(result.errors).toEqual([
      { path: 'cases[0]', caseRef: 'C1', item: 'rosh', message: 'rosh (risk of serious harm level) is missing; every case needs sentence_type, rosh and start_date' },
    ]);
  });

  it('rejects a case_ref given twice', () => {
    const items = caseItems('C1');
    const result = rejected(parseJson({ format: 'inspectorate-assessments', cases: [{ case_ref: 'C1', items }, { case_ref: ' C1 ', items }] }));
    expect(result.errors).toEqual([{ path: 'cases[1].case_ref', caseRef: 'C1', message: 'case C1 is also given at cases[0]; give each case once' }]);
  });

  it('rejects an item given twice in one case, exactly or in another spelling', () => {
    const base = JSON.stringify({ format: 'inspectorate-assessments', cases: [{ case_ref: 'C1', items: caseItems('C1') }] });
    const exact = rejected(parseJson(base.replace('"rosh":"medium"', '"rosh":"medium","rosh":"high"')));
    expect(exact.errors).toEqual([{ path: 'cases[0].items.rosh', message: "'rosh' is given twice in the same object; give it once" }]);
    const spelling = rejected(parseJson(base.replace('"2.2.1a":"yes"', '"2.2.1a":"yes","2.2.1A":"yes"')));
    expect(spelling.errors).toEqual([
      {
        path: 'cases[0].items["2.2.1A"]',
        caseRef: 'C1',
        item: '2.2.1a',
        message: '2.2.1a is given twice for case C1: cases[0].items["2.2.1a"] and cases[0].items["2.2.1A"]; keep one',
      },
    ]);
  });

  it('checks the shape of the document', () => {
    const result = rejected(
      parseJson({
        format: 'assessments',
        framework: 'hmip-adult-pdu@2099',
        extra: 1,
        judgements: { '1.1': 'Good', '1.2': { rating: 2, note: 'x' }, '1.3': {} },
        cases: [{ case_ref: '', items: {} }, { case_ref: 'C2' }, 'C3', { case_ref: 'C4', items: { rosh: 3 } }],
      }),
    );
    expect(result.errors.map((e) => [e.path, e.message])).toEqual([
      ['extra', "unknown property 'extra'; allowed here: format, framework, judgements, cases"],
      ['format', 'format must be "inspectorate-assessments", not string "assessments"'],
      ['framework', 'the file is for framework hmip-adult-pdu@2099, but it is being read with hmip-adult-pdu@2021'],
      ['judgements["1.1"]', 'must be an object like { "rating": "Good", "rationale": "…" }, not string "Good"'],
      ['judgements["1.2"].note', "unknown property 'note'; allowed here: rating, rationale"],
      ['judgements["1.2"].rating', 'must be a string, not number 2'],
      ['judgements["1.3"]', 'give a rating'],
      ['cases[0].case_ref', 'case_ref must be a non-empty string, not string ""'],
      ['cases[1].items', 'items is missing'],
      ['cases[2]', 'each case must be an object with case_ref and items, not string "C3"'],
      ['cases[3].items.rosh', 'must be a string, not number 3; write "yes", "no", "na", a date "2026-03-02" or text'],
      ['cases[3]', 'sentence_type (sentence type) is missing; every case needs sentence_type, rosh and start_date'],
      ['cases[3]', 'start_date (date the sentence or licence began) is missing; every case needs sentence_type, rosh and start_date'],
      ...[...framework.caseStandards]
        .filter((s) => !s.appliesWhen)
        .flatMap((s) => s.keyQuestions.flatMap((kq) => [kq.id, ...(s.assessedBy === 'case-outcomes' ? kq.prompts.map((p) => p.id) : [])]))
        .map((id) => [`cases[3].items["${id}"]`, expect.stringMatching(new RegExp(`^(key|outcome) question ${id.replace(/\./g, '\\.')} is not answered`))]),
    ]);
    expect(rejected(parseJson({ cases: [] })).errors).toEqual([{ path: 'format', message: '"format": "inspectorate-assessments" is missing' }]);
    expect(rejected(parseJson([])).errors).toEqual([
      { path: '(top)', message: 'the file must hold a JSON object with "format": "inspectorate-assessments", not an array' },
    ]);
  });

  it('reports invalid JSON once, with its line and column', () => {
    const result = rejected(parseJson('{\n  "format": "inspectorate-assessments",\n  "cases": [\n    { "case_ref": "C1", }\n  ]\n}'));
    expect(result.errors).toEqual([{ message: 'the file is not valid JSON at line 4, column 25: expected a property name in double quotes' }]);
    expect(rejected(parseJson('{"format": "inspectorate-assessments"')).errors).toEqual([
      { message: "the file is not valid JSON at line 1, column 38: the text ends too soon" },
    ]);
    expect(rejected(parseJson('')).errors[0]!.message).toBe('the file is not valid JSON at line 1, column 1: the text ends too soon');
  });

  it('ignores a byte order mark', () => {
    accepted(parseJson('\uFEFF{"format": "inspectorate-assessments"}'));
  });
});

describe('the JSON reader itself', () => {
  it('reads what JSON.parse reads', () => {
    const samples = ['{"a":[1,-2.5e3,true,false,null,"x\\ny\\u00e9"],"b":{}}', '[]', '"s"', ' 0 ', '{"__proto__": {"x": 1}}'];
    for (const s of samples) {
      const r = readJson(s);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value).toEqual(JSON.parse(s));
    }
    const proto = readJson('{"__proto__": 1}');
    expect(proto.ok && Object.keys(proto.value as object)).toEqual(['__proto__']);
  });

  it('rejects what JSON.parse rejects, saying where', () => {
    for (const [s, line, column] of [
      ['{"a": 1,}', 1, 9],
      ["{'a': 1}", 1, 2],
      ['[1 2]', 1, 4],
      ['{"a": "line\nbreak"}', 1, 12],
      ['{"a": 01}', 1, 8],
      ['{"a": 1} x', 1, 10],
      ['\r\n\r\n  nul', 3, 3],
    ] as const) {
      expect(() => JSON.parse(s)).toThrow();
      const r = readJson(s);
      expect(r.ok, s).toBe(false);
      if (!r.ok) expect([r.line, r.column], s).toEqual([line, column]);
    }
  });
});
