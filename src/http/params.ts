// Validation of path and query parameters at the HTTP edge.
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../services/errors.ts';

// Digits only: Number() would also take ' 5', '1e1' or '0x10' as ids.
const Id = z.string().regex(/^\d{1,10}$/).transform(Number).pipe(z.number().int().positive().max(2_147_483_647));

/** A positive whole number in the path; not found otherwise, with `notFound`'s message (by default, that it is not an inspection id). */
export function idParam(c: Context, name = 'id', notFound: (text: string | undefined) => string = (text) => `"${text}" is not an inspection id`): number {
  const result = Id.safeParse(c.req.param(name));
  if (!result.success) throw new AppError('not-found', notFound(c.req.param(name)));
  return result.data;
}

/** A form field's text; an uploaded file or a missing field gives ''. */
export const formText = (value: unknown): string => (typeof value === 'string' ? value : '');

export function enumQuery<T extends string>(c: Context, name: string, values: readonly T[], fallback: T): T {
  const value = c.req.query(name);
  if (value === undefined) return fallback;
  if (!(values as readonly string[]).includes(value)) throw new AppError('invalid', `${name} must be one of ${values.join(', ')}, not "${value}"`);
  return value as T;
}
