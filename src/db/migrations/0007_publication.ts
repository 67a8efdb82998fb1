// Reports and their publication: the lead inspector's text and recommendations, factual accuracy
// comments from the inspected service, embargo recipients, and the services' action plans.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table report (
    inspection_id int primary key references inspection (id) on delete cascade,
    status text not null default 'draft' check (status in ('draft', 'factual-accuracy', 'embargoed', 'published')),
    foreword text not null default '',
    overall_findings text not null default '',
    publish_on date,
    updated_by text,
    updated_at timestamptz not null default now()
  )`,
  `create table recommendation (
    id serial primary key,
    inspection_id int not null references inspection (id) on delete cascade,
    addressed_to text not null check (addressed_to in ('pdu', 'region', 'national')),
    text text not null,
    position int not null
  )`,
  `create index recommendation_inspection_idx on recommendation (inspection_id, position)`,
  `create table factual_accuracy_comment (
    id serial primary key,
    inspection_id int not null references inspection (id) on delete cascade,
    author text not null,
    section text not null,
    comment text not null,
    decision text check (decision in ('accepted', 'rejected')),
    decision_reason text,
    decided_by text,
    created_at timestamptz not null default now(),
    decided_at timestamptz
  )`,
  `create index factual_accuracy_comment_inspection_idx on factual_accuracy_comment (inspection_id)`,
  `create table embargo_recipient (
    id serial primary key,
    inspection_id int not null references inspection (id) on delete cascade,
    name text not null,
    email text not null,
    organisation text not null default '',
    added_by text not null,
    added_at timestamptz not null default now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['embargo_recipient', 'factual_accuracy_comment', 'recommendation', 'report']) await sql.raw(`drop table ${table}`).execute(db);
}
