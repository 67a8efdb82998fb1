// `npm run bench`: the foundation's performance, each figure beside the simplest baseline doing
// the same work on the same data in the same run, so that the ratio shows.
//   --quick          a tenth of the data (a smoke run, as CI does)
//   --json           also print, as the last line on stdout, one JSON array of
//                    { id, product_ms, floor_ms, ratio } for the README's performance table (the
//                    human-readable lines go to stderr; `npm run -s bench -- --json` for the array
//                    alone). Ids: rate-one, rerate-1000, import-40000, webhook, case-page-50 (p95
//                    latencies: the case page, 50 users at once, against a static file from the
//                    same server) and restart (`npm start` to the first page against a minimal Hono
//                    server). For webhook both times are the same burst's and ratio is throughput,
//                    product over floor (floor_ms / product_ms); for the others ratio is
//                    product_ms / floor_ms. `npm run bench:readme` writes them into the README.
//   DATABASE_URL     run the database figures on that PostgreSQL server (a throwaway database is
//                    created on it and dropped); otherwise on embedded PGlite in a temporary folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { loadAssessmentsForInspections, saveInspectionAssessment } from '../src/db/repositories/index.ts';
import type { InspectionAssessment } from '../src/domain/assessment/types.ts';
import type { Framework } from '../src/domain/framework/framework.ts';
import { rateInspection } from '../src/domain/rating/engine.ts';
import { rateInspectionsFromCounts } from '../src/services/bulk-ratings.ts';
import { countRequest } from '../src/domain/rating/profile-counts.ts';
import { logger } from '../src/observability/logger.ts';
import { generateAssessment } from '../src/demo/generate-assessment.ts';
import { writeAssessmentCsv } from '../src/interchange/assessment-file.ts';
import { bundledFramework } from '../src/reference/frameworks.ts';
import { benchProgramme } from './programme.ts';
import { benchBatch } from './batch.ts';
import { benchReport } from './report.ts';
import { benchSurvey } from './survey.ts';
import { benchCasePage } from './case-page.ts';
import { benchRestart } from './restart.ts';
import { importInChild } from './import.ts';
import { createInspection } from '../src/services/inspections.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';

const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
const scale = quick ? 0.1 : 1;
const framework = bundledFramework();
// The app's request log (a JSON line on stdout per request, thousands in the webhook burst) is off
// unless LOG_LEVEL asks for it; with --json, stdout carries the array only: every other line goes to stderr.
if (!process.env.LOG_LEVEL) logger.level = 'silent';
if (json) console.log = (...args: unknown[]) => console.error(...args);

interface Figure {
  id: string;
  product_ms: number;
  floor_ms: number;
  ratio: number;
  /** import-40000: the import process's peak memory. */
  peak_mb?: number;
}
const figures: Figure[] = [];
const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
function figure(id: string, product: number, floor: number, ratio = product / floor) {
  figures.push({ id, product_ms: round(product, 3), floor_ms: round(floor, 3), ratio: round(ratio, 2) });
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
function report(name: string, ours: number, baseline: number, baselineName: string, unit = 'ms') {
  console.log(`${name.padEnd(46)} ${fmt(ours).padStart(9)} ${unit}   baseline (${baselineName}) ${fmt(baseline).padStart(8)} ${unit}   ratio ${(ours / baseline).toFixed(1)}×`);
}
async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: ms(start), value };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Every item answered case by case (key questions, prompts, outcome questions), in framework order. */
const caseItems = framework.items.filter((i) => i.standard.assessedBy !== 'lead-inspector-judgement').map((i) => i.id);
const keyQuestionAt = caseItems.flatMap((id, i) => (framework.item(id)!.kind === 'key-question' ? [i] : []));

/**
 * The floor for rating one inspection: a hand loop counting every item's yes, no and n/a answers
 * across the cases, then each key question banded (no applicability, explanations or flags).
 */
function floorRate(fw: Framework, a: InspectionAssessment): { yes: Int32Array; no: Int32Array; bands: number[] } {
  const n = caseItems.length;
  const yes = new Int32Array(n);
  const no = new Int32Array(n);
  const na = new Int32Array(n);
  for (const c of a.cases) {
    const answers = c.answers;
    for (let i = 0; i < n; i++) {
      const v = answers[caseItems[i]!];
      if (v === 'yes') yes[i]!++;
      else if (v === 'no') no[i]!++;
      else if (v === 'na') na[i]!++;
    }
  }
  const bands = fw.definition.rules.keyQuestionBands;
  const banded = keyQuestionAt.map((i) => {
    const total = yes[i]! + no[i]!;
    if (!total) return -1;
    const p = Math.floor((200 * yes[i]! + total) / (2 * total));
    let b = 0;
    while (b + 1 < bands.length && p >= bands[b + 1]!.minPercent) b++;
    return b;
  });
  return { yes, no, bands: banded };
}

async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void>; where: string; address: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `inspectorate_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const handle = await openDatabase({ url: target.toString() });
    return {
      handle,
      address: target.toString(),
      where: `PostgreSQL (${target.host})`,
      cleanup: async () => {
        await admin.query(`drop database if exists ${name}`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-bench-'));
  const handle = await openDatabase({ dataDir: dir });
  return { handle, address: dir, where: `embedded PGlite (${dir})`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function main() {
  console.log(`Inspectorate benchmark${quick ? ' (--quick: a tenth of the data)' : ''}; Node ${process.version}`);

  // 1. Rating one 150-case inspection, in memory.
  const one = generateAssessment(framework, { seed: 1, cases: 150, windowStart: '2026-03-02' });
  for (let i = 0; i < 200; i++) {
    rateInspection(framework, one); // warm up
    floorRate(framework, one);
  }
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < 200; i++) {
    ours.push((await time(() => rateInspection(framework, one))).ms);
    base.push((await time(() => floorRate(framework, one))).ms);
  }
  // The floor counts what the engine counts: every key question's n of N agrees.
  const check = rateInspection(framework, one);
  const floor = floorRate(framework, one);
  const engineCounts = check.standards.flatMap((s) => s.keyQuestions.map((k) => `${k.id} ${k.sufficient}/${k.applicable}`));
  const floorCounts = keyQuestionAt.map((i) => `${caseItems[i]} ${floor.yes[i]}/${floor.yes[i]! + floor.no[i]!}`).filter((x) => engineCounts.some((e) => e.split(' ')[0] === x.split(' ')[0]));
  report('rate one 150-case inspection (median of 200)', median(ours), median(base), 'hand loop, every item');
  if (engineCounts.join() !== floorCounts.join()) throw new Error('The floor and the engine count the 150-case inspection differently');
  figure('rate-one', median(ours), median(base));

  // 2. Planning the inspection programme (issue 6), in memory.
  await benchProgramme(report);

  // 3. Generating an inspection report (issue 5): HTML, PDF and XLSX.
  await benchReport(report);
  const webhook = await benchSurvey(report);
  // Throughput: the same burst through the app and through a bare insert route.
  figure('webhook', webhook.ms, webhook.baselineMs, webhook.baselineMs / webhook.ms);
  // The case assessment page under 50 people at once (p95 latencies), and `npm start`'s restart.
  const casePage = await benchCasePage(report);
  figure('case-page-50', casePage.p95, casePage.staticP95);
  const restart = await benchRestart(report);
  figure('restart', restart.restartMs, restart.floorMs);

  const { handle, cleanup, where, address } = await openBenchDatabase();
  console.log(`Database: ${where}`);
  try {
    const db = handle.db;
    await loadReferenceData(db, 'bench');

    // 2. Re-rating 1,000 inspections of 40 cases from the database.
    const inspections = Math.round(1000 * scale);
    const seeded = await time(async () => {
      const ids: number[] = [];
      for (let i = 0; i < inspections; i++) {
        const inspection = await createInspection(db, { pduName: 'Leeds', frameworkKey: framework.key, fieldworkStart: '2026-10-05', title: `Bench ${i}` }, 'bench');
        const a = generateAssessment(framework, { seed: 1000 + i, cases: 40, windowStart: '2026-04-06', qualityShift: ((i % 7) - 3) / 20 });
        await saveInspectionAssessment(db, inspection.id, a, 'bench');
        ids.push(inspection.id);
      }
      return ids;
    });
    const ids = seeded.value;
    const counted = await sql<{ cases: number; answers: number }>`
      select (select count(*) from inspection_case)::int as cases, (select count(*) from case_answer)::int as answers`.execute(db);
    const { cases, answers } = counted.rows[0]!;
    console.log(`Seeded ${inspections} inspections, ${cases} cases, ${answers} answers in ${fmt(seeded.ms / 1000)} s`);

    // The full path (flags and explanations from the cases, as a single inspection's pages rate), for comparison.
    const rerateFull = await time(async () => {
      let rated = 0;
      for (let i = 0; i < ids.length; i += 100) {
        const batch = await loadAssessmentsForInspections(db, ids.slice(i, i + 100));
        for (const a of batch.values()) {
          rateInspection(framework, a);
          rated++;
        }
      }
      return rated;
    });
    // The floor: plain GROUP BYs giving the counts the bulk ratings are made from, and no others.
    // Every figure of the ratings is in the result, which is exactly what rating each inspection in
    // full gives (test/integration/bulk-ratings.storage.test.ts): each key question's and outcome
    // question's yes and no (N and n) and n/a (its missing and not-applicable cases are the rest of
    // the cases it applies to), the outcome questions' progress and stability credited, and the
    // cases (each standard's applicable cases, and whether it is rated at all). So: every counted
    // item's answers, by inspection and item; the outcome details, by inspection and item; the
    // cases, by inspection; one statement after another on one connection, as the product's one
    // statement reads them. What the product adds, applicability by each case's attributes (and,
    // where one is not recorded, its deciding answers), is its own work. The bench's database holds
    // these inspections only, so the floor reads every row (no list of inspections to match).
    const request = countRequest(framework);
    const countedIds = request.items.map((x) => x.id);
    const groupByQuery = async () => {
      const answers = await sql<{ inspection_id: number; item_id: string; yes: number; no: number; na: number }>`
        select c.inspection_id, a.item_id,
               count(*) filter (where a.answer = 'yes')::int as yes,
               count(*) filter (where a.answer = 'no')::int as no,
               count(*) filter (where a.answer = 'na')::int as na
        from case_answer a join inspection_case c on c.id = a.case_id
        where a.item_id = any(${countedIds}::text[])
        group by c.inspection_id, a.item_id`.execute(db);
      const outcomes = await sql<{ inspection_id: number; item_id: string }>`
        select c.inspection_id, o.item_id,
               count(*) filter (where o.progress = 'sufficient')::int as sufficient,
               count(*) filter (where o.progress = 'some')::int as some,
               count(*) filter (where o.progress = 'none')::int as none,
               count(*) filter (where o.stability_credited)::int as stability_credited
        from case_outcome o join inspection_case c on c.id = o.case_id
        where o.item_id = any(${request.outcomeItems}::text[])
        group by c.inspection_id, o.item_id`.execute(db);
      const perInspection = await sql<{ inspection_id: number; cases: number }>`
        select c.inspection_id, count(*)::int as cases from inspection_case c group by c.inspection_id`.execute(db);
      return { rows: answers.rows.length + outcomes.rows.length, cases: new Map(perInspection.rows.map((r) => [r.inspection_id, r.cases])) };
    };
    // Bulk re-rating (public tables, open data, registry): from SQL counts, as the services do it.
    const bulk = () => rateInspectionsFromCounts(db, ids);
    await groupByQuery(); // warm up: plans and caches alike for both
    await bulk();
    const rerate: number[] = [];
    const groupBy: number[] = [];
    let rerated = 0;
    for (let i = 0; i < 3; i++) {
      const floorRun = await time(groupByQuery);
      groupBy.push(floorRun.ms);
      const r = await time(bulk);
      rerate.push(r.ms);
      rerated = r.value.size;
      // The same cases counted both ways.
      for (const [id, ratings] of r.value) if (ratings.cases !== floorRun.value.cases.get(id)) throw new Error(`The floor and the bulk ratings count inspection ${id}'s cases differently`);
    }
    report(`re-rate ${rerated} inspections from the database (median of 3)`, median(rerate), median(groupBy), 'SQL GROUP BYs, same counts');
    report(`  the same, each in full with flags`, rerateFull.ms, median(groupBy), 'SQL GROUP BYs, same counts');
    figure('rerate-1000', median(rerate), median(groupBy));

    // A year's publications in a batch (issue 5): about 36 PDU inspections a year.
    await benchBatch(db, framework, ids.slice(0, quick ? 6 : 36), '2026/27', report);

    // 3. Importing one 40,000-case CSV (validated, then saved in one transaction).
    const big = generateAssessment(framework, { seed: 99, cases: Math.round(40_000 * scale), windowStart: '2026-04-06', caseRefPrefix: 'BIG-' });
    const csv = writeAssessmentCsv(framework, big);
    const target = await createInspection(db, { pduName: 'Birmingham North, East and Solihull', frameworkKey: framework.key, fieldworkStart: '2026-10-05' }, 'bench').catch(() =>
      createInspection(db, { pduName: 'Leeds', frameworkKey: framework.key, fieldworkStart: '2026-10-05', title: 'Bench import' }, 'bench'),
    );
    const rows = csv.split('\n').length - 2;
    // As the command line imports it: from a file on disk, streamed (timed after the floor, below).
    const file = join(mkdtempSync(join(tmpdir(), 'inspectorate-bench-import-')), 'import.csv');
    writeFileSync(file, csv);
    const baselineTarget = await createInspection(db, { pduName: 'Leeds', frameworkKey: framework.key, fieldworkStart: '2026-10-05', title: 'Bench baseline import' }, 'bench');
    const raw = await time(async () => {
      // The simplest import: parse the CSV and insert its rows as they are, with no validation.
      const records = parseCsv(csv, { from_line: 2 });
      const refs = [...new Set(records.map((r) => r[0]!).filter(Boolean))];
      await db.transaction().execute(async (trx) => {
        const ids = new Map<string, number>();
        for (let i = 0; i < refs.length; i += 20_000) {
          const chunk = refs.slice(i, i + 20_000);
          const { rows: inserted } = await sql<{ id: number; case_ref: string }>`
            insert into inspection_case (inspection_id, case_ref)
            select ${baselineTarget.id}, r from unnest(${chunk}::text[]) as r returning id, case_ref`.execute(trx);
          for (const r of inserted) ids.set(r.case_ref, r.id);
        }
        const answers = records.filter((r) => r[0] && /^\d/.test(r[1]!) && !r[1]!.includes(':'));
        for (let i = 0; i < answers.length; i += 50_000) {
          const chunk = answers.slice(i, i + 50_000);
          await sql`insert into case_answer (case_id, item_id, answer)
            select * from unnest(${chunk.map((r) => ids.get(r[0]!)!)}::int[], ${chunk.map((r) => r[1]!)}::text[], ${chunk.map((r) => r[2]!)}::text[])`.execute(trx);
        }
      });
      return records.length;
    });
    // In a process of its own, for its peak memory: the embedded database is one process's at a time.
    await handle.close();
    const imported = await importInChild(address, target.id, file);
    rmSync(dirname(file), { recursive: true, force: true });
    report(`import a ${imported.cases}-case CSV (${rows} rows)`, imported.ms, raw.ms, 'csv-parse + raw insert');
    console.log(`  peak memory of the import's process (database included): ${imported.peakMb} MB`);
    figure('import-40000', imported.ms, raw.ms);
    figures.at(-1)!.peak_mb = imported.peakMb;
    console.log(`Import throughput: ${fmt(rows / (imported.ms / 1000))} rows/s; re-rating: ${fmt(rerated / (median(rerate) / 1000))} inspections/s`);
  } finally {
    await handle.close();
    await cleanup();
  }
}

await main();
if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
