import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryAssessment, caseJudged } from '../../../test/support/arbitrary-assessment.ts';
import { generateAssessment } from '../../demo/generate-assessment.ts';
import { bundledFramework } from '../../reference/frameworks.ts';
import type { InspectionAssessment } from '../assessment/types.ts';
import { compileFramework, type Framework } from '../framework/framework.ts';
import { businessYear } from '../national/business-year.ts';
import { rateInspection } from '../rating/engine.ts';
import { percentage, reaches } from '../rating/percentages.ts';
import { addCounts, countItems, figureText } from './counts.ts';
import { buildRegionalFeedback, nationalPool } from './feedback.ts';
import { FEW_CASES, type RegionalFeedback, type RegionalInspection } from './types.ts';

const framework = bundledFramework('hmip-adult-pdu@2021');
const rules = framework.definition.rules;
const year = businessYear(2025);
const region = { id: 9, name: 'Test region' };

function inspection(id: number, pdu: string, assessment: InspectionAssessment, extra: Partial<RegionalInspection> = {}, f: Framework = framework): RegionalInspection {
  return {
    inspectionId: id,
    pdu,
    fieldworkStart: `2025-${String((id % 9) + 4).padStart(2, '0')}-01`,
    fieldworkEnd: `2025-${String((id % 9) + 4).padStart(2, '0')}-05`,
    reportStatus: 'published',
    isDemo: false,
    framework: f,
    ratings: rateInspection(f, assessment),
    assessment,
    recommendations: [],
    ...extra,
  };
}

const caseWith = (ref: string, judge: (kq: string) => 'yes' | 'no') => caseJudged(framework, ref, judge, { start_date: '2025-03-02' });

/** `cases` cases of which the first `yes` are sufficient on `kq`; every other key question yes. */
const assessmentWith = (kq: string, yes: number, cases: number): InspectionAssessment => ({
  frameworkKey: framework.key,
  cases: Array.from({ length: cases }, (_, i) => caseWith(`C${i}`, (id) => (id === kq ? (i < yes ? 'yes' : 'no') : 'yes'))),
  judgements: {},
});

describe('regional feedback from generated inspections', () => {
  const assessments = [0, 1, 2].map((i) => generateAssessment(framework, { seed: 100 + i, cases: 30 + i * 5, windowStart: '2025-01-01', qualityShift: -0.05 * i }));
  const inspections = assessments.map((a, i) => inspection(i + 1, ['Alpha', 'Bravo', 'Charlie'][i]!, a));
  const feedback = buildRegionalFeedback({ region, year, inspections, national: [nationalPool(framework, assessments)] });

  it('pools key questions from the cases, beside each PDU’s own figure from the rating engine', () => {
    const kq = feedback.keyQuestions.find((k) => k.id === '2.2.3')!;
    const engine = inspections.map((i) => i.ratings.standards.find((s) => s.id === '2.2')!.keyQuestions.find((k) => k.id === '2.2.3')!);
    expect(kq.pdus.map((p) => [p.figure.sufficient, p.figure.applicable, p.figure.percentage])).toEqual(engine.map((e) => [e.sufficient, e.applicable, e.percentage]));
    const n = engine.reduce((s, e) => s + e.sufficient, 0);
    const N = engine.reduce((s, e) => s + e.applicable, 0);
    expect(kq.region).toEqual({ sufficient: n, applicable: N, percentage: percentage(n, N, rules.percentages), fewCases: false });
    // The national pool here is the same three inspections.
    expect(kq.national).toEqual(kq.region);
    expect(feedback.cases).toBe(30 + 35 + 40);
  });

  it('tabulates each PDU’s ratings and their spread across the region', () => {
    expect(feedback.ratings.columns.map((c) => c.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5', 'diversity', 'overall']);
    expect(feedback.ratings.rows.map((r) => r.ratings['overall'])).toEqual(inspections.map((i) => i.ratings.overall.rating));
    for (const d of feedback.distributions) expect(Object.values(d.counts).reduce((a, b) => a + b, 0) + d.notRated).toBe(3);
  });

  it('leaves out statutory victim work (national only) and marks outcomes as unrated', () => {
    expect(feedback.keyQuestions.some((k) => k.standardId === '2.7')).toBe(false);
    expect(feedback.keyQuestions.filter((k) => k.standardId === '2.6').every((k) => !k.rated)).toBe(true);
    expect(feedback.prompts.some((p) => p.standardId === '2.6' || p.standardId === '2.7')).toBe(false);
    expect(feedback.notes.some((n) => n.startsWith('2.7 Statutory victim work'))).toBe(true);
  });

  it('gathers the domain-one rationales standard by standard', () => {
    expect(feedback.rationales.map((r) => r.id)).toEqual(['1.1', '1.2', '1.3', '1.4', 'diversity']);
    expect(feedback.rationales[0]!.entries.map((e) => e.rationale)).toEqual(assessments.map((a) => a.judgements['1.1']!.rationale));
  });

  it('lists the lowest pooled prompts, lowest first, each from enough cases', () => {
    const lowest = feedback.themes.lowestPrompts;
    expect(lowest.length).toBeGreaterThan(0);
    for (const [a, b] of lowest.slice(1).map((p, i) => [lowest[i]!, p] as const)) expect(a.region.sufficient * b.region.applicable).toBeLessThanOrEqual(b.region.sufficient * a.region.applicable);
    expect(lowest.every((p) => p.region.applicable >= FEW_CASES)).toBe(true);
    const lowestShare = lowest[0]!.region.sufficient / lowest[0]!.region.applicable;
    for (const p of feedback.prompts.filter((x) => x.region.applicable >= FEW_CASES)) expect(p.region.sufficient / p.region.applicable).toBeGreaterThanOrEqual(lowestShare);
  });
});

describe('themes across the PDUs', () => {
  // 2.2.3 sufficient in fewer than half the cases in four PDUs, in nine of ten in the fifth.
  const inspections = [
    inspection(1, 'Alpha', assessmentWith('2.2.3', 4, 10)),
    inspection(2, 'Bravo', assessmentWith('2.2.3', 3, 10)),
    inspection(3, 'Charlie', assessmentWith('2.2.3', 9, 10)),
    inspection(4, 'Delta', assessmentWith('2.2.3', 2, 10)),
    inspection(5, 'Echo', assessmentWith('2.2.3', 1, 3)),
  ];
  const feedback = buildRegionalFeedback({ region, year, inspections });

  it('words a concern plainly, says how widespread it is and gives the pooled figure', () => {
    const theme = feedback.themes.concerns.find((t) => t.itemId === '2.2.3')!;
    expect(theme).toMatchObject({ kind: 'concern', level: 'key-question', count: 4, of: 5, edge: 50, pdus: ['Alpha', 'Bravo', 'Delta', 'Echo'] });
    expect(theme.sentence).toBe(
      'In 4 of the 5 PDUs (Alpha, Bravo, Delta and Echo) fewer than half of cases were judged sufficient on 2.2.3 "Does assessment focus sufficiently on keeping other people safe?" (the Inadequate band). Across the region 19 of 43 cases (44%) were judged sufficient. In Echo the figure comes from fewer than 5 cases.',
    );
    // Prompts answered as their key question: the same PDUs fall below half on 2.2.3's prompts.
    expect(feedback.themes.concerns.filter((t) => t.level === 'prompt').map((t) => t.itemId)).toEqual(['2.2.3a', '2.2.3b', '2.2.3c']);
  });

  it('finds consistent strengths and puts the most widespread first', () => {
    const first = feedback.themes.strengths[0]!;
    expect(first).toMatchObject({ kind: 'strength', count: 5, of: 5, edge: 80 });
    expect(first.sentence).toMatch(/^In all 5 PDUs \(Alpha, Bravo, Charlie, Delta and Echo\) 80% or more of cases were judged sufficient on 2\.1\.1 /);
    expect(feedback.themes.strengths.some((t) => t.itemId === '2.2.3')).toBe(false);
    expect(feedback.themes.note).toBeNull();
  });

  it('flags a PDU figure from fewer than five cases', () => {
    const kq = feedback.keyQuestions.find((k) => k.id === '2.2.3')!;
    expect(kq.pdus.find((p) => p.pdu === 'Echo')!.figure.fewCases).toBe(true);
    expect(figureText(kq.pdus.find((p) => p.pdu === 'Echo')!.figure)).toBe('33% (1 of 3), fewer than 5 cases');
    expect(kq.region.fewCases).toBe(false);
  });

  it('compares with the band edge after rounding as the framework says: 64.5% counts as 65%', () => {
    // 129 of 200 is 64.5%, rounded to 65%: Good, so not below Good. 128 of 200 (64%) is below it.
    const edge = buildRegionalFeedback({
      region,
      year,
      inspections: [inspection(1, 'A', assessmentWith('2.3.3', 129, 200)), inspection(2, 'B', assessmentWith('2.3.3', 128, 200)), inspection(3, 'C', assessmentWith('2.3.3', 129, 200))],
    });
    expect(edge.themes.concerns.find((t) => t.itemId === '2.3.3')).toBeUndefined();
    expect(edge.themes.strengths.find((t) => t.itemId === '2.3.3')).toMatchObject({ count: 2, of: 3, edge: 65, pdus: ['A', 'C'], bandWords: 'Good or better' });
    expect(reaches(129, 200, 65, rules.percentages)).toBe(true);
  });

  it('finds no themes across a single PDU, and says why', () => {
    const one = buildRegionalFeedback({ region, year, inspections: [inspection(1, 'Alpha', assessmentWith('2.2.3', 1, 10))] });
    expect(one.themes.concerns).toEqual([]);
    expect(one.themes.strengths).toEqual([]);
    expect(one.themes.note).toMatch(/Only one PDU inspection/);
  });

  it('says so when there is no inspection', () => {
    const none = buildRegionalFeedback({ region, year, inspections: [] });
    expect(none.inspections).toEqual([]);
    expect(none.themes.note).toBe('No PDU inspection in Test region with fieldwork beginning in 2025/26 has reached the factual accuracy check yet.');
  });
});

describe('recommendations, framework versions and national figures', () => {
  it('lists recommendations to the region and groups those to the PDUs by standard', () => {
    const a = inspection(1, 'Alpha', assessmentWith('2.2.3', 4, 10), {
      recommendations: [
        { addressedTo: 'region', text: 'Recruit more probation officers across the region.' },
        { addressedTo: 'pdu', text: 'Improve risk of harm assessment.' },
        { addressedTo: 'national', text: 'Review the operating model.' },
      ],
    });
    const b = inspection(2, 'Bravo', assessmentWith('2.2.3', 4, 10), { recommendations: [{ addressedTo: 'pdu', text: 'Improve the quality of assessments (2.2).' }, { addressedTo: 'pdu', text: 'Work with partners.' }] });
    const f = buildRegionalFeedback({ region, year, inspections: [b, a] });
    expect(f.recommendations.region).toEqual([{ inspectionId: 1, pdu: 'Alpha', text: 'Recruit more probation officers across the region.' }]);
    expect(f.recommendations.national.map((r) => r.pdu)).toEqual(['Alpha']);
    expect(f.recommendations.pdu.map((g) => [g.standardId, g.items.map((i) => i.pdu)])).toEqual([
      ['2.2', ['Alpha', 'Bravo']],
      [null, ['Bravo']],
    ]);
  });

  it('pools only the inspections under the framework version most of them used, and says which were left out', () => {
    const other = compileFramework({ ...framework.definition, version: '2099' });
    const odd = { ...assessmentWith('2.2.3', 10, 10), frameworkKey: other.key };
    const f = buildRegionalFeedback({
      region,
      year,
      inspections: [inspection(1, 'Alpha', assessmentWith('2.2.3', 4, 10)), inspection(2, 'Bravo', assessmentWith('2.2.3', 4, 10)), inspection(3, 'Charlie', odd, {}, other)],
      national: [nationalPool(other, [odd])],
    });
    expect(f.framework?.key).toBe(framework.key);
    expect(f.inspections.map((i) => i.pooled)).toEqual([true, true, false]);
    expect(f.keyQuestions.find((k) => k.id === '2.2.3')!.region).toMatchObject({ sufficient: 8, applicable: 20 });
    expect(f.ratings.rows).toHaveLength(3);
    expect(f.national).toBeNull();
    expect(f.keyQuestions[0]!.national).toBeNull();
    expect(f.notes.some((n) => n.startsWith('Charlie') && n.includes('not in the pooled figures'))).toBe(true);
  });

  it('says "inspections" rather than "PDUs" when a PDU was inspected twice in the year', () => {
    const f = buildRegionalFeedback({ region, year, inspections: [inspection(1, 'Alpha', assessmentWith('2.2.3', 1, 10)), inspection(2, 'Alpha', assessmentWith('2.2.3', 1, 10))] });
    expect(f.unitWord).toBe('inspections');
    expect(f.inspections.map((i) => i.pdu)).toEqual(['Alpha (fieldwork from 2025-05-01)', 'Alpha (fieldwork from 2025-06-01)']);
    expect(f.themes.concerns[0]!.sentence).toMatch(/^In both inspections \(Alpha \(fieldwork from 2025-05-01\) and Alpha/);
  });
});

describe('properties', () => {
  const arbitraryRegion = fc.array(arbitraryAssessment(framework, { minCases: 1, maxCases: 8 }), { minLength: 1, maxLength: 4 });
  const build = (assessments: InspectionAssessment[], order = assessments.map((_, i) => i)): RegionalFeedback =>
    buildRegionalFeedback({
      region,
      year,
      inspections: order.map((i) => inspection(i + 1, `PDU ${i + 1}`, assessments[i]!)),
      national: [nationalPool(framework, assessments)],
    });

  it('counts key questions exactly as the rating engine does', () => {
    fc.assert(
      fc.property(arbitraryAssessment(framework, { maxCases: 10 }), (a) => {
        const counts = countItems(framework, a);
        for (const s of rateInspection(framework, a).standards)
          for (const kq of s.keyQuestions) expect(counts[kq.id], kq.id).toEqual({ sufficient: kq.sufficient, applicable: kq.applicable });
      }),
      { numRuns: 30 },
    );
  });

  it('pools by adding counts: the region is the sum of its PDUs, and with no other inspection the nation equals the region', () => {
    fc.assert(
      fc.property(arbitraryRegion, (assessments) => {
        const f = build(assessments);
        for (const row of [...f.keyQuestions, ...f.prompts]) {
          const n = row.pdus.reduce((s, p) => s + p.figure.sufficient, 0);
          const N = row.pdus.reduce((s, p) => s + p.figure.applicable, 0);
          expect([row.region.sufficient, row.region.applicable]).toEqual([n, N]);
          expect(row.region.percentage).toBe(percentage(n, N, rules.percentages));
          expect(row.region.fewCases).toBe(N < FEW_CASES);
          expect(row.national).toEqual(row.region);
        }
        expect(addCounts([])).toEqual({});
      }),
      { numRuns: 25 },
    );
  });

  it('only calls something a theme when more than half of at least two PDUs share it, and orders themes by how widespread they are', () => {
    fc.assert(
      fc.property(arbitraryRegion, (assessments) => {
        const f = build(assessments);
        for (const list of [f.themes.concerns, f.themes.strengths]) {
          for (const t of list) {
            expect(t.of).toBeGreaterThanOrEqual(2);
            expect(t.count * 2).toBeGreaterThan(t.of);
            expect(t.pdus).toHaveLength(t.count);
            const row = [...f.keyQuestions, ...f.prompts].find((r) => r.id === t.itemId)!;
            const meets = row.pdus.filter((p) => p.figure.applicable > 0 && reaches(p.figure.sufficient, p.figure.applicable, t.edge, rules.percentages) === (t.kind === 'strength'));
            expect(meets.map((p) => p.pdu)).toEqual(t.pdus);
          }
          for (let i = 1; i < list.length; i++) expect(list[i - 1]!.count * list[i]!.of).toBeGreaterThanOrEqual(list[i]!.count * list[i - 1]!.of);
        }
        const concerned = new Set(f.themes.concerns.filter((t) => t.level === 'key-question').map((t) => t.itemId));
        expect(f.themes.strengths.some((t) => concerned.has(t.itemId))).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('does not depend on the order the inspections come in', () => {
    fc.assert(
      fc.property(
        arbitraryRegion.chain((assessments) => fc.tuple(fc.constant(assessments), fc.shuffledSubarray(assessments.map((_, i) => i), { minLength: assessments.length }))),
        ([assessments, order]) => {
          expect(build(assessments, order)).toEqual(build(assessments));
        },
      ),
      { numRuns: 20 },
    );
  });
});
