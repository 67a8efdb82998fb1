// `inspectorate programme …` for the registry of services: what the registry's pages do, from the
// command line, through the same use cases (so the same checks and the same audit, with the actor
// `cli:<user>`). A service is given by its id or its exact name (any case): its name now, else a
// name it had or is to have; --pdu or --youth says which kind when a PDU and a youth justice
// service share the name.
//
//   inspectorate programme services [--region NAME | --youth] [--json]
//   inspectorate programme service ID|NAME [--pdu|--youth] [--json]
//   inspectorate programme record-result SERVICE --published DATE --rating RATING [--fieldwork DATE] [--url URL] [--source TEXT] [--inspection ID]
//   inspectorate programme correct-result SERVICE RESULT-ID [the same options: those not given keep their values]
//   inspectorate programme withdraw-result SERVICE RESULT-ID --reason TEXT
//   inspectorate programme rename SERVICE --name NAME --from DATE [--note TEXT]
//   inspectorate programme cancel-rename SERVICE
import { Command, Option } from 'commander';
import type { Db, OrganisationName } from '../db/repositories/index.ts';
import { RATINGS } from '../domain/programme/inspection-history.ts';
import { namesOverTime } from '../domain/programme/names-over-time.ts';
import { percentText } from '../presenters/programme-pages.ts';
import { registryJson, serviceRecordJson } from '../presenters/registry-json.ts';
import { AppError } from '../services/errors.ts';
import {
  cancelScheduledRename,
  correctInspectionResult,
  getServiceRecord,
  listRegistry,
  recordInspectionResult,
  renameService,
  SERVICE_KINDS,
  withdrawInspectionResult,
  type RegistryEntry,
  type ServiceKind,
  type ServiceRecord,
} from '../services/programme/registry.ts';
import { organisationById, organisationsNamed, organisationsOfKind } from '../services/organisations.ts';
import { clock } from '../services/clock.ts';
import { CliError } from './io.ts';
import { actor, json, print, withDatabase, type DbOptions } from './programme.ts';

interface KindOptions {
  pdu?: boolean;
  youth?: boolean;
}

/** withDatabase loads the reference data, which applies the renames due (applyDueRenames): the reads after it need not again. */
const RENAMES_APPLIED = { renamesApplied: true } as const;
const KIND_NAMES: Record<string, string> = { pdu: 'PDU', 'youth-service': 'youth justice service', region: 'probation region' };

/** Columns padded to their widest cell, two spaces apart (the last column not padded). */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

const wholeArgument = (name: string) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new CliError(`${name} takes a whole number, not "${value}"`, 2);
  return n;
};

const kindOptions = (command: Command) =>
  command
    .addOption(new Option('--pdu', 'the name is a PDU\'s (when a youth justice service has it too)').conflicts('youth'))
    .addOption(new Option('--youth', 'the name is a youth justice service\'s (when a PDU has it too)'));

/**
 * The service an argument names: a numeric id, else the PDU or youth justice service whose name
 * now is that name (any case), else those that had or are to have it. Unknown: not found (exit 2);
 * more than one: the candidates with their ids.
 */
async function resolveService(db: Db, given: string, options: KindOptions = {}): Promise<number> {
  const text = given.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const kinds: readonly ServiceKind[] = options.pdu ? ['pdu'] : options.youth ? ['youth-service'] : SERVICE_KINDS;
  const what = kinds.length === SERVICE_KINDS.length ? 'PDU or youth justice service' : KIND_NAMES[kinds[0]!]!;
  const found = await organisationsNamed(db, text, kinds);
  if (found.length === 1) return found[0]!.org.id;
  if (!found.length) throw new AppError('not-found', `There is no ${what} called "${text}" in the registry (by its name now or a name it had): list them with \`inspectorate programme services\``);
  const regions = new Map((await organisationsOfKind(db, 'region')).map((r) => [r.id, r.name]));
  const lines = found.map(({ org, formerly }) => {
    const where = org.kind === 'pdu' && org.parentId !== null ? `PDU, ${regions.get(org.parentId) ?? 'no region'}` : KIND_NAMES[org.kind];
    return `  ${String(org.id).padEnd(6)}${org.name} (${where})${formerly ? `: also called ${formerly}` : ''}`;
  });
  const hint = kinds.length === SERVICE_KINDS.length && new Set(found.map((f) => f.org.kind)).size > 1 ? 'give its id, or --pdu or --youth' : 'give its id';
  throw new CliError(`"${text}" names ${found.length} services in the registry; ${hint}:\n${lines.join('\n')}`, 2);
}

// ---- Text ----------------------------------------------------------------------------------

const latestCells = (e: RegistryEntry): [string, string] => (e.latest ? [e.latest.date ?? 'Date not known', e.latest.rating ?? 'Rating not known'] : ['None on record', '–']);

function registryText(rows: readonly { region: string; entry: RegistryEntry }[]): string {
  if (!rows.length) return 'No services.';
  return table(
    ['Id', 'Region', 'Service', 'Latest inspection', 'Overall rating'],
    rows.map(({ region, entry }) => [String(entry.organisation.id), region, entry.organisation.name, ...latestCells(entry)]),
  );
}

/** Names over time as the service page lists them: each with its first and last day and where it comes from. */
function nameLines(current: string, names: readonly OrganisationName[], today: string): string[][] {
  return namesOverTime(current, names, today).map((n) => [
    n.name,
    n.validFrom ?? 'Not known',
    n.validTo ?? (n.inForce ? 'Now' : n.scheduled ? '–' : 'Not known'),
    n.source === 'current' ? 'current name' : [n.scheduled ? 'scheduled' : '', n.source === 'recorded' ? `recorded by ${n.recordedBy}` : 'reference data', n.note ?? ''].filter(Boolean).join(': '),
  ]);
}

function serviceText(r: ServiceRecord, today = clock.today()): string {
  const org = r.organisation;
  const kind = org.kind === 'pdu' ? 'probation delivery unit (PDU)' : KIND_NAMES[org.kind] ?? org.kind;
  const lines = [`${org.name} (id ${org.id}): ${kind}${r.regionName ? ` in ${r.regionName}` : ''}${org.details.nonGeographic ? ', not geographic' : ''}`];
  lines.push(`Latest inspection: ${r.latest ? `${r.latest.date ?? 'date not known'}, ${r.latest.rating ?? 'rating not known'}` : 'none on record'}`);
  lines.push('', 'Names over time', table(['Name', 'From', 'To', 'Source'], nameLines(org.name, r.names, today)));
  if (r.scheduled.length) {
    lines.push('', 'Scheduled renames');
    for (const n of r.scheduled) lines.push(`  To ${n.name} from ${n.validFrom}`);
    lines.push(`  (cancel the last with: inspectorate programme cancel-rename ${org.id})`);
  }
  lines.push('', 'Inspection history, newest first');
  if (!r.inspections.length) lines.push('  None on record');
  else
    lines.push(
      table(
        ['Published', 'Fieldwork', 'Overall rating', 'Source', 'Result', 'Report and notes'],
        [...r.inspections].reverse().map((i) => [
          i.published ?? 'Date not known',
          i.fieldwork ?? '–',
          i.overallRating ?? 'Rating not known',
          i.source === 'recorded' && i.recordedBy ? `recorded (${i.recordedBy})` : i.source,
          i.recordedId !== undefined ? String(i.recordedId) : '–',
          [i.url ?? '', i.inspectionId !== undefined ? `inspection ${i.inspectionId} in Inspectorate` : '', i.note ?? ''].filter(Boolean).join('; ') || '–',
        ]),
      ),
    );
  if (r.inspections.some((i) => i.recordedId !== undefined)) lines.push(`  (correct or withdraw a recorded result by its number: inspectorate programme correct-result ${org.id} RESULT …)`);
  if (org.kind !== 'region') {
    const intel = r.intelligence;
    lines.push(
      '',
      `Caseload: ${intel?.caseload == null ? 'Not known' : `${intel.caseload}${intel.caseloadAsOf ? ` (as of ${intel.caseloadAsOf})` : ''}`}`,
      `Concerns raised (past year): ${intel?.concerns == null ? 'Not known' : intel.concerns}`,
      `Performance: indicators worse than national: ${intel?.performance == null ? 'Not known' : percentText(intel.performance)}`,
      `Inspection: ${r.joint ? 'jointly with other inspectorates' : 'single'}`,
      ...(intel?.note ? [`Note: ${intel.note}`] : []),
      ...(intel ? [`Last changed: ${intel.updatedAt.toISOString().slice(0, 10)} by ${intel.updatedBy}`] : []),
    );
  }
  if (r.inspectionsInApp.length) {
    lines.push('', 'Inspections in Inspectorate (for --inspection)');
    for (const i of r.inspectionsInApp) lines.push(`  ${String(i.id).padEnd(6)}${i.title} (fieldwork from ${i.fieldworkStart})`);
  }
  return lines.join('\n');
}

// ---- Inspection results --------------------------------------------------------------------

/** The service's name, to say what a write changed (the write has checked that the service exists). */
const serviceName = async (db: Db, id: number) => (await organisationById(db, id))?.name ?? `service ${id}`;

interface ResultOptions {
  published?: string;
  rating?: string;
  fieldwork?: string;
  url?: string;
  source?: string;
  inspection?: string;
}

/** The options as the form's fields (only those given); the rating in any case, as the form's value. */
function resultFields(o: ResultOptions): Record<string, string> {
  const rating = o.rating === undefined ? undefined : (RATINGS.find((r) => r.toLowerCase() === o.rating!.trim().toLowerCase()) ?? o.rating);
  const fields: Record<string, string | undefined> = { published: o.published, fieldwork: o.fieldwork, overallRating: rating, url: o.url, source: o.source, inspectionId: o.inspection };
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
}

const resultOptions = (command: Command, correcting: boolean) => {
  const keep = correcting ? '; not given: as it is' : '';
  const blank = correcting ? '; "" clears it' : '';
  return command
    .option('--published <date>', `date the report was published, YYYY-MM-DD, today or earlier${correcting ? keep : ' (required)'}`)
    .option('--rating <rating>', `overall rating: Outstanding, Good, "Requires improvement" or Inadequate (any case)${correcting ? keep : ' (required)'}`)
    .option('--fieldwork <date>', `date fieldwork started, YYYY-MM-DD (optional${keep}${blank})`)
    .option('--url <url>', `link to the report, https://… (optional${keep}${blank})`)
    .option('--source <text>', `where the result comes from, e.g. "HMI Probation report on GOV.UK" (optional${keep}${blank})`)
    .option('--inspection <id>', `the inspection in Inspectorate this result is, by id (see \`programme service\`) (optional${keep}${blank})`);
};

export function registerRegistryCommands(programme: Command, dbOptions: () => DbOptions): void {
  programme
    .command('services')
    .description('list the registry: each PDU by region, and each youth justice service, with its id and latest inspection')
    .option('--region <name>', 'only the PDUs of this region')
    .addOption(new Option('--youth', 'only the youth justice services').conflicts('region'))
    .option('--json', 'as JSON, in the shape of GET /api/programme/services (with the same filter)')
    .action((o: { region?: string; youth?: boolean; json?: boolean }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const registry = await listRegistry(db, clock.today(), RENAMES_APPLIED);
        let regions = o.youth ? [] : registry.regions;
        if (o.region !== undefined) {
          const wanted = o.region.trim().toLowerCase();
          regions = registry.regions.filter((r) => r.region.name.toLowerCase() === wanted);
          if (!regions.length) throw new AppError('not-found', `There is no region called "${o.region}": the regions are ${registry.regions.map((r) => r.region.name).join(', ')}`);
        }
        const youth = o.region !== undefined ? [] : registry.youthServices;
        if (o.json) return json(registryJson(regions, youth));
        print(registryText([...regions.flatMap((r) => r.pdus.map((entry) => ({ region: r.region.name, entry }))), ...youth.map((entry) => ({ region: 'Youth justice service', entry }))]));
      }),
    );

  kindOptions(
    programme
      .command('service')
      .description('show a service: its names over time, scheduled renames, inspection history (with the numbers of recorded results), caseload and intelligence')
      .argument('<service>', 'the service\'s id, or its exact name (now or a name it had)'),
  )
    .option('--json', 'as JSON, in the shape of GET /api/programme/services/{id}')
    .action((service: string, o: KindOptions & { json?: boolean }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const record = await getServiceRecord(db, await resolveService(db, service, o), clock.today(), RENAMES_APPLIED);
        if (o.json) return json(serviceRecordJson(record));
        print(serviceText(record));
      }),
    );

  resultOptions(
    kindOptions(
      programme
        .command('record-result')
        .description('record a published inspection result for a PDU or youth justice service (audited): it joins the history and, as the latest, the planner\'s input')
        .argument('<service>', 'the service\'s id or exact name'),
    ),
    false,
  ).action((service: string, o: KindOptions & ResultOptions) =>
    withDatabase(dbOptions(), async ({ db }) => {
      const id = await resolveService(db, service, o);
      const resultId = await recordInspectionResult(db, id, resultFields(o), actor());
      print(`Recorded result ${resultId} for ${await serviceName(db, id)}.`);
    }),
  );

  resultOptions(
    kindOptions(
      programme
        .command('correct-result')
        .description('correct a recorded inspection result (audited with what it was); options not given keep their values, and "" clears an optional one')
        .argument('<service>', 'the service\'s id or exact name')
        .argument('<result-id>', 'the recorded result\'s number (the Result column of `programme service`)', wholeArgument('<result-id>')),
    ),
    true,
  ).action((service: string, resultId: number, o: KindOptions & ResultOptions) =>
    withDatabase(dbOptions(), async ({ db }) => {
      const id = await resolveService(db, service, o);
      const changes = resultFields(o);
      if (!Object.keys(changes).length) throw new CliError('Nothing to correct: give one or more of --published, --rating, --fieldwork, --url, --source, --inspection', 2);
      // As the page's form, which starts from the result as it is: the fields not given keep their values.
      await correctInspectionResult(db, id, resultId, changes, actor(), clock.today(), 'given-only');
      print(`Corrected result ${resultId} for ${await serviceName(db, id)}.`);
    }),
  );

  kindOptions(
    programme
      .command('withdraw-result')
      .description('withdraw a result recorded in error (audited): it leaves the history and the planner\'s input, and stays in the audit trail')
      .argument('<service>', 'the service\'s id or exact name')
      .argument('<result-id>', 'the recorded result\'s number (the Result column of `programme service`)', wholeArgument('<result-id>')),
  )
    .option('--reason <text>', 'why it is withdrawn (required)')
    .action((service: string, resultId: number, o: KindOptions & { reason?: string }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const id = await resolveService(db, service, o);
        await withdrawInspectionResult(db, id, resultId, o.reason === undefined ? {} : { reason: o.reason }, actor());
        print(`Withdrew result ${resultId} for ${await serviceName(db, id)}.`);
      }),
    );

  // ---- Names ---------------------------------------------------------------------------------

  kindOptions(
    programme
      .command('rename')
      .description('rename a PDU or youth justice service from a date, keeping the old name in its history (audited); a date ahead schedules the rename')
      .argument('<service>', 'the service\'s id or exact name'),
  )
    .option('--name <name>', 'the new name (required)')
    .option('--from <date>', 'date the new name takes effect, YYYY-MM-DD: a date ahead schedules the rename (required)')
    .option('--note <text>', 'note (optional), e.g. "the PDUs merged"')
    .action((service: string, o: KindOptions & { name?: string; from?: string; note?: string }) =>
      withDatabase(dbOptions(), async ({ db }) => {
        const id = await resolveService(db, service, o);
        const fields = Object.fromEntries(Object.entries({ name: o.name, effectiveFrom: o.from, note: o.note }).filter(([, v]) => v !== undefined));
        const { scheduled, before, name, effectiveFrom: from } = await renameService(db, id, fields, actor());
        print(scheduled ? `Scheduled: ${before} is to be renamed ${name} from ${from}; it keeps its name until then.` : `Renamed ${before} to ${name} from ${from}.`);
      }),
    );

  kindOptions(
    programme
      .command('cancel-rename')
      .description('cancel the last rename waiting for its date (audited): the service keeps the name it has')
      .argument('<service>', 'the service\'s id or exact name (now, or the scheduled name)'),
  ).action((service: string, o: KindOptions) =>
    withDatabase(dbOptions(), async ({ db }) => {
      const { service: name, cancelled } = await cancelScheduledRename(db, await resolveService(db, service, o), actor());
      print(`Cancelled the rename of ${name} to ${cancelled.name} from ${cancelled.from}.`);
    }),
  );
}
