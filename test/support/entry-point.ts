// How the tests start one of the app's entry points as a real process: compiled in dist/ when the
// build is up to date with src/ (scripts/build.mjs's isStale, as `npm start` decides), a fraction of
// the CPU of tsx transpiling the app in every process; else the source through tsx, so a stale build
// is never what is tested.
const { isStale } = (await import(new URL('../../scripts/build.mjs', import.meta.url).href)) as { isStale: () => boolean };

/** Node's arguments to run `source` (a path under src/, from the project root). */
export function entryPointArgs(source: `src/${string}.ts`): string[] {
  return isStale() ? ['--import', 'tsx', source] : [`dist/${source.slice('src/'.length, -'.ts'.length)}.js`];
}
