// Table types for the case sample and the people-on-probation survey, merged into Database.
// Matches migrations/0006_sample_survey.ts.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type NullableText = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;
/** numeric: read as a string by both drivers. */
type NullableNumeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export type SampleMethod = 'window' | 'statistical';
export type SampleStatus = 'draft' | 'confirmed';

export interface CaseSampleTable {
  inspection_id: number;
  window_weeks: WithDefault<number>;
  shift_weeks: WithDefault<number>;
  shift_reason: NullableText;
  method: WithDefault<SampleMethod>;
  confidence: NullableNumeric;
  margin: NullableNumeric;
  stratify_by: NullableText;
  seed: ColumnType<number | null, number | null | undefined, number | null>;
  caseload_format: ColumnType<'csv' | 'xlsx' | null, 'csv' | 'xlsx' | null | undefined, 'csv' | 'xlsx' | null>;
  caseload_cases: WithDefault<number>;
  /** FileProblem[] of the upload kept (warnings only: an upload with errors is not kept). */
  caseload_warnings: JsonWithDefault<unknown[]>;
  caseload_uploaded_by: NullableText;
  caseload_uploaded_at: NullableTimestamp;
  status: WithDefault<SampleStatus>;
  /** What the sample was when confirmed (sizes, mix, reliability, window, draw): no references. */
  summary: NullableJson<unknown>;
  confirmed_by: NullableText;
  confirmed_at: NullableTimestamp;
  published_on: ColumnType<string | null, string | null | undefined, string | null>;
  links_deleted_at: NullableTimestamp;
}

export interface CaseloadCaseTable {
  inspection_id: number;
  case_ref: string;
  practitioner: string;
  attributes: Json<Record<string, string>>;
  position: number;
}

export interface CaseLinkTable {
  inspection_id: number;
  pseudonym: string;
  service_ref: string;
}

export interface SampleCaseTable {
  inspection_id: number;
  case_ref: string;
  practitioner: string;
  position: number;
}

export type SurveyStatus = 'draft' | 'open' | 'closed';
export type RespondentStatus = 'not-sent' | 'in-progress' | 'completed' | 'opted-out';

export interface SurveyTable {
  id: Generated<number>;
  inspection_id: number;
  framework_key: string;
  /** The SurveyScript the conversations follow, fixed when the survey is created. */
  script: Json<unknown>;
  status: WithDefault<SurveyStatus>;
  contacts_uploaded_by: NullableText;
  contacts_uploaded_at: NullableTimestamp;
  contacts_suppressed: WithDefault<number>;
  sent_by: NullableText;
  sent_at: NullableTimestamp;
  closed_by: NullableText;
  closed_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface SurveyRespondentTable {
  id: Generated<number>;
  survey_id: number;
  /** 1, 2, … within the survey: how interviewers refer to a person. */
  number: number;
  /** E.164; null once the survey is closed. Never shown to inspectors. */
  phone: NullableText;
  name: NullableText;
  /** ConversationState; null until the survey is sent. */
  state: NullableJson<unknown>;
  status: WithDefault<RespondentStatus>;
  follow_up: NullableText;
  updated_at: CreatedAt;
}

export interface SurveyInboundTable {
  provider_id: string;
  survey_id: ColumnType<number | null, number | null | undefined, number | null>;
  respondent_id: ColumnType<number | null, number | null | undefined, number | null>;
  event: string;
  date_received: NullableTimestamp;
  received_at: CreatedAt;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface SmsOutboxTable {
  id: Generated<number>;
  respondent_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** null once sent, failed for good or cancelled. */
  phone: NullableText;
  body: string;
  reference: string;
  status: WithDefault<OutboxStatus>;
  attempts: WithDefault<number>;
  next_attempt_at: CreatedAt;
  claimed_at: NullableTimestamp;
  provider_id: NullableText;
  last_error: NullableText;
  created_at: CreatedAt;
  sent_at: NullableTimestamp;
}

export interface SmsSuppressionTable {
  phone_hash: string;
  created_at: CreatedAt;
}

export interface SmsSecretTable {
  name: string;
  value: string;
}

export interface SurveyInterviewNoteTable {
  id: Generated<number>;
  survey_id: number;
  respondent_id: ColumnType<number | null, number | null | undefined, number | null>;
  prompts: Json<string[]>;
  text: string;
  recorded_by: string;
  recorded_at: CreatedAt;
}

/** A contact list with bad rows, held until its uploader confirms or cancels (migration 0018). */
export interface PendingContactListTable {
  token_hash: string;
  inspection_id: number;
  user_id: number;
  session_hash: string;
  file_name: string;
  /** ContactRow[]: the good rows. */
  contacts: Json<unknown[]>;
  /** FileProblem[]: the rows left out and why (numbers masked). */
  left_out: Json<unknown[]>;
  warnings: Json<unknown[]>;
  listed_twice: number;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface SampleSurveyTables {
  case_sample: CaseSampleTable;
  caseload_case: CaseloadCaseTable;
  case_link: CaseLinkTable;
  sample_case: SampleCaseTable;
  survey: SurveyTable;
  survey_respondent: SurveyRespondentTable;
  survey_inbound: SurveyInboundTable;
  sms_outbox: SmsOutboxTable;
  sms_suppression: SmsSuppressionTable;
  sms_secret: SmsSecretTable;
  survey_interview_note: SurveyInterviewNoteTable;
  pending_contact_list: PendingContactListTable;
}
