// Bad input to a programme use case: every problem with the field it concerns (the form field's
// name, the JSON property or the command-line option), so each layer can point at it. The
// mechanism is the general FieldError (../errors.ts); programme errors keep their own name.
import type { z } from 'zod';
import { ProgrammeInputError } from '../../domain/programme/cycle-context.ts';
import { capitalise } from '../../domain/text/capitalise.ts';
import { FieldError, parseFields as parseFieldsAs, type FieldProblem } from '../errors.ts';

export type { FieldProblem } from '../errors.ts';

export class ProgrammeFieldError extends FieldError {
  constructor(fields: FieldProblem[]) {
    super(fields);
    this.name = 'ProgrammeFieldError';
  }
}

/** Parses input with a schema, or throws every problem by field. */
export function parseFields<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return parseFieldsAs(schema, input, (fields) => new ProgrammeFieldError(fields));
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

