// Moving or pinning one booking of a PDU cycle's current plan, and taking a pin off.
import { Hono } from 'hono';
import type { Db } from '../../../db/repositories/index.ts';
import { AppError } from '../../../services/errors.ts';
import { bookingId, getCycleState, pinBooking, unpinBooking } from '../../../services/programme/cycles.ts';
import { bookingLabel, KIND_NAMES, shortDate, weekItems } from '../../../presenters/programme-cycle.ts';
import { actingUser } from '../../access.ts';
import type { AppEnv } from '../../auth.ts';
import { fieldErrors } from '../../form-errors.ts';
import { page } from '../../render.ts';
import { pathId, plan, type C } from './common.ts';
import { errorsOf, formBody, formRoute, status, titled, type Failure } from './form.ts';

export function cycleMoveRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const movePage = async (c: C, failed?: Failure) => {
    const state = await getCycleState(db, pathId(c, 'id', 'a PDU cycle'));
    const key = failed?.values.booking ?? c.req.query('booking') ?? '';
    const booking = state.current.plan.bookings.find((b) => bookingId(b) === key);
    if (!booking) throw new AppError('not-found', `There is no booking "${key}" in the current plan`);
    const values = failed?.values ?? { week: booking.week, team: booking.team ?? '' };
    const errors = errorsOf(failed);
    return page(
      c,
      'programme-move.njk',
      {
        title: titled(`Move or pin: ${bookingLabel(booking)}`, failed),
        activeNav: 'programme',
        section: 'cycles',
        cycle: state.cycle,
        revision: state.current.revision,
        booking,
        bookingKey: key,
        now: shortDate(booking.week),
        label: bookingLabel(booking),
        kindName: KIND_NAMES[booking.kind],
        errors,
        weekSelect: { id: 'week', name: 'week', label: { text: 'Week beginning', classes: 'govuk-label--s' }, items: weekItems(state.current.input, values.week ?? booking.week), errorMessage: fieldErrors(errors).week },
        teamSelect: {
          id: 'team',
          name: 'team',
          label: { text: 'Team', classes: 'govuk-label--s' },
          hint: { text: 'Leave it to the planner, or fix a team' },
          items: [{ value: '', text: 'Any free team' }, ...state.current.input.teams.map((t) => ({ value: t, text: t, selected: values.team === t }))],
          errorMessage: fieldErrors(errors).team,
        },
        year: booking.year,
      },
      status(failed),
    );
  };
  routes.get('/programme/cycles/:id/move', (c) => {
    plan(c);
    return movePage(c);
  });
  routes.post(
    '/programme/cycles/:id/pins',
    formRoute({
      guard: plan,
      form: 'move',
      save: async (c, values) => {
        const id = pathId(c, 'id', 'a PDU cycle');
        await pinBooking(db, id, values, actingUser(c));
        const year = (await getCycleState(db, id)).current.plan.years.find((y) => y.start <= values.week! && values.week! < y.end)?.year ?? 1;
        return `/programme/cycles/${id}?year=${year}&changed=1`;
      },
      again: movePage,
    }),
  );
  routes.post('/programme/cycles/:id/unpin', async (c) => {
    plan(c);
    const id = pathId(c, 'id', 'a PDU cycle');
    const values = await formBody(c);
    const state = await getCycleState(db, id);
    const booking = state.current.plan.bookings.find((b) => bookingId(b) === values.booking);
    if (!booking) throw new AppError('not-found', `There is no booking "${values.booking ?? ''}" in the current plan`);
    // Unpinning what is not pinned (a repeated form) changes nothing.
    if (booking.pinned) await unpinBooking(db, id, values, actingUser(c));
    return c.redirect(`/programme/cycles/${id}?year=${booking.year}${booking.pinned ? '&changed=1' : ''}`, 303);
  });

  return routes;
}
