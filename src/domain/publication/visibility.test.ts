import { describe, expect, it } from 'vitest';
import { canOpenArea, type Actor, type InspectionScope, type MemberRole } from '../access/permissions.ts';
import { INSPECTION_AREAS, SERVICE_AREAS, type InspectionArea } from './visibility.ts';
import { REPORT_STATUSES } from './workflow.ts';

const leeds: Actor = { userId: 9, role: 'service-staff', organisationId: 40, memberships: new Map<number, MemberRole>() };
const sheffield: Actor = { ...leeds, organisationId: 41 };
const at = (reportStatus: (typeof REPORT_STATUSES)[number]): InspectionScope => ({ id: 7, organisationId: 40, published: reportStatus === 'published', reportStatus });
/** The inspectorate's workings: the service opens none of them, at any stage. */
const INTERNAL: InspectionArea[] = ['cases', 'judgements', 'team', 'quality', 'sign-off', 'audit', 'survey-results', 'survey-follow-ups', 'publication-workings'];

describe('what the inspected service opens at each stage of its report', () => {
  it('is its own tasks, then the draft report and the comment form, then the ratings and the action plan', () => {
    const open = (status: (typeof REPORT_STATUSES)[number]) => INSPECTION_AREAS.filter((a) => canOpenArea(leeds, at(status), a));
    expect(open('draft')).toEqual(['overview', 'sample', 'survey']);
    expect(open('factual-accuracy')).toEqual(['overview', 'report', 'publication', 'sample', 'survey']);
    expect(open('embargoed')).toEqual(open('factual-accuracy'));
    expect(open('published')).toEqual(['overview', 'ratings', 'report', 'publication', 'action-plan', 'sample', 'survey']);
  });

  it('never includes the inspectorate’s workings, and nothing of another service’s inspection', () => {
    for (const status of REPORT_STATUSES) {
      for (const area of INTERNAL) expect([status, area, canOpenArea(leeds, at(status), area)]).toEqual([status, area, false]);
      for (const area of INSPECTION_AREAS) expect(canOpenArea(sheffield, at(status), area)).toBe(false);
      for (const area of SERVICE_AREAS[status]) expect(INTERNAL).not.toContain(area);
    }
  });

  it('leaves the inspectorate’s staff on the inspection their workings throughout', () => {
    const inspector: Actor = { userId: 1, role: 'inspector', organisationId: null, memberships: new Map<number, MemberRole>([[7, 'inspector']]) };
    for (const status of REPORT_STATUSES) expect(INSPECTION_AREAS.filter((a) => !canOpenArea(inspector, at(status), a))).toEqual(['audit']);
  });
});
