// The annual SFO report's reference data as the project ships it (reference/sfo/*.json): the
// inspectorate's published results of earlier years, and the themes counted in the rationales.
// Schemas only (pure); src/reference reads the files.
import { z } from 'zod';

const percent = z.number().min(0).max(100);

export const PublishedYearSchema = z.strictObject({
  /** The business year as published, e.g. "2024/25". */
  year: z.string().regex(/^\d{4}\/\d{2}$/, 'must look like 2024/25'),
  reviews: z.number().int().positive(),
  /** Published as "Good or Outstanding"; left out where only the ratings were published. */
  goodOrBetterPercent: percent.optional(),
  /** Each rating's published percentage; a rating not published is left out. */
  ratingPercents: z.record(z.string().min(1), percent).optional(),
  extensionPercent: percent.optional(),
});
export type PublishedYear = z.infer<typeof PublishedYearSchema>;

export const PublishedResultsSchema = z.strictObject({
  description: z.string().min(1),
  source: z.strictObject({ title: z.string().min(1), url: z.url(), licence: z.string().min(1), gathered: z.string().min(1) }),
  years: z.array(PublishedYearSchema).min(1),
});
export type PublishedResults = z.infer<typeof PublishedResultsSchema>;

export const RationaleThemeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** Matched as a word or the start of one, in any case. */
  terms: z.array(z.string().trim().min(2)).min(1),
});
export type RationaleTheme = z.infer<typeof RationaleThemeSchema>;

export const RationaleThemesSchema = z.strictObject({
  description: z.string().min(1),
  themes: z.array(RationaleThemeSchema).min(1),
});
export type RationaleThemes = z.infer<typeof RationaleThemesSchema>;

/** "2024/25" for the business year starting in April 2024. */
export const businessYearLabel = (yearStart: number): string => `${yearStart}/${String((yearStart + 1) % 100).padStart(2, '0')}`;
