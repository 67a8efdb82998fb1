// The retention rule for the links from pseudonyms to the service's case references: kept until
// the report is published and for the retention period after it (so that findings can be checked
// with the PDU), then deleted (linkMustBeDeleted). Run daily by the maintenance entry point
// (retention-main.ts) or any scheduler calling deleteExpiredCaseLinks.
import { isPublished } from '../../domain/publication/workflow.ts';
import { deleteCaseLinks, getReport, listCaseLinks, listSamplesWithLinks, lockCaseSample, recordAudit, updateCaseSample, inTransaction, type Db } from '../../db/repositories/index.ts';
import { isIsoDate } from '../../domain/sampling/dates.ts';
import { linkDeletionDate, linkMustBeDeleted, type RetentionPeriod } from '../../domain/sampling/pseudonymise.ts';
import { AppError } from '../errors.ts';
import { requireInspection } from '../inspections.ts';
import { clock } from '../clock.ts';

/** Six months after publication: time for the service to question the case findings. */
export const DEFAULT_LINK_RETENTION: RetentionPeriod = { months: 6 };

/** Where a publication date comes from. Publication arrives with the reports work; until then it is recorded here. */
export type PublicationDates = (inspectionId: number, recorded: string | null) => Promise<string | null> | string | null;

/** What is wrong with the day the rule is applied on, or a publication date; null when it is a date. */
export const todayProblem = (today: string): string | null => (isIsoDate(today) ? null : `'${today}' is not a date: write YYYY-MM-DD`);
export const publicationDateProblem = (date: string): string | null => (isIsoDate(date) ? null : `The publication date '${date}' is not a date: write YYYY-MM-DD`);

/** Records the date the inspection's report was published, which starts the retention period. */
export async function recordPublicationDate(db: Db, inspectionId: number, publishedOn: string, actor: string): Promise<void> {
  const problem = publicationDateProblem(publishedOn);
  if (problem) throw new AppError('invalid', problem);
  const inspection = await requireInspection(db, inspectionId);
  await inTransaction(db, async (trx) => {
    const before = await lockCaseSample(trx, inspection.id);
    await updateCaseSample(trx, inspection.id, { publishedOn });
    await recordAudit(trx, { actor, action: 'sample.publication-recorded', entity: 'case-sample', entityId: inspection.id, inspectionId: inspection.id, before: { publishedOn: before.publishedOn }, after: { publishedOn } });
  });
}

export interface LinkDeletion {
  inspectionId: number;
  publishedOn: string;
  deletionDate: string;
  links: number;
}

/** Deletes the links of every inspection whose retention period has ended on `today` (YYYY-MM-DD);
 * with `dryRun`, only says which they are. */
export async function deleteExpiredCaseLinks(
  db: Db,
  options: { today: string; retention?: RetentionPeriod; actor?: string; publicationDates?: PublicationDates; dryRun?: boolean },
): Promise<LinkDeletion[]> {
  const problem = todayProblem(options.today);
  if (problem) throw new AppError('invalid', problem);
  const retention = options.retention ?? DEFAULT_LINK_RETENTION;
  const actor = options.actor ?? 'system:retention';
  const deleted: LinkDeletion[] = [];
  for (const sample of await listSamplesWithLinks(db)) {
    // The publication workflow's date when the report went through it; otherwise one recorded here.
    const report = await getReport(db, sample.inspectionId);
    const fromWorkflow = isPublished(report, options.today) ? report.publishOn : null;
    const recorded = fromWorkflow ?? sample.publishedOn;
    const publishedOn = options.publicationDates ? await options.publicationDates(sample.inspectionId, recorded) : recorded;
    if (!linkMustBeDeleted(publishedOn, retention, options.today)) continue;
    const deletionDate = linkDeletionDate(publishedOn!, retention);
    if (options.dryRun) {
      deleted.push({ inspectionId: sample.inspectionId, publishedOn: publishedOn!, deletionDate, links: (await listCaseLinks(db, sample.inspectionId)).length });
      continue;
    }
    const links = await inTransaction(db, async (trx) => {
      await lockCaseSample(trx, sample.inspectionId);
      const n = await deleteCaseLinks(trx, sample.inspectionId);
      await updateCaseSample(trx, sample.inspectionId, { linksDeletedAt: clock.now() });
      await recordAudit(trx, {
        actor,
        action: 'case-links.deleted',
        entity: 'case-sample',
        entityId: sample.inspectionId,
        inspectionId: sample.inspectionId,
        before: { links: n },
        after: { links: 0, publishedOn, retention, deletionDate },
      });
      return n;
    });
    deleted.push({ inspectionId: sample.inspectionId, publishedOn: publishedOn!, deletionDate, links });
  }
  return deleted;
}
