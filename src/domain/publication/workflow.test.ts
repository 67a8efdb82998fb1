import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveStatus, isPublished, transitionProblems, type ReportState } from './workflow.ts';

const ready: ReportState = { status: 'draft', overallFindings: 'Findings', recommendations: 2, publishOn: null, inspectionSignedOff: true, undecidedComments: 0, embargoRecipients: 1, surveyOpen: false };

describe('the publication workflow', () => {
  it('sends a signed-off draft with findings and recommendations to the service for factual accuracy', () => {
    expect(transitionProblems(ready, 'factual-accuracy', '2026-11-22')).toEqual([]);
    expect(transitionProblems({ ...ready, inspectionSignedOff: false, overallFindings: ' ', recommendations: 0 }, 'factual-accuracy', '2026-11-22')).toEqual([
      'Sign the inspection’s ratings off first',
      'Write the overall findings',
      'Add at least one recommendation',
    ]);
  });
  it('embargoes only once every comment is decided, with recipients and a future date', () => {
    const checking = { ...ready, status: 'factual-accuracy' as const };
    expect(transitionProblems(checking, 'embargoed', '2026-11-22', '2026-12-01')).toEqual([]);
    expect(transitionProblems({ ...checking, undecidedComments: 2, embargoRecipients: 0 }, 'embargoed', '2026-11-22', '2026-11-22')).toEqual([
      'Accept or reject every factual accuracy comment (2 undecided)',
      'Name at least one recipient of the embargoed copy',
      'The publication date must be after today, so the embargo means something',
    ]);
  });
  it('keeps the report from the service, and from the embargo, while the survey of people on probation still takes replies', () => {
    const open = 'Close the survey of people on probation first: its results are in the report, which must not change once the service has it';
    expect(transitionProblems({ ...ready, surveyOpen: true }, 'factual-accuracy', '2026-11-22')).toEqual([open]);
    expect(transitionProblems({ ...ready, status: 'factual-accuracy', surveyOpen: true }, 'embargoed', '2026-11-22', '2026-12-01')).toEqual([open]);
    expect(transitionProblems({ ...ready, status: 'factual-accuracy', surveyOpen: true }, 'draft', '2026-11-22')).toEqual([]);
  });
  it('embargoes only a signed-off inspection: one reopened during the factual accuracy check must be signed off again', () => {
    const reopened = { ...ready, status: 'factual-accuracy' as const, inspectionSignedOff: false };
    expect(transitionProblems(reopened, 'embargoed', '2026-11-22', '2026-12-01')).toEqual(['Sign the inspection’s ratings off first']);
  });
  it('publishes on the set date without anyone acting, and a published report never moves', () => {
    const embargoed = { ...ready, status: 'embargoed' as const, publishOn: '2026-12-01' };
    expect(isPublished(embargoed, '2026-11-30')).toBe(false);
    expect(isPublished(embargoed, '2026-12-01')).toBe(true);
    expect(effectiveStatus(embargoed, '2026-12-02')).toBe('published');
    for (const to of ['draft', 'factual-accuracy', 'embargoed'] as const) expect(transitionProblems(embargoed, to, '2026-12-02', '2027-01-01')).not.toEqual([]);
  });
  it('publishes today, at once, from the factual accuracy check or the embargo, on the same checks as the embargo but recipients and date', () => {
    const checking = { ...ready, status: 'factual-accuracy' as const, embargoRecipients: 0 };
    expect(transitionProblems(checking, 'published', '2026-11-22')).toEqual([]);
    expect(transitionProblems({ ...checking, undecidedComments: 1, inspectionSignedOff: false }, 'published', '2026-11-22')).toEqual([
      'Sign the inspection’s ratings off first',
      'Accept or reject every factual accuracy comment (1 undecided)',
    ]);
    expect(transitionProblems({ ...ready, status: 'embargoed', publishOn: '2026-12-01' }, 'published', '2026-11-22')).toEqual([]);
    expect(transitionProblems(ready, 'published', '2026-11-22')).toEqual(['A report that is draft cannot move to published']);
  });
  it('is never published before its date, whatever the state', () => {
    fc.assert(
      fc.property(fc.constantFrom('draft', 'factual-accuracy', 'embargoed'), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 28 }), (status, publishDay, today) => {
        const publishOn = `2026-12-${String(publishDay).padStart(2, '0')}`;
        const day = `2026-12-${String(today).padStart(2, '0')}`;
        expect(isPublished({ status, publishOn }, day)).toBe(status === 'embargoed' && publishOn <= day);
      }),
    );
  });
});
