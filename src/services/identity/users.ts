// Managing accounts: every change audited, passwords only ever stored hashed.
import { z } from 'zod';
import {
  createUser,
  deleteSessionsOfUser,
  findUserCredentials,
  getOrganisation,
  getUser,
  listUsers,
  recordAudit,
  updateUser,
  inTransaction,
  type Db,
  type User,
} from '../../db/repositories/index.ts';
import { ROLES, type Role } from '../../domain/access/permissions.ts';
import { AppError } from '../errors.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

export const NewAccountSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter an email address in the correct format, like name@example.com'),
  displayName: z.string().trim().min(1, 'Enter the person’s name').max(200),
  role: z.enum(ROLES, { message: 'Select a role' }),
  organisationId: z.number().int().positive().nullable().default(null),
  password: z.string().optional(),
});
export type NewAccount = z.input<typeof NewAccountSchema>;

/** Public view of an account for audit entries: never the hash. */
const auditView = (u: User) => ({ email: u.email, displayName: u.displayName, role: u.role, organisationId: u.organisationId, active: u.active });

/** `passwordHash`: the password already hashed (hashPassword), so that several can be hashed at once. */
export async function createAccount(db: Db, input: NewAccount, actor: string, options: { isDemo?: boolean; passwordHash?: string } = {}): Promise<User> {
  const data = NewAccountSchema.parse(input);
  if (data.role === 'service-staff') {
    const organisation = data.organisationId === null ? undefined : await getOrganisation(db, data.organisationId);
    if (!organisation) throw new AppError('invalid', 'Select the service this person works for');
  } else if (data.organisationId !== null) throw new AppError('invalid', 'Only staff of an inspected service belong to a service');
  if (data.password !== undefined) {
    const problem = passwordProblem(data.password);
    if (problem) throw new AppError('invalid', problem);
  }
  if (await findUserCredentials(db, data.email)) throw new AppError('conflict', `There is already an account for ${data.email}`);
  return inTransaction(db, async (trx) => {
    const user = await createUser(trx, {
      email: data.email,
      displayName: data.displayName,
      role: data.role,
      organisationId: data.organisationId,
      passwordHash: data.password === undefined ? null : (options.passwordHash ?? (await hashPassword(data.password))),
      isDemo: options.isDemo ?? false,
    });
    await recordAudit(trx, { actor, action: 'user.created', entity: 'user', entityId: user.id, after: auditView(user) });
    return user;
  });
}

export async function setAccountActive(db: Db, userId: number, active: boolean, actor: string): Promise<User> {
  return inTransaction(db, async (trx) => {
    const before = await getUser(trx, userId);
    if (!before) throw new AppError('not-found', `There is no user ${userId}`);
    const after = (await updateUser(trx, userId, { active }))!;
    if (!active) await deleteSessionsOfUser(trx, userId);
    await recordAudit(trx, { actor, action: active ? 'user.enabled' : 'user.disabled', entity: 'user', entityId: userId, before: auditView(before), after: auditView(after) });
    return after;
  });
}

export async function changeRole(db: Db, userId: number, role: Role, organisationId: number | null, actor: string): Promise<User> {
  return inTransaction(db, async (trx) => {
    const before = await getUser(trx, userId);
    if (!before) throw new AppError('not-found', `There is no user ${userId}`);
    if ((role === 'service-staff') !== (organisationId !== null)) throw new AppError('invalid', 'Staff of an inspected service, and only they, belong to a service');
    if (before.role === role && before.organisationId === organisationId) return before;
    const after = (await updateUser(trx, userId, { role, organisationId }))!;
    await deleteSessionsOfUser(trx, userId); // new rights take effect at the next sign-in
    await recordAudit(trx, { actor, action: 'user.role-changed', entity: 'user', entityId: userId, before: auditView(before), after: auditView(after) });
    return after;
  });
}

/** Every account, for the administrators' list. */
export const listAccounts = (db: Db): Promise<User[]> => listUsers(db);

/** The account with that id, if there is one. */
export const accountOf = (db: Db, userId: number): Promise<User | undefined> => getUser(db, userId);

/** Each account's name by its id, for pages that name the people who did something. */
export async function accountNames(db: Db): Promise<Map<number, string>> {
  return new Map((await listUsers(db)).map((u) => [u.id, u.displayName]));
}
