// Table types for the inspection programme (registry, plans, consultation), merged into Database.
// Matching migrations: ./migrations/0005_programme.ts, 0010_registry_inspections.ts.
import type { ColumnType, Generated } from 'kysely';

type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type NameSource = 'reference' | 'recorded';

/** A name an organisation had or has: names over time (renames, merges, the name HMIP reported under). */
export interface OrganisationNameTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  /** First day under this name, when known. */
  valid_from: NullableDate;
  /** First day under the next name (exclusive), when known. */
  valid_to: NullableDate;
  source: NameSource;
  note: string | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}

/** What the inspectorate knows of a service beyond its inspections: the risk score's inputs. */
export interface OrganisationIntelligenceTable {
  organisation_id: number;
  /** People (PDU) or children (youth justice service) on the caseload; null when not known. */
  caseload: number | null;
  caseload_as_of: NullableDate;
  /** Concerns raised about the service in the past year. */
  concerns: number | null;
  /** Share, 0 to 1, of published performance indicators worse than the national figure. */
  performance: number | null;
  /** To be inspected jointly with other inspectorates (overrides the reference flag when not null). */
  joint_inspection: boolean | null;
  note: string | null;
  updated_by: string;
  updated_at: CreatedAt;
}

/**
 * An inspection result an administrator recorded for a service (migration 0010): corrected in
 * place, withdrawn rather than deleted. The registry merges it with the reference data's results
 * and the inspections published in the app.
 */
export interface OrganisationInspectionTable {
  id: Generated<number>;
  organisation_id: number;
  published_on: DateColumn;
  fieldwork_on: NullableDate;
  overall_rating: 'Outstanding' | 'Good' | 'Requires improvement' | 'Inadequate';
  url: string | null;
  /** Where the result comes from, in words. */
  source: string | null;
  /** The inspection in the app this result is, when it is one. */
  inspection_id: number | null;
  recorded_by: string;
  recorded_at: CreatedAt;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  withdrawn_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProgrammeCycleTable {
  id: Generated<number>;
  title: string;
  created_by: string;
  created_at: CreatedAt;
}

/** Each version of a cycle's plan, with the exact input that made it (so it can be made again). */
export interface ProgrammeCycleRevisionTable {
  cycle_id: number;
  revision: number;
  /** The planner's CycleInput, including `previous` when the plan revised an earlier one. */
  input: Json<unknown>;
  /** The CyclePlan, its `unmet` from checkPlan. */
  plan: Json<unknown>;
  /** PDU name → organisation id, so names can follow renames when the registry is read again. */
  organisation_ids: Json<Record<string, number>>;
  change: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface YouthSelectionTable {
  id: Generated<number>;
  title: string;
  as_of: DateColumn;
  seed: number;
  /** The YouthSelectionInput (services with their intelligence as read), so the draw can be repeated. */
  input: Json<unknown>;
  result: Json<unknown>;
  created_by: string;
  created_at: CreatedAt;
}

/** A programme year (e.g. 2027/28): the resource for thematics and research, and its consultation. */
export interface ProgrammeYearTable {
  id: Generated<number>;
  label: string;
  starts_on: DateColumn;
  fieldwork_slots: number;
  desktop_slots: number;
  research_slots: number;
  /** The PDU cycle and programme year within it that this year's PDU inspections come from. */
  cycle_id: number | null;
  cycle_year: number | null;
  youth_selection_id: number | null;
  consultation_closes: NullableDate;
  created_by: string;
  created_at: CreatedAt;
}

export type TopicSlot = 'fieldwork' | 'desktop' | 'research';

export interface ProgrammeTopicTable {
  id: Generated<number>;
  year_id: number;
  title: string;
  /** What it needs: fieldwork or desktop (a thematic) or research (a research project). */
  slot: TopicSlot;
  size: number;
  /** Criterion id → 0..3. */
  scores: Json<Record<string, number>>;
  committed: boolean;
  joint_with: string | null;
  summary: string | null;
  updated_by: string;
  updated_at: CreatedAt;
}

export type ConsultationSection = 'core' | 'thematic' | 'future-thematic' | 'research';

export interface ConsultationQuestionTable {
  id: Generated<number>;
  year_id: number;
  section: ConsultationSection;
  position: number;
  text: string;
  /** What respondents are asked to cover, one point a line. */
  guidance: string | null;
  updated_by: string;
  updated_at: CreatedAt;
}

export interface ConsultationResponseTable {
  id: Generated<number>;
  question_id: number;
  respondent_name: string | null;
  respondent_organisation: string | null;
  received_on: DateColumn;
  text: string;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface ProgrammeTables {
  organisation_name: OrganisationNameTable;
  organisation_intelligence: OrganisationIntelligenceTable;
  organisation_inspection: OrganisationInspectionTable;
  programme_cycle: ProgrammeCycleTable;
  programme_cycle_revision: ProgrammeCycleRevisionTable;
  youth_selection: YouthSelectionTable;
  programme_year: ProgrammeYearTable;
  programme_topic: ProgrammeTopicTable;
  consultation_question: ConsultationQuestionTable;
  consultation_response: ConsultationResponseTable;
}
