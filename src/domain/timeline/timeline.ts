// An inspection's timeline: each milestone's default date from the fieldwork dates (by the rules of
// ./defaults.ts), the dates the lead inspector moved, and each milestone's state from what has
// happened: the product's own records, or (for the notice and fieldwork) what the lead recorded.
import { addDays, isIsoDate } from '../sampling/dates.ts';
import { MILESTONES, PDU_TIMELINE_DEFAULTS, type MilestoneKey, type MilestoneOwner, type TimelineDefaults } from './defaults.ts';
import { addWorkingDays, onOrAfterWorkingDay, onOrBeforeWorkingDay, type BankHolidays } from './working-days.ts';

export interface TimelineInput {
  fieldworkStart: string;
  fieldworkEnd: string;
  holidays: BankHolidays;
  defaults?: TimelineDefaults;
  /** Whom the survey asks, in the framework's words (regime.people), for the milestones' names; "people on probation" unless given. */
  people?: string;
  /** False where the framework names no survey (the youth files): the survey's milestones are left out. */
  survey?: boolean;
}

export interface PlannedMilestone {
  key: MilestoneKey;
  name: string;
  owner: MilestoneOwner;
  date: string;
  defaultDate: string;
  basis: string;
  /** The date was moved from its default. */
  moved: boolean;
}

/** Every milestone's default date, in timeline order. */
export function defaultTimeline(input: TimelineInput): PlannedMilestone[] {
  const { fieldworkStart, fieldworkEnd, holidays } = input;
  const defaults = input.defaults ?? PDU_TIMELINE_DEFAULTS;
  if (!isIsoDate(fieldworkStart) || !isIsoDate(fieldworkEnd)) throw new RangeError(`fieldwork dates must be YYYY-MM-DD: ${fieldworkStart}, ${fieldworkEnd}`);
  if (fieldworkEnd < fieldworkStart) throw new RangeError(`fieldwork ends (${fieldworkEnd}) before it starts (${fieldworkStart})`);
  const dates = new Map<MilestoneKey, string>();
  const resolving = new Set<MilestoneKey>();
  const dateOf = (key: MilestoneKey): string => {
    const known = dates.get(key);
    if (known) return known;
    if (resolving.has(key)) throw new Error(`the timeline defaults go round in a circle at ${key}`);
    resolving.add(key);
    const rule = defaults[key].rule;
    let date: string;
    if ('given' in rule) date = rule.given === 'fieldwork-start' ? fieldworkStart : fieldworkEnd;
    else if ('workingDays' in rule) date = addWorkingDays(dateOf(rule.from), rule.workingDays, holidays);
    else {
      const day = addDays(dateOf(rule.from), rule.days);
      date = rule.align === 'on-or-before' ? onOrBeforeWorkingDay(day, holidays) : rule.align === 'on-or-after' ? onOrAfterWorkingDay(day, holidays) : day;
    }
    dates.set(key, date);
    return date;
  };
  const surveyless = input.survey === false;
  return MILESTONES.filter((key) => !(surveyless && (key === 'survey-open' || key === 'survey-closed'))).map((key) => {
    const d = defaults[key];
    const date = dateOf(key);
    return { key, name: d.name.replace('{people}', input.people ?? 'people on probation'), owner: d.owner, date, defaultDate: date, basis: d.basis, moved: false };
  });
}

/** The timeline with the dates moved (the latest date for each milestone). */
export function withMoves(timeline: readonly PlannedMilestone[], moved: ReadonlyMap<MilestoneKey, string>): PlannedMilestone[] {
  return timeline.map((m) => {
    const date = moved.get(m.key);
    return date === undefined ? m : { ...m, date, moved: date !== m.defaultDate };
  });
}

/**
 * Milestones a move has put before one that comes earlier in the timeline (publication before the
 * embargoed copy): each with the earlier milestone it now precedes, so the page can say so.
 */
export function outOfOrder(timeline: readonly PlannedMilestone[]): Map<MilestoneKey, PlannedMilestone> {
  const found = new Map<MilestoneKey, PlannedMilestone>();
  let latest: PlannedMilestone | undefined;
  for (const m of timeline) {
    if (latest && m.date < latest.date) found.set(m.key, latest);
    else latest = m;
  }
  return found;
}

export type MilestoneState = 'not-started' | 'done' | 'late';

/**
 * Milestones the product learns of only when someone records them: it sends no notice itself, and
 * fieldwork happens in the service's offices. Until recorded they are not done, whatever the date.
 */
export const RECORDED_BY_HAND: readonly MilestoneKey[] = ['notice', 'fieldwork-start', 'fieldwork-end'];

/** What has happened of each milestone: true it has, false it has not. */
export type MilestoneFacts = Record<MilestoneKey, boolean>;

/**
 * A milestone is done when it has happened, and late only when it has not and its date has passed;
 * a date that had already passed when the inspection was created could never have been met, so it
 * is not called late (the page asks for the date to be moved instead).
 */
export function milestoneState(date: string, done: boolean, today: string, createdOn?: string): MilestoneState {
  if (done) return 'done';
  return date < today && (createdOn === undefined || date >= createdOn) ? 'late' : 'not-started';
}

export interface TimelineMilestone extends PlannedMilestone {
  state: MilestoneState;
  /** Recorded by hand (the notice, fieldwork), not by the product's own records. */
  byHand: boolean;
  /** The day it was recorded as happening, for those recorded by hand. */
  doneOn: string | null;
  /** Not done, and its date had passed before the inspection was created. */
  passedBeforeCreation: boolean;
}

/** A milestone with its owner in words, as the inspection's overview lists it. */
export interface OwnedMilestone extends TimelineMilestone {
  /** The owner in words: the role, and the person or service when known ("Lead inspector: Sam Smith"). */
  ownerText: string;
  /** The earlier milestone a moved date now comes before, if any. */
  before: string | null;
}

/** A date the lead inspector moved, with the reason and who moved it. */
export interface MovedMilestone {
  milestone: string;
  from: string;
  to: string;
  reason: string;
  movedByName: string;
  movedAt: Date;
}

/** An inspection's timeline: its milestones, those late, every move of a date (oldest first), and the programme booking it was made from. */
export interface InspectionTimeline {
  milestones: OwnedMilestone[];
  late: OwnedMilestone[];
  moves: MovedMilestone[];
  booking: { week: string; team: string | null } | undefined;
  /** The programme's youth selection it was made from: the programme year and the selection's reasons. */
  youthSelection?: { year: string; reasons: string } | undefined;
}

export function timelineStates(timeline: readonly PlannedMilestone[], facts: MilestoneFacts, today: string, options: { createdOn?: string; doneOn?: Partial<Record<MilestoneKey, string>> } = {}): TimelineMilestone[] {
  const { createdOn } = options;
  return timeline.map((m) => ({
    ...m,
    state: milestoneState(m.date, facts[m.key], today, createdOn),
    byHand: RECORDED_BY_HAND.includes(m.key),
    doneOn: options.doneOn?.[m.key] ?? null,
    passedBeforeCreation: !facts[m.key] && createdOn !== undefined && m.date < createdOn,
  }));
}

export type ReportStage = 'draft' | 'factual-accuracy' | 'embargoed' | 'published';

/** What the product records of an inspection, as the timeline needs it. */
export interface InspectionProgress {
  caseloadUploaded: boolean;
  sampleConfirmed: boolean;
  survey: 'none' | 'draft' | 'open' | 'closed';
  signedOff: boolean;
  /** The report's stage; null when no report has been started. */
  report: ReportStage | null;
  recommendations: number;
  recommendationsAnswered: number;
  /** Cases in the inspection: a sample imported whole (not drawn here from an uploaded caseload) is one already made. */
  cases: number;
  /** The milestones recorded by hand as happened, with the day each happened. */
  doneByHand: Partial<Record<MilestoneKey, string>>;
}

const STAGES: readonly ReportStage[] = ['draft', 'factual-accuracy', 'embargoed', 'published'];
const reached = (report: ReportStage | null, stage: ReportStage) => report !== null && STAGES.indexOf(report) >= STAGES.indexOf(stage);

/**
 * The facts behind each milestone's state. Case assessment and quality assurance are known
 * complete once the inspection is signed off (sign-off needs both); before that they are not.
 * The action plan is in once the report is published and every recommendation is answered.
 * The caseload and the sample are in once the inspection has its cases, however they came.
 */
export function progressFacts(p: InspectionProgress): MilestoneFacts {
  return {
    notice: p.doneByHand.notice !== undefined,
    'caseload-due': p.caseloadUploaded || p.sampleConfirmed || p.cases > 0,
    'sample-confirmed': p.sampleConfirmed || p.cases > 0,
    'fieldwork-start': p.doneByHand['fieldwork-start'] !== undefined || p.doneByHand['fieldwork-end'] !== undefined,
    'fieldwork-end': p.doneByHand['fieldwork-end'] !== undefined,
    'survey-open': p.survey === 'open' || p.survey === 'closed',
    'survey-closed': p.survey === 'closed',
    'case-assessment-complete': p.signedOff,
    'qa-complete': p.signedOff,
    'sign-off': p.signedOff,
    'draft-to-service': reached(p.report, 'factual-accuracy'),
    'factual-accuracy-due': reached(p.report, 'embargoed'),
    'embargoed-copy': reached(p.report, 'embargoed'),
    publication: reached(p.report, 'published'),
    'action-plan-due': reached(p.report, 'published') && p.recommendationsAnswered >= p.recommendations,
  };
}
