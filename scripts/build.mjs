#!/usr/bin/env node
// Compiles src/ into dist/ for `npm start` (plain JavaScript starts in a fraction of the time tsx
// takes to transpile at run time), and copies what the code reads beside itself (the page templates
// and the app's own CSS and script). Type-checking is `npm run typecheck`'s job: this only emits.
//   node scripts/build.mjs             always build
//   node scripts/build.mjs --if-stale  build only when dist/ is missing or older than src/, the tsconfigs or these scripts
//   ... --at-install                   as npm install's `prepare` runs it: a failed build is reported but fails
//                                      no install (`npm start` builds again and stops on the compiler's messages)
// Either way the first start's database (migrated, reference data: src/services/first-start-database.ts)
// is made again when what it depends on changed.
// `npm install` builds (package.json's `prepare`), so a fresh machine's first `npm start` begins
// serving at once; `npm start` (scripts/start.mjs) builds again in the same process whenever src/
// changed since.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { precompileTemplates } from './precompile-templates.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const stamp = join(dist, '.built'); // written last: a build cut short leaves dist stale, so the next start rebuilds

/** Every file under dir, with its path. */
function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const isTest = (path) => path.endsWith('.test.ts');
/** Besides src/: what else makes dist/ what it is (the build's own scripts too: a change to the bundling builds again). */
const alsoBuiltFrom = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/build.mjs', 'scripts/bundle-server.mjs', 'scripts/precompile-templates.mjs'];
const newestSource = () => Math.max(...[...files(src)].filter((p) => !isTest(p)).map((p) => statSync(p).mtimeMs), ...alsoBuiltFrom.map((f) => statSync(join(root, f)).mtimeMs));

/** dist/ is missing (or built before `npm start` ran a bundle), or older than a source file, a tsconfig or a build script. */
export const isStale = () => !existsSync(stamp) || !existsSync(join(dist, 'server.js')) || statSync(stamp).mtimeMs < newestSource();

/** Builds dist/ afresh; false (the compiler's messages printed) when it fails. */
export function build() {
  const started = Date.now();
  console.log('Building dist/ from src/ (once, and again whenever src/ changes)');
  rmSync(dist, { recursive: true, force: true }); // nothing left over from files since deleted
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('The build failed: see the messages above.');
    return false;
  }
  // Everything in src/ that is not TypeScript (templates, CSS, the browser script) sits beside the compiled code.
  for (const path of files(src)) if (!path.endsWith('.ts')) cpSync(path, join(dist, relative(src, path)));
  // The pages' templates compiled once here, not on a start's first page: the search paths of src/presenters/templates.ts.
  const packageDir = (name) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  precompileTemplates([join(dist, 'http', 'views'), join(packageDir('govuk-frontend'), 'dist'), packageDir('@ministryofjustice/frontend')], join(dist, 'presenters', 'templates-precompiled.cjs'));
  // `npm start` runs the server from one bundled file (scripts/bundle-server.mjs): ~880 ES modules are ~1 s of a restart.
  if (spawnSync(process.execPath, [join(root, 'scripts', 'bundle-server.mjs')], { stdio: 'inherit' }).status !== 0) {
    console.error('Bundling the server failed: see the messages above.');
    return false;
  }
  if (!firstStartDump()) return false;
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/**
 * The first start's database (src/services/first-start-database.ts): migrated, with the reference
 * data, made from the compiled code only when the migrations, reference files or PGlite changed.
 */
function firstStartDump() {
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(join(dist, 'services', 'first-start-database.js')).href)}); if ((await m.ensureFirstStartDump()) === 'made') console.log('Made the first start database (migrated, reference data) in node_modules/.cache/inspectorate');`],
    { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'silent' } },
  );
  if (run.status !== 0) console.error('Making the first start database failed: see the messages above.');
  return run.status === 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let ok;
  if (!process.argv.includes('--if-stale') || isStale()) ok = build();
  else ok = firstStartDump(); // dist/ is current: the first start's database may still need making
  if (!ok && process.argv.includes('--at-install')) console.error('The build failed (see above); the install goes on, and `npm start` will build again.');
  else process.exitCode = ok ? 0 : 1;
}
