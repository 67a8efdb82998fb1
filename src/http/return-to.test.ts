// Where sign-in may send someone afterwards: only a path on this site, as a browser would read it.
import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to.ts';

describe('safeReturnTo', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeReturnTo('/')).toBe('/');
    expect(safeReturnTo('/inspections/3/cases?sort=ref#top')).toBe('/inspections/3/cases?sort=ref#top');
    expect(safeReturnTo('/api/frameworks')).toBe('/api/frameworks');
    expect(safeReturnTo('/inspections/3/../4')).toBe('/inspections/4');
  });

  // Every value the acceptance check tries (as the query decodes them), and others a browser would
  // read as another host.
  it.each([
    ['/\\127.0.0.2:3999/x'], // /%5C127.0.0.2:3999/x
    ['//127.0.0.2/x'],
    ['/\t/127.0.0.2'], // /%09/127.0.0.2
    ['https://127.0.0.2/x'],
    ['//127.0.0.2'], // /%2F127.0.0.2
    ['/\n/evil.example'],
    ['/\r\n/evil.example'],
    ['\\\\evil.example'],
    ['/\\/evil.example'],
    ['/.//evil.example'],
    ['/./../..//evil.example/x'],
    ['///evil.example'],
    ['http:evil.example'],
    ['javascript:alert(1)'],
    [' /inspections'],
    ['evil.example'],
    [''],
    ['/\u0000/x'],
    [`/${'a'.repeat(2_001)}`],
  ])('refuses %j', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });

  it('refuses anything that is not text', () => {
    for (const value of [undefined, null, 42, ['/x'], { href: '/x' }]) expect(safeReturnTo(value)).toBe('/');
  });

  it('never gives a value a browser resolves to another origin', () => {
    const base = 'http://127.0.0.1:3000/sign-in';
    for (const value of ['/\\x.example', '/\t/x.example', '//x.example', '/.//x.example', '/a/../..//x.example', '/%2F%2Fx.example', '/%5Cx.example'])
      expect(new URL(safeReturnTo(value), base).origin).toBe('http://127.0.0.1:3000');
  });
});
