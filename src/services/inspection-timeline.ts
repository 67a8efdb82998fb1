// An inspection's timeline: each milestone's date (the default worked out from the fieldwork dates,
// or where the lead inspector moved it), its owner and its state from what the product records;
// and moving a date, with a reason, audited before → after.
import { getOrganisation, listInspectionMembers, recordAudit, inTransaction, type Db, type Inspection } from '../db/repositories/index.ts';
import { selectionYear } from './inspection-youth-selection.ts';
import { getInspectionBooking, getInspectionYouthSelection, insertMilestoneMove, listMilestoneMoves, MILESTONE_DONE_ACTION, readTimelineRecord, type MilestoneMove } from '../db/repositories/timeline-repository.ts';
import { MILESTONES, type MilestoneKey, type MilestoneOwner } from '../domain/timeline/defaults.ts';
import { defaultTimeline, outOfOrder, progressFacts, RECORDED_BY_HAND, timelineStates, withMoves, type InspectionTimeline, type OwnedMilestone } from '../domain/timeline/timeline.ts';

import { addDays, isIsoDate } from '../domain/sampling/dates.ts';
import { fullDate } from '../domain/timeline/dates.ts';
import { bankHolidays } from '../reference/bank-holidays.ts';
import { actorNamer } from './audit-trail.ts';
import { FieldError } from './errors.ts';
import { frameworkOf, requireInspection } from './inspections.ts';
import { clock } from './clock.ts';

const ROLE_WORDS: Record<Exclude<MilestoneOwner, 'service'>, string> = { 'lead-inspector': 'Lead inspector', inspectors: 'Inspection team' };

export const isMilestone = (key: string): key is MilestoneKey => (MILESTONES as readonly string[]).includes(key);

/** The latest date each milestone was moved to. */
const movedDates = (moves: readonly MilestoneMove[]) => new Map(moves.filter((m) => isMilestone(m.milestone)).map((m) => [m.milestone as MilestoneKey, m.to]));

export async function inspectionTimeline(db: Db, inspection: Inspection, today = clock.today()): Promise<InspectionTimeline> {
  const [moves, record, members, organisation, booking, youthSelection] = await Promise.all([
    listMilestoneMoves(db, inspection.id),
    readTimelineRecord(db, inspection.id),
    listInspectionMembers(db, inspection.id),
    getOrganisation(db, inspection.organisationId),
    getInspectionBooking(db, inspection.id),
    getInspectionYouthSelection(db, inspection.id),
  ]);
  // The service and whom the survey asks, in the framework's words: "The PDU", "The youth justice service".
  const { regime, questionnaire } = (await frameworkOf(db, inspection)).definition;
  const planned = withMoves(
    defaultTimeline({ fieldworkStart: inspection.fieldworkStart, fieldworkEnd: inspection.fieldworkEnd, holidays: bankHolidays(), people: regime.people.plural, survey: !!questionnaire }),
    movedDates(moves),
  );
  const leads = members.filter((m) => m.role === 'lead-inspector').map((m) => m.displayName);
  const ownerText = (owner: MilestoneOwner) =>
    owner === 'lead-inspector' ? `${ROLE_WORDS[owner]}${leads.length ? `: ${leads.join(', ')}` : ' (not yet named)'}` : owner === 'service' ? `The ${regime.organisation.singular}${organisation ? `: ${organisation.name}` : ''}` : ROLE_WORDS[owner];
  const disordered = outOfOrder(planned);
  // A date that had passed before the inspection was created is not late: it is to be moved.
  const created = inspection.createdAt.toISOString().slice(0, 10);
  const createdOn = created < today ? created : today;
  const doneOn = record.doneByHand as Partial<Record<MilestoneKey, string>>;
  const milestones = timelineStates(planned, progressFacts({ ...record, doneByHand: doneOn }), today, { createdOn, doneOn }).map((m) => ({ ...m, ownerText: ownerText(m.owner), before: disordered.get(m.key)?.name ?? null }));
  return { milestones, late: milestones.filter((m) => m.state === 'late'), moves: await withNames(db, moves), booking, youthSelection: youthSelection && { year: selectionYear(youthSelection.asOf), reasons: youthSelection.reasons } };
}

/** Each move with the mover's name, as the audit trail names people. */
async function withNames(db: Db, moves: readonly MilestoneMove[]) {
  const nameOf = await actorNamer(db);
  return moves.map((m) => ({ ...m, movedByName: nameOf(m.movedBy) }));
}

/** How far from fieldwork a milestone may be moved: beyond two years it is another inspection. */
const FURTHEST_DAYS = 730;

export interface MilestoneMoveInput {
  milestone: string;
  /** The new date, YYYY-MM-DD. */
  date: string;
  reason: string;
}

/** Moves one milestone's date, with the reason; audited with the date before and after. */
export async function moveMilestone(db: Db, inspectionId: number, input: MilestoneMoveInput, actor: string, today = clock.today()): Promise<{ milestone: OwnedMilestone; from: string; to: string }> {
  const inspection = await requireInspection(db, inspectionId);
  if (!isMilestone(input.milestone)) throw new FieldError([{ field: 'milestone', message: `There is no milestone "${input.milestone}"` }]);
  const timeline = await inspectionTimeline(db, inspection, today);
  const current = timeline.milestones.find((m) => m.key === input.milestone);
  if (!current) throw new FieldError([{ field: 'milestone', message: `This inspection's timeline has no milestone "${input.milestone}"` }]);
  const problems: { field: string; message: string }[] = [];
  const reason = input.reason.trim();
  if (!isIsoDate(input.date)) problems.push({ field: 'date', message: 'Enter the new date as a real date' });
  else if (input.date === current.date) problems.push({ field: 'date', message: `The new date is the date it has now (${fullDate(current.date)}): enter a different date` });
  else if (input.date < addDays(inspection.fieldworkStart, -FURTHEST_DAYS) || input.date > addDays(inspection.fieldworkEnd, FURTHEST_DAYS))
    problems.push({ field: 'date', message: 'The new date must be within two years of the fieldwork' });
  if (!reason) problems.push({ field: 'reason', message: 'Enter the reason for moving the date' });
  else if (reason.length > 1000) problems.push({ field: 'reason', message: 'The reason must be 1,000 characters or fewer' });
  if (problems.length) throw new FieldError(problems);
  await inTransaction(db, async (trx) => {
    await insertMilestoneMove(trx, { inspectionId, milestone: current.key, from: current.date, to: input.date, reason, movedBy: actor });
    await recordAudit(trx, {
      actor,
      action: 'timeline.milestone-moved',
      entity: 'inspection',
      entityId: inspectionId,
      inspectionId,
      before: { milestone: current.name, date: current.date },
      after: { milestone: current.name, date: input.date, reason },
    });
  });
  return { milestone: current, from: current.date, to: input.date };
}

/**
 * Records that a milestone the product cannot see happen (the notice, fieldwork) has happened, on
 * the day given (not in the future); audited, and the audit event is the record the timeline reads.
 */
export async function recordMilestoneDone(db: Db, inspectionId: number, input: { milestone: string; on: string }, actor: string, today = clock.today()): Promise<OwnedMilestone> {
  const inspection = await requireInspection(db, inspectionId);
  if (!isMilestone(input.milestone) || !RECORDED_BY_HAND.includes(input.milestone))
    throw new FieldError([{ field: 'milestone', message: 'Only the notice and the fieldwork are recorded by hand: the product records the rest as they happen' }]);
  const current = (await inspectionTimeline(db, inspection, today)).milestones.find((m) => m.key === input.milestone)!;
  if (!isIsoDate(input.on)) throw new FieldError([{ field: 'on', message: 'Enter the day it happened as a real date' }]);
  if (input.on > today) throw new FieldError([{ field: 'on', message: 'The day it happened must be today or in the past' }]);
  if (input.on < addDays(inspection.fieldworkStart, -FURTHEST_DAYS)) throw new FieldError([{ field: 'on', message: 'The day it happened must be within two years of the fieldwork' }]);
  await recordAudit(db, {
    actor,
    action: MILESTONE_DONE_ACTION,
    entity: 'inspection',
    entityId: inspectionId,
    inspectionId,
    before: current.doneOn ? { milestone: current.key, name: current.name, on: current.doneOn } : null,
    after: { milestone: current.key, name: current.name, on: input.on },
  });
  return current;
}
