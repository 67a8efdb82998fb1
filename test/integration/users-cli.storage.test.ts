// `inspectorate users create`: the first administrator of a database with no accounts, through the
// same use case as user administration (audited as cli:<user>); bad options named; the password
// generated and printed once, or read from standard input. In-process on the file's one test
// database; the password from standard input by a real process on an embedded data folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { listAudit, listUsers } from '../../src/db/repositories/index.ts';
import { signInWithPassword } from '../../src/services/identity/sign-in.ts';
import { openCliTestDatabase, runCapturing, seedDataDir } from '../support/cli.ts';
import type { TestDatabase } from '../support/test-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'inspectorate-users-cli-'));
const dataDir = join(dir, 'data');
let t: TestDatabase;
let stdinIsTty: PropertyDescriptor | undefined;
beforeAll(async () => {
  t = await openCliTestDatabase();
  vi.stubEnv('INSPECTORATE_USER', 'setup-person');
  // Not a terminal, as in a script: the password is generated (a terminal would be asked).
  stdinIsTty = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
  Object.defineProperty(process.stdin, 'isTTY', { value: undefined, configurable: true });
});
afterAll(async () => {
  await t?.close();
  vi.unstubAllEnvs();
  if (stdinIsTty) Object.defineProperty(process.stdin, 'isTTY', stdinIsTty);
  else delete (process.stdin as { isTTY?: boolean }).isTTY;
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => runCapturing(['users', 'create', ...args], t);
const withDb = <T>(fn: (db: TestDatabase['db']) => Promise<T>): Promise<T> => fn(t.db);

/** Opens the data folder a real process wrote, for a look. */
async function withDataDir<T>(fn: (db: TestDatabase['db']) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

describe('inspectorate users create', () => {
  it('creates an administrator with a generated password, printed once, that signs in; audited as the person at the command line', async () => {
    const created = await run('--email', 'Ada.Admin@Example.org', '--role', 'admin', '--name', 'Ada Admin');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^Created account \d+: ada\.admin@example\.org \(Ada Admin\), Administrator\nPassword, shown this once and stored only as a hash: (\S{24})\n$/);
    const password = created.stdout.match(/hash: (\S+)/)![1]!;
    await withDb(async (db) => {
      const user = (await listUsers(db)).find((u) => u.email === 'ada.admin@example.org')!;
      expect(user).toMatchObject({ role: 'administrator', displayName: 'Ada Admin', active: true, isDemo: false });
      const event = (await listAudit(db, { entity: 'user', entityId: user.id })).find((e) => e.action === 'user.created')!;
      expect(event.actor).toBe('cli:setup-person');
      expect(JSON.stringify(event)).not.toContain(password);
      expect((await signInWithPassword(db, { email: 'ada.admin@example.org', password, ip: '127.0.0.1' }, new Date())).outcome).toBe('signed-in');
    });
  }, 120_000);

  it('names the option at fault and creates nothing', async () => {
    const count = () => withDb(async (db) => (await listUsers(db)).length);
    const before = await count();
    for (const [args, message] of [
      [['--email', 'not-an-address', '--role', 'admin'], /^--email: Enter an email address in the correct format/],
      [['--email', 'x@example.org', '--role', 'boss'], /^--role: "boss" is not a role; give one of administrator, programme-manager/],
      [['--email', 'x@example.org', '--role', 'service-staff'], /^--service: give the PDU this person works for/],
      [['--email', 'x@example.org', '--role', 'inspector', '--service', 'Leeds'], /^--service: only staff of an inspected service/],
      [['--email', 'x@example.org', '--role', 'service-staff', '--service', 'Atlantis'], /^--service: there is no PDU called "Atlantis"/],
      [['--email', 'ADA.ADMIN@example.org', '--role', 'analyst'], /^--email: There is already an account for ada\.admin@example\.org/],
    ] as const) {
      const refused = await run(...args);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toMatch(message);
      expect(refused.stdout).toBe('');
    }
    expect(await count()).toBe(before);
    const staff = await run('--email', 'sam@leeds.example.org', '--role', 'service-staff', '--service', 'Leeds');
    expect(staff.stdout).toMatch(/Staff of an inspected service/);
  }, 120_000);

  it('reads the password from standard input with --password-stdin, and refuses a short one naming the option', async () => {
    await seedDataDir(dataDir);
    const cli = (input: string, ...args: string[]) =>
      spawnSync(process.execPath, ['bin/inspectorate.js', '--data-dir', dataDir, 'users', 'create', '--password-stdin', ...args], {
        input,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '' },
        timeout: 60_000,
      });
    const short = cli('short\n', '--email', 'pat@example.org', '--role', 'analyst');
    expect(short.status).toBe(1);
    expect(short.stderr).toBe('--password-stdin: Enter a password of at least 12 characters\n');
    const made = cli('a long enough pass phrase\n', '--email', 'pat@example.org', '--role', 'analyst');
    expect(made.stderr).toBe('');
    expect(made.stdout).toMatch(/^Created account \d+: pat@example\.org \(pat@example\.org\), Analyst\n$/); // no password printed
    return withDataDir(async (db) => {
      expect((await signInWithPassword(db, { email: 'pat@example.org', password: 'a long enough pass phrase', ip: '127.0.0.1' }, new Date())).outcome).toBe('signed-in');
    });
  }, 120_000);
});
