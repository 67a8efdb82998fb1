// The request that caused each audit event (the id in the request log and on error pages), so an
// event can be matched to its log lines. Null for events from the command line and start-up.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table audit_event add column request_id text').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table audit_event drop column request_id').execute(db);
}
