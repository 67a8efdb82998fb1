// Follow-up conversations (4.19): the people who asked to tell us more, listed for the inspectors
// who interview them (never with their numbers), a text to arrange the conversation sent through
// the outbox, and interview notes recorded against the domain-one prompts they inform.
import {
  enqueueSms,
  getRespondent,
  getSurveyByInspection,
  insertInterviewNote,
  listFollowUps,
  listInterviewNotes,
  recordAudit,
  inTransaction,
  type Db,
  type FollowUpRecord,
  type Inspection,
  type InterviewNoteRecord,
  type SurveyRecord,
} from '../../db/repositories/index.ts';
import type { Framework } from '../../domain/framework/framework.ts';
import { smsLength } from '../../domain/survey/sms.ts';
import { AppError } from '../errors.ts';
import { frameworkOf, requireInspection } from '../inspections.ts';
import { referencePrefix } from './survey.ts';

export const MAX_NOTE_LENGTH = 20_000;

export interface PromptOption {
  id: string;
  text: string;
  standard: string;
}

/** Domain-one prompts, which interview notes can inform. */
export function domainOnePrompts(framework: Framework): PromptOption[] {
  return framework.judgementStandards.flatMap((s) =>
    s.keyQuestions.flatMap((kq) => kq.prompts.map((p) => ({ id: p.id, text: p.text, standard: `${s.id} ${s.name}` }))),
  );
}

export interface FollowUpsView {
  inspection: Inspection;
  framework: Framework;
  survey: SurveyRecord | undefined;
  followUps: FollowUpRecord[];
  notes: InterviewNoteRecord[];
  prompts: PromptOption[];
}

export async function loadFollowUps(db: Db, inspectionId: number): Promise<FollowUpsView> {
  const inspection = await requireInspection(db, inspectionId);
  const framework = await frameworkOf(db, inspection);
  const survey = await getSurveyByInspection(db, inspection.id);
  const [followUps, notes] = survey ? await Promise.all([listFollowUps(db, survey.id), listInterviewNotes(db, survey.id)]) : [[], []];
  return { inspection, framework, survey, followUps, notes, prompts: domainOnePrompts(framework) };
}

export interface NoteInput {
  inspectionId: number;
  respondentId: number;
  prompts: string[];
  text: string;
}

/** Checks a note before anything is looked up, so a bad form gets its errors whoever it names. */
export function noteProblems(framework: Framework, input: { prompts: string[]; text: string }): { field: 'prompts' | 'text'; message: string }[] {
  const problems: { field: 'prompts' | 'text'; message: string }[] = [];
  const known = new Set(domainOnePrompts(framework).map((p) => p.id));
  if (!input.prompts.length) problems.push({ field: 'prompts', message: 'Select the prompts the conversation informs' });
  else if (input.prompts.some((p) => !known.has(p))) problems.push({ field: 'prompts', message: 'Select prompts from the list' });
  const text = input.text.trim();
  if (!text) problems.push({ field: 'text', message: 'Write the notes of the conversation' });
  else if (text.length > MAX_NOTE_LENGTH) problems.push({ field: 'text', message: `The notes must be ${MAX_NOTE_LENGTH.toLocaleString('en-GB')} characters or fewer` });
  return problems;
}

export async function recordInterviewNote(db: Db, input: NoteInput, actor: string): Promise<number> {
  const inspection = await requireInspection(db, input.inspectionId);
  const framework = await frameworkOf(db, inspection);
  const problems = noteProblems(framework, input);
  if (problems.length) throw new AppError('invalid', problems.map((p) => p.message).join('. '));
  const survey = await getSurveyByInspection(db, inspection.id);
  const respondent = survey && (await getRespondent(db, survey.id, input.respondentId));
  if (!survey || !respondent) throw new AppError('not-found', 'There is no such person in this survey');
  const prompts = [...new Set(input.prompts)];
  return inTransaction(db, async (trx) => {
    const id = await insertInterviewNote(trx, { surveyId: survey.id, respondentId: respondent.id, prompts, text: input.text.trim(), recordedBy: actor });
    await recordAudit(trx, {
      actor,
      action: 'survey.interview-noted',
      entity: 'survey',
      entityId: survey.id,
      inspectionId: inspection.id,
      after: { note: id, respondent: respondent.number, prompts, characters: input.text.trim().length },
    });
    return id;
  });
}

/** A text to arrange the follow-up conversation, sent without the sender seeing the number. */
export async function textFollowUp(db: Db, input: { inspectionId: number; respondentId: number; text: string }, actor: string): Promise<void> {
  const text = input.text.trim();
  if (!text) throw new AppError('invalid', 'Write the text to send');
  const length = smsLength(text);
  if (length.parts > 1)
    throw new AppError('invalid', `The text must fit one message: ${length.encoding === 'gsm7' ? '160' : '70'} characters${length.encoding === 'ucs2' ? ' (it has a character outside the basic text alphabet, such as a curly quote or an emoji)' : ''}; it has ${length.units}`);
  const inspection = await requireInspection(db, input.inspectionId);
  const survey = await getSurveyByInspection(db, inspection.id);
  const respondent = survey && (await getRespondent(db, survey.id, input.respondentId));
  if (!survey || !respondent || !respondent.followUp) throw new AppError('not-found', 'There is no such follow-up request in this survey');
  if (survey.status !== 'open' || !respondent.phone || respondent.status === 'opted-out')
    throw new AppError('conflict', 'This person can no longer be texted: the survey is closed or they asked us to stop');
  await inTransaction(db, async (trx) => {
    await enqueueSms(trx, [{ respondentId: respondent.id, phone: respondent.phone!, body: text, reference: `${referencePrefix(survey.id)}${respondent.id}` }]);
    await recordAudit(trx, { actor, action: 'survey.follow-up-texted', entity: 'survey', entityId: survey.id, inspectionId: inspection.id, after: { respondent: respondent.number, characters: text.length } });
  });
}
