import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryCase } from '../../../test/support/arbitrary-assessment.ts';
import { bundledFramework } from '../../reference/frameworks.ts';
import { applyStandard, flattenStandard, formKeys, mergeEdits, requiredKeys, standardForm, standardStatus, valueProblems, type FlatValues } from './standard-edit.ts';
import { anyFrameworkAssessment } from '../../../test/support/any-framework-assessment.ts';
import { bundledFrameworkFiles } from '../../reference/frameworks.ts';
import { emptyCase, type CaseAssessment } from './types.ts';

const framework = bundledFramework();
const standard = (id: string) => framework.standard(id)!;
const caseOf = (attributes: Record<string, string>): CaseAssessment => ({ ...emptyCase('C1'), attributes: { sentence_type: 'community', rosh: 'high', start_date: '2026-03-02', ...attributes } });

describe('the form of a standard for a case', () => {
  it('shows post-custody prompts only on post-custody cases', () => {
    const keys = (sentence: string) => formKeys(standard('2.4'), caseOf({ sentence_type: sentence }));
    expect(keys('community')).not.toContain('2.4.1d');
    expect(keys('post-custody')).toContain('2.4.1d');
  });
  it('hides court work when no pre-sentence report was prepared, and shows it when that is not recorded', () => {
    expect(standardForm(standard('2.1'), caseOf({ psr_prepared: 'no' }))).toEqual([]);
    expect(standardForm(standard('2.1'), caseOf({}))).toHaveLength(1);
  });
  it('asks progress, stability and an overall judgement for each outcome question', () => {
    const form = standardForm(standard('2.6'), caseOf({}));
    expect(form[0]!.prompts[0]!.fields.map((f) => [f.key, f.required])).toEqual([
      ['2.6.1a:progress', true],
      ['2.6.1a:stability', false],
      ['2.6.1a', true],
    ]);
  });
});

describe('saving a standard', () => {
  it('round-trips a case through its flat values, standard by standard', () => {
    fc.assert(
      fc.property(arbitraryCase(framework, 'C1'), (c) => {
        let rebuilt: CaseAssessment = { ...c, answers: {}, outcomes: {}, evidence: {} };
        for (const s of framework.caseStandards) rebuilt = applyStandard(s, rebuilt, flattenStandard(s, c));
        expect(rebuilt).toEqual(c);
      }),
      { numRuns: 50 },
    );
  });
  it('leaves other standards untouched', () => {
    const c = applyStandard(standard('2.2'), caseOf({}), { '2.2.1': 'yes', '2.2.1a': 'no' });
    const after = applyStandard(standard('2.3'), c, { '2.3.1': 'no' });
    expect(after.answers).toEqual({ '2.2.1': 'yes', '2.2.1a': 'no', '2.3.1': 'no' });
  });
  it('refuses values an item does not take and items not on the form', () => {
    expect(valueProblems(standard('2.4'), caseOf({}), { '2.4.1a': 'maybe', '2.4.1d': 'yes', '2.2.1': 'yes' }).map((p) => p.key)).toEqual(['2.4.1a', '2.4.1d', '2.2.1']);
    expect(valueProblems(standard('2.6'), caseOf({}), { '2.6.1a:progress': 'lots' })[0]!.message).toBe('Select sufficient, some or no progress');
  });
  it('is complete only when every required item is answered', () => {
    const empty = caseOf({});
    expect(standardStatus(standard('2.2'), empty).status).toBe('not-started');
    const partly = applyStandard(standard('2.2'), empty, { '2.2.1': 'yes' });
    const { status, missing } = standardStatus(standard('2.2'), partly);
    expect(status).toBe('in-progress');
    expect(missing).toContain('2.2.2');
    const all: FlatValues = Object.fromEntries(formKeys(standard('2.2'), empty).filter((k) => !k.includes(':')).map((k) => [k, 'yes']));
    expect(standardStatus(standard('2.2'), applyStandard(standard('2.2'), empty, all)).status).toBe('completed');
    expect(standardStatus(standard('2.1'), caseOf({ psr_prepared: 'no' })).status).toBe('not-applicable');
  });
});

describe('merging two people\'s saves', () => {
  const values = fc.dictionary(fc.constantFrom('2.2.1', '2.2.1a', '2.2.1b', '2.2.1c', '2.2.1:evidence'), fc.constantFrom('yes', 'no', 'na', ''));
  it('combines changes to different items and keeps both', () => {
    const { merged, conflicts, theirChanges } = mergeEdits({ '2.2.1': 'yes' }, { '2.2.1': 'yes', '2.2.1a': 'no' }, { '2.2.1': 'yes', '2.2.1b': 'yes' });
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({ '2.2.1': 'yes', '2.2.1a': 'no', '2.2.1b': 'yes' });
    expect(theirChanges).toEqual(['2.2.1b']);
  });
  it('reports the same item changed differently as a conflict, showing all three values', () => {
    expect(mergeEdits({ '2.2.1': 'yes' }, { '2.2.1': 'no' }, { '2.2.1': 'na' }).conflicts).toEqual([{ key: '2.2.1', base: 'yes', mine: 'no', theirs: 'na' }]);
  });
  it('never loses a change: each item ends as mine, theirs, or is a conflict', () => {
    fc.assert(
      fc.property(values, values, values, (base, mine, theirs) => {
        const { merged, conflicts } = mergeEdits(base, mine, theirs);
        const conflicted = new Set(conflicts.map((c) => c.key));
        for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
          const [b, m, t, v] = [base[key] ?? '', mine[key] ?? '', theirs[key] ?? '', merged[key] ?? ''];
          if (conflicted.has(key)) expect(m !== b && t !== b && m !== t).toBe(true);
          else if (m !== b) expect(v).toBe(m);
          else expect(v).toBe(t);
        }
        // With no save in between, my edit is taken as it is.
        expect(mergeEdits(base, mine, base).merged).toEqual(Object.fromEntries(Object.entries(mine).filter(([, v]) => v !== '')));
      }),
    );
  });
});

describe("a standard's status", () => {
  /** The status as the form shows it: from every value on the form, not only the required ones. */
  const fromTheForm = (standard: Parameters<typeof standardStatus>[0], c: CaseAssessment) => {
    const values = flattenStandard(standard, c);
    const missing = [...requiredKeys(standard, c)].filter((k) => !values[k]);
    const decided = standard.appliesWhen && c.attributes[standard.appliesWhen.attribute];
    if (decided && decided !== standard.appliesWhen!.equals) return { status: 'not-applicable', missing: [] }; // hidden by the case's attributes
    if (!Object.keys(values).length) return { status: 'not-started', missing };
    return { status: missing.length ? 'in-progress' : 'completed', missing };
  };

  it('is what every value on the form says, for cases of every shipped framework with values taken away at random', () => {
    for (const { framework } of bundledFrameworkFiles())
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, share) => {
          const [c] = anyFrameworkAssessment(framework, seed, 1).cases;
          for (const standard of framework.caseStandards) for (const kq of standard.keyQuestions) c!.evidence[kq.id] = 'Noted'; // optional: on the form, never required
          // Each answer, outcome and piece of evidence kept with the probability given.
          let n = seed;
          const keep = () => ((n = (n * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) < share;
          for (const part of [c!.answers, c!.outcomes, c!.evidence] as Record<string, unknown>[]) for (const k of Object.keys(part)) if (!keep()) delete part[k];
          for (const standard of framework.caseStandards) expect(standardStatus(standard, c!)).toEqual(fromTheForm(standard, c!));
        }),
        { numRuns: 60 },
      );
  });
});
