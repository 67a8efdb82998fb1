// The register of SFO reviews: imported from a file in one transaction (a file with any problem,
// or naming a review already registered, changes nothing), audited.
import { listOrganisations, recordAudit, type Db } from '../../db/repositories/index.ts';
import { existingSfoReviewRefs, insertSfoReviews, listSfoReviews } from '../../db/repositories/sfo-repository.ts';
import type { SfoReview } from '../../domain/sfo/register.ts';
import { parseRegisterCsv, parseRegisterXlsx, type RegisterFormat } from '../../interchange/sfo/register-file.ts';
import type { FileProblem } from '../../interchange/problems.ts';
import { AppError } from '../errors.ts';

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
  return new Map((await listOrganisations(db, 'region')).map((r) => [r.name, r.id]));
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
  return db.transaction().execute(async (trx) => {
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
