// Domain-one evidence: what the lead inspector (and the team members the lead allows) record
// against a domain-one standard's key question or prompt before rating it. A survey statement or a
// domain-two key question is linked by id, never copied, so its figures are always the inspection's
// own. Evidence is withdrawn, not deleted, so the audit trail and the record agree.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table domain_one_evidence (
    id serial primary key,
    inspection_id int not null references inspection (id) on delete cascade,
    standard_id text not null,
    item_id text not null,
    kind text not null check (kind in ('interview', 'document', 'survey', 'case-findings', 'observation', 'other')),
    source text not null,
    evidence_date date not null,
    body text not null default '',
    finding text not null check (finding in ('strength', 'area-for-improvement', 'neutral')),
    survey_statement_id text,
    case_key_question_id text,
    version int not null default 1 check (version > 0),
    recorded_by text not null,
    recorded_at timestamptz not null default now(),
    changed_by text,
    changed_at timestamptz,
    withdrawn_by text,
    withdrawn_at timestamptz,
    withdrawn_reason text
  )`,
  `create index domain_one_evidence_by_standard on domain_one_evidence (inspection_id, standard_id)`,
  `create table domain_one_evidence_writer (
    inspection_id int not null references inspection (id) on delete cascade,
    user_id int not null references app_user (id) on delete cascade,
    allowed_by text not null,
    allowed_at timestamptz not null default now(),
    primary key (inspection_id, user_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table domain_one_evidence_writer').execute(db);
  await sql.raw('drop table domain_one_evidence').execute(db);
}
