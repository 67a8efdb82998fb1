#!/usr/bin/env node
// `npm start`: builds dist/ when it is missing or older than src/ (scripts/build.mjs), then runs the
// server from it in this same process (one Node start, not two): dist/server.js, dist/main.js and
// what it imports bundled in one file (scripts/bundle-server.mjs).
import { build, isStale } from './build.mjs';

if (isStale() && !build()) process.exit(1);
await import('../dist/server.js');
