// The command line's database commands in-process, on the file's one test database (PGlite, or
// PostgreSQL with TEST_DATABASE_URL); and once on an embedded database in a --data-dir folder, empty
// at first (begun from the build's migrated database), kept there from one command to the next.
// `rate` and `validate` need no database: src/cli/cli.test.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAssessment } from '../../src/demo/generate-assessment.ts';
import { writeAssessmentCsv } from '../../src/interchange/assessment-file.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { FIRST_START_DUMP } from '../../src/services/first-start-database.ts';
import { openCliTestDatabase, runCapturing } from '../support/cli.ts';
import { parseTar } from '../support/pglite-template-fs.ts';
import type { TestDatabase } from '../support/test-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'inspectorate-cli-db-'));
let t: TestDatabase;
beforeAll(async () => void (t = await openCliTestDatabase()));
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});
const framework = bundledFramework();
const assessment = generateAssessment(framework, { seed: 3, cases: 25, windowStart: '2026-03-02' });
const csvFile = join(dir, 'assessments.csv');
writeFileSync(csvFile, writeAssessmentCsv(framework, assessment));

const run = (...args: string[]) => runCapturing(args, t);

describe('database commands', () => {
  it('create an inspection, import into it, rate it, export it and show its audit trail', async () => {
    const created = await run('create-inspection', '--pdu', 'York', '--fieldwork-start', '2026-09-07');
    expect(created.stdout).toMatch(/Created inspection 1: .*York PDU, fieldwork 2026-09-07 to 2026-09-11/);
    const imported = await run('import', csvFile, '--inspection', '1');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 25 cases into inspection 1.');
    const { provisional, casesComplete, casesTotal, ...fromDb } = JSON.parse((await run('ratings', '--inspection', '1', '--json')).stdout);
    expect(fromDb).toEqual(JSON.parse((await run('rate', csvFile, '--json')).stdout));
    // Not signed off: the stored inspection's ratings are provisional, in the JSON and the table.
    expect({ provisional, casesTotal }).toEqual({ provisional: true, casesTotal: 25 });
    expect((await run('ratings', '--inspection', '1')).stdout).toContain(`PROVISIONAL ratings: ${casesComplete} of 25 cases complete, not yet signed off`);
    expect((await run('inspections')).stdout).toContain(`(provisional: ${casesComplete} of 25 cases complete)`);
    const exported = join(dir, 'exported.csv');
    await run('export', '--inspection', '1', '--output', exported);
    expect(readFileSync(exported, 'utf8')).toBe(readFileSync(csvFile, 'utf8'));
    const audit = await run('audit', '--inspection', '1');
    expect(audit.stdout).toMatch(/inspection\.created[\s\S]*assessments\.imported/);
  }, 60_000);

  it('imports nothing from a bad file', async () => {
    const bad = join(dir, 'bad-import.csv');
    writeFileSync(bad, `${readFileSync(csvFile, 'utf8')}DEMO-001,2.2.1,perhaps\n`);
    const { code, stderr } = await run('import', bad, '--inspection', '1');
    expect(code).toBe(1);
    expect(stderr).toContain('nothing was imported');
    expect((await run('audit', '--inspection', '1', '--json')).stdout.match(/assessments\.imported/g)).toHaveLength(1);
  }, 60_000);
});

/** The identifier initdb gave a database (pg_control's first 8 bytes): a folder begun from a dump has the dump's. */
const systemId = (pgControl: Buffer) => pgControl.subarray(0, 8).toString('hex');
describe('database commands on --data-dir', () => {
  it('open the embedded database in the folder (an empty one begun from the build\'s dump, as npm start does), keep what one command stored for the next, and let go of it', async () => {
    const data = join(dir, 'data');
    const db = ['--data-dir', data];
    // The build (npm install, npm start) makes the dump; without one the folder is made by initdb and
    // every migration, as before (firstStartOptions's own tests: first-start-database.storage.test.ts).
    const dump = existsSync(FIRST_START_DUMP) ? systemId(Buffer.from(parseTar(readFileSync(FIRST_START_DUMP)).find((e) => e.path === 'global/pg_control')!.bytes)) : undefined;
    const created = await runCapturing([...db, 'create-inspection', '--pdu', 'York', '--fieldwork-start', '2026-09-07']);
    expect(created.stdout).toMatch(/Created inspection 1: .*York PDU, fieldwork 2026-09-07 to 2026-09-11/);
    expect(existsSync(join(data, 'pglite.lock'))).toBe(false);
    if (dump) expect(systemId(readFileSync(join(data, 'pglite', 'global', 'pg_control')))).toBe(dump);
    const listed = JSON.parse((await runCapturing([...db, 'inspections', '--json'])).stdout) as { id: number; organisationName: string }[];
    expect(listed.map((i) => [i.id, i.organisationName])).toEqual([[1, 'York']]);
  }, 120_000);
});
