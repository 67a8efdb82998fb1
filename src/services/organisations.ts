// Reading the registry's organisations, for the pages, the API and the commands that choose or name
// one: the probation regions with their PDUs, the organisations of a kind, and the services known
// by a name now or by one they had. Changing the registry (renames, results) is programme/registry.ts.
import {
  findOrganisationByName,
  getOrganisation,
  listNamesOfKind,
  listOrganisations,
  listOrganisationSummaries,
  listRegionsWithPdus,
  listRegionSummariesWithPdus,
  type Db,
  type Organisation,
  type OrganisationKind,
  type OrganisationName,
  type OrganisationSummary,
  type RegionSummaryWithPdus,
  type RegionWithPdus,
} from '../db/repositories/index.ts';

/** Every probation region with its PDUs, both by name. */
export const regionsWithPdus = (db: Db): Promise<RegionWithPdus[]> => listRegionsWithPdus(db);

/** Every probation region with its PDUs, both by name, without their details (for choosing one). */
export const regionSummariesWithPdus = (db: Db): Promise<RegionSummaryWithPdus[]> => listRegionSummariesWithPdus(db);

/** The organisations of one kind (or all), by name, without their details. */
export const organisationsOfKind = (db: Db, kind?: OrganisationKind): Promise<OrganisationSummary[]> => listOrganisationSummaries(db, kind);

/** The organisation with that id, if there is one. */
export const organisationById = (db: Db, id: number): Promise<Organisation | undefined> => getOrganisation(db, id);

/** The PDU called that now (any case). */
export const pduNamed = (db: Db, name: string): Promise<Organisation | undefined> => findOrganisationByName(db, 'pdu', name);

/** Each organisation's recorded names (former, scheduled, other spellings), by its id. */
export function namesByOrganisation(names: readonly OrganisationName[]): Map<number, Set<string>> {
  const known = new Map<number, Set<string>>();
  for (const n of names) known.set(n.organisationId, (known.get(n.organisationId) ?? new Set()).add(n.name));
  return known;
}

/** The names an organisation has had, is to have or is also spelt, besides its name now. */
export const otherNamesOf = (organisation: OrganisationSummary, known: ReadonlyMap<number, ReadonlySet<string>>): string[] =>
  [...(known.get(organisation.id) ?? [])].filter((n) => n !== organisation.name);

/** The youth justice services by name, each with the other names it has had or is to have, so one known by an old name is found. */
export async function youthServicesWithOtherNames(db: Db): Promise<{ organisation: OrganisationSummary; otherNames: string[] }[]> {
  const [services, names] = await Promise.all([listOrganisationSummaries(db, 'youth-service'), listNamesOfKind(db, 'youth-service')]);
  const known = namesByOrganisation(names);
  return services.map((o) => ({ organisation: o, otherNames: otherNamesOf(o, known) }));
}

/**
 * The organisations of these kinds a name names (any case): those called that now, else those that
 * had that name or are to have it (with the name, as `formerly`).
 */
export async function organisationsNamed(db: Db, name: string, kinds: readonly OrganisationKind[]): Promise<{ org: Organisation; formerly?: string }[]> {
  const wanted = name.toLowerCase();
  const all = (await Promise.all(kinds.map((k) => listOrganisations(db, k)))).flat();
  const now = all.filter((o) => o.name.toLowerCase() === wanted).map((org) => ({ org }));
  if (now.length) return now;
  const byId = new Map(all.map((o) => [o.id, o]));
  const names = (await Promise.all(kinds.map((k) => listNamesOfKind(db, k)))).flat().filter((n) => n.name.toLowerCase() === wanted);
  const ids = [...new Set(names.map((n) => n.organisationId))];
  return ids.flatMap((id) => (byId.has(id) ? [{ org: byId.get(id)!, formerly: names.find((n) => n.organisationId === id)!.name }] : []));
}
