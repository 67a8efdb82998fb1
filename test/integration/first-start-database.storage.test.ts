// The first start's head start (src/services/first-start-database.ts): the build's dump of a
// migrated database with the reference data, made once for the same migrations and reference files,
// from which an empty data folder begins, at the server's start and a command's alike; a folder that
// has a database is never overwritten.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { listOrganisations } from '../../src/db/repositories/index.ts';
import { ensureFirstStartDump, firstStartDump, firstStartOptions } from '../../src/services/first-start-database.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { pgliteTemplatePath } from '../support/test-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'inspectorate-first-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!!process.env.TEST_DATABASE_URL)('the first start database', { timeout: 300_000 }, () => {
  it('is made once, and an empty folder begun from it is migrated with the reference data loaded', async () => {
    const dump = join(dir, 'first-start.tar');
    // Begun from the storage project's migrated template (itself made by initdb and every migration,
    // with no reference data) rather than doing that again (~10 s of CPU): the reference data found
    // below was loaded by ensureFirstStartDump.
    const template = await pgliteTemplatePath();
    expect(await ensureFirstStartDump(dump, template ? new Blob([readFileSync(template)]) : undefined)).toBe('made');
    expect(await ensureFirstStartDump(dump)).toBe('current'); // same migrations, reference files and PGlite

    const dataDir = join(dir, 'data');
    expect(firstStartDump(dataDir, dump)).toBeDefined();
    // As the server's start and every command open it (firstStartOptions), but migrated below to see that nothing was left to do.
    const open = firstStartOptions({ dataDir, holder: { kind: 'command', what: 'test' } }, dump);
    expect(open.loadDataDir).toBeInstanceOf(Blob);
    const handle = await openDatabase({ ...open, migrate: false });
    try {
      expect(await migrateToLatest(handle.db)).toEqual([]);
      expect((await loadReferenceData(handle.db)).unchanged).toBe(true);
      expect((await listOrganisations(handle.db)).length).toBeGreaterThan(100);
    } finally {
      await handle.close();
    }
    // A folder with a database in it is never begun again.
    expect(firstStartDump(dataDir, dump)).toBeUndefined();
    expect(firstStartOptions({ dataDir }, dump)).toEqual({ dataDir });
  });

  it('is not used when there is none', () => {
    expect(firstStartDump(join(dir, 'empty'), join(dir, 'missing.tar'))).toBeUndefined();
  });
});

// The rule the server's start and the command line share (src/main.ts, src/cli/database.ts).
describe('opening a database at a start (firstStartOptions)', () => {
  it('begins an empty embedded folder from the dump; a server, memory, a backup being restored, or no dump: as given (initdb for an empty folder)', async () => {
    const dump = join(dir, 'some-dump.tar');
    writeFileSync(dump, 'the dump');
    const empty = { dataDir: join(dir, 'empty-folder'), holder: { kind: 'command', what: 'inspectorate inspections' } } as const;
    const begun = firstStartOptions(empty, dump);
    expect(begun).toEqual({ ...empty, loadDataDir: expect.any(Blob) });
    expect(await begun.loadDataDir!.text()).toBe('the dump');
    expect(firstStartOptions(empty, join(dir, 'missing.tar'))).toEqual(empty);
    const backup = new Blob(['a backup']);
    expect(firstStartOptions({ ...empty, loadDataDir: backup }, dump).loadDataDir).toBe(backup); // restore's own (src/cli/backup.ts)
    expect(firstStartOptions({ url: 'postgres://x@127.0.0.1/db' }, dump)).toEqual({ url: 'postgres://x@127.0.0.1/db' });
    expect(firstStartOptions({}, dump)).toEqual({});
  });
});
