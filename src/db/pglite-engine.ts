// PGlite's engine read and compiled ahead of opening a database: its WebAssembly (~9 MB, compiled
// by V8 on its background threads) and its file bundle (~6 MB, Postgres's share/ folder). PGlite
// reads and compiles them itself when it opens, while the process waits; `npm start` begins this
// before the rest of the server's code is evaluated (src/main.ts), so the compiling runs on the
// other core meanwhile, and openDatabase (database.ts) takes the result. Once a process: the
// tests' and the command line's later opens reuse the compiled module.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface PGliteEngine {
  pgliteWasmModule: WebAssembly.Module;
  fsBundle: Blob;
}

/** The file bundle, whose arrayBuffer() (PGlite's only read of it) is a copy of the bytes read once (PGlite may keep views of it). */
class BundleBlob extends Blob {
  readonly #bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    super([]);
    this.#bytes = bytes;
    Object.defineProperty(this, 'size', { value: bytes.byteLength });
  }
  override slice(): Blob {
    throw new Error('the PGlite file bundle is read whole, by arrayBuffer()');
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    throw new Error('the PGlite file bundle is read whole, by arrayBuffer()');
  }
  override text(): Promise<string> {
    throw new Error('the PGlite file bundle is read whole, by arrayBuffer()');
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new Uint8Array(this.#bytes).buffer);
  }
}

let engine: Promise<PGliteEngine> | undefined;

/** Starts reading and compiling the engine (once a process); resolves to the options PGlite.create takes them in. */
export function pgliteEngine(): Promise<PGliteEngine> {
  return (engine ??= (async () => {
    // The package exports neither file: they sit beside its entry point, where PGlite itself reads them.
    const dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const [wasm, bundle] = await Promise.all([readFile(join(dir, 'pglite.wasm')).then((bytes) => WebAssembly.compile(bytes)), readFile(join(dir, 'pglite.data'))]);
    return { pgliteWasmModule: wasm, fsBundle: new BundleBlob(bundle) };
  })());
}
