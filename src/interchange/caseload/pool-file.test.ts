// A youth caseload of one pool's cases (the court caseload, say): the case type column may be left
// out and is then filled in; a row of another type is an error at its row and column.
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { parseCaseloadCsv } from './caseload-file.ts';

const youth = bundledFramework('hmip-youth@2021');
const COURT = { attribute: 'case_type', caseType: 'court', label: 'Court disposals' };

describe('a caseload of one pool', () => {
  it('gives every case the pool\'s type when the file has no case type column', () => {
    const result = parseCaseloadCsv(youth, 'Case ref,Case manager,Date the disposal began\nY1,Sam,01/04/2026\nY2,Jo,2026-04-03\n', COURT);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      cases: [
        { caseRef: 'Y1', practitioner: 'Sam', attributes: { case_type: 'court', start_date: '2026-04-01' } },
        { caseRef: 'Y2', practitioner: 'Jo', attributes: { case_type: 'court', start_date: '2026-04-03' } },
      ],
    });
  });

  it('accepts rows of the pool\'s type, in any of its spellings, and refuses a row of another type at its row and column', () => {
    const result = parseCaseloadCsv(youth, 'Case ref,Case manager,Type,Date the disposal began\nY1,Sam,Court disposal,01/04/2026\nY2,Jo,OOCD,02/04/2026\nY3,Al,,03/04/2026\n'.replace('Type', 'Case type'), COURT);
    expect(result).toEqual({
      ok: false,
      warnings: [],
      errors: [
        { row: 3, column: 'Case type', caseRef: 'Y2', message: 'the case type is out-of-court, but this file is the court disposals caseload; upload the out-of-court cases in their own file, or one file with every case' },
      ],
    });
  });

  it('still needs the case type in a file of every case, and the date each case began in any file', () => {
    const all = parseCaseloadCsv(youth, 'Case ref,Case manager,Date the disposal began\nY1,Sam,01/04/2026\n');
    expect(all.ok ? [] : all.errors.map((e) => e.message)).toEqual(["no column for the case type; head it 'Case type'"]);
    const undated = parseCaseloadCsv(youth, 'Case ref,Case manager,Date the disposal began\nY1,Sam,\n', COURT);
    expect(undated.ok ? [] : undated.errors.map((e) => e.message)).toEqual([expect.stringMatching(/date/)]);
  });
});
