// Creating an inspection in the web app: from a booking of the programme's current PDU cycle (its
// PDU, fieldwork week and team carried over; a booking becomes one inspection only) or directly
// (any PDU or youth justice service, a fieldwork start date, a framework version that inspects that
// kind of organisation, by default the current one). Both go through createInspection, in one
// transaction with the booking's link and, when a lead inspector creates it, their place as lead.
import { getOrganisation, listFrameworks, listInspections, listProgrammeCycles, recordAudit, setInspectionMember, type Db, type Inspection } from '../db/repositories/index.ts';
import { bookedInspections, insertInspectionBooking } from '../db/repositories/timeline-repository.ts';
import { canCreateInspections, type Actor, type Role } from '../domain/access/permissions.ts';
import { currentFrameworkFor, frameworksFor, type InspectedKind } from '../domain/framework/current.ts';
import type { Booking } from '../domain/programme/cycle-types.ts';
import { addDays, isIsoDate } from '../domain/sampling/dates.ts';
import { fullDate } from '../domain/timeline/dates.ts';
import { FieldError } from './errors.ts';
import { storedFramework } from './frameworks.ts';
import { createInspection } from './inspections.ts';
import { bookingId, getCycleState, type CycleState } from './programme/cycles.ts';

/** Who is creating the inspection: a lead inspector becomes its lead. */
export interface Creator {
  actor: string;
  userId: number;
  role: Role;
}

export interface FrameworkChoice {
  key: string;
  title: string;
  /** The kind of organisation the version inspects (its regime.organisationKind). */
  organisationKind: InspectedKind;
  /** What it inspects, in its own words: "PDUs", "youth justice services". */
  inspects: string;
  /** One of them, in its own words: "PDU", "youth justice service". */
  organisation: string;
  /** The current version for its kind: the newest published. */
  isDefault: boolean;
}

/** Every stored framework version, newest first within each kind of organisation, the current one of each kind marked. */
export async function frameworkChoices(db: Db): Promise<FrameworkChoice[]> {
  const stored = await Promise.all((await listFrameworks(db)).map(async (f) => ({ summary: f, framework: await storedFramework(db, f.id, f.version) })));
  const frameworks = stored.map((s) => ({ ...s, key: s.framework.key, regime: s.framework.regime, definition: s.framework.definition }));
  return (['pdu', 'youth-service'] as const).flatMap((kind) => {
    const current = currentFrameworkFor(frameworks, kind);
    return frameworksFor(frameworks, kind).map((f) => ({
      key: f.key,
      title: `${f.summary.title} (${f.summary.id}, version ${f.summary.version})`,
      organisationKind: kind,
      inspects: f.regime.organisation.plural,
      organisation: f.regime.organisation.singular,
      isDefault: f === current,
    }));
  });
}

/** The current framework version for a kind of organisation, or undefined when none is stored. */
export const currentChoice = (choices: readonly FrameworkChoice[], kind: InspectedKind): FrameworkChoice | undefined =>
  choices.find((f) => f.organisationKind === kind && f.isDefault);

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
export const leadIfLeadInspector = async (trx: Db, inspection: Inspection, creator: Creator) => {
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
  const frameworkKey = currentChoice(await frameworkChoices(db), 'pdu')?.key;
  if (!frameworkKey) throw new FieldError([{ field: 'booking', message: 'No framework for PDU inspections is stored' }]);
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
  /** What is inspected: a PDU (the default) or a youth justice service. */
  kind?: string;
  /** The PDU's organisation id, as the form sends it. */
  pdu: string;
  /** The youth justice service's organisation id, when kind is youth-service. */
  youthService?: string;
  /** YYYY-MM-DD, or '' when not given. */
  fieldworkStart: string;
  /** id@version, or '' for the current version for the kind of organisation. */
  framework: string;
}

const KIND_WORDS: Record<InspectedKind, { field: 'pdu' | 'youthService'; name: string }> = {
  pdu: { field: 'pdu', name: 'PDU' },
  'youth-service': { field: 'youthService', name: 'youth justice service' },
};

/**
 * Creates an inspection of any PDU or youth justice service on any date, by the framework version
 * chosen (one that inspects that kind of organisation) or the current one for its kind; refuses
 * one whose fieldwork overlaps another inspection of the same organisation.
 */
export async function createDirectly(db: Db, input: DirectInspection, creator: Creator): Promise<Inspection> {
  const { organisationId, frameworkKey } = await checkDirectly(db, input);
  return createInspection(db, { organisationId, frameworkKey, fieldworkStart: input.fieldworkStart }, creator.actor, (trx, inspection) => leadIfLeadInspector(trx, inspection, creator));
}

/** createDirectly's checks, every refusal naming its field: the organisation and framework version to create by. */
export async function checkDirectly(db: Db, input: DirectInspection): Promise<{ organisationId: number; frameworkKey: string }> {
  const problems: { field: string; message: string }[] = [];
  const kind: InspectedKind | undefined = input.kind === undefined || input.kind === '' || input.kind === 'pdu' ? 'pdu' : input.kind === 'youth-service' ? 'youth-service' : undefined;
  if (!kind) problems.push({ field: 'kind', message: 'Select whether a PDU or a youth justice service is inspected' });
  const words = KIND_WORDS[kind ?? 'pdu'];
  const id = kind === 'youth-service' ? (input.youthService ?? '') : input.pdu;
  const organisation = kind && /^\d{1,9}$/.test(id) ? await getOrganisation(db, Number(id)) : undefined;
  if (kind && (!organisation || organisation.kind !== kind)) problems.push({ field: words.field, message: `Select the ${words.name} to inspect` });
  if (!isIsoDate(input.fieldworkStart)) problems.push({ field: 'fieldworkStart', message: 'Enter the first day of fieldwork as a real date' });
  const frameworks = await frameworkChoices(db);
  const chosen = input.framework === '' ? (kind ? currentChoice(frameworks, kind) : undefined) : frameworks.find((f) => f.key === input.framework);
  if (input.framework === '' && kind && !chosen) problems.push({ field: 'framework', message: `No framework for ${words.name} inspections is stored` });
  else if (input.framework !== '' && !chosen) problems.push({ field: 'framework', message: 'Select the framework version' });
  else if (chosen && kind && chosen.organisationKind !== kind)
    problems.push({ field: 'framework', message: `${chosen.title} inspects ${chosen.inspects}: select a version for ${words.name} inspections, or the current one` });
  if (!problems.length && organisation) {
    const clash = await clashWith(db, organisation.id, input.fieldworkStart);
    if (clash) problems.push({ field: 'fieldworkStart', message: `${organisation.name} ${clash}: choose another week` });
  }
  if (problems.length) throw new FieldError(problems);
  return { organisationId: organisation!.id, frameworkKey: chosen!.key };
}
