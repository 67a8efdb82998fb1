import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledSfoFramework } from '../../reference/sfo-frameworks.ts';
import type { Actor } from '../access/permissions.ts';
import { canAnswerSfoFeedback, canReadSfoFeedback, canRecordFirstReading, mayReadFirstReading, mayReadSecondReading } from './access.ts';
import { readingFlags, readingSubmitProblems, unacknowledgedFlags, type SfoReading } from './assessment.ts';
import { drawModeration, moderationAgreement, readingDisagreements, settlementProblem } from './moderation.ts';
import { sfoSignOffBlockers } from './sign-off.ts';

const framework = bundledSfoFramework();
const reading = (ratings: string[], overall: string): SfoReading => ({
  standards: Object.fromEntries(ratings.map((r, i) => [String(i + 1), { rating: r, rationale: `why ${i + 1}` }])),
  overall,
  overallRationale: 'overall why',
});
const actor = (role: Actor['role'], userId: number, organisationId: number | null = null): Actor => ({ userId, role, organisationId, memberships: new Map() });

describe('a reading', () => {
  it('needs every standard rated with a rationale, and the overall, before it is submitted', () => {
    const problems = readingSubmitProblems(framework, { standards: { '1': { rating: 'Good' } } });
    expect(problems.map((p) => p.field)).toEqual(['rationale-1', 'rating-2', 'rationale-2', 'rating-3', 'rationale-3', 'rating-4', 'rationale-4', 'overall', 'overallRationale']);
    expect(problems[1]!.message).toBe('Select a rating for standard 2, Overall judgements');
    expect(readingSubmitProblems(framework, reading(['Good', 'Good', 'Good', 'Good'], 'Good'))).toEqual([]);
  });

  it('refuses a rating off the scale', () => {
    expect(readingSubmitProblems(framework, reading(['Good', 'Fine', 'Good', 'Good'], 'Good'))).toEqual([{ field: 'rating-2', message: 'The rating of standard 2 must be one of Outstanding, Good, Requires improvement, Inadequate' }]);
  });

  it('is flagged by the framework when Good overall with two standards Inadequate, until acknowledged', () => {
    const flags = readingFlags(framework, reading(['Inadequate', 'Inadequate', 'Good', 'Good'], 'Good'));
    expect(flags.map((f) => f.rule)).toEqual(['good-overall-with-two-inadequate']);
    expect(flags[0]!.message).toBe('The overall rating is Good while 2 standards are rated Inadequate: check the overall judgement.');
    expect(unacknowledgedFlags(flags, new Set(['good-overall-with-two-inadequate']))).toEqual([]);
    expect(readingFlags(framework, reading(['Good', 'Requires improvement', 'Good', 'Good'], 'Good'))).toEqual([]);
  });
});

describe('moderation', () => {
  const refs = Array.from({ length: 23 }, (_, i) => `R-${String(i).padStart(2, '0')}`);

  it('draws the share rounded half up, at least one, the same for the same seed whatever the order', () => {
    expect(drawModeration(refs, { share: 0.2, seed: 5 })).toHaveLength(5);
    expect(drawModeration(refs.slice(0, 2), { share: 0.2, seed: 5 })).toHaveLength(1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.shuffledSubarray(refs, { minLength: refs.length }), (seed, shuffled) => {
        expect(drawModeration(shuffled, { share: 0.2, seed })).toEqual(drawModeration(refs, { share: 0.2, seed }));
      }),
      { numRuns: 50 },
    );
    expect(() => drawModeration(refs, { share: 0, seed: 1 })).toThrow(/share/);
  });

  it('finds the items the readings rate differently, and settles only those, with a rating and a reason', () => {
    const first = reading(['Good', 'Good', 'Requires improvement', 'Good'], 'Good');
    const second = reading(['Good', 'Requires improvement', 'Requires improvement', 'Good'], 'Requires improvement');
    const d = readingDisagreements(framework, first, second);
    expect(d).toEqual([
      { item: '2', first: 'Good', second: 'Requires improvement' },
      { item: 'overall', first: 'Good', second: 'Requires improvement' },
    ]);
    expect(settlementProblem(framework, d, { item: '1', rating: 'Good', reason: 'x' })?.field).toBe('item');
    expect(settlementProblem(framework, d, { item: '2', rating: 'Great', reason: 'x' })?.field).toBe('rating');
    expect(settlementProblem(framework, d, { item: '2', rating: 'Good', reason: ' ' })?.field).toBe('reason');
    expect(settlementProblem(framework, d, { item: '2', rating: 'Good', reason: 'the analysis was sound' })).toBeUndefined();
  });

  it('gives agreement and Cohen’s kappa per standard and overall, from the case QA’s figures', () => {
    const pairs = [
      { first: reading(['Good', 'Good', 'Good', 'Good'], 'Good'), second: reading(['Good', 'Good', 'Good', 'Inadequate'], 'Good') },
      { first: reading(['Inadequate', 'Good', 'Good', 'Good'], 'Inadequate'), second: reading(['Inadequate', 'Good', 'Good', 'Good'], 'Requires improvement') },
    ];
    const { byItem, all } = moderationAgreement(framework, pairs);
    expect(byItem.map((f) => f.key)).toEqual(['1', '2', '3', '4', 'overall']);
    expect(byItem[0]).toMatchObject({ pairs: 2, agreed: 2, percentage: 100, kappa: 1 });
    // Every pair Good/Good: chance agreement is total, so no kappa.
    expect(byItem[1]).toMatchObject({ pairs: 2, agreed: 2, percentage: 100, kappa: null });
    expect(byItem[3]).toMatchObject({ pairs: 2, agreed: 1, percentage: 50 });
    // Observed 0.5 against chance 0.25: (0.5 - 0.25) / 0.75.
    expect(byItem[4]).toMatchObject({ agreed: 1, percentage: 50, kappa: 0.33 });
    expect(all).toMatchObject({ pairs: 10, agreed: 8, percentage: 80 });
  });
});

describe('sign-off', () => {
  it('lists every blocker with a link to where it is put right', () => {
    const blockers = sfoSignOffBlockers(3, false, [
      { assessmentId: null, reviewRef: 'A-1', state: 'not-started', inspectorId: null, unacknowledgedFlags: [] },
      { assessmentId: 11, reviewRef: 'A-2', state: 'in-progress', inspectorId: 7, unacknowledgedFlags: [] },
      { assessmentId: 12, reviewRef: 'A-3', state: 'moderated', inspectorId: 7, unacknowledgedFlags: ['overall-above-every-standard'], moderation: { readerId: 8, submitted: true, unsettled: ['2'] } },
      { assessmentId: 13, reviewRef: 'A-4', state: 'submitted', inspectorId: 7, unacknowledgedFlags: [], moderation: { readerId: 8, submitted: false, unsettled: [] } },
    ]);
    expect(blockers).toEqual([
      { text: 'A-1 has no inspector assigned', href: '/sfo/samples/3/assessments#review-A-1' },
      { text: 'The assessment of A-2 is not submitted', href: '/sfo/assessments/11' },
      { text: 'A-3: the flag on the overall rating (overall-above-every-standard) is not acknowledged', href: '/sfo/assessments/12#flags' },
      { text: 'A-3: the readings disagree on standard 2 and it is not settled', href: '/sfo/assessments/12#settle-2' },
      { text: 'The second reading of A-4 is not submitted', href: '/sfo/assessments/13/second-reading' },
      { text: 'No reviews have been drawn for second-reader moderation', href: '/sfo/samples/3/assessments#moderation' },
    ]);
    expect(sfoSignOffBlockers(3, true, [{ assessmentId: 12, reviewRef: 'A-3', state: 'moderated', inspectorId: 7, unacknowledgedFlags: [] }])).toEqual([]);
  });
});

describe('who may do what', () => {
  const scope = { inspectorId: 7, regionId: 40, released: false, second: { readerId: 8, submitted: false } };
  it('keeps the first reading hidden from its second reader until they submit', () => {
    expect(mayReadFirstReading(actor('sfo-inspector', 8), scope)).toBe(false);
    expect(mayReadFirstReading(actor('sfo-inspector', 8), { ...scope, second: { readerId: 8, submitted: true } })).toBe(true);
    expect(mayReadFirstReading(actor('sfo-lead', 9), scope)).toBe(true);
    expect(mayReadSecondReading(actor('sfo-inspector', 7), scope)).toBe(false);
    expect(mayReadSecondReading(actor('sfo-lead', 9), scope)).toBe(true);
    expect(canRecordFirstReading(actor('sfo-inspector', 7), scope)).toBe(true);
    expect(canRecordFirstReading(actor('sfo-inspector', 8), scope)).toBe(false);
  });

  it('shows a region its own reviews’ feedback only once released, and lets only it answer', () => {
    const region = actor('service-staff', 20, 40);
    expect(canReadSfoFeedback(region, scope)).toBe(false);
    expect(canReadSfoFeedback(region, { ...scope, released: true })).toBe(true);
    expect(canReadSfoFeedback(actor('service-staff', 21, 41), { ...scope, released: true })).toBe(false);
    expect(canAnswerSfoFeedback(region, { ...scope, released: true })).toBe(true);
    expect(canAnswerSfoFeedback(actor('sfo-lead', 9), { ...scope, released: true })).toBe(false);
    expect(canReadSfoFeedback(actor('sfo-lead', 9), scope)).toBe(true);
    expect(canReadSfoFeedback(actor('inspector', 5), { ...scope, released: true })).toBe(false);
  });
});
