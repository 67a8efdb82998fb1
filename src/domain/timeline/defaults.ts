// The PDU inspection's milestones and how their dates default, as one data object: the numbers
// belong in the framework file eventually (a youth or thematic inspection keeps other ones), so
// they live here together and nowhere else.
//
// Where each number comes from. The sources are HM Inspectorate of Probation's own publications
// (consultation on adult inspections, May 2021, "3.15"; corporate plan 2017-2020). Where they are
// silent the number is marked DEFAULT: our choice, written to be changed by the inspectorate (and
// any one inspection's date can be moved, with a reason, by its lead inspector).

export const MILESTONES = [
  'notice',
  'caseload-due',
  'sample-confirmed',
  'survey-open',
  'fieldwork-start',
  'fieldwork-end',
  'survey-closed',
  'case-assessment-complete',
  'qa-complete',
  'sign-off',
  'draft-to-service',
  'factual-accuracy-due',
  'embargoed-copy',
  'publication',
  'action-plan-due',
] as const;

export type MilestoneKey = (typeof MILESTONES)[number];

/** Who answers for a milestone: a role on the inspection (shown with the person's name when known) or the inspected PDU. */
export type MilestoneOwner = 'lead-inspector' | 'inspectors' | 'service';

/**
 * How a default date is worked out from another milestone's date (fieldwork start and end are the
 * inspection's own): calendar days or weeks, then moved to a working day (`align`), or working days.
 */
export type DateRule =
  | { given: 'fieldwork-start' | 'fieldwork-end' }
  | { from: MilestoneKey; days: number; align: 'on-or-before' | 'on-or-after' | 'none' }
  | { from: MilestoneKey; workingDays: number };

export interface MilestoneDefault {
  name: string;
  owner: MilestoneOwner;
  rule: DateRule;
  /** Why the default is what it is, in words the page shows beside the date. */
  basis: string;
}

export type TimelineDefaults = Readonly<Record<MilestoneKey, MilestoneDefault>>;

const WEEK = 7;

/** The adult PDU inspection (hmip-adult-pdu framework). */
export const PDU_TIMELINE_DEFAULTS: TimelineDefaults = {
  // Corporate plan 2017-2020: "We will continue to give advance notice of our routine inspections
  // (although we will review the length of notice we give, to be more consistent)". No length is
  // published: DEFAULT 8 weeks, so the caseload and contact list can follow in good time.
  notice: {
    name: 'Notice to the service',
    owner: 'lead-inspector',
    rule: { from: 'fieldwork-start', days: -8 * WEEK, align: 'on-or-before' },
    basis: '8 weeks before fieldwork: the inspectorate announces its inspections in advance (corporate plan 2017-2020); the length is a default the inspectorate can change',
  },
  // 3.15: every eligible case that began in a one- or two-week window six months before fieldwork
  // starts. When the PDU sends that caseload is not published: DEFAULT 6 weeks before fieldwork.
  'caseload-due': {
    name: 'Caseload due from the service',
    owner: 'service',
    rule: { from: 'fieldwork-start', days: -6 * WEEK, align: 'on-or-before' },
    basis: '6 weeks before fieldwork: the PDU lists the cases that began in the sample window six months before fieldwork (consultation 2021, 3.15); the 6 weeks is a default',
  },
  // DEFAULT: 4 weeks before fieldwork, time to assign the cases to the team.
  'sample-confirmed': {
    name: 'Case sample confirmed',
    owner: 'lead-inspector',
    rule: { from: 'fieldwork-start', days: -4 * WEEK, align: 'on-or-before' },
    basis: '4 weeks before fieldwork, so the cases can be assigned before the team arrives: a default',
  },
  // 4.20: people on probation are invited to have their say "in the run up to and during
  // fieldwork". How far ahead the text survey opens: DEFAULT 3 weeks.
  'survey-open': {
    name: 'Survey of {people} opens',
    owner: 'lead-inspector',
    rule: { from: 'fieldwork-start', days: -3 * WEEK, align: 'on-or-before' },
    basis: '3 weeks before fieldwork: the survey runs in the run up to and during fieldwork (consultation 2021, 4.20); the 3 weeks is a default',
  },
  // 3.14: "Each PDU inspection will last for one week": the inspection's own dates.
  'fieldwork-start': { name: 'Fieldwork starts', owner: 'inspectors', rule: { given: 'fieldwork-start' }, basis: 'The inspection’s fieldwork week (consultation 2021, 3.14: one week)' },
  'fieldwork-end': { name: 'Fieldwork ends', owner: 'inspectors', rule: { given: 'fieldwork-end' }, basis: 'The last day of the fieldwork week' },
  // 4.20 again: the survey runs during fieldwork, and closes with it (the draft goes to the
  // service only once the survey is closed, so its results cannot change after).
  'survey-closed': {
    name: 'Survey closes',
    owner: 'lead-inspector',
    rule: { from: 'fieldwork-end', days: 0, align: 'none' },
    basis: 'The last day of fieldwork: the survey runs until then (consultation 2021, 4.20)',
  },
  // DEFAULT: a working week each for the last case assessments, quality assurance and sign-off.
  'case-assessment-complete': {
    name: 'Case assessments complete',
    owner: 'inspectors',
    rule: { from: 'fieldwork-end', workingDays: 5 },
    basis: '5 working days after fieldwork: a default',
  },
  'qa-complete': {
    name: 'Quality assurance complete',
    owner: 'lead-inspector',
    rule: { from: 'case-assessment-complete', workingDays: 5 },
    basis: '5 working days after the case assessments: a default',
  },
  'sign-off': {
    name: 'Signed off',
    owner: 'lead-inspector',
    rule: { from: 'qa-complete', workingDays: 5 },
    basis: '5 working days after quality assurance: a default',
  },
  'draft-to-service': {
    name: 'Draft report to the service',
    owner: 'lead-inspector',
    rule: { from: 'sign-off', workingDays: 5 },
    basis: '5 working days after sign-off: a default',
  },
  // The inspectorate's usual practice gives the service 10 working days for factual accuracy
  // comments; the published sources do not state it, so it is marked as a default too.
  'factual-accuracy-due': {
    name: 'Factual accuracy comments due',
    owner: 'service',
    rule: { from: 'draft-to-service', workingDays: 10 },
    basis: '10 working days after the draft reaches the service: the usual factual accuracy period, a default the inspectorate can change',
  },
  // DEFAULT: the embargoed copy goes to the named recipients a working week before publication.
  'embargoed-copy': {
    name: 'Embargoed copy sent',
    owner: 'lead-inspector',
    rule: { from: 'publication', workingDays: -5 },
    basis: '5 working days before publication: a default',
  },
  // Reports are usually published about 8 to 12 weeks after fieldwork (not stated in the
  // sources): DEFAULT the middle, 10 weeks after fieldwork ends, on a working day.
  publication: {
    name: 'Publication',
    owner: 'lead-inspector',
    rule: { from: 'fieldwork-end', days: 10 * WEEK, align: 'on-or-after' },
    basis: '10 weeks after fieldwork, the middle of the usual 8 to 12 weeks: a default',
  },
  // Corporate plan 2017-2020: "We will require action plans in response to our inspection
  // findings and recommendations" (no period stated): DEFAULT 8 weeks after publication.
  'action-plan-due': {
    name: 'Action plan due',
    owner: 'service',
    rule: { from: 'publication', days: 8 * WEEK, align: 'on-or-after' },
    basis: '8 weeks after publication: the service answers each recommendation (corporate plan 2017-2020); the 8 weeks is a default',
  },
};
