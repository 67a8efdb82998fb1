// What the inspected service may open of its inspection at each step of the report's way to
// publication. Before the draft reaches it, only its own tasks (the caseload and the contact list);
// during the factual accuracy check and the embargo, the draft report and the comment form as
// well; once published, what the public sees and its action plan. Case judgements, evidence,
// quality assurance, the team's workloads and assignments, survey free text and the audit trail
// are the inspectorate's own at every step.
import type { ReportStatus } from './workflow.ts';

/** The parts of an inspection, as the route guards and the inspection's navigation name them. */
export const INSPECTION_AREAS = [
  /** The inspection's own page: its ratings for the inspectorate, its tasks for the service. */
  'overview',
  /** Ratings with their explanations (the page and the API). */
  'ratings',
  /** The report as HTML and PDF. */
  'report',
  /** The report's text, recommendations and factual accuracy comments. */
  'publication',
  /** Writing the report: the sections' drafts, their versions and tracked changes, the named writers. */
  'report-writing',
  /** Embargo recipients and moving the report on: the inspectorate's side of publication. */
  'publication-workings',
  'action-plan',
  /** The caseload upload and the case sample. */
  'sample',
  /** The survey's state and the contact list upload. */
  'survey',
  /** The survey's results, free-text answers included. */
  'survey-results',
  'survey-follow-ups',
  /** Case assessments: case lists and pages, the API's cases, case-level exports. */
  'cases',
  /** Domain one: evidence, ratings and rationales. */
  'judgements',
  /** The team, its workloads and assignments. */
  'team',
  'quality',
  'sign-off',
  'audit',
] as const;
export type InspectionArea = (typeof INSPECTION_AREAS)[number];

const TASKS: readonly InspectionArea[] = ['overview', 'sample', 'survey'];
const DRAFT_REPORT: readonly InspectionArea[] = [...TASKS, 'report', 'publication'];

/** What the inspected service's own staff may open, by the report's status. */
export const SERVICE_AREAS: Readonly<Record<ReportStatus, readonly InspectionArea[]>> = {
  draft: TASKS,
  'factual-accuracy': DRAFT_REPORT,
  embargoed: DRAFT_REPORT,
  published: [...DRAFT_REPORT, 'ratings', 'action-plan'],
};

export const serviceMayOpen = (area: InspectionArea, status: ReportStatus): boolean => SERVICE_AREAS[status].includes(area);
