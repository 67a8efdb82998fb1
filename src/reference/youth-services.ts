// Reads the youth justice services shipped in reference/organisations/youth-services.json
// (compiled from public sources: see its README), validated like organisations.ts: every service
// named once, with its sources, the councils it covers, its nation (derived from those councils:
// checked here against the file's list of Welsh councils) and its names over time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { referenceDir } from './frameworks.ts';

/** The nations a youth justice service can be in: the Youth Justice Board covers England and Wales. */
export const NATIONS = ['England', 'Wales'] as const;
export type Nation = (typeof NATIONS)[number];

/** How the file's source assigned a service its councils (the crosswalk's own words). */
export const COVERAGE_BASES = ['name-match', 'name-variant', 'partnership', 'derived'] as const;

const InspectionSchema = z.object({
  published: z.string().nullable(),
  overallRating: z.string().nullable(),
  url: z.string().url().nullable(),
  note: z.string().optional(),
});

const sources = z.array(z.string().url('each source must be a web address')).min(1, 'give at least one source (a web address)');
/** A date as precise as the source gives it: a year, a month or a day. */
const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date must be YYYY, YYYY-MM or YYYY-MM-DD')
  .nullable();

const FormerNameSchema = z
  .object({ name: z.string().min(1), from: partialDate, until: partialDate, note: z.string().optional(), sources })
  .refine((n) => n.from === null || n.until === null || n.from < n.until, { message: 'from must be before until', path: ['until'] });
const OtherNameSchema = z.object({ name: z.string().min(1), note: z.string().optional(), sources });

const ServiceSchema = z
  .object({
    name: z.string().min(1),
    /** England or Wales (derived from the local authorities covered: see the file's derivedFields). */
    nation: z.enum(NATIONS, { message: 'nation must be England or Wales' }),
    localAuthorities: z.array(z.string().min(1)).min(1, 'name the local authorities the service covers'),
    localAuthoritiesBasis: z.enum(COVERAGE_BASES),
    localAuthoritiesNote: z.string().startsWith('(derived)', 'a derived coverage note starts "(derived)"').optional(),
    /** Names the service had before a merger, split or rename, dated as the sources date them. */
    formerNames: z.array(FormerNameSchema).default([]),
    /** Other spellings in use at the same time (e.g. the YJB statistics' name where HMIP reports another). */
    otherNames: z.array(OtherNameSchema).default([]),
    sources,
    jointInspection: z.boolean().optional(),
    notes: z.string().optional(),
    inspections: z.array(InspectionSchema).default([]),
  })
  .refine((s) => s.localAuthoritiesBasis !== 'derived' || s.localAuthoritiesNote !== undefined, {
    message: 'a derived coverage needs its localAuthoritiesNote',
    path: ['localAuthoritiesNote'],
  })
  .refine((s) => ![...s.formerNames, ...s.otherNames].some((n) => n.name === s.name), { message: "a former or other name repeats the service's own name", path: ['formerNames'] });

const YouthServicesFileSchema = z
  .object({
    asOf: z.string(),
    notes: z.array(z.string()).optional(),
    /** How each derived field was worked out (the file's provenance rule: derived facts say "(derived)"). */
    derivedFields: z.record(z.string(), z.string().startsWith('(derived)')).optional(),
    counts: z.object({ servicesListed: z.number().int(), inEngland: z.number().int(), inWales: z.number().int(), inspectionsFound: z.number().int() }).passthrough(),
    welshPrincipalCouncils: z.object({ source: z.string().url(), names: z.array(z.string().min(1)).length(22, 'Wales has 22 principal councils') }),
    services: z.array(ServiceSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    const welsh = new Set(file.welshPrincipalCouncils.names);
    file.services.forEach((s, i) => {
      if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: ['services', i, 'name'], message: `${s.name} is listed twice: service names must be unique` });
      seen.add(s.name);
      const inWales = s.localAuthorities.filter((la) => welsh.has(la)).length;
      if (inWales && inWales < s.localAuthorities.length)
        ctx.addIssue({ code: 'custom', path: ['services', i, 'localAuthorities'], message: `${s.name} covers councils in both England and Wales` });
      const derived: Nation = inWales ? 'Wales' : 'England';
      if (s.nation !== derived) ctx.addIssue({ code: 'custom', path: ['services', i, 'nation'], message: `${s.name} covers ${s.localAuthorities.join(', ')}: its nation is ${derived}, not ${s.nation}` });
    });
    const names = new Set(file.services.map((s) => s.name));
    file.services.forEach((s, i) => {
      for (const n of [...s.formerNames, ...s.otherNames])
        if (names.has(n.name)) ctx.addIssue({ code: 'custom', path: ['services', i, 'formerNames'], message: `${s.name}'s former or other name ${n.name} is another service's name` });
    });
    const count = (nation: Nation) => file.services.filter((s) => s.nation === nation).length;
    const expected = { servicesListed: file.services.length, inEngland: count('England'), inWales: count('Wales'), inspectionsFound: file.services.reduce((n, s) => n + s.inspections.length, 0) };
    for (const [key, value] of Object.entries(expected))
      if (file.counts[key as keyof typeof expected] !== value)
        ctx.addIssue({ code: 'custom', path: ['counts', key], message: `counts.${key} says ${file.counts[key as keyof typeof expected]}, the services give ${value}` });
  });

export type YouthServicesFile = z.infer<typeof YouthServicesFileSchema>;
export type YouthServiceEntry = YouthServicesFile['services'][number];

export const youthServicesFilePath = join(referenceDir, 'organisations', 'youth-services.json');

/** The file's youth justice services counted, read as plain JSON without validating it (as regionCountsUnvalidated). */
export function youthServiceCountUnvalidated(path = youthServicesFilePath): number {
  return (JSON.parse(readFileSync(path, 'utf8')) as { services: unknown[] }).services.length;
}

export function loadYouthServices(path = youthServicesFilePath): YouthServicesFile {
  const result = YouthServicesFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!result.success)
    throw new Error(`${path} is not valid:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return result.data;
}

/**
 * The names a service is known by besides its own, as the registry stores them: former names with
 * their dates in words (the sources give a year or month at best) and other spellings.
 */
export function namesOfService(s: Pick<YouthServiceEntry, 'formerNames' | 'otherNames'>): { name: string; note: string }[] {
  const span = (n: { from: string | null; until: string | null }) =>
    n.from && n.until ? `from ${n.from} until ${n.until}` : n.from ? `from ${n.from} (end not dated in the sources)` : n.until ? `until ${n.until}` : 'dates not in the sources';
  const byName = new Map<string, string>();
  for (const n of s.formerNames) byName.set(n.name, `former name, ${span(n)}${n.note ? `: ${n.note}` : ''} (youth-services.json; ${n.sources.join(' ')})`);
  for (const n of s.otherNames) if (!byName.has(n.name)) byName.set(n.name, `also known as${n.note ? `: ${n.note}` : ''} (youth-services.json; ${n.sources.join(' ')})`);
  return [...byName].map(([name, note]) => ({ name, note }));
}
