// `npm start` and the command line as real processes: a start that cannot go ahead says why in one
// line (no stack trace) and quickly; the port is taken before the database is opened; and one
// embedded data folder is one process's at a time: a second server and the command line are refused
// while a server holds it, naming it, and the folder is free again once that server has died.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { npmStartArgs } from '../support/entry-point.ts';

const dir = mkdtempSync(join(tmpdir(), 'inspectorate-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const env = (more: Record<string, string>) => {
  const { DATABASE_URL: _url, PORT: _port, HOST: _host, DATA_DIR: _dir, DEMO_DATA: _demo, ...rest } = process.env;
  return { ...rest, DEMO_DATA: 'off', ...more };
};

// `npm start` as it runs (scripts/start.mjs and the bundle) when the build is up to date, else src/main.ts through tsx (entry-point.ts).
const entry = npmStartArgs();

/** Runs `npm start`'s entry point to its end. */
const start = (more: Record<string, string>, timeout = 60_000) => spawnSync(process.execPath, entry, { env: env(more), encoding: 'utf8', timeout });

const cli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['bin/inspectorate.js', ...args], { env: env({ DATA_DIR: dataDir }), encoding: 'utf8', timeout: 120_000 });

/** Unpacks the storage project's template with the reference data (else the migrated one) into an embedded database folder. */
function seedWithReferenceData(folder: string): void {
  const reference = inject('pgliteReferenceTemplatePath');
  const template = reference && existsSync(reference) ? reference : inject('pgliteTemplatePath'); // the first is cleared by a later run after an edit
  if (!template) return;
  mkdirSync(folder, { recursive: true });
  execFileSync('tar', ['-xf', template, '-C', folder], { stdio: 'pipe' });
}

/** Refused in exactly one line, with no stack trace. */
function expectOneLine(run: { status: number | null; stderr: string }, pattern: RegExp) {
  expect(run.status, run.stderr).toBe(1);
  expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr.trimEnd()).toMatch(pattern);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe.skipIf(!!process.env.TEST_DATABASE_URL)('starting the server', { timeout: 120_000 }, () => {
  it('names a wrong setting in one line', () => {
    expectOneLine(start({ PORT: 'eighty', DATA_DIR: join(dir, 'unused') }), /^Configuration is not valid: PORT="eighty": must be a whole number from 1 to 65535$/);
  });

  it('says in one line when the PostgreSQL server cannot be reached', () => {
    expectOneLine(start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/inspectorate', PORT: '3425' }), /^Cannot use the PostgreSQL server in DATABASE_URL: connection refused \(connect ECONNREFUSED 127\.0\.0\.1:1\)\.$/);
  });

  it('refuses demonstration accounts on a server reachable beyond this machine', () => {
    expectOneLine(start({ HOST: '0.0.0.0', DEMO_DATA: 'on', PORT: '3420', DATA_DIR: join(dir, 'demo') }), /HOST=0\.0\.0\.0 serves beyond this machine.*set DEMO_DATA=off/);
    expect(existsSync(join(dir, 'demo'))).toBe(false);
  });

  it('says a port is in use before it opens the database', async () => {
    // A port the system hands out, so that no other program can hold it already.
    const taken: Server = createServer();
    await new Promise<void>((listening, failed) => taken.once('error', failed).listen(0, '127.0.0.1', listening));
    const port = (taken.address() as AddressInfo).port;
    try {
      const dataDir = join(dir, 'port');
      const run = start({ PORT: String(port), DATA_DIR: dataDir });
      expectOneLine(run, new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is already in use: stop the other program or set PORT to another port\\.$`));
      expect(existsSync(join(dataDir, 'pglite'))).toBe(false); // neither opened nor migrated
    } finally {
      await new Promise((closed) => taken.close(closed));
    }
  });

  it('fails within seconds when DATA_DIR cannot hold a database', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const [dataDir, why] of [
      [file, /it or a folder above it is a file, not a folder/],
      ['/proc/inspectorate', /it cannot be created there/],
    ] as const) {
      const started = Date.now();
      expectOneLine(start({ PORT: '3422', DATA_DIR: dataDir }, 20_000), new RegExp(`^The embedded database cannot be kept in ${dataDir}/pglite: ${why.source}\\. Set DATA_DIR to a folder this user can write\\.$`));
      expect(Date.now() - started).toBeLessThan(15_000);
    }
  });
});

describe.skipIf(!!process.env.TEST_DATABASE_URL)('one process on an embedded data folder', { timeout: 240_000 }, () => {
  const dataDir = join(dir, 'shared');

  it('refuses a second server and the command line while a server holds the folder, and frees it when the server dies', async () => {
    // A migrated folder with the reference data (the storage project's template): the server still
    // opens it, checks the migrations and the reference digest, but runs no initdb and migration.
    seedWithReferenceData(join(dataDir, 'pglite'));
    const server = spawn(process.execPath, entry, { env: env({ PORT: '3423', DATA_DIR: dataDir }), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(server);
    let output = '';
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    // While it opens the folder (seconds), the port already answers: alive, not yet ready.
    const whileStarting = new Set<string>();
    const status = (path: string) => fetch(`http://127.0.0.1:3423${path}`).then((r) => r.status, () => 0);
    for (const deadline = Date.now() + 200_000; !output.includes('Inspectorate is running at'); ) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
      const [health, page] = await Promise.all([status('/health'), status('/sign-in')]);
      if (!output.includes('Inspectorate is running at') && page !== 0) whileStarting.add(`${health} ${page}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // A start may now be quicker than the polling: whatever was seen before it was ready is alive and
    // not ready (src/http/starting.test.ts checks those answers themselves).
    for (const seen of whileStarting) expect(seen).toBe('200 503');
    expect((await fetch('http://127.0.0.1:3423/sign-in')).status).toBe(200);

    const holder = new RegExp(`^The embedded database ${dataDir}/pglite is in use by the Inspectorate server \\(npm start, pid ${server.pid}\\) since \\S+: stop that server first, or do this in the web app\\.$`);
    expectOneLine(start({ PORT: '3424', DATA_DIR: dataDir }), holder);
    expectOneLine(cli(dataDir, 'create-inspection', '--pdu', 'Sheffield', '--fieldwork-start', '2027-03-01'), holder);
    expectOneLine(cli(dataDir, 'inspections'), holder); // reads too: a folder being written has no consistent copy
    expect((await fetch('http://127.0.0.1:3423/sign-in')).status).toBe(200); // the server carries on

    server.kill('SIGKILL'); // no chance to release anything
    await new Promise((exited) => (server.exitCode === null ? server.once('exit', exited) : exited(null)));
    const after = cli(dataDir, 'create-inspection', '--pdu', 'Sheffield', '--fieldwork-start', '2027-03-01');
    expect(after.stderr).toBe('');
    expect(after.stdout).toMatch(/^Created inspection \d+: Inspection of probation services: Sheffield PDU/);
    expect(existsSync(join(dir, 'shared', 'pglite.lock'))).toBe(false); // the command released it
  });
});
