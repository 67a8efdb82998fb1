// Writes the README's performance table from `npm run bench -- --json`'s array (read from stdin),
// between the <!-- bench:start --> and <!-- bench:end --> markers, each figure beside its floor and
// the goal issue 14 set for it, with when it was measured (and the machine's load then).
//   npm run -s bench -- --json | npx tsx bench/readme-table.ts
//   BENCH_WHEN='2026-12-05, quiet' …   to say when otherwise
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const Figures = z.array(z.object({ id: z.string(), product_ms: z.number(), floor_ms: z.number(), ratio: z.number(), peak_mb: z.number().optional() }));

/** What each id measures, its floor, and its goal (ratio at most, or for throughput at least). */
const ROWS: Record<string, { work: string; floor: string; goal: { max: number } | { min: number }; throughput?: boolean; peakMbBelow?: number }> = {
  'rerate-1000': { work: 're-rate 1,000 inspections (40,000 cases) from the database, in bulk', floor: 'SQL `GROUP BY`s giving the same counts (every counted item\'s answers and outcome details, the cases)', goal: { max: 1.5 } },
  'rate-one': { work: 'rate one 150-case inspection in memory', floor: "a hand loop counting every item's answers", goal: { max: 3 } },
  'import-40000': { work: 'import a 40,000-case CSV, validated, in one transaction', floor: '`csv-parse` and a raw insert with no validation', goal: { max: 3 }, peakMbBelow: 500 },
  'case-page-50': { work: 'case assessment page, 50 users at once (p95)', floor: 'a static file from the same server (p95)', goal: { max: 8 } },
  restart: { work: '`npm start` restart to the first page', floor: 'a minimal Hono server started the same way', goal: { max: 2 } },
  webhook: { work: 'survey webhook: 20,000 replies and 4,000 redeliveries over HTTP', floor: 'the same requests to a bare insert route', goal: { min: 0.5 }, throughput: true },
};

const time = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);

/** One row of the table: the figure beside its floor, the goal and whether it is met, and when it was measured. */
export function tableRow(f: z.infer<typeof Figures>[number], when: string): string {
  const row = ROWS[f.id];
  if (!row) throw new Error(`bench printed an id the table does not know: ${f.id}`);
  // A goal on peak memory too (the import's): met only when the run measured it and it is below.
  const peakMet = row.peakMbBelow === undefined || (f.peak_mb !== undefined && f.peak_mb < row.peakMbBelow);
  const met = ('max' in row.goal ? f.ratio <= row.goal.max : f.ratio >= row.goal.min) && peakMet;
  const goal = ('max' in row.goal ? `<= ${row.goal.max}x` : `>= ${row.goal.min}x throughput`) + (row.peakMbBelow === undefined ? '' : `, peak < ${row.peakMbBelow} MB`);
  const peak = f.peak_mb === undefined ? '' : `, peak ${f.peak_mb} MB`;
  return `| \`${f.id}\` | ${row.work} | ${time(f.product_ms)}${peak} | ${time(f.floor_ms)}, ${row.floor} | ${f.ratio}x${row.throughput ? ' throughput' : ''} | ${goal}: ${met ? 'met' : 'not met'} | ${when} |`;
}

const HEADER = ['| id | work | Inspectorate | floor | ratio | goal | measured |', '| --- | --- | --- | --- | --- | --- | --- |'];

/**
 * The table with the figures given, keeping the rows of ids this run did not print (a run of some
 * of the figures updates only theirs; each row says when it was measured), in the order of ROWS.
 */
export function performanceTable(figures: z.infer<typeof Figures>, when: string, previous = ''): string {
  const rows = new Map<string, string>();
  for (const line of previous.split('\n')) {
    const id = /^\| `([\w-]+)` \|/.exec(line)?.[1];
    if (id) rows.set(id, line);
  }
  for (const f of figures) rows.set(f.id, tableRow(f, when));
  return [...HEADER, ...Object.keys(ROWS).flatMap((id) => rows.get(id) ?? [])].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const input = readFileSync(0, 'utf8').trim().split('\n').at(-1) ?? '';
  const figures = Figures.parse(JSON.parse(input));
  const readme = fileURLToPath(new URL('../README.md', import.meta.url));
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf('<!-- bench:start -->');
  const end = text.indexOf('<!-- bench:end -->');
  if (start < 0 || end < start) throw new Error('README.md has no <!-- bench:start --> … <!-- bench:end --> markers');
  const when = process.env.BENCH_WHEN ?? `${new Date().toISOString().slice(0, 10)}, load ${loadavg()[0]!.toFixed(1)}`;
  const table = performanceTable(figures, when, text.slice(start, end));
  writeFileSync(readme, `${text.slice(0, start)}<!-- bench:start -->\n${table}\n${text.slice(end)}`);
  console.log(`README.md: performance table written (${figures.length} figures from this run)`);
}
