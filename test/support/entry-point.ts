// How the tests start one of the app's entry points as a real process: compiled in dist/ when the
// build is up to date with src/ (scripts/build.mjs's isStale, as `npm start` decides), a fraction of
// the CPU of tsx transpiling the app in every process; else the source through tsx, so a stale build
// is never what is tested.
const { isStale } = (await import(new URL('../../scripts/build.mjs', import.meta.url).href)) as { isStale: () => boolean };

/** Node's arguments to run `source` (a path under src/, from the project root). */
export function entryPointArgs(source: `src/${string}.ts`): string[] {
  return isStale() ? ['--import', 'tsx', source] : [`dist/${source.slice('src/'.length, -'.ts'.length)}.js`];
}

/**
 * Node's arguments to run `npm start` as it runs: scripts/start.mjs, which runs the bundle
 * dist/server.js (~0.6 s of CPU to a refusal, against ~1.3 s for dist/main.js's ~430 modules), when
 * the build is up to date; else src/main.ts through tsx (start.mjs would build).
 */
export function npmStartArgs(): string[] {
  return isStale() ? ['--import', 'tsx', 'src/main.ts'] : ['scripts/start.mjs'];
}
