// An inspection's timeline and where it came from: the programme booking an inspection was made
// from (one inspection per booking of a cycle, the week and team carried over), and every move of
// a milestone's date with its reason (the newest move of a milestone is its date; the defaults
// are worked out, not stored).
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table inspection_booking (
    inspection_id int primary key references inspection (id) on delete cascade,
    cycle_id int not null references programme_cycle (id) on delete cascade,
    booking text not null,
    revision int not null,
    week date not null,
    team text,
    created_by text not null,
    created_at timestamptz not null default now(),
    constraint inspection_booking_once unique (cycle_id, booking)
  )`,
  `create table inspection_milestone_move (
    id serial primary key,
    inspection_id int not null references inspection (id) on delete cascade,
    milestone text not null,
    from_on date not null,
    to_on date not null,
    reason text not null check (length(btrim(reason)) > 0),
    moved_by text not null,
    moved_at timestamptz not null default now()
  )`,
  `create index inspection_milestone_move_inspection_idx on inspection_milestone_move (inspection_id, milestone, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table inspection_milestone_move').execute(db);
  await sql.raw('drop table inspection_booking').execute(db);
}
