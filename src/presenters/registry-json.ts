// The registry in JSON: one shape for the programme API (GET /api/programme/services and
// /api/programme/services/:id) and the command line's --json, so the two never drift apart.
import { SOURCE_NAMES, type HistoryEntry } from '../domain/programme/inspection-history.ts';
import type { RegistryEntry, ServiceRecord } from '../services/programme/registry.ts';

const historyJson = (i: HistoryEntry) => ({ ...i, sourceName: SOURCE_NAMES[i.source] });

/** A service in the registry's list. */
const registryEntryJson = (e: RegistryEntry) => ({
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
export const registryJson = (regions: readonly { region: { id: number; name: string }; pdus: readonly RegistryEntry[] }[], youthServices: readonly RegistryEntry[]) => ({
  regions: regions.map((r) => ({ id: r.region.id, name: r.region.name, pdus: r.pdus.map(registryEntryJson) })),
  youthServices: youthServices.map(registryEntryJson),
});

/** One service with its names over time. */
export const serviceRecordJson = (r: ServiceRecord) => ({
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
