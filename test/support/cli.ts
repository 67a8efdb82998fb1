// Runs the command line in-process, as `npx inspectorate …` would, capturing what it writes: on the
// database given (a test file's one shared database, so a command costs no open, migration or
// reference-data load), or else on the one its options name, opened and closed per command.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { inject, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.ts';
import { runCli } from '../../src/cli/main.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { openTestDatabase, pgliteTemplatePath, type TestDatabase } from './test-database.ts';

export async function runCapturing(args: string[], database?: DatabaseHandle): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await runCli(args, database), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/**
 * The test file's database for its commands, with the reference data loaded as a command would
 * (close it in afterAll): on PGlite from the template that holds it already, so the load below
 * finds its digest unchanged.
 */
export async function openCliTestDatabase(): Promise<TestDatabase> {
  const t = await openTestDatabase({ referenceData: true });
  await loadReferenceData(t.db, 'cli:test-setup');
  return t;
}

/**
 * Gives `--data-dir` a migrated embedded database, unpacked from the storage project's template,
 * so the first command does not run initdb and every migration (~10 s of CPU): the one with the
 * reference data loaded while it is there, so that command finds it unchanged (~2 s of CPU less).
 * Without a template (on PostgreSQL, in CI) the database is made here, so a command run as a
 * process need not.
 */
export async function seedDataDir(dataDir: string): Promise<void> {
  const folder = `${dataDir}/pglite`;
  const template = await pgliteTemplatePath();
  if (!template) return (await openDatabase({ dataDir: folder })).close();
  const reference = inject('pgliteReferenceTemplatePath');
  mkdirSync(folder, { recursive: true });
  const from = reference && existsSync(reference) ? reference : template; // a run after an edit may have cleared it
  execFileSync('tar', ['-xf', from, '-C', folder], { stdio: 'pipe' }); // GNU tar notes the leading / it drops
}
