// The embedded data folder's lock: one holder at a time, a dead holder's lock broken, the holder
// named. A second real process is refused in test/integration/data-folder-lock.storage.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderError, DataFolderInUseError, lockDataFolder, prepareDataFolder } from './data-folder-lock.ts';

const dir = mkdtempSync(join(tmpdir(), 'inspectorate-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const server = { kind: 'server', what: 'npm start' } as const;
const command = { kind: 'command', what: 'inspectorate import' } as const;

/** A pid no process has: one that has just exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

describe('the data folder lock', () => {
  it('is held by one holder at a time, and released', () => {
    const folder = join(dir, 'one', 'pglite');
    prepareDataFolder(folder);
    const lock = lockDataFolder(folder, server);
    expect(JSON.parse(readFileSync(`${folder}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, kind: 'server', what: 'npm start', host: hostname() });
    let refused: unknown;
    try {
      lockDataFolder(folder, command);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DataFolderInUseError);
    expect((refused as Error).message).toMatch(
      new RegExp(`^The embedded database ${folder} is in use by the Inspectorate server \\(npm start, pid ${process.pid}\\) since \\S+: stop that server first, or do this in the web app\\.$`),
    );
    lock.release();
    expect(existsSync(`${folder}.lock`)).toBe(false);
    lockDataFolder(folder, command).release();
  });

  it('names a command holding it, and says to wait', async () => {
    const folder = join(dir, 'command', 'pglite');
    prepareDataFolder(folder);
    const lock = lockDataFolder(folder, command);
    expect(() => lockDataFolder(folder, server)).toThrow(/in use by the command `inspectorate import` \(pid \d+\) since .*: wait for it to finish, then try again\.$/);
    lock.release();
  });

  it('is broken when its holder has died, or its pid now belongs to a process started later', () => {
    const folder = join(dir, 'stale', 'pglite');
    prepareDataFolder(folder);
    const stale = { kind: 'server', what: 'npm start', host: hostname(), since: '2026-01-01T00:00:00Z' };
    writeFileSync(`${folder}.lock`, JSON.stringify({ ...stale, pid: deadPid(), processStart: null }));
    const first = lockDataFolder(folder, command);
    expect(JSON.parse(readFileSync(`${folder}.lock`, 'utf8')).pid).toBe(process.pid);
    first.release();
    // This very pid, recorded with another start time: the holder died and the pid was reused.
    writeFileSync(`${folder}.lock`, JSON.stringify({ ...stale, pid: process.pid, processStart: '1' }));
    lockDataFolder(folder, command).release();
    // An unreadable lock file left long ago.
    writeFileSync(`${folder}.lock`, '');
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(`${folder}.lock`, longAgo, longAgo);
    lockDataFolder(folder, command).release();
  });

  it('is never broken when taken on another host, whose processes cannot be checked', () => {
    const folder = join(dir, 'shared', 'pglite');
    prepareDataFolder(folder);
    writeFileSync(`${folder}.lock`, JSON.stringify({ kind: 'server', what: 'npm start', pid: deadPid(), host: 'elsewhere', processStart: null, since: '2026-01-01T00:00:00Z' }));
    expect(() => lockDataFolder(folder, command)).toThrow(new RegExp(`on host elsewhere since .*: stop it there; if it is no longer running, delete ${folder}\\.lock\\.$`));
  });

  it('lets exactly one of many processes breaking one stale lock take the folder', async () => {
    const folder = join(dir, 'race', 'pglite');
    prepareDataFolder(folder);
    writeFileSync(`${folder}.lock`, JSON.stringify({ kind: 'server', what: 'npm start', pid: deadPid(), host: hostname(), processStart: null, since: '2026-01-01T00:00:00Z' }));
    // The module as plain JavaScript (its imports are Node's own), so each racer is a bare Node
    // (~0.06 s of CPU) rather than one loading tsx (~0.4 s).
    const module = join(dir, 'data-folder-lock.mjs');
    writeFileSync(module, transformSync(readFileSync(new URL('./data-folder-lock.ts', import.meta.url), 'utf8'), { loader: 'ts', format: 'esm' }).code);
    // Each says what it got at once; the one that took the folder holds it until its input ends.
    const script = `import { lockDataFolder } from ${JSON.stringify(module)};
      try { lockDataFolder(${JSON.stringify(folder)}, { kind: 'command', what: 'racer' }); console.log('took'); process.stdin.resume(); process.stdin.on('end', () => process.exit(0)); }
      catch (e) { console.log(e.name); process.exit(0); }`;
    const children = Array.from({ length: 6 }, () => spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const racers = children.map(
      (child) =>
        new Promise<string>((done) => {
          let out = '';
          child.stdout.on('data', (d) => {
            out += d;
            if (out.includes('\n')) done(out.trim());
          });
          child.on('exit', () => done(out.trim()));
        }),
    );
    const outcomes = (await Promise.all(racers)).sort();
    for (const child of children) child.stdin.end();
    expect(outcomes.filter((o) => o === 'took')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'took')).toEqual(Array(5).fill('DataFolderInUseError'));
  }, 60_000);
});

describe('a data folder that cannot be used', () => {
  it('is refused in one line naming the folder and what is wrong', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    expect(() => prepareDataFolder(join(file, 'pglite'))).toThrow(DataFolderError);
    expect(() => prepareDataFolder(join(file, 'pglite'))).toThrow(/^The embedded database cannot be kept in .*a-file\/pglite: it or a folder above it is a file, not a folder\./);
    expect(() => prepareDataFolder('/proc/inspectorate/pglite')).toThrow(/^The embedded database cannot be kept in \/proc\/inspectorate\/pglite: .*Set DATA_DIR to a folder this user can write\.$/);
    if (process.getuid?.() !== 0) {
      const readOnly = join(dir, 'read-only');
      prepareDataFolder(join(readOnly, 'pglite'));
      chmodSync(readOnly, 0o500);
      expect(() => prepareDataFolder(join(readOnly, 'pglite'))).toThrow(/permission denied/);
      chmodSync(readOnly, 0o700);
    }
  });
});
