// Issue 12: the command line a PDU inspection uses works for a youth inspection, on the file's one
// test database: create the inspection of a youth justice service, import an assessment file of
// court and out-of-court cases (resettlement, 4.1, judged: a custody case was found), rate it from
// the database (the same ratings as rating the file by the youth framework, provisional until
// signed off), list it, export it (the same rows, normalised, rating the same) and show its audit trail; a file of the
// adult framework's is refused, naming its rows, and changes nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAssessment } from '../../src/demo/generate-assessment.ts';
import { writeAssessmentCsv } from '../../src/interchange/assessment-file.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { openCliTestDatabase, runCapturing } from '../support/cli.ts';
import type { TestDatabase } from '../support/test-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'inspectorate-youth-cli-'));
let t: TestDatabase;
beforeAll(async () => void (t = await openCliTestDatabase()));
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});
const youthFile = fileURLToPath(new URL('../fixtures/assessments/youth-2021-with-resettlement.csv', import.meta.url));
const run = (...args: string[]) => runCapturing(args, t);

describe('the command line for a youth inspection', () => {
  let id = '';

  it('creates the inspection of a youth justice service by the current youth framework, and imports a youth assessment file into it', async () => {
    const created = await run('create-inspection', '--youth-service', 'Wakefield', '--fieldwork-start', '2026-09-07');
    expect(created.stdout).toMatch(/^Created inspection (\d+): An inspection of youth justice services in Wakefield, fieldwork 2026-09-07 to 2026-09-11\n$/);
    id = /inspection (\d+)/.exec(created.stdout)![1]!;
    const imported = await run('import', youthFile, '--inspection', id);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`^Imported \\d+ cases into inspection ${id}\\.`));
    expect(imported.stdout).toMatch(/4\.1 Resettlement policy and provi… Outstanding\s+judgement\s+not counted/);
  }, 60_000);

  it('rates it from the database as the file rates by the youth framework, provisional until signed off', async () => {
    const stored = await run('ratings', '--inspection', id, '--json');
    expect(stored.code).toBe(0);
    const { provisional, casesComplete, casesTotal, ...fromDb } = JSON.parse(stored.stdout);
    const fromFile = JSON.parse((await run('rate', youthFile, '--json', '--framework', 'hmip-youth@2021')).stdout);
    expect(fromDb).toEqual(fromFile);
    expect(fromDb.frameworkKey).toBe('hmip-youth@2021');
    expect(fromDb.overall).toMatchObject({ score: 22, maxScore: 36, rating: 'Good' });
    expect(provisional).toBe(true);
    const table = (await run('ratings', '--inspection', id)).stdout;
    expect(table).toContain('An inspection of youth justice services in Wakefield (hmip-youth@2021)');
    expect(table).toContain(`PROVISIONAL ratings: ${casesComplete} of ${casesTotal} cases complete, not yet signed off`);
    expect(table).toMatch(/Overall\s+Good\s+22\/36/);
  });

  it('lists it with the youth framework, and exports it in the import format, normalised, rating as the file did', async () => {
    const listed = JSON.parse((await run('inspections', '--json')).stdout) as { id: number; organisationName: string; frameworkId: string; overall: { rating: string } }[];
    expect(listed.find((i) => String(i.id) === id)).toMatchObject({ organisationName: 'Wakefield', frameworkId: 'hmip-youth', overall: { rating: 'Good' } });
    expect((await run('inspections')).stdout).toMatch(new RegExp(`^${id}\\tWakefield \\([^)]*\\)\\t2026-09-07\\thmip-youth@2021\\tGood`, 'm'));
    const exported = join(dir, 'exported.csv');
    expect((await run('export', '--inspection', id, '--output', exported)).code).toBe(0);
    // The same rows, each value in the framework's own spelling (the file's "Court" and "court disposal", a day as 02/03/2026).
    const text = readFileSync(exported, 'utf8');
    expect(text.split('\n').length).toBe(readFileSync(youthFile, 'utf8').split('\n').length);
    expect(text).toContain('C02,case_type,court\nC02,start_date,2026-03-02\n');
    expect(text).toContain('C05,case_type,court\n');
    expect(text).toContain(',4.1,Outstanding\n');
    const again = JSON.parse((await run('rate', exported, '--json', '--framework', 'hmip-youth@2021')).stdout);
    expect(again).toEqual(JSON.parse((await run('rate', youthFile, '--json', '--framework', 'hmip-youth@2021')).stdout));
    const json = JSON.parse((await run('export', '--inspection', id, '--format', 'json')).stdout) as { framework: string; judgements: Record<string, { rating: string }>; cases: { items: Record<string, string> }[] };
    expect(json.framework).toBe('hmip-youth@2021');
    expect(json.judgements['4.1']).toMatchObject({ rating: 'Outstanding' });
    expect(new Set(json.cases.map((c) => c.items.case_type))).toEqual(new Set(['court', 'out-of-court']));
    expect((await run('audit', '--inspection', id)).stdout).toMatch(/inspection\.created[\s\S]*assessments\.imported/);
  });

  it('refuses an adult framework’s file, naming its rows, and imports nothing', async () => {
    const adult = join(dir, 'adult.csv');
    writeFileSync(adult, writeAssessmentCsv(bundledFramework(), generateAssessment(bundledFramework(), { seed: 3, cases: 2, windowStart: '2026-03-02' })));
    const refused = await run('import', adult, '--inspection', id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/adult\.csv: error: row \d+, column item \(case DEMO-001, item sentence_type\): unknown item 'sentence_type'/);
    expect(refused.stderr).toContain('nothing was imported');
    expect((await run('audit', '--inspection', id, '--json')).stdout.match(/assessments\.imported/g)).toHaveLength(1);
  });
});
