// The command line in-process: `rate` and `validate` need no database. The database commands:
// test/integration/cli.storage.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAssessment } from '../demo/generate-assessment.ts';
import { writeAssessmentCsv, writeAssessmentJson } from '../interchange/assessment-file.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { runCapturing } from '../../test/support/cli.ts';
import { inputChunks, readBytes, readInput } from './io.ts';

const dir = mkdtempSync(join(tmpdir(), 'inspectorate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const framework = bundledFramework();
const assessment = generateAssessment(framework, { seed: 3, cases: 25, windowStart: '2026-03-02' });
const csvFile = join(dir, 'assessments.csv');
writeFileSync(csvFile, writeAssessmentCsv(framework, assessment));

const run = (...args: string[]) => runCapturing(args);

describe('inspectorate rate FILE', () => {
  it('prints a ratings table', async () => {
    const { code, stdout } = await run('rate', csvFile);
    expect(code).toBe(0);
    expect(stdout).toMatch(/2\.2 Assessment\s+(Inadequate|Requires improvement|Good|Outstanding)/);
    expect(stdout).toMatch(/Overall\s+\S+/);
  });

  it('prints the ratings and explanations as JSON with --json', async () => {
    const { code, stdout } = await run('rate', csvFile, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.standards[0]).toMatchObject({ id: '1.1', name: 'Leadership', rating: expect.any(String) });
    expect(result.overall).toMatchObject({ score: expect.any(Number), rating: expect.any(String) });
    expect(result.standards.find((s: { id: string }) => s.id === '2.3').explanation.summary).toContain('set by key question');
  });

  it('rates the JSON form of the same file the same way', async () => {
    const jsonFile = join(dir, 'assessments.json');
    writeFileSync(jsonFile, writeAssessmentJson(framework, assessment));
    expect(JSON.parse((await run('rate', jsonFile, '--json')).stdout)).toEqual(JSON.parse((await run('rate', csvFile, '--json')).stdout));
  });

  it('rejects a bad file with every error by row and column, and exit code 1', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'case_ref,item,value\nA1,sentence_type,community\nA1,rosh,extreme\nA1,2.2.1a,maybe\n');
    const { code, stderr, stdout } = await run('validate', bad);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/row 3, column value .*rosh/);
    expect(stderr).toMatch(/row 4, column value .*maybe/);
    expect(stderr).toMatch(/start_date/);
    expect(stderr).toMatch(/rejected with \d+ errors; nothing was imported/);
  });

  it('says when the file is missing or the command is misused', async () => {
    expect((await run('rate', join(dir, 'none.csv'))).stderr).toContain('no such file');
    expect((await run('rate')).code).toBe(2);
    expect((await run('rate', csvFile, '--framework', 'nope@1')).code).toBe(2);
  });
});

describe('reading input', () => {
  it('refuses a file that is not UTF-8, naming the line, instead of storing replacement characters', async () => {
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.concat([Buffer.from('case_ref,item,value\nA1,sentence_type,community\nA1,notes,'), Buffer.from([0xe9, 0x6c, 0xe9]), Buffer.from('\n')]));
    const { code, stderr, stdout } = await run('validate', latin1);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${latin1}: line 3 is not UTF-8 text: save the file as UTF-8 (CSV UTF-8 in Excel) and try again; nothing was read from it\n`);
    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(utf16, Buffer.from('\ufeffcase_ref,item,value\n', 'utf16le'));
    expect((await run('rate', utf16)).stderr).toContain('is UTF-16 text: save it as UTF-8');
    // A byte order mark, and characters beyond ASCII, are UTF-8 all the same.
    writeFileSync(join(dir, 'bom.csv'), `\ufeff${readFileSync(csvFile, 'utf8')}`);
    expect(readInput(join(dir, 'bom.csv')).startsWith('\ufeffcase_ref')).toBe(true);
    expect((await run('rate', join(dir, 'bom.csv'))).code).toBe(0);
  });

  it('refuses a device or a folder at once, and anything larger than the limit', async () => {
    const started = Date.now();
    const zero = await run('rate', '/dev/zero', '--format', 'csv');
    expect(zero).toMatchObject({ code: 1, stderr: 'Cannot read /dev/zero: it is a device, not a file\n' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await run('rate', dir, '--format', 'csv')).stderr).toContain('it is a folder, not a file');
    expect(() => readBytes(csvFile, 1000)).toThrow(/larger than 1000 bytes/);
    expect(readBytes(csvFile, 10_000_000).length).toBe(readFileSync(csvFile).length);
  });

  it('streams a file in chunks with the same checks and the same refusals as reading it whole', async () => {
    const collect = async (path: string) => {
      const parts: Uint8Array[] = [];
      for await (const chunk of inputChunks(path).chunks()) parts.push(chunk);
      return Buffer.concat(parts);
    };
    expect((await collect(csvFile)).equals(readFileSync(csvFile))).toBe(true);
    const latin1 = join(dir, 'latin1-stream.csv');
    writeFileSync(latin1, Buffer.concat([Buffer.from('case_ref,item,value\nA1,notes,'), Buffer.from([0xe9, 0x0a])]));
    await expect(collect(latin1)).rejects.toThrow(`${latin1}: line 2 is not UTF-8 text`);
    expect(() => inputChunks(dir)).toThrow('it is a folder, not a file');
    expect(() => inputChunks('/dev/zero')).toThrow('it is a device, not a file');
    expect(() => inputChunks(csvFile, 1000)).toThrow(/larger than 1000 bytes/);
  });

  it('reads standard input that never ends only up to the limit', { timeout: 60_000 }, () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const run = spawnSync(process.execPath, ['bin/inspectorate.js', 'rate', '-', '--format', 'csv'], { stdio: [zero, 'pipe', 'pipe'], encoding: 'utf8', timeout: 50_000 });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe('Cannot read standard input: it is larger than 256 MB, the most the command line reads from one file or standard input\n');
    } finally {
      closeSync(zero);
    }
  });
});

describe('npx inspectorate (bin/inspectorate.js)', () => {
  it('finishes quietly when the reader of its output stops early (| head)', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['bin/inspectorate.js', 'rate', 'test/fixtures/assessments/youth-2021-with-resettlement.csv', '--framework', 'hmip-youth@2021', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the pipe's reading end closed before the command writes: each write fails with EPIPE
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((exited) => child.on('close', exited));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('runs the bundle built in dist/ while dist/ is up to date with src/, else the source through tsx', async () => {
    type Entry = { url: string; tsx: boolean };
    const { cliEntry } = (await import(new URL('../../bin/cli-entry.js', import.meta.url).href)) as { cliEntry: (stale?: boolean) => Entry };
    const { isStale } = (await import(new URL('../../scripts/build.mjs', import.meta.url).href)) as { isStale: () => boolean };
    expect(cliEntry(false)).toEqual({ url: new URL('../../dist/cli.js', import.meta.url).href, tsx: false });
    expect(cliEntry(true)).toEqual({ url: new URL('./main.ts', import.meta.url).href, tsx: true });
    expect(cliEntry()).toEqual(cliEntry(isStale())); // what bin/inspectorate.js runs now; the test above runs it
  });
});
