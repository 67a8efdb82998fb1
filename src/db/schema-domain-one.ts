// Table types for domain-one evidence and the team members allowed to record it, merged into
// Database. Matches migrations/0017_domain_one_evidence.ts.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Moment = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface DomainOneEvidenceTable {
  id: Generated<number>;
  inspection_id: number;
  standard_id: string;
  /** The key question or prompt the evidence bears on. */
  item_id: string;
  kind: string;
  source: string;
  /** 'YYYY-MM-DD'. */
  evidence_date: ColumnType<string, string, string>;
  body: ColumnType<string, string | undefined, string>;
  finding: string;
  survey_statement_id: string | null;
  case_key_question_id: string | null;
  version: ColumnType<number, number | undefined, number>;
  recorded_by: string;
  recorded_at: CreatedAt;
  changed_by: string | null;
  changed_at: Moment;
  withdrawn_by: string | null;
  withdrawn_at: Moment;
  withdrawn_reason: string | null;
}

export interface DomainOneEvidenceWriterTable {
  inspection_id: number;
  user_id: number;
  allowed_by: string;
  allowed_at: CreatedAt;
}

export interface DomainOneTables {
  domain_one_evidence: DomainOneEvidenceTable;
  domain_one_evidence_writer: DomainOneEvidenceWriterTable;
}
