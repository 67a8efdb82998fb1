// The case sample (the service's caseload, the window, the confirmed sample and the link from each
// pseudonym back to the service's reference, kept apart so it can be deleted after publication)
// and the people-on-probation text survey (respondents and their conversations, inbound replies
// stored once per provider id, the outbox of texts to send, the suppression list of people who
// texted STOP, interview notes).
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table case_sample (
    inspection_id int primary key references inspection (id) on delete cascade,
    window_weeks int not null default 2 check (window_weeks in (1, 2)),
    shift_weeks int not null default 0 check (shift_weeks between -4 and 4),
    shift_reason text,
    method text not null default 'window' check (method in ('window', 'statistical')),
    confidence numeric check (confidence > 0 and confidence < 1),
    margin numeric check (margin > 0 and margin < 1),
    stratify_by text,
    seed bigint check (seed between 0 and 4294967295),
    caseload_format text check (caseload_format in ('csv', 'xlsx')),
    caseload_cases int not null default 0,
    caseload_warnings jsonb not null default '[]',
    caseload_uploaded_by text,
    caseload_uploaded_at timestamptz,
    status text not null default 'draft' check (status in ('draft', 'confirmed')),
    summary jsonb,
    confirmed_by text,
    confirmed_at timestamptz,
    published_on date,
    links_deleted_at timestamptz,
    constraint case_sample_shift_reason_check check (shift_weeks = 0 or coalesce(shift_reason, '') <> ''),
    constraint case_sample_statistical_check check (method = 'window' or (confidence is not null and margin is not null and seed is not null))
  )`,
  // The service's references: kept only until the sample is confirmed.
  `create table caseload_case (
    inspection_id int not null references inspection (id) on delete cascade,
    case_ref text not null,
    practitioner text not null,
    attributes jsonb not null,
    position int not null,
    primary key (inspection_id, case_ref)
  )`,
  // Pseudonym to the service's reference, deleted by the retention rule after publication.
  `create table case_link (
    inspection_id int not null references inspection (id) on delete cascade,
    pseudonym text not null,
    service_ref text not null,
    primary key (inspection_id, pseudonym),
    constraint case_link_service_ref_key unique (inspection_id, service_ref)
  )`,
  // The confirmed sample, by pseudonym, with the practitioner to interview.
  `create table sample_case (
    inspection_id int not null references inspection (id) on delete cascade,
    case_ref text not null,
    practitioner text not null,
    position int not null,
    primary key (inspection_id, case_ref)
  )`,

  `create table survey (
    id serial primary key,
    inspection_id int not null references inspection (id) on delete cascade,
    framework_key text not null,
    script jsonb not null,
    status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
    contacts_uploaded_by text,
    contacts_uploaded_at timestamptz,
    contacts_suppressed int not null default 0,
    sent_by text,
    sent_at timestamptz,
    closed_by text,
    closed_at timestamptz,
    created_at timestamptz not null default now(),
    constraint survey_inspection_key unique (inspection_id)
  )`,
  // phone (E.164) and name exist only while the survey runs; closing it deletes them.
  `create table survey_respondent (
    id serial primary key,
    survey_id int not null references survey (id) on delete cascade,
    number int not null,
    phone text,
    name text,
    state jsonb,
    status text not null default 'not-sent' check (status in ('not-sent', 'in-progress', 'completed', 'opted-out')),
    follow_up text,
    updated_at timestamptz not null default now(),
    constraint survey_respondent_number_key unique (survey_id, number),
    constraint survey_respondent_phone_key unique (survey_id, phone)
  )`,
  `create index survey_respondent_phone_idx on survey_respondent (phone) where phone is not null`,
  // One row per provider message id: a redelivery conflicts and changes nothing.
  `create table survey_inbound (
    provider_id text primary key,
    survey_id int references survey (id) on delete set null,
    respondent_id int references survey_respondent (id) on delete set null,
    event text not null,
    date_received timestamptz,
    received_at timestamptz not null default now()
  )`,
  `create index survey_inbound_respondent_idx on survey_inbound (respondent_id)`,
  // Texts to send, written in the transaction that decided them and sent after it commits.
  `create table sms_outbox (
    id bigserial primary key,
    respondent_id int references survey_respondent (id) on delete cascade,
    phone text,
    body text not null,
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
  `create index sms_outbox_pending_idx on sms_outbox (next_attempt_at, id) where status = 'pending'`,
  `create index sms_outbox_sending_idx on sms_outbox (claimed_at) where status = 'sending'`,
  `create index sms_outbox_respondent_idx on sms_outbox (respondent_id)`,
  // People who texted STOP, by a keyed hash of their number: it outlives every survey.
  `create table sms_suppression (
    phone_hash text primary key,
    created_at timestamptz not null default now()
  )`,
  `create table sms_secret (
    name text primary key,
    value text not null
  )`,
  `create table survey_interview_note (
    id serial primary key,
    survey_id int not null references survey (id) on delete cascade,
    respondent_id int references survey_respondent (id) on delete set null,
    prompts jsonb not null,
    text text not null,
    recorded_by text not null,
    recorded_at timestamptz not null default now()
  )`,
  `create index survey_interview_note_survey_idx on survey_interview_note (survey_id)`,
];

const tables = [
  'survey_interview_note',
  'sms_secret',
  'sms_suppression',
  'sms_outbox',
  'survey_inbound',
  'survey_respondent',
  'survey',
  'sample_case',
  'case_link',
  'caseload_case',
  'case_sample',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await sql.raw(`drop table ${table}`).execute(db);
}
