// `inspectorate programme …`: plan a PDU cycle, select the year's youth justice services, rank
// thematic and research topics from a file, and write the consultation as HTML or PDF; and the
// registry of services (programme-registry.ts): list it, show a service, record, correct and
// withdraw inspection results, rename a service.
//
//   inspectorate programme plan --start 2027-04-05 --years 3 --teams 3 --capacity 30 [--json] [--save]
//   inspectorate programme youth --seed 2027 [--as-of 2027-04-01] [--targeted 10] [--random 5] [--json] [--save]
//   inspectorate programme topics FILE [--fieldwork 5] [--desktop 1] [--research 2] [--json]
//   inspectorate programme consultation --year 2027/28 --format html|pdf -o FILE
//   inspectorate programme services [--region NAME | --youth] [--json]
//   inspectorate programme service ID|NAME [--pdu|--youth] [--json]
//   inspectorate programme record-result SERVICE --published DATE --rating RATING [--fieldwork DATE] [--url URL] [--source TEXT] [--inspection ID]
//   inspectorate programme correct-result SERVICE RESULT-ID [--published …] [--rating …] [--fieldwork …] [--url …] [--source …] [--inspection …]
//   inspectorate programme withdraw-result SERVICE RESULT-ID --reason TEXT
//   inspectorate programme rename SERVICE --name NAME --from DATE [--note TEXT]
//   inspectorate programme cancel-rename SERVICE
import { Command, Option } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/database.ts';
import type { ProgrammeYear } from '../db/repositories/index.ts';
import { DEFAULT_BLACKOUTS } from '../domain/programme/calendar.ts';
import type { CyclePlan } from '../domain/programme/cycle-types.ts';
import { ProgrammeInputError } from '../domain/programme/cycle-context.ts';
import { planTopics, RESEARCH_CRITERIA, THEMATIC_CRITERIA, type CandidateTopic, type CriterionScore, type SlotKind } from '../domain/programme/thematic-topics.ts';
import type { YouthSelection } from '../domain/programme/youth-selection.ts';
import { render } from '../presenters/templates.ts';
import { AppError } from '../services/errors.ts';
import { clock } from '../services/clock.ts';
import { consultationDocument } from '../services/programme/consultation.ts';
import { consultationPdf } from '../reports/consultation-pdf.ts';
import { createCycle, prepareCycle } from '../services/programme/cycles.ts';
import { ProgrammeFieldError } from '../services/programme/errors.ts';
import { listYears, yearLabelled } from '../services/programme/years.ts';
import { makeYouthSelection, previewYouthSelection } from '../services/programme/youth.ts';
import { actor, withDatabase as withOpenDatabase, type DbOptions } from './database.ts';
import { CliError, readInput } from './io.ts';
import { registerRegistryCommands } from './programme-registry.ts';

export type { DbOptions } from './database.ts';

export { actor };
export const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
export const json = (value: unknown): void => print(JSON.stringify(value, null, 2));
const OPTION_OF: Record<string, string> = {
  returnWindowFrom: '--return-window',
  returnWindowTo: '--return-window',
  excludeNonGeographic: '--include-non-geographic',
  minimumWeeksBetween: '--minimum-weeks-between',
  // The registry's inspection results and renames (programme-registry.ts).
  overallRating: '--rating',
  inspectionId: '--inspection',
  effectiveFrom: '--from',
};
const kebab = (field: string) => OPTION_OF[field] ?? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The command line's withDatabase, with the services' refusals named by the options that carry them. */
export async function withDatabase<T>(options: DbOptions, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  try {
    return await withOpenDatabase(options, fn);
  } catch (e) {
    throw asCliError(e);
  }
}

/** Field problems named by the option that carries them. */
function asCliError(e: unknown, optionOf: (field: string) => string = kebab): unknown {
  if (e instanceof ProgrammeFieldError) return new CliError(e.fields.map((f) => `${optionOf(f.field)}: ${f.message}`).join('\n'));
  if (e instanceof ProgrammeInputError) return new CliError(e.message);
  return e;
}

const pad = (s: string, n: number) => s.padEnd(n);

export function planText(plan: CyclePlan, options: { bookings: boolean }): string {
  const lines: string[] = [];
  lines.push('Year  Dates                     Weeks open  Capacity  Cycle  Returns  Fact-finding');
  for (const y of plan.years)
    lines.push(
      `${pad(String(y.year), 6)}${pad(`${y.start} to ${y.end}`, 26)}${pad(`${y.weeksAvailable} of ${y.weeks}`, 12)}${pad(String(y.capacity), 10)}${pad(String(y.inspections), 7)}${pad(String(y.returnInspections), 9)}${y.factFindingWeeks}`,
    );
  lines.push('');
  if (plan.unmet.length) {
    lines.push(`${plan.unmet.length} planning rule${plan.unmet.length === 1 ? ' is' : 's are'} not met:`);
    for (const u of plan.unmet) lines.push(`  ${u.rule}: ${u.detail}`, `    what would fix it: ${u.suggestion}`);
  } else lines.push('Every planning rule is met.');
  if (plan.notes.length) {
    lines.push('', 'Notes:');
    for (const n of plan.notes) lines.push(`  ${n}`);
  }
  if (options.bookings) {
    lines.push('', 'Week        Team        Kind               PDU or region');
    for (const b of plan.bookings)
      lines.push(`${pad(b.week, 12)}${pad(b.team ?? '(no team)', 12)}${pad(b.kind, 19)}${b.pdu ?? b.region}${b.pinned ? ' [pinned]' : ''}${b.beyondCapacity ? ' [beyond capacity]' : ''}`);
  }
  return lines.join('\n');
}

function selectionText(result: YouthSelection, seed: number): string {
  const lines = [`${result.selected.length} youth justice services selected (seed ${seed}):`];
  for (const [i, s] of result.selected.entries())
    lines.push(`${pad(String(i + 1), 4)}${pad(s.service, 40)}${pad(s.score.toFixed(1), 7)}${s.reasons.map((r) => r.kind).join(', ')}`);
  if (result.notYetDue.length) {
    lines.push('', 'Rated Inadequate, re-inspection not yet due:');
    for (const n of result.notYetDue) lines.push(`  ${n.service}: due from ${n.dueFrom}`);
  }
  if (result.notes.length) lines.push('', 'Notes:', ...result.notes.map((n) => `  ${n}`));
  return lines.join('\n');
}

const SLOTS = ['fieldwork', 'desktop', 'research'] as const;
const CRITERIA = new Map([...THEMATIC_CRITERIA, ...RESEARCH_CRITERIA].map((c) => [c.id, c]));

const TopicRow = z.object({
  id: z.string().trim().optional(),
  title: z.string({ message: 'title is missing' }).trim().min(1, 'title is missing'),
  kind: z.enum(SLOTS, { message: 'kind must be fieldwork, desktop or research' }),
  size: z.coerce.number({ message: 'size must be a whole number, 1 or more' }).int('size must be a whole number, 1 or more').min(1, 'size must be a whole number, 1 or more').optional(),
  committed: z.union([z.boolean(), z.enum(['yes', 'no', 'true', 'false', ''])]).optional(),
  jointWith: z.union([z.string(), z.array(z.string())]).optional(),
  scores: z.record(z.string(), z.union([z.number(), z.string()])).optional().default({}),
});

/**
 * Reads a topics file: JSON ({ resource?, topics: [{ title, kind, size?, committed?, jointWith?, scores }] })
 * or CSV (title,kind,size,committed,joint_with, then a column per criterion id). Every problem is
 * listed by topic and field; nothing is ranked until the file is right.
 */
export function readTopicsFile(path: string): { topics: CandidateTopic[]; resource: Partial<Record<SlotKind, number>> } {
  const text = readInput(path);
  let rows: { where: string; row: unknown }[];
  let resource: Partial<Record<SlotKind, number>> = {};
  if (path.endsWith('.csv')) {
    let records: Record<string, string>[];
    try {
      records = parseCsv<Record<string, string>>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    } catch (e) {
      throw new CliError(`${path}: not valid CSV: ${(e as Error).message}`);
    }
    rows = records.map((r, i) => {
      const scores: Record<string, string> = {};
      for (const [k, v] of Object.entries(r)) if (CRITERIA.has(k) && v !== '') scores[k] = v;
      const unknown = Object.keys(r).filter((k) => !CRITERIA.has(k) && !['id', 'title', 'kind', 'size', 'committed', 'joint_with'].includes(k));
      if (unknown.length && i === 0) throw new CliError(`${path}: unknown column${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}; criterion columns are ${[...CRITERIA.keys()].join(', ')}`);
      return { where: `row ${i + 2}`, row: { id: r.id || undefined, title: r.title, kind: r.kind, size: r.size || undefined, committed: r.committed, jointWith: r.joint_with || undefined, scores } };
    });
  } else {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new CliError(`${path}: not valid JSON: ${(e as Error).message}`);
    }
    const file = z.object({ resource: z.record(z.string(), z.number()).optional(), topics: z.array(z.unknown()) }).safeParse(data);
    if (!file.success) throw new CliError(`${path}: expected { "resource": { "fieldwork": 5, … }, "topics": [ … ] }`);
    resource = (file.data.resource ?? {});
    rows = file.data.topics.map((row, i) => ({ where: `topics[${i}]`, row }));
  }
  const problems: string[] = [];
  const topics: CandidateTopic[] = [];
  for (const [i, { where, row }] of rows.entries()) {
    const parsed = TopicRow.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${path}: ${where}${issue.path.length ? `, ${issue.path.join('.')}` : ''}: ${issue.message}`);
      continue;
    }
    const t = parsed.data;
    const scores: Record<string, CriterionScore> = {};
    for (const [criterion, raw] of Object.entries(t.scores)) {
      const n = Number(raw);
      if (![0, 1, 2, 3].includes(n)) problems.push(`${path}: ${where}, scores.${criterion}: must be 0, 1, 2 or 3, not "${raw}"`);
      else scores[criterion] = n as CriterionScore;
    }
    topics.push({
      id: t.id ?? `${String(i + 1).padStart(3, '0')} ${t.title}`,
      title: t.title,
      kind: t.kind === 'research' ? 'research' : 'thematic',
      needs: t.kind,
      ...(t.size ? { size: t.size } : {}),
      scores,
      committed: t.committed === true || t.committed === 'yes' || t.committed === 'true',
      ...(t.jointWith ? { jointWith: Array.isArray(t.jointWith) ? t.jointWith : t.jointWith.split(/[;,]/).map((s) => s.trim()) } : {}),
    });
  }
  if (problems.length) throw new CliError(`${problems.join('\n')}\n${path}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was ranked.`);
  return { topics, resource };
}

const wholeOption = (name: string) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new CliError(`${name} takes a whole number, not "${value}"`, 2);
  return n;
};

/** The coming programme year: the first to start today or later, else the one that started last. */
function comingYear(years: readonly ProgrammeYear[]): ProgrammeYear | undefined {
  const today = clock.today();
  const byStart = [...years].sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
  return byStart.find((y) => y.startsOn >= today) ?? byStart.at(-1);
}

export function registerProgrammeCommands(program: Command, dbOptions: () => DbOptions): void {
  const programme = program.command('programme').description('the inspection programme: PDU cycle, youth justice selection, topics, consultation, and the registry of services');

  programme
    .command('plan')
    .description('plan a PDU inspection cycle from the registry\'s PDUs and their latest ratings')
    .requiredOption('--start <date>', 'first day of the cycle, a Monday (YYYY-MM-DD)')
    .option('--years <n>', 'years in the cycle', '3')
    .option('--teams <n|names>', 'how many inspection teams, or their names separated by commas', '3')
    .option('--capacity <n[,n…]>', 'PDU inspections a year (cycle and return), or one figure a year', '30')
    .option('--blackouts <text>', 'blackout weeks: "none", or lines like "12-19 to 01-01 Christmas" separated by ";" (default: Christmas and New Year, August)')
    .option('--return-window <from-to>', 'months after an Inadequate rating the return falls within', '12-18')
    .option('--include-non-geographic', 'plan non-geographic units (Birmingham Courts and Centralised Functions) too')
    .option('--bookings', 'list every booking under the summary')
    .option('--json', 'print the input and the plan as JSON')
    .option('--save', 'store the plan as a new cycle (audited)')
    .option('--title <title>', 'title of the stored cycle')
    .action((o: { start: string; years: string; teams: string; capacity: string; blackouts?: string; returnWindow: string; includeNonGeographic?: boolean; bookings?: boolean; json?: boolean; save?: boolean; title?: string }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const window = /^(\d+)-(\d+)$/.exec(o.returnWindow);
        if (!window) throw new CliError(`--return-window takes months as FROM-TO, like 12-18, not "${o.returnWindow}"`, 2);
        const blackouts = o.blackouts === undefined ? DEFAULT_BLACKOUTS.map((b) => `${b.from} to ${b.to} ${b.label}`).join('\n') : o.blackouts === 'none' ? '' : o.blackouts.split(';').join('\n');
        const settings = {
          title: o.title ?? '',
          start: o.start,
          years: o.years,
          teams: /^\d+$/.test(o.teams) ? o.teams : o.teams.split(',').join('\n'),
          capacity: o.capacity,
          blackouts,
          returnWindowFrom: window[1]!,
          returnWindowTo: window[2]!,
          excludeNonGeographic: o.includeNonGeographic ? 'no' : 'yes',
        };
        if (o.save) {
          const { id, plan } = await createCycle(db, settings, actor());
          if (o.json) return json({ id, plan });
          print(`Stored as cycle ${id}.`);
          return print(planText(plan, { bookings: o.bookings ?? false }));
        }
        // Not stored: the same planning, with the same checks, from the registry as it is.
        const { input, plan } = await prepareCycle(db, settings);
        if (o.json) return json({ input, plan });
        print(planText(plan, { bookings: o.bookings ?? false }));
      }),
    );

  programme
    .command('youth')
    .description('select the year\'s youth justice services: forced in, by risk score, and at random from a seed')
    .requiredOption('--seed <n>', 'seed of the random draw (the same seed gives the same draw)', wholeOption('--seed'))
    .option('--as-of <date>', 'first day of the programme year (default: the next 1 April)')
    .option('--targeted <n>', 'how many to choose by highest risk score', '10')
    .option('--random <n>', 'how many to choose at random', '5')
    .option('--capacity <n>', 'inspections the year can take (a note says when the list is longer)', '33')
    .option('--joint <names>', 'services to inspect jointly, separated by ";"')
    .option('--json', 'print the selection (with every service\'s risk score) as JSON')
    .option('--save', 'store the selection with its input and seed (audited)')
    .action((o: { seed: number; asOf?: string; targeted: string; random: string; capacity: string; joint?: string; json?: boolean; save?: boolean }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const now = clock.today();
        const april = `${now.slice(0, 4)}-04-01`;
        const request = {
          asOf: o.asOf ?? (april >= now ? april : `${Number(now.slice(0, 4)) + 1}-04-01`),
          targeted: o.targeted,
          random: o.random,
          seed: o.seed,
          capacity: o.capacity,
          joint: (o.joint ?? '').split(';').join('\n'),
        };
        const { id, result } = o.save ? await makeYouthSelection(db, request, actor()) : { id: undefined, ...(await previewYouthSelection(db, request)) };
        if (o.json) return json({ ...(id ? { id } : {}), asOf: request.asOf, seed: o.seed, ...result });
        if (id) print(`Stored as youth selection ${id}.`);
        print(selectionText(result, o.seed));
      }),
    );

  programme
    .command('topics')
    .description('rank thematic and research topics from a file (JSON or CSV) and fit them to the year\'s resource')
    .argument('<file>', 'topics file (.json or .csv)')
    .option('--fieldwork <n>', 'thematic inspections with fieldwork the year can take', wholeOption('--fieldwork'))
    .option('--desktop <n>', 'desktop exercises', wholeOption('--desktop'))
    .option('--research <n>', 'research projects', wholeOption('--research'))
    .option('--json', 'print the ranking with each topic\'s points and explanation as JSON')
    .action((file: string, o: { fieldwork?: number; desktop?: number; research?: number; json?: boolean }) => {
      const { topics, resource: fromFile } = readTopicsFile(file);
      const resource = { ...fromFile, ...(o.fieldwork !== undefined ? { fieldwork: o.fieldwork } : {}), ...(o.desktop !== undefined ? { desktop: o.desktop } : {}), ...(o.research !== undefined ? { research: o.research } : {}) };
      let plan;
      try {
        plan = planTopics({ topics, resource });
      } catch (e) {
        throw asCliError(e);
      }
      if (o.json) return json(plan);
      for (const kind of ['thematic', 'research'] as const) {
        const list = plan.topics.filter((t) => t.kind === kind);
        if (!list.length) continue;
        print(kind === 'thematic' ? 'Thematic inspections' : 'Research projects');
        for (const t of list) print(`${pad(String(t.rank), 4)}${pad(t.title, 48)}${pad(t.score.toFixed(1), 7)}${t.fitted ? `fitted (${t.slot})` : 'not fitted'}\n    ${t.explanation}`);
        print('');
      }
      print(`Slots used: fieldwork ${plan.used.fieldwork} of ${plan.resource.fieldwork}, desktop ${plan.used.desktop} of ${plan.resource.desktop}, research ${plan.used.research} of ${plan.resource.research}`);
    });

  programme
    .command('consultation')
    .description('write the consultation on a programme year as HTML or PDF')
    .option('--year <label>', 'the programme year, like 2027/28 (default: the coming year: the first to start today or later, else the latest)')
    .addOption(new Option('--format <format>', 'file format').choices(['html', 'pdf']).default('html'))
    .requiredOption('-o, --output <file>', 'file to write')
    .action((o: { year?: string; format: 'html' | 'pdf'; output: string }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const year = o.year === undefined ? comingYear(await listYears(db)) : await yearLabelled(db, o.year);
        if (!year) throw new AppError('not-found', `There is no programme year${o.year ? ` ${o.year}` : ''}: start it in the web app (Programme, Start a programme year)`);
        const doc = await consultationDocument(db, year.id);
        if (o.format === 'pdf') writeFileSync(o.output, await consultationPdf(doc));
        else writeFileSync(o.output, render('programme-consultation-document.njk', { doc }));
        process.stderr.write(`Wrote ${o.output}\n`);
        for (const w of doc.warnings) process.stderr.write(`note: ${w}\n`);
      }),
    );

  registerRegistryCommands(programme, dbOptions);
}
