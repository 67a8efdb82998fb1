// The publication workflow of an inspection report: draft → factual accuracy check by the service
// → embargoed copy to named recipients → published on a set date. Until publication nothing of
// the findings reaches the inspected service, the public pages, the open data or the API.

export const REPORT_STATUSES = ['draft', 'factual-accuracy', 'embargoed', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const STATUS_NAMES: Record<ReportStatus, string> = {
  draft: 'Draft',
  'factual-accuracy': 'Factual accuracy check',
  embargoed: 'Embargoed',
  published: 'Published',
};

export interface ReportState {
  status: ReportStatus;
  overallFindings: string;
  recommendations: number;
  /** The date set for publication (ISO), once embargoed. */
  publishOn: string | null;
  inspectionSignedOff: boolean;
  /** Factual-accuracy comments not yet accepted or rejected. */
  undecidedComments: number;
  embargoRecipients: number;
  /** The survey of people on probation is still taking replies (its results are in the report). */
  surveyOpen: boolean;
}

const NOT_SIGNED_OFF = 'Sign the inspection’s ratings off first';
const SURVEY_OPEN = 'Close the survey of people on probation first: its results are in the report, which must not change once the service has it';

/** Published once its date has come: publication needs no one to press a button on the day. */
export function isPublished(state: Pick<ReportState, 'status' | 'publishOn'>, today: string): boolean {
  return state.status === 'published' || (state.status === 'embargoed' && state.publishOn !== null && state.publishOn <= today);
}

export function effectiveStatus(state: Pick<ReportState, 'status' | 'publishOn'>, today: string): ReportStatus {
  return isPublished(state, today) ? 'published' : state.status;
}

/** What stops the report moving to `to`; empty when the move is allowed. */
export function transitionProblems(state: ReportState, to: ReportStatus, today: string, publishOn?: string): string[] {
  const from = effectiveStatus(state, today);
  const problems: string[] = [];
  const allowed: Record<ReportStatus, ReportStatus[]> = {
    draft: ['factual-accuracy'],
    // Published today, at once (after a confirmation): with no embargo, or lifting it early.
    'factual-accuracy': ['draft', 'embargoed', 'published'],
    embargoed: ['factual-accuracy', 'published'],
    published: [],
  };
  if (!allowed[from].includes(to)) return [`A report that is ${STATUS_NAMES[from].toLowerCase()} cannot move to ${STATUS_NAMES[to].toLowerCase()}`];
  if (to === 'factual-accuracy' && from === 'draft') {
    if (!state.inspectionSignedOff) problems.push(NOT_SIGNED_OFF);
    if (!state.overallFindings.trim()) problems.push('Write the overall findings');
    if (!state.recommendations) problems.push('Add at least one recommendation');
    if (state.surveyOpen) problems.push(SURVEY_OPEN);
  }
  if (to === 'published') {
    // The same as for the embargo, less the recipients and the date: it is today.
    if (!state.inspectionSignedOff) problems.push(NOT_SIGNED_OFF);
    if (state.undecidedComments) problems.push(`Accept or reject every factual accuracy comment (${state.undecidedComments} undecided)`);
    if (state.surveyOpen) problems.push(SURVEY_OPEN);
  }
  if (to === 'embargoed') {
    // The inspection may have been reopened during the check (to correct a finding): its ratings must be locked again.
    if (!state.inspectionSignedOff) problems.push(NOT_SIGNED_OFF);
    if (state.undecidedComments) problems.push(`Accept or reject every factual accuracy comment (${state.undecidedComments} undecided)`);
    if (!state.embargoRecipients) problems.push('Name at least one recipient of the embargoed copy');
    // A reopened inspection can send its survey during the check.
    if (state.surveyOpen) problems.push(SURVEY_OPEN);
    if (!publishOn || !/^\d{4}-\d{2}-\d{2}$/.test(publishOn)) problems.push('Enter the publication date');
    else if (publishOn <= today) problems.push('The publication date must be after today, so the embargo means something');
  }
  return problems;
}

/** The report's text, editable only while it is a draft or under factual-accuracy check. */
export const textEditable = (status: ReportStatus) => status === 'draft' || status === 'factual-accuracy';
