// `inspectorate programme …` in-process, on the file's one test database (PGlite, or PostgreSQL
// with TEST_DATABASE_URL), which the commands share as they would a data folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliTestDatabase, runCapturing } from '../support/cli.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { listAudit } from '../../src/db/repositories/index.ts';
import { createProgrammeYear } from '../../src/services/programme/years.ts';

const dir = mkdtempSync(join(tmpdir(), 'inspectorate-programme-cli-'));
let t: TestDatabase;
beforeAll(async () => void (t = await openCliTestDatabase()));
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => runCapturing(args, t);

describe('inspectorate programme plan', () => {
  it('plans the cycle from the registry and says what 30 a year cannot do', async () => {
    const { code, stdout } = await run('programme', 'plan', '--start', '2027-04-05', '--years', '3', '--teams', '3', '--capacity', '30');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Year {2}Dates/);
    expect(stdout).toMatch(/planning rules are not met:/);
    expect(stdout).toContain('yearly-capacity: Year 1 needs');
    expect(stdout).toContain('what would fix it: Raise year 1');
  }, 120_000);

  it('prints the input and plan as JSON, the same for the same input', async () => {
    const args = ['programme', 'plan', '--start', '2027-04-05', '--years', '3', '--teams', 'North,South,West', '--capacity', '80', '--json'];
    const first = await run(...args);
    expect(first.code).toBe(0);
    const { input, plan } = JSON.parse(first.stdout);
    expect(input.teams).toEqual(['North', 'South', 'West']);
    expect(plan.unmet).toEqual([]);
    expect(plan.bookings.filter((b: { kind: string }) => b.kind === 'inspection')).toHaveLength(109);
    expect((await run(...args)).stdout).toBe(first.stdout);
  }, 60_000);

  it('names the option for every bad input, and stores a plan only when asked', async () => {
    const bad = await run('programme', 'plan', '--start', '2027-04-06', '--years', '11', '--capacity', 'lots');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--start: The first day of the cycle must be a Monday');
    expect(bad.stderr).toContain('--years: Years in the cycle must be a whole number from 1 to 10');
    expect(bad.stderr).toContain('--capacity: Capacity must be a whole number');
    const saved = await run('programme', 'plan', '--start', '2027-04-05', '--capacity', '40', '--save');
    expect(saved.code).toBe(0);
    expect(saved.stdout).toMatch(/^Stored as cycle 1\./);
  }, 60_000);
});

describe('inspectorate programme youth', () => {
  it('draws the same services from the same seed, and stores the selection when asked', async () => {
    const args = ['programme', 'youth', '--seed', '42', '--as-of', '2027-04-01', '--targeted', '4', '--random', '3'];
    const first = await run(...args, '--json');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result.seed).toBe(42);
    expect(result.selected.filter((s: { reasons: { kind: string }[] }) => s.reasons.some((r) => r.kind === 'random'))).toHaveLength(3);
    expect(JSON.parse((await run(...args, '--json')).stdout).selected).toEqual(result.selected);
    const text = await run(...args, '--save');
    expect(text.stdout).toMatch(/^Stored as youth selection 1\.\n\d+ youth justice services selected \(seed 42\):/);
    expect((await run('programme', 'youth', '--seed', 'x')).code).toBe(2);
  }, 60_000);
});

describe('inspectorate programme topics FILE', () => {
  it('ranks topics from JSON or CSV and fits them to the resource, with explanations', async () => {
    const json = join(dir, 'topics.json');
    writeFileSync(
      json,
      JSON.stringify({
        resource: { fieldwork: 1, desktop: 1, research: 1 },
        topics: [
          { title: 'Domestic abuse', kind: 'fieldwork', scores: { 'ongoing-weakness': 3, 'ministerial-priority': 2 } },
          { title: 'Women', kind: 'fieldwork', scores: { 'ongoing-weakness': 1 } },
          { title: 'Probation interventions', kind: 'research', scores: { 'level-of-risk': 3, 'potential-impact': 2, suitability: 2, resources: 1 } },
        ],
      }),
    );
    const { code, stdout } = await run('programme', 'topics', json);
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 {3}Domestic abuse\s+55\.6\s+fitted \(fieldwork\)/);
    expect(stdout).toMatch(/2 {3}Women\s+11\.1\s+not fitted/);
    expect(stdout).toContain('Ranked 1 of 2 thematic topics with 55.6 of 100');
    const csv = join(dir, 'topics.csv');
    writeFileSync(csv, 'title,kind,ongoing-weakness,ministerial-priority\nDomestic abuse,fieldwork,3,2\nWomen,fieldwork,1,\n');
    const fromCsv = await run('programme', 'topics', csv, '--fieldwork', '2', '--json');
    expect(JSON.parse(fromCsv.stdout).topics.map((t: { title: string; fitted: boolean }) => [t.title, t.fitted])).toEqual([
      ['Domestic abuse', true],
      ['Women', true],
    ]);
  });

  it('lists every problem in the file by row and field, and ranks nothing', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'title,kind,ongoing-weakness\n,fieldwork,2\nWomen,thematic,5\n');
    const { code, stderr, stdout } = await run('programme', 'topics', bad);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('row 2, title: title is missing');
    expect(stderr).toContain('row 3, kind: kind must be fieldwork, desktop or research');
    expect(stderr).toContain('nothing was ranked');
  });
});

describe('inspectorate programme consultation', () => {
  it('writes the consultation on a programme year as HTML and as PDF', async () => {
    await createProgrammeYear(t.db, { label: '2027/28', startsOn: '2027-04-01', fieldworkSlots: '5', desktopSlots: '1', researchSlots: '2', cycleId: '1', youthSelectionId: '1' }, 'test');
    const htmlFile = join(dir, 'consultation.html');
    const html = await run('programme', 'consultation', '--year', '2027/28', '--format', 'html', '-o', htmlFile);
    expect(html.code).toBe(0);
    expect(html.stderr).toContain(`Wrote ${htmlFile}`);
    const text = readFileSync(htmlFile, 'utf8');
    expect(text).toContain('<h1>Consultation on our inspection programme 2027/2028</h1>');
    expect(text).toMatch(/We intend to conduct \d+ PDU inspections in 2027\/2028/);
    expect(text).toContain('Q1: Do you agree with our proposed programme of PDU and youth justice service inspections for 2027/2028?');
    const pdfFile = join(dir, 'consultation.pdf');
    expect((await run('programme', 'consultation', '--format', 'pdf', '-o', pdfFile)).code).toBe(0); // the coming year by default
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    const missing = await run('programme', 'consultation', '--year', '2031/32', '-o', join(dir, 'x.html'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no programme year 2031/32');
  }, 120_000);

  it('audits what the command line stores', async () => {
    const actions = (await listAudit(t.db)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['programme-cycle.created', 'youth-selection.made', 'programme-year.created']));
  }, 60_000);
});
