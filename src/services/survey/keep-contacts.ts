// Keeping a checked contact list as the survey's people: the numbers that once texted STOP are left
// out, the list replaces any earlier one, and the change is audited with counts only (no numbers).
import {
  countRespondents,
  getOrganisation,
  getSurveyByInspection,
  lockSurvey,
  recordAudit,
  replaceRespondents,
  suppressedHashes,
  updateSurvey,
  inTransaction,
  type Db,
  type Inspection,
} from '../../db/repositories/index.ts';
import { buildSurveyScript } from '../../domain/survey/questionnaire.ts';
import { AppError } from '../errors.ts';
import { frameworkOf, requireInspection } from '../inspections.ts';
import type { ContactRow } from './contact-list.ts';
import { phoneHasher } from './messaging.ts';
import { clock } from '../clock.ts';

/** The inspection, if its survey's contact list may still be replaced (else a conflict). */
export async function inspectionTakingContacts(db: Db, inspectionId: number): Promise<Inspection> {
  const inspection = await requireInspection(db, inspectionId);
  if (inspection.status === 'signed-off') throw new AppError('conflict', 'The inspection is signed off, so its survey cannot change');
  // A framework file without a questionnaire names no survey (the youth files): nothing to send.
  const { definition } = await frameworkOf(db, inspection);
  if (!definition.questionnaire) throw new AppError('conflict', `${definition.title} names no survey of ${definition.regime.people.plural}, so there is no contact list to upload`);
  const current = await getSurveyByInspection(db, inspection.id);
  if (current && current.status !== 'draft') throw new AppError('conflict', `The survey has been ${current.status === 'open' ? 'sent' : 'closed'}, so the contact list cannot be replaced`);
  return inspection;
}

export interface ContactsToKeep {
  contacts: readonly ContactRow[];
  listedTwice: number;
  /** Rows of the file left out for their problems (a list the uploader chose to go on with). */
  leftOut?: number;
}

/** Stores the list as the survey's people, in the caller's transaction if `db` is one. */
export async function keepContacts(db: Db, inspection: Inspection, list: ContactsToKeep, actor: string): Promise<{ people: number; suppressed: number }> {
  const framework = await frameworkOf(db, inspection);
  const organisation = await getOrganisation(db, inspection.organisationId);
  const script = buildSurveyScript(framework, organisation ? { area: organisation.name } : {});
  const hash = await phoneHasher(db);
  return inTransaction(db, async (trx) => {
    const survey = (await lockSurvey(trx, inspection.id, { frameworkKey: framework.key, script }))!;
    if (survey.status !== 'draft') throw new AppError('conflict', 'The survey has been sent, so the contact list cannot be replaced');
    const suppressed = await suppressedHashes(trx, list.contacts.map((c) => hash(c.phone)));
    const kept = list.contacts.filter((c) => !suppressed.has(hash(c.phone)));
    const before = survey.contactsUploadedAt ? await countRespondents(trx, survey.id) : null;
    await replaceRespondents(trx, survey.id, kept.map((c) => ({ phone: c.phone, name: c.name })));
    await updateSurvey(trx, survey.id, { contactsUploadedBy: actor, contactsUploadedAt: clock.now(), contactsSuppressed: suppressed.size });
    await recordAudit(trx, {
      actor,
      action: 'survey.contacts-uploaded',
      entity: 'survey',
      entityId: survey.id,
      inspectionId: inspection.id,
      before: before && { people: before.total },
      after: { people: kept.length, suppressed: suppressed.size, listedTwice: list.listedTwice, ...(list.leftOut !== undefined ? { rowsLeftOut: list.leftOut } : {}) },
    });
    return { people: kept.length, suppressed: suppressed.size };
  });
}
