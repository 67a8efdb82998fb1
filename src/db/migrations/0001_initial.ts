// The first schema: frameworks, organisations, inspections, case assessments, judgements, audit.
// Plain PostgreSQL 15 SQL (production runs 15, PGlite runs 18), one statement per query because
// PGlite's query API takes a single statement.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table framework (
    id text not null,
    version text not null,
    title text not null,
    definition jsonb not null,
    source_text text not null,
    loaded_at timestamptz not null default now(),
    primary key (id, version)
  )`,

  `create table organisation (
    id serial primary key,
    kind text not null check (kind in ('region', 'pdu', 'youth-service', 'national')),
    name text not null,
    code text,
    parent_id int references organisation (id),
    details jsonb not null default '{}'
  )`,
  // One name per kind under a parent; coalesce because NULL parents never collide in a plain unique.
  `create unique index organisation_kind_parent_name_key on organisation (kind, coalesce(parent_id, 0), name)`,
  `create index organisation_parent_id_idx on organisation (parent_id)`,

  `create table inspection (
    id serial primary key,
    organisation_id int not null references organisation (id),
    framework_id text not null,
    framework_version text not null,
    title text not null,
    fieldwork_start date not null,
    fieldwork_end date not null,
    status text not null default 'in-progress' check (status in ('in-progress', 'signed-off')),
    is_demo boolean not null default false,
    created_at timestamptz not null default now(),
    constraint inspection_framework_fkey foreign key (framework_id, framework_version)
      references framework (id, version),
    constraint inspection_fieldwork_check check (fieldwork_end >= fieldwork_start)
  )`,
  `create index inspection_organisation_id_idx on inspection (organisation_id)`,
  `create index inspection_framework_idx on inspection (framework_id, framework_version)`,

  `create table inspection_case (
    id serial primary key,
    inspection_id int not null references inspection (id) on delete cascade,
    case_ref text not null,
    attributes jsonb not null default '{}',
    constraint inspection_case_ref_key unique (inspection_id, case_ref)
  )`,

  `create table case_answer (
    case_id int not null references inspection_case (id) on delete cascade,
    item_id text not null,
    answer text not null check (answer in ('yes', 'no', 'na')),
    primary key (case_id, item_id)
  )`,

  `create table case_outcome (
    case_id int not null references inspection_case (id) on delete cascade,
    item_id text not null,
    progress text check (progress in ('sufficient', 'some', 'none')),
    stability_credited boolean,
    primary key (case_id, item_id)
  )`,

  `create table case_evidence (
    case_id int not null references inspection_case (id) on delete cascade,
    item_id text not null,
    text text not null,
    primary key (case_id, item_id)
  )`,

  `create table inspection_judgement (
    inspection_id int not null references inspection (id) on delete cascade,
    item_id text not null,
    rating text not null,
    rationale text,
    recorded_by text not null,
    recorded_at timestamptz not null default now(),
    primary key (inspection_id, item_id)
  )`,

  // No foreign key on inspection_id: the history survives the inspection's deletion.
  `create table audit_event (
    id bigserial primary key,
    at timestamptz not null default now(),
    actor text not null,
    action text not null,
    entity text not null,
    entity_id text not null,
    inspection_id int,
    before jsonb,
    after jsonb
  )`,
  `create index audit_event_inspection_at_idx on audit_event (inspection_id, at)`,
];

const downStatements = [
  'drop table audit_event',
  'drop table inspection_judgement',
  'drop table case_evidence',
  'drop table case_outcome',
  'drop table case_answer',
  'drop table inspection_case',
  'drop table inspection',
  'drop table organisation',
  'drop table framework',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db);
}
