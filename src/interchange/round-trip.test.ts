import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemApplies, requiredItems } from '../domain/assessment/applicability.ts';
import type { Answer, CaseAssessment, InspectionAssessment, OutcomeDetail, Progress } from '../domain/assessment/types.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { formatProblem, parseAssessmentFile, writeAssessmentCsv, writeAssessmentJson, type FileFormat } from './assessment-file.ts';

const framework = bundledFramework();
const caseItemIds = framework.caseStandards.flatMap((s) => s.keyQuestions.flatMap((kq) => [kq.id, ...kq.prompts.map((p) => p.id)]));
const outcomeIds = framework.items.filter((i) => i.kind === 'outcome-question').map((i) => i.id);
const evidenceIds = ['', ...framework.caseStandards.flatMap((s) => [s.id, ...s.keyQuestions.flatMap((kq) => [kq.id, ...kq.prompts.map((p) => p.id)])])];

/** Free text as it comes back from a file: trimmed and not empty; with commas, quotes and line breaks. */
const text = fc
  .string({ unit: fc.oneof(fc.constantFrom('a', 'Z', ' ', ',', '"', "'", '\n', '\r\n', '\r', '\t', '\u00a0', ';', 'é', '’', '—', ':'), fc.string({ minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 30 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Attributes first: the required ones always, the others sometimes, each in normal form. */
const attributes: fc.Arbitrary<Record<string, string>> = fc.record(
  Object.fromEntries(
    framework.definition.caseAttributes.map((a) => {
      const value =
        a.type === 'choice' ? fc.constantFrom(...a.values!) : a.type === 'yes-no' ? fc.constantFrom('yes', 'no') : a.type === 'date' ? isoDate : text;
      return [a.id, value];
    }),
  ),
  { requiredKeys: framework.definition.caseAttributes.filter((a) => a.required).map((a) => a.id) },
);

const answer = fc.constantFrom<Answer>('yes', 'no', 'na');
const outcomeDetail: fc.Arbitrary<OutcomeDetail> = fc
  .record({ progress: fc.constantFrom<Progress>('sufficient', 'some', 'none'), stabilityCredited: fc.boolean() }, { requiredKeys: [] })
  .filter((d) => Object.keys(d).length > 0);

/**
 * A valid case: attributes, then a first draft of answers (some items left out), made valid:
 * yes or no where an item does not apply becomes na, and every item that applies is answered.
 */
const validCase = (caseRef: string) =>
  fc
    .record({
      attributes,
      draft: fc.array(fc.option(answer, { nil: undefined }), { minLength: caseItemIds.length, maxLength: caseItemIds.length }),
      fill: fc.array(answer, { minLength: caseItemIds.length, maxLength: caseItemIds.length }),
      outcomes: fc.dictionary(fc.constantFrom(...outcomeIds), outcomeDetail),
      evidence: fc.dictionary(fc.constantFrom(...evidenceIds), text, { maxKeys: 4 }),
    })
    .map(({ attributes, draft, fill, outcomes, evidence }): CaseAssessment => {
      const c: CaseAssessment = { caseRef, attributes, answers: {}, outcomes: {}, evidence };
      caseItemIds.forEach((id, i) => {
        if (draft[i] !== undefined) c.answers[id] = draft[i];
      });
      for (let changed = true; changed; ) {
        changed = false;
        for (const [id, a] of Object.entries(c.answers))
          if (a !== 'na' && !itemApplies(framework, id, c)) [c.answers[id], changed] = ['na', true];
      }
      const { keyQuestions, prompts } = requiredItems(framework, c);
      for (const id of [...keyQuestions, ...prompts]) c.answers[id] ??= fill[caseItemIds.indexOf(id)]!;
      for (const [id, d] of Object.entries(outcomes)) if (id in c.answers) c.outcomes[id] = d;
      return c;
    });

const inspectionAssessment: fc.Arbitrary<InspectionAssessment> = fc
  .record({
    refs: fc.uniqueArray(text, { maxLength: 3 }),
    judgements: fc.dictionary(
      fc.constantFrom(...framework.judgementStandards.map((s) => s.id), ...framework.definition.rules.judgements.map((j) => j.id)),
      fc.record({ rating: fc.constantFrom(...framework.ratingScale), rationale: text }, { requiredKeys: ['rating'] }),
    ),
  })
  .chain(({ refs, judgements }) =>
    fc.tuple(...refs.map(validCase)).map((cases) => ({ frameworkKey: framework.key, cases, judgements })),
  );

function readBack(format: FileFormat, written: string) {
  const result = parseAssessmentFile(framework, written, format, { strict: true });
  if (!result.ok) throw new Error(`rejected its own output:\n${result.errors.map(formatProblem).join('\n')}\n${written}`);
  return result;
}

describe('writing and reading back', () => {
  it('generates cases across the conditional rules', () => {
    const cases = fc.sample(inspectionAssessment, { numRuns: 200, seed: 42 }).flatMap((a) => a.cases);
    const answered21 = (c: CaseAssessment) => ['2.1.1', '2.1.1a'].some((id) => c.answers[id] === 'yes' || c.answers[id] === 'no');
    const kinds = {
      psrAbsent21Applies: cases.some((c) => c.attributes.psr_prepared === undefined && answered21(c)),
      psrAbsent21Out: cases.some((c) => c.attributes.psr_prepared === undefined && !answered21(c)),
      psrNo: cases.some((c) => c.attributes.psr_prepared === 'no' && !answered21(c)),
      custody2_4_1d: cases.some((c) => c.attributes.sentence_type === 'post-custody' && c.answers['2.4.1d'] !== 'na'),
      community2_4_1d: cases.some((c) => c.attributes.sentence_type === 'community' && c.answers['2.4.1d'] === 'na'),
      outcomeDetail: cases.some((c) => Object.keys(c.outcomes).length > 0),
      evidence: cases.some((c) => Object.keys(c.evidence).length > 0),
    };
    expect(kinds).toEqual(Object.fromEntries(Object.keys(kinds).map((k) => [k, true])));
  });

  it('CSV export then import gives back the same assessment', () => {
    fc.assert(
      fc.property(inspectionAssessment, (assessment) => {
        const result = readBack('csv', writeAssessmentCsv(framework, assessment));
        expect(result.assessment).toEqual(assessment);
        expect(result.warnings).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('JSON export then import gives back the same assessment', () => {
    fc.assert(
      fc.property(inspectionAssessment, (assessment) => {
        expect(readBack('json', writeAssessmentJson(framework, assessment)).assessment).toEqual(assessment);
      }),
      { numRuns: 150 },
    );
  });

  it('CSV with a byte order mark reads the same', () => {
    fc.assert(
      fc.property(inspectionAssessment, (assessment) => {
        const written = writeAssessmentCsv(framework, assessment, { bom: true });
        expect(written.startsWith('\uFEFFcase_ref,item,value\n')).toBe(true);
        expect(readBack('csv', written).assessment).toEqual(assessment);
      }),
      { numRuns: 30 },
    );
  });
});

describe('what the writers write', () => {
  const c: CaseAssessment = {
    caseRef: 'C1, north',
    attributes: { gender: 'male', rosh: 'low', sentence_type: 'community', start_date: '2026-01-02' },
    answers: Object.fromEntries(
      requiredItems(framework, { caseRef: 'x', attributes: { sentence_type: 'community' }, answers: {}, outcomes: {}, evidence: {} })
        .keyQuestions.concat(outcomeIds)
        .map((id) => [id, 'yes']),
    ),
    outcomes: { '2.6.1b': { stabilityCredited: false, progress: 'none' } },
    evidence: { '': 'Case note', '2.2': 'Standard note', '2.2.1': 'He said "fine"' },
  };
  const assessment: InspectionAssessment = {
    frameworkKey: framework.key,
    cases: [c],
    judgements: { diversity: { rating: 'Good' }, '1.2': { rating: 'Outstanding', rationale: 'Well staffed' } },
  };

  it('writes CSV in framework order, inspection-level rows first, quoting where needed', () => {
    const lines = writeAssessmentCsv(framework, assessment).split('\n');
    expect(lines.slice(0, 9)).toEqual([
      'case_ref,item,value',
      ',1.2,Outstanding',
      ',1.2:rationale,Well staffed',
      ',diversity,Good',
      '"C1, north",sentence_type,community',
      '"C1, north",rosh,low',
      '"C1, north",start_date,2026-01-02',
      '"C1, north",gender,male',
      '"C1, north",2.2.1,yes',
    ]);
    expect(lines).toContain('"C1, north",2.2.1:evidence,"He said ""fine"""');
    const tail = lines.slice(lines.indexOf('"C1, north",2.2.3,yes'));
    expect(tail.slice(0, 2)).toEqual(['"C1, north",2.2.3,yes', '"C1, north",2.2:evidence,Standard note']);
    expect(lines.slice(lines.indexOf('"C1, north",2.6.1b,yes'), lines.indexOf('"C1, north",2.6.1b,yes') + 3)).toEqual([
      '"C1, north",2.6.1b,yes',
      '"C1, north",2.6.1b:progress,none',
      '"C1, north",2.6.1b:stability,no',
    ]);
    expect(lines.at(-2)).toBe('"C1, north",evidence,Case note');
    expect(lines.at(-1)).toBe('');
  });

  it('writes JSON in the documented shape', () => {
    const doc = JSON.parse(writeAssessmentJson(framework, assessment));
    expect(Object.keys(doc)).toEqual(['format', 'framework', 'judgements', 'cases']);
    expect(doc.format).toBe('inspectorate-assessments');
    expect(doc.framework).toBe('hmip-adult-pdu@2021');
    expect(doc.judgements).toEqual({ '1.2': { rating: 'Outstanding', rationale: 'Well staffed' }, diversity: { rating: 'Good' } });
    expect(doc.cases[0].case_ref).toBe('C1, north');
    expect(Object.keys(doc.cases[0].items).slice(0, 5)).toEqual(['sentence_type', 'rosh', 'start_date', 'gender', '2.2.1']);
    expect(doc.cases[0].items['2.6.1b:stability']).toBe('no');
  });

  it('refuses to write an assessment under another framework', () => {
    expect(() => writeAssessmentCsv(framework, { ...assessment, frameworkKey: 'other@1' })).toThrow(/made under other@1/);
  });
});
