// Reads the youth justice services shipped in reference/organisations/youth-services.json
// (compiled from public sources, incomplete: see its README), validated like organisations.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { referenceDir } from './frameworks.ts';

const InspectionSchema = z.object({
  published: z.string().nullable(),
  overallRating: z.string().nullable(),
  url: z.string().url().nullable(),
  note: z.string().optional(),
});

/** The nations a youth justice service can be in: the Youth Justice Board covers England and Wales. */
export const NATIONS = ['England', 'Wales'] as const;
export type Nation = (typeof NATIONS)[number];

const YouthServicesFileSchema = z.object({
  asOf: z.string(),
  notes: z.array(z.string()).optional(),
  /** How each derived field was worked out (the file's provenance rule: derived facts say "(derived)"). */
  derivedFields: z.record(z.string(), z.string().startsWith('(derived)')).optional(),
  services: z
    .array(
      z.object({
        name: z.string().min(1),
        /** England or Wales (derived from the local authorities covered: see the file's derivedFields). */
        nation: z.enum(NATIONS, { message: 'nation must be England or Wales' }),
        jointInspection: z.boolean().optional(),
        notes: z.string().optional(),
        inspections: z.array(InspectionSchema).default([]),
      }),
    )
    .min(1)
    .refine((s) => new Set(s.map((x) => x.name)).size === s.length, 'service names must be unique'),
});

export type YouthServicesFile = z.infer<typeof YouthServicesFileSchema>;
export type YouthServiceEntry = YouthServicesFile['services'][number];

export const youthServicesFilePath = join(referenceDir, 'organisations', 'youth-services.json');

export function loadYouthServices(path = youthServicesFilePath): YouthServicesFile {
  const result = YouthServicesFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!result.success)
    throw new Error(`${path} is not valid:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return result.data;
}
