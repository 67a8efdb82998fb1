// A package loaded on its first use instead of when the server starts: charts, PDFs and the like
// weigh seconds of start-up between them and most starts never draw one. Synchronous (require, which
// loads ES modules too from Node 20.19 and 22.12), so the code that draws stays synchronous.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
