import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { missingAnswers } from './missing-answers.ts';
import { standardForm } from './standard-edit.ts';
import { emptyCase, type CaseAssessment } from './types.ts';

const framework = bundledFramework();
const standard = (id: string) => framework.standard(id)!;
const aCase: CaseAssessment = { ...emptyCase('C1'), attributes: { sentence_type: 'community', rosh: 'high', start_date: '2026-03-02' } };

describe('what a standard still needs, in words and page order', () => {
  it('names each prompt and key question by its text, in the order the form shows them', () => {
    const form = standardForm(standard('2.2'), aCase);
    const [kq1, kq2] = [form[0]!, form[1]!];
    const p = kq1.prompts[0]!.prompt;
    // Given out of order, as a set: the answer comes back in page order.
    const got = missingAnswers(standard('2.2'), aCase, new Set([kq2.keyQuestion.id, kq1.keyQuestion.id, p.id]));
    expect(got).toEqual([
      { key: p.id, message: `Answer '${p.text}'` },
      { key: kq1.keyQuestion.id, message: `Answer '${kq1.keyQuestion.text}' (key question ${kq1.keyQuestion.id})` },
      { key: kq2.keyQuestion.id, message: `Answer '${kq2.keyQuestion.text}' (key question ${kq2.keyQuestion.id})` },
    ]);
    expect(got.map((m) => m.message).join(' ')).not.toMatch(/Answer '?\d/);
  });

  it('asks for the progress and the outcome of an outcome question in words', () => {
    const prompt = standardForm(standard('2.6'), aCase)[0]!.prompts[0]!.prompt;
    expect(missingAnswers(standard('2.6'), aCase, new Set([prompt.id, `${prompt.id}:progress`])).map((m) => m.message)).toEqual([
      `Select the progress made on '${prompt.text}'`,
      `Answer whether '${prompt.text}' is a positive early outcome`,
    ]);
  });
});
