// A database holding the adult 2021 framework's first text takes the shipped text that names it in
// `replaces` (audited); a stored text the shipped one does not name is still refused. One database
// for the file: each test works in a transaction rolled back at its end, so each starts as empty
// of frameworks as a fresh database would (opening one per test cost ~1 s of CPU each).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFrameworkSource, listAudit, saveFramework, type Db } from '../../src/db/repositories/index.ts';
import { bundledFramework, bundledFrameworkFiles } from '../../src/reference/frameworks.ts';
import { sha256, storeBundledFrameworks, storedFramework } from '../../src/services/frameworks.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

const firstText = readFileSync(new URL('../fixtures/frameworks/hmip-adult-pdu-2021.as-first-stored.yaml', import.meta.url), 'utf8');
const adult = bundledFramework('hmip-adult-pdu@2021');
let handle: TestDatabase;

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle?.close());

class RolledBack extends Error {}
/** Runs `fn` in a transaction on the file's database, then rolls back all it stored. */
async function onEmptyDatabase(fn: (db: Db) => Promise<void>): Promise<void> {
  expect(await handle.db.selectFrom('framework').select('id').execute()).toEqual([]); // as a fresh database
  await handle.db
    .transaction()
    .execute(async (trx) => {
      await fn(trx);
      throw new RolledBack();
    })
    .catch((e: unknown) => {
      if (!(e instanceof RolledBack)) throw e;
    });
}

describe('storing the shipped frameworks over an earlier text of the same version', () => {
  it('replaces the first adult 2021 text with the shipped one, and records it', () =>
    onEmptyDatabase(async (db) => {
      const { id, version, title } = adult.definition;
      await saveFramework(db, { id, version, title, definition: adult.definition, sourceText: firstText });
      const created = await storeBundledFrameworks(db);
      expect(created).not.toContain('hmip-adult-pdu@2021');
      expect(sha256((await getFrameworkSource(db, id, version))!)).not.toBe(sha256(firstText));
      expect((await storedFramework(db, id, version)).regime.organisationKind).toBe('pdu');
      const events = await listAudit(db, {});
      expect(events.find((e) => e.action === 'framework.text-replaced')).toMatchObject({ entityId: 'hmip-adult-pdu@2021', before: { sha256: sha256(firstText) } });
      expect(await storeBundledFrameworks(db)).toEqual([]);
    }));

  it('replaces the texts shipped before the regime named the report\'s words (adult 2021, youth 2018 and 2021), each audited', () =>
    onEmptyDatabase(async (db) => {
      const keys = ['hmip-adult-pdu@2021', 'hmip-youth@2018', 'hmip-youth@2021'];
      const before = new Map(keys.map((k) => [k, readFileSync(new URL(`../fixtures/frameworks/${k.replace('@', '-')}.before-regime-words.yaml`, import.meta.url), 'utf8')]));
      for (const [key, text] of before) {
        const { definition } = bundledFramework(key);
        await saveFramework(db, { id: definition.id, version: definition.version, title: definition.title, definition, sourceText: text });
      }
      const created = await storeBundledFrameworks(db);
      for (const key of keys) expect(created).not.toContain(key);
      const events = await listAudit(db, {});
      for (const [key, text] of before) {
        const [id, version] = key.split('@') as [string, string];
        expect(await getFrameworkSource(db, id, version)).toBe(bundledFrameworkFiles().find((f) => f.framework.key === key)!.sourceText);
        expect(events.find((e) => e.action === 'framework.text-replaced' && e.entityId === key)).toMatchObject({ before: { sha256: sha256(text) } });
      }
      expect((await storedFramework(db, 'hmip-youth', '2021')).regime.report.title).toBe('An inspection of youth justice services in {organisation}');
    }));

  it('replaces the youth texts shipped before the joint inspection\'s partner inspectorates, each audited', () =>
    onEmptyDatabase(async (db) => {
      const keys = ['hmip-youth@2018', 'hmip-youth@2021'];
      const before = new Map(keys.map((k) => [k, readFileSync(new URL(`../fixtures/frameworks/${k.replace('@', '-')}.before-joint-inspection.yaml`, import.meta.url), 'utf8')]));
      for (const [key, text] of before) {
        const { definition } = bundledFramework(key);
        await saveFramework(db, { id: definition.id, version: definition.version, title: definition.title, definition, sourceText: text });
      }
      await storeBundledFrameworks(db);
      const events = await listAudit(db, {});
      for (const [key, text] of before) {
        expect(events.find((e) => e.action === 'framework.text-replaced' && e.entityId === key)).toMatchObject({ before: { sha256: sha256(text) } });
      }
      expect((await storedFramework(db, 'hmip-youth', '2021')).regime.jointInspection?.partners.map((p) => p.id)).toEqual(['hmicfrs', 'cqc', 'ofsted', 'hiw', 'ciw', 'estyn']);
    }));

  it('still refuses a stored text that the shipped one does not name', () =>
    onEmptyDatabase(async (db) => {
      const { id, version, title } = adult.definition;
      await saveFramework(db, { id, version, title, definition: adult.definition, sourceText: `${firstText}# edited\n` });
      await expect(storeBundledFrameworks(db)).rejects.toThrow(/already stored with different text/);
    }));
});
