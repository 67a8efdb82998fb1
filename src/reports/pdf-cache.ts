// Rendered PDFs kept in memory, so a document that has not changed is laid out once, not once a
// download. A published report or annual report is downloaded many times over (by the public, the
// service, the press), and each rendering takes a tenth of a second to a second of CPU (text
// shaping, font tables, layout); the same bytes come out every time but for the creation date.
//
// Keyed by a SHA-256 digest of exactly what the document is made from: the renderer's name and
// everything it is given (a pdfmake definition, or the model a tagged PDF is drawn from), each
// value written with its type, so two different inputs never share a key. An input holding
// anything that is not plain data (a Map, a class instance, a function the renderer has not
// described with `describedPdfFunction`) is not cached at all: it is rendered every time.
//
// The cache is asked only by the renderers, after the route has decided the person may have the
// document: it never decides access, and an embargoed copy (its embargo mark is in its input) is a
// different document from the published one.
//
// A cached copy keeps the creation date (and the file identifier PDFKit derives from it) of its
// first rendering: the date the document with exactly that content was made, which is what the
// field says. Anything dated in the content (a "generated on" day) is in the input, so a new day
// makes a new document.
//
// Bounded by bytes: at most MAX_BYTES in all, least recently used first out, and a document larger
// than MAX_ENTRY_BYTES is never kept.
import { createHash } from 'node:crypto';

const MAX_BYTES = 48 * 1024 * 1024;
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;

const entries = new Map<string, Uint8Array>();
let bytes = 0;

// Functions in a pdfmake definition (running headers and footers) stand for what they were made
// from: a renderer that makes one says so with describedPdfFunction, and the description is hashed.
const descriptions = new WeakMap<(...args: never[]) => unknown, string>();

/** Marks a function in a document definition as determined entirely by `madeFrom` (plain data). */
export function describedPdfFunction<F extends (...args: never[]) => unknown>(name: string, madeFrom: unknown, fn: F): F {
  const written = write(madeFrom);
  if (written !== undefined) descriptions.set(fn, `${name}\u0000${written}`);
  return fn;
}

class NotPlainData extends Error {}

/** The input written out with every value's type (undefined when it is not plain data). */
function write(value: unknown): string | undefined {
  const out: string[] = [];
  const open = new Set<object>();
  const visit = (v: unknown): void => {
    switch (typeof v) {
      case 'string':
        out.push('s', JSON.stringify(v));
        return;
      case 'number':
        out.push('n', Object.is(v, -0) ? '-0' : String(v), ';');
        return;
      case 'boolean':
        out.push(v ? 'T' : 'F');
        return;
      case 'undefined':
        out.push('u');
        return;
      case 'function': {
        const d = descriptions.get(v as (...args: never[]) => unknown);
        if (d === undefined) throw new NotPlainData();
        out.push('f', JSON.stringify(d));
        return;
      }
      case 'object': {
        if (v === null) {
          out.push('N');
          return;
        }
        if (open.has(v)) throw new NotPlainData(); // a cycle
        if (v instanceof Date) {
          out.push('D', String(v.getTime()), ';');
          return;
        }
        if (v instanceof Uint8Array) {
          out.push('B', Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'), ';');
          return;
        }
        const proto = Object.getPrototypeOf(v) as unknown;
        open.add(v);
        if (Array.isArray(v)) {
          out.push('[');
          for (let i = 0; i < v.length; i++) visit(v[i]);
          out.push(']');
        } else if (proto === Object.prototype || proto === null) {
          if (Object.getOwnPropertySymbols(v).length) throw new NotPlainData();
          out.push('{');
          for (const [k, x] of Object.entries(v)) {
            out.push(JSON.stringify(k));
            visit(x);
          }
          out.push('}');
        } else throw new NotPlainData(); // a Map, a Set, a class instance: not described exactly here
        open.delete(v);
        return;
      }
      default:
        throw new NotPlainData(); // bigint, symbol
    }
  };
  try {
    visit(value);
  } catch (e) {
    if (e instanceof NotPlainData) return undefined;
    throw e;
  }
  return out.join('');
}

/** The digest of exactly what a document is made from, or undefined when that is not plain data. */
export function pdfCacheKey(renderer: string, madeFrom: unknown): string | undefined {
  const written = write(madeFrom);
  return written === undefined ? undefined : createHash('sha256').update(renderer).update('\u0000').update(written).digest('base64url');
}

/**
 * The PDF `render` makes from `madeFrom`, from the cache when the same renderer has made it from
 * the same input before. `render` must depend on nothing but `madeFrom` (and the code and fonts).
 * Each caller gets its own copy of the bytes.
 */
export async function cachedPdf(renderer: string, madeFrom: unknown, render: () => Promise<Buffer>): Promise<Buffer> {
  const key = pdfCacheKey(renderer, madeFrom);
  if (key === undefined) return render();
  const kept = entries.get(key);
  if (kept) {
    entries.delete(key); // most recently used: to the end of the order
    entries.set(key, kept);
    return Buffer.from(kept);
  }
  const pdf = await render();
  if (pdf.byteLength <= MAX_ENTRY_BYTES && !entries.has(key)) {
    entries.set(key, new Uint8Array(pdf)); // a copy of its own
    bytes += pdf.byteLength;
    for (const [k, b] of entries) {
      if (bytes <= MAX_BYTES) break;
      entries.delete(k);
      bytes -= b.byteLength;
    }
  }
  return pdf;
}

/** Empties the cache (its tests, which fill it with large documents; the bench, which times renderings). */
export function forgetCachedPdfs(): void {
  entries.clear();
  bytes = 0;
}
