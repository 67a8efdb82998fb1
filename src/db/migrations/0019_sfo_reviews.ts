// Quality assurance of Serious Further Offence reviews: the SFO review framework's versions (kept
// apart from the case-based frameworks, whose shape differs), the register of reviews, samples
// (period, share, seed, the reviews drawn, the selection now and every change by hand with its
// reason), and assessments (each standard's rating with rationale and evidence, the overall
// rating, the state).
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table sfo_framework (
    id text not null,
    version text not null,
    title text not null,
    definition jsonb not null,
    source_text text not null,
    loaded_at timestamptz not null default now(),
    primary key (id, version)
  )`,
  `create table sfo_review (
    id serial primary key,
    review_ref text not null unique,
    region_id int not null references organisation (id),
    pdu text,
    offence_category text not null,
    notified_on date not null,
    submitted_on date,
    extension_granted boolean not null,
    author_role text,
    created_by text not null,
    created_at timestamptz not null default now(),
    constraint sfo_review_submitted_after_notified check (submitted_on is null or submitted_on >= notified_on)
  )`,
  `create index sfo_review_submitted_idx on sfo_review (submitted_on, region_id)`,
  `create table sfo_sample (
    id serial primary key,
    framework_id text not null,
    framework_version text not null,
    period_from date not null,
    period_to date not null,
    share double precision not null check (share > 0 and share <= 1),
    seed bigint not null check (seed between 0 and 4294967295),
    drawn jsonb not null,
    drawn_by text not null,
    drawn_at timestamptz not null default now(),
    foreign key (framework_id, framework_version) references sfo_framework (id, version),
    constraint sfo_sample_period check (period_to >= period_from)
  )`,
  `create table sfo_sample_review (
    sample_id int not null references sfo_sample (id) on delete cascade,
    review_id int not null references sfo_review (id),
    added_by_hand boolean not null default false,
    primary key (sample_id, review_id)
  )`,
  `create table sfo_sample_change (
    id serial primary key,
    sample_id int not null references sfo_sample (id) on delete cascade,
    review_id int not null references sfo_review (id),
    change text not null check (change in ('add', 'remove')),
    reason text not null check (length(btrim(reason)) > 0),
    changed_by text not null,
    changed_at timestamptz not null default now()
  )`,
  `create index sfo_sample_change_sample_idx on sfo_sample_change (sample_id, id)`,
  `create table sfo_assessment (
    id serial primary key,
    sample_id int not null,
    review_id int not null,
    framework_id text not null,
    framework_version text not null,
    inspector_id int references app_user (id),
    state text not null default 'not-started' check (state in ('not-started', 'in-progress', 'submitted', 'moderated', 'signed-off')),
    overall_rating text,
    overall_rationale text,
    updated_by text not null,
    updated_at timestamptz not null default now(),
    foreign key (sample_id, review_id) references sfo_sample_review (sample_id, review_id),
    foreign key (framework_id, framework_version) references sfo_framework (id, version),
    unique (sample_id, review_id)
  )`,
  `create table sfo_standard_rating (
    assessment_id int not null references sfo_assessment (id) on delete cascade,
    standard_id text not null,
    rating text,
    rationale text,
    evidence text,
    updated_by text not null,
    updated_at timestamptz not null default now(),
    primary key (assessment_id, standard_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sfo_standard_rating', 'sfo_assessment', 'sfo_sample_change', 'sfo_sample_review', 'sfo_sample', 'sfo_review', 'sfo_framework'])
    await sql.raw(`drop table ${table}`).execute(db);
}
