// Reads the bank holidays of England and Wales shipped in reference/calendar, checked so a bad edit
// fails loudly with the file's path; working-day arithmetic (src/domain/timeline) takes them as a set.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isIsoDate } from '../domain/sampling/dates.ts';
import { referenceDir } from './frameworks.ts';

const Day = z.string().refine(isIsoDate, 'a date written YYYY-MM-DD');
const FileSchema = z.object({
  title: z.string(),
  source: z.string(),
  publishedTo: Day,
  coversFrom: Day,
  coversTo: Day,
  days: z.array(z.object({ date: Day, name: z.string().min(1) })),
});

export type BankHolidayFile = z.infer<typeof FileSchema>;

export const bankHolidaysPath = join(referenceDir, 'calendar', 'bank-holidays-england-and-wales.json');

let cache: BankHolidayFile | undefined;

export function bankHolidayFile(): BankHolidayFile {
  if (cache) return cache;
  const parsed = FileSchema.safeParse(JSON.parse(readFileSync(bankHolidaysPath, 'utf8')));
  if (!parsed.success) throw new Error(`${bankHolidaysPath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  cache = parsed.data;
  return cache;
}

/** The bank holidays as a set of ISO dates. */
export const bankHolidays = (): ReadonlySet<string> => new Set(bankHolidayFile().days.map((d) => d.date));
