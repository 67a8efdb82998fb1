// The registry the programme plans from: the 12 regions and their PDUs (loaded by
// loadReferenceData), the youth justice services of England and Wales (loaded here from
// reference/organisations/youth-services.json), each with its inspections and ratings, its names
// over time, and the intelligence the risk score reads. Administrators rename services (with the
// date the new name took effect) and record caseload, concerns and performance; every change is
// audited.
import { z } from 'zod';
import {
  deleteRegistryOrganisation,
  findOrganisationByReferenceName,
  findOrganisationExact,
  getOrganisation,
  getOrganisationIntelligence,
  insertOrganisationName,
  insertRegistryOrganisation,
  listNamesOfKind,
  listOrganisationIntelligence,
  listOrganisationNames,
  listOrganisations,
  listRegionsWithPdus,
  organisationReferenced,
  recordAudit,
  saveOrganisationIntelligence,
  setOrganisationDetails,
  setOrganisationName,
  setOrganisationNameValidTo,
  type Db,
  type Organisation,
  type OrganisationIntelligence,
  type OrganisationName,
} from '../../db/repositories/index.ts';
import type { PlanningPdu } from '../../domain/programme/cycle-types.ts';
import { isRealDate } from './dates.ts';
import type { YouthService } from '../../domain/programme/youth-risk.ts';
import { loadRegions } from '../../reference/organisations.ts';
import { loadYouthServices } from '../../reference/youth-services.ts';
import { AppError } from '../errors.ts';
import { parseFields, ProgrammeFieldError } from './errors.ts';

export interface RegistryInspection {
  published: string | null;
  overallRating: string | null;
  url: string | null;
  note?: string;
}

/** The inspections the registry holds for an organisation, oldest first (as the reference files list them). */
export function inspectionsOf(org: Organisation): RegistryInspection[] {
  const list = org.details.inspections;
  return Array.isArray(list) ? (list as RegistryInspection[]) : [];
}

/** The latest inspection (the last listed; its date may be unknown), or null with none on record. */
export function latestInspection(org: Organisation): { date: string | null; rating: string | null } | null {
  const last = inspectionsOf(org).at(-1);
  return last ? { date: last.published, rating: last.overallRating } : null;
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

const KINDS_RENAMED = ['pdu', 'youth-service'] as const;

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
  for (const s of youth.services) {
    const details = {
      referenceName: s.name,
      inspections: s.inspections,
      ...(s.jointInspection ? { jointInspection: true } : {}),
      ...(s.notes ? { notes: s.notes } : {}),
      source: `youth-services.json (as of ${youth.asOf})`,
    };
    const existing = (await findOrganisationByReferenceName(trx, 'youth-service', s.name)) ?? (await findOrganisationExact(trx, 'youth-service', null, s.name));
    if (existing) await setOrganisationDetails(trx, existing.id, { ...existing.details, ...details });
    else await insertRegistryOrganisation(trx, { kind: 'youth-service', name: s.name, parentId: null, details });
  }

  // Names over time from the reference data: the name HMIP reported under, and the former PDUs.
  const regions = await listRegionsWithPdus(trx);
  const known = new Set((await listNamesOfKind(trx, 'pdu')).map((n) => `${n.organisationId}\u0000${n.name}`));
  const addName = async (organisationId: number, name: string, note: string) => {
    if (known.has(`${organisationId}\u0000${name}`)) return;
    known.add(`${organisationId}\u0000${name}`);
    await insertOrganisationName(trx, { organisationId, name, source: 'reference', note, recordedBy: actor });
    namesAdded++;
  };
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

  // Fold back reference names re-added after a rename.
  let folded = 0;
  for (const kind of KINDS_RENAMED) {
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
  inspections: RegistryInspection[];
  intelligence: OrganisationIntelligence | undefined;
  joint: boolean;
}

function entry(org: Organisation, regionName: string | null, intelligence: OrganisationIntelligence | undefined): RegistryEntry {
  return {
    organisation: org,
    regionName,
    latest: latestInspection(org),
    inspections: inspectionsOf(org),
    intelligence,
    joint: intelligence?.jointInspection ?? org.details.jointInspection === true,
  };
}

/** The regions with their PDUs, and the youth justice services, each with its latest inspection and intelligence. */
export async function listRegistry(db: Db): Promise<{ regions: { region: Organisation; pdus: RegistryEntry[] }[]; youthServices: RegistryEntry[] }> {
  const [regions, youth, intelligence] = await Promise.all([listRegionsWithPdus(db), listOrganisations(db, 'youth-service'), listOrganisationIntelligence(db)]);
  return {
    regions: regions.map((r) => ({ region: r, pdus: r.pdus.map((p) => entry(p, r.name, intelligence.get(p.id))) })),
    youthServices: youth.map((y) => entry(y, null, intelligence.get(y.id))),
  };
}

export interface ServiceRecord extends RegistryEntry {
  names: OrganisationName[];
  parent: Organisation | undefined;
}

export async function getServiceRecord(db: Db, id: number): Promise<ServiceRecord> {
  const org = await getOrganisation(db, id);
  if (!org || org.kind === 'national') throw new AppError('not-found', `There is no service ${id} in the registry`);
  const parent = org.parentId === null ? undefined : await getOrganisation(db, org.parentId);
  return { ...entry(org, parent?.name ?? null, await getOrganisationIntelligence(db, id)), names: await listOrganisationNames(db, id), parent };
}

/** PDUs as the cycle planner takes them, keyed by their current names, with their ids. */
export async function planningPdus(db: Db): Promise<{ regions: string[]; pdus: PlanningPdu[]; nonGeographic: string[]; organisationIds: Record<string, number> }> {
  const regions = await listRegionsWithPdus(db);
  const pdus = regions.flatMap((r) => r.pdus.map((p) => ({ org: p, region: r.name })));
  return {
    regions: regions.map((r) => r.name),
    pdus: pdus.map(({ org, region }) => ({ name: org.name, region, lastInspection: latestInspection(org) })),
    nonGeographic: pdus.filter(({ org }) => org.details.nonGeographic === true).map(({ org }) => org.name),
    organisationIds: Object.fromEntries(pdus.map(({ org }) => [org.name, org.id])),
  };
}

/** Youth justice services as the selection takes them, with the intelligence recorded for each. */
export async function planningYouthServices(db: Db): Promise<{ services: YouthService[]; organisationIds: Record<string, number> }> {
  const { youthServices } = await listRegistry(db);
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

const isoDate = (label: string) =>
  z
    .string({ message: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine((s) => isRealDate(s), `${label.charAt(0).toUpperCase() + label.slice(1)} must be a real date, like 2027-04-05`);

const RenameSchema = z.object({
  name: z.string({ message: 'Enter the new name' }).trim().min(1, 'Enter the new name').max(200, 'The name must be 200 characters or fewer'),
  effectiveFrom: isoDate('the date the new name took effect'),
  note: z.string().trim().max(2000, 'The note must be 2,000 characters or fewer').optional().default(''),
});

/** Renames a PDU or youth justice service from a date, keeping the old name in its history. */
export async function renameService(db: Db, id: number, raw: unknown, actor: string, today = new Date().toISOString().slice(0, 10)): Promise<void> {
  const input = parseFields(RenameSchema, raw);
  const record = await getServiceRecord(db, id);
  const org = record.organisation;
  if (!(KINDS_RENAMED as readonly string[]).includes(org.kind)) throw new AppError('invalid', 'Only PDUs and youth justice services can be renamed here');
  if (input.name === org.name) throw new ProgrammeFieldError([{ field: 'name', message: `The service is already called ${org.name}` }]);
  if (input.effectiveFrom > today)
    throw new ProgrammeFieldError([{ field: 'effectiveFrom', message: 'The date the new name took effect must be today or in the past: record a rename once it has happened' }]);
  const lastChange = record.names.filter((n) => n.source === 'recorded').map((n) => n.validTo ?? n.validFrom ?? '').sort().at(-1);
  if (lastChange && input.effectiveFrom <= lastChange)
    throw new ProgrammeFieldError([{ field: 'effectiveFrom', message: `The date the new name took effect must be after the last rename, on ${lastChange}` }]);
  const clash = await findOrganisationExact(db, org.kind, org.parentId, input.name);
  if (clash) throw new ProgrammeFieldError([{ field: 'name', message: `There is already a ${org.kind === 'pdu' ? `PDU called ${input.name} in ${record.regionName}` : `youth justice service called ${input.name}`}` }]);
  await db.transaction().execute(async (trx) => {
    const open = record.names.find((n) => n.source === 'recorded' && n.name === org.name && n.validTo === null);
    if (open) await setOrganisationNameValidTo(trx, open.id, input.effectiveFrom);
    else await insertOrganisationName(trx, { organisationId: id, name: org.name, validTo: input.effectiveFrom, source: 'recorded', note: 'name before the rename', recordedBy: actor });
    await insertOrganisationName(trx, { organisationId: id, name: input.name, validFrom: input.effectiveFrom, source: 'recorded', note: input.note || null, recordedBy: actor });
    await setOrganisationName(trx, id, input.name);
    await recordAudit(trx, {
      actor,
      action: 'organisation.renamed',
      entity: 'organisation',
      entityId: id,
      before: { name: org.name },
      after: { name: input.name, effectiveFrom: input.effectiveFrom, note: input.note || null },
    });
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
  caseloadAsOf: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!isRealDate(v)) {
        ctx.addIssue({ code: 'custom', message: 'The date of the caseload figure must be a real date, like 2026-10-01' });
        return z.NEVER;
      }
      return v;
    }),
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
  if (record.organisation.kind === 'region') throw new AppError('invalid', 'Record caseloads and concerns against PDUs and youth justice services, not regions');
  const after = {
    caseload: input.caseload,
    caseloadAsOf: input.caseload === null ? null : input.caseloadAsOf,
    concerns: input.concerns,
    performance: input.performancePercent,
    jointInspection: input.jointInspection === '' ? null : input.jointInspection === 'yes',
    note: input.note || null,
  };
  const before = record.intelligence ?? null;
  await db.transaction().execute(async (trx) => {
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
