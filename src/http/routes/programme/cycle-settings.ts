// A PDU cycle's planning inputs: its settings and its exclusions (who is unavailable when), each
// change re-planning from the current plan.
import { Hono } from 'hono';
import type { Db } from '../../../db/repositories/index.ts';
import { addExclusion, getCycleState, removeExclusion, settingsOf, updateCycleSettings } from '../../../services/programme/cycles.ts';
import { exclusionRows, pinRows } from '../../../presenters/programme-cycle.ts';
import { actingUser } from '../../access.ts';
import type { AppEnv } from '../../auth.ts';
import { page } from '../../render.ts';
import { pathId, plan, type C } from './common.ts';
import { dateItemsOf, errorsOf, failedFor, formFieldErrors, formRoute, status, titled, type Failure, type Values } from './form.ts';

export function cycleSettingsRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const settingsPage = async (c: C, failed?: Failure) => {
    const state = await getCycleState(db, pathId(c, 'id', 'a PDU cycle'));
    const { input } = state.current;
    const settingsFailed = failedFor(failed, 'settings');
    const exclusionFailed = failedFor(failed, 'exclusion');
    const values = settingsFailed?.values ?? { ...settingsOf(input, state.cycle.title), refreshRegistry: 'no' };
    const exclusionValues = exclusionFailed?.values ?? { subject: 'team' };
    return page(
      c,
      'programme-cycle-settings.njk',
      {
        title: titled(`Planning inputs: ${state.cycle.title}`, failed),
        activeNav: 'programme',
        section: 'cycles',
        cycle: state.cycle,
        revision: state.current.revision,
        values,
        exclusionValues,
        errors: errorsOf(failed),
        fieldErrors: formFieldErrors(errorsOf(settingsFailed)),
        dates: dateItemsOf(values, errorsOf(settingsFailed)),
        exclusionErrors: formFieldErrors(errorsOf(exclusionFailed)),
        exclusionDates: dateItemsOf(exclusionValues, errorsOf(exclusionFailed)),
        exclusions: exclusionRows(input),
        pins: pinRows(input),
        pduItems: [{ value: '', text: 'Select a PDU' }, ...[...input.pdus].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) => ({ value: p.name, text: `${p.name} (${p.region})`, selected: exclusionValues.pdu === p.name }))],
        teamItems: [{ value: '', text: 'Select a team' }, ...input.teams.map((t) => ({ value: t, text: t, selected: exclusionValues.team === t }))],
      },
      status(failed),
    );
  };
  routes.get('/programme/cycles/:id/settings', (c) => {
    plan(c);
    return settingsPage(c);
  });

  /** A change made on the settings page: re-plans, then back to the calendar (or the page with the problem). */
  const settingsChange = (form: string, change: (id: number, values: Values, actor: string) => Promise<unknown>) =>
    formRoute({
      guard: plan,
      form,
      save: async (c, values) => {
        const id = pathId(c, 'id', 'a PDU cycle');
        await change(id, values, actingUser(c));
        return `/programme/cycles/${id}?changed=1`;
      },
      again: settingsPage,
    });
  routes.post(
    '/programme/cycles/:id/settings',
    settingsChange('settings', (id, values, actor) => updateCycleSettings(db, id, { ...values, refreshRegistry: values.refreshRegistry === 'yes' ? 'yes' : 'no', excludeNonGeographic: 'no' }, actor)),
  );
  routes.post('/programme/cycles/:id/exclusions', settingsChange('exclusion', (id, values, actor) => addExclusion(db, id, values, actor)));
  routes.post('/programme/cycles/:id/exclusions/remove', settingsChange('exclusion', (id, values, actor) => removeExclusion(db, id, values, actor)));

  return routes;
}
