// `npm run bench`: the foundation's performance, each figure beside the simplest baseline doing
// the same work on the same data in the same run, so that the ratio shows.
//   --quick          a tenth of the data (a smoke run, as CI does)
//   DATABASE_URL     run the database figures on that PostgreSQL server (a throwaway database is
//                    created on it and dropped); otherwise on embedded PGlite in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { loadAssessmentsForInspections, saveInspectionAssessment } from '../src/db/repositories/index.ts';
import type { InspectionAssessment } from '../src/domain/assessment/types.ts';
import type { Framework } from '../src/domain/framework/framework.ts';
import { rateInspection } from '../src/domain/rating/engine.ts';
import { generateAssessment } from '../src/demo/generate-assessment.ts';
import { parseAssessmentFile, writeAssessmentCsv } from '../src/interchange/assessment-file.ts';
import { bundledFramework } from '../src/reference/frameworks.ts';
import { benchProgramme } from './programme.ts';
import { benchBatch } from './batch.ts';
import { benchReport } from './report.ts';
import { benchSurvey } from './survey.ts';
import { createInspection } from '../src/services/inspections.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';

const quick = process.argv.includes('--quick');
const scale = quick ? 0.1 : 1;
const framework = bundledFramework();

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

/** The simplest rating: count yes and yes+no per key question, band each, take the lowest. */
function baselineRate(fw: Framework, a: InspectionAssessment): Record<string, string> {
  const bands = fw.definition.rules.keyQuestionBands;
  const ratings: Record<string, string> = {};
  for (const s of fw.caseStandards) {
    let lowest = bands.length - 1;
    for (const kq of s.keyQuestions) {
      let yes = 0;
      let total = 0;
      for (const c of a.cases) {
        const v = c.answers[kq.id];
        if (v === 'yes') yes++;
        if (v === 'yes' || v === 'no') total++;
      }
      if (!total) continue;
      const p = Math.floor((200 * yes + total) / (2 * total));
      let i = 0;
      while (i + 1 < bands.length && p >= bands[i + 1]!.minPercent) i++;
      lowest = Math.min(lowest, i);
    }
    ratings[s.id] = bands[lowest]!.rating;
  }
  return ratings;
}

async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void>; where: string }> {
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
      where: `PostgreSQL (${target.host})`,
      cleanup: async () => {
        await admin.query(`drop database if exists ${name}`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-bench-'));
  const handle = await openDatabase({ dataDir: dir });
  return { handle, where: `embedded PGlite (${dir})`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function main() {
  console.log(`Inspectorate benchmark${quick ? ' (--quick: a tenth of the data)' : ''}; Node ${process.version}`);

  // 1. Rating one 150-case inspection, in memory.
  const one = generateAssessment(framework, { seed: 1, cases: 150, windowStart: '2026-03-02' });
  for (let i = 0; i < 20; i++) rateInspection(framework, one), baselineRate(framework, one); // warm up
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < 50; i++) {
    ours.push((await time(() => rateInspection(framework, one))).ms);
    base.push((await time(() => baselineRate(framework, one))).ms);
  }
  const check = rateInspection(framework, one);
  const agree = Object.entries(baselineRate(framework, one)).every(
    ([id, r]) => framework.treatment(id) !== 'rated' || check.standards.find((s) => s.id === id)!.rating === r,
  );
  report('rate one 150-case inspection (median of 50)', median(ours), median(base), 'loop over arrays');
  if (!agree) throw new Error('The baseline and the engine disagree on the 150-case inspection');

  // 2. Planning the inspection programme (issue 6), in memory.
  await benchProgramme(report);

  // 3. Generating an inspection report (issue 5): HTML, PDF and XLSX.
  await benchReport(report);
  await benchSurvey(report);

  const { handle, cleanup, where } = await openBenchDatabase();
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

    const rerate = await time(async () => {
      let rated = 0;
      for (let i = 0; i < ids.length; i += 100) {
        const batch = await loadAssessmentsForInspections(db, ids.slice(i, i + 100));
        for (const a of batch.values()) rateInspection(framework, a), rated++;
      }
      return rated;
    });
    const kqIds = framework.caseStandards.flatMap((s) => s.keyQuestions.map((kq) => kq.id));
    const groupBy = await time(async () => {
      const { rows } = await sql<{ inspection_id: number; item_id: string; yes: number; applicable: number }>`
        select c.inspection_id, a.item_id,
               count(*) filter (where a.answer = 'yes')::int as yes,
               count(*) filter (where a.answer in ('yes', 'no'))::int as applicable
        from case_answer a join inspection_case c on c.id = a.case_id
        where a.item_id = any(${kqIds})
        group by c.inspection_id, a.item_id`.execute(db);
      return rows.length;
    });
    report(`re-rate ${rerate.value} inspections from the database`, rerate.ms, groupBy.ms, 'SQL GROUP BY');

    // A year's publications in a batch (issue 5): about 36 PDU inspections a year.
    await benchBatch(db, framework, ids.slice(0, quick ? 6 : 36), '2026/27', report);

    // 3. Importing one 40,000-case CSV (validated, then saved in one transaction).
    const big = generateAssessment(framework, { seed: 99, cases: Math.round(40_000 * scale), windowStart: '2026-04-06', caseRefPrefix: 'BIG-' });
    const csv = writeAssessmentCsv(framework, big);
    const target = await createInspection(db, { pduName: 'Birmingham North, East and Solihull', frameworkKey: framework.key, fieldworkStart: '2026-10-05' }, 'bench').catch(() =>
      createInspection(db, { pduName: 'Leeds', frameworkKey: framework.key, fieldworkStart: '2026-10-05', title: 'Bench import' }, 'bench'),
    );
    const rows = csv.split('\n').length - 2;
    const imported = await time(async () => {
      const parsed = parseAssessmentFile(framework, csv, 'csv');
      if (!parsed.ok) throw new Error(`bench file did not validate: ${parsed.errors[0]?.message}`);
      await db.transaction().execute((trx) => saveInspectionAssessment(trx, target.id, parsed.assessment, 'bench'));
      return parsed.assessment.cases.length;
    });
    const baselineTarget = await createInspection(db, { pduName: 'Leeds', frameworkKey: framework.key, fieldworkStart: '2026-10-05', title: 'Bench baseline import' }, 'bench');
    const raw = await time(async () => {
      // The simplest import: parse the CSV and insert its rows as they are, with no validation.
      const records = parseCsv(csv, { from_line: 2 }) as string[][];
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
    report(`import a ${imported.value}-case CSV (${rows} rows)`, imported.ms, raw.ms, 'csv-parse + raw insert');
    console.log(`Import throughput: ${fmt(rows / (imported.ms / 1000))} rows/s; re-rating: ${fmt(rerate.value / (rerate.ms / 1000))} inspections/s`);
  } finally {
    await handle.close();
    await cleanup();
  }
}

await main();
