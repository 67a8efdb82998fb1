// Which code `npx inspectorate` runs (bin/inspectorate.js): the bundle built from dist/ while dist/
// is up to date with src/, else the TypeScript source through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isStale } from '../scripts/build.mjs';

const bundle = new URL('../dist/cli.js', import.meta.url);
const source = new URL('../src/cli/main.ts', import.meta.url);

/** The module exporting runCli, and whether it needs tsx to load. */
export const cliEntry = (stale = isStale() || !existsSync(fileURLToPath(bundle))) => (stale ? { url: source.href, tsx: true } : { url: bundle.href, tsx: false });
