// Import, storage and rating against every framework shipped in reference/frameworks: an inspection
// of the organisation kind the file names, its assessment file imported, rated from the stored
// answers (one by one and from the database's bulk counts) as the engine rates the file in memory,
// and exported back to the same file. And the diff between two stored versions from the command line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOrganisations } from '../../src/db/repositories/index.ts';
import { rateInspection } from '../../src/domain/rating/engine.ts';
import { writeAssessmentCsv } from '../../src/interchange/assessment-file.ts';
import { bundledFrameworkFiles } from '../../src/reference/frameworks.ts';
import { rateInspectionsFromCounts } from '../../src/services/bulk-ratings.ts';
import { createInspection, exportAssessments, importAssessments, rateStoredInspection } from '../../src/services/inspections.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { anyFrameworkAssessment } from '../support/any-framework-assessment.ts';
import { runCapturing } from '../support/cli.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
});
afterAll(() => handle?.close());

describe.each(bundledFrameworkFiles().map((f) => [f.framework.key, f.framework] as const))('%s', (key, framework) => {
  it('imports a file, rates it from storage as in memory, and exports the same file', async () => {
    const [organisation] = await listOrganisations(handle.db, framework.regime.organisationKind);
    const inspection = await createInspection(handle.db, { organisationId: organisation!.id, frameworkKey: key, fieldworkStart: '2026-09-07' }, 'test:lead');
    expect(inspection.title).toBe(framework.regime.inspectionTitle.replace('{organisation}', organisation!.name));
    const assessment = anyFrameworkAssessment(framework, 21, 18);
    const csv = writeAssessmentCsv(framework, assessment);
    const imported = await importAssessments(handle.db, { inspectionId: inspection.id, text: csv, format: 'csv', strict: true }, 'test:lead');
    const expected = rateInspection(framework, assessment);
    expect(imported.ratings).toEqual(expected);
    expect((await rateStoredInspection(handle.db, inspection.id)).ratings).toEqual(expected);
    const { flags: _flags, ...counted } = expected;
    expect((await rateInspectionsFromCounts(handle.db, [inspection.id])).get(inspection.id)).toEqual(counted);
    expect(await exportAssessments(handle.db, inspection.id, 'csv')).toBe(csv);
  });

  it('refuses an organisation of another kind', async () => {
    const other = framework.regime.organisationKind === 'pdu' ? 'youth-service' : 'pdu';
    const [organisation] = await listOrganisations(handle.db, other);
    await expect(createInspection(handle.db, { organisationId: organisation!.id, frameworkKey: key, fieldworkStart: '2026-09-07' }, 'test:lead')).rejects.toThrow(
      `${organisation!.name} is a ${other}; ${framework.regime.organisation.singular} inspections are of ${framework.regime.organisation.plural}`,
    );
  });
});

describe('inspectorate framework diff A B, between stored versions', () => {
  it('reads both versions from the database', async () => {
    const { code, stdout } = await runCapturing(['framework', 'diff', 'hmip-youth@2018', 'hmip-youth@2021', '--json'], handle);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).notComparable.map((n: { standard: string }) => n.standard)).toEqual(['3.4', '4.1']);
  });

  it('says which version is not stored', async () => {
    const { code, stderr } = await runCapturing(['framework', 'diff', 'hmip-youth@2018', 'hmip-youth@2099'], handle);
    expect(code).toBe(2);
    expect(stderr).toContain('No framework hmip-youth@2099 is stored');
  });
});
