// What every programme page shares: who may read and who may plan, the path's ids and the
// coming programme year.
import type { Context } from 'hono';
import { canPlanInspections, canViewProgramme } from '../../../services/programme/permissions.ts';
import { AppError } from '../../../services/errors.ts';
import { clock } from '../../../services/clock.ts';
import { requirePermission } from '../../access.ts';
import type { AppEnv } from '../../auth.ts';
import { idParam } from '../../params.ts';

export type C = Context<AppEnv>;

/** Analysts, inspectors, programme managers and administrators read the programme. */
export const view = (c: C) => requirePermission(c, canViewProgramme);
/** Programme managers and administrators plan it. */
export const plan = (c: C) => requirePermission(c, canPlanInspections);

/** The next 1 April on or after today: the start of the coming programme year. */
export const nextProgrammeYearStart = () => {
  const now = clock.today();
  const april = `${now.slice(0, 4)}-04-01`;
  return april >= now ? april : `${Number(now.slice(0, 4)) + 1}-04-01`;
};

/** The id in the path named `name`; not found, saying what it is not ("a PDU cycle"), otherwise. */
export const pathId = (c: C, name: string, what: string): number => idParam(c, name, (text) => `"${text ?? ''}" is not ${what}`);

/** The cycle revision asked for (?revision=N), or the current one. */
export const revisionQuery = (c: C): number | undefined => {
  const r = c.req.query('revision');
  if (r === undefined) return undefined;
  if (!/^\d{1,9}$/.test(r)) throw new AppError('not-found', `"${r}" is not a revision`);
  return Number(r);
};
