import { describe, expect, it } from 'vitest';
import { applyStandard, standardStatus } from '../domain/assessment/standard-edit.ts';
import { isCaseComplete } from '../domain/sign-off/case-progress.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { draftOfNextStandard, fieldworkPlan, withStandardsDone } from './fieldwork-progress.ts';
import { generateAssessment } from './generate-assessment.ts';

const framework = bundledFramework();
const refs = Array.from({ length: 40 }, (_, i) => `DEMO-${String(i + 1).padStart(3, '0')}`);
const cases = generateAssessment(framework, { seed: 2021, cases: 40, windowStart: '2026-06-01' }).cases;

describe('the fieldwork plan of the demonstration inspection', () => {
  it('shares the cases four, four and two in ten, each person with cases assessed, part-assessed and not begun', () => {
    const plan = fieldworkPlan(refs);
    expect(plan.map((p) => p.caseRef)).toEqual(refs);
    const count = (assessor: string, progress?: string) => plan.filter((p) => p.assessor === assessor && (!progress || p.progress === progress)).length;
    expect([count('inspector'), count('inspector2'), count('lead')]).toEqual([16, 16, 8]);
    for (const who of ['inspector', 'inspector2', 'lead']) expect([count(who, 'complete'), count(who, 'part'), count(who, 'none')]).toEqual(who === 'lead' ? [4, 2, 2] : [8, 4, 4]);
    expect(plan[0]).toMatchObject({ caseRef: 'DEMO-001', assessor: 'inspector', progress: 'complete' });
    expect(plan.filter((p) => p.progress === 'part').every((p) => p.standardsDone >= 1 && p.standardsDone <= 3)).toBe(true);
  });

  it('keeps only the first standards of a case, its attributes untouched', () => {
    const full = cases[2]!;
    const two = withStandardsDone(framework, full, 2);
    expect(two.attributes).toEqual(full.attributes);
    const statuses = framework.caseStandards.map((s) => standardStatus(s, two).status);
    expect(statuses.slice(2).every((s) => s === 'not-started' || s === 'not-applicable')).toBe(true);
    expect(statuses.slice(0, 2).every((s) => s === 'completed' || s === 'not-applicable')).toBe(true);
    expect(withStandardsDone(framework, full, framework.caseStandards.length)).toEqual(full);
    expect(Object.keys(withStandardsDone(framework, full, 0).answers)).toEqual([]);
  });

  it('begins the next standard as a draft that is still in progress', () => {
    for (const full of cases) {
      const done = withStandardsDone(framework, full, 1);
      const draft = draftOfNextStandard(framework, full, 1)!;
      const standard = framework.caseStandards.find((s) => s.id === draft.standardId)!;
      const next = applyStandard(standard, done, draft.values);
      expect(standardStatus(standard, next).status).toBe('in-progress');
      expect(isCaseComplete(framework, next)).toBe(false);
    }
  });
});
