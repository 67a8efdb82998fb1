// Creating an inspection in the web app: from a booking of the programme's current PDU cycle (its
// PDU, fieldwork week and team carried over; a booking becomes one inspection only) or directly
// (any PDU, a fieldwork start date, a framework version). Both go through createInspection, in one
// transaction with the booking's link and, when a lead inspector creates it, their place as lead.
import { getOrganisation, listFrameworks, listInspections, listProgrammeCycles, recordAudit, setInspectionMember, type Db, type Inspection } from '../db/repositories/index.ts';
import { bookedInspections, insertInspectionBooking } from '../db/repositories/timeline-repository.ts';
import { canCreateInspections, type Actor, type Role } from '../domain/access/permissions.ts';
import type { Booking } from '../domain/programme/cycle-types.ts';
import { addDays, isIsoDate } from '../domain/sampling/dates.ts';
import { fullDate } from '../domain/timeline/dates.ts';
import { FieldError } from './errors.ts';
import { createInspection } from './inspections.ts';
import { bookingId, getCycleState, type CycleState } from './programme/cycles.ts';

/** Who is creating the inspection: a lead inspector becomes its lead. */
export interface Creator {
  actor: string;
  userId: number;
  role: Role;
}

/** The framework new PDU inspections use unless another version is chosen: the newest stored adult PDU framework. */
export const ADULT_PDU_FRAMEWORK = 'hmip-adult-pdu';

export async function frameworkChoices(db: Db): Promise<{ key: string; title: string; isDefault: boolean }[]> {
  const all = await listFrameworks(db);
  const adult = all.filter((f) => f.id === ADULT_PDU_FRAMEWORK).at(-1);
  return all.map((f) => ({ key: `${f.id}@${f.version}`, title: `${f.title} (${f.id}, version ${f.version})`, isDefault: f === adult }));
}

/** The programme's current PDU cycle: the newest one planned. */
export async function currentCycle(db: Db): Promise<CycleState | undefined> {
  const [newest] = await listProgrammeCycles(db);
  return newest && newest.revision ? getCycleState(db, newest.id) : undefined;
}

export interface BookingChoice {
  key: string;
  booking: Booking;
  organisationId: number | undefined;
  /** The inspection already made from it. */
  inspectionId: number | null;
}

const isInspectionBooking = (b: Booking) => b.kind === 'inspection' || b.kind === 'return-inspection';

/** The current cycle's PDU inspections (not fact-finding weeks), in week order, each with the inspection made from it. */
export async function cycleBookings(db: Db): Promise<{ cycle: CycleState; choices: BookingChoice[] } | undefined> {
  const cycle = await currentCycle(db);
  if (!cycle) return undefined;
  const made = await bookedInspections(db, cycle.cycle.id);
  const choices = cycle.current.plan.bookings
    .filter(isInspectionBooking)
    .map((b) => ({ key: bookingId(b), booking: b, organisationId: cycle.current.organisationIds[b.pdu!], inspectionId: made.get(bookingId(b)) ?? null }))
    .sort((a, b) => (a.booking.week < b.booking.week ? -1 : a.booking.week > b.booking.week ? 1 : a.key < b.key ? -1 : 1));
  return { cycle, choices };
}

/** For the cycle's calendar: the bookings made into inspections, and whether the person may make more (the current cycle only). */
export async function cycleInspections(db: Db, cycleId: number, actor: Actor): Promise<{ made: Map<string, number>; canCreate: boolean } | undefined> {
  const [newest] = await listProgrammeCycles(db);
  if (newest?.id !== cycleId) return undefined;
  return { made: await bookedInspections(db, cycleId), canCreate: canCreateInspections(actor) };
}

/** The booking named, from the current cycle; every refusal names the field. */
export async function findBooking(db: Db, input: { cycle: string | number; booking: string }): Promise<{ cycle: CycleState; choice: BookingChoice }> {
  const found = await cycleBookings(db);
  if (!found) throw new FieldError([{ field: 'booking', message: 'There is no PDU cycle yet: plan one in the programme, or create the inspection directly' }]);
  if (String(found.cycle.cycle.id) !== String(input.cycle))
    throw new FieldError([{ field: 'booking', message: `That booking is not in the current PDU cycle (${found.cycle.cycle.title}): choose one of its bookings` }]);
  const choice = found.choices.find((c) => c.key === input.booking);
  if (!choice) throw new FieldError([{ field: 'booking', message: `There is no PDU inspection "${input.booking}" in the current plan of ${found.cycle.cycle.title}: it may have been moved or taken out, so choose again` }]);
  return { cycle: found.cycle, choice };
}

const alreadyMade = (b: Booking, inspectionId: number) =>
  new FieldError([{ field: 'booking', message: `${b.pdu}'s ${b.kind === 'return-inspection' ? 'return' : 'cycle'} inspection in the week of ${fullDate(b.week)} is already inspection ${inspectionId}: a booking becomes one inspection only` }]);

const isUniqueViolation = (e: unknown) => !!e && typeof e === 'object' && (e as { code?: unknown }).code === '23505';

/** The lead inspector who creates an inspection leads it (otherwise it would be hidden from them). */
const leadIfLeadInspector = async (trx: Db, inspection: Inspection, creator: Creator) => {
  if (creator.role !== 'lead-inspector') return;
  await setInspectionMember(trx, inspection.id, creator.userId, 'lead-inspector');
  await recordAudit(trx, { actor: creator.actor, action: 'inspection.member-set', entity: 'inspection', entityId: inspection.id, inspectionId: inspection.id, after: { userId: creator.userId, role: 'lead-inspector' } });
};

/** Makes the booking an inspection: fieldwork the booked week (Monday to Friday), the team recorded with it. */
export async function createFromBooking(db: Db, input: { cycle: string | number; booking: string }, creator: Creator): Promise<Inspection> {
  const { cycle, choice } = await findBooking(db, input);
  const b = choice.booking;
  if (choice.inspectionId !== null) throw alreadyMade(b, choice.inspectionId);
  if (choice.organisationId === undefined) throw new FieldError([{ field: 'booking', message: `${b.pdu} is no longer in the registry: refresh the cycle's PDUs, or create the inspection directly` }]);
  const clash = await clashWith(db, choice.organisationId, b.week);
  if (clash) throw new FieldError([{ field: 'booking', message: `${b.pdu} ${clash}` }]);
  const frameworkKey = (await frameworkChoices(db)).find((f) => f.isDefault)?.key;
  if (!frameworkKey) throw new FieldError([{ field: 'booking', message: 'No adult PDU framework is stored' }]);
  try {
    return await createInspection(
      db,
      {
        organisationId: choice.organisationId,
        frameworkKey,
        fieldworkStart: b.week,
        ...(b.kind === 'return-inspection' ? { title: `Return inspection of probation services: ${b.pdu} PDU` } : {}),
      },
      creator.actor,
      async (trx, inspection) => {
        await insertInspectionBooking(trx, { inspectionId: inspection.id, cycleId: cycle.cycle.id, booking: choice.key, revision: cycle.current.revision, week: b.week, team: b.team, createdBy: creator.actor });
        await recordAudit(trx, {
          actor: creator.actor,
          action: 'inspection.created-from-booking',
          entity: 'inspection',
          entityId: inspection.id,
          inspectionId: inspection.id,
          after: { cycle: cycle.cycle.id, revision: cycle.current.revision, booking: choice.key, week: b.week, team: b.team },
        });
        await leadIfLeadInspector(trx, inspection, creator);
      },
    );
  } catch (e) {
    // Two people making the same booking at once: the second is refused by the unique key.
    if (isUniqueViolation(e)) {
      const again = await findBooking(db, input);
      throw alreadyMade(b, again.choice.inspectionId ?? 0);
    }
    throw e;
  }
}

/** Another inspection of the PDU whose fieldwork overlaps a week from `start`, in words; null when none. */
async function clashWith(db: Db, organisationId: number, start: string): Promise<string | null> {
  const end = addDays(start, 4);
  const clash = (await listInspections(db, { organisationId })).find((i) => i.fieldworkStart <= end && i.fieldworkEnd >= start);
  return clash ? `already has an inspection with fieldwork from ${fullDate(clash.fieldworkStart)} to ${fullDate(clash.fieldworkEnd)} (inspection ${clash.id})` : null;
}

export interface DirectInspection {
  /** The PDU's organisation id, as the form sends it. */
  pdu: string;
  /** YYYY-MM-DD, or '' when not given. */
  fieldworkStart: string;
  framework: string;
}

/** Creates an inspection of any PDU on any date; refuses one whose fieldwork overlaps another inspection of the same PDU. */
export async function createDirectly(db: Db, input: DirectInspection, creator: Creator): Promise<Inspection> {
  const problems: { field: string; message: string }[] = [];
  const organisation = /^\d{1,9}$/.test(input.pdu) ? await getOrganisation(db, Number(input.pdu)) : undefined;
  if (!organisation || organisation.kind !== 'pdu') problems.push({ field: 'pdu', message: 'Select the PDU to inspect' });
  if (!isIsoDate(input.fieldworkStart)) problems.push({ field: 'fieldworkStart', message: 'Enter the first day of fieldwork as a real date' });
  const frameworks = await frameworkChoices(db);
  if (!frameworks.some((f) => f.key === input.framework)) problems.push({ field: 'framework', message: 'Select the framework version' });
  if (!problems.length && organisation) {
    const clash = await clashWith(db, organisation.id, input.fieldworkStart);
    if (clash) problems.push({ field: 'fieldworkStart', message: `${organisation.name} ${clash}: choose another week` });
  }
  if (problems.length) throw new FieldError(problems);
  return createInspection(db, { organisationId: organisation!.id, frameworkKey: input.framework, fieldworkStart: input.fieldworkStart }, creator.actor, (trx, inspection) => leadIfLeadInspector(trx, inspection, creator));
}
