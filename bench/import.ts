// P3 (issue 14): importing a large assessment CSV as the command line does (streamed from a file on
// disk, validated, saved in one transaction, audited and rated), in a process of its own so that
// its peak memory (maxRSS, the embedded database included) is the import's alone.
//
//   importInChild(...)                                     from bench/run.ts
//   npx tsx bench/import.ts <postgres-url|data-folder> <inspection-id> <file.csv>   one import; prints JSON
import { spawn } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/database.ts';
import { isPostgresUrl } from '../src/db/database.ts';
import { logger } from '../src/observability/logger.ts';
import { importAssessments } from '../src/services/inspections.ts';

export interface ChildImport {
  ms: number;
  cases: number;
  /** The child process's peak resident memory, in MB. */
  peakMb: number;
}

/** Runs one import in a child process against the database (nothing else may hold a PGlite folder meanwhile). */
export async function importInChild(database: string, inspectionId: number, file: string): Promise<ChildImport> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), database, String(inspectionId), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the import child ended with code ${code}`);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildImport;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  logger.level = 'silent';
  const [database, id, file] = process.argv.slice(2) as [string, string, string];
  const handle = await openDatabase(isPostgresUrl(database) ? { url: database } : { dataDir: database });
  try {
    const started = process.hrtime.bigint();
    const result = await importAssessments(
      handle.db,
      { inspectionId: Number(id), format: 'csv', chunks: () => createReadStream(file), text: async () => readFileSync(file, 'utf8') },
      'bench',
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(`${JSON.stringify({ ms, cases: result.cases, peakMb } satisfies ChildImport)}\n`);
  } finally {
    await handle.close();
  }
}
