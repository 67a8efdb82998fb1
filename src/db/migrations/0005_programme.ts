// The inspection programme: names over time and intelligence for the registry of organisations,
// PDU cycle plans with every revision's input, youth-service selections with their seed, programme
// years with thematic and research topics, and the consultation's questions and responses.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table organisation_name (
    id serial primary key,
    organisation_id int not null references organisation (id) on delete cascade,
    name text not null,
    valid_from date,
    valid_to date,
    source text not null check (source in ('reference', 'recorded')),
    note text,
    recorded_by text not null,
    recorded_at timestamptz not null default now(),
    constraint organisation_name_dates_check check (valid_to is null or valid_from is null or valid_to > valid_from)
  )`,
  `create index organisation_name_organisation_idx on organisation_name (organisation_id)`,
  `create index organisation_name_name_idx on organisation_name (lower(name))`,

  `create table organisation_intelligence (
    organisation_id int primary key references organisation (id) on delete cascade,
    caseload int check (caseload >= 0),
    caseload_as_of date,
    concerns int check (concerns >= 0),
    performance double precision check (performance >= 0 and performance <= 1),
    joint_inspection boolean,
    note text,
    updated_by text not null,
    updated_at timestamptz not null default now()
  )`,

  `create table programme_cycle (
    id serial primary key,
    title text not null,
    created_by text not null,
    created_at timestamptz not null default now()
  )`,
  `create table programme_cycle_revision (
    cycle_id int not null references programme_cycle (id) on delete cascade,
    revision int not null check (revision >= 1),
    input jsonb not null,
    plan jsonb not null,
    organisation_ids jsonb not null default '{}',
    change text not null,
    created_by text not null,
    created_at timestamptz not null default now(),
    primary key (cycle_id, revision)
  )`,

  `create table youth_selection (
    id serial primary key,
    title text not null,
    as_of date not null,
    seed int not null,
    input jsonb not null,
    result jsonb not null,
    created_by text not null,
    created_at timestamptz not null default now()
  )`,

  `create table programme_year (
    id serial primary key,
    label text not null unique,
    starts_on date not null,
    fieldwork_slots int not null default 0 check (fieldwork_slots >= 0),
    desktop_slots int not null default 0 check (desktop_slots >= 0),
    research_slots int not null default 0 check (research_slots >= 0),
    cycle_id int references programme_cycle (id) on delete set null,
    cycle_year int check (cycle_year >= 1),
    youth_selection_id int references youth_selection (id) on delete set null,
    consultation_closes date,
    created_by text not null,
    created_at timestamptz not null default now()
  )`,

  `create table programme_topic (
    id serial primary key,
    year_id int not null references programme_year (id) on delete cascade,
    title text not null,
    slot text not null check (slot in ('fieldwork', 'desktop', 'research')),
    size int not null default 1 check (size >= 1),
    scores jsonb not null default '{}',
    committed boolean not null default false,
    joint_with text,
    summary text,
    updated_by text not null,
    updated_at timestamptz not null default now()
  )`,
  `create index programme_topic_year_idx on programme_topic (year_id)`,

  `create table consultation_question (
    id serial primary key,
    year_id int not null references programme_year (id) on delete cascade,
    section text not null check (section in ('core', 'thematic', 'future-thematic', 'research')),
    position int not null,
    text text not null,
    guidance text,
    updated_by text not null,
    updated_at timestamptz not null default now()
  )`,
  `create index consultation_question_year_idx on consultation_question (year_id, position)`,

  `create table consultation_response (
    id serial primary key,
    question_id int not null references consultation_question (id),
    respondent_name text,
    respondent_organisation text,
    received_on date not null,
    text text not null,
    recorded_by text not null,
    recorded_at timestamptz not null default now()
  )`,
  `create index consultation_response_question_idx on consultation_response (question_id)`,
];

const downStatements = [
  'drop table consultation_response',
  'drop table consultation_question',
  'drop table programme_topic',
  'drop table programme_year',
  'drop table youth_selection',
  'drop table programme_cycle_revision',
  'drop table programme_cycle',
  'drop table organisation_intelligence',
  'drop table organisation_name',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db);
}
