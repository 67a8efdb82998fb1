// SFO learning panels on a real database: a panel recorded with reviews from the register, refused
// with every problem by field, actions added and moved on by the rules, the region's open actions;
// every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/db/repositories/index.ts';
import { generateSfoRegister } from '../../src/demo/generate-sfo-register.ts';
import { writeRegisterCsv } from '../../src/interchange/sfo/register-file.ts';
import { loadRegions } from '../../src/reference/organisations.ts';
import { AppError, FieldError } from '../../src/services/errors.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { addPanelAction, changePanelActionState, editPanelAction, learningPanels, learningPanelView, openPanelActionsForRegion, recordLearningPanel } from '../../src/services/sfo/learning-panels.ts';
import { importRegister } from '../../src/services/sfo/register.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
const regions = loadRegions().regions.map((r) => r.name);
const reviews = generateSfoRegister({ seed: 31, regions, reviews: 30 });
beforeAll(async () => {
  t = await openTestDatabase({ referenceData: true });
  await loadReferenceData(t.db, 'test');
  await importRegister(t.db, { fileName: 'register.csv', format: 'csv', content: writeRegisterCsv(reviews) }, 'test');
});
afterAll(() => t?.close());

const refusal = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('learning panels', () => {
  let panelId: number;
  const [a, b] = reviews;

  it('refuses a panel with every problem by field, and a review not in the register, recording nothing', async () => {
    const e = (await refusal(recordLearningPanel(t.db, { heldOn: '2025-13-01', title: '', agencies: ['Police'], reviewRefs: [], learningPoints: [] }, 'user:1'))) as FieldError;
    expect(e.fields.map((f) => f.field)).toEqual(['heldOn', 'title', 'agencies', 'reviewRefs']);
    const unknown = (await refusal(recordLearningPanel(t.db, { heldOn: '2025-06-03', title: 'Panel', agencies: ['Police', 'Probation Service'], reviewRefs: [a!.reviewRef, 'NOPE-1'], learningPoints: [] }, 'user:1'))) as FieldError;
    expect(unknown.fields).toEqual([{ field: 'reviewRefs', message: 'NOPE-1 is not in the register' }]);
    expect(await learningPanels(t.db)).toEqual([]);
  });

  it('records a panel with its reviews, agencies and learning points, audited', async () => {
    panelId = await recordLearningPanel(t.db, { heldOn: '2025-06-03', title: 'Summer panel', agencies: ['Police', 'Probation Service', 'Children’s services'], reviewRefs: [a!.reviewRef.toLowerCase(), b!.reviewRef], learningPoints: ['Share MAPPA minutes with the review author'] }, 'user:1');
    const view = await learningPanelView(t.db, panelId);
    expect(view.panel).toMatchObject({ heldOn: '2025-06-03', title: 'Summer panel', agencies: ['Police', 'Probation Service', 'Children’s services'], learningPoints: ['Share MAPPA minutes with the review author'] });
    expect(view.reviews.map((r) => r.reviewRef).sort()).toEqual([a!.reviewRef, b!.reviewRef].sort());
    expect(view.regions).toEqual([...new Set([a!.region, b!.region])].sort());
    const audit = await listAudit(t.db, { entity: 'sfo-panel', entityId: panelId });
    expect(audit.map((e) => e.action)).toEqual(['sfo-panel.recorded']);
  });

  it('adds actions with an owner and a due date not before the panel met, for a named region or the panel’s', async () => {
    const early = (await refusal(addPanelAction(t.db, panelId, { description: 'Brief staff', owner: 'Head of PDU', dueOn: '2025-06-02' }, 'user:1'))) as FieldError;
    expect(early.fields).toEqual([{ field: 'dueOn', message: 'is before the panel met (2025-06-03)' }]);
    const badRegion = (await refusal(addPanelAction(t.db, panelId, { description: 'Brief staff', owner: 'Head of PDU', dueOn: '2025-07-01', region: 'Atlantis' }, 'user:1'))) as FieldError;
    expect(badRegion.fields[0]!.field).toBe('region');
    await addPanelAction(t.db, panelId, { description: 'Brief staff on MAPPA minutes', owner: 'Head of PDU', dueOn: '2025-07-01' }, 'user:1');
    const other = regions.find((r) => r !== a!.region && r !== b!.region)!;
    await addPanelAction(t.db, panelId, { description: 'Review the police protocol', owner: 'Regional lead', dueOn: '2025-08-01', region: other }, 'user:1');
    const view = await learningPanelView(t.db, panelId);
    expect(view.actions.map((x) => [x.description, x.state, x.regions])).toEqual([
      ['Brief staff on MAPPA minutes', 'open', view.regions],
      ['Review the police protocol', 'open', [other]],
    ]);
    // Due dates in 2025 have passed.
    expect(view.actions.every((x) => x.overdue)).toBe(true);
    expect((await openPanelActionsForRegion(t.db, a!.region)).map((x) => x.description)).toEqual(['Brief staff on MAPPA minutes']);
    expect((await openPanelActionsForRegion(t.db, other)).map((x) => x.description)).toEqual(['Review the police protocol']);
  });

  it('moves actions on by the rules, audited, and a closed one leaves the region’s open actions', async () => {
    const [first] = (await learningPanelView(t.db, panelId)).actions;
    await changePanelActionState(t.db, panelId, first!.id, { state: 'in-progress' }, 'user:1');
    await changePanelActionState(t.db, panelId, first!.id, { state: 'completed' }, 'user:1');
    const back = (await refusal(changePanelActionState(t.db, panelId, first!.id, { state: 'in-progress' }, 'user:1'))) as FieldError;
    expect(back.fields).toEqual([{ field: 'state', message: 'a completed action can only be reopened' }]);
    const noReason = (await refusal(changePanelActionState(t.db, panelId, first!.id, { state: 'open' }, 'user:1'))) as FieldError;
    expect(noReason.fields).toEqual([{ field: 'note', message: 'give the reason' }]);
    expect(await openPanelActionsForRegion(t.db, a!.region)).toEqual([]);
    await changePanelActionState(t.db, panelId, first!.id, { state: 'open', note: 'The briefing did not reach the night shift' }, 'user:1');
    expect((await openPanelActionsForRegion(t.db, a!.region)).map((x) => x.id)).toEqual([first!.id]);
    expect((await refusal(changePanelActionState(t.db, panelId, 9999, { state: 'completed' }, 'user:1'))).code).toBe('not-found');
    const audit = await listAudit(t.db, { entity: 'sfo-panel', entityId: panelId });
    expect(audit.filter((e) => e.action === 'sfo-panel.action-changed')).toHaveLength(3);
    expect(await learningPanels(t.db)).toMatchObject([{ id: panelId, reviews: 2, openActions: 2 }]);
  });

  it('edits an action’s description, owner and due date, every problem by field, audited with before and after', async () => {
    const [, second] = (await learningPanelView(t.db, panelId)).actions;
    const bad = (await refusal(editPanelAction(t.db, panelId, second!.id, { description: ' ', owner: '', dueOn: '2025-06-02' }, 'user:2'))) as FieldError;
    expect(bad.fields.map((f) => f.field)).toEqual(['description', 'owner']);
    const early = (await refusal(editPanelAction(t.db, panelId, second!.id, { description: 'Review it', owner: 'Lead', dueOn: '2025-06-02' }, 'user:2'))) as FieldError;
    expect(early.fields).toEqual([{ field: 'dueOn', message: 'is before the panel met (2025-06-03)' }]);
    expect((await refusal(editPanelAction(t.db, panelId, 9999, { description: 'x', owner: 'y', dueOn: '2025-07-01' }, 'user:2'))).code).toBe('not-found');
    await editPanelAction(t.db, panelId, second!.id, { description: ' Review the police protocol with the force ', owner: 'Regional head of public protection', dueOn: '2025-09-30' }, 'user:2');
    const after = (await learningPanelView(t.db, panelId)).actions.find((x) => x.id === second!.id)!;
    expect(after).toMatchObject({ description: 'Review the police protocol with the force', owner: 'Regional head of public protection', dueOn: '2025-09-30', state: second!.state, region: second!.region });
    const audit = (await listAudit(t.db, { entity: 'sfo-panel', entityId: panelId })).filter((e) => e.action === 'sfo-panel.action-edited');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'user:2',
      before: { actionId: second!.id, description: 'Review the police protocol', owner: 'Regional lead', dueOn: '2025-08-01' },
      after: { actionId: second!.id, description: 'Review the police protocol with the force', owner: 'Regional head of public protection', dueOn: '2025-09-30' },
    });
  });
});
