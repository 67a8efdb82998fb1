// The examples in docs/assessment-file-format.md are real: they read as the page says they do.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../reference/frameworks.ts';
import { formatProblem, parseAssessmentFile, writeAssessmentCsv, writeAssessmentJson } from './assessment-file.ts';

const framework = bundledFramework();
const page = readFileSync(new URL('../../docs/assessment-file-format.md', import.meta.url), 'utf8');
const blocks = (lang: string) => [...page.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('the documented examples', () => {
  const [badCsv, exampleCsv] = blocks('csv');
  const [, reported] = blocks('text');
  const [exampleJson] = blocks('json');

  it('the example CSV and JSON are accepted and say the same', () => {
    const fromCsv = parseAssessmentFile(framework, exampleCsv!, 'csv');
    const fromJson = parseAssessmentFile(framework, exampleJson!, 'json');
    expect(fromCsv.ok && fromJson.ok).toBe(true);
    if (!fromCsv.ok || !fromJson.ok) return;
    expect(fromJson.assessment).toEqual(fromCsv.assessment);
    expect(fromCsv.warnings.length).toBeGreaterThan(0);
    expect(fromCsv.warnings.every((w) => w.message.startsWith('prompt '))).toBe(true);
    // They are also exactly what export writes.
    expect(writeAssessmentCsv(framework, fromCsv.assessment)).toBe(exampleCsv);
    expect(JSON.parse(writeAssessmentJson(framework, fromCsv.assessment))).toEqual(JSON.parse(exampleJson!));
  });

  it('the example of problems reports what the page shows, first', () => {
    const result = parseAssessmentFile(framework, badCsv!, 'csv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const documented = reported!.trimEnd().split('\n');
    expect(result.errors.slice(0, documented.length).map(formatProblem)).toEqual(documented);
    expect(result.errors.slice(documented.length).every((e) => /^(key|outcome) question/.test(e.message))).toBe(true);
  });
});
