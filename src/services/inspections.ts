// Inspection use cases: create, import and export assessments, record judgements, rate. Each
// write runs in one transaction and leaves an audit event.
import {
  createInspection as insertInspection,
  findOrganisationByName,
  getInspection,
  getOrganisation,
  loadAssessmentsForInspections,
  loadInspectionAssessment,
  recordAudit,
  saveInspectionAssessment,
  inTransaction,
  type Db,
  type Inspection,
} from '../db/repositories/index.ts';
import type { InspectionAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { rateInspection } from '../domain/rating/engine.ts';
import type { InspectionRatings } from '../domain/rating/result.ts';
import { caseProgress } from '../domain/sign-off/case-progress.ts';
import { ratingsStanding, type RatingsStanding } from '../domain/sign-off/provisional.ts';
import {
  writeAssessmentCsv,
  writeAssessmentJson,
  type FileFormat,
  type FileProblem,
} from '../interchange/assessment-file.ts';
import { importAssessmentFile, type AssessmentSource } from './assessment-import.ts';
import { AppError } from './errors.ts';
import { storedFramework, storedFrameworkByKey } from './frameworks.ts';

export async function requireInspection(db: Db, id: number): Promise<Inspection> {
  const inspection = await getInspection(db, id);
  if (!inspection) throw new AppError('not-found', `There is no inspection ${id}`);
  return inspection;
}

export const frameworkOf = (db: Db, inspection: Inspection): Promise<Framework> =>
  storedFramework(db, inspection.frameworkId, inspection.frameworkVersion);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

export interface NewInspection {
  /** The PDU inspected, by id or by name. */
  organisationId?: number;
  pduName?: string;
  frameworkKey: string;
  fieldworkStart: string;
  fieldworkEnd?: string;
  title?: string;
  isDemo?: boolean;
}

/**
 * Creates the inspection, audited; `alongside` runs in the same transaction (the booking it was
 * made from, its lead), so nothing is half-stored.
 */
export async function createInspection(db: Db, input: NewInspection, actor: string, alongside?: (trx: Db, inspection: Inspection) => Promise<void>): Promise<Inspection> {
  const problems: string[] = [];
  if (!isRealDate(input.fieldworkStart)) problems.push(`fieldwork start "${input.fieldworkStart}" is not a date (YYYY-MM-DD)`);
  if (input.fieldworkEnd !== undefined && !isRealDate(input.fieldworkEnd)) problems.push(`fieldwork end "${input.fieldworkEnd}" is not a date (YYYY-MM-DD)`);
  if (!problems.length && input.fieldworkEnd && input.fieldworkEnd < input.fieldworkStart) problems.push('fieldwork ends before it starts');
  if (problems.length) throw new AppError('invalid', problems.join('; '));
  const framework = await storedFrameworkByKey(db, input.frameworkKey);
  const { regime } = framework;
  const organisation =
    input.organisationId !== undefined
      ? await getOrganisation(db, input.organisationId)
      : input.pduName
        ? await findOrganisationByName(db, regime.organisationKind, input.pduName)
        : undefined;
  // The framework file says what its inspections are of (a PDU, a youth justice service).
  if (!organisation) throw new AppError('not-found', `There is no ${regime.organisation.singular} ${input.pduName ?? input.organisationId ?? '(none given)'}`);
  if (organisation.kind !== regime.organisationKind)
    throw new AppError('invalid', `${organisation.name} is a ${organisation.kind}; ${regime.organisation.singular} inspections are of ${regime.organisation.plural}`);
  // A PDU inspection's fieldwork lasts one week (3.14).
  const end = input.fieldworkEnd ?? addDays(input.fieldworkStart, 4);
  return inTransaction(db, async (trx) => {
    const inspection = await insertInspection(trx, {
      organisationId: organisation.id,
      frameworkId: framework.definition.id,
      frameworkVersion: framework.definition.version,
      title: input.title ?? regime.inspectionTitle.replace('{organisation}', organisation.name),
      fieldworkStart: input.fieldworkStart,
      fieldworkEnd: end,
      isDemo: input.isDemo ?? false,
    });
    await recordAudit(trx, { actor, action: 'inspection.created', entity: 'inspection', entityId: inspection.id, inspectionId: inspection.id, after: inspection });
    await alongside?.(trx, inspection);
    return inspection;
  });
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** What an import changed, for the audit trail (counts rather than every answer). */
const shape = (a: InspectionAssessment | undefined) =>
  a && {
    cases: a.cases.length,
    answers: a.cases.reduce((n, c) => n + Object.keys(c.answers).length, 0),
    judgements: Object.fromEntries(Object.entries(a.judgements).map(([id, j]) => [id, j.rating])),
  };

export interface ImportResult {
  inspection: Inspection;
  cases: number;
  warnings: FileProblem[];
  ratings: InspectionRatings;
}

/**
 * Validates a whole assessment file against the inspection's framework version and, only if it
 * has no errors, replaces the inspection's assessments with it in one transaction. A file on disk
 * comes as `chunks` (read as a stream, assessment-import.ts); an upload as its `text`.
 */
export async function importAssessments(
  db: Db,
  input: { inspectionId: number; format: FileFormat; strict?: boolean } & AssessmentSource,
  actor: string,
): Promise<ImportResult> {
  const inspection = await requireInspection(db, input.inspectionId);
  if (inspection.status === 'signed-off') throw new AppError('conflict', `Inspection ${inspection.id} is signed off; reopen it before importing`);
  const framework = await frameworkOf(db, inspection);
  const source: AssessmentSource = 'chunks' in input ? { chunks: input.chunks, text: input.text } : { text: input.text };
  const imported = await importAssessmentFile(db, inspection.id, framework, { source, format: input.format, strict: input.strict ?? false }, actor);
  return { inspection, ...imported };
}

/** Saves assessments already in domain form (demo data, the web app), audited. */
export async function saveAssessments(db: Db, inspectionId: number, assessment: InspectionAssessment, actor: string, action = 'assessments.saved'): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await loadInspectionAssessment(trx, inspectionId);
    await saveInspectionAssessment(trx, inspectionId, assessment, actor);
    await recordAudit(trx, { actor, action, entity: 'inspection', entityId: inspectionId, inspectionId, before: shape(before), after: shape(assessment) });
  });
}

export async function loadAssessment(db: Db, inspectionId: number): Promise<{ inspection: Inspection; framework: Framework; assessment: InspectionAssessment }> {
  const inspection = await requireInspection(db, inspectionId);
  const framework = await frameworkOf(db, inspection);
  const assessment = (await loadInspectionAssessment(db, inspectionId)) ?? { frameworkKey: framework.key, cases: [], judgements: {} };
  return { inspection, framework, assessment };
}

/** The inspection's ratings, by the rules of the framework version it was assessed under, and whether they are still provisional. */
export async function rateStoredInspection(db: Db, inspectionId: number): Promise<{ inspection: Inspection; ratings: InspectionRatings; standing: RatingsStanding }> {
  const { inspection, framework, assessment } = await loadAssessment(db, inspectionId);
  return { inspection, ratings: rateInspection(framework, assessment), standing: standingOf(inspection, framework, assessment) };
}

/** Provisional until signed off with every case complete (domain/sign-off/provisional.ts). */
export const standingOf = (inspection: Inspection, framework: Framework, assessment: InspectionAssessment): RatingsStanding =>
  ratingsStanding({ signedOff: inspection.status === 'signed-off', ...caseProgress(framework, assessment.cases) });

/**
 * Several inspections' assessments and ratings, read in one batch (the national figures, the
 * registry's published results): each rated by its own framework version.
 */
export async function rateStoredInspections(db: Db, inspectionIds: readonly number[]): Promise<Map<number, { assessment: InspectionAssessment; ratings: InspectionRatings }>> {
  const result = new Map<number, { assessment: InspectionAssessment; ratings: InspectionRatings }>();
  for (const [id, assessment] of await loadAssessmentsForInspections(db, inspectionIds)) {
    const framework = await storedFrameworkByKey(db, assessment.frameworkKey);
    result.set(id, { assessment, ratings: rateInspection(framework, assessment) });
  }
  return result;
}

export async function exportAssessments(db: Db, inspectionId: number, format: FileFormat): Promise<string> {
  const { framework, assessment } = await loadAssessment(db, inspectionId);
  return format === 'csv' ? writeAssessmentCsv(framework, assessment) : writeAssessmentJson(framework, assessment);
}
