#!/usr/bin/env node
// `npm start`: builds dist/ when it is missing or older than src/ (scripts/build.mjs), then runs the
// server from it in this same process (one Node start, not two): dist/server.js, dist/main.js and
// what it imports bundled in one file (scripts/bundle-server.mjs).
import { build, isStale } from './build.mjs';

if (isStale() && !build()) process.exit(1);
// The embedded database's engine read and compiled (on V8's background threads) while the server's
// code is evaluated, instead of after (src/db/pglite-engine.ts; the bundle shares this module). Not
// wanted with a PostgreSQL server; openDatabase reports any failure of it.
if (!process.env.DATABASE_URL) (await import('../dist/db/pglite-engine.js')).pgliteEngine().catch(() => undefined);
await import('../dist/server.js');
