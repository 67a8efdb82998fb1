// The register of SFO reviews: imported from a file in one transaction (a file with any problem,
// or naming a review already registered, changes nothing), audited.
import { listOrganisationSummaries, recordAudit, inTransaction, type Db } from '../../db/repositories/index.ts';
import { existingSfoReviewRefs, insertSfoReviews, listSfoReviews, type SfoReviewRecord } from '../../db/repositories/sfo-repository.ts';
import { validateRegister, type RegisterColumn, type SfoReview } from '../../domain/sfo/register.ts';
import { parseRegisterCsv, parseRegisterXlsx, type RegisterFormat } from '../../interchange/sfo/register-file.ts';
import type { FileProblem } from '../../interchange/problems.ts';
import { AppError, FieldError, type FieldProblem } from '../errors.ts';

export { listSfoReviews };

export interface RegisterImport {
  /** The file's name, kept in the audit event. */
  fileName: string;
  format: RegisterFormat;
  /** CSV text, or the workbook's bytes. */
  content: string | Uint8Array;
}

export interface RegisterImportResult {
  imported: number;
  warnings: FileProblem[];
}

/** The probation regions' names and ids as stored. */
async function regionIds(db: Db): Promise<Map<string, number>> {
  return new Map((await listOrganisationSummaries(db, 'region')).map((r) => [r.name, r.id]));
}

/** Reads and checks a register file against the stored regions: the reviews, or an AppError with every problem. */
export async function readRegisterFile(db: Db, file: RegisterImport): Promise<{ reviews: SfoReview[]; warnings: FileProblem[]; lines: number[]; referenceHeading: string }> {
  const regions = [...(await regionIds(db)).keys()];
  const result =
    file.format === 'csv'
      ? parseRegisterCsv(typeof file.content === 'string' ? file.content : new TextDecoder().decode(file.content), regions)
      : await parseRegisterXlsx(typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content, regions);
  if (!result.ok) throw new AppError('invalid', `${file.fileName} was refused with ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}; nothing was imported`, result.errors);
  return result;
}

export async function importRegister(db: Db, file: RegisterImport, actor: string): Promise<RegisterImportResult> {
  return inTransaction(db, async (trx) => {
    const { reviews, warnings, lines, referenceHeading } = await readRegisterFile(trx, file);
    const ids = await regionIds(trx);
    const taken = await existingSfoReviewRefs(trx, reviews.map((r) => r.reviewRef));
    if (taken.size) {
      const problems = reviews.flatMap((r, i) => (taken.has(r.reviewRef) ? [{ row: lines[i]!, column: referenceHeading, message: `review ${r.reviewRef} is already in the register; remove the row, or correct its reference` }] : []));
      throw new AppError('conflict', `${file.fileName} names ${taken.size} review${taken.size === 1 ? '' : 's'} already in the register; nothing was imported`, problems);
    }
    await insertSfoReviews(trx, reviews.map((r) => ({ ...r, regionId: ids.get(r.region)! })), actor);
    await recordAudit(trx, { actor, action: 'sfo-register.imported', entity: 'sfo-register', entityId: file.fileName, after: { file: file.fileName, reviews: reviews.length, references: reviews.map((r) => r.reviewRef) } });
    return { imported: reviews.length, warnings };
  });
}

/** What is wrong with a review entered by hand, by field (named as the register file's columns), read by the file's rules; nothing if it may be added. */
export async function sfoReviewProblems(db: Db, values: Partial<Record<RegisterColumn, string>>): Promise<FieldProblem[]> {
  const result = validateRegister([{ line: 1, values }], { regions: [...(await regionIds(db)).keys()] });
  if (!result.ok) return result.problems.map((p) => ({ field: p.column ?? 'review_ref', message: p.message }));
  const ref = result.reviews[0]!.reviewRef;
  return (await existingSfoReviewRefs(db, [ref])).size ? [{ field: 'review_ref', message: `review ${ref} is already in the register` }] : [];
}

/** One review entered by hand (a date as YYYY-MM-DD, extension yes or no); every problem by field, audited when added. */
export async function addSfoReview(db: Db, values: Partial<Record<RegisterColumn, string>>, actor: string): Promise<SfoReview> {
  return inTransaction(db, async (trx) => {
    const problems = await sfoReviewProblems(trx, values);
    if (problems.length) throw new FieldError(problems);
    const ids = await regionIds(trx);
    const result = validateRegister([{ line: 1, values }], { regions: [...ids.keys()] });
    const review = (result as { reviews: SfoReview[] }).reviews[0]!;
    await insertSfoReviews(trx, [{ ...review, regionId: ids.get(review.region)! }], actor);
    await recordAudit(trx, { actor, action: 'sfo-review.added', entity: 'sfo-review', entityId: review.reviewRef, after: { ...review } });
    return review;
  });
}

export interface RegisterFilter {
  region?: string;
  /** Submitted from and to (inclusive), YYYY-MM-DD. */
  from?: string;
  to?: string;
}

/** The register as filtered: reviews of one region, submitted in a period (a period leaves out those not yet submitted). */
export async function sfoRegister(db: Db, filter: RegisterFilter = {}): Promise<SfoReviewRecord[]> {
  const period = { ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) };
  return (await listSfoReviews(db, period)).filter((r) => !filter.region || r.region === filter.region);
}

/** The probation regions' names, for choosing one. */
export async function sfoRegions(db: Db): Promise<string[]> {
  return [...(await regionIds(db)).keys()].sort();
}
