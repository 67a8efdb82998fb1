import { describe, expect, it } from 'vitest';
import { validateRegister, type RegisterRow } from './register.ts';

const regions = ['North East', 'Kent, Surrey and Sussex', 'Yorkshire and the Humber', 'Wales'];
const row = (line: number, values: RegisterRow['values']): RegisterRow => ({
  line,
  values: { review_ref: `R${line}`, region: 'Wales', offence_category: 'murder', notified_date: '2024-01-02', submitted_date: '2024-04-01', extension: 'no', ...values },
});

describe('a register of SFO reviews', () => {
  it('reads forgiving spellings into the normal form', () => {
    const result = validateRegister(
      [
        row(2, { review_ref: ' r-2024/07 ', region: 'kent surrey & sussex', pdu: ' ', offence_category: 'Other serious sexual offences', notified_date: '3/1/2024', submitted_date: '', extension: 'Y', author_role: 'Senior probation officer' }),
        row(3, { region: 'YORKSHIRE AND THE HUMBER', pdu: 'Leeds', extension: 'false' }),
      ],
      { regions },
    );
    expect(result).toEqual({
      ok: true,
      reviews: [
        { reviewRef: 'R-2024/07', region: 'Kent, Surrey and Sussex', pdu: null, offenceCategory: 'other serious sexual', notifiedOn: '2024-01-03', submittedOn: null, extensionGranted: true, authorRole: 'Senior probation officer' },
        { reviewRef: 'R3', region: 'Yorkshire and the Humber', pdu: 'Leeds', offenceCategory: 'murder', notifiedOn: '2024-01-02', submittedOn: '2024-04-01', extensionGranted: false, authorRole: null },
      ],
      lines: [2, 3],
    });
  });

  it('lists every problem by row and column, and takes nothing from the file', () => {
    const result = validateRegister(
      [
        row(2, { region: 'Yorkshire', offence_category: 'theft', notified_date: '2024-02-30' }),
        row(3, { review_ref: '', extension: 'maybe', submitted_date: '31/12/2023' }),
        row(4, { review_ref: 'r2' }),
        row(5, { review_ref: 'R 5', notified_date: '2024-05-01', submitted_date: '2024-04-01' }),
      ],
      { regions },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      { row: 2, column: 'region', message: "'Yorkshire' is not a probation region; use North East; Kent, Surrey and Sussex; Yorkshire and the Humber; Wales" },
      { row: 2, column: 'offence_category', message: expect.stringMatching(/^'theft' is not an offence category; use murder, attempted murder/) },
      { row: 2, column: 'notified_date', message: "'2024-02-30' is not a date; write YYYY-MM-DD or DD/MM/YYYY" },
      { row: 3, column: 'review_ref', message: 'no review reference given' },
      { row: 3, column: 'submitted_date', message: 'the date submitted, 2023-12-31, is before the date notified, 2024-01-02' },
      { row: 3, column: 'extension', message: "'maybe' is not allowed; use yes or no" },
      { row: 4, column: 'review_ref', message: 'review R2 is also on row 2; each review is listed once' },
      { row: 5, column: 'review_ref', message: "'R 5' must be 1 to 40 letters, digits, /, ., _ or -, starting with a letter or digit" },
      { row: 5, column: 'submitted_date', message: 'the date submitted, 2024-04-01, is before the date notified, 2024-05-01' },
    ]);
  });

  it('refuses a file with no reviews', () => {
    expect(validateRegister([], { regions })).toEqual({ ok: false, problems: [{ message: 'the file lists no reviews below its heading row' }] });
  });
});
