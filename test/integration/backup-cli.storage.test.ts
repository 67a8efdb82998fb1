// `inspectorate backup FILE` and `restore FILE`: the embedded database written to one file and
// loaded into another folder gives the same ratings; neither runs while the server holds the
// folder; restore writes over nothing unless told to, and then keeps the old folder.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { generateAssessment } from '../../src/demo/generate-assessment.ts';
import { writeAssessmentCsv } from '../../src/interchange/assessment-file.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { runCapturing, seedDataDir } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'inspectorate-backup-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const original = join(dir, 'original');
const copy = join(dir, 'copy');
const backupFile = join(dir, 'inspectorate.tar.gz');

const run = (dataDir: string, ...args: string[]) => runCapturing(['--data-dir', dataDir, ...args]);
const ratings = async (dataDir: string) => {
  const r = await run(dataDir, 'ratings', '--inspection', '1', '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};

describe.skipIf(!!process.env.TEST_DATABASE_URL)('backup and restore of the embedded database', { timeout: 180_000 }, () => {
  let before: unknown;

  it('backs up a database and restores it into a new folder with identical ratings', async () => {
    await seedDataDir(original);
    const framework = bundledFramework();
    const csv = join(dir, 'assessments.csv');
    writeFileSync(csv, writeAssessmentCsv(framework, generateAssessment(framework, { seed: 11, cases: 20, windowStart: '2026-03-02' })));
    expect((await run(original, 'create-inspection', '--pdu', 'York', '--fieldwork-start', '2026-09-07')).code).toBe(0);
    expect((await run(original, 'import', csv, '--inspection', '1')).code).toBe(0);
    before = await ratings(original);

    const backup = await run(original, 'backup', backupFile);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`^Backed up ${original}/pglite to ${backupFile} \\(\\d+\\.\\d MB\\)\\n$`));
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);

    const restored = await run(copy, 'restore', backupFile);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toBe(`Restored ${backupFile} into ${copy}/pglite: 1 inspection\n`);
    expect(await ratings(copy)).toEqual(before);
    expect((before as { standards: unknown[] }).standards.length).toBeGreaterThan(0);
  });

  it('refuses to restore over a database, unless --force, which keeps the old folder beside it', async () => {
    expect((await run(copy, 'create-inspection', '--pdu', 'Leeds', '--fieldwork-start', '2027-01-11')).code).toBe(0);
    const refused = await run(copy, 'restore', backupFile);
    expect(refused).toMatchObject({ code: 1, stdout: '', stderr: `${copy}/pglite already holds a database: give --force to replace it (the old folder is kept beside it)\n` });
    expect((await run(copy, 'inspections')).stdout).toContain('Leeds');

    const forced = await run(copy, 'restore', backupFile, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    const aside = forced.stdout.match(/kept in (\S+)\n$/)![1]!;
    expect(existsSync(join(aside, 'PG_VERSION'))).toBe(true);
    expect((await run(copy, 'inspections')).stdout).not.toContain('Leeds');
    expect(await ratings(copy)).toEqual(before);
  });

  it('keeps the folder as it was when the file is not a backup', async () => {
    const wrong = join(dir, 'not-a-backup.tar.gz');
    writeFileSync(wrong, 'this is not a backup');
    const refused = await run(copy, 'restore', wrong, '--force');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^${wrong} could not be restored: .*; ${copy}/pglite is as it was\\n$`));
    expect(await ratings(copy)).toEqual(before);
  });

  it('refuses both while the server holds the folder, and on a PostgreSQL server', async () => {
    const server = await openDatabase({ dataDir: join(original, 'pglite'), holder: { kind: 'server', what: 'npm start' } });
    try {
      const held = /^The embedded database .*original\/pglite is in use by the Inspectorate server \(npm start, pid \d+\) since \S+: stop that server first, or do this in the web app\.\n$/;
      const backup = await run(original, 'backup', join(dir, 'while-running.tar.gz'));
      expect(backup.code).toBe(1);
      expect(backup.stderr).toMatch(held);
      expect(existsSync(join(dir, 'while-running.tar.gz'))).toBe(false);
      const restore = await run(original, 'restore', backupFile, '--force');
      expect(restore.code).toBe(1);
      expect(restore.stderr).toMatch(held);
    } finally {
      await server.close();
    }
    expect(await ratings(original)).toEqual(before);
    const postgres = await runCapturing(['--database-url', 'postgres://nobody@127.0.0.1:1/none', 'backup', backupFile]);
    expect(postgres).toMatchObject({ code: 2, stderr: 'backup is for the embedded database; on a PostgreSQL server use pg_dump and pg_restore\n' });
  });
});
