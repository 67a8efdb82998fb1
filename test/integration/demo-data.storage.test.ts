// The demonstration data `npm start` loads into a new database gives every demonstration account
// something real to try: the Leeds inspection in fieldwork with each inspector's own work list and a
// blind second assessment under way, one inspection at each later stage of the way to publication
// (each of its own PDU), signed-off inspections whose quality assurance is complete, and the
// service staff accounts seeing only their own PDU.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserCredentials, listCaseWork, listInspections, loadInspectionAssessment, type InspectionListItem } from '../../src/db/repositories/index.ts';
import { standardStatus } from '../../src/domain/assessment/standard-edit.ts';
import { daysBetween } from '../../src/domain/sampling/dates.ts';
import { isCaseComplete } from '../../src/domain/sign-off/case-progress.ts';
import { SESSION_COOKIE } from '../../src/http/auth.ts';
import { createApp } from '../../src/http/app.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { ensureDemoData, type DemoData } from '../../src/services/demo-data.ts';
import { DEMO_ACCOUNTS } from '../../src/services/identity/demo-users.ts';
import { actorFor, startSession } from '../../src/services/identity/sessions.ts';
import { visibleInspections } from '../../src/services/inspection-list.ts';
import { currentPublication, scopeOf } from '../../src/services/inspection-scope.ts';
import { signOffChecks } from '../../src/services/lead-inspector.ts';
import { reportOverview } from '../../src/services/publication.ts';
import { firstAssessmentAccessOf, qualityOverview } from '../../src/services/quality.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { pinClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { cheapPasswordHashingForTests } from '../../src/services/identity/passwords.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demo: DemoData;
let inspections: InspectionListItem[];
const clock = pinClock(); // the demo's dates stay right if the run crosses midnight
const today = clock.today();
const framework = bundledFramework();
const ids: Record<string, number> = {};

const userId = async (who: string) => (await findUserCredentials(handle.db, `${who}@demo.inspectorate.local`))!.user.id;
const actorOf = async (who: string) => actorFor(handle.db, (await findUserCredentials(handle.db, `${who}@demo.inspectorate.local`))!.user);
async function get(who: string, path: string): Promise<Response> {
  const session = await startSession(handle.db, await userId(who), new Date());
  return app.request(path, { headers: { cookie: `${SESSION_COOKIE}=${session.token}` } });
}
const statusOf = async (id: number) => (await reportOverview(handle.db, id)).report.status;

let productionHashing: () => void;
beforeAll(async () => {
  // The demonstration accounts' passwords hashed cheaply: what is made is the question here, not the
  // hashing's cost (sign-in.storage.test.ts checks it), ~0.16 s of CPU a hash at the production cost.
  productionHashing = cheapPasswordHashingForTests();
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  demo = await ensureDemoData(handle.db, { accounts: true }, today, 'test');
  app = createApp({ db: handle.db });
  inspections = await listInspections(handle.db);
  for (const who of ['lead', 'inspector', 'inspector2']) ids[who] = await userId(who);
}, 300_000);
afterAll(async () => {
  productionHashing?.();
  await handle?.close();
});

describe('the demonstration data', () => {
  it('is all labelled as demonstration data, and is loaded once', async () => {
    expect(inspections.every((i) => i.isDemo)).toBe(true);
    for (const account of DEMO_ACCOUNTS) expect((await findUserCredentials(handle.db, account.email))!.user.isDemo).toBe(true);
    expect(demo.made.length).toBeGreaterThanOrEqual(4);
    const again = await ensureDemoData(handle.db, { accounts: true }, today, 'test');
    expect(again.made).toEqual([]);
    expect(await listInspections(handle.db)).toHaveLength(inspections.length);
  });

  it('has inspection 1 of Leeds in fieldwork this week, with one inspection at each later stage, each of a PDU of its own', async () => {
    const leeds = inspections.find((i) => i.id === 1)!;
    expect([leeds.organisationName, leeds.status, await statusOf(1)]).toEqual(['Leeds', 'in-progress', 'draft']);
    // Dates follow from today: fieldwork began on this week's Monday.
    expect(daysBetween(leeds.fieldworkStart, today)).toBeGreaterThanOrEqual(0);
    expect(daysBetween(leeds.fieldworkStart, today)).toBeLessThan(7);

    const stages = new Map<string, InspectionListItem[]>();
    for (const i of inspections) stages.set(await statusOf(i.id), [...(stages.get(await statusOf(i.id)) ?? []), i]);
    const [factual] = stages.get('factual-accuracy')!;
    const [embargoed] = stages.get('embargoed')!;
    expect(factual!.organisationName).toBe('Sheffield');
    expect(new Set([leeds.organisationId, factual!.organisationId, embargoed!.organisationId]).size).toBe(3);
    expect(stages.get('published')!.length).toBeGreaterThan(1);

    const atCheck = await reportOverview(handle.db, factual!.id);
    expect(atCheck.comments.length).toBeGreaterThan(0);
    expect(atCheck.comments.some((c) => !c.decision)).toBe(true); // the lead has one to answer
    const underEmbargo = await reportOverview(handle.db, embargoed!.id);
    expect(underEmbargo.recipients.length).toBeGreaterThan(0);
    expect(underEmbargo.report.publishOn! > today).toBe(true);

    const published = await Promise.all(stages.get('published')!.map((i) => reportOverview(handle.db, i.id)));
    expect(published.some((p) => p.recommendations.length > 0 && p.report.overallFindings.trim() !== '')).toBe(true);
  });

  it('has three youth justice inspections published in the past year by the youth framework, beside the youth inspection in fieldwork', async () => {
    const youth = inspections.filter((i) => i.frameworkId === 'hmip-youth');
    const statuses = await Promise.all(youth.map(async (i) => [i.organisationName, await statusOf(i.id)]));
    expect(statuses.filter(([, s]) => s === 'published').map(([name]) => name).sort()).toEqual(['Birmingham', 'Surrey', 'Swansea']);
    expect(statuses.filter(([, s]) => s !== 'published')).toEqual([['Leeds', 'draft']]);
    for (const i of youth.filter((y) => y.organisationName !== 'Leeds')) {
      const { report } = await reportOverview(handle.db, i.id);
      expect(daysBetween(report.publishOn!, today)).toBeGreaterThanOrEqual(0);
      expect(daysBetween(report.publishOn!, today)).toBeLessThan(366);
    }
    expect(demo.made.some((line) => /^Demonstration: 3 published youth justice inspections \(Birmingham, Surrey, Swansea\)$/.test(line))).toBe(true);
  });

  it('gives the lead and each inspector cases of their own: some assessed, some part-assessed with a draft begun, some not begun', async () => {
    const work = await listCaseWork(handle.db, 1);
    const cases = new Map((await loadInspectionAssessment(handle.db, 1))!.cases.map((c) => [c.caseRef, c]));
    expect(work).toHaveLength(40);
    for (const who of ['lead', 'inspector', 'inspector2']) {
      const own = work.filter((w) => w.assignedTo === ids[who]).map((w) => cases.get(w.caseRef)!);
      const statuses = own.map((c) => framework.caseStandards.map((s) => standardStatus(s, c).status));
      const complete = own.filter((c) => isCaseComplete(framework, c)).length;
      const notBegun = statuses.filter((s) => s.every((x) => x === 'not-started' || x === 'not-applicable')).length;
      // Part-assessed: begun, not complete, with a standard begun as a draft.
      const part = own.length - complete - notBegun;
      const drafts = statuses.filter((s) => s.includes('in-progress')).length;
      expect({ who, complete: complete > 0, notBegun: notBegun > 0, part: part > 0, drafts }).toEqual({ who, complete: true, notBegun: true, part: true, drafts: part });
    }
    // Each inspector's drafts were saved by them, as in the web app.
    expect(work.filter((w) => w.updatedBy === `user:${ids.inspector}`).length).toBeGreaterThan(0);
    expect(work.filter((w) => w.updatedBy === `user:${ids.inspector2}`).length).toBeGreaterThan(0);
  });

  it('has inspector2@ assessing DEMO-001 blind: not submitted, so its first assessment is hidden from them everywhere', async () => {
    const quality = await qualityOverview(handle.db, 1);
    const blind = quality.seconds.find((s) => s.caseRef === 'DEMO-001')!;
    expect([blind.assessorId, blind.submittedAt, Object.keys(blind.answers).length > 0]).toEqual([ids.inspector2, null, true]);
    const publication = await currentPublication(handle.db);
    const access = await firstAssessmentAccessOf(handle.db, await actorOf('inspector2'), scopeOf(inspections[0]!, publication));
    expect([access.mayRead('DEMO-001'), access.mayExportAll]).toEqual([false, false]);
    expect((await get('inspector2', '/inspections/1/cases/DEMO-001')).status).toBe(403);
    expect((await get('inspector2', '/api/inspections/1/export?format=csv')).status).toBe(403);
    const json = await get('inspector2', '/api/inspections/1/export?format=json');
    expect(json.status === 200 ? await json.text() : '').not.toMatch(/"DEMO-001"/);
    // Its first assessor reads it.
    expect((await get('inspector', '/inspections/1/cases/DEMO-001')).status).toBe(200);
  });

  it('has quality assurance under way on inspection 1: a dip sample, a submitted second assessment, one disagreement settled and one open', async () => {
    const quality = await qualityOverview(handle.db, 1);
    expect(quality.plan).toBeDefined();
    expect(quality.seconds.length).toBeGreaterThan(2);
    expect(quality.seconds.filter((s) => s.submittedAt)).toHaveLength(1);
    expect(quality.settled).toHaveLength(1);
    expect(quality.open).toHaveLength(1);
    expect(quality.open[0]!.caseRef).toBe(quality.settled[0]!.caseRef);
  });

  it('has every signed-off inspection with its sign-off checklist complete, the later stages with second assessments submitted and disagreements settled', async () => {
    const signedOff = inspections.filter((i) => i.status === 'signed-off');
    // Two in fieldwork: the Leeds PDU inspection and the youth justice inspection (demo-youth.ts).
    expect(signedOff.length).toBe(inspections.length - 2);
    for (const i of signedOff) expect([i.id, (await signOffChecks(handle.db, i.id)).filter((c) => !c.done).map((c) => c.id)]).toEqual([i.id, []]);
    for (const i of inspections.filter((x) => x.organisationName === 'Sheffield' || x.organisationName === 'Bradford and Calderdale')) {
      const quality = await qualityOverview(handle.db, i.id);
      expect(quality.seconds.length).toBeGreaterThan(0);
      expect(quality.seconds.every((s) => s.submittedAt && s.assessorId !== null)).toBe(true);
      expect([quality.settled.length > 0, quality.open]).toEqual([true, []]);
    }
  });

  it('shows leeds@ only Leeds and sheffield@ only Sheffield', async () => {
    const seen = async (who: string) => (await visibleInspections(handle.db, await actorOf(who))).map((v) => v.inspection.organisationName);
    expect(new Set(await seen('leeds'))).toEqual(new Set(['Leeds']));
    expect(new Set(await seen('sheffield'))).toEqual(new Set(['Sheffield']));
    const sheffield = inspections.find((i) => i.organisationName === 'Sheffield')!;
    expect((await get('leeds', `/inspections/${sheffield.id}`)).status).toBe(404);
    expect((await get('sheffield', '/inspections/1')).status).toBe(404);
    // Sheffield's staff have the draft report to check.
    expect((await get('sheffield', `/inspections/${sheffield.id}`)).status).toBe(200);
  });
});
