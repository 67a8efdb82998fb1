// `npm start`: opens the database (embedded PGlite unless DATABASE_URL is set), migrates it, loads
// the reference data and the demonstration inspection, and serves the web app and API.
import { serve } from '@hono/node-server';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { createApp } from './http/app.ts';
import { listInspections } from './db/repositories/index.ts';
import { ensureDemoInspection } from './services/demo.ts';
import { createDemoNationalYears } from './services/demo-national.ts';
import { ensureDemoUsers, type DemoAccount } from './services/identity/demo-users.ts';
import { OidcClient } from './services/identity/oidc.ts';
import { loadReferenceData } from './services/reference-data.ts';
import { createSmsSender } from './adapters/sms/index.ts';
import { createSurveyMessaging } from './services/survey/messaging.ts';

const config = loadConfig();
const started = Date.now();
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.pgliteDir });
console.log(database.kind === 'pglite' ? `Embedded database (PGlite) in ${config.pgliteDir}` : 'PostgreSQL server from DATABASE_URL');
const reference = await loadReferenceData(database.db);
console.log(`Reference data: ${reference.regions} regions, ${reference.pdus} PDUs${reference.frameworksAdded.length ? `; frameworks added: ${reference.frameworksAdded.join(', ')}` : ''}`);
let demoAccounts: DemoAccount[] | undefined;
if (config.demoData) {
  const created = await ensureDemoInspection(database.db);
  if (created) {
    console.log(`Demonstration inspection ${created} created with generated cases`);
    // Two years of published demonstration inspections, so national reporting has something to show.
    const national = await createDemoNationalYears(database.db);
    console.log(`Demonstration: ${national.inspections} published inspections (${national.surveys} with survey replies)${national.annualReport ? ` and annual report ${national.annualReport}` : ''}`);
  }
  // Demonstration accounts have known passwords, so they exist only on the local embedded database.
  if (database.kind === 'pglite') {
    const demoId = created ?? (await listInspections(database.db)).find((i) => i.isDemo)?.id;
    demoAccounts = await ensureDemoUsers(database.db, demoId);
    console.log('Demonstration accounts (embedded database only):');
    for (const a of demoAccounts) console.log(`  ${a.displayName.padEnd(40)} ${a.email.padEnd(38)} ${a.password}`);
  }
}

const oidc = config.oidc && { client: new OidcClient(config.oidc), cookieSecret: config.oidc.cookieSecret };
if (oidc) console.log(`Single sign-on through ${config.oidc!.issuer}`);
// Survey texts: GOV.UK Notify when configured, else the local outbox file (nothing is sent).
const sms = createSurveyMessaging(database.db, { sender: createSmsSender(config.sms), ...(config.smsWebhookToken ? { webhookToken: config.smsWebhookToken } : {}) });
console.log(`Survey texts: ${sms.sender.label}${sms.sender.real ? '' : ` in ${config.sms.outboxDir}`}; inbound webhook ${config.smsWebhookToken ? 'on at POST /sms/inbound' : 'off (set SMS_WEBHOOK_TOKEN)'}`);
sms.dispatcher.kick(); // texts queued before a restart
const app = createApp({ db: database.db, sessionPolicy: config.session, secureCookies: config.secureCookies, ...(demoAccounts ? { demoAccounts } : {}), ...(oidc ? { oidc } : {}), sms });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
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
  await sms.dispatcher.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
