// Multi-agency learning panels on SFO reviews: each panel's date, name, the agencies attending and
// its learning points; the reviews from the register it discussed; its actions, each with an
// owner, a due date, the region it is for (none: its reviews' regions) and a state.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table sfo_learning_panel (
    id serial primary key,
    held_on date not null,
    title text not null check (length(btrim(title)) > 0),
    agencies jsonb not null,
    learning_points jsonb not null,
    created_by text not null,
    created_at timestamptz not null default now(),
    updated_by text not null,
    updated_at timestamptz not null default now()
  )`,
  `create table sfo_panel_review (
    panel_id int not null references sfo_learning_panel (id) on delete cascade,
    review_id int not null references sfo_review (id),
    primary key (panel_id, review_id)
  )`,
  `create index sfo_panel_review_review_idx on sfo_panel_review (review_id)`,
  `create table sfo_panel_action (
    id serial primary key,
    panel_id int not null references sfo_learning_panel (id) on delete cascade,
    description text not null check (length(btrim(description)) > 0),
    owner text not null check (length(btrim(owner)) > 0),
    region_id int references organisation (id),
    due_on date not null,
    state text not null default 'open' check (state in ('open', 'in-progress', 'completed', 'withdrawn')),
    state_note text,
    created_by text not null,
    created_at timestamptz not null default now(),
    updated_by text not null,
    updated_at timestamptz not null default now()
  )`,
  `create index sfo_panel_action_panel_idx on sfo_panel_action (panel_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sfo_panel_action', 'sfo_panel_review', 'sfo_learning_panel']) await sql.raw(`drop table ${table}`).execute(db);
}
