// `inspectorate sfo …`: quality assurance of Serious Further Offence reviews.
//
//   inspectorate sfo sample FILE --seed N [--share 0.2] [--from DATE] [--to DATE] [--json]   (no database)
//   inspectorate sfo import FILE                                                            (the register)
//   inspectorate sfo framework show [FILE] [--json]                                         (no database)
//   inspectorate sfo framework load FILE [--check]
import { Command, InvalidArgumentError } from 'commander';
import { provenanceLabel, type SfoFramework } from '../domain/sfo/framework.ts';
import type { SfoReview } from '../domain/sfo/register.ts';
import { drawSample, MAX_SEED, type DrawnSample } from '../domain/sfo/sample.ts';
import { parseRegisterCsv, parseRegisterXlsx, registerFormatFromFileName, type RegisterFormat } from '../interchange/sfo/register-file.ts';
import { loadRegions } from '../reference/organisations.ts';
import { bundledSfoFramework } from '../reference/sfo-frameworks.ts';
import { AppError } from '../services/errors.ts';
import { checkSfoFrameworkText, loadSfoFramework } from '../services/sfo/frameworks.ts';
import { importRegister } from '../services/sfo/register.ts';
import { actor, withDatabase, type DbOptions } from './database.ts';
import { CliError, problemsText, readBytes, readInput } from './io.ts';

const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

const share = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('the share is a number more than 0 and at most 1, e.g. 0.2');
  return n;
};
const seed = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > MAX_SEED) throw new InvalidArgumentError(`the seed is a whole number from 0 to ${MAX_SEED}`);
  return n;
};
const date = (value: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
    throw new InvalidArgumentError('a date is written YYYY-MM-DD');
  return value;
};

function formatOf(file: string): RegisterFormat {
  const format = registerFormatFromFileName(file);
  if (!format) throw new CliError(`Cannot tell the format of ${file}: name it .csv or .xlsx`, 2);
  return format;
}

/** Reads and checks a register file with no database: the reviews, or a CliError with every problem by row and column. */
async function readRegister(file: string): Promise<SfoReview[]> {
  const regions = loadRegions().regions.map((r) => r.name);
  const result = formatOf(file) === 'csv' ? parseRegisterCsv(readInput(file), regions) : await parseRegisterXlsx(readBytes(file), regions);
  if (result.warnings.length) process.stderr.write(problemsText(file, 'warning', result.warnings) + '\n');
  if (!result.ok) throw new CliError(`${problemsText(file, 'error', result.errors)}\n${file}: refused with ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}.`);
  return result.reviews;
}

function sampleTable(sample: DrawnSample, o: { share: number; seed: number }): string {
  const rows = Object.entries(sample.byRegion).map(([region, c]) => [region, String(c.submitted), String(c.selected)]);
  const total = Object.values(sample.byRegion).reduce((t, c) => ({ submitted: t.submitted + c.submitted, selected: t.selected + c.selected }), { submitted: 0, selected: 0 });
  rows.push(['All regions', String(total.submitted), String(total.selected)]);
  const width = Math.max(6, ...rows.map((r) => r[0]!.length));
  const line = (r: string[]) => `${r[0]!.padEnd(width)}  ${r[1]!.padStart(9)}  ${r[2]!.padStart(8)}`;
  return [
    line(['Region', 'Submitted', 'Selected']),
    ...rows.slice(0, -1).map(line),
    line(rows.at(-1)!),
    '',
    `Selected (${sample.selected.length}): ${sample.selected.join(', ')}`,
    `Share ${o.share}, seed ${o.seed}: each region's share rounded half up, at least one; the same file and seed always give the same selection.`,
  ].join('\n');
}

function frameworkText(f: SfoFramework): string {
  const mark = (p: Parameters<typeof provenanceLabel>[1]) => `[${provenanceLabel(f, p)}]`;
  const lines = [`${f.definition.title} (${f.key})`, `Rating scale, best first: ${f.ratings.join(', ')}`, ''];
  for (const s of f.standards) {
    lines.push(`Standard ${s.id}: ${s.name.text} ${mark(s.name.provenance)}`);
    for (const a of s.aims) lines.push(`  aim: "${a.text}" ${mark(a.provenance)}`);
    for (const q of s.keyQuestions) lines.push(`  ${q.id} ${q.text} ${mark(q.provenance)}`);
  }
  lines.push('', `Overall: ${f.definition.overall.description.text} ${mark(f.definition.overall.description.provenance)}`, 'The overall rating is the inspector\'s judgement; these rules flag one for a second look:');
  for (const r of f.definition.overall.consistencyRules) lines.push(`  ${r.id} ${mark(r.provenance)}`);
  return lines.join('\n');
}

export function registerSfoCommands(program: Command, dbOptions: () => DbOptions): void {
  const sfo = program.command('sfo').description('quality assurance of Serious Further Offence (SFO) reviews');

  sfo
    .command('sample')
    .description('draw the reproducible sample from a register file (CSV or XLSX) without a database: each region\'s share rounded half up, at least one')
    .argument('<file>', 'register of reviews: review_ref, region, pdu, offence_category, notified_date, submitted_date, extension, author_role')
    .requiredOption('--seed <n>', `seed, a whole number from 0 to ${MAX_SEED}: the same file and seed give the same sample`, seed)
    .option('--share <share>', 'share of each region\'s submitted reviews (default: the framework\'s, 0.2)', share)
    .option('--from <date>', 'first day of submission in the period, YYYY-MM-DD', date)
    .option('--to <date>', 'last day of submission in the period, YYYY-MM-DD', date)
    .option('--json', 'print { selected, byRegion } as JSON')
    .action(async (file: string, o: { seed: number; share?: number; from?: string; to?: string; json?: boolean }) => {
      if (o.from && o.to && o.to < o.from) throw new CliError('--to: the period ends before it starts', 2);
      const reviews = await readRegister(file);
      const rule = { share: o.share ?? bundledSfoFramework().definition.sample.share, seed: o.seed };
      const sample = drawSample(reviews, rule, { ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) });
      if (!sample.selected.length) throw new CliError(`${file}: no review was submitted in the period, so there is nothing to sample`);
      print(o.json ? JSON.stringify({ selected: sample.selected, byRegion: sample.byRegion }, null, 2) : sampleTable(sample, rule));
    });

  sfo
    .command('import')
    .description('add a register file (CSV or XLSX) of reviews to the database; a file with any problem, or naming a review already registered, changes nothing')
    .argument('<file>')
    .action((file: string) => {
      const format = formatOf(file);
      const content = format === 'csv' ? readInput(file) : readBytes(file);
      return withDatabase(dbOptions(), async ({ db }) => {
        try {
          const result = await importRegister(db, { fileName: file, format, content }, actor());
          if (result.warnings.length) process.stderr.write(problemsText(file, 'warning', result.warnings) + '\n');
          print(`Imported ${result.imported} review${result.imported === 1 ? '' : 's'} into the register.`);
        } catch (e) {
          if (e instanceof AppError && e.problems.length) throw new CliError(`${problemsText(file, 'error', e.problems)}\n${e.message}.`);
          throw e;
        }
      });
    });

  const framework = sfo.command('framework').description('the SFO review framework: its standards, key questions and rules, each text marked verbatim or to be confirmed');
  framework
    .command('show')
    .description('print a framework file (default: the shipped one) with the provenance of every text')
    .argument('[file]')
    .option('--json', 'the checked definition as JSON')
    .action((file: string | undefined, o: { json?: boolean }) => {
      const f = file ? checkedFile(file) : bundledSfoFramework();
      print(o.json ? JSON.stringify(f.definition, null, 2) : frameworkText(f));
    });
  framework
    .command('load')
    .description('check a framework file fully and store it as a new version (a stored version never changes)')
    .argument('<file>')
    .option('--check', 'only check the file; store nothing')
    .action((file: string, o: { check?: boolean }) => {
      const f = checkedFile(file);
      if (o.check) return print(`${file}: valid: ${f.key}, ${f.standards.length} standards, ${f.standards.reduce((n, s) => n + s.keyQuestions.length, 0)} key questions, ${f.definition.overall.consistencyRules.length} consistency rules.`);
      const text = readInput(file);
      return withDatabase(dbOptions(), async ({ db }) => {
        const { key, outcome } = await loadSfoFramework(db, text, file, actor());
        print(outcome === 'created' ? `Loaded ${key} as a new version.` : `${key} is already stored with this text; nothing changed.`);
      });
    });
}

function checkedFile(file: string): SfoFramework {
  try {
    return checkSfoFrameworkText(readInput(file), file);
  } catch (e) {
    if (e instanceof AppError) throw new CliError(`${e.problems.map((p) => `${file}: error: ${p.path}: ${p.message}`).join('\n')}\n${e.message}.`);
    throw e;
  }
}

