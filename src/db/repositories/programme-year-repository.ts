// Programme years: their resource for thematics and research, candidate topics, and the
// consultation's questions and responses. Data access only.
import { sql } from 'kysely';
import type { ConsultationSection, TopicSlot } from '../schema-programme.ts';
import { toJson, type Db } from './shared.ts';

export interface ProgrammeYear {
  id: number;
  label: string;
  startsOn: string;
  fieldworkSlots: number;
  desktopSlots: number;
  researchSlots: number;
  cycleId: number | null;
  cycleYear: number | null;
  youthSelectionId: number | null;
  consultationCloses: string | null;
  createdBy: string;
  createdAt: Date;
}

export type ProgrammeYearSettings = Pick<ProgrammeYear, 'fieldworkSlots' | 'desktopSlots' | 'researchSlots' | 'cycleId' | 'cycleYear' | 'youthSelectionId' | 'consultationCloses'>;

const toYear = (r: {
  id: number;
  label: string;
  starts_on: string;
  fieldwork_slots: number;
  desktop_slots: number;
  research_slots: number;
  cycle_id: number | null;
  cycle_year: number | null;
  youth_selection_id: number | null;
  consultation_closes: string | null;
  created_by: string;
  created_at: Date;
}): ProgrammeYear => ({
  id: r.id,
  label: r.label,
  startsOn: r.starts_on,
  fieldworkSlots: r.fieldwork_slots,
  desktopSlots: r.desktop_slots,
  researchSlots: r.research_slots,
  cycleId: r.cycle_id,
  cycleYear: r.cycle_year,
  youthSelectionId: r.youth_selection_id,
  consultationCloses: r.consultation_closes,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export async function insertProgrammeYear(db: Db, y: { label: string; startsOn: string; createdBy: string } & ProgrammeYearSettings): Promise<number> {
  const row = await db
    .insertInto('programme_year')
    .values({
      label: y.label,
      starts_on: y.startsOn,
      fieldwork_slots: y.fieldworkSlots,
      desktop_slots: y.desktopSlots,
      research_slots: y.researchSlots,
      cycle_id: y.cycleId,
      cycle_year: y.cycleYear,
      youth_selection_id: y.youthSelectionId,
      consultation_closes: y.consultationCloses,
      created_by: y.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProgrammeYear(db: Db, id: number, s: ProgrammeYearSettings): Promise<void> {
  await db
    .updateTable('programme_year')
    .set({
      fieldwork_slots: s.fieldworkSlots,
      desktop_slots: s.desktopSlots,
      research_slots: s.researchSlots,
      cycle_id: s.cycleId,
      cycle_year: s.cycleYear,
      youth_selection_id: s.youthSelectionId,
      consultation_closes: s.consultationCloses,
    })
    .where('id', '=', id)
    .execute();
}

export async function getProgrammeYear(db: Db, id: number): Promise<ProgrammeYear | undefined> {
  const row = await db.selectFrom('programme_year').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toYear(row);
}

export async function findProgrammeYearByLabel(db: Db, label: string): Promise<ProgrammeYear | undefined> {
  const row = await db.selectFrom('programme_year').selectAll().where('label', '=', label).executeTakeFirst();
  return row && toYear(row);
}

/** By start date, latest first. */
export async function listProgrammeYears(db: Db): Promise<ProgrammeYear[]> {
  return (await db.selectFrom('programme_year').selectAll().orderBy('starts_on', 'desc').orderBy('id', 'desc').execute()).map(toYear);
}

export interface ProgrammeTopic {
  id: number;
  yearId: number;
  title: string;
  slot: TopicSlot;
  size: number;
  scores: Record<string, number>;
  committed: boolean;
  jointWith: string | null;
  summary: string | null;
  updatedBy: string;
  updatedAt: Date;
}

export type ProgrammeTopicInput = Omit<ProgrammeTopic, 'id' | 'updatedAt'>;

const toTopic = (r: {
  id: number;
  year_id: number;
  title: string;
  slot: TopicSlot;
  size: number;
  scores: Record<string, number>;
  committed: boolean;
  joint_with: string | null;
  summary: string | null;
  updated_by: string;
  updated_at: Date;
}): ProgrammeTopic => ({
  id: r.id,
  yearId: r.year_id,
  title: r.title,
  slot: r.slot,
  size: r.size,
  scores: r.scores,
  committed: r.committed,
  jointWith: r.joint_with,
  summary: r.summary,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

const topicRow = (t: ProgrammeTopicInput) => ({
  year_id: t.yearId,
  title: t.title,
  slot: t.slot,
  size: t.size,
  scores: toJson(t.scores),
  committed: t.committed,
  joint_with: t.jointWith,
  summary: t.summary,
  updated_by: t.updatedBy,
});

export async function listProgrammeTopics(db: Db, yearId: number): Promise<ProgrammeTopic[]> {
  return (await db.selectFrom('programme_topic').selectAll().where('year_id', '=', yearId).orderBy('id').execute()).map(toTopic);
}

export async function getProgrammeTopic(db: Db, id: number): Promise<ProgrammeTopic | undefined> {
  const row = await db.selectFrom('programme_topic').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTopic(row);
}

export async function insertProgrammeTopic(db: Db, t: ProgrammeTopicInput): Promise<number> {
  return (await db.insertInto('programme_topic').values(topicRow(t)).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProgrammeTopic(db: Db, id: number, t: ProgrammeTopicInput): Promise<void> {
  await db.updateTable('programme_topic').set({ ...topicRow(t), updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export async function deleteProgrammeTopic(db: Db, id: number): Promise<void> {
  await db.deleteFrom('programme_topic').where('id', '=', id).execute();
}

export interface ConsultationQuestion {
  id: number;
  yearId: number;
  section: ConsultationSection;
  position: number;
  text: string;
  guidance: string | null;
  updatedBy: string;
  updatedAt: Date;
}

const toQuestion = (r: {
  id: number;
  year_id: number;
  section: ConsultationSection;
  position: number;
  text: string;
  guidance: string | null;
  updated_by: string;
  updated_at: Date;
}): ConsultationQuestion => ({
  id: r.id,
  yearId: r.year_id,
  section: r.section,
  position: r.position,
  text: r.text,
  guidance: r.guidance,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

/** In position order. */
export async function listConsultationQuestions(db: Db, yearId: number): Promise<ConsultationQuestion[]> {
  return (await db.selectFrom('consultation_question').selectAll().where('year_id', '=', yearId).orderBy('position').orderBy('id').execute()).map(toQuestion);
}

export async function getConsultationQuestion(db: Db, id: number): Promise<ConsultationQuestion | undefined> {
  const row = await db.selectFrom('consultation_question').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toQuestion(row);
}

export async function insertConsultationQuestion(db: Db, q: { yearId: number; section: ConsultationSection; position: number; text: string; guidance: string | null; updatedBy: string }): Promise<number> {
  const row = await db
    .insertInto('consultation_question')
    .values({ year_id: q.yearId, section: q.section, position: q.position, text: q.text, guidance: q.guidance, updated_by: q.updatedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateConsultationQuestion(db: Db, id: number, q: { section: ConsultationSection; text: string; guidance: string | null; updatedBy: string }): Promise<void> {
  await db
    .updateTable('consultation_question')
    .set({ section: q.section, text: q.text, guidance: q.guidance, updated_by: q.updatedBy, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteConsultationQuestion(db: Db, id: number): Promise<void> {
  await db.deleteFrom('consultation_question').where('id', '=', id).execute();
}

export interface ConsultationResponse {
  id: number;
  questionId: number;
  respondentName: string | null;
  respondentOrganisation: string | null;
  receivedOn: string;
  text: string;
  recordedBy: string;
  recordedAt: Date;
}

export type ConsultationResponseInput = Omit<ConsultationResponse, 'id' | 'recordedAt'>;

export async function insertConsultationResponse(db: Db, r: ConsultationResponseInput): Promise<number> {
  const row = await db
    .insertInto('consultation_response')
    .values({
      question_id: r.questionId,
      respondent_name: r.respondentName,
      respondent_organisation: r.respondentOrganisation,
      received_on: r.receivedOn,
      text: r.text,
      recorded_by: r.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every response to the year's questions, by question position then date received. */
export async function listConsultationResponses(db: Db, yearId: number): Promise<ConsultationResponse[]> {
  const rows = await db
    .selectFrom('consultation_response as r')
    .innerJoin('consultation_question as q', 'q.id', 'r.question_id')
    .selectAll('r')
    .where('q.year_id', '=', yearId)
    .orderBy('q.position')
    .orderBy('r.received_on')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    questionId: r.question_id,
    respondentName: r.respondent_name,
    respondentOrganisation: r.respondent_organisation,
    receivedOn: r.received_on,
    text: r.text,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));
}
