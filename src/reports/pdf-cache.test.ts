import { afterAll, describe, expect, it } from 'vitest';
import { cachedPdf, describedPdfFunction, forgetCachedPdfs, pdfCacheKey } from './pdf-cache.ts';
import { h1, p, publicationDocument, renderPdf } from './pdf-document.ts';
import { pdfmake } from '../adapters/pdf/pdfmake.ts';

/** The PDF's lines that differ between two renderings. */
const differingLines = (a: Buffer, b: Buffer) => {
  const la = a.toString('latin1').split('\n');
  const lb = b.toString('latin1').split('\n');
  return la.flatMap((line, i) => (line === lb[i] ? [] : [line]));
};

describe('rendered PDFs kept while what they are made from is the same', () => {
  afterAll(forgetCachedPdfs);

  it('gives every different input its own key, whatever its types', () => {
    const inputs: unknown[] = [
      { a: 1 },
      { a: '1' },
      { a: [1] },
      { a: true },
      { a: null },
      { a: undefined },
      {},
      { b: 1 },
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      ['a', 1],
      ['a1'],
      [['a'], 1],
      { a: new Date('2026-01-01T00:00:00Z') },
      { a: new Date('2026-01-01T00:00:00.001Z') },
      { a: -0 },
      { a: 0 },
      { a: NaN },
      { a: 'a"b' },
      { 'a"': 'b' },
    ];
    const keys = inputs.map((x) => pdfCacheKey('r', x));
    expect(keys.every((k) => typeof k === 'string')).toBe(true);
    expect(new Set(keys).size).toBe(inputs.length);
    // The same input, the same key; another renderer, another key.
    expect(pdfCacheKey('r', { a: [1, { b: 'x' }] })).toBe(pdfCacheKey('r', { a: [1, { b: 'x' }] }));
    expect(pdfCacheKey('s', { a: 1 })).not.toBe(pdfCacheKey('r', { a: 1 }));
  });

  it('does not key what it cannot write out exactly: maps, class instances, undescribed functions, cycles', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const input of [{ m: new Map([[1, 2]]) }, { s: new Set([1]) }, { c: new (class X {})() }, { f: () => 1 }, cycle, { b: 1n }])
      expect(pdfCacheKey('r', input)).toBeUndefined();
    // A function stands for what it is described as being made from.
    const f = (x: string) => () => x;
    expect(pdfCacheKey('r', { f: describedPdfFunction('g', 'a', f('a')) })).toBe(pdfCacheKey('r', { f: describedPdfFunction('g', 'a', f('a')) }));
    expect(pdfCacheKey('r', { f: describedPdfFunction('g', 'a', f('a')) })).not.toBe(pdfCacheKey('r', { f: describedPdfFunction('g', 'b', f('b')) }));
  });

  it('renders once for the same input, hands each caller its own copy, and renders anew for another input or what it cannot key', async () => {
    let renders = 0;
    const render = (text: string) => async () => {
      renders++;
      return Buffer.from(`%PDF ${text}`);
    };
    const first = await cachedPdf('test-renderer', { text: 'one' }, render('one'));
    const again = await cachedPdf('test-renderer', { text: 'one' }, render('one'));
    expect(renders).toBe(1);
    expect(again.toString()).toBe('%PDF one');
    again[0] = 0; // a caller's copy is its own
    expect((await cachedPdf('test-renderer', { text: 'one' }, render('one'))).toString()).toBe('%PDF one');
    expect(first.toString()).toBe('%PDF one');
    expect((await cachedPdf('test-renderer', { text: 'two' }, render('two'))).toString()).toBe('%PDF two');
    expect(renders).toBe(2);
    await cachedPdf('test-renderer', { text: 'one', when: new Map() }, render('one'));
    await cachedPdf('test-renderer', { text: 'one', when: new Map() }, render('one'));
    expect(renders).toBe(4);
  });

  it('keeps at most 48 MB, the least recently used leaving first, and never a document over 8 MB', async () => {
    let renders = 0;
    const big = (mb: number) => async () => {
      renders++;
      return Buffer.alloc(mb * 1024 * 1024);
    };
    await cachedPdf('test-big', 'huge', big(9));
    await cachedPdf('test-big', 'huge', big(9));
    expect(renders).toBe(2);
    renders = 0;
    for (let i = 0; i < 7; i++) await cachedPdf('test-big', i, big(7)); // 49 MB asked: the first leaves
    expect(renders).toBe(7);
    await cachedPdf('test-big', 6, big(7));
    await cachedPdf('test-big', 1, big(7));
    expect(renders).toBe(7);
    await cachedPdf('test-big', 0, big(7));
    expect(renders).toBe(8);
  });

  it('serves the same bytes a fresh rendering makes but for the creation date and the identifier made from it', async () => {
    const definition = (title: string) => publicationDocument({ title, subject: 'Test', content: [h1('Heading'), p('A paragraph.')] });
    const cached = await renderPdf(definition('Kept'));
    expect(await renderPdf(definition('Kept'))).toEqual(cached);
    const fresh = await pdfmake().createPdf(definition('Kept')).getBuffer();
    expect(fresh.length).toBe(cached.length);
    for (const line of differingLines(fresh, cached)) expect(line).toMatch(/^\/CreationDate \(D:\d{14}Z\)$|^\(D:\d{14}Z\)$|^\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]$/);
    // Another title is another document, with its own running header.
    expect((await renderPdf(definition('Other'))).equals(cached)).toBe(false);
  });
});
