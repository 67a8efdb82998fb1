// Judgements that contradict their own evidence are kept but flagged for quality assurance.
import type { Framework } from '../framework/framework.ts';
import { applicableItems } from './applicability.ts';
import type { CaseAssessment } from './types.ts';

export type FlagCode =
  | 'judged-yes-all-prompts-no'
  | 'judged-no-all-prompts-yes'
  | 'judged-na-prompts-answered'
  | 'outcome-yes-no-progress'
  | 'outcome-no-sufficient-progress';

export interface QualityFlag {
  caseRef: string;
  item: string;
  code: FlagCode;
  message: string;
}

export function flagCase(framework: Framework, c: CaseAssessment, applicable = applicableItems(framework, c)): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const flag = (item: string, code: FlagCode, message: string) => flags.push({ caseRef: c.caseRef, item, code, message });
  for (const s of framework.caseStandards)
    for (const kq of s.keyQuestions) {
      if (!applicable.has(kq.id)) continue;
      const judgement = c.answers[kq.id];
      const answers = kq.prompts
        .filter((p) => applicable.has(p.id))
        .map((p) => c.answers[p.id])
        .filter((a) => a === 'yes' || a === 'no');
      if (s.assessedBy === 'case-outcomes') {
        for (const p of kq.prompts) {
          const detail = c.outcomes[p.id];
          const overall = c.answers[p.id];
          if (overall === 'yes' && detail?.progress === 'none' && !detail.stabilityCredited)
            flag(p.id, 'outcome-yes-no-progress', `${p.id} judged yes although no progress was recorded and stability was not credited`);
          if (overall === 'no' && (detail?.progress === 'sufficient' || detail?.stabilityCredited))
            flag(p.id, 'outcome-no-sufficient-progress', `${p.id} judged no although ${detail.progress === 'sufficient' ? 'sufficient progress was recorded' : 'stability was credited'}`);
        }
      }
      if (!answers.length) continue;
      if (judgement === 'yes' && answers.every((a) => a === 'no'))
        flag(kq.id, 'judged-yes-all-prompts-no', `${kq.id} judged yes although every applicable prompt was answered no`);
      else if (judgement === 'no' && answers.every((a) => a === 'yes'))
        flag(kq.id, 'judged-no-all-prompts-yes', `${kq.id} judged no although every applicable prompt was answered yes`);
      else if (judgement === 'na')
        flag(kq.id, 'judged-na-prompts-answered', `${kq.id} judged not applicable although ${answers.length} of its prompts were answered yes or no`);
    }
  return flags;
}
