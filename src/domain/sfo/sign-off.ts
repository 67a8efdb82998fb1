// The SFO QA lead's sign-off of a sample's assessments: refused while anything is left to do, with
// every blocker named and linked to the page where it is put right. Signed off, the readings are
// locked; released, each region sees its own reviews' feedback.
/** Where an assessment has got to. */
export type SfoAssessmentState = 'not-started' | 'in-progress' | 'submitted' | 'moderated' | 'signed-off' | 'released';

export interface SignOffAssessment {
  assessmentId: number | null;
  reviewRef: string;
  state: SfoAssessmentState;
  inspectorId: number | null;
  /** Flags on the overall rating as it stands, not yet acknowledged with a reason. */
  unacknowledgedFlags: readonly string[];
  /** When drawn for moderation: its reader and whether submitted, and the disagreements not yet settled. */
  moderation?: { readerId: number | null; submitted: boolean; unsettled: readonly string[] };
}

export interface SignOffBlocker {
  text: string;
  href: string;
}

export function sfoSignOffBlockers(sampleId: number, moderationDrawn: boolean, assessments: readonly SignOffAssessment[]): SignOffBlocker[] {
  const list = `/sfo/samples/${sampleId}/assessments`;
  const blockers: SignOffBlocker[] = [];
  if (!assessments.length) blockers.push({ text: 'The sample has no reviews to assess', href: `/sfo/samples/${sampleId}` });
  for (const a of assessments) {
    const at = a.assessmentId === null ? undefined : `/sfo/assessments/${a.assessmentId}`;
    if (a.assessmentId === null || a.inspectorId === null) blockers.push({ text: `${a.reviewRef} has no inspector assigned`, href: `${list}#review-${a.reviewRef}` });
    else if (a.state === 'not-started' || a.state === 'in-progress') blockers.push({ text: `The assessment of ${a.reviewRef} is not submitted`, href: at! });
    if (at) for (const rule of a.unacknowledgedFlags) blockers.push({ text: `${a.reviewRef}: the flag on the overall rating (${rule}) is not acknowledged`, href: `${at}#flags` });
    if (a.moderation && at) {
      if (a.moderation.readerId === null) blockers.push({ text: `${a.reviewRef} was drawn for a second reading but has no second reader`, href: `${list}#moderation` });
      else if (!a.moderation.submitted) blockers.push({ text: `The second reading of ${a.reviewRef} is not submitted`, href: `${at}/second-reading` });
      for (const item of a.moderation.unsettled)
        blockers.push({ text: `${a.reviewRef}: the readings disagree on ${item === 'overall' ? 'the overall rating' : `standard ${item}`} and it is not settled`, href: `${at}#settle-${item}` });
    }
  }
  if (!moderationDrawn) blockers.push({ text: 'No reviews have been drawn for second-reader moderation', href: `${list}#moderation` });
  return blockers;
}
