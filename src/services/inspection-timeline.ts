// An inspection's timeline: each milestone's date (the default worked out from the fieldwork dates,
// or where the lead inspector moved it), its owner and its state from what the product records;
// and moving a date, with a reason, audited before → after.
import { getOrganisation, getUser, listInspectionMembers, recordAudit, type Db, type Inspection } from '../db/repositories/index.ts';
import { getInspectionBooking, insertMilestoneMove, listMilestoneMoves, readTimelineRecord, type InspectionBooking, type MilestoneMove } from '../db/repositories/timeline-repository.ts';
import { MILESTONES, type MilestoneKey, type MilestoneOwner } from '../domain/timeline/defaults.ts';
import { defaultTimeline, outOfOrder, progressFacts, timelineStates, withMoves, type TimelineMilestone } from '../domain/timeline/timeline.ts';
import { addDays, isIsoDate } from '../domain/sampling/dates.ts';
import { fullDate } from '../domain/timeline/dates.ts';
import { bankHolidays } from '../reference/bank-holidays.ts';
import { FieldError } from './errors.ts';
import { requireInspection } from './inspections.ts';
import { todayIso } from './publication.ts';

export interface OwnedMilestone extends TimelineMilestone {
  /** The owner in words: the role, and the person or service when known ("Lead inspector: Sam Smith"). */
  ownerText: string;
  /** The earlier milestone a moved date now comes before, if any. */
  before: string | null;
}

export interface InspectionTimeline {
  milestones: OwnedMilestone[];
  late: OwnedMilestone[];
  /** Every move of a date, oldest first, with the name of the person who moved it. */
  moves: (MilestoneMove & { movedByName: string })[];
  /** The programme booking the inspection was made from, if it was. */
  booking: InspectionBooking | undefined;
}

const ROLE_WORDS: Record<MilestoneOwner, string> = { 'lead-inspector': 'Lead inspector', inspectors: 'Inspection team', service: 'The PDU' };

export const isMilestone = (key: string): key is MilestoneKey => (MILESTONES as readonly string[]).includes(key);

/** The latest date each milestone was moved to. */
const movedDates = (moves: readonly MilestoneMove[]) => new Map(moves.filter((m) => isMilestone(m.milestone)).map((m) => [m.milestone as MilestoneKey, m.to]));

export async function inspectionTimeline(db: Db, inspection: Inspection, today = todayIso()): Promise<InspectionTimeline> {
  const [moves, record, members, organisation, booking] = await Promise.all([
    listMilestoneMoves(db, inspection.id),
    readTimelineRecord(db, inspection.id),
    listInspectionMembers(db, inspection.id),
    getOrganisation(db, inspection.organisationId),
    getInspectionBooking(db, inspection.id),
  ]);
  const planned = withMoves(defaultTimeline({ fieldworkStart: inspection.fieldworkStart, fieldworkEnd: inspection.fieldworkEnd, holidays: bankHolidays() }), movedDates(moves));
  const leads = members.filter((m) => m.role === 'lead-inspector').map((m) => m.displayName);
  const ownerText = (owner: MilestoneOwner) =>
    owner === 'lead-inspector' ? `${ROLE_WORDS[owner]}${leads.length ? `: ${leads.join(', ')}` : ' (not yet named)'}` : owner === 'service' ? `${ROLE_WORDS[owner]}${organisation ? `: ${organisation.name}` : ''}` : ROLE_WORDS[owner];
  const disordered = outOfOrder(planned);
  const milestones = timelineStates(planned, progressFacts(record), today).map((m) => ({ ...m, ownerText: ownerText(m.owner), before: disordered.get(m.key)?.name ?? null }));
  return { milestones, late: milestones.filter((m) => m.state === 'late'), moves: await withNames(db, moves), booking };
}

/** "user:12" is shown as the person's name; anything else (cli:…) as it is. */
async function withNames(db: Db, moves: readonly MilestoneMove[]) {
  const names = new Map<string, string>();
  for (const by of new Set(moves.map((m) => m.movedBy))) {
    const id = /^user:(\d+)$/.exec(by)?.[1];
    names.set(by, (id && (await getUser(db, Number(id)))?.displayName) || by);
  }
  return moves.map((m) => ({ ...m, movedByName: names.get(m.movedBy)! }));
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
export async function moveMilestone(db: Db, inspectionId: number, input: MilestoneMoveInput, actor: string, today = todayIso()): Promise<{ milestone: OwnedMilestone; from: string; to: string }> {
  const inspection = await requireInspection(db, inspectionId);
  if (!isMilestone(input.milestone)) throw new FieldError([{ field: 'milestone', message: `There is no milestone "${input.milestone}"` }]);
  const timeline = await inspectionTimeline(db, inspection, today);
  const current = timeline.milestones.find((m) => m.key === input.milestone)!;
  const problems: { field: string; message: string }[] = [];
  const reason = input.reason.trim();
  if (!isIsoDate(input.date)) problems.push({ field: 'date', message: 'Enter the new date as a real date' });
  else if (input.date === current.date) problems.push({ field: 'date', message: `The new date is the date it has now (${fullDate(current.date)}): enter a different date` });
  else if (input.date < addDays(inspection.fieldworkStart, -FURTHEST_DAYS) || input.date > addDays(inspection.fieldworkEnd, FURTHEST_DAYS))
    problems.push({ field: 'date', message: 'The new date must be within two years of the fieldwork' });
  if (!reason) problems.push({ field: 'reason', message: 'Enter the reason for moving the date' });
  else if (reason.length > 1000) problems.push({ field: 'reason', message: 'The reason must be 1,000 characters or fewer' });
  if (problems.length) throw new FieldError(problems);
  await db.transaction().execute(async (trx) => {
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
