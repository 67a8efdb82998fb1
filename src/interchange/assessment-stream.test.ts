// A CSV file read as a stream of chunks, a case at a time: the same assessment and the same problems
// as the file read whole, however the chunks fall and whether or not each case's rows are together.
import { describe, expect, it } from 'vitest';
import type { CaseAssessment } from '../domain/assessment/types.ts';
import { generateAssessment } from '../demo/generate-assessment.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { parseAssessmentFile, readAssessmentCsvStream, writeAssessmentCsv, type StreamResult } from './assessment-file.ts';
import { BASE_ATTRIBUTES, caseLines, csv } from './test-support.ts';

const framework = bundledFramework();

/** The file in chunks of `size` bytes (splitting lines and characters alike). */
async function* chunksOf(text: string, size: number): AsyncIterable<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function stream(text: string, size = 7, options = {}) {
  const batches: CaseAssessment[][] = [];
  let begun = 0;
  const result: StreamResult = await readAssessmentCsvStream(
    framework,
    () => chunksOf(text, size),
    options,
    {
      begin: async () => {
        begun++;
        batches.length = 0;
      },
      save: async (cases) => void batches.push(cases),
    },
    async () => text,
  );
  return { result, cases: batches.flat(), begun };
}

describe('an assessment CSV read as a stream', () => {
  it('gives the cases, judgements and warnings of the file read whole, in batches, read once', async () => {
    const assessment = generateAssessment(framework, { seed: 7, cases: 1_200, windowStart: '2026-04-06' });
    const text = writeAssessmentCsv(framework, assessment);
    const whole = parseAssessmentFile(framework, text, 'csv');
    if (!whole.ok) throw new Error('the generated file must be valid');
    const { result, cases, begun } = await stream(text, 65_536);
    expect(begun).toBe(1);
    expect(result).toMatchObject({ ok: true, cases: 1_200, judgements: whole.assessment.judgements, warnings: whole.warnings });
    expect(cases).toEqual(whole.assessment.cases);
    expect(result.ok && result.answers).toBe(whole.assessment.cases.reduce((n, c) => n + Object.keys(c.answers).length, 0));
  });

  it('reads a file whose cases rows are apart a second time, keeping every case', async () => {
    const a = caseLines(framework, 'A1');
    const b = caseLines(framework, 'B2', BASE_ATTRIBUTES, {}, 'no');
    const text = '\uFEFF' + csv(a.slice(0, 10), b, a.slice(10), ',1.1,Good');
    const whole = parseAssessmentFile(framework, text, 'csv');
    if (!whole.ok) throw new Error('the file must be valid');
    const { result, cases, begun } = await stream(text, 5);
    expect(begun).toBe(2);
    expect(result.ok).toBe(true);
    expect(cases).toEqual(whole.assessment.cases);
  });

  it('reports every problem of the file read whole, row by row, and hands over no case after the first', async () => {
    const text = csv(
      caseLines(framework, 'A1'),
      caseLines(framework, 'B2', BASE_ATTRIBUTES, { '2.2.1': 'maybe', rosh: undefined }),
      caseLines(framework, 'C3'),
      'C3,2.2.1,yes',
      'D4,"a, b",yes,extra',
    );
    const whole = parseAssessmentFile(framework, text, 'csv');
    const { result, cases } = await stream(text, 3);
    expect(whole.ok).toBe(false);
    expect(result).toEqual(whole);
    // A1 may have gone before B2's problem was read; nothing does after it.
    expect(cases.map((c) => c.caseRef)).not.toContain('B2');
    expect(cases.map((c) => c.caseRef)).not.toContain('C3');
  });

  it('places a quote never closed, and reports a wrong header, as the file read whole does', async () => {
    for (const text of [csv(caseLines(framework, 'A1'), 'A1,evidence,"never closed'), 'ref,item,value\nA1,rosh,high\n', '\n\n']) {
      const { result } = await stream(text, 4);
      expect(result).toEqual(parseAssessmentFile(framework, text, 'csv'));
    }
  });
});
