// Work on cases in the web app: who a case is assigned to, and a version number so that two
// inspectors saving the same case at once never overwrite each other silently.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `alter table inspection_case add column assigned_to int references app_user (id) on delete set null`,
  `alter table inspection_case add column version int not null default 1`,
  `alter table inspection_case add column updated_at timestamptz not null default now()`,
  `alter table inspection_case add column updated_by text`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['updated_by', 'updated_at', 'version', 'assigned_to']) await sql.raw(`alter table inspection_case drop column ${column}`).execute(db);
}
