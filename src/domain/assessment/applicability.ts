// Which standards, key questions and prompts apply to a case. A condition on a case attribute the
// case does not record is decided by the answers: a yes or no means the item applied (issue #2).
import type { Framework } from '../framework/framework.ts';
import type { Condition, KeyQuestion, Standard } from '../framework/schema.ts';
import type { CaseAssessment } from './types.ts';

type Truth = 'yes' | 'no' | 'unknown';

function evaluate(condition: Condition | undefined, attributes: Record<string, string>): Truth {
  if (!condition) return 'yes';
  const value = attributes[condition.attribute];
  if (value === undefined || value === '') return 'unknown';
  return value === condition.equals ? 'yes' : 'no';
}

const answered = (c: CaseAssessment, id: string) => c.answers[id] === 'yes' || c.answers[id] === 'no';

export function standardApplies(standard: Standard, c: CaseAssessment): boolean {
  const truth = evaluate(standard.appliesWhen, c.attributes);
  if (truth !== 'unknown') return truth === 'yes';
  return standard.keyQuestions.some((kq) => answered(c, kq.id) || kq.prompts.some((p) => answered(c, p.id)));
}

export function keyQuestionApplies(standard: Standard, kq: KeyQuestion, c: CaseAssessment): boolean {
  if (!standardApplies(standard, c)) return false;
  const truth = evaluate(kq.appliesWhen, c.attributes);
  if (truth !== 'unknown') return truth === 'yes';
  return answered(c, kq.id) || kq.prompts.some((p) => answered(c, p.id));
}

/** Whether an item (prompt, key question or outcome question) applies to the case. */
export function itemApplies(framework: Framework, itemId: string, c: CaseAssessment): boolean {
  const ref = framework.item(itemId);
  if (!ref) return false;
  if (!keyQuestionApplies(ref.standard, ref.keyQuestion, c)) return false;
  if (!ref.prompt) return true;
  const truth = evaluate(ref.prompt.appliesWhen, c.attributes);
  return truth === 'unknown' ? answered(c, ref.prompt.id) : truth === 'yes';
}

/** The item ids a case must have answered: every applicable key question, prompt and outcome question. */
export function requiredItems(framework: Framework, c: CaseAssessment): { keyQuestions: string[]; prompts: string[] } {
  const keyQuestions: string[] = [];
  const prompts: string[] = [];
  for (const s of framework.caseStandards)
    for (const kq of s.keyQuestions) {
      if (!keyQuestionApplies(s, kq, c)) continue;
      keyQuestions.push(kq.id);
      for (const p of kq.prompts) if (itemApplies(framework, p.id, c)) prompts.push(p.id);
    }
  return { keyQuestions, prompts };
}

/**
 * Every item that applies to the case (key questions, prompts, outcome questions), worked out in
 * one pass; the engine and the QA flags share it rather than asking item by item.
 */
export function applicableItems(framework: Framework, c: CaseAssessment): Set<string> {
  const result = new Set<string>();
  for (const s of framework.caseStandards) {
    if (!standardApplies(s, c)) continue;
    for (const kq of s.keyQuestions) {
      if (!keyQuestionApplies(s, kq, c)) continue;
      result.add(kq.id);
      for (const p of kq.prompts) {
        const truth = evaluate(p.appliesWhen, c.attributes);
        if (truth === 'yes' || (truth === 'unknown' && answered(c, p.id))) result.add(p.id);
      }
    }
  }
  return result;
}
