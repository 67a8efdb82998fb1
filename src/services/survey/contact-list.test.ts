import { describe, expect, it } from 'vitest';
import { formatProblem, maskNumber, nationalFormat, parseContactList, readUkMobile } from './contact-list.ts';
import { demoContactsCsv, demoPhone } from './demo-contacts.ts';

describe('UK mobile numbers', () => {
  it.each([
    ['07700 900123', '+447700900123'],
    ['07700-900-123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['+44 (0)7700 900123', '+447700900123'],
    ['447700900123', '+447700900123'],
    ['00447700900123', '+447700900123'],
    ['7700900123', '+447700900123'],
    ['07624 123456', '+447624123456'],
  ])('reads %s', (raw, e164) => expect(readUkMobile(raw)).toEqual({ ok: true, value: e164 }));

  it.each([
    ['', 'no phone number given'],
    ['0113 496 0000', 'is a landline or service number'],
    ['+33 6 12 34 56 78', 'is not a UK number'],
    ['07700 90012', 'has 10 digits'],
    ['07700 9001234', 'has 12 digits'],
    ['07000 900123', 'is not a mobile number'],
    ['07623 123456', 'is not a mobile number'],
    ['call me', 'is not a phone number'],
  ])('refuses %s', (raw, message) => {
    const read = readUkMobile(raw);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.message).toContain(message);
  });

  it('writes a number the way people do', () => expect(nationalFormat('+447700900123')).toBe('07700 900123'));
});

describe('the contact list file', () => {
  it('reads numbers and names, and names the columns it does not read', () => {
    const result = parseContactList('\uFEFFMobile number,Forename,NOMIS\r\n07700 900001,Ann,A1234BC\r\n\r\n+447700900002,,B2345CD\r\n');
    expect(result).toEqual({
      ok: true,
      contacts: [
        { phone: '+447700900001', name: 'Ann', row: 2 },
        { phone: '+447700900002', name: null, row: 4 },
      ],
      warnings: [{ row: 1, message: "column 'NOMIS' is not read or kept: the survey needs only the phone number and, if you like, a name" }],
      listedTwice: 0,
    });
  });

  it('lists every bad row with its row and column', () => {
    const result = parseContactList('Phone number,Name\n07700 900001,Ann\n0113 496 0000,Ben\n,Cal\n07700 900004,"Dee, Eve",extra\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatProblem)).toEqual([
      "row 3, column Phone number: '•••• ••• •000' is a landline or service number; the survey needs a UK mobile number, beginning 07",
      'row 4, column Phone number: no phone number given',
      'row 5: the row has 3 values but the first row names 2 columns; put text containing commas in double quotes',
    ]);
    expect(result.usable).toEqual({ contacts: [{ phone: '+447700900001', name: 'Ann', row: 2 }], listedTwice: 0 });
  });

  it('gives no rows to go on with when the columns are wrong, no row is good or the reading stopped', () => {
    const noGood = parseContactList('Phone number\n0113 496 0000\n\n');
    expect(!noGood.ok && noGood.usable).toBe(undefined);
    const twoPhones = parseContactList('Phone,Mobile\n07700 900001,07700 900002\n');
    expect(!twoPhones.ok && twoPhones.usable).toBe(undefined);
    const many = parseContactList(['Phone number', '07700 900001', ...Array.from({ length: 1_200 }, () => 'x')].join('\n'));
    expect(!many.ok && many.usable).toBe(undefined);
  });

  it('hides every digit of a number but the last 3', () => {
    expect(maskNumber('+44 7700 900123')).toBe('+•• •••• •••123');
    expect(maskNumber('12')).toBe('12');
    expect(maskNumber('call me')).toBe('call me');
  });

  it('needs a phone number column, once', () => {
    const none = parseContactList('Name,Email\nAnn,a@example.com\n');
    expect(none.ok ? '' : formatProblem(none.errors[0]!)).toContain('no column for the phone number');
    const twice = parseContactList('Phone,Mobile\n07700 900001,07700 900002\n');
    expect(twice.ok ? '' : formatProblem(twice.errors[0]!)).toContain("columns 'Phone' and 'Mobile' both give the phone number");
  });

  it('names the row and column of a NUL character, which the database cannot store, and quotes none of it', () => {
    const result = parseContactList('Phone number,Name,Notes\n07700 900001,A\u0000nn,\n07700 900002,Ben,x\u0000\n');
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual([
      'row 2, column Name: the value contains a NUL character (a zero byte), which text cannot hold: the file may be damaged; save it again as CSV UTF-8, or type the value again',
      'row 3, column Notes: the value contains a NUL character (a zero byte), which text cannot hold: the file may be damaged; save it again as CSV UTF-8, or type the value again',
    ]);
  });

  it('lists a thousand repeated numbers and counts the rest', () => {
    const rows = Array.from({ length: 1_500 }, () => '07700 900001');
    const result = parseContactList(['Phone number', '07700 900001', ...rows].join('\n'));
    expect(result.ok && [result.contacts.length, result.listedTwice, result.warnings.length, result.warnings.at(-1)!.message]).toEqual([
      1,
      1_500,
      1_001,
      '500 more rows give a number already listed; each number is texted once',
    ]);
  });

  it('reads the generated lists used by the demonstration and the benchmark', () => {
    const result = parseContactList(demoContactsCsv(1200));
    expect(result.ok && result.contacts.length).toBe(1200);
    expect(result.ok && result.contacts[1100]!.phone).toBe(demoPhone(1100));
  });
});
