// The sign-off checklist: refused, with every blocker listed and linked, while a case is
// incomplete, a standard or the diversity judgement unrated, a dip-sampled case's second
// assessment unsubmitted or a disagreement unsettled; once signed off, no QA is left half-open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCase, getCaseWork, getInspection, listAudit, loadCaseAssessment } from '../../src/db/repositories/index.ts';
import { flattenStandard } from '../../src/domain/assessment/standard-edit.ts';
import { createApp } from '../../src/http/app.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';
import { saveStandard } from '../../src/services/case-assessment.ts';
import { recordJudgement, reopen, signOff, SignOffRefused } from '../../src/services/lead-inspector.ts';
import { assignSecondAssessor, drawDipSample, qualityOverview, settleDisagreement } from '../../src/services/quality.ts';
import { secondAssessCase, settleEveryDisagreement } from '../support/quality-assurance.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let id: number;
let lead: TestSession;
let isla: TestSession;
let ivo: TestSession;
const framework = bundledFramework();
const standard23 = framework.caseStandards.find((s) => s.id === '2.3')!;

/** Saves case 2.3 as a draft with `values`, as an inspector's form would. */
async function saveCase23(caseRef: string, values: Record<string, string>, mode: 'draft' | 'complete', actor = 'test') {
  const current = (await loadCaseAssessment(handle.db, id, caseRef))!;
  const version = (await getCaseWork(handle.db, id, caseRef))!.version;
  return saveStandard(handle.db, { inspectionId: id, caseRef, standardId: '2.3', values, base: flattenStandard(standard23, current), version, mode }, actor);
}
let fullDemo005: Record<string, string>;

beforeAll(async () => {
  ({ handle, demoId: id } = await openDemoTestDatabase());
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id, as: 'lead-inspector' } });
  isla = await signedIn(handle.db, 'inspector', { inspection: { id, as: 'inspector' } });
  ivo = await signedIn(handle.db, 'inspector', { inspection: { id, as: 'inspector' } });
  for (const ref of ['DEMO-001', 'DEMO-002', 'DEMO-003']) await assignCase(handle.db, id, ref, isla.userId);

  // Work left to do, one of each kind: a case half-assessed, standard 1.2 and diversity unrated,
  // a dip sample of Isla's three cases (her first inspection) with one second assessment
  // submitted in disagreement, one unsubmitted and one with no second assessor.
  fullDemo005 = flattenStandard(standard23, (await loadCaseAssessment(handle.db, id, 'DEMO-005'))!);
  const { ['2.3.1']: _dropped, ...partial } = fullDemo005;
  expect(await saveCase23('DEMO-005', partial, 'draft')).toMatchObject({ outcome: 'saved', status: 'in-progress' });
  await handle.db.deleteFrom('inspection_judgement').where('inspection_id', '=', id).where('item_id', 'in', ['1.2', 'diversity']).execute();
  await drawDipSample(handle.db, id, { share: 0, firstInspectionAll: true, minimumPerInspector: 0 }, 5, 'test');
  await assignSecondAssessor(handle.db, { inspectionId: id, caseRef: 'DEMO-001', userId: ivo.userId }, 'test');
  await assignSecondAssessor(handle.db, { inspectionId: id, caseRef: 'DEMO-002', userId: ivo.userId }, 'test');
  await secondAssessCase(handle.db, id, 'DEMO-001', ivo.userId, ['2.2.1']);
});
afterAll(() => handle?.close());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });

describe('sign-off refused', () => {
  it('lists every blocker in the service, and signs nothing off', async () => {
    const ivoName = (await qualityOverview(handle.db, id)).seconds.find((s) => s.caseRef === 'DEMO-002')!.assessorName;
    const refused = await signOff(handle.db, id, 'test').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SignOffRefused);
    const first = (await loadCaseAssessment(handle.db, id, 'DEMO-001'))!.answers['2.2.1'];
    expect((refused as SignOffRefused).blockers.map((b) => [b.check, b.text])).toEqual([
      ['cases', 'Case DEMO-005 is not complete'],
      ['ratings', 'Rate standard 1.2 Staffing'],
      ['ratings', 'Make the diversity judgement'],
      ['second-assessments', `Case DEMO-002: the second assessment by ${ivoName} is not submitted`],
      ['second-assessments', 'Case DEMO-003: choose its second assessor'],
      ['disagreements', `Case DEMO-001, 2.2.1: settle the disagreement (first assessment ${first}, second assessment ${first === 'yes' ? 'no' : 'yes'})`],
    ]);
    expect((refused as SignOffRefused).message).toContain('The inspection cannot be signed off yet: Case DEMO-005 is not complete; Rate standard 1.2 Staffing;');
    expect((await getInspection(handle.db, id))!.status).toBe('in-progress');
    expect((await listAudit(handle.db, { inspectionId: id })).map((e) => e.action)).not.toContain('inspection.signed-off');
  });

  it('shows the checklist with each blocker linked to the page where it is fixed, and no button', async () => {
    const html = await (await get(lead, `/inspections/${id}/sign-off`)).text();
    expect(html.match(/Cannot sign off yet/g)).toHaveLength(4);
    expect(html).toContain('39 of 40 cases complete');
    for (const href of [
      `/inspections/${id}/cases?incomplete=1`,
      `/inspections/${id}/cases/DEMO-005`,
      `/inspections/${id}/domain-one/1.2#rating-section`,
      `/inspections/${id}/judgements#item-diversity`,
      `/inspections/${id}/quality#second-DEMO-002`,
      `/inspections/${id}/quality#second-DEMO-003`,
      `/inspections/${id}/quality#choice-DEMO-001-2-2-1`,
    ])
      expect(html).toContain(`href="${href}"`);
    expect(html).not.toContain('Sign off the ratings');
  });

  it('links to anchors the fixing pages have', async () => {
    const quality = await (await get(lead, `/inspections/${id}/quality`)).text();
    for (const anchor of ['second-DEMO-002', 'second-DEMO-003', 'choice-DEMO-001-2-2-1']) expect(quality).toContain(`id="${anchor}"`);
    const judgements = await (await get(lead, `/inspections/${id}/judgements`)).text();
    for (const anchor of ['item-1-2', 'item-diversity']) expect(judgements).toContain(`id="${anchor}"`);
    const unfinished = await (await get(lead, `/inspections/${id}/cases?incomplete=1`)).text();
    expect(unfinished).toContain('DEMO-005');
    expect(unfinished).not.toContain('DEMO-006');
  });

  it('refuses the POST with every blocker in the error summary', async () => {
    const res = await app.request(`/inspections/${id}/sign-off`, formPost(lead, {}));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('The inspection cannot be signed off yet');
    expect(html).toContain('<title>Error: Sign-off');
    for (const check of ['cases', 'ratings', 'second-assessments', 'disagreements']) {
      expect(html).toContain(`href="#blockers-${check}"`);
      expect(html).toContain(`id="blockers-${check}"`);
    }
    expect(html).toContain('Case DEMO-003: choose its second assessor');
    expect((await getInspection(handle.db, id))!.status).toBe('in-progress');
  });

  it('keeps a blind second assessor from reading a case’s first-assessment progress in the checklist', async () => {
    const html = await (await get(ivo, `/inspections/${id}/sign-off`)).text();
    expect(html).toContain('DEMO-002 is not listed');
    expect(html).toContain('38 of 39 cases complete');
  });
});

describe('sign-off once the work is done', () => {
  it('signs off when every check is done, leaving no quality assurance half-open', async () => {
    expect(await saveCase23('DEMO-005', fullDemo005, 'complete')).toMatchObject({ outcome: 'saved', status: 'completed' });
    await recordJudgement(handle.db, { inspectionId: id, itemId: '1.2', rating: 'Good', rationale: 'Staff are well supported.' }, 'test');
    await recordJudgement(handle.db, { inspectionId: id, itemId: 'diversity', rating: 'Requires improvement', rationale: 'Diversity is not always considered.' }, 'test');
    await assignSecondAssessor(handle.db, { inspectionId: id, caseRef: 'DEMO-003', userId: ivo.userId }, 'test');
    await secondAssessCase(handle.db, id, 'DEMO-002', ivo.userId);
    await secondAssessCase(handle.db, id, 'DEMO-003', ivo.userId, ['2.3.1']);
    expect(await settleEveryDisagreement(handle.db, id, `user:${lead.userId}`)).toBe(2);

    const page = await (await get(lead, `/inspections/${id}/sign-off`)).text();
    expect(page.match(/>\s*Done\s*</g)).toHaveLength(4);
    expect(page).not.toContain('Cannot sign off yet');
    expect(page).toContain('Sign off the ratings');
    expect((await app.request(`/inspections/${id}/sign-off`, formPost(lead, {}))).status).toBe(303);
    expect((await getInspection(handle.db, id))!.status).toBe('signed-off');

    const quality = await qualityOverview(handle.db, id);
    expect(quality.seconds.map((s) => [s.caseRef, !!s.submittedAt])).toEqual([['DEMO-001', true], ['DEMO-002', true], ['DEMO-003', true]]);
    expect(quality.open).toEqual([]);
  });

  it('closes quality assurance and the assessments once signed off', async () => {
    const closed = { code: 'conflict' };
    await expect(drawDipSample(handle.db, id, { share: 0.5, firstInspectionAll: true, minimumPerInspector: 1 }, 9, 'test')).rejects.toMatchObject(closed);
    await expect(assignSecondAssessor(handle.db, { inspectionId: id, caseRef: 'DEMO-001', userId: null }, 'test')).rejects.toMatchObject(closed);
    await expect(settleDisagreement(handle.db, { inspectionId: id, caseRef: 'DEMO-001', item: '2.2.1', choice: 'second', reason: 'x' }, 'test')).rejects.toMatchObject(closed);
    await expect(saveCase23('DEMO-006', {}, 'draft')).rejects.toMatchObject(closed);
    await expect(recordJudgement(handle.db, { inspectionId: id, itemId: '1.2', rating: 'Outstanding', rationale: 'x' }, 'test')).rejects.toMatchObject(closed);
  });

  it('never signs off across a change made at the same moment', async () => {
    await reopen(handle.db, id, 'Checking a late change', 'test');
    const full = flattenStandard(standard23, (await loadCaseAssessment(handle.db, id, 'DEMO-007'))!);
    const { ['2.3.1']: _dropped, ...partial } = full;
    const [signed, saved] = await Promise.allSettled([signOff(handle.db, id, 'test'), saveCase23('DEMO-007', partial, 'draft')]);
    // Whichever came second saw the other: never both.
    expect([signed.status, saved.status].sort()).toEqual(['fulfilled', 'rejected']);
    const status = (await getInspection(handle.db, id))!.status;
    if (signed.status === 'fulfilled') {
      expect(status).toBe('signed-off');
      expect((saved as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    } else {
      expect(status).toBe('in-progress');
      expect((signed).reason).toBeInstanceOf(SignOffRefused);
    }
  });
});
