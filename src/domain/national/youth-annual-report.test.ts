// The youth annual report from a data cut: in the youth framework's words, key-question figures
// pooled across the year's cases of 2018 and 2021 inspections (the engine rating all those cases at
// once agrees), ratings by standard with 3.4 (renamed and reworded) and 4.1 (added) marked not
// comparable with the diff's reasons, resettlement on its own, court beside out-of-court work, the
// score distribution out of 36, and the year before's trend tables marking the same standards.
import { describe, expect, it } from 'vitest';
import { generateFrameworkAssessment } from '../../demo/generate-framework-assessment.ts';
import { bundledFramework } from '../../reference/frameworks.ts';
import type { Framework } from '../framework/framework.ts';
import { rateInspection } from '../rating/engine.ts';
import { buildAnnualReport } from './annual-report.ts';
import { businessYear } from './business-year.ts';
import { cutPool, type DataCut, type InspectionForCut } from './data-cut.ts';

const y2018 = bundledFramework('hmip-youth@2018');
const y2021 = bundledFramework('hmip-youth@2021');
const frameworks = new Map([y2018, y2021].map((f) => [f.key, f]));

function youth(fw: Framework, id: number, seed: number, cases: number, sufficient: number, relevantCasesFound = true): InspectionForCut {
  const assessment = generateFrameworkAssessment(fw, { seed, cases, caseRefPrefix: `Y${id}-`, windowStart: '2025-01-06', sufficient, relevantCasesFound });
  return {
    id,
    organisation: `Youth justice service ${id}`,
    region: 'No region',
    fieldworkStart: '2025-06-02',
    publishedOn: '2025-09-01',
    isDemo: false,
    assessment,
    ratings: rateInspection(fw, assessment),
    survey: null,
  };
}

const year = businessYear(2025);
const current = [youth(y2021, 1, 301, 20, 0.6), youth(y2021, 2, 302, 18, 0.8, false), youth(y2021, 3, 303, 22, 0.9)];
const sameYear = [youth(y2018, 4, 304, 20, 0.7), youth(y2018, 5, 305, 16, 0.75)];
const before = [youth(y2018, 6, 306, 20, 0.65), youth(y2018, 7, 307, 20, 0.85)];
const cut: DataCut = {
  format: 1,
  takenAt: '2026-06-01T09:00:00.000Z',
  year,
  frameworkKey: y2021.key,
  current: cutPool(y2021, year, current),
  sameYear: [cutPool(y2018, year, sameYear)],
  previous: [cutPool(y2018, businessYear(2024), before)],
};
const report = buildAnnualReport(cut, frameworks);

describe('the youth annual report', () => {
  it("is in the youth framework's words and names both versions the year's inspections were made under", () => {
    expect(report.title).toBe('Annual report: inspections of youth justice services 2025/26');
    expect(report.kind).toEqual({ id: 'youth-service', singular: 'youth justice service', plural: 'youth justice services', people: 'children' });
    expect(report.versions.map((v) => [v.key, v.inspections])).toEqual([
      ['hmip-youth@2021', 3],
      ['hmip-youth@2018', 2],
    ]);
    expect(report.inspections.map((i) => i.frameworkKey)).toEqual(['hmip-youth@2021', 'hmip-youth@2021', 'hmip-youth@2021', 'hmip-youth@2018', 'hmip-youth@2018']);
    expect(report.scope).toMatchObject({ inspections: 5, cases: 96 });
  });

  it('pools key-question figures across all cases of both versions: the engine rating every case at once agrees', () => {
    const all = [...current, ...sameYear].flatMap((i) => i.assessment.cases);
    const engine = rateInspection(y2021, { frameworkKey: y2021.key, cases: all, judgements: {} });
    const kqs = new Map(engine.standards.flatMap((s) => s.keyQuestions).map((k) => [k.id, k]));
    expect(report.keyQuestions.map((k) => k.standardId)).toContain('3.3');
    for (const k of report.keyQuestions) {
      expect([k.id, k.national.sufficient, k.national.applicable, k.national.percentage]).toEqual([k.id, kqs.get(k.id)!.sufficient, kqs.get(k.id)!.applicable, kqs.get(k.id)!.percentage]);
      expect(k.notComparable).toBeNull(); // domains two and three's case-assessed standards are the same in both versions
    }
  });

  it("marks 3.4 and 4.1 not comparable with the diff's reasons, counting the 2021 inspections only", () => {
    expect(report.notComparable).toEqual([
      { standard: '3.4', name: 'Out-of-court disposal policy and provision', reason: '3.4 renamed, statement reworded, key question 3.4.1 reworded (hmip-youth@2018 to hmip-youth@2021)' },
      { standard: '4.1', name: 'Resettlement policy and provision', reason: '4.1 in hmip-youth@2021 but not in hmip-youth@2018 (hmip-youth@2018 to hmip-youth@2021)' },
    ]);
    const row = (id: string) => report.ratings.find((r) => r.id === id)!;
    const total = (r: { counts: Record<string, number>; notRated: number }) => Object.values(r.counts).reduce((a, b) => a + b, 0) + r.notRated;
    expect(row('3.4').notComparable).toEqual({ versions: ['hmip-youth@2018'], left: 2, reason: expect.stringContaining('3.4 renamed') as unknown });
    expect(total(row('3.4'))).toBe(3);
    // 3.3 is the same in both: every inspection is counted, as are the overall ratings (the diff finds them comparable: 4.1 is not counted).
    expect([row('3.3').notComparable, total(row('3.3'))]).toEqual([null, 5]);
    expect([row('overall').notComparable, total(row('overall'))]).toEqual([null, 5]);
    expect(report.ratings.map((r) => r.id)).not.toContain('4.1');
  });

  it('shows resettlement on its own, rated separately from the 2021 inspections, not rated where no custody case was found', () => {
    expect(report.separately).toHaveLength(1);
    const resettlement = report.separately[0]!;
    expect(resettlement).toMatchObject({ id: '4.1', name: 'Resettlement policy and provision', notRated: 1 });
    expect(resettlement.reason).toContain('does not contribute to the overall rating');
    expect(resettlement.notComparable).toMatchObject({ versions: ['hmip-youth@2018'], left: 2 });
    expect(Object.values(resettlement.counts).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('sets court work beside out-of-court work, standard by standard, each from its own cases', () => {
    const ct = report.caseTypes!;
    expect(ct.attribute).toEqual({ id: 'case_type', label: 'Case type' });
    expect(ct.values.map((v) => v.value)).toEqual(['court', 'out-of-court']);
    expect(ct.values.reduce((s, v) => s + v.cases, 0)).toBe(96);
    expect(ct.rows.map((r) => [r.name, r.cells.map((c) => c?.standardId ?? null)])).toEqual([
      ['Assessment', ['2.1', '3.1']],
      ['Planning', ['2.2', '3.2']],
      ['Implementation and delivery', ['2.3', '3.3']],
      ['Reviewing', ['2.4', null]],
    ]);
    // Each cell pools its standard's key questions over that case type's cases: the sum of the key questions' figures.
    const assessmentCourt = ct.rows[0]!.cells[0]!;
    const parts = report.keyQuestions.filter((k) => k.standardId === '2.1').map((k) => k.national);
    expect([assessmentCourt.figure.sufficient, assessmentCourt.figure.applicable]).toEqual([parts.reduce((s, f) => s + f.sufficient, 0), parts.reduce((s, f) => s + f.applicable, 0)]);
    expect(assessmentCourt.keyQuestions).toBe(parts.length);
  });

  it('gives the distribution of scores out of 36, by the overall bands, adding up to every inspection', () => {
    expect(report.scores.maxScore).toBe(36);
    expect(report.scores.bands.map((b) => [b.rating, b.minScore, b.maxScore])).toEqual([
      ['Outstanding', 31, 36],
      ['Good', 19, 30],
      ['Requires improvement', 7, 18],
      ['Inadequate', 0, 6],
    ]);
    expect(report.scores.bands.reduce((s, b) => s + b.inspections, 0)).toBe(5);
    expect(report.scores.scores.reduce((s, b) => s + b.inspections, 0)).toBe(5);
    expect(report.scores.scores.map((s) => s.score)).toEqual(expect.arrayContaining(report.inspections.map((i) => i.score)));
  });

  it("compares with a year before under 2018: 3.4's and 4.1's figures not comparable with the diff's reason, the unchanged standards compared", () => {
    const { comparison } = report;
    expect(comparison.notes.join(' ')).toContain('3.4 renamed, statement reworded, key question 3.4.1 reworded (hmip-youth@2018 to hmip-youth@2021)');
    const standard = (id: string) => comparison.standards.find((s) => s.id === id)!;
    expect(standard('3.4')).toMatchObject({ comparability: 'not-comparable', previous: null });
    expect(standard('3.4').reason).toContain('3.4 renamed');
    expect(standard('2.1')).toMatchObject({ comparability: 'same-wording' });
    expect(standard('2.1').previous).not.toBeNull();
    expect(comparison.overall.previous).not.toBeNull();
    const kq = comparison.rows.find((r) => r.id === '2.1.1')!;
    expect(kq.comparability).toBe('same-wording');
    expect(kq.previous!.applicable).toBeGreaterThan(0);
  });

  it('a cut without other versions of the year (as every cut taken before) is the 2021 inspections alone, nothing marked', () => {
    const { sameYear: _other, ...alone } = cut;
    const only = buildAnnualReport({ ...alone, previous: [] }, frameworks);
    expect(only.scope.inspections).toBe(3);
    expect(only.notComparable).toEqual([]);
    expect(only.ratings.every((r) => r.notComparable === null)).toBe(true);
    expect(only.comparison.standards.every((s) => s.comparability === 'not-inspected')).toBe(true);
  });
});
