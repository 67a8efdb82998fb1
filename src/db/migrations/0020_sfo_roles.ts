// The SFO QA team's roles: an SFO QA inspector and an SFO QA lead may hold an account.
import { sql, type Kysely } from 'kysely';

const ROLES_BEFORE = `'administrator', 'programme-manager', 'analyst', 'lead-inspector', 'inspector', 'service-staff'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`alter table app_user drop constraint app_user_role_check`).execute(db);
  await sql.raw(`alter table app_user add constraint app_user_role_check check (role in (${ROLES_BEFORE}, 'sfo-inspector', 'sfo-lead'))`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`alter table app_user drop constraint app_user_role_check`).execute(db);
  await sql.raw(`alter table app_user add constraint app_user_role_check check (role in (${ROLES_BEFORE}))`).execute(db);
}
