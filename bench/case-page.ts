// P5 (issue 14): the case assessment page under 50 people at once. Each signed-in inspector opens
// cases of the demonstration inspection over HTTP, one request after another; beside it, the floor:
// the same 50 clients fetching a static file (the app's CSS) from the same server. Figures are the
// 95th percentile latency of each, and the queries a page costs (counted on the database handle).
//
//   npm run bench                      (as part of every figure)
//   npx tsx bench/case-page.ts         this alone; --quick for a fifth of the requests
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src/db/database.ts';
import { createApp } from '../src/http/app.ts';
import { ensureDemoInspection } from '../src/services/demo.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';
import { countingDb } from '../test/support/query-count.ts';
import { signedIn, type TestSession } from '../test/support/sessions.ts';
import type { Report } from './survey.ts';

export interface CasePageResult {
  p95: number;
  staticP95: number;
  perSecond: number;
  staticPerSecond: number;
  queriesPerPage: number;
}

const USERS = 50;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;

/** Every user fetches their paths one after another, all users at once; latencies of every request. */
async function load(base: string, users: TestSession[], pathsOf: (user: number) => string[]): Promise<{ latencies: number[]; ms: number }> {
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  await Promise.all(
    users.map(async (user, i) => {
      for (const path of pathsOf(i)) {
        const sent = process.hrtime.bigint();
        const res = await fetch(base + path, { headers: { cookie: user.cookie } });
        const body = await res.text();
        if (res.status !== 200 || !body.length) throw new Error(`${path} answered ${res.status}`);
        latencies.push(ms(sent));
      }
    }),
  );
  return { latencies, ms: ms(start) };
}

export async function benchCasePage(report: Report, options: { requestsEach?: number; log?: (line: string) => void } = {}): Promise<CasePageResult> {
  const quick = process.argv.includes('--quick');
  const each = options.requestsEach ?? (quick ? 4 : 20);
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-case-page-bench-'));
  const database = await openDatabase({ dataDir: join(dir, 'pglite') });
  let server: ServerType | undefined;
  try {
    const db = database.db;
    await loadReferenceData(db, 'bench');
    const inspectionId = (await ensureDemoInspection(db))!;
    const refs = (await db.selectFrom('inspection_case').select('case_ref').where('inspection_id', '=', inspectionId).orderBy('case_ref').execute()).map((r) => r.case_ref);
    const users: TestSession[] = [];
    for (let i = 0; i < USERS; i++) users.push(await signedIn(db, 'inspector', { inspection: { id: inspectionId, as: 'inspector' } }));
    const counting = countingDb(db);
    const app = createApp({ db: counting.db });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    // Idle keep-alive connections kept past the client's reuse of them (Node's 5 s default closes one as a request is sent on it).
    (server as Server).keepAliveTimeout = 120_000;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Each user opens a different case each time, round the inspection's cases.
    const casePaths = (user: number) => Array.from({ length: each }, (_, k) => `/inspections/${inspectionId}/cases/${encodeURIComponent(refs[(user * each + k) % refs.length]!)}`);
    const staticPaths = () => Array.from({ length: each }, () => '/assets/app.css');
    await load(base, users, (u) => casePaths(u).slice(0, 2)); // warm up: templates compiled, plans cached
    await load(base, users, () => staticPaths().slice(0, 2));
    const floor = await load(base, users, staticPaths);
    counting.reset();
    const ours = await load(base, users, casePaths);
    const queriesPerPage = counting.executed.length / ours.latencies.length;
    const result = {
      p95: p95(ours.latencies),
      staticP95: p95(floor.latencies),
      perSecond: ours.latencies.length / (ours.ms / 1000),
      staticPerSecond: floor.latencies.length / (floor.ms / 1000),
      queriesPerPage,
    };
    report(`case page, ${USERS} users at once (p95 of ${ours.latencies.length})`, result.p95, result.staticP95, 'static file, same server');
    log(`Case page: ${Math.round(result.perSecond)} requests/s, ${queriesPerPage.toFixed(1)} queries a page; static file ${Math.round(result.staticPerSecond)} requests/s`);
    return result;
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { logger } = await import('../src/observability/logger.ts');
  if (!process.env.LOG_LEVEL) logger.level = 'silent';
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  await benchCasePage((name, ours, baseline, baselineName, unit = 'ms') =>
    console.log(`${name.padEnd(46)} ${fmt(ours).padStart(9)} ${unit}   baseline (${baselineName}) ${fmt(baseline).padStart(8)} ${unit}   ratio ${(ours / baseline).toFixed(1)}×`),
  );
}
