// What the inspected service has done of its own tasks for an inspection: the facts its tasks page
// is drawn from (gathered by services/service-tasks.ts, shaped by presenters/service-tasks-page.ts).
import type { ReportStatus } from './workflow.ts';

export interface ServiceTaskFacts {
  reportStatus: ReportStatus;
  caseload: 'not-uploaded' | 'uploaded' | 'confirmed';
  contacts: 'not-uploaded' | 'uploaded';
  comments: { sent: number; decided: number };
  recommendations: { total: number; answered: number };
  /** Whom the survey asks, in the inspection's framework's words (regime.people): "people on probation", "children". */
  people: string;
  /** Whether the framework names a survey at all (the youth files do not): no contact list is asked for without one. */
  survey: boolean;
}
