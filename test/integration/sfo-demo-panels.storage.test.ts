// The SFO demonstration's learning panel and draft annual report: made once the register holds
// reviews, through the use cases (so audited), and never twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/db/repositories/index.ts';
import { generateSfoRegister } from '../../src/demo/generate-sfo-register.ts';
import { writeRegisterCsv } from '../../src/interchange/sfo/register-file.ts';
import { createDemoSfoPanelAndReport } from '../../src/services/demo-sfo-panels.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { sfoAnnualReport } from '../../src/services/sfo/annual-report.ts';
import { learningPanels, learningPanelView } from '../../src/services/sfo/learning-panels.ts';
import { importRegister, sfoRegions } from '../../src/services/sfo/register.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase({ referenceData: true });
  await loadReferenceData(t.db, 'test');
});
afterAll(() => t?.close());

describe('the SFO demonstration panel and draft annual report', () => {
  it('makes nothing before the register holds reviews', async () => {
    expect(await createDemoSfoPanelAndReport(t.db, '2026-12-05')).toEqual([]);
  });

  it('makes a panel on the demonstration year’s reviews with actions at each state, and the year’s draft, once', async () => {
    const reviews = generateSfoRegister({ seed: 2021, regions: await sfoRegions(t.db), reviews: 60, year: 2025 });
    await importRegister(t.db, { fileName: 'demo.csv', format: 'csv', content: writeRegisterCsv(reviews) }, 'system:demo');
    const made = await createDemoSfoPanelAndReport(t.db, '2026-12-05');
    expect(made).toEqual([expect.stringMatching(/^SFO learning panel \d+ \(4 reviews, 3 actions.*draft annual SFO report for 2025-26$/)]);
    const [panel] = await learningPanels(t.db);
    const view = await learningPanelView(t.db, panel!.id);
    expect(view.regions).toHaveLength(2);
    expect(view.actions.map((a) => [a.state, a.overdue])).toEqual([
      ['completed', false],
      ['open', true],
      ['open', false],
    ]);
    expect(view.panel.heldOn <= '2026-12-05').toBe(true);
    const report = await sfoAnnualReport(t.db, 2025);
    expect(report.record).toMatchObject({ state: 'draft' });
    expect(report.record!.summary).toContain('[Generated demonstration text]');
    expect((await listAudit(t.db, { entity: 'sfo-panel' })).length).toBe(5);
    expect(await createDemoSfoPanelAndReport(t.db, '2026-12-05')).toEqual([]);
  });
});
