// Bad input to a programme use case: every problem with the field it concerns (the form field's
// name, the JSON property or the command-line option), so each layer can point at it.
import type { z } from 'zod';
import { ProgrammeInputError } from '../../domain/programme/cycle-context.ts';
import { AppError } from '../errors.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

export class ProgrammeFieldError extends AppError {
  constructor(readonly fields: FieldProblem[]) {
    super('invalid', fields.map((f) => f.message).join('; '), fields.map((f) => ({ path: f.field, message: f.message })));
    this.name = 'ProgrammeFieldError';
  }
}

/** Parses input with a schema, or throws every problem by field. */
export function parseFields<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const fields: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'input';
    if (seen.has(field)) continue;
    seen.add(field);
    fields.push({ field, message: issue.message });
  }
  throw new ProgrammeFieldError(fields);
}

/** The planner's own input problems (a pin to a week outside the cycle, …), as a field error. */
export function plannerProblems<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ProgrammeInputError) throw new ProgrammeFieldError(e.problems.map((message) => ({ field, message: capitalise(message) })));
    throw e;
  }
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
