// Saving and loading an inspection's case assessments and judgements: exact round trips, replacement.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS, type CaseAssessment, type InspectionAssessment } from '../domain/assessment/types.ts';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { seedInspection } from '../../test/support/storage-factories.ts';
import type { Inspection } from './repositories/inspection-repository.ts';
import {
  AssessmentStorageError,
  deleteCaseAssessment,
  listInspectionJudgements,
  loadCaseAssessment,
  loadAssessmentsForInspections,
  loadInspectionAssessment,
  saveCaseAssessment,
  saveInspectionAssessment,
} from './repositories/assessment-repository.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const keyOf = (i: Inspection) => `${i.frameworkId}@${i.frameworkVersion}`;

const handBuilt = (frameworkKey: string): InspectionAssessment => ({
  frameworkKey,
  cases: [
    {
      caseRef: 'C002', // not in alphabetical order: the saved order is kept
      attributes: { sentence_type: 'community', rosh: 'high', psr_prepared: 'yes', start_date: '2026-03-02' },
      answers: { '2.1.1a': 'yes', '2.1.1b': 'no', '2.1': 'yes', '2.6.1a': 'no', '3.1.1a': 'na' },
      outcomes: {
        '2.6.1a': { progress: 'some' },
        '2.6.1b': { progress: 'sufficient', stabilityCredited: true },
        '2.6.1c': { stabilityCredited: false },
        '2.6.1d': {},
      },
      evidence: {
        '': 'Whole case: "quoted", back\\slash, comma, {braces}, NULL, ünïcødé ✓\nsecond line',
        '2.1': 'Key question evidence',
        '2.1.1a': 'NULL',
      },
    },
    {
      caseRef: 'C001',
      attributes: { sentence_type: 'post-custody', rosh: 'low', note: '' },
      answers: { '2.1.1a': 'na' },
      outcomes: {},
      evidence: { '': '' },
    },
    { caseRef: 'C "odd", ref {x}', attributes: {}, answers: {}, outcomes: {}, evidence: {} },
  ],
  judgements: {
    '1.1': { rating: 'Good', rationale: 'Leadership is clear' },
    '1.2': { rating: 'Requires improvement' },
    diversity: { rating: 'Inadequate', rationale: '' },
  },
});

describe('saveInspectionAssessment / loadInspectionAssessment', () => {
  it('round-trips a hand-built assessment exactly', async () => {
    const inspection = await seedInspection(t.db);
    const assessment = handBuilt(keyOf(inspection));
    await saveInspectionAssessment(t.db, inspection.id, assessment, 'lead@example.org');
    const loaded = await loadInspectionAssessment(t.db, inspection.id, keyOf(inspection));
    expect(loaded).toStrictEqual(assessment); // no extra keys: rationale/progress only where set
    expect(loaded!.cases.map((c) => c.caseRef)).toEqual(['C002', 'C001', 'C "odd", ref {x}']);
  });

  it('loads an inspection with nothing saved as an empty assessment, and a missing one as undefined', async () => {
    const inspection = await seedInspection(t.db);
    expect(await loadInspectionAssessment(t.db, inspection.id)).toStrictEqual({ frameworkKey: keyOf(inspection), cases: [], judgements: {} });
    expect(await loadInspectionAssessment(t.db, 999_999)).toBeUndefined();
    await expect(loadInspectionAssessment(t.db, inspection.id, 'other@1')).rejects.toThrow(AssessmentStorageError);
  });

  it('replaces everything on a second save, keeping judgements that did not change', async () => {
    const inspection = await seedInspection(t.db);
    await saveInspectionAssessment(t.db, inspection.id, handBuilt(keyOf(inspection)), 'first@example.org');
    const firstJudgements = await listInspectionJudgements(t.db, inspection.id);

    const second: InspectionAssessment = {
      frameworkKey: keyOf(inspection),
      cases: [
        { caseRef: 'C001', attributes: { rosh: 'medium' }, answers: { '2.1.1b': 'yes' }, outcomes: { x: { progress: 'none' } }, evidence: {} },
        { caseRef: 'C003', attributes: {}, answers: { '2.1.1a': 'no' }, outcomes: {}, evidence: { '2.1.1a': 'new' } },
      ],
      judgements: {
        '1.1': { rating: 'Good', rationale: 'Leadership is clear' }, // unchanged
        '1.2': { rating: 'Good' }, // changed
        '1.3': { rating: 'Outstanding', rationale: 'new' }, // added; 'diversity' removed
      },
    };
    await saveInspectionAssessment(t.db, inspection.id, second, 'second@example.org');
    expect(await loadInspectionAssessment(t.db, inspection.id)).toStrictEqual(second);

    const judgements = await listInspectionJudgements(t.db, inspection.id);
    expect(judgements.map((j) => [j.itemId, j.recordedBy])).toEqual([
      ['1.1', 'first@example.org'],
      ['1.2', 'second@example.org'],
      ['1.3', 'second@example.org'],
    ]);
    expect(judgements[0]!.recordedAt).toEqual(firstJudgements[0]!.recordedAt);

    const orphans = await sql<{ n: number }>`
      select (select count(*) from case_answer a where not exists (select 1 from inspection_case c where c.id = a.case_id))
           + (select count(*) from case_outcome o where not exists (select 1 from inspection_case c where c.id = o.case_id))
           + (select count(*) from case_evidence e where not exists (select 1 from inspection_case c where c.id = e.case_id)) as n`.execute(t.db);
    expect(orphans.rows[0]!.n).toBe(0);

    await saveInspectionAssessment(t.db, inspection.id, { frameworkKey: keyOf(inspection), cases: [], judgements: {} }, 'x');
    expect(await loadInspectionAssessment(t.db, inspection.id)).toStrictEqual({ frameworkKey: keyOf(inspection), cases: [], judgements: {} });
  });

  it('refuses an unknown inspection, another framework version and repeated case references, changing nothing', async () => {
    const inspection = await seedInspection(t.db);
    const assessment = handBuilt(keyOf(inspection));
    await saveInspectionAssessment(t.db, inspection.id, assessment, 'lead');
    await expect(saveInspectionAssessment(t.db, 999_999, assessment, 'lead')).rejects.toThrow(/No inspection/);
    await expect(
      saveInspectionAssessment(t.db, inspection.id, { ...assessment, frameworkKey: 'hmip-adult-pdu@2099' }, 'lead'),
    ).rejects.toThrow(AssessmentStorageError);
    await expect(
      saveInspectionAssessment(t.db, inspection.id, { ...assessment, cases: [...assessment.cases, assessment.cases[0]!] }, 'lead'),
    ).rejects.toThrow(/C002.*twice/);
    // A value the database refuses rolls the whole save back.
    const bad = { ...assessment, cases: [{ ...assessment.cases[1]!, answers: { x: 'maybe' as never } }] };
    await expect(saveInspectionAssessment(t.db, inspection.id, bad, 'lead')).rejects.toThrow(/check/);
    expect(await loadInspectionAssessment(t.db, inspection.id)).toStrictEqual(assessment);
  });

  it('works inside a caller transaction and rolls back with it', async () => {
    const inspection = await seedInspection(t.db);
    const assessment = handBuilt(keyOf(inspection));
    await t.db.transaction().execute((trx) => saveInspectionAssessment(trx, inspection.id, assessment, 'lead'));
    await expect(
      t.db.transaction().execute(async (trx) => {
        await saveInspectionAssessment(trx, inspection.id, { ...assessment, cases: [] }, 'lead');
        expect((await loadInspectionAssessment(trx, inspection.id))!.cases).toEqual([]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await loadInspectionAssessment(t.db, inspection.id)).toStrictEqual(assessment);
  });
});

describe('one case at a time', () => {
  it('adds, replaces, reads and deletes a single case without touching the others', async () => {
    const inspection = await seedInspection(t.db);
    const assessment = handBuilt(keyOf(inspection));
    await saveInspectionAssessment(t.db, inspection.id, assessment, 'lead');
    const [c002, c001, odd] = assessment.cases as [CaseAssessment, CaseAssessment, CaseAssessment];

    const edited: CaseAssessment = {
      caseRef: 'C001',
      attributes: { rosh: 'very-high' },
      answers: { '2.1.1a': 'yes', '2.1.1b': 'yes' },
      outcomes: { '2.6.1a': { stabilityCredited: true } },
      evidence: { '2.1.1b': 'now with evidence' },
    };
    const id = await saveCaseAssessment(t.db, inspection.id, edited);
    expect(id).toBeTypeOf('number');
    expect(await loadCaseAssessment(t.db, inspection.id, 'C001')).toStrictEqual(edited);

    const added: CaseAssessment = { caseRef: 'C004', attributes: {}, answers: { '3.1.1a': 'no' }, outcomes: {}, evidence: {} };
    await t.db.transaction().execute((trx) => saveCaseAssessment(trx, inspection.id, added));
    expect(await loadInspectionAssessment(t.db, inspection.id)).toStrictEqual({
      ...assessment,
      cases: [c002, edited, odd, added], // an edited case keeps its place
    });
    expect(c001).not.toEqual(edited);

    expect(await deleteCaseAssessment(t.db, inspection.id, 'C002')).toBe(true);
    expect(await deleteCaseAssessment(t.db, inspection.id, 'C002')).toBe(false);
    expect(await loadCaseAssessment(t.db, inspection.id, 'C002')).toBeUndefined();
    expect((await loadInspectionAssessment(t.db, inspection.id))!.cases.map((c) => c.caseRef)).toEqual(['C001', odd.caseRef, 'C004']);
  });
});

describe('bulk', () => {
  const bulkCases = (count: number, items: number): CaseAssessment[] =>
    Array.from({ length: count }, (_, i): CaseAssessment => ({
      caseRef: `B${String(i).padStart(5, '0')}`,
      attributes: { rosh: ['low', 'medium', 'high'][i % 3]!, index: String(i) },
      answers: Object.fromEntries(Array.from({ length: items }, (_, k) => [`2.${k}`, ANSWERS[(i + k) % 3]!])),
      outcomes: i % 2 ? { '2.6.1a': { progress: 'some' as const } } : {},
      evidence: i % 5 ? {} : { '': `case ${i}` },
    }));

  it('saves across statement chunks (300 cases x 80 answers) and loads several inspections at once', async () => {
    const one = await seedInspection(t.db);
    const two = await seedInspection(t.db);
    const empty = await seedInspection(t.db);
    const big: InspectionAssessment = { frameworkKey: keyOf(one), cases: bulkCases(300, 80), judgements: { '1.1': { rating: 'Good' } } };
    const small = handBuilt(keyOf(two));
    await saveInspectionAssessment(t.db, one.id, big, 'lead');
    await saveInspectionAssessment(t.db, two.id, small, 'lead');

    const loaded = await loadAssessmentsForInspections(t.db, [two.id, one.id, empty.id, 999_999, one.id]);
    expect([...loaded.keys()].sort()).toEqual([one.id, two.id, empty.id].sort());
    expect(loaded.get(one.id)).toStrictEqual(big);
    expect(loaded.get(two.id)).toStrictEqual(small);
    expect(loaded.get(empty.id)).toStrictEqual({ frameworkKey: keyOf(empty), cases: [], judgements: {} });
    expect(await loadAssessmentsForInspections(t.db, [])).toEqual(new Map());
  });
});
