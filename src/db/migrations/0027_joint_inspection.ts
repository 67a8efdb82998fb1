// A joint inspection's partners: the partner inspectorates that inspect alongside (ids from the
// framework file's regime.jointInspection) and the partner inspectors on the team. Partner
// inspectors are recorded by name, not given accounts: one who must sign in is given an account and
// added to the team as an inspector, which limits them to the inspections they are on.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table inspection_partner_inspectorate (
    inspection_id int not null references inspection (id) on delete cascade,
    inspectorate text not null,
    recorded_by text not null,
    recorded_at timestamptz not null default now(),
    primary key (inspection_id, inspectorate)
  )`,
  `create table inspection_partner_inspector (
    id serial primary key,
    inspection_id int not null references inspection (id) on delete cascade,
    inspectorate text not null,
    name text not null check (length(name) between 1 and 120),
    email text check (email is null or length(email) between 3 and 254),
    added_by text not null,
    added_at timestamptz not null default now(),
    foreign key (inspection_id, inspectorate) references inspection_partner_inspectorate (inspection_id, inspectorate)
  )`,
  `create index inspection_partner_inspector_inspection_idx on inspection_partner_inspector (inspection_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table inspection_partner_inspector').execute(db);
  await sql.raw('drop table inspection_partner_inspectorate').execute(db);
}
