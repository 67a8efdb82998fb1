// Table types for the quality assurance of SFO reviews, merged into Database. Matches
// migrations/0019_sfo_reviews.ts, 0021_sfo_assessment_journey.ts, 0022_sfo_region_actions.ts and
// 0023_sfo_review_documents.ts.
import type { ColumnType, Generated } from 'kysely';

type DateColumn = ColumnType<string, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface SfoFrameworkTable {
  id: string;
  version: string;
  title: string;
  /** The parsed SfoFrameworkDefinition, as checked when it was loaded. */
  definition: Json<unknown>;
  /** The original file text, kept verbatim. */
  source_text: string;
  loaded_at: CreatedAt;
}

export interface SfoReviewTable {
  id: Generated<number>;
  review_ref: string;
  region_id: number;
  pdu: string | null;
  offence_category: string;
  notified_on: DateColumn;
  submitted_on: ColumnType<string | null, string | null, string | null>;
  extension_granted: boolean;
  author_role: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface SfoSampleTable {
  id: Generated<number>;
  framework_id: string;
  framework_version: string;
  period_from: DateColumn;
  period_to: DateColumn;
  share: number;
  seed: number;
  /** The references the seed drew, before any change by hand. */
  drawn: Json<string[]>;
  drawn_by: string;
  drawn_at: CreatedAt;
}

export interface SfoSampleReviewTable {
  sample_id: number;
  review_id: number;
  added_by_hand: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface SfoSampleChangeTable {
  id: Generated<number>;
  sample_id: number;
  review_id: number;
  change: 'add' | 'remove';
  reason: string;
  changed_by: string;
  changed_at: CreatedAt;
}

export type SfoAssessmentState = 'not-started' | 'in-progress' | 'submitted' | 'moderated' | 'signed-off' | 'released';

export interface SfoAssessmentTable {
  id: Generated<number>;
  sample_id: number;
  review_id: number;
  framework_id: string;
  framework_version: string;
  inspector_id: number | null;
  state: ColumnType<SfoAssessmentState, SfoAssessmentState | undefined, SfoAssessmentState>;
  overall_rating: string | null;
  overall_rationale: string | null;
  learning_points: ColumnType<string | null, string | null | undefined, string | null>;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_by: string;
  updated_at: CreatedAt;
}

export interface SfoStandardRatingTable {
  assessment_id: number;
  standard_id: string;
  rating: string | null;
  rationale: string | null;
  evidence: string | null;
  updated_by: string;
  updated_at: CreatedAt;
}

export interface SfoFlagAcknowledgementTable {
  assessment_id: number;
  rule: string;
  reason: string;
  acknowledged_by: string;
  acknowledged_at: CreatedAt;
}

export interface SfoModerationTable {
  sample_id: number;
  share: number;
  seed: number;
  /** The references of the assessed reviews the seed drew for a second reading. */
  drawn: Json<string[]>;
  drawn_by: string;
  drawn_at: CreatedAt;
}

/** A second reader's ratings: by standard id, { rating, rationale }. */
export type SecondReadingRatings = Record<string, { rating?: string; rationale?: string }>;

export interface SfoSecondReadingTable {
  assessment_id: number;
  reader_id: number;
  ratings: ColumnType<SecondReadingRatings, string | undefined, string>;
  overall_rating: string | null;
  overall_rationale: string | null;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_by: string;
  updated_at: CreatedAt;
}

export interface SfoSettlementTable {
  assessment_id: number;
  /** A standard's id, or 'overall'. */
  item: string;
  first_rating: string;
  second_rating: string;
  settled_rating: string;
  reason: string;
  settled_by: string;
  settled_at: CreatedAt;
}

export interface SfoSampleSignOffTable {
  sample_id: number;
  signed_off_by: string;
  signed_off_at: CreatedAt;
  released_by: string | null;
  released_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SfoRegionActionTable {
  id: Generated<number>;
  assessment_id: number;
  action: string;
  owner: string;
  due_on: DateColumn;
  created_by: string;
  created_at: CreatedAt;
}

export interface SfoReviewDocumentTable {
  id: Generated<number>;
  review_id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: CreatedAt;
  replaced_by: string | null;
  replaced_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SfoTables {
  sfo_framework: SfoFrameworkTable;
  sfo_review: SfoReviewTable;
  sfo_sample: SfoSampleTable;
  sfo_sample_review: SfoSampleReviewTable;
  sfo_sample_change: SfoSampleChangeTable;
  sfo_assessment: SfoAssessmentTable;
  sfo_standard_rating: SfoStandardRatingTable;
  sfo_flag_acknowledgement: SfoFlagAcknowledgementTable;
  sfo_moderation: SfoModerationTable;
  sfo_second_reading: SfoSecondReadingTable;
  sfo_settlement: SfoSettlementTable;
  sfo_sample_sign_off: SfoSampleSignOffTable;
  sfo_region_action: SfoRegionActionTable;
  sfo_review_document: SfoReviewDocumentTable;
}
