// Validation of path and query parameters at the HTTP edge.
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../services/errors.ts';

const Id = z.coerce.number().int().positive().max(2_147_483_647);

export function idParam(c: Context, name = 'id'): number {
  const result = Id.safeParse(c.req.param(name));
  if (!result.success) throw new AppError('not-found', `"${c.req.param(name)}" is not an inspection id`);
  return result.data;
}

export function enumQuery<T extends string>(c: Context, name: string, values: readonly T[], fallback: T): T {
  const value = c.req.query(name);
  if (value === undefined) return fallback;
  if (!(values as readonly string[]).includes(value)) throw new AppError('invalid', `${name} must be one of ${values.join(', ')}, not "${value}"`);
  return value as T;
}
