// The registry in JSON: one shape for the programme API (GET /api/programme/services and
// /api/programme/services/:id) and the command line's --json, so the two never drift apart.
import { SOURCE_NAMES, type HistoryEntry } from '../domain/programme/inspection-history.ts';
import type { Organisation, OrganisationIntelligence, OrganisationName } from '../db/repositories/index.ts';
import type { Nation } from '../reference/youth-services.ts';

/** A service as the registry's pages and JSON show it (programme/registry.ts's RegistryEntry gives it). */
export interface RegistryEntryView {
  organisation: Organisation;
  regionName: string | null;
  latest: { date: string | null; rating: string | null } | null;
  /** The inspection history, oldest first. */
  inspections: readonly HistoryEntry[];
  intelligence: OrganisationIntelligence | undefined;
  joint: boolean;
  otherNames: readonly string[];
  nation: Nation | null;
}

/** One service with its names over time (programme/registry.ts's ServiceRecord gives it). */
export interface ServiceRecordView extends RegistryEntryView {
  names: readonly OrganisationName[];
  scheduled: readonly OrganisationName[];
}

const historyJson = (i: HistoryEntry) => ({ ...i, sourceName: SOURCE_NAMES[i.source] });

/** A service in the registry's list. */
const registryEntryJson = (e: RegistryEntryView) => ({
  id: e.organisation.id,
  kind: e.organisation.kind,
  name: e.organisation.name,
  region: e.regionName,
  latestInspection: e.latest,
  inspections: e.inspections.map(historyJson),
  caseload: e.intelligence?.caseload ?? null,
  concerns: e.intelligence?.concerns ?? null,
  performance: e.intelligence?.performance ?? null,
  joint: e.joint,
  nation: e.nation,
  otherNames: e.otherNames,
  links: { self: `/api/programme/services/${e.organisation.id}` },
});

/** The registry: regions with their PDUs, then the youth justice services. */
export const registryJson = (regions: readonly { region: { id: number; name: string }; pdus: readonly RegistryEntryView[] }[], youthServices: readonly RegistryEntryView[]) => ({
  regions: regions.map((r) => ({ id: r.region.id, name: r.region.name, pdus: r.pdus.map(registryEntryJson) })),
  youthServices: youthServices.map(registryEntryJson),
});

/** One service with its names over time. */
export const serviceRecordJson = (r: ServiceRecordView) => ({
  id: r.organisation.id,
  kind: r.organisation.kind,
  name: r.organisation.name,
  region: r.regionName,
  names: r.names.map((n) => ({ name: n.name, validFrom: n.validFrom, validTo: n.validTo, source: n.source, note: n.note })),
  scheduledNames: r.scheduled.map((n) => ({ name: n.name, from: n.validFrom })),
  inspections: r.inspections.map(historyJson),
  latestInspection: r.latest,
  intelligence: r.intelligence ?? null,
  joint: r.joint,
  nation: r.nation,
});
