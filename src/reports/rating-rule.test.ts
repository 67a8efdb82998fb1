// The methodology annexe's rating rule is made from the framework's rules, and reads for the adult
// file exactly as it did when it was a fixed sentence.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFramework } from '../domain/framework/parse.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { ratingRuleText } from './pdu-report.ts';

const otherShape = parseFramework(readFileSync(new URL('../../test/fixtures/frameworks/other-shape-2030.yaml', import.meta.url), 'utf8'), 'other-shape-2030.yaml');

describe('the annexe\'s rating rule, from the framework\'s rules', () => {
  it('is, for the adult 2021 file, the sentence the report always printed', () => {
    expect(ratingRuleText(bundledFramework('hmip-adult-pdu@2021'))).toBe(
      "Each case-assessed standard is rated by its lowest key question: the percentage of applicable cases judged sufficient, placed in the rating bands below. Domain-one standards are rated by the lead inspector's judgement, with a written rationale.",
    );
  });

  it('names the judged standards by number when they are not whole domains, and says 4.1 is outside the total and not rated without a custody case (youth 2021)', () => {
    const text = ratingRuleText(bundledFramework('hmip-youth@2021'));
    expect(text).toContain("Standards 1.1, 1.2, 1.3, 1.4, 3.4 and 4.1 are rated by the lead inspector's judgement");
    expect(text).toContain('4.1 Resettlement policy and provision is rated and not counted in the overall score.');
    expect(text).toContain('4.1 Resettlement policy and provision is not rated when there are no relevant cases (a child with a relevant custody case in the 12 months before the inspection).');
    expect(ratingRuleText(bundledFramework('hmip-youth@2018'))).not.toContain('not counted');
  });

  it('follows a framework of another shape from its file alone', () => {
    const text = ratingRuleText(otherShape);
    expect(text).toContain('Each case-assessed standard is rated by its lowest key question');
    expect(text).toContain("Domain-one and domain-three standards are rated by the lead inspector's judgement");
    expect(text).toContain('3.1 ');
    expect(text).toContain('(a resident who moved on)');
  });
});
