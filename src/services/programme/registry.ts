// The registry the programme plans from: the 12 regions and their PDUs (loaded by
// loadReferenceData), the youth justice services of England and Wales (loaded here from
// reference/organisations/youth-services.json), each with its inspections and ratings, its names
// over time, and the intelligence the risk score reads. A service's inspection history merges, at
// read time, the reference data's results, those administrators record here, and the inspections
// published in Inspectorate. Administrators rename services (from a date, which may be ahead: the
// new name takes effect on it), record and correct inspection results, and record caseload,
// concerns and performance; every change is audited.
import { z } from 'zod';
import {
  deleteOrganisationName,
  deleteRegistryOrganisation,
  findOrganisationByReferenceName,
  findOrganisationIdsByAnyName,
  findOrganisationExact,
  getOrganisation,
  getOrganisationIntelligence,
  getRecordedInspection,
  insertOrganisationName,
  insertRecordedInspection,
  insertRegistryOrganisation,
  listInspections,
  listNamesOfKind,
  listOrganisationIntelligence,
  listOrganisationNames,
  listOrganisations,
  listRecordedInspections,
  listRecordedNames,
  listRegionsWithPdus,
  organisationReferenced,
  publicationStates,
  recordAudit,
  saveOrganisationIntelligence,
  setOrganisationDetails,
  setOrganisationName,
  setOrganisationNameIfDifferent,
  setOrganisationNameValidTo,
  updateRecordedInspection,
  withdrawRecordedInspection,
  inTransaction,
  type Db,
  type InspectionListItem,
  type Organisation,
  type OrganisationIntelligence,
  type OrganisationName,
  type RecordedInspection,
  type RecordedInspectionInput,
} from '../../db/repositories/index.ts';
import type { PlanningPdu } from '../../domain/programme/cycle-types.ts';
import { latestOf, mergeHistory, RATINGS, withoutRecordedDuplicates, type HistoryEntry } from '../../domain/programme/inspection-history.ts';
import { lastName, lastNameChange, nameOn, scheduledNames } from '../../domain/programme/names-over-time.ts';
import { isRealDate, optionalRealDate, requiredRealDate } from './dates.ts';
import type { YouthService } from '../../domain/programme/youth-risk.ts';
import { loadRegions } from '../../reference/organisations.ts';
import { loadYouthServices, namesOfService, NATIONS, type Nation } from '../../reference/youth-services.ts';
import { AppError } from '../errors.ts';
import { rateInspectionsFromCounts } from '../bulk-ratings.ts';
import { clock } from '../clock.ts';
import { namesByOrganisation, otherNamesOf } from '../organisations.ts';
import { parseFields, ProgrammeFieldError } from './errors.ts';

/** The kinds of organisation the registry treats as services (PDUs and youth justice services): renamed, with results and intelligence recorded. */
export const SERVICE_KINDS = ['pdu', 'youth-service'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Whether an organisation is a PDU or youth justice service (not a region or the national body). */
export const isService = <O extends Pick<Organisation, 'kind'>>(org: O): org is O & { kind: ServiceKind } => (SERVICE_KINDS as readonly string[]).includes(org.kind);

/** The inspection results the reference data lists for an organisation, oldest first (as the files list them). */
export function referenceResultsOf(org: Organisation): HistoryEntry[] {
  const list = org.details.inspections;
  return Array.isArray(list) ? (list as Omit<HistoryEntry, 'source'>[]).map((i) => ({ ...i, source: 'reference' as const })) : [];
}

/** A result an administrator recorded, as an entry of the history (the public ratings pages read it too). */
export const recordedEntry = (r: RecordedInspection): HistoryEntry => ({
  published: r.publishedOn,
  fieldwork: r.fieldworkOn,
  overallRating: r.overallRating,
  url: r.url,
  ...(r.source ? { note: r.source } : {}),
  source: 'recorded',
  recordedId: r.id,
  ...(r.inspectionId !== null ? { inspectionId: r.inspectionId } : {}),
  recordedBy: r.recordedBy,
});

/**
 * Those of the given inspections of the app whose reports are published (or embargoed with their
 * date come), by organisation, each with its overall rating as the app rates it now. Dated by
 * publication (the end of fieldwork if the report has no date).
 */
async function publishedInApp(db: Db, today: string, inspections: readonly InspectionListItem[]): Promise<Map<number, HistoryEntry[]>> {
  const byOrganisation = new Map<number, HistoryEntry[]>();
  if (!inspections.length) return byOrganisation;
  const { published, publishOn } = await publicationStates(db, today);
  if (!published.size) return byOrganisation;
  const shown = inspections.filter((i) => published.has(i.id)).reverse();
  const rated = await rateInspectionsFromCounts(db, shown.map((i) => i.id));
  for (const i of shown) {
    const ratings = rated.get(i.id)!;
    const date = publishOn.get(i.id) ?? null;
    const entry: HistoryEntry = {
      published: date ?? i.fieldworkEnd,
      fieldwork: i.fieldworkStart,
      overallRating: ratings.overall.rating,
      url: `/public/inspections/${i.id}`,
      note: `${i.title}${date ? '' : ' (no publication date: dated by the end of fieldwork)'}${i.isDemo ? ' (demonstration data)' : ''}`,
      source: 'published',
      inspectionId: i.id,
    };
    byOrganisation.set(i.organisationId, [...(byOrganisation.get(i.organisationId) ?? []), entry]);
  }
  return byOrganisation;
}

interface HistorySources {
  recorded: Map<number, HistoryEntry[]>;
  published: Map<number, HistoryEntry[]>;
}

/**
 * The recorded results and the app's published inspections: of every service, of one kind only
 * (the inspections of other kinds are neither loaded nor rated), or of one organisation, whose
 * inspections in the app the caller may pass when it has them already.
 */
type HistoryScope = { kind?: ServiceKind } | { organisationId: number; inspections?: readonly InspectionListItem[] };

async function historySources(db: Db, today: string, scope: HistoryScope = {}): Promise<HistorySources> {
  const organisationId = 'organisationId' in scope ? scope.organisationId : undefined;
  const kind = 'kind' in scope ? scope.kind : undefined;
  const [standing, inApp] = await Promise.all([
    listRecordedInspections(db, organisationId),
    ('inspections' in scope && scope.inspections) || listInspections(db, organisationId === undefined ? {} : { organisationId }),
  ]);
  const recorded = new Map<number, HistoryEntry[]>();
  for (const r of standing) recorded.set(r.organisationId, [...(recorded.get(r.organisationId) ?? []), recordedEntry(r)]);
  return { recorded, published: await publishedInApp(db, today, kind === undefined ? inApp : inApp.filter((i) => i.organisationKind === kind)) };
}

/**
 * An organisation's inspection history, oldest first: the reference data's results, those recorded
 * by administrators and those published in the app (less any an administrator recorded for the
 * same inspection), in date order. Its last entry is the planner's latest inspection.
 */
function historyOf(org: Organisation, sources: HistorySources): HistoryEntry[] {
  const recorded = sources.recorded.get(org.id) ?? [];
  return mergeHistory(referenceResultsOf(org), recorded, withoutRecordedDuplicates(recorded, sources.published.get(org.id) ?? []));
}

/**
 * Renames that have come into force since they were recorded ahead of their date: the
 * organisation takes the name in force today; each is audited once. Run when the reference data
 * is loaded (on start, and by every command of the command line), and by the registry's own reads
 * here (listRegistry, getServiceRecord, planningPdus, planningYouthServices): so the programme's
 * pages, the planning of cycles and selections, and the registry's commands use the name in
 * force. Other reads of organisations (inspections, reports, public ratings, …) read the stored
 * name: they see the new name once one of those has run since its date.
 */
export async function applyDueRenames(db: Db, today = clock.today(), actor = 'system:registry'): Promise<number> {
  const names = await listRecordedNames(db);
  const byOrganisation = new Map<number, typeof names>();
  for (const n of names) byOrganisation.set(n.organisationId, [...(byOrganisation.get(n.organisationId) ?? []), n]);
  const due = [...byOrganisation].flatMap(([organisationId, list]) => {
    const stored = list[0]!.organisationName;
    const now = nameOn(list, stored, today);
    return now === stored ? [] : [{ organisationId, stored, now, from: list.find((n) => n.name === now && n.validFrom !== null && n.validFrom <= today)?.validFrom ?? null }];
  });
  if (!due.length) return 0;
  const apply = async (trx: Db) => {
    let applied = 0;
    for (const d of due) {
      const org = await getOrganisation(trx, d.organisationId);
      if (!org) continue;
      const clash = await findOrganisationExact(trx, org.kind, org.parentId, d.now);
      if (clash && clash.id !== org.id) continue; // another service has the name: left for an administrator
      if (!(await setOrganisationNameIfDifferent(trx, org.id, d.now))) continue;
      await recordAudit(trx, { actor, action: 'organisation.rename-took-effect', entity: 'organisation', entityId: org.id, before: { name: org.name }, after: { name: d.now, effectiveFrom: d.from } });
      applied++;
    }
    return applied;
  };
  return inTransaction(db, apply);
}

/**
 * PDUs merged or renamed in the 2021-2026 reconfiguration (regions-pdus.json `formerPduNames`),
 * with the PDUs that took them over. Derived from the file's notes ("Greater Manchester was
 * reconfigured (Salford + Trafford, Stockport + Tameside), Hampshire South & IoW / Hampshire South
 * West became Portsmouth and Isle of Wight / Southampton, Eastleigh and New Forest, and
 * Staffordshire and Stoke split into Staffordshire North and South"); the file gives no dates.
 */
export const FORMER_PDU_SUCCESSORS: Readonly<Record<string, readonly string[]>> = {
  Salford: ['Salford and Trafford'],
  'Stockport and Trafford': ['Stockport and Tameside', 'Salford and Trafford'],
  Tameside: ['Stockport and Tameside'],
  'Staffordshire and Stoke': ['Staffordshire North', 'Staffordshire South'],
  'Hampshire South West': ['Southampton, Eastleigh and New Forest'],
  'Hampshire South and Isle of White': ['Portsmouth and Isle of Wight'],
};

/**
 * Adds the youth justice services and the reference names over time; run by loadReferenceData in
 * its transaction, after the regions and PDUs, and safe to run on every start. A PDU renamed here
 * keeps its identity: loadReferenceData re-adds the reference name as a new PDU, which this
 * notices (a PDU with nothing attached, under a name the registry records as renamed away) and
 * folds back into the renamed one.
 */
export async function loadProgrammeRegistry(trx: Db, actor: string): Promise<{ youthServices: number; namesAdded: number; folded: number }> {
  const youth = loadYouthServices();
  let namesAdded = 0;
  const known = new Set([...(await listNamesOfKind(trx, 'pdu')), ...(await listNamesOfKind(trx, 'youth-service'))].map((n) => `${n.organisationId}\u0000${n.name}`));
  const addName = async (organisationId: number, name: string, note: string) => {
    if (known.has(`${organisationId}\u0000${name}`)) return;
    known.add(`${organisationId}\u0000${name}`);
    await insertOrganisationName(trx, { organisationId, name, source: 'reference', note, recordedBy: actor });
    namesAdded++;
  };
  for (const s of youth.services) {
    const details = {
      referenceName: s.name,
      nation: s.nation,
      localAuthorities: s.localAuthorities,
      localAuthoritiesBasis: s.localAuthoritiesBasis,
      ...(s.localAuthoritiesNote ? { localAuthoritiesNote: s.localAuthoritiesNote } : {}),
      formerNames: s.formerNames,
      otherNames: s.otherNames,
      sources: s.sources,
      inspections: s.inspections,
      ...(s.jointInspection ? { jointInspection: true } : {}),
      ...(s.notes ? { notes: s.notes } : {}),
      source: `youth-services.json (as of ${youth.asOf})`,
    };
    const existing = (await findOrganisationByReferenceName(trx, 'youth-service', s.name)) ?? (await findOrganisationExact(trx, 'youth-service', null, s.name));
    const id = existing ? existing.id : await insertRegistryOrganisation(trx, { kind: 'youth-service', name: s.name, parentId: null, details });
    if (existing) await setOrganisationDetails(trx, existing.id, { ...existing.details, ...details });
    // Its former names and other spellings, so a search or an old report under them finds it.
    for (const n of namesOfService(s)) await addName(id, n.name, n.note);
  }

  // Names over time from the reference data: the name HMIP reported under, and the former PDUs.
  const regions = await listRegionsWithPdus(trx);
  const file = loadRegions();
  for (const region of file.regions) {
    const stored = regions.find((r) => r.name === region.name);
    if (!stored) continue;
    for (const pdu of region.pdus) {
      const org = stored.pdus.find((p) => p.name === pdu.name || p.details.hmppsReferenceName === pdu.name);
      if (org && pdu.hmipReportName && pdu.hmipReportName !== org.name) await addName(org.id, pdu.hmipReportName, 'as HMIP reported it (regions-pdus.json hmipReportName)');
    }
    for (const former of region.formerPduNames ?? []) {
      for (const successor of FORMER_PDU_SUCCESSORS[former] ?? []) {
        const org = stored.pdus.find((p) => p.name === successor);
        if (org)
          await addName(org.id, former, `former PDU before the reconfiguration of ${region.name}; now part of ${successor} (derived from regions-pdus.json; no date in the source)`);
      }
    }
  }

  // Renames announced ahead whose date has come, then fold back reference names re-added after a rename.
  await applyDueRenames(trx, clock.today());
  let folded = 0;
  for (const kind of SERVICE_KINDS) {
    const renamedAway = (await listNamesOfKind(trx, kind)).filter((n) => n.source === 'recorded' && n.validTo !== null);
    if (!renamedAway.length) continue;
    const all = await listOrganisations(trx, kind);
    for (const n of renamedAway) {
      const renamed = all.find((o) => o.id === n.organisationId);
      const copy = all.find((o) => o.id !== n.organisationId && o.name === n.name && o.parentId === renamed?.parentId);
      if (!renamed || !copy || renamed.name === n.name || (await organisationReferenced(trx, copy.id))) continue;
      await setOrganisationDetails(trx, renamed.id, { ...renamed.details, ...copy.details });
      await deleteRegistryOrganisation(trx, copy.id);
      folded++;
    }
  }
  if (namesAdded || folded)
    await recordAudit(trx, { actor, action: 'programme-registry.loaded', entity: 'registry', entityId: 'bundled', after: { namesAdded, folded, youthServices: youth.services.length } });
  return { youthServices: youth.services.length, namesAdded, folded };
}

export interface RegistryEntry {
  organisation: Organisation;
  regionName: string | null;
  latest: { date: string | null; rating: string | null } | null;
  /** The inspection history, oldest first, each entry with its source. */
  inspections: HistoryEntry[];
  intelligence: OrganisationIntelligence | undefined;
  joint: boolean;
  /** The other names the service is known by (former names, other spellings, names before a rename); read by listRegistry, else empty. */
  otherNames: string[];
  /** A youth justice service's nation, England or Wales, from youth-services.json (derived there from the councils it covers); null for PDUs and regions. */
  nation: Nation | null;
}

/** The nation stored with a youth justice service (null for other organisations, or a service stored before nations were loaded). */
export const nationOf = (org: Pick<Organisation, 'kind' | 'details'>): Nation | null =>
  org.kind === 'youth-service' && (NATIONS as readonly unknown[]).includes(org.details.nation) ? (org.details.nation as Nation) : null;

function entry(org: Organisation, regionName: string | null, intelligence: OrganisationIntelligence | undefined, sources: HistorySources): RegistryEntry {
  const inspections = historyOf(org, sources);
  return {
    organisation: org,
    regionName,
    latest: latestOf(inspections),
    inspections,
    intelligence,
    joint: intelligence?.jointInspection ?? org.details.jointInspection === true,
    otherNames: [],
    nation: nationOf(org),
  };
}

/** For a read made after another has applied the renames due (applyDueRenames) in the same request or command. */
export interface RegistryReadOptions {
  renamesApplied?: boolean;
}

const renamesDue = async (db: Db, today: string, options: RegistryReadOptions) => {
  if (!options.renamesApplied) await applyDueRenames(db, today);
};

/** The regions with their PDUs, and the youth justice services, each with its inspection history, latest inspection and intelligence. */
/**
 * The registry: the regions with their PDUs, then the youth justice services, each with the other
 * names it is known by. With `query`, only the services whose name, or any name they are known by
 * (a former name, another spelling, a name before a rename), contains it, ignoring case; regions
 * with none of them are left out.
 */
export async function listRegistry(
  db: Db,
  today = clock.today(),
  options: RegistryReadOptions & { query?: string } = {},
): Promise<{ regions: { region: Organisation; pdus: RegistryEntry[] }[]; youthServices: RegistryEntry[] }> {
  await renamesDue(db, today, options);
  const query = options.query?.trim();
  const [regions, youth, intelligence, sources, names, matching] = await Promise.all([
    listRegionsWithPdus(db),
    listOrganisations(db, 'youth-service'),
    listOrganisationIntelligence(db),
    historySources(db, today),
    Promise.all(SERVICE_KINDS.map((k) => listNamesOfKind(db, k))),
    query ? findOrganisationIdsByAnyName(db, SERVICE_KINDS, query) : undefined,
  ]);
  const known = namesByOrganisation(names.flat());
  const wanted = (o: Organisation) => matching === undefined || matching.has(o.id);
  const withNames = (e: RegistryEntry): RegistryEntry => ({ ...e, otherNames: otherNamesOf(e.organisation, known) });
  return {
    regions: regions
      .map((r) => ({ region: r, pdus: r.pdus.filter(wanted).map((p) => withNames(entry(p, r.name, intelligence.get(p.id), sources))) }))
      .filter((r) => matching === undefined || r.pdus.length > 0),
    youthServices: youth.filter(wanted).map((y) => withNames(entry(y, null, intelligence.get(y.id), sources))),
  };
}

export interface ServiceRecord extends RegistryEntry {
  names: OrganisationName[];
  /** Renames recorded ahead of their date, soonest first. */
  scheduled: OrganisationName[];
  parent: Organisation | undefined;
  /** The service's inspections in the app, newest first: a recorded result may say which it is. */
  inspectionsInApp: { id: number; title: string; fieldworkStart: string }[];
}

export async function getServiceRecord(db: Db, id: number, today = clock.today(), options: RegistryReadOptions = {}): Promise<ServiceRecord> {
  await renamesDue(db, today, options);
  const org = await getOrganisation(db, id);
  if (!org || org.kind === 'national') throw new AppError('not-found', `There is no service ${id} in the registry`);
  const parent = org.parentId === null ? undefined : await getOrganisation(db, org.parentId);
  const [intelligence, names, inApp] = await Promise.all([getOrganisationIntelligence(db, id), listOrganisationNames(db, id), listInspections(db, { organisationId: id })]);
  const sources = await historySources(db, today, { organisationId: id, inspections: inApp });
  return {
    ...entry(org, parent?.name ?? null, intelligence, sources),
    otherNames: otherNamesOf(org, namesByOrganisation(names)),
    names,
    scheduled: scheduledNames(names, today),
    parent,
    inspectionsInApp: inApp.map((i) => ({ id: i.id, title: i.title, fieldworkStart: i.fieldworkStart })),
  };
}

/** PDUs as the cycle planner takes them, keyed by their current names, with their ids and latest inspections (from the whole history). */
export async function planningPdus(db: Db, today = clock.today(), options: RegistryReadOptions = {}): Promise<{ regions: string[]; pdus: PlanningPdu[]; nonGeographic: string[]; organisationIds: Record<string, number> }> {
  await renamesDue(db, today, options);
  const [regions, sources] = await Promise.all([listRegionsWithPdus(db), historySources(db, today, { kind: 'pdu' })]);
  const pdus = regions.flatMap((r) => r.pdus.map((p) => ({ org: p, region: r.name })));
  return {
    regions: regions.map((r) => r.name),
    pdus: pdus.map(({ org, region }) => ({ name: org.name, region, lastInspection: latestOf(historyOf(org, sources)) })),
    nonGeographic: pdus.filter(({ org }) => org.details.nonGeographic === true).map(({ org }) => org.name),
    organisationIds: Object.fromEntries(pdus.map(({ org }) => [org.name, org.id])),
  };
}

/**
 * Youth justice services as the selection takes them, with the intelligence recorded for each.
 * Only the youth justice services' histories are read: the PDUs' inspections are not rated.
 */
export async function planningYouthServices(db: Db, today = clock.today(), options: RegistryReadOptions = {}): Promise<{ services: YouthService[]; organisationIds: Record<string, number> }> {
  await renamesDue(db, today, options);
  const [youth, intelligence, sources] = await Promise.all([listOrganisations(db, 'youth-service'), listOrganisationIntelligence(db), historySources(db, today, { kind: 'youth-service' })]);
  const youthServices = youth.map((y) => entry(y, null, intelligence.get(y.id), sources));
  return {
    services: youthServices.map((e) => ({
      name: e.organisation.name,
      lastInspection: e.latest,
      caseload: e.intelligence?.caseload ?? null,
      concerns: e.intelligence?.concerns ?? null,
      performance: e.intelligence?.performance ?? null,
      joint: e.joint,
    })),
    organisationIds: Object.fromEntries(youthServices.map((e) => [e.organisation.name, e.organisation.id])),
  };
}

const RenameSchema = z.object({
  name: z.string({ message: 'Enter the new name' }).trim().min(1, 'Enter the new name').max(200, 'The name must be 200 characters or fewer'),
  effectiveFrom: requiredRealDate('the date the new name takes effect', '2027-04-05'),
  note: z.string().trim().max(2000, 'The note must be 2,000 characters or fewer').optional().default(''),
});

/**
 * Renames a PDU or youth justice service from a date, keeping the old name in its history. A date
 * ahead schedules the rename: the service keeps its name until then (applyDueRenames), and its
 * names over time say which name is in force on any date. Gives the service's name before the
 * rename, and the new name and its date as stored.
 */
export async function renameService(
  db: Db,
  id: number,
  raw: unknown,
  actor: string,
  today = clock.today(),
): Promise<{ scheduled: boolean; before: string; name: string; effectiveFrom: string }> {
  const input = parseFields(RenameSchema, raw);
  const record = await getServiceRecord(db, id, today);
  const org = record.organisation;
  if (!isService(org)) throw new AppError('invalid', 'Only PDUs and youth justice services can be renamed here');
  // The name the service has after every rename recorded, scheduled ones included.
  const from = lastName(record.names, org.name);
  if (input.name === from)
    throw new ProgrammeFieldError([{ field: 'name', message: from === org.name ? `The service is already called ${org.name}` : `The service is already to be called ${from}` }]);
  const lastChange = lastNameChange(record.names);
  if (lastChange && input.effectiveFrom <= lastChange)
    throw new ProgrammeFieldError([{ field: 'effectiveFrom', message: `The date the new name takes effect must be after the last name change, on ${lastChange}` }]);
  const clash = await findOrganisationExact(db, org.kind, org.parentId, input.name);
  const clashScheduled = (await listNamesOfKind(db, org.kind)).some((n) => n.source === 'recorded' && n.organisationId !== id && n.validTo === null && n.name === input.name);
  if ((clash && clash.id !== id) || clashScheduled)
    throw new ProgrammeFieldError([
      {
        field: 'name',
        message: `There is already a ${org.kind === 'pdu' ? `PDU called ${input.name} in ${record.regionName}` : `youth justice service called ${input.name}`}${clash && clash.id !== id ? '' : ' from a rename recorded ahead'}`,
      },
    ]);
  const scheduled = input.effectiveFrom > today;
  await inTransaction(db, async (trx) => {
    const open = record.names.find((n) => n.source === 'recorded' && n.name === from && n.validTo === null);
    if (open) await setOrganisationNameValidTo(trx, open.id, input.effectiveFrom);
    else await insertOrganisationName(trx, { organisationId: id, name: from, validTo: input.effectiveFrom, source: 'recorded', note: 'name before the rename', recordedBy: actor });
    await insertOrganisationName(trx, { organisationId: id, name: input.name, validFrom: input.effectiveFrom, source: 'recorded', note: input.note || null, recordedBy: actor });
    if (!scheduled) await setOrganisationName(trx, id, input.name);
    await recordAudit(trx, {
      actor,
      action: scheduled ? 'organisation.rename-scheduled' : 'organisation.renamed',
      entity: 'organisation',
      entityId: id,
      before: { name: from },
      after: { name: input.name, effectiveFrom: input.effectiveFrom, note: input.note || null },
    });
  });
  return { scheduled, before: org.name, name: input.name, effectiveFrom: input.effectiveFrom };
}

/**
 * Cancels the last rename recorded ahead of its date (the announcement changed): the name it
 * would have replaced stays in force with no end date. Audited with what was cancelled. Gives the
 * service's name and the rename cancelled.
 */
export async function cancelScheduledRename(db: Db, id: number, actor: string, today = clock.today()): Promise<{ service: string; cancelled: { name: string; from: string | null } }> {
  const record = await getServiceRecord(db, id, today);
  const last = record.scheduled.at(-1);
  if (!last) throw new AppError('conflict', `No rename of ${record.organisation.name} is waiting for its date`);
  const previous = record.names.find((n) => n.source === 'recorded' && n.validTo === last.validFrom);
  await inTransaction(db, async (trx) => {
    if (!(await deleteOrganisationName(trx, last.id))) throw new AppError('conflict', 'The rename has already been cancelled');
    if (previous) await setOrganisationNameValidTo(trx, previous.id, null);
    await recordAudit(trx, {
      actor,
      action: 'organisation.rename-cancelled',
      entity: 'organisation',
      entityId: id,
      before: { name: last.name, effectiveFrom: last.validFrom, note: last.note },
      after: { name: previous?.name ?? record.organisation.name },
    });
  });
  return { service: record.organisation.name, cancelled: { name: last.name, from: last.validFrom } };
}

// ---- Inspection results recorded by administrators ------------------------------------------

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .optional()
    .transform((v) => v || null);

const resultSchema = (today: string) =>
  z.object({
    published: requiredRealDate('the date the report was published', '2027-04-05').refine((s) => !isRealDate(s) || s <= today, 'The date the report was published must be today or in the past'),
    fieldwork: optionalRealDate('The date fieldwork started must be a real date, like 2026-03-02, or left blank when not known'),
    overallRating: z.enum(RATINGS, { message: 'Select the overall rating: Outstanding, Good, Requires improvement or Inadequate' }),
    url: z
      .string()
      .trim()
      .max(2000, 'The link must be 2,000 characters or fewer')
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        if (!/^https?:\/\/[^\s]+$/i.test(v) || !URL.canParse(v)) {
          ctx.addIssue({ code: 'custom', message: 'The link to the report must be a web address starting https:// or http://, or left blank' });
          return z.NEVER;
        }
        return v;
      }),
    source: optionalText('Where the result comes from', 500),
    inspectionId: z
      .union([z.number(), z.string()])
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === '') return null;
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isInteger(n) || n < 1) {
          ctx.addIssue({ code: 'custom', message: 'Select the inspection in Inspectorate, or none' });
          return z.NEVER;
        }
        return n;
      }),
  });

/** The fields of the inspection result form (and of the API and the command line's options, by these names). */
export const RESULT_FIELDS = ['published', 'fieldwork', 'overallRating', 'url', 'source', 'inspectionId'] as const;
export type ResultField = (typeof RESULT_FIELDS)[number];

/** The checks that need the service: fieldwork before publication, the inspection one of the service's, no second result for the same report. */
function checkedResult(record: ServiceRecord, raw: unknown, today: string, except?: number): RecordedInspectionInput {
  const org = record.organisation;
  if (!isService(org)) throw new AppError('invalid', 'Record inspection results against PDUs and youth justice services, not regions');
  const input = parseFields(resultSchema(today), raw);
  const problems: { field: string; message: string }[] = [];
  if (input.fieldwork && input.fieldwork > input.published) problems.push({ field: 'fieldwork', message: 'The date fieldwork started must be on or before the date the report was published' });
  if (input.inspectionId !== null && !record.inspectionsInApp.some((i) => i.id === input.inspectionId))
    problems.push({ field: 'inspectionId', message: `Inspection ${input.inspectionId} is not an inspection of ${org.name} in Inspectorate` });
  // The standing recorded results are in the history (oldest published first, as they are stored).
  const standing = record.inspections.filter((e) => e.source === 'recorded');
  const same = standing.find((r) => r.recordedId !== except && (r.published === input.published || (input.inspectionId !== null && r.inspectionId === input.inspectionId)));
  if (same)
    problems.push(
      same.inspectionId !== undefined && same.inspectionId === input.inspectionId
        ? { field: 'inspectionId', message: 'A result is already recorded for that inspection: correct it instead' }
        : { field: 'published', message: `A result published on ${same.published} is already recorded: correct it instead` },
    );
  if (problems.length) throw new ProgrammeFieldError(problems);
  return { publishedOn: input.published, fieldworkOn: input.fieldwork, overallRating: input.overallRating, url: input.url, source: input.source, inspectionId: input.inspectionId };
}

const resultAudit = (r: RecordedInspectionInput): Record<ResultField, string | number | null> => ({
  published: r.publishedOn,
  fieldwork: r.fieldworkOn,
  overallRating: r.overallRating,
  url: r.url,
  source: r.source,
  inspectionId: r.inspectionId,
});

/** A recorded result as the values of the result form (blank where it has none). */
export function resultFormValues(r: RecordedInspectionInput): Record<ResultField, string> {
  const audit = resultAudit(r);
  return Object.fromEntries(RESULT_FIELDS.map((f) => [f, audit[f]?.toString() ?? ''])) as Record<ResultField, string>;
}

/**
 * Records an inspection result for a PDU or youth justice service: it joins the service's history
 * and, as its latest, the planner's input (an Inadequate brings a PDU back within the return window).
 */
export async function recordInspectionResult(db: Db, id: number, raw: unknown, actor: string, today = clock.today()): Promise<number> {
  const record = await getServiceRecord(db, id, today);
  const input = checkedResult(record, raw, today);
  return inTransaction(db, async (trx) => {
    const resultId = await insertRecordedInspection(trx, id, input, actor);
    await recordAudit(trx, { actor, action: 'organisation.inspection-recorded', entity: 'organisation', entityId: id, after: { id: resultId, ...resultAudit(input) } });
    return resultId;
  });
}

/** A standing recorded result of the service, or not found. */
export async function requireRecordedResult(db: Db, id: number, resultId: number): Promise<RecordedInspection> {
  const result = await getRecordedInspection(db, resultId);
  if (!result || result.organisationId !== id || result.withdrawnAt) throw new AppError('not-found', `There is no recorded inspection result ${resultId} for service ${id}`);
  return result;
}

/**
 * Corrects a recorded result (any of its fields), audited with what it was. `raw` is the whole
 * form; with `changes: 'given-only'`, only the fields to change (as the command line gives them),
 * the others keeping their values, as the form starts from the result as it is.
 */
export async function correctInspectionResult(db: Db, id: number, resultId: number, raw: unknown, actor: string, today = clock.today(), changes: 'whole-form' | 'given-only' = 'whole-form'): Promise<void> {
  const before = await requireRecordedResult(db, id, resultId);
  const record = await getServiceRecord(db, id, today);
  const input = checkedResult(record, changes === 'given-only' ? { ...resultFormValues(before), ...(raw as object) } : raw, today, resultId);
  await inTransaction(db, async (trx) => {
    await updateRecordedInspection(trx, resultId, input, actor);
    await recordAudit(trx, { actor, action: 'organisation.inspection-corrected', entity: 'organisation', entityId: id, before: { id: resultId, ...resultAudit(before) }, after: { id: resultId, ...resultAudit(input) } });
  });
}

const WithdrawSchema = z.object({
  reason: z.string({ message: 'Give the reason for withdrawing the result' }).trim().min(1, 'Give the reason for withdrawing the result').max(2000, 'The reason must be 2,000 characters or fewer'),
});

/** Withdraws a recorded result (recorded in error): it leaves the history and the planner's input, and stays in the audit. */
export async function withdrawInspectionResult(db: Db, id: number, resultId: number, raw: unknown, actor: string): Promise<void> {
  const { reason } = parseFields(WithdrawSchema, raw);
  const before = await requireRecordedResult(db, id, resultId);
  await inTransaction(db, async (trx) => {
    if (!(await withdrawRecordedInspection(trx, resultId, reason, actor))) throw new AppError('conflict', 'The result has already been withdrawn');
    await recordAudit(trx, { actor, action: 'organisation.inspection-withdrawn', entity: 'organisation', entityId: id, before: { id: resultId, ...resultAudit(before) }, after: { id: resultId, withdrawn: true, reason } });
  });
}

const optionalWhole = (label: string, max: number) =>
  z
    .union([z.number(), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || (typeof v === 'string' && !v.trim())) return null;
      const n = typeof v === 'number' ? v : Number(v.trim().replace(/,/g, ''));
      if (!Number.isInteger(n) || n < 0 || n > max) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a whole number from 0 to ${max.toLocaleString('en-GB')}, or left blank when not known` });
        return z.NEVER;
      }
      return n;
    });

const IntelligenceSchema = z.object({
  caseload: optionalWhole('Caseload', 1_000_000),
  caseloadAsOf: optionalRealDate('The date of the caseload figure must be a real date, like 2026-10-01'),
  concerns: optionalWhole('Concerns raised in the past year', 1000),
  /** Percent of published indicators worse than national, 0 to 100. */
  performancePercent: z
    .union([z.number(), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || (typeof v === 'string' && !v.trim())) return null;
      const n = typeof v === 'number' ? v : Number(v.trim().replace(/%$/, ''));
      if (!Number.isFinite(n) || n < 0 || n > 100) {
        ctx.addIssue({ code: 'custom', message: 'Performance must be a percentage from 0 to 100, or left blank when not known' });
        return z.NEVER;
      }
      return n / 100;
    }),
  jointInspection: z.enum(['', 'yes', 'no'], { message: 'Select whether to inspect jointly' }).optional().default(''),
  note: z.string().trim().max(2000, 'The note must be 2,000 characters or fewer').optional().default(''),
});

/** Records caseload, concerns, performance and the joint-inspection flag for a service. */
export async function updateIntelligence(db: Db, id: number, raw: unknown, actor: string): Promise<void> {
  const input = parseFields(IntelligenceSchema, raw);
  const record = await getServiceRecord(db, id);
  if (!isService(record.organisation)) throw new AppError('invalid', 'Record caseloads and concerns against PDUs and youth justice services, not regions');
  const after = {
    caseload: input.caseload,
    caseloadAsOf: input.caseload === null ? null : input.caseloadAsOf,
    concerns: input.concerns,
    performance: input.performancePercent,
    jointInspection: input.jointInspection === '' ? null : input.jointInspection === 'yes',
    note: input.note || null,
  };
  const before = record.intelligence ?? null;
  await inTransaction(db, async (trx) => {
    await saveOrganisationIntelligence(trx, { organisationId: id, ...after, updatedBy: actor });
    await recordAudit(trx, {
      actor,
      action: 'organisation.intelligence-recorded',
      entity: 'organisation',
      entityId: id,
      before: before && { caseload: before.caseload, caseloadAsOf: before.caseloadAsOf, concerns: before.concerns, performance: before.performance, jointInspection: before.jointInspection, note: before.note },
      after,
    });
  });
}
