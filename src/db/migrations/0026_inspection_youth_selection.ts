// Where a youth inspection came from: the programme's yearly youth selection and the service chosen
// in it (its reasons as they were), as inspection_booking records a PDU cycle's booking. A
// selected service becomes one inspection only.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create table inspection_youth_selection (
    inspection_id int primary key references inspection (id) on delete cascade,
    selection_id int not null references youth_selection (id) on delete cascade,
    service text not null,
    as_of date not null,
    reasons text not null,
    created_by text not null,
    created_at timestamptz not null default now(),
    constraint inspection_youth_selection_once unique (selection_id, service)
  )`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table inspection_youth_selection').execute(db);
}
