// One process at a time on an embedded data folder. PGlite has no locking of its own, and two
// processes on one folder each keep their own copy of the pages in memory, so confirmed writes of
// one are lost when the other writes over them.
//
// Node 20 has no flock(), so the lock is a file beside the folder (`DATA_DIR/pglite.lock`), created
// with O_EXCL (only one process can create it) and holding who took it: pid, host, the process's
// start time (Linux) and what it is (the server, a command). A lock whose process has died is
// released in effect: the next process finds the pid gone (process.kill(pid, 0)), or the pid reused
// by a process that started at another time, and breaks it. Breaking happens under a second
// O_EXCL file, so two processes breaking one stale lock cannot both end up holding the folder.
// A lock taken on another host (a shared disk) cannot be checked and is never broken.
import { closeSync, constants, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync, accessSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/** What the process taking the lock is, as the message to a second process names it. */
export interface LockHolder {
  kind: 'server' | 'command' | 'other';
  /** e.g. "npm start", "inspectorate import a.csv" */
  what: string;
}

interface LockRecord extends LockHolder {
  pid: number;
  host: string;
  /** Start time of the process in clock ticks since boot (Linux), so a reused pid is not taken for the holder. */
  processStart: string | null;
  since: string;
}

/** The folder is held by another live process (or by this one, through another handle). */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockRecord,
    readonly lockFile: string,
  ) {
    super(inUseMessage(dataDir, holder, lockFile));
    this.name = 'DataFolderInUseError';
  }
}

/** The data folder cannot be created, written or locked. */
export class DataFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFolderError';
  }
}

function inUseMessage(dataDir: string, h: LockRecord, lockFile: string): string {
  const who =
    h.kind === 'server' ? `the Inspectorate server (${h.what}, pid ${h.pid})` : h.kind === 'command' ? `the command \`${h.what}\` (pid ${h.pid})` : `another process (${h.what}, pid ${h.pid})`;
  const where = h.host === hostname() ? '' : ` on host ${h.host}`;
  const todo =
    h.host !== hostname()
      ? `stop it there; if it is no longer running, delete ${lockFile}`
      : h.kind === 'server'
        ? 'stop that server first, or do this in the web app'
        : h.kind === 'command'
          ? 'wait for it to finish, then try again'
          : 'stop it first';
  return `The embedded database ${dataDir} is in use by ${who}${where} since ${h.since}: ${todo}.`;
}

export interface DataFolderLock {
  readonly file: string;
  release(): void;
}

const lockFileOf = (dataDir: string) => `${dataDir}.lock`;

/** Start time of a process (Linux /proc), or null where that cannot be read. */
function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null; // field 22, starttime
  } catch {
    return null;
  }
}

function isAlive(record: LockRecord): boolean {
  if (record.host !== hostname()) return true; // cannot tell: keep it
  try {
    process.kill(record.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false; // EPERM: alive, another user's
  }
  const started = processStartOf(record.pid);
  return !(record.processStart && started && started !== record.processStart);
}

function parse(text: string): LockRecord | undefined {
  try {
    const r = JSON.parse(text) as LockRecord;
    return Number.isInteger(r.pid) && typeof r.host === 'string' ? r : undefined;
  } catch {
    return undefined;
  }
}

const readOrNull = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
};

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Creates `path` holding `text` if it does not exist; false if it does. */
function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Deletes the stale lock whose text was `stale`, unless it changed meanwhile; under a guard file. */
function breakStale(path: string, stale: string, mine: string): void {
  const guard = `${path}.breaking`;
  if (!createExclusive(guard, mine)) {
    // A breaker that died in the few lines below leaves its guard: remove it once plainly stale.
    const other = parse(readOrNull(guard) ?? '');
    const age = Date.now() - (statSync(guard, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if ((other && !isAlive(other)) || (!other && age > 2000)) {
      try {
        unlinkSync(guard);
      } catch {
        /* another process removed it first */
      }
    } else pause(50);
    return;
  }
  try {
    if (readOrNull(path) === stale) unlinkSync(path);
  } finally {
    unlinkSync(guard);
  }
}

/**
 * mkdir -p one level at a time: Node 20's recursive mkdirSync never returns where mkdir keeps
 * answering ENOENT (inside /proc, say), and a DATA_DIR there must fail at once.
 */
function makeFolder(path: string, depth = 0): void {
  try {
    mkdirSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(path) === path || depth > 64) throw e;
    makeFolder(dirname(path), depth + 1);
    mkdirSync(path); // ENOENT again: the parent exists, yet nothing can be made in it
  }
}

/** Checks the folder can hold a database: creates it if missing, and writes in it. One line if not. */
export function prepareDataFolder(dataDir: string): void {
  try {
    makeFolder(dataDir);
    if (!statSync(dataDir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
    accessSync(dirname(dataDir), constants.W_OK); // the lock file lives beside it
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'EROFS' ? 'the file system is read-only'
      : code === 'ENOTDIR' || code === 'EEXIST' ? 'it or a folder above it is a file, not a folder'
      : code === 'ENOENT' ? 'it cannot be created there'
      : (e as Error).message;
    throw new DataFolderError(`The embedded database cannot be kept in ${dataDir}: ${why}. Set DATA_DIR to a folder this user can write.`);
  }
}

/**
 * Takes the data folder for this process, or throws DataFolderInUseError naming the process that
 * holds it. The lock is released by release(), at exit, or (in effect) when the process dies.
 */
export function lockDataFolder(dataDir: string, holder: LockHolder): DataFolderLock {
  const path = lockFileOf(dataDir);
  const record: LockRecord = { ...holder, pid: process.pid, host: hostname(), processStart: processStartOf(process.pid), since: new Date().toISOString() };
  const mine = `${JSON.stringify(record)}\n`;
  for (const deadline = Date.now() + 5000; Date.now() < deadline; ) {
    let created: boolean;
    try {
      created = createExclusive(path, mine);
    } catch (e) {
      throw new DataFolderError(`Cannot lock the embedded database ${dataDir} (${path}): ${(e as Error).message}`);
    }
    if (created) return heldLock(path, mine);
    const text = readOrNull(path);
    if (text === null) continue; // released meanwhile
    const other = parse(text);
    if (!other) {
      // Just created and not yet written, or left unreadable: wait for the first, break the second.
      const age = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age < 2000) {
        pause(50);
        continue;
      }
    } else if (isAlive(other)) throw new DataFolderInUseError(dataDir, other, path);
    breakStale(path, text, mine);
  }
  throw new DataFolderError(`Cannot lock the embedded database ${dataDir}: ${path} keeps changing; is another process starting on it?`);
}

function heldLock(path: string, mine: string): DataFolderLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    // Only our own lock: never one another process took after ours was broken.
    if (readOrNull(path) === mine) unlinkSync(path);
  };
  process.on('exit', release);
  return { file: path, release };
}
