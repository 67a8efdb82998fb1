// Table types for the report's narrative (versions of each section, and named report writers),
// merged into Database. Matches migrations/0016_report_narrative.ts.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ReportSectionVersionTable {
  id: Generated<number>;
  inspection_id: number;
  section: string;
  version: number;
  /** The section's text by part: { text } or { narrative, strengths, improvements }; written as JSON text. */
  parts: ColumnType<Record<string, string>, string, string>;
  author: string;
  note: ColumnType<string, string | undefined, string>;
  factual_accuracy_comment_id: number | null;
  approved_by: string | null;
  approved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
}

export interface ReportWriterTable {
  inspection_id: number;
  user_id: number;
  named_by: string;
  named_at: CreatedAt;
}

export interface ReportWritingTables {
  report_section_version: ReportSectionVersionTable;
  report_writer: ReportWriterTable;
}
