// SFO review QA on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): the framework
// stored with the reference data and loaded as a new version, the register imported in one
// transaction, the sample drawn and stored, changes by hand with reasons; every change audited.
// Then `inspectorate sfo import` on an embedded database in a temporary folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { listAudit } from '../../src/db/repositories/index.ts';
import { listSfoFrameworks, listSfoReviews } from '../../src/db/repositories/sfo-repository.ts';
import { generateSfoRegister } from '../../src/demo/generate-sfo-register.ts';
import { drawSample } from '../../src/domain/sfo/sample.ts';
import { writeRegisterCsv } from '../../src/interchange/sfo/register-file.ts';
import { loadRegions } from '../../src/reference/organisations.ts';
import { bundledSfoFrameworkFiles } from '../../src/reference/sfo-frameworks.ts';
import { AppError, FieldError } from '../../src/services/errors.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { currentSfoFramework, loadSfoFramework } from '../../src/services/sfo/frameworks.ts';
import { importRegister } from '../../src/services/sfo/register.ts';
import { changeSfoSample, drawSfoSample, sfoSampleView } from '../../src/services/sfo/sample.ts';
import { runCapturing, seedDataDir } from '../support/cli.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase({ referenceData: true });
  await loadReferenceData(t.db, 'test');
});
afterAll(() => t?.close());

const regions = loadRegions().regions.map((r) => r.name);
const reviews = generateSfoRegister({ seed: 21, regions, reviews: 120 });
const csv = (rs = reviews) => ({ fileName: 'register.csv', format: 'csv' as const, content: writeRegisterCsv(rs) });
const failure = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('the SFO review framework', () => {
  it('is stored with the reference data, once', async () => {
    expect((await listSfoFrameworks(t.db)).map((f) => `${f.id}@${f.version}`)).toEqual(['hmip-sfo-review@2021']);
    expect(await loadReferenceData(t.db, 'test')).toMatchObject({ frameworksAdded: [] });
    expect((await currentSfoFramework(t.db)).key).toBe('hmip-sfo-review@2021');
  });

  it('takes the inspectorate\'s own text as a new version, refuses changed text for a stored one, and audits the load', async () => {
    const shipped = readFileSync(bundledSfoFrameworkFiles()[0]!.path, 'utf8');
    const own = shipped.replace('version: "2021"', 'version: "2021-hmip"').replace('Does the review take proper account of the victims and their families?', 'Were the victims and their families kept informed?');
    expect(await loadSfoFramework(t.db, own, 'own.yaml', 'test:admin')).toEqual({ key: 'hmip-sfo-review@2021-hmip', outcome: 'created' });
    expect(await loadSfoFramework(t.db, own, 'own.yaml', 'test:admin')).toEqual({ key: 'hmip-sfo-review@2021-hmip', outcome: 'unchanged' });
    expect((await currentSfoFramework(t.db)).standard('4')!.keyQuestions[0]!.text).toBe('Were the victims and their families kept informed?');
    const changed = await failure(loadSfoFramework(t.db, own.replace('kept informed', 'told'), 'own.yaml', 'test:admin'));
    expect(changed.code).toBe('conflict');
    const invalid = await failure(loadSfoFramework(t.db, own.replace('version: "2021-hmip"', 'version: "x"').replace('rating: Good\n', 'rating: Fine\n'), 'bad.yaml', 'test:admin'));
    expect(invalid).toMatchObject({ code: 'invalid', problems: expect.arrayContaining([expect.objectContaining({ path: 'overall.consistencyRules[0].when[0].overallAtLeast' })]) });
    expect((await listAudit(t.db, { entity: 'sfo-framework' })).map((e) => e.entityId)).toEqual(['hmip-sfo-review@2021-hmip']);
  });
});

describe('the register of reviews', () => {
  it('imports a file in one transaction, audited', async () => {
    expect(await importRegister(t.db, csv(), 'test:sfo')).toEqual({ imported: 120, warnings: [] });
    const stored = await listSfoReviews(t.db);
    expect(stored).toHaveLength(120);
    const first = [...reviews].sort((a, b) => (a.reviewRef < b.reviewRef ? -1 : 1))[0]!;
    expect(stored[0]).toMatchObject({ ...first, id: expect.any(Number), regionId: expect.any(Number) });
    const [event] = await listAudit(t.db, { entity: 'sfo-register' });
    expect(event).toMatchObject({ actor: 'test:sfo', action: 'sfo-register.imported', after: { reviews: 120 } });
  });

  it('refuses a file with a problem, or naming a review already registered (by its row), and changes nothing', async () => {
    const more = generateSfoRegister({ seed: 22, regions, reviews: 5, year: 2025 });
    const bad = writeRegisterCsv(more).replace(/,London,|,Wales,/, ',Atlantis,');
    const invalid = await failure(importRegister(t.db, { ...csv(), content: bad }, 'test:sfo'));
    expect(invalid.code).toBe('invalid');
    expect(invalid.problems[0]).toMatchObject({ row: expect.any(Number), column: 'region', message: expect.stringMatching(/^'Atlantis' is not a probation region/) });
    const clash = await failure(importRegister(t.db, csv([...more, reviews[7]!]), 'test:sfo'));
    expect(clash).toMatchObject({ code: 'conflict', problems: [{ row: 7, column: 'review_ref', message: `review ${reviews[7]!.reviewRef} is already in the register; remove the row, or correct its reference` }] });
    expect(await listSfoReviews(t.db)).toHaveLength(120);
    expect(await listAudit(t.db, { entity: 'sfo-register' })).toHaveLength(1);
  });
});

describe('the sample', () => {
  const period = { periodFrom: '2024-04-01', periodTo: '2025-03-31' };
  let sampleId: number;

  it('draws what the domain rule draws for the period, share and seed, and stores it', async () => {
    const view = await drawSfoSample(t.db, { ...period, seed: 2024 }, 'test:lead');
    sampleId = view.sample.id;
    const expected = drawSample(reviews, { share: 0.2, seed: 2024 }, { from: period.periodFrom, to: period.periodTo });
    expect(view.sample).toMatchObject({ ...period, share: 0.2, seed: 2024, drawn: expected.selected, frameworkId: 'hmip-sfo-review', frameworkVersion: '2021-hmip' });
    expect(view.selected.map((r) => r.reviewRef)).toEqual(expected.selected);
    expect(view.byRegion).toEqual(expected.byRegion);
    expect(view.submitted).toBe(120);
    const [event] = await listAudit(t.db, { entity: 'sfo-sample', entityId: sampleId });
    expect(event).toMatchObject({ action: 'sfo-sample.drawn', after: { seed: 2024, share: 0.2, selected: expected.selected } });
  });

  it('refuses an overlapping period, an empty one, and a bad share or seed, naming the field', async () => {
    expect(await failure(drawSfoSample(t.db, { periodFrom: '2025-03-01', periodTo: '2025-04-30', seed: 1 }, 'test:lead'))).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already covers 2024-04-01 to 2025-03-31/) });
    expect(await failure(drawSfoSample(t.db, { periodFrom: '2030-01-01', periodTo: '2030-12-31', seed: 1 }, 'test:lead'))).toMatchObject({ fields: [{ field: 'periodFrom', message: 'no review in the register was submitted from 2030-01-01 to 2030-12-31' }] });
    const bad = await failure(drawSfoSample(t.db, { periodFrom: '2030-13-01', periodTo: '2030-12-31', share: 0, seed: -4 }, 'test:lead'));
    expect(bad).toBeInstanceOf(FieldError);
    expect((bad as FieldError).fields.map((f) => f.field)).toEqual(['periodFrom', 'share', 'seed']);
  });

  it('adds and removes reviews by hand with a reason, kept and audited, and counts by region again', async () => {
    const before = await sfoSampleView(t.db, sampleId);
    const out = before.selected[0]!;
    const candidate = reviews.find((r) => !before.selected.some((s) => s.reviewRef === r.reviewRef))!;
    await changeSfoSample(t.db, sampleId, { change: 'remove', reviewRef: out.reviewRef, reason: 'The review is being rewritten after the victim\'s family raised concerns' }, 'test:lead');
    const after = await changeSfoSample(t.db, sampleId, { change: 'add', reviewRef: candidate.reviewRef.toLowerCase(), reason: 'Learning panel asked for this case' }, 'test:lead');
    expect(after.selected.map((r) => r.reviewRef)).toContain(candidate.reviewRef);
    expect(after.selected.map((r) => r.reviewRef)).not.toContain(out.reviewRef);
    expect(after.selected.find((r) => r.reviewRef === candidate.reviewRef)?.addedByHand).toBe(true);
    expect(after.changes.map((c) => [c.change, c.reviewRef, c.changedBy])).toEqual([['remove', out.reviewRef, 'test:lead'], ['add', candidate.reviewRef, 'test:lead']]);
    expect(after.byRegion[out.region]!.selected).toBe(before.byRegion[out.region]!.selected - (out.region === candidate.region ? 0 : 1));
    expect(after.sample.drawn).toEqual(before.sample.drawn); // what the seed drew is kept as drawn
    const actions = (await listAudit(t.db, { entity: 'sfo-sample', entityId: sampleId })).map((e) => e.action);
    expect(actions).toEqual(['sfo-sample.drawn', 'sfo-sample.review-removed', 'sfo-sample.review-added']);
  });

  it('refuses a change without a reason, or that cannot be made, and changes nothing', async () => {
    const before = await sfoSampleView(t.db, sampleId);
    const inSample = before.selected[0]!.reviewRef;
    expect(await failure(changeSfoSample(t.db, sampleId, { change: 'remove', reviewRef: inSample, reason: '   ' }, 'test:lead'))).toMatchObject({ fields: [{ field: 'reason' }] });
    expect(await failure(changeSfoSample(t.db, sampleId, { change: 'add', reviewRef: inSample, reason: 'again' }, 'test:lead'))).toMatchObject({ fields: [{ field: 'reviewRef', message: `review ${inSample} is already in the sample` }] });
    expect(await failure(changeSfoSample(t.db, sampleId, { change: 'add', reviewRef: 'NOPE', reason: 'x' }, 'test:lead'))).toMatchObject({ fields: [{ field: 'reviewRef' }] });
    expect(await failure(changeSfoSample(t.db, 999_999, { change: 'add', reviewRef: inSample, reason: 'x' }, 'test:lead'))).toMatchObject({ code: 'not-found' });
    expect(await sfoSampleView(t.db, sampleId)).toEqual(before);
  });
});

describe('inspectorate sfo import FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-sfo-cli-'));
  const data = ['--data-dir', join(dir, 'data')];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a register, refuses it again naming the rows, and refuses while the server holds the folder', async () => {
    await seedDataDir(join(dir, 'data'));
    const file = join(dir, 'register.csv');
    writeFileSync(file, writeRegisterCsv(reviews.slice(0, 30)));
    expect(await runCapturing([...data, 'sfo', 'import', file])).toMatchObject({ code: 0, stdout: 'Imported 30 reviews into the register.\n' });
    const again = await runCapturing([...data, 'sfo', 'import', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${file}: error: row 2, column review_ref: review ${reviews[0]!.reviewRef} is already in the register`);
    expect(again.stderr).toContain('names 30 reviews already in the register; nothing was imported.');
    const server = await openDatabase({ dataDir: join(dir, 'data', 'pglite'), holder: { kind: 'server', what: 'npm start' } });
    try {
      const held = await runCapturing([...data, 'sfo', 'import', file]);
      expect(held.code).toBe(1);
      expect(held.stderr).toMatch(/is in use by the Inspectorate server \(npm start, pid \d+\)/);
      expect(await listSfoReviews(server.db)).toHaveLength(30);
    } finally {
      await server.close();
    }
  }, 120_000);
});
