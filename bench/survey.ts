// The survey under load: the app started on embedded PGlite and its inbound-message webhook sent a
// burst of replies over HTTP, many at once, with redeliveries among them (a text provider retries
// when an answer is slow). Then checked: no reply lost, none counted twice, every next question
// queued and sent. Beside it, the baseline: the same requests to a bare route that only inserts
// the message (no matching, no conversation, no outbox, no audit).
//
//   npm run bench                      (as part of every figure)
//   npx tsx bench/survey.ts            the load test alone: 20,000 replies + 2,000 redeliveries
//   npx tsx bench/survey.ts --quick    a tenth of that
//   options: --replies N, --concurrency N (requests in flight, default 64)
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalOutboxSender } from '../src/adapters/sms/local-outbox.ts';
import { openDatabase } from '../src/db/database.ts';
import type { Db } from '../src/db/repositories/index.ts';
import { createApp } from '../src/http/app.ts';
import { createInspection } from '../src/services/inspections.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';
import { demoContactsCsv, demoPhone } from '../src/services/survey/demo-contacts.ts';
import { createServices } from '../src/wiring.ts';
import { sendSurvey, uploadContacts } from '../src/services/survey/survey.ts';

export type Report = (name: string, ours: number, baseline: number, baselineName: string, unit?: string) => void;

export interface SurveyLoadResult {
  replies: number;
  redeliveries: number;
  ms: number;
  baselineMs: number;
  perSecond: number;
}

const TOKEN = 'bench-webhook-token-0123456789abcdef012345';
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function argument(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : undefined;
}

async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ url: string; close: () => Promise<void> }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Seeded shuffle, so a redelivery can arrive before, during or after the first delivery. */
function shuffle<T>(xs: T[], seed = 1): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

interface Delivery {
  id: string;
  from: string;
}

/** Fires every delivery at `url`, `concurrency` at a time; returns the outcomes counted and the time taken. */
async function fire(url: string, deliveries: readonly Delivery[], concurrency: number): Promise<{ ms: number; outcomes: Record<string, number>; failures: number }> {
  const outcomes: Record<string, number> = {};
  let failures = 0;
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < deliveries.length) {
      const d = deliveries[next++]!;
      const body = JSON.stringify({ id: d.id, source_number: d.from.slice(1), destination_number: '07700900000', message: '2', date_received: new Date().toISOString() });
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });
      if (res.status !== 200) {
        failures++;
        await res.body?.cancel();
        continue;
      }
      const { outcome } = (await res.json()) as { outcome: string };
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ms: ms(start), outcomes, failures };
}

export async function benchSurvey(report: Report, options: { replies?: number; concurrency?: number; log?: (line: string) => void } = {}): Promise<SurveyLoadResult> {
  const quick = process.argv.includes('--quick');
  const replies = options.replies ?? argument('replies') ?? (quick ? 2_000 : 20_000);
  const concurrency = options.concurrency ?? argument('concurrency') ?? 64;
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-survey-bench-'));
  const database = await openDatabase({ dataDir: join(dir, 'pglite') });
  const db: Db = database.db;
  const sender = new LocalOutboxSender(join(dir, 'outbox'));
  const services = createServices(db, { sms: sender, smsWebhookToken: TOKEN, dispatchers: { sms: { batch: 500 } } });
  const { sms } = services;
  const servers: { close: () => Promise<void> }[] = [];
  try {
    await loadReferenceData(db, 'bench');
    const inspection = await createInspection(db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2026-10-05', title: 'Survey load test' }, 'bench');
    let start = process.hrtime.bigint();
    const uploaded = await uploadContacts(db, { inspectionId: inspection.id, fileName: 'contacts.csv', bytes: new TextEncoder().encode(demoContactsCsv(replies)) }, 'bench');
    if (!uploaded.ok) throw new Error(`the generated contact list did not validate: ${uploaded.errors[0]?.message}`);
    const { texts } = await sendSurvey(db, inspection.id, 'bench');
    log(`Survey: ${replies} people uploaded and ${texts} opening texts queued in ${(ms(start) / 1000).toFixed(1)} s`);
    start = process.hrtime.bigint();
    sms.dispatcher.kick();
    await sms.dispatcher.idle();
    log(`Outbox: ${sms.dispatcher.stats.sent} texts sent after commit through the local outbox in ${(ms(start) / 1000).toFixed(1)} s (${Math.round(sms.dispatcher.stats.sent / (ms(start) / 1000))}/s)`);

    // Every person replies once; every tenth reply is delivered twice more, the three shuffled together.
    const first: Delivery[] = Array.from({ length: replies }, (_, i) => ({ id: `bench-${i}`, from: demoPhone(i) }));
    const again = first.filter((_, i) => i % 10 === 0).flatMap((d) => [d, d]);
    const deliveries = shuffle([...first, ...again]);

    const app = createApp({ db, ...services });
    const ours = await listen(app.fetch);
    servers.push(ours);
    const burst = await fire(`${ours.url}/sms/inbound`, deliveries, concurrency);
    start = process.hrtime.bigint();
    await sms.dispatcher.idle();
    const drained = ms(start);

    // Checks: every reply stored once, counted once, answered once, its next question sent.
    const { rows } = await sql<{ inbound: number; answered_once: number; answered_more: number; queued: number; sent: number }>`
      select (select count(*)::int from survey_inbound where provider_id like 'bench-%') as inbound,
             (select count(*)::int from survey_respondent where jsonb_array_length(state->'answers') = 1) as answered_once,
             (select count(*)::int from survey_respondent where jsonb_array_length(state->'answers') > 1) as answered_more,
             (select count(*)::int from sms_outbox where status <> 'sent') as queued,
             (select count(*)::int from sms_outbox where status = 'sent') as sent`.execute(db);
    const check = rows[0]!;
    const problems = [
      burst.failures && `${burst.failures} requests failed`,
      burst.outcomes.answered !== replies && `${burst.outcomes.answered ?? 0} answered, not ${replies}`,
      burst.outcomes.duplicate !== again.length && `${burst.outcomes.duplicate ?? 0} duplicates, not ${again.length}`,
      check.inbound !== replies && `${check.inbound} replies stored, not ${replies}`,
      check.answered_once !== replies && `${check.answered_once} people with one answer, not ${replies}`,
      check.answered_more && `${check.answered_more} people counted twice`,
      check.queued && `${check.queued} texts still unsent`,
      check.sent !== texts + replies && `${check.sent} texts sent, not ${texts + replies}`,
    ].filter(Boolean);
    if (problems.length) throw new Error(`Survey load test failed: ${problems.join('; ')}`);
    log(
      `Webhook: ${replies} replies + ${again.length} redeliveries over HTTP, ${concurrency} at a time: ${(burst.ms / 1000).toFixed(1)} s, ` +
        `${Math.round(deliveries.length / (burst.ms / 1000))} requests/s; none lost, none counted twice; ${replies} next questions sent (${(drained / 1000).toFixed(1)} s after the last reply)`,
    );

    // Baseline: the same requests, to a route that only checks the token and inserts the row.
    await sql`create table bench_inbound (provider_id text primary key, source_number text not null, message text not null, received_at timestamptz not null default now())`.execute(db);
    const bare = new Hono();
    bare.post('/sms/inbound', async (c) => {
      if (c.req.header('authorization') !== `Bearer ${TOKEN}`) return c.json({ error: 'unauthenticated' }, 401);
      const m = await c.req.json<{ id: string; source_number: string; message: string }>();
      const inserted = await sql<{ provider_id: string }>`insert into bench_inbound (provider_id, source_number, message) values (${m.id}, ${m.source_number}, ${m.message}) on conflict do nothing returning provider_id`.execute(db);
      return c.json({ outcome: inserted.rows.length ? 'answered' : 'duplicate' });
    });
    const baselineServer = await listen(bare.fetch);
    servers.push(baselineServer);
    const baseline = await fire(`${baselineServer.url}/sms/inbound`, deliveries, concurrency);
    if (baseline.failures || baseline.outcomes.answered !== replies) throw new Error('the baseline lost replies');

    report(`webhook burst: ${replies} replies + ${again.length} redeliveries`, burst.ms, baseline.ms, 'HTTP + bare insert');
    const perSecond = replies / (burst.ms / 1000);
    log(`Reply throughput: ${Math.round(perSecond)} replies/s (${Math.round(deliveries.length / (burst.ms / 1000))} requests/s); baseline ${Math.round(deliveries.length / (baseline.ms / 1000))} requests/s`);
    return { replies, redeliveries: again.length, ms: burst.ms, baselineMs: baseline.ms, perSecond };
  } finally {
    for (const s of servers) await s.close();
    await sms.dispatcher.stop();
    await sender.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  console.log(`Survey load test; Node ${process.version}; embedded PGlite`);
  await benchSurvey((name, ours, baseline, baselineName, unit = 'ms') =>
    console.log(`${name.padEnd(46)} ${fmt(ours).padStart(9)} ${unit}   baseline (${baselineName}) ${fmt(baseline).padStart(8)} ${unit}   ratio ${(ours / baseline).toFixed(1)}×`),
  );
}
