// Reads the annual SFO report's reference data shipped in reference/sfo: the inspectorate's
// published results of earlier years and the themes counted in rationales, checked so a bad edit
// fails loudly with the file's path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { PublishedResultsSchema, RationaleThemesSchema, type PublishedResults, type RationaleThemes } from '../domain/sfo/annual-report-reference.ts';
import { referenceDir } from './frameworks.ts';

export const publishedSfoResultsPath = join(referenceDir, 'sfo', 'annual-results.json');
export const rationaleThemesPath = join(referenceDir, 'sfo', 'rationale-themes.json');

function read<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

let results: PublishedResults | undefined;
let themes: RationaleThemes | undefined;

export const publishedSfoResults = (): PublishedResults => (results ??= read(publishedSfoResultsPath, PublishedResultsSchema));
export const rationaleThemes = (): RationaleThemes => (themes ??= read(rationaleThemesPath, RationaleThemesSchema));
