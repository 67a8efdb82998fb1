// The youth justice services' published ratings, beside the PDUs' (public-ratings.ts): every
// youth inspection published here (nothing embargoed or in draft) with each counted standard's
// rating by domain, the score, the overall rating and the standards rated separately (resettlement),
// and each service's results over time, merged with the registry's history (the reference data's
// results and those administrators record, overall rating only) as the PDU tables merge theirs.
// The columns and the words come from the youth framework files: their counted standards by
// domain, the standards they rate separately, and the regime's name for the organisation.
import { getOrganisation, listOrganisations, listRecordedInspections, type Db, type Organisation } from '../db/repositories/index.ts';
import { frameworkKey, type Framework } from '../domain/framework/framework.ts';
import type { HistoryEntry } from '../domain/programme/inspection-history.ts';
import { AppError } from './errors.ts';
import { storedFrameworkByKey } from './frameworks.ts';
import { currentChoice, frameworkChoices } from './inspection-booking.ts';
import { versionComparison } from '../domain/national/versions.ts';
import { publishedInspections } from './open-data.ts';
import { recordedEntry, referenceResultsOf } from './programme/registry.ts';
import { pduHistory, publishedResult, type EarlierResult, type Published, type PublishedResult, type PublicStandard } from './public-ratings.ts';

/** A domain's counted standards: a group of the table's columns. */
export interface YouthDomain {
  id: string;
  name: string;
  standards: PublicStandard[];
}

/** The youth tables' columns and words, from the youth framework files. */
export interface YouthColumns {
  /** The regime's words: 'Youth justice service', 'youth justice services'. */
  label: string;
  singular: string;
  plural: string;
  /** The standards counted in the score, by domain. */
  domains: YouthDomain[];
  /** Standards rated separately and not counted (resettlement). */
  separately: PublicStandard[];
}

/** A youth inspection published here: its counted standards, its score, and the standards rated separately. */
export interface YouthPublishedResult extends PublishedResult {
  frameworkId: string;
  frameworkVersion: string;
  /** Rating by standard id, for the standards rated separately; null when not rated (no relevant cases). */
  separately: Record<string, string | null>;
  score: number;
  maxScore: number;
  /**
   * By standard id: why this inspection's rating cannot be compared with the current framework's
   * column (the versions' diff: 2018's 3.4 reworded and renamed in 2021); absent where it can.
   */
  notComparable: Record<string, string>;
}

export type YouthResult = YouthPublishedResult | EarlierResult;

export interface YouthServiceRatings {
  id: number;
  name: string;
  /** Every result, oldest first. */
  history: YouthResult[];
  latest: YouthResult | null;
}

/** The youth justice services' frameworks in use: the current one, then those of the published inspections (each once). */
async function youthFrameworks(db: Db, published: readonly Published[]): Promise<{ current: Framework | undefined; byKey: Map<string, Framework> }> {
  const choice = currentChoice(await frameworkChoices(db), 'youth-service');
  const byKey = new Map<string, Framework>();
  for (const key of new Set([...(choice ? [choice.key] : []), ...published.map((p) => frameworkKey(p.inspection.frameworkId, p.inspection.frameworkVersion))])) {
    const framework = await storedFrameworkByKey(db, key);
    if (framework.regime.organisationKind === 'youth-service') byKey.set(key, framework);
  }
  return { current: choice ? byKey.get(choice.key) : byKey.values().next().value, byKey };
}

function columnsOf(frameworks: readonly Framework[], current: Framework | undefined): YouthColumns {
  const domains: YouthDomain[] = [];
  const separately: PublicStandard[] = [];
  const seen = new Set<string>();
  for (const f of frameworks)
    for (const d of f.definition.domains)
      for (const s of d.standards) {
        const treatment = f.treatment(s.id);
        if (seen.has(s.id) || (treatment !== 'rated' && treatment !== 'rated-separately')) continue;
        seen.add(s.id);
        if (treatment === 'rated-separately') separately.push({ id: s.id, name: s.name });
        else {
          const domain = domains.find((x) => x.id === d.id) ?? domains[domains.push({ id: d.id, name: d.name, standards: [] }) - 1]!;
          domain.standards.push({ id: s.id, name: s.name });
        }
      }
  const regime = current?.regime;
  return {
    label: regime?.report.organisationLabel ?? 'Youth justice service',
    singular: regime?.organisation.singular ?? 'youth justice service',
    plural: regime?.organisation.plural ?? 'youth justice services',
    domains,
    separately,
  };
}

/** Why each standard of an inspection under another version cannot be compared with the current one's column. */
function notComparableWith(current: Framework | undefined, own: Framework | undefined, ids: readonly string[]): Record<string, string> {
  if (!current || !own || own.key === current.key) return {};
  const compare = versionComparison(current);
  return Object.fromEntries(ids.flatMap((id) => {
    const reason = compare.standard(own, id);
    return reason ? [[id, reason]] : [];
  }));
}

/** A youth inspection's published result: the PDU tables' (publishedResult), with its version, the standards rated separately and its score. */
const youthResult = (p: Published, notComparable: Record<string, string>): YouthPublishedResult => ({
  ...publishedResult(p),
  frameworkId: p.inspection.frameworkId,
  frameworkVersion: p.inspection.frameworkVersion,
  separately: Object.fromEntries(p.ratings.standards.filter((s) => s.treatment === 'rated-separately').map((s) => [s.id, s.rating])),
  score: p.ratings.overall.score,
  maxScore: p.ratings.overall.maxScore,
  notComparable,
});

/** Every inspection published here, and those by youth frameworks, newest first (as publishedInspections lists them), with the columns. */
async function publishedYouth(db: Db) {
  const all = await publishedInspections(db);
  const { current, byKey } = await youthFrameworks(db, all);
  const youth = all.filter((p) => byKey.has(frameworkKey(p.inspection.frameworkId, p.inspection.frameworkVersion)));
  const columns = columnsOf([...byKey.values()], current);
  const ids = [...columns.domains.flatMap((d) => d.standards), ...columns.separately].map((s) => s.id);
  const results = youth.map((p) => youthResult(p, notComparableWith(current, byKey.get(frameworkKey(p.inspection.frameworkId, p.inspection.frameworkVersion)), ids)));
  return { publishedIds: new Set(all.map((p) => p.inspection.id)), youth, results, columns };
}

/** Oldest first, by publication date then inspection. */
const byDate = (a: YouthPublishedResult, b: YouthPublishedResult) => (a.published === b.published ? a.inspectionId - b.inspectionId : a.published < b.published ? -1 : 1);

function serviceRatings(org: Organisation, published: readonly YouthPublishedResult[], recorded: readonly HistoryEntry[], publishedIds: ReadonlySet<number>): YouthServiceRatings {
  const history = pduHistory(referenceResultsOf(org), recorded, [...published].sort(byDate), publishedIds);
  return { id: org.id, name: org.name, history, latest: history.at(-1) ?? null };
}

/**
 * The youth inspections published here (newest first), every youth justice service in the registry
 * with its latest result, and the columns.
 */
export async function publicYouthRatings(db: Db): Promise<{ columns: YouthColumns; published: YouthPublishedResult[]; services: YouthServiceRatings[] }> {
  const [{ youth, results: published, columns, publishedIds }, services, recordedList] = await Promise.all([publishedYouth(db), listOrganisations(db, 'youth-service'), listRecordedInspections(db)]);
  const byService = new Map<number, YouthPublishedResult[]>();
  for (const [i, p] of youth.entries()) byService.set(p.inspection.organisationId, [...(byService.get(p.inspection.organisationId) ?? []), published[i]!]);
  const recorded = new Map<number, HistoryEntry[]>();
  for (const r of recordedList) recorded.set(r.organisationId, [...(recorded.get(r.organisationId) ?? []), recordedEntry(r)]);
  return { columns, published, services: services.map((s) => serviceRatings(s, byService.get(s.id) ?? [], recorded.get(s.id) ?? [], publishedIds)) };
}

/** One youth justice service's results over time; not found unless the id is a youth justice service's. */
export async function publicYouthServiceRatings(db: Db, id: number): Promise<{ columns: YouthColumns; service: YouthServiceRatings }> {
  const org = await getOrganisation(db, id);
  if (!org || org.kind !== 'youth-service') throw new AppError('not-found', `There is no youth justice service ${id}`);
  const [{ youth, results, columns, publishedIds }, recordedList] = await Promise.all([publishedYouth(db), listRecordedInspections(db, id)]);
  const own = results.filter((_, i) => youth[i]!.inspection.organisationId === id);
  return { columns, service: serviceRatings(org, own, recordedList.map(recordedEntry), publishedIds) };
}

export interface YouthRatingRow {
  inspection_id: number;
  service_id: number;
  service: string;
  demonstration_data: boolean;
  fieldwork_start: string;
  published_on: string;
  framework_id: string;
  framework_version: string;
  [standard: `standard_${string}`]: string;
  score: number;
  max_score: number;
  overall_rating: string;
  [separately: `rated_separately_${string}`]: string;
}

/**
 * Open data: one row per youth inspection published here, newest first, with its framework id and
 * version, each counted standard's rating (empty where its version has no such standard or it was
 * not rated), the score and its maximum, the overall rating, and each standard rated separately
 * ('not rated' when no relevant case was found).
 */
export async function youthRatingRows(db: Db): Promise<YouthRatingRow[]> {
  const { youth, results, columns } = await publishedYouth(db);
  const counted = columns.domains.flatMap((d) => d.standards);
  return youth.map((p, i) => {
    const r = results[i]!;
    return {
      inspection_id: r.inspectionId,
      service_id: p.inspection.organisationId,
      service: p.inspection.organisationName,
      demonstration_data: r.isDemo,
      fieldwork_start: r.fieldworkStart,
      published_on: r.published,
      framework_id: r.frameworkId,
      framework_version: r.frameworkVersion,
      ...Object.fromEntries(counted.map((s) => [`standard_${s.id}`, r.standards[s.id] ?? ''])),
      score: r.score,
      max_score: r.maxScore,
      overall_rating: r.overall ?? '',
      ...Object.fromEntries(columns.separately.map((s) => [`rated_separately_${s.id}`, s.id in r.separately ? (r.separately[s.id] ?? 'not rated') : ''])),
    };
  });
}

/**
 * The current youth framework's words for what it inspects ('youth justice services') and the
 * standards it rates separately, or undefined when no youth framework is stored.
 */
export async function youthRegimeWords(db: Db): Promise<{ singular: string; plural: string; separately: PublicStandard[] } | undefined> {
  const choice = currentChoice(await frameworkChoices(db), 'youth-service');
  if (!choice) return undefined;
  const framework = await storedFrameworkByKey(db, choice.key);
  return { ...framework.regime.organisation, separately: columnsOf([framework], framework).separately };
}
