// `npx inspectorate …`: rate a file without a database, or import into, rate from and export from
// the database (embedded PGlite in ./data by default, PostgreSQL with --database-url/DATABASE_URL).
import { Command, CommanderError, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import type { DatabaseHandle } from '../db/database.ts';
import { rateInspection } from '../domain/rating/engine.ts';
import { casesCompleteText } from '../domain/sign-off/provisional.ts';
import { diffFrameworks, type FrameworkDiff } from '../domain/framework/diff.ts';
import { frameworkDiffText } from '../presenters/framework-diff.ts';
import { ratingsTable } from '../presenters/ratings-table.ts';
import { bundledFramework, bundledFrameworkFiles, defaultFramework } from '../reference/frameworks.ts';
import { AppError } from '../services/errors.ts';
import { inspectionAuditEvents } from '../services/audit-trail.ts';
import { diffStoredFrameworks } from '../services/frameworks.ts';
import { currentChoice, frameworkChoices } from '../services/inspection-booking.ts';
import { allInspections } from '../services/inspection-list.ts';
import { createInspection, exportAssessments, importAssessments, rateStoredInspection } from '../services/inspections.ts';
import { formatProblem } from '../interchange/assessment-file.ts';
import { startFailureLine } from '../start-failure.ts';
import { actor, noteRunningCommand, withDatabase, type DbOptions } from './database.ts';
import { CliError, inputChunks, problemsText, readAssessmentFile, readInput } from './io.ts';
import { registerProgrammeCommands } from './programme.ts';
import { registerUserCommands } from './users.ts';
import { registerBackupCommands } from './backup.ts';
import { registerSfoCommands } from './sfo.ts';

const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const json = (value: unknown): void => print(JSON.stringify(value, null, 2));

const inspectionId = (value: string): number => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw new CliError(`--inspection takes an inspection id (a whole number), not "${value}"`, 2);
  return id;
};

/** `open`: a database already open (migrated, reference data loaded) for the commands to use instead of opening one. */
export function buildProgram(open?: DatabaseHandle): Command {
  const program = new Command('inspectorate')
    .description('Inspection frameworks, case assessments and ratings for HM Inspectorate of Probation.')
    .addOption(new Option('--database-url <url>', 'PostgreSQL server (default: the embedded database)').env('DATABASE_URL'))
    .addOption(new Option('--data-dir <dir>', 'folder of the embedded database').env('DATA_DIR').default('data'))
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (_program, command) => noteRunningCommand(command));
  const dbOptions = (): DbOptions => ({ ...program.opts<DbOptions>(), ...(open ? { open } : {}) });

  program
    .command('rate')
    .description('rate an assessment file (CSV or JSON) without a database and print the ratings')
    .argument('<file>', 'assessment file, or - for standard input (then give --format)')
    .option('--json', 'print the ratings and their explanations as JSON')
    .option('--explain', 'print each rating\'s explanation under the table')
    .option('--framework <id@version>', 'framework version the file was assessed under (default: the current PDU framework; e.g. hmip-youth@2021 for a youth justice service)', defaultFramework())
    .option('--format <format>', 'csv or json (default: from the file name)')
    .option('--strict', 'treat unanswered prompts as errors')
    .action((file: string, o: { json?: boolean; explain?: boolean; framework: string; format?: string; strict?: boolean }) => {
      const framework = bundledFrameworkOrFail(o.framework);
      const { assessment } = readAssessmentFile(framework, file, o);
      const ratings = rateInspection(framework, assessment);
      if (o.json) json(ratings);
      else print(ratingsTable(ratings, { explain: o.explain ?? false }));
    });

  program
    .command('validate')
    .description('check an assessment file and list every problem, without importing it')
    .argument('<file>')
    .option('--framework <id@version>', 'framework version', defaultFramework())
    .option('--format <format>', 'csv or json (default: from the file name)')
    .option('--strict', 'treat unanswered prompts as errors')
    .action((file: string, o: { framework: string; format?: string; strict?: boolean }) => {
      const { assessment } = readAssessmentFile(bundledFrameworkOrFail(o.framework), file, o);
      print(`${file}: valid: ${assessment.cases.length} cases, ${Object.keys(assessment.judgements).length} inspection-level judgements`);
    });

  program
    .command('frameworks')
    .description('list the framework versions shipped with Inspectorate')
    .action(() => {
      for (const { framework, path } of bundledFrameworkFiles())
        print(`${framework.key}\t${framework.definition.title}\t${framework.standards.length} standards, ${framework.items.filter((i) => i.kind !== 'key-question').length} prompts\t${path}`);
    });

  program
    .command('framework')
    .description('framework versions: what changed between two')
    .command('diff')
    .description('list the standards, key questions and prompts added, removed, renamed, reworded or moved between two framework versions, the rule changes, and which standards cannot be compared across them')
    .argument('<from>', 'older version, id@version (e.g. hmip-youth@2018)')
    .argument('<to>', 'newer version, id@version')
    .option('--json', 'as JSON')
    .option('--shipped', 'compare the framework files shipped with Inspectorate, without a database (default: the versions stored in the database)')
    .action((from: string, to: string, o: { json?: boolean; shipped?: boolean }) => {
      const show = (d: FrameworkDiff) => (o.json ? json(d) : print(frameworkDiffText(d)));
      if (o.shipped) return show(diffFrameworks(bundledFrameworkOrFail(from), bundledFrameworkOrFail(to)));
      return withDatabase(dbOptions(), async ({ db }) => show(await diffStoredFrameworks(db, from, to)));
    });

  program
    .command('inspections')
    .description('list the inspections in the database with their overall ratings')
    .option('--json', 'as JSON')
    .action((o: { json?: boolean }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const rows = await Promise.all(
          (await allInspections(db)).map(async (i) => {
            const { ratings, standing } = await rateStoredInspection(db, i.id);
            return { ...i, ...standing, overall: ratings.overall };
          }),
        );
        if (o.json) return json(rows);
        if (!rows.length) return print('No inspections yet. Create one with: inspectorate create-inspection --pdu NAME --fieldwork-start YYYY-MM-DD');
        for (const r of rows)
          print(`${r.id}\t${r.organisationName} (${r.regionName ?? '–'})\t${r.fieldworkStart}\t${r.frameworkId}@${r.frameworkVersion}\t${r.overall.rating ?? 'Not yet rated'}${r.provisional ? ` (provisional: ${casesCompleteText(r)})` : ''}${r.isDemo ? '\t[demonstration data]' : ''}`);
      }),
    );

  program
    .command('create-inspection')
    .description('create an inspection of a PDU or a youth justice service to import assessments into')
    .option('--pdu <name>', 'the PDU, by name (e.g. "Leeds")')
    .option('--youth-service <name>', 'the youth justice service, by name (e.g. "Leeds"), instead of a PDU')
    .requiredOption('--fieldwork-start <date>', 'first day of fieldwork, YYYY-MM-DD')
    .option('--fieldwork-end <date>', 'last day of fieldwork (default: four days later)')
    .option('--framework <id@version>', 'framework version (default: the current stored version for a PDU or a youth justice service, by the frameworks\' regime)')
    .option('--title <title>', 'title (default: the framework\'s, e.g. "Inspection of probation services: NAME PDU")')
    .action((o: { pdu?: string; youthService?: string; fieldworkStart: string; fieldworkEnd?: string; framework?: string; title?: string }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        if (!o.pdu === !o.youthService) throw new CliError('Give either --pdu NAME or --youth-service NAME', 2);
        const kind = o.youthService ? 'youth-service' : 'pdu';
        const frameworkKey = o.framework ?? currentChoice(await frameworkChoices(db), kind)?.key;
        if (!frameworkKey) throw new CliError(`No framework for ${kind === 'pdu' ? 'PDU' : 'youth justice service'} inspections is stored`, 1);
        const inspection = await createInspection(
          db,
          { pduName: (o.pdu ?? o.youthService)!, frameworkKey, fieldworkStart: o.fieldworkStart, ...(o.fieldworkEnd ? { fieldworkEnd: o.fieldworkEnd } : {}), ...(o.title ? { title: o.title } : {}) },
          actor(),
        );
        print(`Created inspection ${inspection.id}: ${inspection.title}, fieldwork ${inspection.fieldworkStart} to ${inspection.fieldworkEnd}`);
      }),
    );

  program
    .command('import')
    .description('replace an inspection\'s assessments with those in a file; a file with any error changes nothing')
    .argument('<file>')
    .requiredOption('--inspection <id>', 'inspection id', inspectionId)
    .option('--format <format>', 'csv or json (default: from the file name)')
    .option('--strict', 'treat unanswered prompts as errors')
    .action((file: string, o: { inspection: number; format?: string; strict?: boolean }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const format = (o.format ?? (file.endsWith('.json') ? 'json' : file.endsWith('.csv') ? 'csv' : undefined)) as 'csv' | 'json' | undefined;
        if (format !== 'csv' && format !== 'json') throw new CliError(`Cannot tell the format of ${file}: name it .csv or .json, or pass --format`, 2);
        try {
          // A CSV file is read as a stream, never whole (a 40,000-case file is about 80 MB).
          const source = format === 'csv' ? inputChunks(file) : { text: readInput(file) };
          const result = await importAssessments(db, { inspectionId: o.inspection, ...source, format, strict: o.strict ?? false }, actor());
          if (result.warnings.length) process.stderr.write(problemsText(file, 'warning', result.warnings) + '\n');
          print(`Imported ${result.cases} cases into inspection ${o.inspection}.`);
          print(ratingsTable(result.ratings));
        } catch (e) {
          if (e instanceof AppError && e.problems.length) throw new CliError(`${problemsText(file, 'error', e.problems)}\n${file}: ${e.message}.`);
          throw e;
        }
      }),
    );

  program
    .command('ratings')
    .description('rate an inspection from the database, by the rules of its framework version')
    .requiredOption('--inspection <id>', 'inspection id', inspectionId)
    .option('--json', 'as JSON, with explanations')
    .option('--explain', 'print each rating\'s explanation')
    .action((o: { inspection: number; json?: boolean; explain?: boolean }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const { inspection, ratings, standing } = await rateStoredInspection(db, o.inspection);
        if (o.json) return json({ ...standing, ...ratings });
        print(`${inspection.title} (${inspection.frameworkId}@${inspection.frameworkVersion})`);
        if (standing.provisional) print(`PROVISIONAL ratings: ${casesCompleteText(standing)}, not yet signed off`);
        print(ratingsTable(ratings, { explain: o.explain ?? false }));
      }),
    );

  program
    .command('export')
    .description('write an inspection\'s assessments in the import format')
    .requiredOption('--inspection <id>', 'inspection id', inspectionId)
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'json']).default('csv'))
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action((o: { inspection: number; format: 'csv' | 'json'; output?: string }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const text = await exportAssessments(db, o.inspection, o.format);
        if (o.output) {
          writeFileSync(o.output, text);
          process.stderr.write(`Wrote ${o.output}\n`);
        } else process.stdout.write(text);
      }),
    );

  program
    .command('audit')
    .description('list the audit trail of an inspection')
    .requiredOption('--inspection <id>', 'inspection id', inspectionId)
    .option('--json', 'as JSON')
    .action((o: { inspection: number; json?: boolean }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const events = await inspectionAuditEvents(db, o.inspection);
        if (o.json) return json(events);
        for (const e of events) print(`${e.at.toISOString()}\t${e.actor}\t${e.action}\t${JSON.stringify(e.after)}`);
      }),
    );

  registerProgrammeCommands(program, dbOptions);
  registerUserCommands(program, dbOptions);
  registerBackupCommands(program, dbOptions);
  registerSfoCommands(program, dbOptions);
  return program;
}

function bundledFrameworkOrFail(key: string) {
  try {
    return bundledFramework(key);
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
}

export async function runCli(argv: string[], open?: DatabaseHandle): Promise<number> {
  try {
    await buildProgram(open).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof CliError) {
      process.stderr.write(`${e.message}\n`);
      return e.exitCode;
    }
    const line = startFailureLine(e); // the data folder in use or unusable, the server unreachable
    if (line) {
      process.stderr.write(`${line}\n`);
      return 1;
    }
    if (e instanceof AppError) {
      process.stderr.write(`${e.message}\n${e.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
      return e.code === 'invalid' ? 1 : 2;
    }
    throw e;
  }
}
