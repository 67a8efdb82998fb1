// Form validation problems in the shape the GOV.UK error summary and fields want: one message per
// field (the first), in the order of the form.
import type { z } from 'zod';

export interface FormError {
  href: string;
  text: string;
}

export function formErrors(issues: readonly z.core.$ZodIssue[]): FormError[] {
  const seen = new Set<string>();
  const errors: FormError[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ href: `#${field}`, text: issue.message });
  }
  return errors;
}

/** Field id → its error, for each macro's `errorMessage`. */
export const fieldErrors = (errors: readonly FormError[]) => Object.fromEntries(errors.map((e) => [e.href.slice(1), { text: e.text }]));
