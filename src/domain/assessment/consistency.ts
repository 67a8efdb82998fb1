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

/**
 * The case's flags, appended to `flags` (one array for a whole inspection). Counts the applicable
 * prompts answered yes and no rather than building lists: it runs for every key question of every case.
 */
export function flagCase(framework: Framework, c: CaseAssessment, applicable: ReadonlySet<string> = applicableItems(framework, c), flags: QualityFlag[] = []): QualityFlag[] {
  const flag = (item: string, code: FlagCode, message: string) => flags.push({ caseRef: c.caseRef, item, code, message });
  const { answers } = c;
  for (const s of framework.caseStandards)
    for (const kq of s.keyQuestions) {
      if (!applicable.has(kq.id)) continue;
      const judgement = answers[kq.id];
      let yes = 0;
      let no = 0;
      for (const p of kq.prompts) {
        if (!applicable.has(p.id)) continue;
        const a = answers[p.id];
        if (a === 'yes') yes++;
        else if (a === 'no') no++;
      }
      if (s.assessedBy === 'case-outcomes') {
        for (const p of kq.prompts) {
          const detail = c.outcomes[p.id];
          const overall = answers[p.id];
          if (overall === 'yes' && detail?.progress === 'none' && !detail.stabilityCredited)
            flag(p.id, 'outcome-yes-no-progress', `${p.id} judged yes although no progress was recorded and stability was not credited`);
          if (overall === 'no' && (detail?.progress === 'sufficient' || detail?.stabilityCredited))
            flag(p.id, 'outcome-no-sufficient-progress', `${p.id} judged no although ${detail.progress === 'sufficient' ? 'sufficient progress was recorded' : 'stability was credited'}`);
        }
      }
      if (yes + no === 0) continue;
      if (judgement === 'yes' && yes === 0)
        flag(kq.id, 'judged-yes-all-prompts-no', `${kq.id} judged yes although every applicable prompt was answered no`);
      else if (judgement === 'no' && no === 0)
        flag(kq.id, 'judged-no-all-prompts-yes', `${kq.id} judged no although every applicable prompt was answered yes`);
      else if (judgement === 'na')
        flag(kq.id, 'judged-na-prompts-answered', `${kq.id} judged not applicable although ${yes + no} of its prompts were answered yes or no`);
    }
  return flags;
}
