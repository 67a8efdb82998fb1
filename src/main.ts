// `npm start`: opens the database (embedded PGlite unless DATABASE_URL is set), migrates it, loads
// the reference data and the demonstration inspection, and serves the web app and API.
import { serve } from '@hono/node-server';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { createApp } from './http/app.ts';
import { ensureDemoInspection } from './services/demo.ts';
import { loadReferenceData } from './services/reference-data.ts';

const config = loadConfig();
const started = Date.now();
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.pgliteDir });
console.log(database.kind === 'pglite' ? `Embedded database (PGlite) in ${config.pgliteDir}` : 'PostgreSQL server from DATABASE_URL');
const reference = await loadReferenceData(database.db);
console.log(`Reference data: ${reference.regions} regions, ${reference.pdus} PDUs${reference.frameworksAdded.length ? `; frameworks added: ${reference.frameworksAdded.join(', ')}` : ''}`);
if (config.demoData) {
  const demo = await ensureDemoInspection(database.db);
  if (demo) console.log(`Demonstration inspection ${demo} created with generated cases`);
}

const server = serve({ fetch: createApp({ db: database.db }).fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`Inspectorate is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}/ (ready in ${Date.now() - started} ms)`);
});

server.on('error', async (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${config.port} on ${config.host} is already in use: stop the other program or set PORT to another port.`
      : `The server could not start: ${error.message}`,
  );
  await database.close();
  process.exit(1);
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  server.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
