// A report made before sign-off says on its cover and heading that its ratings are provisional.
import { describe, expect, it } from 'vitest';
import { generateAssessment } from '../demo/generate-assessment.ts';
import { rateInspection } from '../domain/rating/engine.ts';
import { ratingsStanding } from '../domain/sign-off/provisional.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { buildPduReport } from './pdu-report.ts';

const framework = bundledFramework();
const assessment = generateAssessment(framework, { seed: 8, cases: 20, windowStart: '2026-03-02' });
const inspection = {
  id: 3,
  title: 'York PDU inspection',
  organisationName: 'York',
  regionName: 'Yorkshire and the Humber',
  fieldworkStart: '2026-09-07',
  fieldworkEnd: '2026-09-11',
  frameworkId: 'hmip-adult-pdu',
  frameworkVersion: '2021',
  isDemo: false,
  status: 'in-progress',
};
const report = (signedOff: boolean, casesComplete: number) =>
  buildPduReport({ inspection, framework, assessment, ratings: rateInspection(framework, assessment), text: { recommendations: [] }, standing: ratingsStanding({ signedOff, casesComplete, casesTotal: 20 }) });

describe('a draft report before sign-off', () => {
  it('carries PROVISIONAL with the cases complete for its cover, and marks the overall rating', () => {
    const draft = report(false, 17);
    expect(draft.provisional).toBe('PROVISIONAL: 17 of 20 cases complete, not yet signed off');
    expect(draft.facts.find((f) => f.label === 'Overall rating')!.value).toMatch(/^(Outstanding|Good|Requires improvement|Inadequate) \(provisional\)$|^Not yet rated$/);
  });

  it('says nothing of the kind once signed off', () => {
    const final = report(true, 20);
    expect(final.provisional).toBeNull();
    expect(final.facts.map((f) => f.value).join(' ')).not.toMatch(/provisional/i);
  });
});
