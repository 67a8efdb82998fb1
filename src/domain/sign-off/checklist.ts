// What must be true before the lead inspector signs an inspection off: every case assessed, every
// standard and inspection-level judgement rated, every dip-sampled case's second assessment
// submitted and every disagreement between the two assessments settled. Each check lists every
// blocker with where it is fixed, so the page can link to it and the service can refuse with it.
// Pure: plain inputs in, the checklist out. A checklist with no blocker leaves no QA half-open.

/** Where a blocker is fixed; the page turns it into a link. */
export type FixAt =
  | { page: 'cases'; incompleteOnly: boolean }
  | { page: 'case'; caseRef: string }
  | { page: 'judgements'; itemId?: string }
  | { page: 'domain-one'; standardId: string }
  | { page: 'standard'; standardId: string }
  | { page: 'second-assessments'; caseRef?: string }
  | { page: 'disagreements'; caseRef?: string; item?: string };

export type SignOffCheckId = 'cases' | 'ratings' | 'second-assessments' | 'disagreements';

export interface SignOffBlocker {
  check: SignOffCheckId;
  text: string;
  fixAt: FixAt;
}

export interface SignOffCheck {
  id: SignOffCheckId;
  name: string;
  done: boolean;
  /** The state in one line: "38 of 40 cases complete". */
  summary: string;
  /** Where the check as a whole is worked on. */
  fixAt: FixAt;
  blockers: SignOffBlocker[];
}

export interface SignOffInput {
  cases: readonly { caseRef: string; complete: boolean }[];
  /** The rating engine's standards: those with treatment 'rated' need a rating. */
  standards: readonly { id: string; name: string; treatment: string; assessedBy: string; rating: string | null }[];
  /** The framework's inspection-level judgements (the diversity judgement): each needs a rating. */
  judgements: readonly { id: string; name: string; rating: string | null }[];
  /** The cases chosen for a blind second assessment. */
  dipSample: readonly { caseRef: string; assessorName: string | null; submitted: boolean }[];
  /** Disagreements between first and submitted second assessments not yet settled. */
  openDisagreements: readonly { caseRef: string; item: string; first: string; second: string }[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function casesCheck(cases: SignOffInput['cases']): SignOffCheck {
  const check = 'cases' as const;
  const incomplete = cases.filter((c) => !c.complete);
  const blockers: SignOffBlocker[] = cases.length
    ? incomplete.map((c) => ({ check, text: `Case ${c.caseRef} is not complete`, fixAt: { page: 'case', caseRef: c.caseRef } }))
    : [{ check, text: 'There are no cases: the inspection has no case assessments to sign off', fixAt: { page: 'cases', incompleteOnly: false } }];
  return {
    id: check,
    name: 'Case assessments complete',
    done: !blockers.length,
    summary: `${cases.length - incomplete.length} of ${plural(cases.length, 'case')} complete`,
    fixAt: { page: 'cases', incompleteOnly: cases.length > 0 },
    blockers,
  };
}

function ratingsCheck(standards: SignOffInput['standards'], judgements: SignOffInput['judgements']): SignOffCheck {
  const check = 'ratings' as const;
  const rated = standards.filter((s) => s.treatment === 'rated');
  const blockers: SignOffBlocker[] = [
    ...rated
      .filter((s) => !s.rating)
      .map((s): SignOffBlocker =>
        s.assessedBy === 'lead-inspector-judgement'
          ? { check, text: `Rate standard ${s.id} ${s.name}`, fixAt: { page: 'domain-one', standardId: s.id } }
          : { check, text: `Standard ${s.id} ${s.name} has no rating yet (its explanation says why)`, fixAt: { page: 'standard', standardId: s.id } },
      ),
    ...judgements.filter((j) => !j.rating).map((j): SignOffBlocker => ({ check, text: `Make the ${j.name.toLowerCase()} judgement`, fixAt: { page: 'judgements', itemId: j.id } })),
  ];
  const total = rated.length + judgements.length;
  return {
    id: check,
    name: 'Standards and judgements rated',
    done: !blockers.length,
    summary: `${total - blockers.length} of ${total} rated`,
    fixAt: { page: 'judgements' },
    blockers,
  };
}

function secondAssessmentsCheck(dipSample: SignOffInput['dipSample']): SignOffCheck {
  const check = 'second-assessments' as const;
  const blockers = dipSample
    .filter((s) => !s.submitted)
    .map((s): SignOffBlocker => ({
      check,
      text: s.assessorName ? `Case ${s.caseRef}: the second assessment by ${s.assessorName} is not submitted` : `Case ${s.caseRef}: choose its second assessor`,
      fixAt: { page: 'second-assessments', caseRef: s.caseRef },
    }));
  return {
    id: check,
    name: 'Second assessments submitted',
    done: !blockers.length,
    summary: dipSample.length ? `${dipSample.length - blockers.length} of ${plural(dipSample.length, 'dip-sampled case')} submitted` : 'No case was chosen for a second assessment',
    fixAt: { page: 'second-assessments' },
    blockers,
  };
}

function disagreementsCheck(open: SignOffInput['openDisagreements']): SignOffCheck {
  const check = 'disagreements' as const;
  const blockers = open.map((d): SignOffBlocker => ({
    check,
    text: `Case ${d.caseRef}, ${d.item}: settle the disagreement (first assessment ${d.first}, second assessment ${d.second})`,
    fixAt: { page: 'disagreements', caseRef: d.caseRef, item: d.item },
  }));
  return {
    id: check,
    name: 'Disagreements settled',
    done: !blockers.length,
    summary: open.length ? `${plural(open.length, 'disagreement')} not settled` : 'No disagreement is left to settle',
    fixAt: { page: 'disagreements' },
    blockers,
  };
}

export function signOffChecklist(input: SignOffInput): SignOffCheck[] {
  return [casesCheck(input.cases), ratingsCheck(input.standards, input.judgements), secondAssessmentsCheck(input.dipSample), disagreementsCheck(input.openDisagreements)];
}

/** Every blocker of the checklist, in the checklist's order; none means the inspection may be signed off. */
export const signOffBlockers = (checks: readonly SignOffCheck[]): SignOffBlocker[] => checks.flatMap((c) => c.blockers);
