#!/usr/bin/env node
// Bundles the compiled server and the compiled command line, each into one file: dist/main.js (the
// ~430 modules under it, with kysely, zod and hono: ~880 ES modules in all) into dist/server.js,
// which `npm start` runs (scripts/start.mjs), and dist/cli/main.js into dist/cli.js, which
// `npx inspectorate` runs when dist/ is up to date (bin/inspectorate.js). Node resolves, reads and
// links each ES module one at a time, ~1 s of a restart on a busy machine and of every command;
// one file takes a fraction of that. Other packages stay where they are (they read files beside
// themselves: PGlite's engine, or load on first use). dist/'s other modules (the tests, the
// maintenance entry points) are unchanged. Each module's import.meta.url still names its own file
// in dist/ (both bundles sit in dist/ itself), so what it reads beside itself (templates, reference
// files) is found as before.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
/** Pure-JavaScript packages of many small modules, taken into the bundle. */
const bundled = new Set(['kysely', 'zod', 'hono', '@hono/node-server']);
/**
 * Packages a start does not use, loaded on first use instead of before the server's code runs: the
 * bundle imports a stand-in whose functions load the package when called, whose constructors load it
 * to make the object, and whose classes load it for an instanceof check. It loads what the import
 * would have (the same file, resolved as an import: CommonJS or an ES module through require), so
 * the classes are the package's own. Only the names the code imports (a build fails on any other).
 * yaml: the framework files, parsed when they change or are uploaded (~0.03 s of a start's CPU);
 * csv-parse and csv-stringify: imports and exports (~0.02 s).
 */
const onFirstUse = {
  yaml: { functions: ['parse'], classes: ['YAMLParseError'] },
  'csv-parse': { constructors: ['Parser'] },
  'csv-parse/sync': { functions: ['parse'], classes: ['CsvError'] },
  'csv-stringify/sync': { functions: ['stringify'] },
};
const standIn = (name, { functions = [], constructors = [], classes = [] }) =>
  [
    "import { createRequire } from 'node:module';",
    "import { fileURLToPath } from 'node:url';",
    'let loaded;',
    `const load = () => (loaded ??= createRequire(import.meta.url)(fileURLToPath(import.meta.resolve(${JSON.stringify(name)}))));`,
    ...functions.map((f) => `export const ${f} = (...args) => load().${f}(...args);`),
    ...constructors.map((c) => `export function ${c}(...args) { return new (load().${c})(...args); }`),
    ...classes.map((c) => `export const ${c} = { [Symbol.hasInstance]: (value) => value instanceof load().${c} };`),
  ].join('\n');
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

// One build of both entry points (each bundle whole, sharing no chunk): dist/<name>.js for each.
await esbuild.build({
  entryPoints: { server: join(dist, 'main.js'), cli: join(dist, 'cli', 'main.js') },
  outdir: dist,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  plugins: [
    {
      name: 'inspectorate-dist',
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, ({ path }) =>
          Object.hasOwn(onFirstUse, path) ? { path, namespace: 'on-first-use' } : path.startsWith('node:') || !bundled.has(packageOf(path)) ? { external: true } : undefined,
        );
        build.onLoad({ filter: /.*/, namespace: 'on-first-use' }, ({ path }) => ({ contents: standIn(path, onFirstUse[path]), loader: 'js', resolveDir: dist }));
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
