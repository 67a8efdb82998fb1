// `npm start`: takes the port first (so a port in use is said before any slow work), opens the
// database (embedded PGlite unless DATABASE_URL is set, locked to this process) and migrates it,
// loads the reference data and the demonstration inspection, and serves the web app and API. A
// start that fails says why in one line (start-failure.ts).
import { serve } from '@hono/node-server';
import { isLoopbackHost, loadConfig, type Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { createApp } from './http/app.ts';
import { answerWhileStarting } from './http/starting.ts';
import { beginDemoData, DEMO_STAGES, type DemoStart } from './services/demo-data.ts';
import { startDemoLoading, type DemoLoading } from './services/demo-loading.ts';
import { firstStartOptions } from './services/first-start-database.ts';
import { disableDemoAccounts } from './services/identity/demo-accounts-off.ts';
import type { DemoAccount } from './services/identity/demo-users.ts';
import { startMaintenance } from './services/maintenance.ts';
import { loadReferenceData } from './services/reference-data.ts';
import { createServices } from './wiring.ts';
import { logger } from './observability/logger.ts';
import { StartFailure, startFailureLine } from './start-failure.ts';

function exitWith(error: unknown): never {
  console.error(startFailureLine(error) ?? error);
  process.exit(1);
}

const config = ((): Config => {
  try {
    return loadConfig();
  } catch (error) {
    return exitWith(error);
  }
})();
const started = Date.now();

// Until the app is ready every request is answered 503 (/health: alive, starting), so a probe can tell the server is starting.
let handle: (request: Request, env: unknown) => Response | Promise<Response> = answerWhileStarting;
const server = serve({ fetch: (request, env) => handle(request, env), port: config.port, hostname: config.host });
await new Promise<void>((listening) => {
  server.once('listening', listening);
  server.once('error', (error: NodeJS.ErrnoException) =>
    exitWith(
      error.code === 'EADDRINUSE'
        ? new StartFailure(`Port ${config.port} on ${config.host} is already in use: stop the other program or set PORT to another port.`)
        : error.code === 'EACCES'
          ? new StartFailure(`Port ${config.port} on ${config.host} needs privileges this user does not have: set PORT to 1024 or above.`)
          : new StartFailure(`The server cannot listen on ${config.host}:${config.port}: ${error.message}`),
    ),
  );
});
server.on('error', (error) => logger.error({ err: error }, 'HTTP server error'));

let database: DatabaseHandle | undefined;
async function prepare(): Promise<{ database: DatabaseHandle; demoAccounts?: DemoAccount[]; demoLoading?: DemoLoading }> {
  // An empty data folder begins from the build's dump (migrated, reference data): initdb and every migration once, not on every first start.
  const open = firstStartOptions(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.pgliteDir, holder: { kind: 'server', what: 'npm start' } });
  database = await openDatabase(open);
  console.log(database.kind === 'pglite' ? `Embedded database (PGlite) in ${config.pgliteDir}${open.loadDataDir ? ' (new: begun from the build\'s migrated database)' : ''}` : 'PostgreSQL server from DATABASE_URL');
  const reference = await loadReferenceData(database.db);
  console.log(`Reference data: ${reference.regions} regions, ${reference.pdus} PDUs, ${reference.youthServices} youth justice services${reference.unchanged ? ' (files unchanged since the last start)' : ''}${reference.frameworksAdded.length ? `; frameworks added: ${reference.frameworksAdded.join(', ')}` : ''}`);
  let demoAccounts: DemoAccount[] | undefined;
  let demo: DemoStart | undefined;
  if (config.demoData) {
    // Demonstration accounts have known passwords, so they exist only on the local embedded database
    // (and config.ts refuses DEMO_DATA=on there with a HOST beyond this machine).
    // Inspection 1 and the accounts before the server answers; the other parts after it (demo-loading.ts).
    demo = await beginDemoData(database.db, { accounts: database.kind === 'pglite' });
    for (const line of demo.made) console.log(line);
    if (demo.accounts) {
      demoAccounts = demo.accounts;
      console.log('Demonstration accounts (embedded database only):');
      for (const a of demoAccounts) console.log(`  ${a.displayName.padEnd(40)} ${a.email.padEnd(38)} ${a.password}`);
    }
  }
  if (database.kind === 'pglite' && !isLoopbackHost(config.host)) {
    const disabled = await disableDemoAccounts(database.db);
    if (disabled) console.log(`Demonstration accounts disabled (${disabled}): HOST=${config.host} serves beyond this machine and their passwords are published`);
  }
  if (!demo?.later.length) return { database, ...(demoAccounts ? { demoAccounts } : {}) };
  console.log(`Demonstration data: ${demo.later.length} of its ${DEMO_STAGES.length} parts load after the server answers: ${demo.later.map((s) => s.title).join('; ')}`);
  const log = { made: (line: string) => console.log(line), failed: (error: unknown, line: string) => logger.error({ err: error }, line) };
  return { database, ...(demoAccounts ? { demoAccounts } : {}), demoLoading: startDemoLoading(database.db, demo.later, { total: DEMO_STAGES.length, context: demo.context, log }) };
}

const ready = await prepare().catch(async (error: unknown) => {
  server.close();
  await database?.close().catch(() => undefined);
  return exitWith(error);
});
const db = ready.database.db;
// The providers chosen from the configuration, in one place (wiring.ts): survey texts and the
// embargoed copy's emails through GOV.UK Notify when configured, else the local outbox files
// (nothing is sent); single sign-on when configured.
const { sms, mail, oidc } = createServices(db, config);
if (oidc) console.log(`Single sign-on through ${oidc.client.settings.issuer}`);
console.log(`Survey texts: ${sms.sender.label}${sms.sender.real ? '' : ` in ${config.sms.outboxDir}`}; inbound webhook ${config.smsWebhookToken ? 'on at POST /sms/inbound' : 'off (set SMS_WEBHOOK_TOKEN)'}`);
console.log(`Embargoed copies: ${mail.sender.label}${mail.sender.real ? '' : ` in ${config.email.outboxDir}`}; links to ${config.serviceUrl}`);
const app = createApp({ db, sessionPolicy: config.session, secureCookies: config.secureCookies, ...(ready.demoAccounts ? { demoAccounts: ready.demoAccounts } : {}), ...(ready.demoLoading ? { demoLoading: ready.demoLoading } : {}), ...(oidc ? { oidc } : {}), sms, mail });
handle = (request, env) => app.fetch(request, env);
// Texts and emails queued before a restart, and the housekeeping (expired sessions, case links past
// their retention; then every hour), a moment after the app is ready: the embedded database runs on
// this one thread, and the first pages need not wait behind them (~0.15 s of a restart). The
// demonstration data's later parts do not wait: on a first start they are what the pages show.
const AFTER_START_MS = 2000;
setTimeout(() => {
  sms.dispatcher.kick();
  mail.dispatcher.kick();
}, AFTER_START_MS).unref();
const maintenance = startMaintenance(db, { log: logger, policy: config.session, firstRoundAfterMs: AFTER_START_MS });
console.log(`Inspectorate is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/ (ready in ${Date.now() - started} ms)`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  server.close();
  await ready.demoLoading?.stop(); // the part being made rolls back: made at the next start
  await maintenance.stop();
  await sms.dispatcher.stop();
  await mail.dispatcher.stop();
  await ready.database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
