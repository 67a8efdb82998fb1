// Quality assurance: the dip-sample plan, second (blind) assessments, and the lead inspector's
// settlement of each disagreement.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table qa_plan (
    inspection_id int primary key references inspection (id) on delete cascade,
    share numeric not null check (share >= 0 and share <= 1),
    first_inspection_all boolean not null,
    minimum_per_inspector int not null check (minimum_per_inspector >= 0),
    seed int not null,
    drawn_by text not null,
    drawn_at timestamptz not null default now()
  )`,
  `create table second_assessment (
    inspection_id int not null references inspection (id) on delete cascade,
    case_ref text not null,
    reason text not null,
    assessor_id int references app_user (id) on delete set null,
    answers jsonb not null default '{}',
    outcomes jsonb not null default '{}',
    evidence jsonb not null default '{}',
    version int not null default 1,
    submitted_at timestamptz,
    primary key (inspection_id, case_ref)
  )`,
  `create index second_assessment_assessor_idx on second_assessment (assessor_id)`,
  `create table qa_settlement (
    inspection_id int not null references inspection (id) on delete cascade,
    case_ref text not null,
    item_id text not null,
    first_value text not null,
    second_value text not null,
    settled_value text not null check (settled_value in ('yes', 'no', 'na')),
    reason text not null,
    settled_by text not null,
    settled_at timestamptz not null default now(),
    primary key (inspection_id, case_ref, item_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['qa_settlement', 'second_assessment', 'qa_plan']) await sql.raw(`drop table ${table}`).execute(db);
}
