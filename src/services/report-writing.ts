// Writing the report in the app: each save of a section is a new version with its author and time,
// refused when based on a version someone has since replaced (never overwriting it); the lead's
// saves stand approved and a named writer's wait for the lead's approval; placeholders are checked
// against what the inspection offers; the lead names the team's report writers. Every change is
// audited. The report shows each section's latest approved version (src/reports/report-text.ts).
import {
  getReport,
  listFactualAccuracyComments,
  listInspectionMembers,
  recordAudit,
  saveReport,
  inTransaction,
  type Db,
  type FactualAccuracyComment,
  type InspectionMember,
} from '../db/repositories/index.ts';
import {
  addReportWriter,
  approveSectionVersion,
  insertSectionVersion,
  listReportWriters,
  listSectionVersions,
  lockLatestVersion,
  removeReportWriter,
  type ReportWriter,
  type SectionVersion,
} from '../db/repositories/report-writing-repository.ts';
import { canLeadInspection, type Actor, type InspectionScope } from '../domain/access/permissions.ts';
import { effectiveStatus, type ReportStatus } from '../domain/publication/workflow.ts';
import { isStale, mayWrite, stageRefusal, type Writer } from '../domain/report-writing/editing.ts';
import { availablePlaceholders, placeholderProblems, placeholdersFor, type Placeholder } from '../domain/report-writing/placeholders.ts';
import { cleanParts, MAX_PART_LENGTH, reportSections, sameParts, type ReportSectionDef, type SectionParts } from '../domain/report-writing/sections.ts';
import { changeSummary, wordDiff, type DiffPart } from '../domain/report-writing/word-diff.ts';
import { reportSurvey } from '../reports/report-survey.ts';
import { actorNamer } from './audit-trail.ts';
import { AppError, FieldError } from './errors.ts';
import { frameworkOf, rateStoredInspection, requireInspection } from './inspections.ts';
import { loadSurveyResults } from './survey/survey.ts';
import { clock } from './clock.ts';


/** The person acting: their access facts and their name in the audit trail ("user:12"). */
export interface WritingActor {
  actor: Actor;
  scope: InspectionScope;
  by: string;
}

/** A save based on a version someone has since replaced: refused, with the version that replaced it. */
export class StaleSectionError extends AppError {
  constructor(
    readonly latest: SectionVersion,
    readonly baseVersion: number,
  ) {
    super('conflict', `Version ${latest.version} of this section was saved after the version ${baseVersion} you started from. Your text has not been saved: compare it with version ${latest.version} below, then save again.`);
    this.name = 'StaleSectionError';
  }
}

export async function reportStatusNow(db: Db, inspectionId: number): Promise<ReportStatus> {
  return effectiveStatus(await getReport(db, inspectionId), clock.today());
}

async function sectionsOf(db: Db, inspectionId: number): Promise<ReportSectionDef[]> {
  return reportSections(await frameworkOf(db, await requireInspection(db, inspectionId)));
}

export async function requireSection(db: Db, inspectionId: number, key: string): Promise<ReportSectionDef> {
  const section = (await sectionsOf(db, inspectionId)).find((s) => s.key === key);
  if (!section) throw new AppError('not-found', `The report has no section "${key}"`);
  return section;
}

/** Whether the person may write the report: its lead, or a team member the lead named as a writer. */
export async function writerOf(db: Db, who: Pick<WritingActor, 'actor' | 'scope'>): Promise<Writer> {
  const isLead = canLeadInspection(who.actor, who.scope);
  const isNamedWriter = who.actor.memberships.has(who.scope.id) && (await listReportWriters(db, who.scope.id)).some((w) => w.userId === who.actor.userId);
  return { isLead, isNamedWriter };
}

/** The placeholders the inspection offers now, with their values from the live ratings. */
export async function placeholdersOf(db: Db, inspectionId: number): Promise<Placeholder[]> {
  const { ratings, standing } = await rateStoredInspection(db, inspectionId);
  const survey = reportSurvey((await loadSurveyResults(db, inspectionId)).results);
  return availablePlaceholders({ ratings, casesComplete: standing.casesComplete, surveyResponseRate: survey?.responseRate ?? null });
}

/** People's names for "user:12", as the audit trail names them. */
async function namesOf(db: Db, actors: Iterable<string>): Promise<Map<string, string>> {
  const nameOf = await actorNamer(db);
  return new Map([...new Set(actors)].map((by) => [by, nameOf(by)]));
}

export interface VersionView extends SectionVersion {
  authorName: string;
  approvedByName: string | null;
  /** Words added and removed against the version before. */
  change: { added: number; removed: number };
}

const joinParts = (section: ReportSectionDef, parts: SectionParts) => section.parts.map((p) => parts[p.name] ?? '').join('\n\n');

async function versionViews(db: Db, section: ReportSectionDef, versions: SectionVersion[]): Promise<VersionView[]> {
  const names = await namesOf(db, versions.flatMap((v) => [v.author, ...(v.approvedBy ? [v.approvedBy] : [])]));
  return versions.map((v, i) => ({
    ...v,
    authorName: names.get(v.author)!,
    approvedByName: v.approvedBy ? names.get(v.approvedBy)! : null,
    change: changeSummary(wordDiff(i === 0 ? '' : joinParts(section, versions[i - 1]!.parts), joinParts(section, v.parts))),
  }));
}

/** The newest version of each section that the lead approved: what the report shows. */
export const latestApproved = (versions: SectionVersion[]): SectionVersion | undefined => versions.filter((v) => v.approvedBy !== null).at(-1);

export interface SectionSummary {
  section: ReportSectionDef;
  latest: VersionView | undefined;
  approved: SectionVersion | undefined;
  /** The newest version awaits the lead's approval. */
  awaitingApproval: boolean;
  /** Everyone who saved a version of it. */
  writtenBy: string[];
}

/** The report's sections with where each stands, the named writers, and the team members who could be named. */
export async function writingOverview(db: Db, inspectionId: number) {
  const [sections, versions, writers, members, status] = await Promise.all([
    sectionsOf(db, inspectionId),
    listSectionVersions(db, inspectionId),
    listReportWriters(db, inspectionId),
    listInspectionMembers(db, inspectionId),
    reportStatusNow(db, inspectionId),
  ]);
  const summaries: SectionSummary[] = [];
  for (const section of sections) {
    const own = versions.filter((v) => v.section === section.key);
    const views = await versionViews(db, section, own);
    const latest = views.at(-1);
    summaries.push({ section, latest, approved: latestApproved(own), awaitingApproval: !!latest && latest.approvedBy === null, writtenBy: [...new Set(views.map((v) => v.authorName))] });
  }
  const candidates: InspectionMember[] = members.filter((m) => m.role === 'inspector' && !writers.some((w) => w.userId === m.userId));
  return { sections: summaries, writers, candidates, status };
}

/** One section: its versions (newest last), the placeholders it offers, and the accepted comments a change during the check may act on. */
export async function sectionOverview(db: Db, inspectionId: number, key: string) {
  const section = await requireSection(db, inspectionId, key);
  const [versions, placeholders, comments, status] = await Promise.all([
    listSectionVersions(db, inspectionId, key),
    placeholdersOf(db, inspectionId),
    listFactualAccuracyComments(db, inspectionId),
    reportStatusNow(db, inspectionId),
  ]);
  const views = await versionViews(db, section, versions);
  return {
    section,
    versions: views,
    latest: views.at(-1),
    approved: latestApproved(versions),
    placeholders: placeholdersFor(placeholders, section.standardId),
    acceptedComments: comments.filter((c) => c.decision === 'accepted'),
    status,
  };
}

export interface SectionSave {
  inspectionId: number;
  section: string;
  parts: Record<string, unknown>;
  /** The version the writer opened (0 for a section not yet written). */
  baseVersion: number;
  /** During the factual accuracy check: the accepted comment the change acts on. */
  commentId?: number;
  note?: string;
}

/** Mirrors the approved foreword and overall findings into the report's row, which the publication workflow checks. */
async function mirrorIntoReport(trx: Db, inspectionId: number, key: string, parts: SectionParts, by: string): Promise<void> {
  if (key !== 'foreword' && key !== 'overall-findings') return;
  const report = await getReport(trx, inspectionId);
  await saveReport(trx, { ...report, ...(key === 'foreword' ? { foreword: parts.text ?? '' } : { overallFindings: parts.text ?? '' }), updatedBy: by });
}

/**
 * Records a new version of a section in the caller's transaction (refusing a stale base version)
 * and audits it; an approved version of the foreword or overall findings also becomes the report's.
 */
export async function recordSectionVersion(
  trx: Db,
  input: { inspectionId: number; section: string; parts: SectionParts; baseVersion: number | 'latest'; approved: boolean; note: string; commentId: number | null },
  by: string,
): Promise<SectionVersion> {
  const latestNumber = await lockLatestVersion(trx, input.inspectionId, input.section);
  const previous = latestNumber ? (await listSectionVersions(trx, input.inspectionId, input.section)).at(-1) : undefined;
  if (input.baseVersion !== 'latest' && isStale(input.baseVersion, latestNumber)) throw new StaleSectionError(previous!, input.baseVersion);
  const saved = await insertSectionVersion(trx, { inspectionId: input.inspectionId, section: input.section, version: latestNumber + 1, parts: input.parts, author: by, note: input.note, factualAccuracyCommentId: input.commentId, approved: input.approved });
  await recordAudit(trx, {
    actor: by,
    action: 'report.section-saved',
    entity: 'report-section',
    entityId: `${input.inspectionId}:${input.section}`,
    inspectionId: input.inspectionId,
    before: previous ? { version: previous.version, ...previous.parts } : null,
    after: { version: saved.version, ...saved.parts, approved: input.approved, ...(input.commentId ? { factualAccuracyComment: input.commentId } : {}), ...(input.note ? { note: input.note } : {}) },
  });
  if (input.approved) await mirrorIntoReport(trx, input.inspectionId, input.section, input.parts, by);
  return saved;
}

/** Saves a section as a new version: by its lead or a named writer, at a stage that allows it, with only known placeholders, from the newest version. */
export async function saveSection(db: Db, input: SectionSave, who: WritingActor): Promise<SectionVersion> {
  const writer = await writerOf(db, who);
  if (!mayWrite(writer)) throw new AppError('forbidden', 'Only the lead inspector and the report writers the lead names may write the report');
  const section = await requireSection(db, input.inspectionId, input.section);
  const status = await reportStatusNow(db, input.inspectionId);
  let comment: FactualAccuracyComment | undefined;
  if (input.commentId !== undefined) {
    comment = (await listFactualAccuracyComments(db, input.inspectionId)).find((c) => c.id === input.commentId && c.decision === 'accepted');
    if (!comment) throw new FieldError([{ field: 'commentId', message: 'Select an accepted factual accuracy comment of this report' }]);
  }
  const refusal = stageRefusal(status, writer, status === 'factual-accuracy' && comment !== undefined);
  if (refusal) throw status === 'factual-accuracy' && writer.isLead ? new FieldError([{ field: 'commentId', message: refusal }]) : new AppError('conflict', refusal);
  const parts = cleanParts(section, input.parts);
  const placeholders = await placeholdersOf(db, input.inspectionId);
  const problems = section.parts.flatMap((p) => [
    ...((parts[p.name]?.length ?? 0) > MAX_PART_LENGTH ? [{ field: p.name, message: `${p.label} must be ${MAX_PART_LENGTH.toLocaleString('en-GB')} characters or fewer` }] : []),
    ...placeholderProblems(parts[p.name] ?? '', placeholders).map((message) => ({ field: p.name, message: `${p.label}: ${message}` })),
  ]);
  if (problems.length) throw new FieldError(problems);
  if (!Number.isInteger(input.baseVersion) || input.baseVersion < 0) throw new FieldError([{ field: 'baseVersion', message: 'The version this text was based on is missing: open the section again' }]);
  return inTransaction(db, async (trx) => {
    const previous = (await listSectionVersions(trx, input.inspectionId, input.section)).at(-1);
    if (previous && previous.version === input.baseVersion && sameParts(previous.parts, parts) && (previous.approvedBy || !writer.isLead))
      throw new FieldError([{ field: section.parts[0]!.name, message: 'Nothing has changed since the version you opened' }]);
    return recordSectionVersion(
      trx,
      { inspectionId: input.inspectionId, section: input.section, parts, baseVersion: input.baseVersion, approved: writer.isLead, note: (input.note ?? '').trim().slice(0, 500), commentId: comment?.id ?? null },
      who.by,
    );
  });
}

/** The lead approves a writer's version, which the report then shows. */
export async function approveVersion(db: Db, input: { inspectionId: number; section: string; version: number }, who: WritingActor): Promise<void> {
  if (!canLeadInspection(who.actor, who.scope)) throw new AppError('forbidden', 'Only the lead inspector approves the report’s text');
  await requireSection(db, input.inspectionId, input.section);
  const status = await reportStatusNow(db, input.inspectionId);
  if (status === 'embargoed' || status === 'published') throw new AppError('conflict', `The report is ${status}: its text is locked`);
  const version = (await listSectionVersions(db, input.inspectionId, input.section)).find((v) => v.version === input.version);
  if (!version) throw new AppError('not-found', `There is no version ${input.version} of this section`);
  if (version.approvedBy) throw new AppError('conflict', `Version ${input.version} is already approved`);
  await inTransaction(db, async (trx) => {
    if (!(await approveSectionVersion(trx, input.inspectionId, input.section, input.version, who.by))) throw new AppError('conflict', `Version ${input.version} is already approved`);
    await recordAudit(trx, { actor: who.by, action: 'report.section-approved', entity: 'report-section', entityId: `${input.inspectionId}:${input.section}`, inspectionId: input.inspectionId, after: { version: input.version, author: version.author } });
    const newest = latestApproved(await listSectionVersions(trx, input.inspectionId, input.section));
    if (newest?.version === input.version) await mirrorIntoReport(trx, input.inspectionId, input.section, version.parts, who.by);
  });
}

/** The lead names a team member (an inspector on the inspection) as a report writer. */
export async function nameWriter(db: Db, input: { inspectionId: number; userId: number }, who: WritingActor): Promise<void> {
  if (!canLeadInspection(who.actor, who.scope)) throw new AppError('forbidden', 'Only the lead inspector names report writers');
  const member = (await listInspectionMembers(db, input.inspectionId)).find((m) => m.userId === input.userId);
  if (!member || member.role !== 'inspector') throw new FieldError([{ field: 'userId', message: 'Select an inspector on the inspection’s team' }]);
  await inTransaction(db, async (trx) => {
    if (!(await addReportWriter(trx, input.inspectionId, input.userId, who.by))) throw new FieldError([{ field: 'userId', message: `${member.displayName} is already a report writer` }]);
    await recordAudit(trx, { actor: who.by, action: 'report.writer-named', entity: 'report-writer', entityId: `${input.inspectionId}:${input.userId}`, inspectionId: input.inspectionId, after: { writer: member.displayName, userId: input.userId } });
  });
}

export async function removeWriter(db: Db, input: { inspectionId: number; userId: number }, who: WritingActor): Promise<void> {
  if (!canLeadInspection(who.actor, who.scope)) throw new AppError('forbidden', 'Only the lead inspector names report writers');
  const writer: ReportWriter | undefined = (await listReportWriters(db, input.inspectionId)).find((w) => w.userId === input.userId);
  if (!writer) throw new AppError('not-found', 'That person is not a report writer');
  await inTransaction(db, async (trx) => {
    await removeReportWriter(trx, input.inspectionId, input.userId);
    await recordAudit(trx, { actor: who.by, action: 'report.writer-removed', entity: 'report-writer', entityId: `${input.inspectionId}:${input.userId}`, inspectionId: input.inspectionId, before: { writer: writer.displayName, userId: input.userId } });
  });
}

export interface PartChange {
  label: string;
  parts: DiffPart[];
  changed: boolean;
}

/** Tracked changes between two versions of a section (0 for the empty section before the first), part by part. */
export async function compareVersions(db: Db, input: { inspectionId: number; section: string; from: number; to: number }) {
  const section = await requireSection(db, input.inspectionId, input.section);
  const versions = await versionViews(db, section, await listSectionVersions(db, input.inspectionId, input.section));
  const find = (n: number, field: string) => {
    if (n === 0) return undefined;
    const v = versions.find((x) => x.version === n);
    if (!v) throw new FieldError([{ field, message: `There is no version ${n} of this section` }]);
    return v;
  };
  const from = find(input.from, 'from');
  const to = find(input.to, 'to');
  const changes: PartChange[] = section.parts.map((p) => {
    const parts = wordDiff(from?.parts[p.name] ?? '', to?.parts[p.name] ?? '');
    return { label: p.label, parts, changed: parts.some((x) => x.kind !== 'same') };
  });
  return { section, versions, from, to, changes };
}
