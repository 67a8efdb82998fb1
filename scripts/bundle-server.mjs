#!/usr/bin/env node
// Bundles the compiled server (dist/main.js and the ~430 modules under it, with kysely, zod and hono:
// ~880 ES modules in all) into one file, dist/server.js, which `npm start` runs (scripts/start.mjs):
// Node resolves, reads and links each ES module one at a time, ~1 s of a restart on a busy machine;
// one file takes a fraction of that. Other packages stay where they are (they read files beside
// themselves: PGlite's engine, or load on first use). dist/'s other modules (the CLI, the tests) are
// unchanged. Each module's import.meta.url still names its own file in dist/, so what it reads
// beside itself (templates, reference files) is found as before.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
/** Pure-JavaScript packages of many small modules, taken into the bundle. */
const bundled = new Set(['kysely', 'zod', 'hono', '@hono/node-server']);
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

await esbuild.build({
  entryPoints: [join(dist, 'main.js')],
  outfile: join(dist, 'server.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  plugins: [
    {
      name: 'inspectorate-server',
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, ({ path }) => (path.startsWith('node:') || !bundled.has(packageOf(path)) ? { external: true } : undefined));
        // Left a module of its own, shared with scripts/start.mjs, which begins its work before this bundle is evaluated.
        build.onResolve({ filter: /\/pglite-engine\.js$/ }, () => ({ path: './db/pglite-engine.js', external: true }));
        build.onLoad({ filter: /\.js$/ }, ({ path }) => {
          if (relative(dist, path).startsWith('..')) return undefined; // a bundled package's own module
          const source = readFileSync(path, 'utf8');
          const own = `new URL(${JSON.stringify(`./${relative(dist, path).split(sep).join('/')}`)}, import.meta.url).href`;
          return { contents: source.replaceAll('import.meta.url', own), loader: 'js' };
        });
      },
    },
  ],
});
