// Errors a use case can end with; HTTP and the CLI turn them into a status or an exit code.
import type { z } from 'zod';
import type { FileProblem } from '../interchange/assessment-file.ts';

export type AppErrorCode = 'not-found' | 'invalid' | 'conflict' | 'forbidden';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly problems: FileProblem[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** One problem with the input, and the field it concerns (the form field's name, the JSON property or the command-line option). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** "field: message; …": every problem with the field it concerns, in one line. */
export const fieldsMessage = (fields: readonly FieldProblem[]): string => fields.map((f) => `${f.field}: ${f.message}`).join('; ');

/**
 * Bad input: every problem with the field it concerns, so each layer can point at it (a form at
 * its field, the API at its property). The message is the problems' messages joined, unless given.
 */
export class FieldError extends AppError {
  constructor(
    readonly fields: FieldProblem[],
    message = fields.map((f) => f.message).join('; '),
  ) {
    super('invalid', message, fields.map((f) => ({ path: f.field, message: f.message })));
    this.name = 'FieldError';
  }
}

/** A schema's issues by field: the first issue of each field, in the order found ('input' for the whole). */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  const seen = new Set<string>();
  const fields: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'input';
    if (seen.has(field)) continue;
    seen.add(field);
    fields.push({ field, message: issue.message });
  }
  return fields;
}

/** Parses input with a schema, or throws every problem by field (as a FieldError unless `toError` makes another). */
export function parseFields<S extends z.ZodType>(schema: S, input: unknown, toError: (fields: FieldProblem[]) => FieldError = (fields) => new FieldError(fields)): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw toError(fieldProblems(result.error));
}
