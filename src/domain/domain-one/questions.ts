// The domain-one standards as the lead inspector works through them: each standard's key questions
// and their prompts, read from the framework file through the framework's own look-ups (never typed
// here), and which of them a piece of evidence may be recorded against.
import type { Framework } from '../framework/framework.ts';

export interface DomainOnePrompt {
  id: string;
  text: string;
  /** A prompt the framework marks as bearing on diversity. */
  diversity: boolean;
}

export interface DomainOneKeyQuestion {
  id: string;
  text: string;
  prompts: DomainOnePrompt[];
}

export interface DomainOneStandard {
  id: string;
  name: string;
  statement: string;
  keyQuestions: DomainOneKeyQuestion[];
}

const shape = (framework: Framework, id: string): DomainOneStandard | undefined => {
  const standard = framework.standard(id);
  if (!standard || standard.assessedBy !== 'lead-inspector-judgement') return undefined;
  return {
    id: standard.id,
    name: standard.name,
    statement: standard.statement,
    keyQuestions: standard.keyQuestions.map((kq) => ({
      id: kq.id,
      text: kq.text,
      prompts: kq.prompts.map((p) => ({ id: p.id, text: p.text, diversity: p.diversity === true })),
    })),
  };
};

/** Every standard the lead inspector rates by judgement (domain one), in the framework's order. */
export function domainOneStandards(framework: Framework): DomainOneStandard[] {
  return framework.judgementStandards.map((s) => shape(framework, s.id)!);
}

/** One domain-one standard, or undefined when `id` is not one (a case standard, or unknown). */
export function domainOneStandard(framework: Framework, id: string): DomainOneStandard | undefined {
  return shape(framework, id);
}

/** A key question or prompt of the standard that evidence may be recorded against. */
export interface EvidenceTarget {
  id: string;
  text: string;
  keyQuestionId: string;
  kind: 'key-question' | 'prompt';
}

/** The key question or prompt `itemId` of standard `standardId`, or undefined when it is not one of that domain-one standard's. */
export function evidenceTarget(framework: Framework, standardId: string, itemId: string): EvidenceTarget | undefined {
  const item = framework.item(itemId);
  if (!item || item.standard.id !== standardId || item.standard.assessedBy !== 'lead-inspector-judgement') return undefined;
  return item.prompt
    ? { id: item.id, text: item.prompt.text, keyQuestionId: item.keyQuestion.id, kind: 'prompt' }
    : { id: item.id, text: item.keyQuestion.text, keyQuestionId: item.keyQuestion.id, kind: 'key-question' };
}

/** Every key question and prompt of the standard, in order, each key question before its prompts. */
export function evidenceTargets(standard: DomainOneStandard): EvidenceTarget[] {
  return standard.keyQuestions.flatMap((kq) => [
    { id: kq.id, text: kq.text, keyQuestionId: kq.id, kind: 'key-question' as const },
    ...kq.prompts.map((p) => ({ id: p.id, text: p.text, keyQuestionId: kq.id, kind: 'prompt' as const })),
  ]);
}
