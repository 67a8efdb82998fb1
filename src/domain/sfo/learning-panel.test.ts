import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_STATES, actionRegions, dueDateProblem, isOverdue, lines, openActionsForRegion, PanelSchema, stateChangeProblem, type PanelAction } from './learning-panel.ts';

describe('learning panels', () => {
  it('reads agencies and learning points a line each, without blanks or repeats', () => {
    expect(lines(' Police\r\n\nProbation Service\nPolice \n')).toEqual(['Police', 'Probation Service']);
  });

  it('needs a real date, two agencies and a review; references read in upper case', () => {
    const bad = PanelSchema.safeParse({ heldOn: '2025-02-30', title: ' ', agencies: ['Police'], reviewRefs: [], learningPoints: [] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'heldOn: must be a real date',
      'title: give the panel a name',
      'agencies: name at least two agencies: a panel is multi-agency',
      'reviewRefs: choose at least one review the panel discussed',
    ]);
    expect(PanelSchema.parse({ heldOn: '2025-06-03', title: 'Panel', agencies: ['Police', 'Probation'], reviewRefs: ['sfo-1'], learningPoints: [] }).reviewRefs).toEqual(['SFO-1']);
  });

  it('refuses a due date before the panel met', () => {
    expect(dueDateProblem('2025-06-03', '2025-06-02')).toBe('is before the panel met (2025-06-03)');
    expect(dueDateProblem('2025-06-03', '2025-06-03')).toBeNull();
  });

  it('changes state by the rules: a closed action only reopened, with a reason, and withdrawn with one', () => {
    expect(stateChangeProblem('open', 'in-progress', '')).toBeNull();
    expect(stateChangeProblem('open', 'completed', '')).toBeNull();
    expect(stateChangeProblem('open', 'open', '')).toBe('the action is open already');
    expect(stateChangeProblem('open', 'withdrawn', ' ')).toBe('give the reason');
    expect(stateChangeProblem('completed', 'in-progress', 'x')).toBe('a completed action can only be reopened');
    expect(stateChangeProblem('completed', 'open', '')).toBe('give the reason');
    expect(stateChangeProblem('withdrawn', 'open', 'raised again')).toBeNull();
  });

  it('is overdue only while still to be done and past its due date', () => {
    expect(isOverdue({ state: 'open', dueOn: '2025-01-01' }, '2025-01-02')).toBe(true);
    expect(isOverdue({ state: 'open', dueOn: '2025-01-02' }, '2025-01-02')).toBe(false);
    expect(isOverdue({ state: 'completed', dueOn: '2025-01-01' }, '2025-01-02')).toBe(false);
  });

  it('gives a region the open actions for it: its own, or its panel’s reviews’ regions', () => {
    const panels = new Map([
      [1, ['London', 'Wales']],
      [2, ['Wales']],
    ]);
    const actions: PanelAction[] = [
      { id: 1, panelId: 1, state: 'open', dueOn: '2025-09-01', region: null },
      { id: 2, panelId: 1, state: 'in-progress', dueOn: '2025-08-01', region: 'London' },
      { id: 3, panelId: 2, state: 'open', dueOn: '2025-07-01', region: null },
      { id: 4, panelId: 1, state: 'completed', dueOn: '2025-07-01', region: 'London' },
    ];
    expect(openActionsForRegion(actions, panels, 'London').map((a) => a.id)).toEqual([2, 1]);
    expect(openActionsForRegion(actions, panels, 'Wales').map((a) => a.id)).toEqual([3, 1]);
    expect(actionRegions({ region: null }, ['Wales', 'London', 'Wales'])).toEqual(['London', 'Wales']);
  });

  it('never gives a region a closed action or one for another region', () => {
    const regions = ['London', 'Wales', 'North West'];
    const action = fc.record({ id: fc.nat(), panelId: fc.integer({ min: 1, max: 3 }), state: fc.constantFrom(...ACTION_STATES), dueOn: fc.constantFrom('2025-01-01', '2025-06-01'), region: fc.option(fc.constantFrom(...regions)) });
    fc.assert(
      fc.property(fc.array(action), fc.constantFrom(...regions), (actions, region) => {
        const panels = new Map([
          [1, ['London']],
          [2, ['Wales', 'North West']],
          [3, []],
        ]);
        for (const a of openActionsForRegion(actions, panels, region)) {
          expect(['open', 'in-progress']).toContain(a.state);
          expect(a.region ?? panels.get(a.panelId)!.find((r) => r === region)).toBe(region);
        }
      }),
    );
  });
});
