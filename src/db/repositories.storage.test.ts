// Frameworks, organisations, inspections and the audit trail, on the engine the run is for.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { BUNDLED_FRAMEWORK_FILE, seedFramework, seedInspection, seedPdu } from '../../test/support/storage-factories.ts';
import {
  createInspection,
  deleteInspection,
  findOrganisationByName,
  getFramework,
  getFrameworkSource,
  getInspection,
  getOrganisation,
  listAudit,
  listFrameworks,
  listInspections,
  listOrganisations,
  listRegionsWithPdus,
  loadInspectionAssessment,
  PublishedFrameworkChangedError,
  recordAudit,
  saveFramework,
  saveInspectionAssessment,
  setInspectionStatus,
  upsertOrganisation,
} from './repositories/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const count = async (table: string) =>
  (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n;

describe('frameworks', () => {
  it('stores a version once, accepts the identical text again and refuses changed text', async () => {
    const input = { id: 'test-fw', version: '1', title: 'Test', definition: { id: 'test-fw' } as never, sourceText: 'id: test-fw\n' };
    expect(await saveFramework(t.db, input)).toBe('created');
    expect(await saveFramework(t.db, input)).toBe('unchanged');
    await expect(saveFramework(t.db, { ...input, sourceText: 'id: test-fw # edited\n' })).rejects.toThrow(
      PublishedFrameworkChangedError,
    );
    await expect(saveFramework(t.db, { ...input, sourceText: 'x' })).rejects.toThrow(/published version can't change/);
    expect(await saveFramework(t.db, { ...input, version: '2', sourceText: 'changed' })).toBe('created');
    expect(await getFrameworkSource(t.db, 'test-fw', '1')).toBe('id: test-fw\n');
    expect(await getFrameworkSource(t.db, 'test-fw', '3')).toBeUndefined();
  });

  it('keeps the bundled framework verbatim and lists versions', async () => {
    const framework = await seedFramework(t.db);
    const { id, version } = framework.definition;
    const text = readFileSync(new URL(`../../reference/frameworks/${BUNDLED_FRAMEWORK_FILE}`, import.meta.url), 'utf8');
    expect(await getFrameworkSource(t.db, id, version)).toBe(text);
    const stored = await getFramework(t.db, id, version);
    expect(stored?.definition).toEqual(framework.definition);
    expect(stored?.loadedAt).toBeInstanceOf(Date);
    const listed = await listFrameworks(t.db);
    expect(listed.map((f) => `${f.id}@${f.version}`)).toEqual(expect.arrayContaining([framework.key, 'test-fw@1', 'test-fw@2']));
  });
});

describe('organisations', () => {
  it('upserts by kind, parent and name, including top-level ones with no parent', async () => {
    const region = await upsertOrganisation(t.db, { kind: 'region', name: 'North East', code: 'N54' });
    const again = await upsertOrganisation(t.db, { kind: 'region', name: 'North East', details: { note: 'x' } });
    expect(again).toEqual({ ...region, details: { note: 'x' } }); // same row; code kept when not given
    const cleared = await upsertOrganisation(t.db, { kind: 'region', name: 'North East', code: null });
    expect(cleared).toMatchObject({ id: region.id, code: null, details: { note: 'x' } });
    await upsertOrganisation(t.db, { kind: 'region', name: 'North East', code: 'N54', details: {} });

    const pdu = await upsertOrganisation(t.db, { kind: 'pdu', name: 'County Durham and Darlington', parentId: region.id });
    const other = await upsertOrganisation(t.db, { kind: 'region', name: 'Wales', code: 'N03' });
    const samePduName = await upsertOrganisation(t.db, { kind: 'pdu', name: 'County Durham and Darlington', parentId: other.id });
    expect(samePduName.id).not.toBe(pdu.id);
    expect(await getOrganisation(t.db, pdu.id)).toEqual({
      id: pdu.id,
      kind: 'pdu',
      name: 'County Durham and Darlington',
      code: null,
      parentId: region.id,
      details: {},
    });
    expect(await getOrganisation(t.db, 999_999)).toBeUndefined();
    await expect(
      sql`insert into organisation (kind, name) values ('region', 'North East')`.execute(t.db),
    ).rejects.toThrow(/duplicate key/);
    await expect(sql`insert into organisation (kind, name) values ('prison', 'X')`.execute(t.db)).rejects.toThrow(/check/);
  });

  it('finds by name ignoring case, and lists regions with their PDUs', async () => {
    const found = await findOrganisationByName(t.db, 'region', 'nORTH eAST');
    expect(found?.name).toBe('North East');
    expect(await findOrganisationByName(t.db, 'pdu', 'North East')).toBeUndefined();
    await upsertOrganisation(t.db, { kind: 'pdu', name: 'Northumbria', parentId: found!.id });
    await upsertOrganisation(t.db, { kind: 'youth-service', name: 'Durham YJS' });

    const regions = await listRegionsWithPdus(t.db);
    const northEast = regions.find((r) => r.name === 'North East')!;
    expect(northEast.code).toBe('N54');
    expect(northEast.pdus.map((p) => p.name)).toEqual(['County Durham and Darlington', 'Northumbria']);
    expect(regions.find((r) => r.name === 'Wales')!.pdus).toHaveLength(1);
    expect((await listOrganisations(t.db, 'youth-service')).map((o) => o.name)).toEqual(['Durham YJS']);
  });
});

describe('inspections', () => {
  it('creates, reads, lists with organisation and region names, and changes status', async () => {
    const region = await upsertOrganisation(t.db, { kind: 'region', name: 'Listing region' });
    const pdu = await upsertOrganisation(t.db, { kind: 'pdu', name: 'Listing PDU', parentId: region.id });
    const framework = await seedFramework(t.db);
    const base = { frameworkId: framework.definition.id, frameworkVersion: framework.definition.version };
    const a = await createInspection(t.db, {
      ...base,
      organisationId: pdu.id,
      title: 'Listing PDU 2026',
      fieldworkStart: '2026-01-05',
      fieldworkEnd: '2026-01-16',
    });
    expect(a).toMatchObject({ status: 'in-progress', isDemo: false, fieldworkStart: '2026-01-05', fieldworkEnd: '2026-01-16' });
    expect(a.createdAt).toBeInstanceOf(Date);
    expect(await getInspection(t.db, a.id)).toEqual(a);
    const b = await createInspection(t.db, {
      ...base,
      organisationId: region.id,
      title: 'Listing region 2026',
      fieldworkStart: '2026-06-01',
      fieldworkEnd: '2026-06-01',
      isDemo: true,
    });

    const listed = await listInspections(t.db);
    expect(listed.findIndex((i) => i.id === b.id)).toBeLessThan(listed.findIndex((i) => i.id === a.id));
    expect(listed.find((i) => i.id === a.id)).toMatchObject({ organisationName: 'Listing PDU', regionName: 'Listing region' });
    expect(listed.find((i) => i.id === b.id)).toMatchObject({ organisationName: 'Listing region', regionName: 'Listing region', isDemo: true });
    expect((await listInspections(t.db, { organisationId: pdu.id })).map((i) => i.id)).toEqual([a.id]);

    expect(await setInspectionStatus(t.db, a.id, 'signed-off')).toMatchObject({ id: a.id, status: 'signed-off' });
    expect(await setInspectionStatus(t.db, 999_999, 'signed-off')).toBeUndefined();
  });

  it('refuses fieldwork ending before it starts, and an unknown framework', async () => {
    const pdu = await seedPdu(t.db);
    await expect(
      seedInspection(t.db, { organisationId: pdu.id, fieldworkStart: '2026-02-02', fieldworkEnd: '2026-02-01' }),
    ).rejects.toThrow(/inspection_fieldwork_check/);
    await expect(seedInspection(t.db, { organisationId: pdu.id, frameworkVersion: '1999' })).rejects.toThrow(/foreign key/);
  });

  it('deletes an inspection with everything under it, but not its audit history', async () => {
    const inspection = await seedInspection(t.db);
    const before = { cases: await count('inspection_case'), answers: await count('case_answer') };
    await saveInspectionAssessment(
      t.db,
      inspection.id,
      {
        frameworkKey: `${inspection.frameworkId}@${inspection.frameworkVersion}`,
        cases: [
          {
            caseRef: 'D1',
            attributes: { rosh: 'high' },
            answers: { '2.1.1a': 'yes' },
            outcomes: { '2.6.1a': { progress: 'some' } },
            evidence: { '': 'whole case' },
          },
        ],
        judgements: { '1.1': { rating: 'Good' } },
      },
      'lead@example.org',
    );
    await recordAudit(t.db, { actor: 'lead@example.org', action: 'create', entity: 'inspection', entityId: inspection.id, inspectionId: inspection.id });

    expect(await deleteInspection(t.db, inspection.id)).toBe(true);
    expect(await deleteInspection(t.db, inspection.id)).toBe(false);
    expect(await getInspection(t.db, inspection.id)).toBeUndefined();
    expect(await loadInspectionAssessment(t.db, inspection.id)).toBeUndefined();
    expect({ cases: await count('inspection_case'), answers: await count('case_answer') }).toEqual(before);
    expect(await listAudit(t.db, { inspectionId: inspection.id })).toHaveLength(1);
  });

  it('cascades a plain SQL delete of an inspection to all its rows', async () => {
    const inspection = await seedInspection(t.db);
    await saveInspectionAssessment(
      t.db,
      inspection.id,
      {
        frameworkKey: `${inspection.frameworkId}@${inspection.frameworkVersion}`,
        cases: [{ caseRef: 'C1', attributes: {}, answers: { a: 'no' }, outcomes: { o: {} }, evidence: { a: 'e' } }],
        judgements: { diversity: { rating: 'Good', rationale: 'r' } },
      },
      'lead',
    );
    await sql`delete from inspection where id = ${inspection.id}`.execute(t.db);
    for (const table of ['inspection_case', 'case_answer', 'case_outcome', 'case_evidence']) {
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from ${sql.table(table)} t
        ${table === 'inspection_case' ? sql`where t.inspection_id = ${inspection.id}` : sql`where not exists (select 1 from inspection_case c where c.id = t.case_id)`}`.execute(t.db);
      expect(rows[0]!.n, table).toBe(0);
    }
    const { rows } = await sql<{ n: number }>`select count(*) as n from inspection_judgement where inspection_id = ${inspection.id}`.execute(t.db);
    expect(rows[0]!.n).toBe(0);
  });
});

describe('audit', () => {
  it('records events with JSON before/after and lists them by inspection, oldest first', async () => {
    const inspection = await seedInspection(t.db);
    const other = await seedInspection(t.db);
    const first = await recordAudit(t.db, {
      actor: 'a@example.org',
      action: 'record-answers',
      entity: 'case',
      entityId: 'C001',
      inspectionId: inspection.id,
      before: null,
      after: { answers: { '2.1.1a': 'yes' }, note: 'ünï "q"' },
    });
    expect(first).toMatchObject({ entityId: 'C001', inspectionId: inspection.id, before: null, after: { note: 'ünï "q"' } });
    expect(first.id).toBeTypeOf('number');
    expect(first.at).toBeInstanceOf(Date);
    await recordAudit(t.db, { actor: 'b', action: 'rate', entity: 'judgement', entityId: '1.1', inspectionId: other.id, after: 'Good' });
    await t.db.transaction().execute(async (trx) => {
      await recordAudit(trx, { actor: 'a', action: 'x', entity: 'inspection', entityId: inspection.id, inspectionId: inspection.id, before: [1], after: [2] });
      await recordAudit(trx, { actor: 'a', action: 'y', entity: 'inspection', entityId: inspection.id, inspectionId: inspection.id, at: new Date('2030-01-01T00:00:00Z') });
    });
    await recordAudit(t.db, { actor: 'system', action: 'import', entity: 'framework', entityId: 'hmip@2021' });

    const events = await listAudit(t.db, { inspectionId: inspection.id });
    expect(events.map((e) => e.action)).toEqual(['record-answers', 'x', 'y']);
    expect(events[1]).toMatchObject({ before: [1], after: [2], entityId: String(inspection.id) });
    expect((await listAudit(t.db, { inspectionId: inspection.id, limit: 2 })).map((e) => e.action)).toEqual(['x', 'y']);
    expect((await listAudit(t.db, { entity: 'framework' })).map((e) => e.inspectionId)).toEqual([null]);
    expect(await listAudit(t.db, { inspectionId: 999_999 })).toEqual([]);
  });

  it('rolls back with the transaction it was written in', async () => {
    const inspection = await seedInspection(t.db);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: 'a', action: 'doomed', entity: 'inspection', entityId: inspection.id, inspectionId: inspection.id });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await listAudit(t.db, { inspectionId: inspection.id })).toEqual([]);
  });
});

describe('concurrency', () => {
  it('keeps an autocommit write made while another transaction is open and then rolls back', async () => {
    const inspection = await seedInspection(t.db);
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const rolledBack = t.db
      .transaction()
      .execute(async (trx) => {
        await recordAudit(trx, { actor: 'a', action: 'in-transaction', entity: 'e', entityId: 1, inspectionId: inspection.id });
        opened();
        await hold;
        throw new Error('rollback');
      })
      .catch(() => 'rolled back');
    await isOpen;
    const independent = recordAudit(t.db, { actor: 'b', action: 'independent', entity: 'e', entityId: 2, inspectionId: inspection.id });
    setTimeout(release, 30);
    expect(await rolledBack).toBe('rolled back');
    await independent;
    expect((await listAudit(t.db, { inspectionId: inspection.id })).map((e) => e.action)).toEqual(['independent']);
  });
});
