// What an inspection's assessments are, independent of where they are stored or how they arrive.

/** An answer to a prompt, a key-question judgement or an overall outcome judgement. */
export type Answer = 'yes' | 'no' | 'na';
export const ANSWERS: readonly Answer[] = ['yes', 'no', 'na'];

/** 4.9: progress made during the period inspected. */
export type Progress = 'sufficient' | 'some' | 'none';
export const PROGRESS: readonly Progress[] = ['sufficient', 'some', 'none'];

/** 4.9-4.11: the detail behind an overall yes/no outcome judgement. */
export interface OutcomeDetail {
  progress?: Progress;
  /** 4.11: stability was a reasonable expectation and was credited as sufficient. */
  stabilityCredited?: boolean;
}

export interface CaseAssessment {
  /** Pseudonymous case reference, unique within the inspection. */
  caseRef: string;
  /** Case attributes by framework attribute id, normalised: yes-no as 'yes'/'no', dates ISO. */
  attributes: Record<string, string>;
  /** Prompt answers, key-question judgements and outcome-question judgements by item id. */
  answers: Record<string, Answer>;
  /** Outcome detail by outcome-question id (2.6.1a …). */
  outcomes: Record<string, OutcomeDetail>;
  /** Free-text evidence by item id (standard, key question or prompt); '' is the case as a whole. */
  evidence: Record<string, string>;
}

/** A rating recorded by the lead inspector: domain-one standards and inspection-level judgements. */
export interface RecordedJudgement {
  rating: string;
  rationale?: string;
}

export interface InspectionAssessment {
  /** `id@version` of the framework the assessments were made under. */
  frameworkKey: string;
  cases: CaseAssessment[];
  /** By standard id ('1.1' …) or judgement id ('diversity'). */
  judgements: Record<string, RecordedJudgement>;
}

export const emptyCase = (caseRef: string): CaseAssessment => ({
  caseRef,
  attributes: {},
  answers: {},
  outcomes: {},
  evidence: {},
});
