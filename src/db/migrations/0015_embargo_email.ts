// The embargoed copy sent to its named recipients: each recipient's link (only a hash of its token
// is kept; it expires at publication, is withdrawn with the embargo, and counts its openings), and
// the email outbox, filled in the transaction that records the embargo and sent after commit. The
// address and the link leave the outbox row once the email is sent, failed for good or cancelled.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table embargo_link (
    id serial primary key,
    inspection_id int not null references inspection (id) on delete cascade,
    recipient_id int not null references embargo_recipient (id) on delete cascade,
    token_hash text not null unique,
    publish_on date not null,
    created_by text not null,
    created_at timestamptz not null default now(),
    revoked_at timestamptz,
    wrong_addresses int not null default 0,
    opened int not null default 0,
    last_opened_at timestamptz
  )`,
  `create index embargo_link_recipient_idx on embargo_link (recipient_id)`,
  `create table email_outbox (
    id bigserial primary key,
    inspection_id int references inspection (id) on delete cascade,
    recipient_id int references embargo_recipient (id) on delete cascade,
    link_id int references embargo_link (id) on delete cascade,
    email text,
    token text,
    content jsonb not null,
    reference text not null,
    status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts int not null default 0,
    next_attempt_at timestamptz not null default now(),
    claimed_at timestamptz,
    provider_id text,
    last_error text,
    created_at timestamptz not null default now(),
    sent_at timestamptz
  )`,
  `create index email_outbox_pending_idx on email_outbox (next_attempt_at, id) where status = 'pending'`,
  `create index email_outbox_sending_idx on email_outbox (claimed_at) where status = 'sending'`,
  `create index email_outbox_recipient_idx on email_outbox (recipient_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['email_outbox', 'embargo_link']) await sql.raw(`drop table ${table}`).execute(db);
}
