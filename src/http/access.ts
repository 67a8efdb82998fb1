// Route-level access: the signed-in person, and an inspection they may see. An inspection the
// person may not see answers 404 (its existence is not disclosed); one they may see but not act on
// answers 403.
import type { Context } from 'hono';
import type { Db, Inspection } from '../db/repositories/index.ts';
import type { Actor, InspectionScope } from '../domain/access/permissions.ts';
import { inspectionInScope } from '../services/inspection-scope.ts';
import { canViewInspection } from '../domain/access/permissions.ts';
import { blindCaseRefusal, blindExportRefusal, type FirstAssessmentAccess } from '../domain/access/first-assessment.ts';
import { firstAssessmentAccessOf } from '../services/quality.ts';
import { AppError } from '../services/errors.ts';
import type { ActiveSession } from '../services/identity/sessions.ts';
import type { AppEnv } from './auth.ts';
import { idParam } from './params.ts';

export function sessionOf(c: Context<AppEnv>): ActiveSession {
  const session = c.get('session');
  if (!session) throw new AppError('forbidden', 'Sign in first');
  return session;
}

/** Who did it, as the audit trail names people: `user:<id>` of the signed-in person. */
export const actingUser = (c: Context<AppEnv>): string => `user:${sessionOf(c).user.id}`;

/** The inspection named in the path, if the person may see it and pass `check`. */
export async function inspectionFor(
  c: Context<AppEnv>,
  db: Db,
  check?: (actor: Actor, scope: InspectionScope) => boolean,
): Promise<{ inspection: Inspection; actor: Actor; scope: InspectionScope }> {
  const { actor } = sessionOf(c);
  const id = idParam(c);
  const found = await inspectionInScope(db, id); // its own report's stage only, not every report's
  if (!found || !canViewInspection(actor, found.scope)) throw new AppError('not-found', `There is no inspection ${id}`);
  const { inspection, scope } = found;
  if (check && !check(actor, scope)) throw new AppError('forbidden', 'You do not have access to this part of the inspection');
  scopes.set(c.req.raw, scope);
  return { inspection, actor, scope };
}

// The scope each request's guard found, so the page's navigation offers only what the person may open.
const scopes = new WeakMap<Request, InspectionScope>();
export const requestScope = (c: Context): InspectionScope | undefined => scopes.get(c.req.raw);

/** Which cases' first assessments the person may read; refuses a case they are assessing blind. */
export async function caseAccess(db: Db, actor: Actor, scope: InspectionScope, caseRef?: string): Promise<FirstAssessmentAccess> {
  const access = await firstAssessmentAccessOf(db, actor, scope);
  if (caseRef !== undefined && access.hidden.has(caseRef)) throw new AppError('forbidden', blindCaseRefusal(caseRef));
  return access;
}

/** An export of every case's answers: refused, with the reason, to a second assessor who has not yet submitted. */
export async function requireWholeCaseExport(db: Db, actor: Actor, scope: InspectionScope): Promise<void> {
  const access = await firstAssessmentAccessOf(db, actor, scope);
  if (!access.mayExportAll) throw new AppError('forbidden', access.readsCases ? blindExportRefusal(access.hidden) : 'You do not have access to this part of the inspection');
}

export function requirePermission(c: Context<AppEnv>, allowed: (actor: Actor) => boolean): Actor {
  const { actor } = sessionOf(c);
  if (!allowed(actor)) throw new AppError('forbidden', 'You do not have access to this page');
  return actor;
}
