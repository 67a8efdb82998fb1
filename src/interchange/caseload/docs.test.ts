// The examples and tables in docs/case-sample-and-survey.md are real: they say what the code does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseloadFields } from '../../domain/sampling/eligible-cases.ts';
import { reliabilityRule, sampleReliability } from '../../domain/sampling/reliability.ts';
import { sampleSize } from '../../domain/sampling/statistical-sample.ts';
import { describeWindow, samplingWindow } from '../../domain/sampling/window.ts';
import { bundledFramework } from '../../reference/frameworks.ts';
import { formatProblem, parseCaseloadCsv } from './caseload-file.ts';
import { headingIndex } from './headers.ts';

const framework = bundledFramework();
const page = readFileSync(new URL('../../../docs/case-sample-and-survey.md', import.meta.url), 'utf8');
const blocks = (lang: string) => [...page.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('docs/case-sample-and-survey.md', () => {
  it('lists every column with the headings accepted for it', () => {
    const fields = caseloadFields(framework);
    const index = headingIndex(fields);
    const expected = fields.map((f) => `| ${f.label} | ${f.required ? 'yes' : 'no'} | ${index.spellings(f.id).map((s) => `\`${s}\``).join(', ')} |`);
    const section = page.slice(page.indexOf('### Column headings'), page.indexOf('### Values'));
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Column') && !l.startsWith('| ---'));
    expect(rows).toEqual(expected);
  });

  it('reads the example caseload as the page says', () => {
    const [example] = blocks('csv');
    const result = parseCaseloadCsv(framework, example!);
    if (!result.ok) throw new Error(result.errors.map(formatProblem).join('\n'));
    expect(result.cases).toHaveLength(3);
    expect(result.cases[0]).toEqual({
      caseRef: 'X123456',
      practitioner: 'Sam Patel',
      attributes: {
        start_date: '2026-03-30',
        sentence_type: 'community',
        rosh: 'medium',
        psr_prepared: 'yes',
        victim_contact_eligible: 'no',
        gender: 'female',
        ethnicity: 'white',
        age_band: '30-39',
        disability: 'no',
      },
    });
    expect(result.warnings.map(formatProblem)).toEqual(["row 1: column 'Date of birth' is not a fact the sample needs, so it is not read or kept"]);
  });

  it('reports the problems of the example as the page shows', () => {
    const [, bad] = blocks('csv');
    const [reported] = blocks('text');
    const result = parseCaseloadCsv(framework, bad!);
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual(reported!.trimEnd().split('\n'));
  });

  it('gives the windows, reliability and sample sizes the page quotes', () => {
    const window = samplingWindow({ monthsBefore: 6, fieldworkStart: '2026-10-05', weeks: 2 });
    const moved = samplingWindow({ monthsBefore: 6, fieldworkStart: '2026-10-05', weeks: 2, shift: { weeks: 1, reason: "the magistrates' court was closed" } });
    expect(window.ok && describeWindow(window.window)).toBe('Monday 30 March 2026 to Sunday 12 April 2026 (two weeks)');
    expect(moved.ok && describeWindow(moved.window)).toBe("Monday 6 April 2026 to Sunday 19 April 2026 (two weeks), moved one week later: the magistrates' court was closed");
    expect(page).toContain('two-week window runs from Monday 30 March to Sunday 12 April 2026');

    const cases = Array.from({ length: 24 }, (_, i) => ({
      caseRef: `X${i}`,
      practitioner: 'P',
      attributes: { sentence_type: 'community', rosh: 'low', start_date: '2026-04-01', psr_prepared: 'yes', victim_contact_eligible: 'no' },
    }));
    const court = sampleReliability(framework, cases).find((r) => r.id === '2.1')!;
    expect(court).toMatchObject({ interval: { low: 45.1, high: 80.8 }, margin: 19.9, casesPerBand: 4 });
    expect(page).toContain('runs from 45.1% to 80.8%, up to\n19.9 points away: a band is 4 cases');
    expect(reliabilityRule(framework).casesNeeded).toBe(43);
    expect(page).toContain('within 15 points from **43** cases');

    expect([1000, 100].map((population) => sampleSize({ population, margin: 0.05 }).size)).toEqual([278, 80]);
    expect(page).toContain('±5 points: 278 cases; from 100: 80');
  });
});
