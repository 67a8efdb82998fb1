// Who may write the report, and when. The lead inspector and the team members the lead names as
// report writers may edit any section; the lead's own saves stand as approved, a writer's wait for
// the lead's approval, and the report shows each section's latest approved version. Editing follows
// the way to publication: free while a draft; during the factual accuracy check only the lead, and
// only to act on a factual accuracy comment the lead accepted; locked once embargoed or published.
import type { ReportStatus } from '../publication/workflow.ts';

export interface Writer {
  isLead: boolean;
  isNamedWriter: boolean;
}

export const mayWrite = (w: Writer): boolean => w.isLead || w.isNamedWriter;

/** Why a save is refused at this stage of the report, or null when it may go ahead. */
export function stageRefusal(status: ReportStatus, writer: Writer, acceptedCommentNamed: boolean): string | null {
  if (status === 'embargoed' || status === 'published') return `The report is ${status}: its text is locked`;
  if (status === 'factual-accuracy') {
    if (!writer.isLead) return 'During the factual accuracy check only the lead inspector changes the report';
    if (!acceptedCommentNamed) return 'Select the accepted factual accuracy comment this change acts on';
  }
  return null;
}

/** A save is based on the version the writer opened; any later save makes it stale, and it is refused rather than overwriting. */
export const isStale = (baseVersion: number, latestVersion: number): boolean => baseVersion !== latestVersion;
