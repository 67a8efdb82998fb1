// The report's narrative, written in the app: every save of a section is a new version with its
// author and time (so the history and tracked changes are kept, and a save based on an older
// version is refused), approved by the lead inspector; and the team members the lead names as
// report writers. The foreword and overall findings already written become each section's first
// version, approved as they stood.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table report_section_version (
    id serial primary key,
    inspection_id int not null references inspection (id) on delete cascade,
    section text not null,
    version int not null check (version > 0),
    parts jsonb not null,
    author text not null,
    note text not null default '',
    factual_accuracy_comment_id int references factual_accuracy_comment (id) on delete set null,
    approved_by text,
    approved_at timestamptz,
    created_at timestamptz not null default now(),
    constraint report_section_version_once unique (inspection_id, section, version)
  )`,
  `create table report_writer (
    inspection_id int not null references inspection (id) on delete cascade,
    user_id int not null references app_user (id) on delete cascade,
    named_by text not null,
    named_at timestamptz not null default now(),
    primary key (inspection_id, user_id)
  )`,
  `insert into report_section_version (inspection_id, section, version, parts, author, approved_by, approved_at, created_at)
    select inspection_id, 'foreword', 1, jsonb_build_object('text', foreword), coalesce(updated_by, 'migration'), coalesce(updated_by, 'migration'), updated_at, updated_at
    from report where foreword <> ''`,
  `insert into report_section_version (inspection_id, section, version, parts, author, approved_by, approved_at, created_at)
    select inspection_id, 'overall-findings', 1, jsonb_build_object('text', overall_findings), coalesce(updated_by, 'migration'), coalesce(updated_by, 'migration'), updated_at, updated_at
    from report where overall_findings <> ''`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table report_writer').execute(db);
  await sql.raw('drop table report_section_version').execute(db);
}
