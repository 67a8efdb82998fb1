import { describe, expect, it } from 'vitest';
import { dateInputItems, readDateInput } from './date-input.ts';

const read = (day: string, month: string, year: string) => readDateInput({ 'd-day': day, 'd-month': month, 'd-year': year }, 'd', 'the first day of fieldwork');

describe('the GOV.UK date input', () => {
  it('reads a real date', () => {
    expect(read('5', '10', '2026')).toEqual({ ok: true, date: '2026-10-05' });
    expect(read(' 05 ', '10', '2026')).toEqual({ ok: true, date: '2026-10-05' });
  });
  it('asks for the date when nothing is given, and for the part missing', () => {
    expect(read('', '', '')).toMatchObject({ ok: false, message: 'Enter the first day of fieldwork', href: '#d-day' });
    expect(read('5', '', '2026')).toMatchObject({ ok: false, message: 'The first day of fieldwork must include a month', href: '#d-month', parts: ['month'] });
    expect(read('', '', '2026')).toMatchObject({ message: 'The first day of fieldwork must include a day and a month' });
  });
  it('refuses dates that do not exist, and short years', () => {
    expect(read('30', '2', '2026')).toMatchObject({ ok: false, message: 'The first day of fieldwork must be a real date', parts: ['day'] });
    expect(read('1', '13', '2026')).toMatchObject({ ok: false, parts: ['month'] });
    expect(read('1', 'Oct', '2026')).toMatchObject({ ok: false, parts: ['month'] });
    expect(read('1', '10', '26')).toMatchObject({ ok: false, message: 'Year must include 4 numbers', parts: ['year'] });
  });
  it('fills the fields from a date, or from what was typed, and marks the parts in error', () => {
    expect(dateInputItems({}, 'd', '2026-10-05').map((i) => i.value)).toEqual(['5', '10', '2026']);
    const items = dateInputItems({ 'd-day': '31', 'd-month': '2', 'd-year': '2026' }, 'd', undefined, ['day']);
    expect(items[0]).toEqual({ name: 'day', value: '31', classes: 'govuk-input--width-2 govuk-input--error' });
  });
});
