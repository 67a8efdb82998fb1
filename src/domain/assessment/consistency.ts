// Judgements that contradict their own evidence are kept but flagged for quality assurance.
import type { Framework } from '../framework/framework.ts';
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

/** What flagging needs of one set of applicable items: each applicable key question and its applicable prompts. */
export interface FlagPlan {
  keyQuestions: { id: string; prompts: string[]; outcomes: string[] | null }[];
}

export function flagPlan(framework: Framework, applicable: ReadonlySet<string>): FlagPlan {
  const keyQuestions: FlagPlan['keyQuestions'] = [];
  for (const s of framework.caseStandards)
    for (const kq of s.keyQuestions) {
      if (!applicable.has(kq.id)) continue;
      keyQuestions.push({
        id: kq.id,
        prompts: kq.prompts.filter((p) => applicable.has(p.id)).map((p) => p.id),
        // Outcome judgements are checked against their detail whether or not each applies.
        outcomes: s.assessedBy === 'case-outcomes' ? kq.prompts.map((p) => p.id) : null,
      });
    }
  return { keyQuestions };
}

/**
 * The case's flags, appended to `flags` (one array for a whole inspection): judgements at odds
 * with their own evidence. Counts the prompts answered yes and no rather than building lists, as
 * it runs for every key question of every case.
 */
export function flagByPlan(c: CaseAssessment, plan: FlagPlan, flags: QualityFlag[] = []): QualityFlag[] {
  const { answers, caseRef } = c;
  for (const kq of plan.keyQuestions) {
    let yes = 0;
    let no = 0;
    for (const id of kq.prompts) {
      const a = answers[id];
      if (a === 'yes') yes++;
      else if (a === 'no') no++;
    }
    if (kq.outcomes)
      for (const id of kq.outcomes) {
        const detail = c.outcomes[id];
        const overall = answers[id];
        if (overall === 'yes' && detail?.progress === 'none' && !detail.stabilityCredited)
          flags.push({ caseRef, item: id, code: 'outcome-yes-no-progress', message: `${id} judged yes although no progress was recorded and stability was not credited` });
        if (overall === 'no' && (detail?.progress === 'sufficient' || detail?.stabilityCredited))
          flags.push({
            caseRef,
            item: id,
            code: 'outcome-no-sufficient-progress',
            message: `${id} judged no although ${detail.progress === 'sufficient' ? 'sufficient progress was recorded' : 'stability was credited'}`,
          });
      }
    if (yes + no === 0) continue;
    const judgement = answers[kq.id];
    if (judgement === 'yes' && yes === 0)
      flags.push({ caseRef, item: kq.id, code: 'judged-yes-all-prompts-no', message: `${kq.id} judged yes although every applicable prompt was answered no` });
    else if (judgement === 'no' && no === 0)
      flags.push({ caseRef, item: kq.id, code: 'judged-no-all-prompts-yes', message: `${kq.id} judged no although every applicable prompt was answered yes` });
    else if (judgement === 'na')
      flags.push({ caseRef, item: kq.id, code: 'judged-na-prompts-answered', message: `${kq.id} judged not applicable although ${yes + no} of its prompts were answered yes or no` });
  }
  return flags;
}
