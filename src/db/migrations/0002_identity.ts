// Users, sessions, sign-in attempts (for rate limiting) and who works on which inspection.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table app_user (
    id serial primary key,
    email text not null,
    display_name text not null,
    role text not null check (role in ('administrator', 'programme-manager', 'analyst', 'lead-inspector', 'inspector', 'service-staff')),
    organisation_id int references organisation (id),
    password_hash text,
    oidc_issuer text,
    oidc_subject text,
    active boolean not null default true,
    is_demo boolean not null default false,
    created_at timestamptz not null default now(),
    last_signed_in_at timestamptz,
    constraint app_user_service_staff_organisation check ((role = 'service-staff') = (organisation_id is not null))
  )`,
  `create unique index app_user_email_key on app_user (lower(email))`,
  `create unique index app_user_oidc_key on app_user (oidc_issuer, oidc_subject) where oidc_subject is not null`,

  // The cookie holds a random token; only its SHA-256 is stored, so a copy of the table signs no one in.
  `create table user_session (
    token_hash text primary key,
    user_id int not null references app_user (id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  `create index user_session_user_id_idx on user_session (user_id)`,

  `create table sign_in_attempt (
    id bigserial primary key,
    email text not null,
    ip text not null,
    succeeded boolean not null,
    at timestamptz not null default now()
  )`,
  `create index sign_in_attempt_email_at_idx on sign_in_attempt (lower(email), at)`,
  `create index sign_in_attempt_ip_at_idx on sign_in_attempt (ip, at)`,

  `create table inspection_member (
    inspection_id int not null references inspection (id) on delete cascade,
    user_id int not null references app_user (id) on delete cascade,
    role text not null check (role in ('lead-inspector', 'inspector')),
    primary key (inspection_id, user_id)
  )`,
  `create index inspection_member_user_id_idx on inspection_member (user_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['inspection_member', 'sign_in_attempt', 'user_session', 'app_user']) await sql.raw(`drop table ${table}`).execute(db);
}
