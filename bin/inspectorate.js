#!/usr/bin/env node
// `npx inspectorate …`: runs the command line compiled and bundled in one file, dist/cli.js
// (scripts/bundle-server.mjs), when dist/ is up to date with src/ (scripts/build.mjs's isStale, as
// `npm start` decides); else the TypeScript source through tsx, so no build step is needed and a
// stale build is never what runs. It does not build: a build rewrites dist/, which a running server
// may be loading from. The same runCli either way: the same output and exit codes.
import { cliEntry } from './cli-entry.js';

// A reader that stops early (`inspectorate inspections | head`) closes the pipe: the command
// still finishes what it does and exits as it would, the rest of its output dropped, instead of
// dying on EPIPE with a stack trace part-way through its work.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

const entry = cliEntry();
if (entry.tsx) (await import('tsx/esm/api')).register();
const { runCli } = await import(entry.url);
process.exitCode = await runCli(process.argv.slice(2));
