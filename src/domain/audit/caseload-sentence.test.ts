// The audit trail's sentence for a caseload upload names the kind of case when the file held one
// pool's cases (a youth service's court or out-of-court disposals), and reads as before otherwise.
import { describe, expect, it } from 'vitest';
import { sentenceOf, type AuditFacts } from './sentences.ts';
import { NO_WORDS } from './words.ts';

const event = (after: Record<string, unknown>): AuditFacts => ({ action: 'caseload.uploaded', entity: 'case-sample', entityId: '7', inspectionId: 7, before: null, after });

describe('the caseload upload in the audit trail', () => {
  it('names the kind of case a pool\'s file held', () => {
    expect(sentenceOf(event({ cases: 12, format: 'csv', warnings: 0, caseType: 'out-of-court', caseloadCases: 42 }), NO_WORDS)).toBe('Uploaded the service’s caseload of out of court cases: 12 cases');
    expect(sentenceOf(event({ cases: 30, format: 'csv', warnings: 0, caseType: 'court', caseloadCases: 30 }), NO_WORDS)).toBe('Uploaded the service’s caseload of court cases: 30 cases');
  });

  it('reads as before for a file of every case', () => {
    expect(sentenceOf(event({ cases: 400, format: 'csv', warnings: 0 }), NO_WORDS)).toBe('Uploaded the service’s caseload: 400 cases');
  });
});
