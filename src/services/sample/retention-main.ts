// Maintenance entry point: deletes the case links whose retention period has ended. The server
// does this every hour (services/maintenance.ts); this runs it by hand, against the same database
// as `npm start` (on the embedded database, only while the server is stopped):
//
//   npx tsx src/services/sample/retention-main.ts                       delete what is due today
//   npx tsx src/services/sample/retention-main.ts --dry-run             list what is due, delete nothing
//   npx tsx src/services/sample/retention-main.ts --published 12=2026-11-30   record inspection 12's publication date first
//   options: --today YYYY-MM-DD, --retention-months N or --retention-days N (default 6 months),
//            --database-url URL (default DATABASE_URL, else the embedded database)
//
// Exit codes: 0 done, 1 refused (a bad date), 2 used wrongly.
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import type { RetentionPeriod } from '../../domain/sampling/pseudonymise.ts';
import { startFailureLine } from '../../start-failure.ts';
import { AppError } from '../errors.ts';
import { DEFAULT_LINK_RETENTION, deleteExpiredCaseLinks, publicationDateProblem, recordPublicationDate, todayProblem } from './retention.ts';
import { clock } from '../clock.ts';

const wholeNumber = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('give a whole number');
  return Number(value);
};
const publication = (value: string, previous: { inspectionId: number; date: string }[] = []) => {
  const m = /^(\d+)=(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (!m) throw new InvalidArgumentError('write INSPECTION_ID=YYYY-MM-DD, like 12=2026-11-30');
  return [...previous, { inspectionId: Number(m[1]), date: m[2]! }];
};

const program = new Command('retention')
  .description('Delete the links from case pseudonyms to the service\'s references once their retention period has ended')
  .option('--today <date>', 'the date to apply the rule on (YYYY-MM-DD)', clock.today())
  .option('--retention-months <n>', 'months the links are kept after publication', wholeNumber)
  .option('--retention-days <n>', 'days the links are kept after publication', wholeNumber)
  .option('--published <inspection=date>', 'record an inspection\'s publication date first (repeatable)', publication)
  .option('--dry-run', 'list the links due for deletion without deleting them')
  .option('--database-url <url>', 'a PostgreSQL server (default DATABASE_URL, else the embedded database)')
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
program.parse();
const options = program.opts<{ today: string; retentionMonths?: number; retentionDays?: number; published?: { inspectionId: number; date: string }[]; dryRun?: boolean; databaseUrl?: string }>();

if (options.retentionMonths !== undefined && options.retentionDays !== undefined) {
  console.error('Give --retention-months or --retention-days, not both');
  process.exit(2);
}
// Dates checked before the database is opened: a typing mistake is refused at once, and touches nothing.
const badDate = [todayProblem(options.today), ...(options.published ?? []).map((p) => publicationDateProblem(p.date))].filter((problem) => problem !== null);
if (badDate.length) {
  console.error(badDate.join('\n'));
  process.exit(1);
}
const retention: RetentionPeriod =
  options.retentionMonths !== undefined ? { months: options.retentionMonths } : options.retentionDays !== undefined ? { days: options.retentionDays } : DEFAULT_LINK_RETENTION;

const database = await (async () => {
  const config = loadConfig();
  const url = options.databaseUrl ?? config.databaseUrl;
  return openDatabase(url ? { url } : { dataDir: config.pgliteDir, holder: { kind: 'command', what: 'retention-main.ts' } });
})().catch((error: unknown) => {
  const line = startFailureLine(error); // a setting, or the data folder in use
  if (!line) throw error;
  console.error(line);
  process.exit(1);
});
let code = 0;
try {
  for (const p of options.published ?? []) {
    await recordPublicationDate(database.db, p.inspectionId, p.date, 'system:retention-cli');
    console.log(`Inspection ${p.inspectionId}: published on ${p.date}`);
  }
  const done = await deleteExpiredCaseLinks(database.db, { today: options.today, retention, actor: 'system:retention-cli', dryRun: options.dryRun ?? false });
  for (const d of done)
    console.log(`Inspection ${d.inspectionId}: ${d.links} link${d.links === 1 ? '' : 's'} ${options.dryRun ? 'due for deletion' : 'deleted'} (published ${d.publishedOn}; deletion due from ${d.deletionDate})`);
  if (!done.length) console.log(`No links are due for deletion on ${options.today}`);
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(error.message);
  code = 1;
} finally {
  await database.close();
}
process.exit(code);
