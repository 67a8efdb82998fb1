// The document of an SFO review (the region's PDF or Word review), stored in the database: its
// bytes, file name, media type (read from the bytes), size and SHA-256, who uploaded it and when.
// A replacement never overwrites: the earlier document is kept, marked replaced (by whom, when),
// so every version stays; at most one per review is current.
import { sql, type Kysely } from 'kysely';

const upStatements = [
  `create table sfo_review_document (
    id serial primary key,
    review_id int not null references sfo_review (id),
    file_name text not null check (length(btrim(file_name)) > 0),
    media_type text not null check (media_type in ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
    size_bytes int not null check (size_bytes > 0),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    content bytea not null,
    uploaded_by text not null,
    uploaded_at timestamptz not null default now(),
    replaced_by text,
    replaced_at timestamptz,
    constraint sfo_review_document_replaced check ((replaced_by is null) = (replaced_at is null)),
    constraint sfo_review_document_size check (octet_length(content) = size_bytes)
  )`,
  `create unique index sfo_review_document_current_idx on sfo_review_document (review_id) where replaced_at is null`,
  `create index sfo_review_document_review_idx on sfo_review_document (review_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`drop table sfo_review_document`).execute(db);
}
