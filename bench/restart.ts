// P8 (issue 14): `npm start` from the command to the first page served (the sign-in page), on an
// embedded database that has been started before (a restart: migrated, reference data and the
// demonstration data in place), beside the floor: a minimal Hono server started the same way
// (`npm exec -c`, then Node on plain JavaScript). The first start, which builds the demonstration
// data, is timed too. dist/ is built beforehand, so no build is in the figures.
//
//   npm run bench                      (as part of every figure)
//   npx tsx bench/restart.ts           this alone; --quick for one restart instead of the median of three
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Report } from './survey.ts';

export interface RestartResult {
  firstStartMs: number;
  restartMs: number;
  floorMs: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the command in its own process group; milliseconds until GET /sign-in answers 200, and what
 * it printed; then (once it has printed `until`, if given) stops it and waits for the whole group to end.
 */
async function timeToFirstPage(command: string, args: string[], env: Record<string, string>, until?: RegExp, limitMs = 300_000): Promise<{ ms: number; stdout: string }> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  // `npm start` as set up by default, on its embedded database: never a PostgreSQL server the bench
  // was pointed at for its database figures (DATABASE_URL), which the start would fill with the
  // demonstration data.
  const { DATABASE_URL: _server, ...inherited } = process.env;
  const child = spawn(command, args, { cwd: root, env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    for (;;) {
      if (gone) throw new Error(`${command} ${args.join(' ')} ended before serving a page: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
      const ok = await fetch(`http://127.0.0.1:${port}/sign-in`).then(
        (res) => res.body?.cancel().then(() => res.status === 200) ?? res.status === 200,
        () => false,
      );
      if (ok) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        while (until && !until.test(stdout) && !gone && Number(process.hrtime.bigint() - started) / 1e6 < limitMs) await sleep(50);
        if (until && !until.test(stdout)) throw new Error(`${command} ${args.join(' ')} did not print ${until}: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
        return { ms, stdout };
      }
      if (Number(process.hrtime.bigint() - started) / 1e6 > limitMs) throw new Error(`${command} ${args.join(' ')} served no page within ${limitMs / 1000} s`);
      await sleep(20);
    }
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
    // The server's own children (npm runs a shell, the shell runs Node) end with the group; the data folder's lock with them.
    for (let i = 0; i < 500; i++) {
      try {
        process.kill(-child.pid!, 0);
        await sleep(20);
      } catch {
        break;
      }
    }
  }
}

export async function benchRestart(report: Report, options: { runs?: number; log?: (line: string) => void } = {}): Promise<RestartResult> {
  const quick = process.argv.includes('--quick');
  const runs = options.runs ?? (quick ? 1 : 3);
  const log = options.log ?? ((line: string) => console.log(line));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('scripts/build.mjs failed');
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-restart-bench-'));
  try {
    let env = { DATA_DIR: join(dir, 'data-0'), DEMO_DATA: 'on', LOG_LEVEL: 'silent' };
    // A start that had to build first (src/ changed meanwhile: prestart's check) is not the figure: started again
    // (a first start in a fresh data folder).
    const start = async (first: boolean) => {
      for (let attempt = 0; ; attempt++) {
        if (first) env = { ...env, DATA_DIR: join(dir, `data-${attempt}`) };
        // The first start runs on until all of the demonstration data is made, so the restarts find it in place.
        const run = await timeToFirstPage(npm, ['start', '--silent'], env, first ? /Demonstration data: all \d+ parts loaded/ : undefined);
        if (!run.stdout.includes('Building dist/')) return run.ms;
        if (attempt === 3) throw new Error('src/ kept changing: every start had to build dist/ first');
      }
    };
    const firstStartMs = await start(true);
    const restarts: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < runs; i++) {
      floors.push((await timeToFirstPage(npm, ['exec', '--silent', '-c', 'node bench/minimal-server.js'], env)).ms);
      restarts.push(await start(false));
    }
    const result = { firstStartMs, restartMs: median(restarts), floorMs: median(floors) };
    report(`npm start: restart to first page (median of ${runs})`, result.restartMs, result.floorMs, 'minimal Hono server');
    log(`npm start: first start with the demonstration data ${(firstStartMs / 1000).toFixed(1)} s to the first page`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  await benchRestart((name, ours, baseline, baselineName, unit = 'ms') =>
    console.log(`${name.padEnd(46)} ${fmt(ours).padStart(9)} ${unit}   baseline (${baselineName}) ${fmt(baseline).padStart(8)} ${unit}   ratio ${(ours / baseline).toFixed(1)}×`),
  );
}
