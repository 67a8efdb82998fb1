// Table types for the embargoed copy's links and the email outbox, merged into Database. Matches
// migrations/0015_embargo_email.ts.
import type { ColumnType, Generated } from 'kysely';

type DateColumn = ColumnType<string, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** What an embargo email says beyond its link (composed when sent: domain/publication/embargo-email.ts). */
export interface EmbargoEmailContent {
  recipientName: string;
  organisationName: string;
  /** The report's title in its framework's words; absent from emails queued before it was kept. */
  reportTitle?: string;
  publishOn: string;
  inspectionId: number;
}

export interface EmbargoLinkTable {
  id: Generated<number>;
  inspection_id: number;
  recipient_id: number;
  /** SHA-256 of the token in the recipient's link, hex; the token itself is never stored here. */
  token_hash: string;
  /** The publication date the link was given for: it opens the embargoed copy until then. */
  publish_on: DateColumn;
  created_by: string;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
  wrong_addresses: WithDefault<number>;
  opened: WithDefault<number>;
  last_opened_at: NullableTimestamp;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  inspection_id: number | null;
  recipient_id: number | null;
  link_id: number | null;
  /** null once sent, failed for good or cancelled. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** The link's token, until the email is sent (then null). */
  token: ColumnType<string | null, string | null | undefined, string | null>;
  content: ColumnType<EmbargoEmailContent, string, string>;
  reference: string;
  status: WithDefault<EmailStatus>;
  attempts: WithDefault<number>;
  next_attempt_at: CreatedAt;
  claimed_at: NullableTimestamp;
  provider_id: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  sent_at: NullableTimestamp;
}

export interface EmbargoTables {
  embargo_link: EmbargoLinkTable;
  email_outbox: EmailOutboxTable;
}
