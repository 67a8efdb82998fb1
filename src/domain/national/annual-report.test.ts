// The annual national report from a data cut: pooled figures agree with the rating engine run on
// every case at once, breakdowns add up, victim work is rated from pooled cases, the report is the
// same however the cut is ordered or stored, and the comparison says where the framework changed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutOf, framework, frameworks, inspection } from '../../../test/support/annual-cut.ts';
import type { InspectionAssessment } from '../assessment/types.ts';
import { compileFramework } from '../framework/framework.ts';
import { rateInspection } from '../rating/engine.ts';
import { explainCaseRating } from '../rating/explain.ts';
import { buildAnnualReport, SMALL_NUMBER } from './annual-report.ts';
import { businessYear } from './business-year.ts';
import { cutPool, type CutSurvey, type DataCut, type InspectionForCut } from './data-cut.ts';

/** Every case of every inspection as one inspection: what pooled national figures must equal. */
function pooled(inspections: InspectionForCut[]): InspectionAssessment {
  return { frameworkKey: framework.key, cases: inspections.flatMap((i) => i.assessment.cases), judgements: {} };
}

describe('annual national report', () => {
  const inspections = [inspection(1, 11, 30), inspection(2, 12, 25), inspection(3, 13, 40), inspection(4, 14, 20)];
  const report = buildAnnualReport(cutOf(inspections), frameworks(framework));

  it('pools every case: national key-question figures equal the engine rating all cases at once', () => {
    const engine = rateInspection(framework, pooled(inspections));
    const engineKqs = new Map(engine.standards.flatMap((s) => s.keyQuestions).map((k) => [k.id, k]));
    expect(report.keyQuestions.length).toBeGreaterThan(10);
    for (const k of report.keyQuestions) {
      const expected = engineKqs.get(k.id)!;
      expect({ id: k.id, n: k.national.sufficient, N: k.national.applicable, p: k.national.percentage }).toEqual({
        id: k.id,
        n: expected.sufficient,
        N: expected.applicable,
        p: expected.percentage,
      });
    }
    expect(report.scope).toMatchObject({ inspections: 4, cases: 115 });
  });

  it('breaks each key question down by RoSH level, sentence type, gender and ethnicity, adding up to the national figure', () => {
    expect(report.breakdowns.map((b) => b.id)).toEqual(['rosh', 'sentence_type', 'gender', 'ethnicity']);
    for (const k of report.keyQuestions)
      for (const b of report.breakdowns) {
        const parts = Object.values(k.breakdowns[b.id]!);
        expect(parts.reduce((s, f) => s + f.applicable, 0)).toBe(k.national.applicable);
        expect(parts.reduce((s, f) => s + f.sufficient, 0)).toBe(k.national.sufficient);
        // Small figures are withheld; others may be too, so that no small one can be worked out (withheld-figures.test.ts).
        for (const f of parts) if (f.applicable < SMALL_NUMBER) expect(f.suppressed).toBe(true);
      }
    const rosh = report.breakdowns.find((b) => b.id === 'rosh')!;
    expect(rosh.values.map((v) => v.label).slice(0, 4)).toEqual(['Low', 'Medium', 'High', 'Very high']);
  });

  it('gives each region its own pooled figures, which add up to the national one', () => {
    expect(report.scope.regions.map((r) => r.name)).toEqual(['London', 'North East', 'Wales']);
    for (const k of report.keyQuestions) expect(Object.values(k.regions).reduce((s, f) => s + f.applicable, 0)).toBe(k.national.applicable);
  });

  it('counts ratings per standard nationally and by region', () => {
    const overall = report.ratings.find((r) => r.id === 'overall')!;
    expect(Object.values(overall.counts).reduce((a, b) => a + b, 0) + overall.notRated).toBe(4);
    for (const r of report.ratings) {
      for (const rating of framework.ratingScale)
        expect(r.byRegion.reduce((s, g) => s + g.counts[rating]!, 0)).toBe(r.counts[rating]);
    }
    const s22 = report.ratings.find((r) => r.id === '2.2')!;
    for (const rating of framework.ratingScale)
      expect(s22.counts[rating]).toBe(inspections.filter((i) => i.ratings.standards.find((s) => s.id === '2.2')!.rating === rating).length);
  });

  it('rates statutory victim work nationally from the pooled cases, by the lowest key question', () => {
    expect(report.victimWork.map((v) => v.standardId)).toEqual(['2.7']);
    const engine = rateInspection(framework, pooled(inspections)).standards.find((s) => s.id === '2.7')!;
    const expected = explainCaseRating(framework, engine.keyQuestions);
    expect(report.victimWork[0]!.rating).toBe(expected.band!.rating);
    expect(report.victimWork[0]!.explanation).toContain(`set by key question ${expected.setBy}`);
    expect(report.victimWork[0]!.casesApplicable).toBe(engine.casesApplicable);
  });

  it('reports outcomes as percentages, unrated', () => {
    const engine = rateInspection(framework, pooled(inspections)).standards.find((s) => s.assessedBy === 'case-outcomes')!;
    expect(report.outcomes[0]!.questions.map((q) => [q.id, q.figure.sufficient, q.figure.applicable])).toEqual(
      engine.outcomeQuestions!.map((q) => [q.id, q.sufficient, q.applicable]),
    );
    expect(report.keyQuestions.some((k) => k.standardId === engine.id)).toBe(false);
  });

  it('is the same report however the cut is ordered, and after being stored as JSON', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(inspections, { minLength: inspections.length }), (shuffled) => {
        const again = buildAnnualReport(JSON.parse(JSON.stringify(cutOf(shuffled))) as DataCut, frameworks(framework));
        expect(again).toEqual(report);
      }),
      { numRuns: 10 },
    );
  });

  it('pools the survey across inspections and withholds statements few people answered', () => {
    const survey = (responded: number, agree: number, answered: number): CutSurvey => ({
      contacted: 100,
      responded,
      statements: [
        { id: 's1', text: 'My probation officer listens to me', agree, answered },
        { id: 's2', text: 'I know why I am on probation', agree: 2, answered: 4 },
      ],
    });
    const r = buildAnnualReport(cutOf([inspection(1, 11, 10, survey(30, 20, 28)), inspection(2, 12, 10, survey(10, 3, 9)), inspection(3, 13, 10)]), frameworks(framework));
    expect(r.survey).toMatchObject({ inspections: 2, contacted: 200, responded: 40, responseRate: 20 });
    expect(r.survey!.statements[1]).toMatchObject({ answered: 8, suppressed: true });
    // 23 of 37 pooled, less the 20 of 28 the first PDU's report shows, would give the second PDU's
    // withheld 3 of 9: so the pooled figure is withheld too.
    expect(r.survey!.statements[0]).toMatchObject({ agree: 23, answered: 37, suppressed: true });
    const third = buildAnnualReport(
      cutOf([inspection(1, 11, 10, survey(30, 20, 28)), inspection(2, 12, 10, survey(10, 3, 9)), inspection(3, 13, 10, survey(10, 5, 8))]),
      frameworks(framework),
    );
    // Two PDUs' statements withheld, 17 answers between them: subtraction gives only their sum.
    expect(third.survey!.statements[0]).toMatchObject({ agree: 28, answered: 45, percentage: 62, suppressed: false });
  });

  it('compares with the year before and says where the framework version changed', () => {
    const changed = structuredClone(framework.definition);
    changed.version = '2021-revised';
    const kq = changed.domains.find((d) => d.standards.some((s) => s.id === '2.2'))!.standards.find((s) => s.id === '2.2')!.keyQuestions[0]!;
    kq.text = `${kq.text} (revised)`;
    const revised = compileFramework(changed);
    const previous = [inspection(5, 21, 30, null, revised)];
    const same = [inspection(6, 22, 30)];
    const r = buildAnnualReport(
      cutOf(inspections, [
        { fw: framework, inspections: same },
        { fw: revised, inspections: previous },
      ]),
      frameworks(framework, revised),
    );
    expect(r.comparison.previousYear.label).toBe('2024/25');
    expect(r.comparison.notes.join(' ')).toContain('hmip-adult-pdu@2021-revised');
    const row = (id: string) => r.comparison.rows.find((x) => x.id === id)!;
    // Reworded: only the inspection under the same version counts.
    expect(row(kq.id).comparability).toBe('same-framework');
    expect(row(kq.id).reason).toContain('worded differently in hmip-adult-pdu@2021-revised');
    const sameOnly = cutPool(framework, businessYear(2024), same);
    const index = sameOnly.items.findIndex((i) => i.id === kq.id);
    expect(row(kq.id).previous!.applicable).toBe(sameOnly.cases.filter((c) => c.values[index] === 'y' || c.values[index] === 'n').length);
    // Unchanged wording: both previous pools count, marked as the same wording under another version.
    expect(row('2.1.1').comparability).toBe('same-wording');
    const shown = row('2.1.1');
    expect(shown.change).toBe(Number((shown.current.percentage! - shown.previous!.percentage!).toFixed(0)));

    const onlyRevised = buildAnnualReport(cutOf(inspections, [{ fw: revised, inspections: previous }]), frameworks(framework, revised));
    expect(onlyRevised.comparison.rows.find((x) => x.id === kq.id)).toMatchObject({ comparability: 'not-comparable', previous: null, change: null });
    const none = buildAnnualReport(cutOf(inspections), frameworks(framework));
    expect(none.comparison.rows.every((x) => x.comparability === 'not-inspected')).toBe(true);
    expect(none.comparison.notes[0]).toContain('No inspections published from 2024/25');
  });

  it('refuses a cut whose framework version is not loaded, rather than guessing', () => {
    expect(() => buildAnnualReport(cutOf(inspections), new Map())).toThrow(/hmip-adult-pdu@2021/);
  });
});
