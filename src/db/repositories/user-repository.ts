// Accounts of the inspectorate's staff and of the services' staff.
import { sql, type Selectable } from 'kysely';
import type { AppUserTable, UserRole } from '../schema.ts';
import type { Db } from './shared.ts';

export interface User {
  id: number;
  email: string;
  displayName: string;
  role: UserRole;
  organisationId: number | null;
  hasPassword: boolean;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  active: boolean;
  isDemo: boolean;
  createdAt: Date;
  lastSignedInAt: Date | null;
}

export interface UserInput {
  email: string;
  displayName: string;
  role: UserRole;
  organisationId?: number | null;
  passwordHash?: string | null;
  oidcIssuer?: string | null;
  oidcSubject?: string | null;
  active?: boolean;
  isDemo?: boolean;
}

export const toUser = (r: Selectable<AppUserTable>): User => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  organisationId: r.organisation_id,
  hasPassword: r.password_hash !== null,
  oidcIssuer: r.oidc_issuer,
  oidcSubject: r.oidc_subject,
  active: r.active,
  isDemo: r.is_demo,
  createdAt: r.created_at,
  lastSignedInAt: r.last_signed_in_at,
});

export async function createUser(db: Db, input: UserInput): Promise<User> {
  const row = await db
    .insertInto('app_user')
    .values({
      email: input.email,
      display_name: input.displayName,
      role: input.role,
      organisation_id: input.organisationId ?? null,
      password_hash: input.passwordHash ?? null,
      oidc_issuer: input.oidcIssuer ?? null,
      oidc_subject: input.oidcSubject ?? null,
      active: input.active,
      is_demo: input.isDemo,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function updateUser(db: Db, id: number, changes: Partial<Omit<UserInput, 'isDemo'>>): Promise<User | undefined> {
  const row = await db
    .updateTable('app_user')
    .set({
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.organisationId !== undefined ? { organisation_id: changes.organisationId } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(changes.oidcIssuer !== undefined ? { oidc_issuer: changes.oidcIssuer } : {}),
      ...(changes.oidcSubject !== undefined ? { oidc_subject: changes.oidcSubject } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toUser(row);
}

export async function getUser(db: Db, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

/** The account and its password hash, for signing in; the hash never leaves the identity service. */
export async function findUserCredentials(db: Db, email: string): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db.selectFrom('app_user').selectAll().where(sql<boolean>`lower(email) = lower(${email})`).executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export async function findUserByOidc(db: Db, issuer: string, subject: string): Promise<User | undefined> {
  const row = await db.selectFrom('app_user').selectAll().where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst();
  return row && toUser(row);
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('app_user').selectAll().orderBy(sql`lower(display_name)`).orderBy('id').execute();
  return rows.map(toUser);
}

export async function markSignedIn(db: Db, id: number): Promise<void> {
  await db.updateTable('app_user').set({ last_signed_in_at: sql<Date>`now()` }).where('id', '=', id).execute();
}
