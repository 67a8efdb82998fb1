// Annual national reports: take a data cut of a business year's published inspections of one kind
// (PDUs or youth justice services: the framework's regime.organisationKind) under the chosen
// framework version, the same year's inspections under that kind's other versions, and the year
// before, for comparison; store it with its digest, build the report from the stored cut, check
// the cut against the live data, and publish the report. A kind has one published report a year:
// drafts may be cut again until one is published.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  getAnnualReport,
  insertAnnualReport,
  listAnnualReports,
  listInspections,
  publicationStates,
  recordAudit,
  updateAnnualReport,
  inTransaction,
  type Db,
  type InspectionListItem,
  type StoredAnnualReport,
} from '../db/repositories/index.ts';
import { annualReportPublished, buildAnnualReport, type AnnualReport } from '../domain/national/annual-report.ts';
import { businessYear, businessYearOf, inBusinessYear, parseBusinessYear, type BusinessYear } from '../domain/national/business-year.ts';
import { canonicalJson, CUT_FORMAT, cutPool, inspectionPart, type CutPool, type CutSurvey, type DataCut } from '../domain/national/data-cut.ts';
import { frameworkKey as keyOfFramework, type Framework } from '../domain/framework/framework.ts';
import { currentFrameworkFor, type InspectedKind } from '../domain/framework/current.ts';
import { isIsoDate } from '../domain/programme/dates.ts';
import { AppError, FieldError, fieldsMessage, parseFields, type FieldProblem } from './errors.ts';
import { storedFrameworkByKey } from './frameworks.ts';
import { rateStoredInspections } from './inspections.ts';
import { clock } from './clock.ts';
import { loadSurveyResults } from './survey/survey.ts';

const keyOf = (i: InspectionListItem) => keyOfFramework(i.frameworkId, i.frameworkVersion);

/** Published inspections (as of today) with the date each was published (the end of fieldwork when none was set). */
async function publishedWithDates(db: Db, today = clock.today()): Promise<(InspectionListItem & { publishedOn: string })[]> {
  const [{ published, publishOn }, list] = await Promise.all([publicationStates(db, today), listInspections(db)]);
  return list.filter((i) => published.has(i.id)).map((i) => ({ ...i, publishedOn: publishOn.get(i.id) ?? i.fieldworkEnd }));
}

export interface YearChoice {
  year: BusinessYear;
  frameworks: { key: string; inspections: number; kind: InspectedKind; organisations: string }[];
}

/** The kind of inspection a framework version is for (its regime.organisationKind) and its word for them. */
async function kindsOf(db: Db, keys: Iterable<string>): Promise<Map<string, { kind: InspectedKind; organisations: string; framework: Framework }>> {
  const found = new Map<string, { kind: InspectedKind; organisations: string; framework: Framework }>();
  for (const key of new Set(keys)) {
    const framework = await storedFrameworkByKey(db, key);
    found.set(key, { kind: framework.regime.organisationKind, organisations: framework.regime.organisation.plural, framework });
  }
  return found;
}

/** The business years and framework versions a report can be made for: those with published inspections. */
export async function reportableYears(db: Db): Promise<YearChoice[]> {
  const byYear = new Map<number, Map<string, number>>();
  const published = await publishedWithDates(db);
  for (const i of published) {
    const start = businessYearOf(i.fieldworkStart).start;
    const frameworks = byYear.get(start) ?? new Map<string, number>();
    frameworks.set(keyOf(i), (frameworks.get(keyOf(i)) ?? 0) + 1);
    byYear.set(start, frameworks);
  }
  const kinds = await kindsOf(db, published.map(keyOf));
  return [...byYear.entries()]
    .sort(([a], [b]) => b - a)
    .map(([start, frameworks]) => ({
      year: businessYear(start),
      frameworks: [...frameworks.entries()].sort().map(([key, inspections]) => ({ key, inspections, kind: kinds.get(key)!.kind, organisations: kinds.get(key)!.organisations })),
    }));
}

/** The kinds of inspection with published inspections, each in its newest framework's words ("PDUs", "youth justice services"). */
export async function reportableKinds(db: Db): Promise<{ kind: InspectedKind; organisations: string }[]> {
  const kinds = await kindsOf(db, (await publishedWithDates(db)).map(keyOf));
  const byKind = new Map<InspectedKind, Framework[]>();
  for (const { kind, framework } of kinds.values()) byKind.set(kind, [...(byKind.get(kind) ?? []), framework]);
  return [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kind, list]) => ({ kind, organisations: currentFrameworkFor(list, kind)!.regime.organisation.plural }));
}

async function surveyForCut(db: Db, inspectionId: number): Promise<CutSurvey | null> {
  const { results } = await loadSurveyResults(db, inspectionId);
  if (!results || !results.response.contacted) return null;
  return {
    contacted: results.response.contacted,
    responded: results.response.responded,
    statements: results.statements.map((s) => ({ id: s.id, text: s.text, agree: s.agree.count, answered: s.agree.of })),
  };
}

async function poolsFor(db: Db, year: BusinessYear, published: (InspectionListItem & { publishedOn: string })[], frameworkKey?: string): Promise<CutPool[]> {
  const inYear = published.filter((i) => inBusinessYear(i.fieldworkStart, year) && (!frameworkKey || keyOf(i) === frameworkKey));
  const keys = [...new Set(inYear.map(keyOf))].sort();
  const pools: CutPool[] = [];
  for (const key of keys) {
    const framework = await storedFrameworkByKey(db, key);
    const chosen = inYear.filter((x) => keyOf(x) === key);
    const rated = await rateStoredInspections(db, chosen.map((i) => i.id));
    const inspections = [];
    for (const i of chosen) {
      const { assessment, ratings } = rated.get(i.id)!;
      inspections.push({
        id: i.id,
        organisation: i.organisationName,
        region: i.regionName ?? 'No region',
        fieldworkStart: i.fieldworkStart,
        publishedOn: i.publishedOn,
        isDemo: i.isDemo,
        assessment,
        ratings,
        survey: await surveyForCut(db, i.id),
      });
    }
    pools.push(cutPool(framework, year, inspections));
  }
  return pools;
}

/**
 * The data cut as the live data stands now: published inspections only, so nothing embargoed is in
 * it. The year's inspections under the kind's other framework versions come too (sameYear), and the
 * year before's of the same kind; a cut with none under other versions is as cuts were before.
 */
async function takeDataCut(db: Db, year: BusinessYear, frameworkKey: string, now = clock.now()): Promise<DataCut> {
  const published = await publishedWithDates(db);
  const kinds = await kindsOf(db, [frameworkKey, ...published.map(keyOf)]);
  const kind = kinds.get(frameworkKey)!.kind;
  const ofKind = published.filter((i) => kinds.get(keyOf(i))!.kind === kind);
  const [current] = await poolsFor(db, year, ofKind, frameworkKey);
  if (!current) throw new AppError('invalid', `There are no published inspections under ${frameworkKey} with fieldwork in ${year.label}`);
  const sameYear = (await poolsFor(db, year, ofKind)).filter((p) => p.frameworkKey !== frameworkKey);
  return {
    format: CUT_FORMAT,
    takenAt: now.toISOString(),
    year,
    frameworkKey,
    current,
    previous: await poolsFor(db, businessYear(year.start - 1), ofKind),
    ...(sameYear.length ? { sameYear } : {}),
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The digest of what the figures depend on (everything but the time the cut was taken). */
export const cutDigest = (cut: DataCut): string => sha256(canonicalJson({ ...cut, takenAt: undefined }));

async function frameworksFor(db: Db, cut: DataCut): Promise<Map<string, Framework>> {
  const keys = new Set([cut.frameworkKey, ...cut.previous.map((p) => p.frameworkKey), ...(cut.sameYear ?? []).map((p) => p.frameworkKey)]);
  return new Map(await Promise.all([...keys].map(async (k) => [k, await storedFrameworkByKey(db, k)] as const)));
}

/** Bad input by field, the message naming each field ("publishOn: enter a real date"). */
const invalidFields = (fields: FieldProblem[]) => new FieldError(fields, fieldsMessage(fields));

const NewReport = z.object({
  year: z.string().trim().min(1, 'Enter the business year').transform((text, ctx) => {
    const year = parseBusinessYear(text);
    if (!year) {
      ctx.addIssue({ code: 'custom', message: 'Enter the business year like 2025/26' });
      return z.NEVER;
    }
    return year;
  }),
  /** A framework version (id@version); or, instead, the kind of inspection, whose newest version that year is taken. */
  framework: z.string().trim().regex(/^[a-z0-9-]+@[^\s@]+$/, 'Select a framework version').optional(),
  kind: z.enum(['pdu', 'youth-service'], { message: 'Select the kind of inspection' }).optional(),
}).refine((r) => r.framework || r.kind, { message: 'Select the kind of inspection', path: ['kind'] });

/** The report of that kind and year already published or set to be, if one is: a kind has one published report a year. */
async function publishedOfKind(db: Db, year: number, kind: InspectedKind, except?: number): Promise<StoredAnnualReport | undefined> {
  const sameYear = (await listAnnualReports(db)).filter((r) => r.businessYear === year && r.status === 'published' && r.id !== except);
  const kinds = await kindsOf(db, sameYear.map((r) => r.frameworkKey));
  const found = sameYear.find((r) => kinds.get(r.frameworkKey)!.kind === kind);
  return found && getAnnualReport(db, found.id);
}

/** The framework version a report of a kind is made under: the newest its year's published inspections used. */
async function frameworkForKind(db: Db, year: BusinessYear, kind: InspectedKind): Promise<string> {
  const inYear = (await publishedWithDates(db)).filter((i) => inBusinessYear(i.fieldworkStart, year));
  const kinds = await kindsOf(db, inYear.map(keyOf));
  const newest = currentFrameworkFor([...kinds.values()].filter((k) => k.kind === kind).map((k) => k.framework), kind);
  if (!newest) throw invalidFields([{ field: 'kind', message: `There are no published inspections of this kind with fieldwork in ${year.label}` }]);
  return newest.key;
}

/** Takes a data cut and stores a draft annual report built from it. */
export async function createAnnualReport(db: Db, raw: unknown, actor: string, now = clock.now()): Promise<number> {
  const { year, ...chosen } = parseFields(NewReport, raw, invalidFields);
  const framework = chosen.framework ?? (await frameworkForKind(db, year, chosen.kind!));
  const kind = (await kindsOf(db, [framework])).get(framework)!;
  const already = await publishedOfKind(db, year.start, kind.kind);
  if (already)
    throw invalidFields([{ field: 'year', message: `The annual report of inspections of ${kind.organisations} for ${year.label} is already published or set to be (report ${already.id}): a year has one` }]);
  const cut = await takeDataCut(db, year, framework, now);
  const report = buildAnnualReport(cut, await frameworksFor(db, cut));
  const digest = cutDigest(cut);
  return inTransaction(db, async (trx) => {
    const id = await insertAnnualReport(trx, {
      businessYear: year.start,
      frameworkKey: framework,
      title: report.title,
      cut,
      cutDigest: digest,
      inspections: report.scope.inspections,
      cases: report.scope.cases,
      takenBy: actor,
    });
    await recordAudit(trx, {
      actor,
      action: 'annual-report.cut-taken',
      entity: 'annual-report',
      entityId: id,
      after: {
        year: year.label,
        framework,
        kind: kind.kind,
        digest,
        inspections: [cut.current, ...(cut.sameYear ?? [])].flatMap((p) => p.inspections.map((i) => i.id)),
        previous: cut.previous.flatMap((p) => p.inspections.map((i) => i.id)),
      },
    });
    return id;
  });
}

export interface LoadedAnnualReport {
  stored: StoredAnnualReport;
  cut: DataCut;
  report: AnnualReport;
  /** The chosen framework version (its bands draw the charts). */
  framework: Framework;
}

async function requireAnnualReport(db: Db, id: number): Promise<StoredAnnualReport> {
  const stored = await getAnnualReport(db, id);
  if (!stored) throw new AppError('not-found', 'There is no such annual report');
  return stored;
}

/** The stored report rebuilt from its cut: the same numbers every time. */
async function fromStored(db: Db, stored: StoredAnnualReport): Promise<LoadedAnnualReport> {
  const cut = stored.cut as DataCut;
  if (cut.format !== CUT_FORMAT) throw new AppError('conflict', `Annual report ${stored.id} keeps a data cut in format ${String(cut.format)}, which this version cannot read`);
  const frameworks = await frameworksFor(db, cut);
  return { stored, cut, report: buildAnnualReport(cut, frameworks), framework: frameworks.get(cut.frameworkKey)! };
}

/** The report rebuilt from its stored cut: the same numbers every time. */
export async function loadAnnualReport(db: Db, id: number): Promise<LoadedAnnualReport> {
  return fromStored(db, await requireAnnualReport(db, id));
}

export interface CutCheck {
  /** The report's title. */
  title: string;
  storedDigest: string;
  /** The digest of the stored cut recomputed now: equal to the stored one unless the stored cut was tampered with. */
  recomputedDigest: string;
  liveDigest: string | null;
  unchanged: boolean;
  added: { id: number; organisation: string }[];
  removed: { id: number; organisation: string }[];
  changed: { id: number; organisation: string }[];
  liveError: string | null;
}

/** Compares the stored cut with one taken from the live data now, inspection by inspection. */
export async function checkAnnualReport(db: Db, id: number): Promise<CutCheck> {
  const { stored, cut, report } = await loadAnnualReport(db, id);
  const recomputedDigest = cutDigest(cut);
  let live: DataCut | null = null;
  let liveError: string | null = null;
  try {
    live = await takeDataCut(db, cut.year, cut.frameworkKey);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    liveError = e.message;
  }
  const parts = (c: DataCut | null) =>
    new Map(
      (c ? [c.current, ...(c.sameYear ?? []), ...c.previous] : []).flatMap((pool) =>
        pool.inspections.map((i) => [i.id, { organisation: i.organisation, digest: sha256(canonicalJson(inspectionPart(pool, i.id))) }] as const),
      ),
    );
  const before = parts(cut);
  const after = parts(live);
  const added = [...after].filter(([k]) => !before.has(k)).map(([k, v]) => ({ id: k, organisation: v.organisation }));
  const removed = [...before].filter(([k]) => !after.has(k)).map(([k, v]) => ({ id: k, organisation: v.organisation }));
  const changed = [...before].filter(([k, v]) => after.has(k) && after.get(k)!.digest !== v.digest).map(([k, v]) => ({ id: k, organisation: v.organisation }));
  const liveDigest = live ? cutDigest(live) : null;
  return { title: report.title, storedDigest: stored.cutDigest, recomputedDigest, liveDigest, unchanged: liveDigest === stored.cutDigest, added, removed, changed, liveError };
}

export async function saveAnnualForeword(db: Db, id: number, foreword: string, actor: string): Promise<void> {
  const stored = await requireAnnualReport(db, id);
  if (stored.status === 'published') throw new AppError('conflict', 'The report is published and can no longer be changed');
  const text = foreword.trim();
  if (text.length > 50_000) throw invalidFields([{ field: 'foreword', message: 'must be 50,000 characters or fewer' }]);
  await inTransaction(db, async (trx) => {
    await updateAnnualReport(trx, id, { foreword: text });
    await recordAudit(trx, { actor, action: 'annual-report.foreword-saved', entity: 'annual-report', entityId: id, before: { foreword: stored.foreword }, after: { foreword: text } });
  });
}

const PublishOn = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'enter a date like 2026-12-01').refine(isIsoDate, 'enter a real date');

/** Sets the day the report is published (today or later); until then it stays internal. */
export async function publishAnnualReport(db: Db, id: number, publishOn: unknown, actor: string, today = clock.today()): Promise<void> {
  const stored = await requireAnnualReport(db, id);
  if (annualReportPublished(stored, today)) throw new AppError('conflict', 'The report is already published');
  const parsed = PublishOn.safeParse(publishOn);
  if (!parsed.success) throw invalidFields([{ field: 'publishOn', message: parsed.error.issues[0]!.message }]);
  if (parsed.data < today) throw invalidFields([{ field: 'publishOn', message: 'the publication date must be today or later' }]);
  const { kind, organisations } = (await kindsOf(db, [stored.frameworkKey])).get(stored.frameworkKey)!;
  const other = await publishedOfKind(db, stored.businessYear, kind, id);
  if (other)
    throw new AppError('conflict', `Report ${other.id} is already the annual report of inspections of ${organisations} for ${businessYear(stored.businessYear).label} to be published: a year has one`);
  await inTransaction(db, async (trx) => {
    await updateAnnualReport(trx, id, { status: 'published', publishOn: parsed.data });
    await recordAudit(trx, { actor, action: 'annual-report.publication-set', entity: 'annual-report', entityId: id, before: { status: stored.status, publishOn: stored.publishOn }, after: { status: 'published', publishOn: parsed.data } });
  });
}

export const listAllAnnualReports = (db: Db) => listAnnualReports(db);

/** Reports whose publication date has come: what the public sees. */
export const publishedAnnualReports = (db: Db, today = clock.today()) => listAnnualReports(db, { publishedBy: today });

export async function loadPublishedAnnualReport(db: Db, id: number, today = clock.today()): Promise<LoadedAnnualReport> {
  const stored = await getAnnualReport(db, id);
  if (!stored || !annualReportPublished(stored, today)) throw new AppError('not-found', 'There is no such published report');
  return fromStored(db, stored);
}
