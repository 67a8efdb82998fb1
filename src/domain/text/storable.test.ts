import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstUnstorableField, isStorable, toStorable } from './storable.ts';

describe('text the database can store', () => {
  it('refuses NUL and unpaired surrogates, and keeps paired ones (emoji)', () => {
    expect(isStorable('plain text, “quotes” and 😀')).toBe(true);
    for (const bad of ['a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800', 'end\ud83d']) expect(isStorable(bad)).toBe(false);
  });

  it('cleans each bad character to U+FFFD and says so', () => {
    expect(toStorable('a\u0000b\ud800c😀\udc00')).toEqual({ text: 'a\uFFFDb\uFFFDc😀\uFFFD', cleaned: true });
    expect(toStorable('fine')).toEqual({ text: 'fine', cleaned: false });
  });

  it('always gives storable text of the same length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const { text } = toStorable(s);
        expect(isStorable(text)).toBe(true);
        expect(text.length).toBe(s.length);
        expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text); // round-trips through UTF-8
      }),
    );
  });

  it('names the first field with unstorable text', () => {
    expect(firstUnstorableField([['email', 'a@b.c'], ['rationale', 'x\u0000'], ['other', '\ud800']])).toBe('rationale');
    expect(firstUnstorableField(new URLSearchParams('q=fine&r=%00'))).toBe('r');
    expect(firstUnstorableField([['ok', 'ok']])).toBeUndefined();
  });
});
