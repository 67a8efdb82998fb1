// A PDU inspection's lead sees the region's SFO QA results and open actions on the domain-one
// standard about learning from SFOs (found in the framework by its text), and nowhere else; an
// inspector on the team does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInspection, getOrganisation } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { addPanelAction, recordLearningPanel } from '../../src/services/sfo/learning-panels.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { sfoAssessmentFixture, sfoRegisterFixture, sfoSampleFixture } from '../support/sfo-fixture.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let inspectionId: number;
let region: string;
let lead: TestSession;
let inspector: TestSession;

beforeAll(async () => {
  ({ handle, demoId: inspectionId } = await openDemoTestDatabase());
  const pdu = (await getOrganisation(handle.db, (await getInspection(handle.db, inspectionId))!.organisationId))!;
  region = (await getOrganisation(handle.db, pdu.parentId!))!.name;
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: inspectionId, as: 'lead-inspector' } });
  inspector = await signedIn(handle.db, 'inspector', { inspection: { id: inspectionId, as: 'inspector' } });
  const own = (await sfoRegisterFixture(handle.db, { seed: 4, reviews: 120, year: 2024 })).filter((r) => r.region === region);
  const { sampleId } = await sfoSampleFixture(handle.db, { year: 2024, share: 1, seed: 1 });
  // Three of the region's reviews signed off (two Good, one Inadequate), one still being assessed.
  for (const [i, r] of own.slice(0, 4).entries()) await sfoAssessmentFixture(handle.db, { sampleId, reviewId: r.id, state: i === 3 ? 'in-progress' : 'signed-off', overall: i === 2 ? 'Inadequate' : 'Good' });
  const panel = await recordLearningPanel(handle.db, { heldOn: '2025-05-01', title: 'Regional panel', agencies: ['Police', 'Probation Service'], reviewRefs: [own[0]!.reviewRef], learningPoints: [] }, 'test');
  await addPanelAction(handle.db, panel, { description: 'Share police call-out logs weekly', owner: 'Head of public protection', dueOn: '2025-06-01' }, 'test');
});
afterAll(() => handle?.close());

const html = async (s: TestSession, path: string) => (await app.request(path, { headers: { cookie: s.cookie } })).text();

describe('SFO QA results on the domain-one page', () => {
  it('are shown to the lead beside the standard whose key question shares the SFO prompt’s, with the open panel action', async () => {
    const page = await html(lead, `/inspections/${inspectionId}/domain-one/1.4`);
    expect(page).toContain(`Learning from serious further offences: ${region}`);
    expect(page).toContain('Does the region systematically learn from things that go wrong including SFOs?');
    const table = page.slice(page.indexOf('Reviews quality-assured and their overall ratings'));
    expect(table).toContain('2024/25');
    expect(table).toMatch(/<td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>/);
    expect(table).toContain('67%');
    expect(page).toContain('Share police call-out logs weekly');
    expect(page).toContain('Open (overdue)');
  });

  it('are not on other standards, nor shown to an inspector of the team', async () => {
    expect(await html(lead, `/inspections/${inspectionId}/domain-one/1.1`)).not.toContain('Learning from serious further offences');
    expect(await html(inspector, `/inspections/${inspectionId}/domain-one/1.4`)).not.toContain('Learning from serious further offences');
  });
});
