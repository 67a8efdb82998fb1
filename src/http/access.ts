// Route-level access: the signed-in person, and an inspection they may see. An inspection the
// person may not see answers 404 (its existence is not disclosed); one they may see but not act on
// answers 403.
import type { Context } from 'hono';
import { getInspection, type Db, type Inspection } from '../db/repositories/index.ts';
import type { Actor, InspectionScope } from '../domain/access/permissions.ts';
import { currentPublication, scopeOf } from '../services/inspection-scope.ts';
import { canViewInspection } from '../domain/access/permissions.ts';
import { AppError } from '../services/errors.ts';
import type { ActiveSession } from '../services/identity/sessions.ts';
import type { AppEnv } from './auth.ts';
import { idParam } from './params.ts';

export function sessionOf(c: Context<AppEnv>): ActiveSession {
  const session = c.get('session');
  if (!session) throw new AppError('forbidden', 'Sign in first');
  return session;
}

/** The inspection named in the path, if the person may see it and pass `check`. */
export async function inspectionFor(
  c: Context<AppEnv>,
  db: Db,
  check?: (actor: Actor, scope: InspectionScope) => boolean,
): Promise<{ inspection: Inspection; actor: Actor; scope: InspectionScope }> {
  const { actor } = sessionOf(c);
  const id = idParam(c);
  const inspection = await getInspection(db, id);
  const scope = inspection && scopeOf(inspection, await currentPublication(db));
  if (!inspection || !scope || !canViewInspection(actor, scope)) throw new AppError('not-found', `There is no inspection ${id}`);
  if (check && !check(actor, scope)) throw new AppError('forbidden', 'You do not have access to this part of the inspection');
  return { inspection, actor, scope };
}

export function requirePermission(c: Context<AppEnv>, allowed: (actor: Actor) => boolean): Actor {
  const { actor } = sessionOf(c);
  if (!allowed(actor)) throw new AppError('forbidden', 'You do not have access to this page');
  return actor;
}
