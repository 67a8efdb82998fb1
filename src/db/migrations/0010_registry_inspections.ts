// Inspection results recorded in the programme's registry by administrators (beside those of the
// reference data and those published in the app): the date published, fieldwork, the overall
// rating, where it comes from, and the inspection in the app it is, when it is one. A result is
// corrected in place and withdrawn rather than deleted; every change is audited.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table organisation_inspection (
    id serial primary key,
    organisation_id int not null references organisation (id) on delete cascade,
    published_on date not null,
    fieldwork_on date,
    overall_rating text not null check (overall_rating in ('Outstanding', 'Good', 'Requires improvement', 'Inadequate')),
    url text,
    source text,
    inspection_id int references inspection (id) on delete set null,
    recorded_by text not null,
    recorded_at timestamptz not null default now(),
    updated_by text,
    updated_at timestamptz,
    withdrawn_by text,
    withdrawn_at timestamptz,
    withdrawn_reason text,
    constraint organisation_inspection_dates_check check (fieldwork_on is null or fieldwork_on <= published_on)
  )`,
  `create index organisation_inspection_organisation_idx on organisation_inspection (organisation_id)`,
  // One standing result for an inspection of the app.
  `create unique index organisation_inspection_inspection_key on organisation_inspection (inspection_id) where inspection_id is not null and withdrawn_at is null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table organisation_inspection').execute(db);
}
