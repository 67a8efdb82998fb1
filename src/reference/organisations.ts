// Reads the 12 probation regions and their PDUs shipped in reference/organisations (compiled from
// public sources; see its README), validated so a bad edit fails loudly with the path.
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

const RegionsFileSchema = z.object({
  asOf: z.string(),
  regions: z
    .array(
      z.object({
        name: z.string().min(1),
        deliusProviderCode: z.string().nullable().optional(),
        formerPduNames: z.array(z.string()).optional(),
        regionInspections: z.array(InspectionSchema).optional(),
        pdus: z
          .array(
            z.object({
              name: z.string().min(1),
              hmppsReferenceName: z.string().optional(),
              hmipReportName: z.string().optional(),
              nonGeographic: z.boolean().optional(),
              inspections: z.array(InspectionSchema).default([]),
            }),
          )
          .min(1),
      }),
    )
    .length(12),
});

export type RegionsFile = z.infer<typeof RegionsFileSchema>;
export type RegionEntry = RegionsFile['regions'][number];
export type PduEntry = RegionEntry['pdus'][number];

export const regionsFilePath = join(referenceDir, 'organisations', 'regions-pdus.json');

/**
 * The file's regions and PDUs counted, read as plain JSON without validating it: for a start whose
 * reference files are the ones loaded (and validated) before (~0.016 s of CPU in zod on a restart).
 */
export function regionCountsUnvalidated(path = regionsFilePath): { regions: number; pdus: number } {
  const { regions } = JSON.parse(readFileSync(path, 'utf8')) as { regions: { pdus: unknown[] }[] };
  return { regions: regions.length, pdus: regions.reduce((n, r) => n + r.pdus.length, 0) };
}

export function loadRegions(path = regionsFilePath): RegionsFile {
  const result = RegionsFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!result.success)
    throw new Error(`${path} is not valid:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return result.data;
}
