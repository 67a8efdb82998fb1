// The digest of the reference files last loaded, so a start whose files are unchanged skips
// re-reading every framework, region, PDU and youth service into the database.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reference_data_digest (
      name text primary key,
      digest text not null,
      loaded_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table reference_data_digest`.execute(db);
}
