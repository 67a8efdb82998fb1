// Re-rating many inspections from counts added up in SQL gives exactly what rating each one in
// full gives (figures, ratings, explanations, overall; all but the case-by-case flags), on tidy
// generated inspections and on rough ones (condition attributes missing, empty or odd, answers on
// items that do not apply, answers left out, outcome details anywhere), with and without cases.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAssessmentsForInspections, saveInspectionAssessment } from '../../src/db/repositories/index.ts';
import { countAnswersByProfile } from '../../src/db/repositories/rating-counts-repository.ts';
import { countRequest } from '../../src/domain/rating/profile-counts.ts';
import type { InspectionAssessment } from '../../src/domain/assessment/types.ts';
import { rateInspection } from '../../src/domain/rating/engine.ts';
import { generateAssessment } from '../../src/demo/generate-assessment.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { rateInspectionsFromCounts } from '../../src/services/bulk-ratings.ts';
import { createInspection } from '../../src/services/inspections.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { arbitraryRoughAssessment } from '../support/arbitrary-rough-assessment.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
const framework = bundledFramework('hmip-adult-pdu@2021');
const ids: number[] = [];

const assessments: InspectionAssessment[] = [
  ...fc.sample(arbitraryRoughAssessment(framework, { minCases: 1, maxCases: 40 }), { seed: 14, numRuns: 30 }),
  ...Array.from({ length: 8 }, (_, i) => generateAssessment(framework, { seed: 140 + i, cases: 40, windowStart: '2026-04-06', qualityShift: ((i % 7) - 3) / 20 })),
  { frameworkKey: framework.key, cases: [], judgements: {} },
  { frameworkKey: framework.key, cases: [], judgements: { '1.1': { rating: 'Outstanding', rationale: 'Strong' }, diversity: { rating: 'Inadequate' } } },
];

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  for (const [i, a] of assessments.entries()) {
    const inspection = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: framework.key, fieldworkStart: '2026-10-05', title: `Bulk ${i}` }, 'test');
    await saveInspectionAssessment(handle.db, inspection.id, a, 'test');
    ids.push(inspection.id);
  }
}, 120_000);
afterAll(() => handle?.close());

describe('re-rating in bulk from SQL counts', () => {
  it('gives every inspection the same figures, ratings, explanations and overall as rating it in full', async () => {
    const counted = await rateInspectionsFromCounts(handle.db, ids);
    const loaded = await loadAssessmentsForInspections(handle.db, ids);
    expect([...counted.keys()]).toEqual(ids);
    for (const id of ids) {
      const { flags: _flags, ...full } = rateInspection(framework, loaded.get(id)!);
      expect(counted.get(id), `inspection ${id}`).toEqual(full);
    }
  });

  it('the rough inspections really do exercise applicability by the answers and stray answers', () => {
    const rough = assessments.slice(0, 30).flatMap((a) => a.cases);
    expect(rough.some((c) => c.attributes.psr_prepared === undefined)).toBe(true);
    expect(rough.some((c) => c.attributes.victim_contact_eligible === '')).toBe(true);
    expect(rough.some((c) => c.attributes.psr_prepared === 'no' && ['yes', 'no'].includes(c.answers['2.1.1']!))).toBe(true);
  });

  it('rates a few, in the order asked, and leaves out ids with no inspection', async () => {
    const some = [ids[3]!, 999_999, ids[0]!];
    const counted = await rateInspectionsFromCounts(handle.db, some);
    expect([...counted.keys()]).toEqual([ids[3], ids[0]]);
    expect(await rateInspectionsFromCounts(handle.db, [])).toEqual(new Map());
  });
});

describe('the counts by profile', () => {
  // Every case, answer and outcome detail is counted once, under one profile: what a mask's last
  // number is given is what is left of the whole. (No shipped condition applies an item under that
  // number, so the ratings alone would not show it miscounted.)
  it('add up, over the profiles, to every case, answer and outcome detail stored', async () => {
    const request = countRequest(framework);
    const counted = new Set(request.items.map((x) => x.id));
    const { rows } = await countAnswersByProfile(handle.db, ids, request);
    const loaded = await loadAssessmentsForInspections(handle.db, ids);
    const totals = (entries: [string, number][]) => {
      const sums = new Map<string, number>();
      for (const [key, n] of entries) if (n) sums.set(key, (sums.get(key) ?? 0) + n);
      return Object.fromEntries([...sums].sort(([a], [b]) => (a < b ? -1 : 1)));
    };
    const stored = totals(
      ids.flatMap((id) =>
        loaded.get(id)!.cases.flatMap((c) => [
          [`${id} cases`, 1] as [string, number],
          ...Object.entries(c.answers).flatMap(([item, answer]) => (counted.has(item) ? [[`${id} ${item} ${answer}`, 1] as [string, number]] : [])),
          ...Object.entries(c.outcomes).flatMap(([item, o]) =>
            request.outcomeItems.includes(item) ? [[`${id} ${item} ${o.progress}`, o.progress ? 1 : 0] as [string, number], [`${id} ${item} credited`, o.stabilityCredited ? 1 : 0] as [string, number]] : [],
          ),
        ]),
      ),
    );
    const fromCounts = totals(
      rows.flatMap((r): [string, number][] =>
        r.kind === 'cases'
          ? [[`${r.inspectionId} cases`, r.cases]]
          : r.kind === 'answers'
            ? [[`${r.inspectionId} ${r.itemId} ${r.answer}`, r.cases]]
            : [
                [`${r.inspectionId} ${r.itemId} sufficient`, r.sufficient],
                [`${r.inspectionId} ${r.itemId} some`, r.some],
                [`${r.inspectionId} ${r.itemId} none`, r.none],
                [`${r.inspectionId} ${r.itemId} credited`, r.stabilityCredited],
              ],
      ),
    );
    expect(Object.keys(stored).length).toBeGreaterThan(1000);
    expect(fromCounts).toEqual(stored);
  });
});
