// After publication: the service's answer to each recommendation (with actions, owner and date),
// its progress updates, and at the next inspection whether each recommendation was met.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table recommendation_response (
    recommendation_id int primary key references recommendation (id) on delete cascade,
    response text not null check (response in ('agreed', 'partly-agreed', 'not-agreed')),
    actions text not null,
    owner text not null,
    due_on date,
    responded_by text not null,
    responded_at timestamptz not null default now()
  )`,
  `create table recommendation_progress (
    id serial primary key,
    recommendation_id int not null references recommendation (id) on delete cascade,
    note text not null,
    recorded_by text not null,
    recorded_at timestamptz not null default now()
  )`,
  `create table recommendation_review (
    recommendation_id int not null references recommendation (id) on delete cascade,
    reviewed_in int not null references inspection (id) on delete cascade,
    outcome text not null check (outcome in ('met', 'partly-met', 'not-met')),
    note text not null,
    recorded_by text not null,
    recorded_at timestamptz not null default now(),
    primary key (recommendation_id, reviewed_in)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['recommendation_review', 'recommendation_progress', 'recommendation_response']) await sql.raw(`drop table ${table}`).execute(db);
}
