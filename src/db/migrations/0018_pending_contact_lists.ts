// A contact list with some bad rows, held while the person who uploaded it checks which rows will
// be left out: nothing reaches the survey until they confirm. The row is theirs alone (their user
// and sign-in session; it goes with the session), is found by a random token of which only the
// SHA-256 is kept, lasts an hour, and is deleted on confirming or cancelling.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table pending_contact_list (
    token_hash text primary key,
    inspection_id int not null references inspection (id) on delete cascade,
    user_id int not null references app_user (id) on delete cascade,
    session_hash text not null references user_session (token_hash) on delete cascade,
    file_name text not null,
    contacts jsonb not null,
    left_out jsonb not null,
    warnings jsonb not null,
    listed_twice int not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  `create index pending_contact_list_expires on pending_contact_list (expires_at)`,
  `create index pending_contact_list_session on pending_contact_list (session_hash)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table pending_contact_list').execute(db);
}
