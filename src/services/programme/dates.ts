// Date checks for input at the edge: the planner's own checks, under the names the pages use.
import { z } from 'zod';
import { isIsoDate } from '../../domain/programme/dates.ts';
import { capitalise } from '../../domain/text/capitalise.ts';

export { isIsoDate as isRealDate, isMonday as isRealMonday } from '../../domain/programme/dates.ts';

/** An optional date field: blank is null (not known); anything else must be a real date. */
export const optionalRealDate = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!isIsoDate(v)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return v;
    });

/** A required date field: "Enter {label}" when blank; else it must be a real date (the message gives `example`). */
export const requiredRealDate = (label: string, example: string) =>
  z
    .string({ message: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(isIsoDate, `${capitalise(label)} must be a real date, like ${example}`);
