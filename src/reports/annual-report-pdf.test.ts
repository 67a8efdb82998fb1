// The annual report's PDF definition: a cover that says what it is, contents, the foreword only when
// written, every section of the page, tables whose header row repeats, wide tables turned landscape
// and split with the key question repeated, and the data cut's digest and date on the back page.
import { describe, expect, it } from 'vitest';
import { cutOf, framework, frameworks, inspection } from '../../test/support/annual-cut.ts';
import { buildAnnualReport, type AnnualReport } from '../domain/national/annual-report.ts';
import type { CutSurvey } from '../domain/national/data-cut.ts';
import { annualReportPdfDefinition, publicationLine, tableLayout, type AnnualReportPdfInput } from './annual-report-pdf.ts';

type Node = Record<string, unknown>;
type Definition = { content: Node[]; header(p: number): { text: string } | null; footer(p: number, n: number): { text: string } };

const survey: CutSurvey = { contacted: 50, responded: 21, statements: [{ id: 's1', text: 'I feel safe accessing probation services', agree: 17, answered: 20 }] };
const report = buildAnnualReport(cutOf([inspection(1, 11, 30, survey), inspection(2, 12, 25), inspection(3, 13, 40)], [{ fw: framework, inspections: [inspection(4, 14, 20)] }]), frameworks(framework));
const stored: AnnualReportPdfInput['stored'] = { foreword: 'First paragraph.\n\nSecond paragraph.', cutDigest: 'ab'.repeat(32), takenAt: new Date('2026-06-01T09:00:00Z'), status: 'draft', publishOn: null };

const definition = (r: AnnualReport = report, s = stored) => annualReportPdfDefinition({ report: r, framework, stored: s }, '2026-07-01') as Definition;
const chapters = (d: Definition) => d.content.filter((n) => n.style === 'h1' && n.tocItem).map((n) => n.text);
const tables = (d: Definition) => d.content.filter((n) => n.table && (n.table as Node).headerRows !== undefined).map((n) => n.table as { headerRows: number; dontBreakRows: boolean; body: unknown[][] });
const texts = (d: Definition) => JSON.stringify(d.content);

describe('the annual report PDF definition', () => {
  const d = definition();

  it('has a cover with the title, year, framework and status, contents, a running header and "Page n of N"', () => {
    expect(d.content[1]).toMatchObject({ text: report.title, style: 'coverTitle' });
    const cover = JSON.stringify(d.content.slice(0, 4));
    for (const fact of ['2025/26 (2025-04-01 to 2026-03-31)', framework.key, 'Draft: not published']) expect(cover).toContain(fact);
    expect(d.content.some((n) => 'toc' in n)).toBe(true);
    expect(d.header(1)).toBeNull();
    expect(d.header(2)!.text).toContain(report.title);
    expect(d.footer(2, 17).text).toBe('Page 2 of 17');
  });

  it('has every section of the page, the foreword first when it is written', () => {
    expect(chapters(d)).toEqual([
      'Foreword',
      'Ratings',
      'Scores',
      'Key questions nationally',
      'Community and post custody cases compared',
      'Key questions by region',
      ...report.breakdowns.map((b) => `Key questions by ${b.label.toLowerCase()}`),
      'Statutory victim work',
      'Outcomes',
      'People on probation',
      'Compared with 2024/25',
      'Inspections included',
      'How the figures are made',
    ]);
    expect(chapters(definition(report, { ...stored, foreword: '' }))[0]).toBe('Ratings');
    expect(d.content.some((n) => typeof n.svg === 'string' && (n.svg).startsWith('<svg'))).toBe(true);
    const all = texts(d);
    expect(all).toContain('21 of 50 people on probation texted in 1 inspection answered the survey (42%).');
    expect(all).toContain(`${report.victimWork[0]!.standardId} ${report.victimWork[0]!.name}: ${report.victimWork[0]!.rating}`);
    expect(all).toMatch(/\[c\]: withheld because fewer than 5 cases.*\[z\]: no cases to count/);
  });

  it('repeats every figure table’s header row over pages and never splits a row', () => {
    const figureTables = tables(d);
    expect(figureTables.length).toBeGreaterThan(10);
    for (const t of figureTables) expect([t.headerRows, t.dontBreakRows]).toEqual([1, true]);
  });

  it('ends with the data cut’s digest and date', () => {
    const back = JSON.stringify(d.content.slice(d.content.findIndex((n) => n.text === 'About this report')));
    expect(back).toContain('ab'.repeat(32));
    expect(back).toContain('2026-06-01 09:00 UTC');
  });

  it('turns wide tables to landscape, and splits one too wide even for that, repeating the key question', () => {
    expect(tableLayout(4)).toEqual({ orientation: 'portrait', parts: 1 });
    expect(tableLayout(9)).toEqual({ orientation: 'landscape', parts: 1 });
    expect(tableLayout(12)).toEqual({ orientation: 'landscape', parts: 2 });
    // Twelve regions, as nationally.
    const regions = Array.from({ length: 12 }, (_, i) => `Region ${i + 1}`);
    const wide = definition({
      ...report,
      scope: { ...report.scope, regions: regions.map((name) => ({ name, inspections: 1, cases: 10 })) },
      keyQuestions: report.keyQuestions.map((k) => ({ ...k, regions: Object.fromEntries(regions.map((r) => [r, k.national])) })),
    });
    const at = wide.content.findIndex((n) => n.text === 'Key questions by region');
    expect(wide.content[at]).toMatchObject({ pageBreak: 'before', pageOrientation: 'landscape' });
    const parts = wide.content.slice(at + 1, at + 5);
    expect(parts.filter((n) => n.style === 'caption').map((n) => n.text)).toEqual([
      'Percentage of cases judged sufficient, by region (part 1 of 2)',
      'Percentage of cases judged sufficient, by region (part 2 of 2)',
    ]);
    const heads = parts.filter((n) => n.table).map((n) => ((n.table as { body: { text: string }[][] }).body[0]!).map((c) => c.text));
    expect(heads).toEqual([
      ['Key question', ...regions.slice(0, 6)],
      ['Key question', ...regions.slice(6)],
    ]);
    // The next chapter turns back to portrait.
    expect(wide.content.find((n, i) => i > at && n.style === 'h1' && n.pageOrientation === 'portrait')).toBeDefined();
  });

  it('says when the report is published, or will be', () => {
    expect(publicationLine({ ...stored, status: 'published', publishOn: '2026-06-30' }, '2026-07-01')).toBe('Published 2026-06-30');
    expect(publicationLine({ ...stored, status: 'published', publishOn: '2026-08-01' }, '2026-07-01')).toBe('To be published on 2026-08-01');
    expect(definition(report, { ...stored, status: 'published', publishOn: '2026-06-30' }).header(2)!.text).toBe(report.title);
  });

  it('warns on the cover when built from demonstration inspections', () => {
    expect(texts(d)).not.toContain('Demonstration data');
    expect(JSON.stringify(definition({ ...report, isDemo: true }).content.slice(0, 4))).toContain('Demonstration data');
  });
});
