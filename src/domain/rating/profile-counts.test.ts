// The numbers the database gives a case's recorded attributes (repositories/rating-counts-repository.ts)
// stand for profiles under which every counted item applies exactly as it does to the case itself.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicableItems } from '../assessment/applicability.ts';
import type { CaseAssessment } from '../assessment/types.ts';
import { parseFramework } from '../framework/parse.ts';
import type { Framework } from '../framework/framework.ts';
import { bundledFrameworkFiles } from '../../reference/frameworks.ts';
import { caseOfProfile, profileShape } from './case-profile.ts';
import { countRequest, profileOfCode, type CountRequest } from './profile-counts.ts';

const otherShape = parseFramework(readFileSync(new URL('../../../test/fixtures/frameworks/other-shape-2030.yaml', import.meta.url), 'utf8'), 'other-shape-2030.yaml');
const frameworks: Framework[] = [...bundledFrameworkFiles().map((f) => f.framework), otherShape];

/** The number the database works out for a case's recorded attributes under a mask (the reference). */
function numberOf(request: CountRequest, mask: number, attributes: Record<string, string>): number {
  let number = 0;
  let scale = 1;
  request.attributes.forEach((a, k) => {
    if (!(mask & (1 << k))) return;
    const values = request.values[k]!;
    const at = values.indexOf(attributes[a]!);
    number += (at < 0 ? values.length : at) * scale;
    scale *= values.length + 1;
  });
  return number;
}

describe.each(frameworks.map((f) => [f.key, f] as const))('%s', (_key, framework) => {
  const request = countRequest(framework);
  const shape = profileShape(framework);
  const masks = [...new Set(request.items.map((x) => x.attributeMask))];

  it('lists, for each attribute, every value a condition compares it with', () => {
    for (const item of framework.items)
      for (const condition of item.conditions) expect(request.values[request.attributes.indexOf(condition.attribute)]).toContain(condition.equals);
  });

  it('numbers stand for profiles under which the mask\'s items apply as they do to the case', () => {
    // Recorded values: one a condition compares with, or another (never empty: that is not recorded).
    const value = (k: number) => fc.constantFrom(...request.values[k]!, 'another value', 'yes', 'no');
    const answer = fc.constantFrom(undefined, 'yes', 'no', 'na');
    fc.assert(
      fc.property(
        fc.constantFrom(...masks),
        fc.tuple(...request.attributes.map((_, k) => value(k))),
        fc.array(answer, { minLength: request.deciders.length, maxLength: request.deciders.length }),
        (mask, values, answers) => {
          const c: CaseAssessment = { caseRef: 'C1', attributes: {}, answers: {}, outcomes: {}, evidence: {} };
          request.attributes.forEach((a, k) => (c.attributes[a] = values[k]!));
          request.deciders.forEach((id, i) => answers[i] && (c.answers[id] = answers[i]));
          const seen = profileOfCode(request, mask, numberOf(request, mask, c.attributes));
          expect(seen.attributes.map((a) => a !== null)).toEqual(request.attributes.map((_, k) => !!(mask & (1 << k))));
          const underProfile = applicableItems(framework, caseOfProfile(shape, seen.attributes, seen.deciders));
          const forCase = applicableItems(framework, c);
          for (const item of request.items.filter((x) => x.attributeMask === mask)) expect(underProfile.has(item.id), item.id).toBe(forCase.has(item.id));
        },
      ),
      { seed: 14, numRuns: 200 },
    );
  });
});

describe('profileOfCode', () => {
  const request: CountRequest = {
    attributes: ['a', 'b', 'c'],
    deciders: [],
    items: [],
    outcomeItems: [],
    values: [['x', 'y'], ['z'], ['\u0000']],
  };

  it('reads the places of the mask\'s attributes, the first fastest; another value is none compared with', () => {
    // a: 'y' (1 of 3 places), b: another (1 of 2): 1 + 1 × 3.
    expect(profileOfCode(request, 0b011, 4)).toEqual({ attributes: ['"y"', '"\\u0000"', null], deciders: null });
    expect(profileOfCode(request, 0b011, 2).attributes).toEqual([JSON.stringify('\u0000'), '"z"', null]);
    expect(profileOfCode(request, 0b100, 1).attributes).toEqual([null, null, JSON.stringify('\u0000\u0000')]);
    expect(profileOfCode(request, 0, 0)).toEqual({ attributes: [null, null, null], deciders: null });
  });

  it('refuses a number no profile has', () => {
    expect(() => profileOfCode(request, 0b011, 6)).toThrow(/No profile has number 6/);
    expect(() => profileOfCode(request, 0, 1)).toThrow();
    expect(() => profileOfCode(request, 0b001, -1)).toThrow();
  });
});
