// `inspectorate sfo sample` and `sfo framework` need no database: run in-process on generated files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCapturing } from '../../test/support/cli.ts';
import { generateSfoRegister } from '../demo/generate-sfo-register.ts';
import { writeRegisterCsv } from '../interchange/sfo/register-file.ts';
import { loadRegions } from '../reference/organisations.ts';
import { bundledSfoFrameworkFiles } from '../reference/sfo-frameworks.ts';

const dir = mkdtempSync(join(tmpdir(), 'inspectorate-sfo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const regions = loadRegions().regions.map((r) => r.name);
const reviews = generateSfoRegister({ seed: 11, regions, reviews: 340 });
const csv = join(dir, 'reviews.csv');
writeFileSync(csv, writeRegisterCsv(reviews));
const run = (...args: string[]) => runCapturing(args);

describe('inspectorate sfo sample FILE', () => {
  it('prints exactly { selected, byRegion }: each region max(1, its share rounded half up), the same for the same seed', async () => {
    const first = await run('sfo', 'sample', csv, '--share', '0.2', '--seed', '7', '--json');
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(Object.keys(out)).toEqual(['selected', 'byRegion']);
    const regionOf = new Map(reviews.map((r) => [r.reviewRef, r.region]));
    for (const region of new Set(reviews.map((r) => r.region))) {
      const n = reviews.filter((r) => r.region === region).length;
      const want = Math.max(1, Math.floor(n * 0.2 + 0.5));
      expect(out.byRegion[region]).toEqual({ submitted: n, selected: want });
      expect(out.selected.filter((ref: string) => regionOf.get(ref) === region)).toHaveLength(want);
    }
    expect(new Set(out.selected).size).toBe(out.selected.length);
    expect((await run('sfo', 'sample', csv, '--share', '0.2', '--seed', '7', '--json')).stdout).toBe(first.stdout);
    expect(JSON.parse((await run('sfo', 'sample', csv, '--seed', '8', '--json')).stdout).selected).not.toEqual(out.selected);
  });

  it('gives the same selection whatever the order of the rows, and from the same register as a workbook', async () => {
    const reversed = join(dir, 'reversed.csv');
    writeFileSync(reversed, writeRegisterCsv([...reviews].reverse()));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Register');
    sheet.addRow(['review_ref', 'region', 'pdu', 'offence_category', 'notified_date', 'submitted_date', 'extension']);
    for (const r of reviews) sheet.addRow([r.reviewRef, r.region, r.pdu, r.offenceCategory, r.notifiedOn, r.submittedOn, r.extensionGranted ? 'yes' : 'no']);
    const xlsx = join(dir, 'reviews.xlsx');
    writeFileSync(xlsx, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const expected = (await run('sfo', 'sample', csv, '--seed', '3', '--json')).stdout;
    expect((await run('sfo', 'sample', reversed, '--seed', '3', '--json')).stdout).toBe(expected);
    expect((await run('sfo', 'sample', xlsx, '--seed', '3', '--json')).stdout).toBe(expected);
  });

  it('samples only the period asked for, and prints a table without --json', async () => {
    const period = JSON.parse((await run('sfo', 'sample', csv, '--seed', '3', '--from', '2024-04-01', '--to', '2024-06-30', '--json')).stdout);
    const inPeriod = reviews.filter((r) => r.submittedOn! >= '2024-04-01' && r.submittedOn! <= '2024-06-30');
    expect(Object.values(period.byRegion as Record<string, { submitted: number }>).reduce((n, c) => n + c.submitted, 0)).toBe(inPeriod.length);
    const table = await run('sfo', 'sample', csv, '--seed', '3');
    expect(table.stdout).toMatch(/^Region\s+Submitted\s+Selected\n/);
    expect(table.stdout).toMatch(/\nAll regions\s+340\s+\d+\n/);
    expect(table.stdout).toContain('Share 0.2, seed 3');
  });

  it('refuses a bad file with exit 1, every problem by row and column on stderr', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'review_ref,region,offence_category,notified_date,submitted_date,extension\nR1,Yorkshire,theft,2024-02-30,,maybe\nr1,Wales,murder,2024-01-01,2024-03-01,no\n');
    const { code, stdout, stderr } = await run('sfo', 'sample', bad, '--seed', '1', '--json');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${bad}: error: row 2, column region: 'Yorkshire' is not a probation region`);
    expect(stderr).toContain(`${bad}: error: row 2, column offence_category: 'theft' is not an offence category`);
    expect(stderr).toContain(`${bad}: error: row 2, column notified_date: '2024-02-30' is not a date`);
    expect(stderr).toContain(`${bad}: error: row 2, column extension: 'maybe' is not allowed; use yes or no`);
    expect(stderr).toContain(`${bad}: error: row 3, column review_ref: review R1 is also on row 2`);
    expect(stderr).toContain('refused with 5 problems');
    writeFileSync(bad, Buffer.from([0x72, 0x65, 0x76, 0xff, 0x0a]));
    expect(await run('sfo', 'sample', bad, '--seed', '1')).toMatchObject({ code: 1, stderr: expect.stringContaining('line 1 is not UTF-8 text') });
    expect(await run('sfo', 'sample', join(dir, 'missing.csv'), '--seed', '1')).toMatchObject({ code: 1, stderr: expect.stringContaining('no such file') });
  });

  it('refuses bad options with exit 2', async () => {
    for (const args of [['--seed', 'x'], ['--seed', '-1'], ['--seed', '4294967296'], ['--seed', '1', '--share', '0'], ['--seed', '1', '--share', '1.5'], ['--seed', '1', '--share', 'lots'], ['--seed', '1', '--from', '2024-02-30'], ['--seed', '1', '--from', '2024-05-01', '--to', '2024-04-01'], []]) {
      const { code, stderr } = await run('sfo', 'sample', csv, ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).not.toBe('');
    }
    const txt = join(dir, 'reviews.txt');
    writeFileSync(txt, 'x');
    expect(await run('sfo', 'sample', txt, '--seed', '1')).toMatchObject({ code: 2, stderr: expect.stringContaining('name it .csv or .xlsx') });
  });
});

describe('inspectorate sfo framework', () => {
  it('shows every text with its provenance', async () => {
    const { code, stdout } = await run('sfo', 'framework', 'show');
    expect(code).toBe(0);
    expect(stdout).toContain('Standard 1: Analysis of practice [verbatim from HM Inspectorate of Probation consultation');
    expect(stdout).toMatch(/4\.1 Does the review take proper account of the victims and their families\? \[to be confirmed: /);
  });

  it('checks a file fully, listing every problem by its path', async () => {
    const edited = join(dir, 'framework.yaml');
    writeFileSync(edited, readFileSync(bundledSfoFrameworkFiles()[0]!.path, 'utf8').replace('rating: Good\n', 'rating: Excellent\n').replace('id: "4.1"', 'id: "1.9"'));
    const { code, stderr } = await run('sfo', 'framework', 'load', edited, '--check');
    expect(code).toBe(1);
    expect(stderr).toContain(`${edited}: error: standards[3].keyQuestions[0].id: 1.9 does not belong to standard 4; number it 4.n`);
    expect(stderr).toContain(`${edited}: error: overall.consistencyRules[0].when[0].overallAtLeast: "Good" is not on the rating scale`);
    expect(stderr).toContain('nothing was loaded');
    const ok = await run('sfo', 'framework', 'load', bundledSfoFrameworkFiles()[0]!.path, '--check');
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/valid: hmip-sfo-review@2021, 4 standards, 7 key questions, 5 consistency rules/) });
  });
});
