// The people-on-probation text survey of an inspection (4.15-4.23): the service uploads its contact
// list, the lead inspector sends the survey (each conversation starts and its first texts are
// queued in the outbox), replies arrive through the webhook (inbound.ts), and closing the survey
// deletes every number and name. People who once texted STOP are never sent it. Results and the
// evidence for domain one come from the conversations. Each change is one transaction with an
// audit event holding counts, never numbers or answers.
import {
  countInbound,
  countRespondents,
  deleteRespondents,
  forgetSurveyContacts,
  getSurveyByInspection,
  listConversationStates,
  listFollowUps,
  listInterviewNotes,
  listUnsentPhones,
  lockSurvey,
  recordAudit,
  startConversations,
  suppressedHashes,
  updateSurvey,
  inTransaction,
  type Db,
  type FollowUpRecord,
  type Inspection,
  type InterviewNoteRecord,
  type RespondentCounts,
  type SurveyRecord,
} from '../../db/repositories/index.ts';
import type { Framework } from '../../domain/framework/framework.ts';
import { startConversation } from '../../domain/survey/conversation.ts';
import { surveyResults, type Proportion, type SurveyResults } from '../../domain/survey/results.ts';
import { AppError } from '../errors.ts';
import { frameworkOf, requireInspection } from '../inspections.ts';
import { MAX_UPLOAD_BYTES } from '../sample/case-sample.ts';
import { parseContactList, type FileProblem } from './contact-list.ts';
import { inspectionTakingContacts, keepContacts } from './keep-contacts.ts';
import { holdContactList, type ContactListHolder, type HeldContactList } from './pending-contacts.ts';
import { phoneHasher } from './messaging.ts';
import { clock } from '../clock.ts';

export type ContactUploadResult =
  | { ok: true; people: number; suppressed: number; warnings: FileProblem[] }
  | { ok: false; errors: FileProblem[]; warnings: FileProblem[]; /** Only some rows were wrong: the list is held for a check. */ held?: HeldContactList };

/** The outbox reference of a survey's texts: `survey-12-r345` (survey 12, respondent row 345). */
export const referencePrefix = (surveyId: number) => `survey-${surveyId}-r`;

/**
 * The contact list (CSV: phone number, optional name). A list without problems is kept. A list with
 * any problem changes nothing; but when only some rows are wrong and `holder` is given, the good
 * rows and the rows left out are held for the holder to check (pending-contacts.ts).
 */
export async function uploadContacts(
  db: Db,
  input: { inspectionId: number; fileName: string; bytes: Uint8Array },
  actor: string,
  holder?: ContactListHolder,
): Promise<ContactUploadResult> {
  const inspection = await inspectionTakingContacts(db, input.inspectionId);
  const problem = (message: string): ContactUploadResult => ({ ok: false, errors: [{ message }], warnings: [] });
  if (!input.bytes.length) return problem('The file is empty: choose the contact list again');
  if (input.bytes.length > MAX_UPLOAD_BYTES) return problem(`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  if (!/\.csv$/i.test(input.fileName.trim())) return problem('The contact list must be a CSV file (.csv): in your spreadsheet program save it as "CSV UTF-8"');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
  } catch {
    return problem('The file is not UTF-8 text: in your spreadsheet program save it as "CSV UTF-8"');
  }
  const parsed = parseContactList(text);
  if (!parsed.ok) {
    if (!parsed.usable || !holder) return { ok: false, errors: parsed.errors, warnings: parsed.warnings };
    const held = await holdContactList(db, inspection, { fileName: input.fileName, ...parsed.usable, leftOut: parsed.errors, warnings: parsed.warnings }, holder);
    return { ok: false, errors: parsed.errors, warnings: parsed.warnings, held };
  }
  const kept = await keepContacts(db, inspection, parsed, actor);
  return { ok: true, ...kept, warnings: parsed.warnings };
}

/** Starts every conversation: the opening texts and first statement are queued for each person. */
export async function sendSurvey(db: Db, inspectionId: number, actor: string): Promise<{ people: number; texts: number }> {
  const inspection = await requireInspection(db, inspectionId);
  if (inspection.status === 'signed-off') throw new AppError('conflict', 'The inspection is signed off, so its survey cannot change');
  const hash = await phoneHasher(db);
  return inTransaction(db, async (trx) => {
    const survey = await lockSurvey(trx, inspection.id);
    if (!survey || !survey.contactsUploadedAt) throw new AppError('invalid', 'Upload the contact list before sending the survey');
    if (survey.status !== 'draft') throw new AppError('conflict', `The survey has already been ${survey.status === 'open' ? 'sent' : 'closed'}`);
    // Someone may have texted STOP to another survey since the list was uploaded.
    const unsent = await listUnsentPhones(trx, survey.id);
    const suppressed = await suppressedHashes(trx, unsent.map((r) => hash(r.phone)));
    const dropped = await deleteRespondents(trx, unsent.filter((r) => suppressed.has(hash(r.phone))).map((r) => r.id));
    if (unsent.length - dropped === 0) throw new AppError('invalid', 'No one on the contact list can be sent the survey: upload the contact list again');
    const start = startConversation(survey.script);
    const people = await startConversations(trx, survey.id, start.state, start.outbound, referencePrefix(survey.id));
    await updateSurvey(trx, survey.id, { status: 'open', sentBy: actor, sentAt: clock.now(), contactsSuppressed: survey.contactsSuppressed + dropped });
    await recordAudit(trx, {
      actor,
      action: 'survey.sent',
      entity: 'survey',
      entityId: survey.id,
      inspectionId: inspection.id,
      before: { status: 'draft' },
      after: { status: 'open', people, textsEach: start.outbound.length, suppressedSinceUpload: dropped },
    });
    return { people, texts: people * start.outbound.length };
  });
}

/** Ends the survey: every number and name is deleted and texts not yet sent are cancelled. Answers stay. */
export async function closeSurvey(db: Db, inspectionId: number, actor: string): Promise<{ numbersDeleted: number; textsCancelled: number }> {
  const inspection = await requireInspection(db, inspectionId);
  return inTransaction(db, async (trx) => {
    const survey = await lockSurvey(trx, inspection.id);
    if (!survey) throw new AppError('conflict', 'There is no survey to close');
    if (survey.status === 'closed') throw new AppError('conflict', 'The survey is already closed');
    const { numbers, cancelled } = await forgetSurveyContacts(trx, survey.id);
    await updateSurvey(trx, survey.id, { status: 'closed', closedBy: actor, closedAt: clock.now() });
    await recordAudit(trx, {
      actor,
      action: 'survey.closed',
      entity: 'survey',
      entityId: survey.id,
      inspectionId: inspection.id,
      before: { status: survey.status },
      after: { status: 'closed', numbersDeleted: numbers, textsCancelled: cancelled },
    });
    return { numbersDeleted: numbers, textsCancelled: cancelled };
  });
}

export interface SurveyView {
  inspection: Inspection;
  /** Whom the survey asks and what it is, in the framework's words; `questionnaire` null where the file names no survey. */
  about: { people: string; organisation: string; questionnaire: string | null; frameworkTitle: string };
  survey: SurveyRecord | undefined;
  counts: RespondentCounts | null;
  replies: Record<string, number>;
  followUps: number;
}

export async function loadSurvey(db: Db, inspectionId: number): Promise<SurveyView> {
  const inspection = await requireInspection(db, inspectionId);
  const { definition } = await frameworkOf(db, inspection);
  const about = { people: definition.regime.people.plural, organisation: definition.regime.organisation.singular, questionnaire: definition.questionnaire?.title ?? null, frameworkTitle: definition.title };
  const survey = await getSurveyByInspection(db, inspection.id);
  if (!survey) return { inspection, about, survey, counts: null, replies: {}, followUps: 0 };
  const [counts, replies, followUps] = await Promise.all([countRespondents(db, survey.id), countInbound(db, survey.id), listFollowUps(db, survey.id)]);
  return { inspection, about, survey, counts, replies, followUps: followUps.length };
}

export interface ResultsView {
  inspection: Inspection;
  framework: Framework;
  survey: SurveyRecord | undefined;
  results: SurveyResults | null;
}

export async function loadSurveyResults(db: Db, inspectionId: number): Promise<ResultsView> {
  const inspection = await requireInspection(db, inspectionId);
  const framework = await frameworkOf(db, inspection);
  const survey = await getSurveyByInspection(db, inspection.id);
  if (!survey || survey.status === 'draft') return { inspection, framework, survey, results: null };
  const states = await listConversationStates(db, survey.id);
  return { inspection, framework, survey, results: surveyResults(framework, survey.script, states) };
}

export interface PromptSurveyEvidence {
  prompt: string;
  text: string;
  statements: { id: string; text: string; agree: Proportion }[];
  notes: InterviewNoteRecord[];
}

export interface JudgementSurveyEvidence {
  contacted: number;
  responded: number;
  responseRate: number | null;
  /** By domain-one standard id. */
  byStandard: Record<string, PromptSurveyEvidence[]>;
}

/** For the lead inspector's domain-one judgements (4.21): each prompt's statements and interview notes. */
export async function judgementSurveyEvidence(db: Db, inspectionId: number): Promise<JudgementSurveyEvidence | null> {
  const { framework, survey, results } = await loadSurveyResults(db, inspectionId);
  if (!survey || !results) return null;
  const notes = await listInterviewNotes(db, survey.id);
  const byPrompt = new Map<string, PromptSurveyEvidence>();
  for (const e of results.evidence) byPrompt.set(e.prompt, { prompt: e.prompt, text: e.text, statements: e.statements, notes: [] });
  for (const note of notes)
    for (const prompt of note.prompts) {
      const item = framework.item(prompt);
      if (!item) continue;
      const entry = byPrompt.get(prompt) ?? { prompt, text: item.prompt?.text ?? item.keyQuestion.text, statements: [], notes: [] };
      entry.notes.push(note);
      byPrompt.set(prompt, entry);
    }
  const order = new Map(framework.items.map((item, i) => [item.id, i]));
  const byStandard: Record<string, PromptSurveyEvidence[]> = {};
  for (const entry of [...byPrompt.values()].sort((a, b) => (order.get(a.prompt) ?? 0) - (order.get(b.prompt) ?? 0))) {
    const standard = framework.item(entry.prompt)?.standard.id;
    if (standard) (byStandard[standard] ??= []).push(entry);
  }
  return { contacted: results.response.contacted, responded: results.response.responded, responseRate: results.response.responseRate, byStandard };
}

export type { FollowUpRecord };
