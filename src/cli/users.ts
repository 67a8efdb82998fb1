// `inspectorate users create`: an account from the command line, above all the first administrator
// of a new PostgreSQL database (which has no demonstration accounts). Through the same use case as
// user administration (createAccount: checks, scrypt hash, audit event with the actor cli:<user>).
// The password is typed twice on a terminal, read from standard input with --password-stdin, or
// generated and printed once.
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { ROLE_NAMES, type Role } from '../domain/access/permissions.ts';
import { AppError, fieldProblems } from '../services/errors.ts';
import { passwordProblem } from '../services/identity/passwords.ts';
import { createAccount, NewAccountSchema } from '../services/identity/users.ts';
import { pduNamed } from '../services/organisations.ts';
import type { DbOptions } from './database.ts';
import { CliError, decodeUtf8, readBytes } from './io.ts';
import { askHidden } from './prompt.ts';
import { actor, print, withDatabase } from './programme.ts';

const OPTION: Record<string, string> = { email: '--email', displayName: '--name', role: '--role', organisationId: '--service' };
const ROLE_ALIASES: Record<string, Role> = { admin: 'administrator' };

interface CreateOptions {
  email: string;
  role: string;
  name?: string;
  service?: string;
  passwordStdin?: boolean;
}

/** 18 random bytes: a 24-character password, well past the 12 the policy asks for. */
const generatePassword = () => randomBytes(18).toString('base64url');

async function choosePassword(o: CreateOptions): Promise<{ password: string; generated: boolean }> {
  if (o.passwordStdin) {
    const password = decodeUtf8('-', readBytes('-', 4096)).replace(/\r?\n$/, '');
    return { password, generated: false };
  }
  if (!process.stdin.isTTY) return { password: generatePassword(), generated: true };
  const password = await askHidden('Password (12 characters or more; leave empty to have one generated): ');
  if (!password) return { password: generatePassword(), generated: true };
  const problem = passwordProblem(password);
  if (problem) throw new CliError(`password: ${problem}`);
  if ((await askHidden('The same password again: ')) !== password) throw new CliError('password: the two passwords differ; no account was created');
  return { password, generated: false };
}

export function registerUserCommands(program: Command, dbOptions: () => DbOptions): void {
  const users = program.command('users').description('accounts (the first administrator of a new PostgreSQL database, say)');
  users
    .command('create')
    .description('create an account; the password is asked for on a terminal, read with --password-stdin, or generated and printed once')
    .requiredOption('--email <address>', 'the person\'s email address, which they sign in with')
    .requiredOption('--role <role>', `${Object.keys(ROLE_NAMES).join(', ')} (admin for administrator)`)
    .option('--name <name>', 'the person\'s name (default: the email address)')
    .option('--service <name>', 'for service-staff: the PDU they work for')
    .option('--password-stdin', 'read the password from standard input (for scripts)')
    .action(async (o: CreateOptions) => {
      const role = ROLE_ALIASES[o.role] ?? o.role;
      // Everything that needs no database is checked before the password is asked for.
      const checked = NewAccountSchema.safeParse({ email: o.email, displayName: o.name ?? o.email, role, organisationId: null });
      if (!checked.success)
        throw new CliError(
          fieldProblems(checked.error)
            .map((f) => (f.field === 'role' ? `--role: "${o.role}" is not a role; give one of ${Object.keys(ROLE_NAMES).join(', ')}` : `${OPTION[f.field] ?? f.field}: ${f.message}`))
            .join('\n'),
        );
      if ((checked.data.role === 'service-staff') !== (o.service !== undefined))
        throw new CliError(o.service === undefined ? '--service: give the PDU this person works for' : '--service: only staff of an inspected service (--role service-staff) belong to a service');
      const { password, generated } = await choosePassword(o);
      const problem = passwordProblem(password);
      if (problem) throw new CliError(`${o.passwordStdin ? '--password-stdin' : 'password'}: ${problem}`);
      await withDatabase(dbOptions(), async ({ db }) => {
        let organisationId: number | null = null;
        if (o.service !== undefined) {
          const pdu = await pduNamed(db, o.service);
          if (!pdu) throw new CliError(`--service: there is no PDU called "${o.service}"`);
          organisationId = pdu.id;
        }
        try {
          const user = await createAccount(db, { ...checked.data, organisationId, password }, actor());
          print(`Created account ${user.id}: ${user.email} (${user.displayName}), ${ROLE_NAMES[user.role]}`);
          if (generated) print(`Password, shown this once and stored only as a hash: ${password}`);
        } catch (e) {
          if (e instanceof AppError && e.code === 'conflict') throw new CliError(`--email: ${e.message}`);
          throw e;
        }
      });
    });
}
