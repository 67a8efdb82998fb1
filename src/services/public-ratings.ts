// The published ratings tables, as the inspectorate publishes them: each region's PDUs with their
// latest ratings (every rated standard and overall), and each PDU's results over time. Drawn from
// the inspections published here (`publishedInspections`: nothing embargoed or in draft) and the
// registry's history (the reference data's results and those administrators record, which carry
// an overall rating only), merged in date order as the registry merges them (`mergeHistory`).
import { getOrganisation, listInspections, listRecordedInspections, listRegionsWithPdus, type Db, type Organisation } from '../db/repositories/index.ts';
import { frameworkKey } from '../domain/framework/framework.ts';
import { mergeHistory, RATINGS, type HistoryEntry } from '../domain/programme/inspection-history.ts';
import { improvementCounts, type ImprovementCounts } from '../domain/publication/improvement.ts';
import type { EarlierResult, PduRatings, PublicResult, PublicStandard, PublishedResult, RegionRatings } from '../domain/publication/public-results.ts';
import { defaultFramework } from '../reference/frameworks.ts';
import { AppError } from './errors.ts';
import { storedFrameworkByKey } from './frameworks.ts';
import { currentPublication } from './inspection-scope.ts';
import { publishedInspections } from './open-data.ts';
import { recordedEntry, referenceResultsOf } from './programme/registry.ts';

export type { EarlierResult, PduRatings, PublicResult, PublicStandard, PublishedResult, RegionRatings };

/** An inspection as `publishedInspections` gives it. */
export type Published = Awaited<ReturnType<typeof publishedInspections>>[number];

interface Sources {
  standards: PublicStandard[];
  published: Map<number, PublishedResult[]>;
  publishedIds: Set<number>;
  recorded: Map<number, HistoryEntry[]>;
}

/** An inspection published here, as the public tables show it: its rated standards and overall rating. */
export const publishedResult = ({ inspection: i, publishOn, ratings }: Published): PublishedResult => ({
  source: 'published',
  inspectionId: i.id,
  title: i.title,
  published: publishOn ?? i.fieldworkEnd,
  fieldworkStart: i.fieldworkStart,
  framework: frameworkKey(i.frameworkId, i.frameworkVersion),
  isDemo: i.isDemo,
  standards: Object.fromEntries(ratings.standards.filter((s) => s.treatment === 'rated').map((s) => [s.id, s.rating])),
  overall: ratings.overall.rating,
  url: `/public/inspections/${i.id}`,
});

/**
 * The columns: the current PDU framework's rated standards (defaultFramework(): the newest shipped
 * whose regime inspects PDUs), then those of any other PDU version a published inspection was made
 * under (its rated standards, as the rating engine treats them). Versions that inspect another kind
 * of organisation (youth justice services) make no columns of these PDU tables.
 */
async function standardColumns(db: Db, inspections: readonly { frameworkId: string; frameworkVersion: string }[]): Promise<PublicStandard[]> {
  const standards: PublicStandard[] = [];
  // Each version once (storedFrameworkByKey keeps the compiled versions), in the order first met.
  for (const key of new Set([defaultFramework(), ...inspections.map((i) => frameworkKey(i.frameworkId, i.frameworkVersion))])) {
    const framework = await storedFrameworkByKey(db, key);
    if (framework.regime.organisationKind !== 'pdu') continue;
    for (const s of framework.standards) if (framework.treatment(s.id) === 'rated' && !standards.some((x) => x.id === s.id)) standards.push({ id: s.id, name: s.name });
  }
  return standards;
}

/** The inspections to rate (every published one, or one PDU's), every published id, and every published inspection's framework version. */
async function publishedScope(db: Db, organisationId: number | undefined, loaded: readonly Published[] | undefined) {
  if (organisationId === undefined) {
    const all = loaded ?? (await publishedInspections(db));
    return { own: all, publishedIds: new Set(all.map((p) => p.inspection.id)), inspections: all.map((p) => p.inspection) };
  }
  const [own, { published }, inspections] = await Promise.all([publishedInspections(db, { organisationId }), currentPublication(db), listInspections(db)]);
  return { own, publishedIds: published, inspections: inspections.filter((i) => published.has(i.id)) };
}

/**
 * The published inspections by PDU, the recorded results, and the columns. For one PDU only its
 * own inspections are rated; the columns still cover every published inspection's framework version.
 * `loaded` is every published inspection when the caller has them already.
 */
async function loadSources(db: Db, organisationId?: number, loaded?: readonly Published[]): Promise<Sources> {
  const [{ own, publishedIds, inspections }, recordedList] = await Promise.all([publishedScope(db, organisationId, loaded), listRecordedInspections(db, organisationId)]);
  const standards = await standardColumns(db, inspections);
  const published = new Map<number, PublishedResult[]>();
  for (const p of own) published.set(p.inspection.organisationId, [...(published.get(p.inspection.organisationId) ?? []), publishedResult(p)]);
  const recorded = new Map<number, HistoryEntry[]>();
  for (const r of recordedList) recorded.set(r.organisationId, [...(recorded.get(r.organisationId) ?? []), recordedEntry(r)]);
  return { standards, published, publishedIds, recorded };
}

/**
 * A PDU's (or youth justice service's: public-youth-ratings.ts) results, oldest first. An inspection published here is shown from here (with its
 * standards), so a result an administrator recorded for it (naming it, or naming none and
 * published the same day) is left out; so is one naming an inspection not published here.
 */
export function pduHistory<P extends PublishedResult>(reference: readonly HistoryEntry[], recorded: readonly HistoryEntry[], published: readonly P[], publishedIds: ReadonlySet<number>): (P | EarlierResult)[] {
  const here = new Map(published.map((p) => [p.inspectionId, p]));
  const dates = new Set(published.map((p) => p.published));
  const kept = recorded.filter((r) => (r.inspectionId === undefined ? !(r.published && dates.has(r.published)) : publishedIds.has(r.inspectionId) && !here.has(r.inspectionId)));
  const entries: HistoryEntry[] = published.map((p) => ({ published: p.published, fieldwork: p.fieldworkStart, overallRating: p.overall, url: p.url, source: 'published', inspectionId: p.inspectionId }));
  return mergeHistory(reference, kept, entries).map((e): P | EarlierResult => {
    const own = e.source === 'published' && e.inspectionId !== undefined ? here.get(e.inspectionId) : undefined;
    if (own) return own;
    return { source: e.source === 'recorded' ? 'recorded' : 'reference', published: e.published, fieldworkStart: e.fieldwork ?? null, overall: e.overallRating, url: e.url };
  });
}

function pduRatings(org: Organisation, region: Organisation, sources: Sources): PduRatings {
  // Oldest first: listInspections gives the newest first.
  const published = [...(sources.published.get(org.id) ?? [])].sort((a, b) => (a.published === b.published ? a.inspectionId - b.inspectionId : a.published < b.published ? -1 : 1));
  const history = pduHistory(referenceResultsOf(org), sources.recorded.get(org.id) ?? [], published, sources.publishedIds);
  return { id: org.id, name: org.name, region: { id: region.id, name: region.name }, history, latest: history.at(-1) ?? null };
}

/** Every region with its PDUs and their latest results, and the rated standards (the columns). */
export async function publicRatings(db: Db, published?: readonly Published[]): Promise<{ standards: PublicStandard[]; regions: RegionRatings[] }> {
  const [regions, sources] = await Promise.all([listRegionsWithPdus(db), loadSources(db, undefined, published)]);
  return {
    standards: sources.standards,
    regions: regions.map((r) => ({ id: r.id, name: r.name, pdus: r.pdus.map((p) => pduRatings(p, r, sources)) })),
  };
}

/** One region's table; not found unless the id is a region's. */
export async function publicRegionRatings(db: Db, id: number): Promise<{ standards: PublicStandard[]; region: RegionRatings; regions: { id: number; name: string }[] }> {
  const { standards, regions } = await publicRatings(db);
  const region = regions.find((r) => r.id === id);
  if (!region) throw new AppError('not-found', `There is no region ${id}`);
  return { standards, region, regions: regions.map((r) => ({ id: r.id, name: r.name })) };
}

/** One PDU's results over time; not found unless the id is a PDU's. */
export async function publicPduRatings(db: Db, id: number): Promise<{ standards: PublicStandard[]; pdu: PduRatings }> {
  const org = await getOrganisation(db, id);
  const region = org?.kind === 'pdu' && org.parentId !== null ? await getOrganisation(db, org.parentId) : undefined;
  if (!org || !region) throw new AppError('not-found', `There is no PDU ${id}`);
  const sources = await loadSources(db, id);
  return { standards: sources.standards, pdu: pduRatings(org, region, sources) };
}

export interface LatestRatingRow {
  region: string;
  pdu_id: number;
  pdu: string;
  /** published (here), reference (the reference data), recorded (by an administrator), or none. */
  source: string;
  inspection_id: number | '';
  demonstration_data: boolean;
  published_on: string;
  framework: string;
  [standard: `standard_${string}`]: string;
  overall_rating: string;
  source_url: string;
}

/** One row per PDU: its latest result, with every rated standard's rating where published here. */
export async function latestRatingRows(db: Db): Promise<LatestRatingRow[]> {
  const { standards, regions } = await publicRatings(db);
  return regions.flatMap((r) =>
    r.pdus.map((p) => {
      const l = p.latest;
      const own = l?.source === 'published' ? l : undefined;
      return {
        region: r.name,
        pdu_id: p.id,
        pdu: p.name,
        source: l?.source ?? 'none',
        inspection_id: own?.inspectionId ?? ('' as const),
        demonstration_data: own?.isDemo ?? false,
        published_on: l?.published ?? '',
        framework: own?.framework ?? '',
        ...Object.fromEntries(standards.map((s) => [`standard_${s.id}`, own?.standards[s.id] ?? ''])),
        overall_rating: l?.overall ?? '',
        source_url: l?.url ?? '',
      };
    }),
  );
}

/** Worst first, as `improvementCounts` reads a scale. */
const SCALE = [...RATINGS].reverse();

/**
 * PDUs whose latest rating is better, the same or worse than the one before: from each PDU's
 * history as the ratings tables show it (the reference data, results administrators recorded or
 * corrected, and reports published here), so the counts and the tables always agree.
 */
export async function improvementSummary(db: Db, published?: readonly Published[]): Promise<ImprovementCounts> {
  const { regions } = await publicRatings(db, published);
  return improvementCounts(
    regions.flatMap((r) => r.pdus.flatMap((p) => p.history.flatMap((h) => (h.published && h.overall ? [{ organisation: p.name, date: h.published, rating: h.overall }] : [])))),
    SCALE,
  );
}
