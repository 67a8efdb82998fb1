import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { canonicalCaseRef, caseloadFields } from './eligible-cases.ts';

const framework = bundledFramework();

describe('what a caseload gives about each case', () => {
  it('requires the reference, practitioner, required attributes and every attribute that decides what applies', () => {
    const fields = caseloadFields(framework);
    expect(fields.filter((f) => f.required).map((f) => f.id)).toEqual([
      'case_ref',
      'practitioner',
      'sentence_type',
      'rosh',
      'start_date',
      'psr_prepared',
      'victim_contact_eligible',
    ]);
    // The protected characteristics and personal circumstances of 4.2 are optional.
    const optional = fields.filter((f) => !f.required);
    expect(optional.map((f) => f.attribute?.group)).toEqual(optional.map(() => expect.stringMatching(/^(protected-characteristic|personal-circumstance)$/)));
    expect(optional.map((f) => f.id)).toEqual(expect.arrayContaining(['age_band', 'gender', 'ethnicity', 'religion', 'disability', 'sexual_orientation', 'mental_health']));
  });

  it('compares references without case or spaces', () => {
    expect(canonicalCaseRef(' x123 456\t')).toBe('X123456');
  });
});
