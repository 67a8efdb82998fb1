// Table types for Kysely, matching the migrations in ./migrations. Column names are the SQL ones
// (snake_case); repositories map rows to camelCase DTOs.
//
// Conventions both engines share (see database.ts): int8 (count(*), bigserial) reads as number,
// `date` reads as the plain 'YYYY-MM-DD' string, timestamptz as Date, json/jsonb as parsed values.
// jsonb columns are written as JSON text (JSON.stringify), which both drivers pass through as is.
import type { ColumnType, Generated } from 'kysely';
import type { ProgrammeTables } from './schema-programme.ts';
import type { SampleSurveyTables } from './schema-sample-survey.ts';
import type { TimelineTables } from './schema-timeline.ts';
import type { EmbargoTables } from './schema-embargo.ts';
import type { ReportWritingTables } from './schema-report-writing.ts';
import type { DomainOneTables } from './schema-domain-one.ts';
import type { SfoTables } from './schema-sfo.ts';
import type { SfoPanelTables } from './schema-sfo-panels.ts';
import type { JointInspectionTables } from './schema-joint-inspection.ts';

/** A `date` column: 'YYYY-MM-DD' in and out, never a Date (no time-zone shifts). */
export type DateColumn = ColumnType<string, string, string>;
/** A timestamptz column the database fills with now() unless given. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb read as T, written as JSON text. */
export type Json<T> = ColumnType<T, string, string>;
/** Nullable jsonb, optional on insert. */
export type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
/** jsonb with a database default, so optional on insert. */
export type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

export type OrganisationKind = 'region' | 'pdu' | 'youth-service' | 'national';

export type InspectionStatus = 'in-progress' | 'signed-off';

export interface FrameworkTable {
  id: string;
  version: string;
  title: string;
  /** The parsed framework definition (FrameworkDefinition), as checked when it was loaded. */
  definition: Json<unknown>;
  /** The original file text (YAML), kept verbatim. */
  source_text: string;
  loaded_at: CreatedAt;
}

export interface OrganisationTable {
  id: Generated<number>;
  kind: OrganisationKind;
  name: string;
  code: string | null;
  parent_id: number | null;
  details: JsonWithDefault<Record<string, unknown>>;
}

export interface InspectionTable {
  id: Generated<number>;
  organisation_id: number;
  framework_id: string;
  framework_version: string;
  title: string;
  fieldwork_start: DateColumn;
  fieldwork_end: DateColumn;
  status: ColumnType<InspectionStatus, InspectionStatus | undefined, InspectionStatus>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface InspectionCaseTable {
  id: Generated<number>;
  inspection_id: number;
  case_ref: string;
  attributes: JsonWithDefault<Record<string, string>>;
  assigned_to: ColumnType<number | null, number | null | undefined, number | null>;
  /** Raised by every save from the web app; a save that names an older version is a conflict. */
  version: ColumnType<number, number | undefined, number>;
  updated_at: CreatedAt;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CaseAnswerTable {
  case_id: number;
  item_id: string;
  answer: 'yes' | 'no' | 'na';
}

export interface CaseOutcomeTable {
  case_id: number;
  item_id: string;
  progress: 'sufficient' | 'some' | 'none' | null;
  stability_credited: boolean | null;
}

export interface CaseEvidenceTable {
  case_id: number;
  /** '' for the case as a whole. */
  item_id: string;
  text: string;
}

export interface InspectionJudgementTable {
  inspection_id: number;
  /** A standard id ('1.1' …) or a judgement id ('diversity'). */
  item_id: string;
  rating: string;
  rationale: string | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: CreatedAt;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  /** No foreign key: the history outlives the inspection. */
  inspection_id: number | null;
  before: NullableJson<unknown>;
  after: NullableJson<unknown>;
  /** The HTTP request that caused the event (its X-Request-Id); null outside a request. */
  request_id: string | null;
}

export type UserRole = 'administrator' | 'programme-manager' | 'analyst' | 'lead-inspector' | 'inspector' | 'service-staff' | 'sfo-inspector' | 'sfo-lead';

export interface AppUserTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: UserRole;
  /** The service a member of its staff belongs to; null for the inspectorate's own staff. */
  organisation_id: number | null;
  /** scrypt hash; null for accounts that sign in through OpenID Connect only. */
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  last_signed_in_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface UserSessionTable {
  /** SHA-256 of the token in the cookie. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface SignInAttemptTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: CreatedAt;
}

export type MemberRole = 'lead-inspector' | 'inspector';

export interface InspectionMemberTable {
  inspection_id: number;
  user_id: number;
  role: MemberRole;
}

export interface QaPlanTable {
  inspection_id: number;
  /** numeric: read as a string by both drivers. */
  share: ColumnType<string, number | string, number | string>;
  first_inspection_all: boolean;
  minimum_per_inspector: number;
  seed: number;
  drawn_by: string;
  drawn_at: CreatedAt;
}

export interface SecondAssessmentTable {
  inspection_id: number;
  case_ref: string;
  reason: string;
  assessor_id: number | null;
  answers: JsonWithDefault<Record<string, 'yes' | 'no' | 'na'>>;
  outcomes: JsonWithDefault<Record<string, { progress?: 'sufficient' | 'some' | 'none'; stabilityCredited?: boolean }>>;
  evidence: JsonWithDefault<Record<string, string>>;
  version: ColumnType<number, number | undefined, number>;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface QaSettlementTable {
  inspection_id: number;
  case_ref: string;
  item_id: string;
  first_value: string;
  second_value: string;
  settled_value: 'yes' | 'no' | 'na';
  reason: string;
  settled_by: string;
  settled_at: CreatedAt;
}

export interface ReportTable {
  inspection_id: number;
  status: ColumnType<'draft' | 'factual-accuracy' | 'embargoed' | 'published', 'draft' | 'factual-accuracy' | 'embargoed' | 'published' | undefined, 'draft' | 'factual-accuracy' | 'embargoed' | 'published'>;
  foreword: ColumnType<string, string | undefined, string>;
  overall_findings: ColumnType<string, string | undefined, string>;
  publish_on: ColumnType<string | null, string | null | undefined, string | null>;
  updated_by: string | null;
  updated_at: CreatedAt;
}

export interface RecommendationTable {
  id: Generated<number>;
  inspection_id: number;
  addressed_to: 'pdu' | 'region' | 'national';
  text: string;
  position: number;
}

export interface FactualAccuracyCommentTable {
  id: Generated<number>;
  inspection_id: number;
  author: string;
  section: string;
  comment: string;
  decision: 'accepted' | 'rejected' | null;
  decision_reason: string | null;
  decided_by: string | null;
  created_at: CreatedAt;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface EmbargoRecipientTable {
  id: Generated<number>;
  inspection_id: number;
  name: string;
  email: string;
  organisation: ColumnType<string, string | undefined, string>;
  added_by: string;
  added_at: CreatedAt;
}

export interface RecommendationResponseTable {
  recommendation_id: number;
  response: 'agreed' | 'partly-agreed' | 'not-agreed';
  actions: string;
  owner: string;
  due_on: string | null;
  responded_by: string;
  responded_at: CreatedAt;
}

export interface RecommendationProgressTable {
  id: Generated<number>;
  recommendation_id: number;
  note: string;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface RecommendationReviewTable {
  recommendation_id: number;
  reviewed_in: number;
  outcome: 'met' | 'partly-met' | 'not-met';
  note: string;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface AnnualReportTable {
  id: Generated<number>;
  business_year: number;
  framework_key: string;
  title: string;
  foreword: ColumnType<string, string | undefined, string>;
  /** The DataCut (src/domain/national/data-cut.ts), never changed once taken. */
  cut: Json<unknown>;
  cut_digest: string;
  inspections: number;
  cases: number;
  taken_by: string;
  taken_at: CreatedAt;
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  publish_on: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The digest of the reference files last loaded (one row, 'bundled'): unchanged files are not loaded again. */
export interface ReferenceDataDigestTable {
  name: string;
  digest: string;
  loaded_at: CreatedAt;
}

/** The parts of the demonstration data made in this database (src/services/demo-data.ts), by name. */
export interface DemoDataStageTable {
  name: string;
  done_at: CreatedAt;
}

export interface Database extends ProgrammeTables, SampleSurveyTables, TimelineTables, ReportWritingTables, EmbargoTables, DomainOneTables, SfoTables, SfoPanelTables, JointInspectionTables {
  reference_data_digest: ReferenceDataDigestTable;
  demo_data_stage: DemoDataStageTable;
  annual_report: AnnualReportTable;
  recommendation_response: RecommendationResponseTable;
  recommendation_progress: RecommendationProgressTable;
  recommendation_review: RecommendationReviewTable;
  report: ReportTable;
  recommendation: RecommendationTable;
  factual_accuracy_comment: FactualAccuracyCommentTable;
  embargo_recipient: EmbargoRecipientTable;
  qa_plan: QaPlanTable;
  second_assessment: SecondAssessmentTable;
  qa_settlement: QaSettlementTable;
  framework: FrameworkTable;
  organisation: OrganisationTable;
  inspection: InspectionTable;
  inspection_case: InspectionCaseTable;
  case_answer: CaseAnswerTable;
  case_outcome: CaseOutcomeTable;
  case_evidence: CaseEvidenceTable;
  inspection_judgement: InspectionJudgementTable;
  audit_event: AuditEventTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  sign_in_attempt: SignInAttemptTable;
  inspection_member: InspectionMemberTable;
}
