// One digest of every file the project carries in reference/ (frameworks, organisations, calendar):
// when it matches the one stored at the last load, there is nothing new to load.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { referenceDir } from './reference-dir.ts';

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/** SHA-256 over each file's path (within reference/) and bytes, in name order; `salt` names the loader's own version. */
export function referenceFilesDigest(salt: string, dir = referenceDir): string {
  const hash = createHash('sha256').update(salt);
  for (const path of files(dir)) hash.update(`\0${relative(dir, path)}\0`).update(readFileSync(path));
  return hash.digest('hex');
}
