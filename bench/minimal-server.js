// The floor for `npm start`'s restart (bench/restart.ts): the smallest Hono server answering one
// page, started the same way (npm, then Node on plain JavaScript).
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/sign-in', (c) => c.html('<!doctype html><html lang="en"><title>Sign in</title><h1>Sign in</h1></html>'));
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
