// Moving a milestone of an inspection's timeline (/inspections/:id/timeline/:milestone): the lead
// inspector, programme managers and administrators, with a reason; every move is audited.
import { Hono, type Context } from 'hono';
import type { Db, Inspection } from '../../db/repositories/index.ts';
import { canMoveMilestones, type Actor, type InspectionScope } from '../../domain/access/permissions.ts';
import { timelineView } from '../../presenters/timeline.ts';
import { govukDateTime } from '../../presenters/govuk-dates.ts';
import { fullDate } from '../../domain/timeline/dates.ts';
import { AppError, FieldError } from '../../services/errors.ts';
import { inspectionTimeline, isMilestone, moveMilestone, recordMilestoneDone } from '../../services/inspection-timeline.ts';
import { clock } from '../../services/clock.ts';
import { inspectionFor, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { dateInputItems, readDateInput, type DateParts } from '../../presenters/date-input.ts';
import type { FormError } from '../form-errors.ts';
import { page } from '../render.ts';

type C = Context<AppEnv>;
type Values = Record<string, string>;

const milestoneParam = (c: C) => {
  const key = c.req.param('milestone') ?? '';
  if (!isMilestone(key)) throw new AppError('not-found', `There is no milestone "${key}"`);
  return key;
};

const CREATED: Record<string, string> = {
  booking: 'Inspection created from the PDU cycle’s booking, with its timeline',
  direct: 'Inspection created, with its timeline',
  'youth-selection': 'Inspection created from the youth selection, with its timeline',
};

/** The overview page's timeline section, and its confirmation banner after creating the inspection or moving a date. */
export async function timelineSection(c: C, db: Db, inspection: Inspection, actor: Actor, scope: InspectionScope) {
  const timeline = await inspectionTimeline(db, inspection);
  const moved = timeline.milestones.find((m) => m.key === c.req.query('moved'));
  const done = timeline.milestones.find((m) => m.key === c.req.query('done') && m.doneOn);
  const created = CREATED[c.req.query('created') ?? ''];
  return {
    ...timelineView(inspection.id, timeline, canMoveMilestones(actor, scope)),
    timelineBanner: created ?? (moved ? `${moved.name}: the date is now ${fullDate(moved.date)}` : done ? `${done.name}: recorded as happened on ${fullDate(done.doneOn!)}` : null),
  };
}

export function inspectionTimelineRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  async function render(c: C, inspection: Inspection, key: string, values: Values, failure?: { errors: FormError[]; dateParts: DateParts[]; field?: 'on' }) {
    const timeline = await inspectionTimeline(db, inspection);
    // A milestone the inspection's framework leaves out (the survey's, where it names no survey) is not found.
    const milestone = timeline.milestones.find((m) => m.key === key);
    if (!milestone) throw new AppError('not-found', `This inspection's timeline has no milestone "${key}"`);
    const title = `${milestone.byHand ? 'Record or change' : 'Change the date'}: ${milestone.name}`;
    const errorOf = (field: string) => failure?.errors.find((e) => e.href === `#${field}` || e.href.startsWith(`#${field}-`));
    return page(
      c,
      'inspection-timeline-move.njk',
      {
        title: failure ? `Error: ${title}` : title,
        activeNav: 'inspections',
        inspection,
        milestone,
        errors: failure?.errors ?? [],
        rows: [
          { key: { text: 'Date now' }, value: { text: fullDate(milestone.date) } },
          { key: { text: 'Default' }, value: { text: `${fullDate(milestone.defaultDate)}: ${milestone.basis}` } },
          { key: { text: 'Owner' }, value: { text: milestone.ownerText } },
        ],
        history: timeline.moves
          .filter((m) => m.milestone === key)
          .reverse()
          .map((m) => [{ text: `${fullDate(m.from)} → ${fullDate(m.to)}` }, { text: m.reason }, { text: m.movedByName }, { text: govukDateTime(m.movedAt) }]),
        dateItems: dateInputItems(values, 'date', failure ? undefined : milestone.date, failure?.field === 'on' ? [] : (failure?.dateParts ?? [])),
        onItems: dateInputItems(values, 'on', failure ? undefined : (milestone.doneOn ?? clock.today()), failure?.field === 'on' ? failure.dateParts : []),
        reason: values.reason ?? '',
        fieldErrors: { date: errorOf('date'), reason: errorOf('reason'), on: errorOf('on') },
      },
      failure ? 400 : 200,
    );
  }

  routes.get('/inspections/:id/timeline/:milestone', async (c) => {
    const { inspection } = await inspectionFor(c, db, canMoveMilestones);
    return render(c, inspection, milestoneParam(c), {});
  });

  routes.post('/inspections/:id/timeline/:milestone', async (c) => {
    const { inspection } = await inspectionFor(c, db, canMoveMilestones);
    const key = milestoneParam(c);
    const values: Values = {};
    for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
    const date = readDateInput(values, 'date', 'the new date');
    try {
      const moved = await moveMilestone(db, inspection.id, { milestone: key, date: date.ok ? date.date : '', reason: values.reason ?? '' }, actingUser(c));
      return c.redirect(`/inspections/${inspection.id}?moved=${moved.milestone.key}#timeline`, 303);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      const errors = e.fields
        .filter((f) => f.field === 'date' || f.field === 'reason')
        .map((f) => (f.field === 'date' ? (date.ok ? { href: '#date-day', text: f.message } : { href: date.href, text: date.message }) : { href: '#reason', text: f.message }));
      const dateParts: DateParts[] = date.ok ? (errors.some((x) => x.href.startsWith('#date')) ? ['day', 'month', 'year'] : []) : date.parts;
      return render(c, inspection, key, values, { errors, dateParts });
    }
  });

  routes.post('/inspections/:id/timeline/:milestone/done', async (c) => {
    const { inspection } = await inspectionFor(c, db, canMoveMilestones);
    const key = milestoneParam(c);
    const values: Values = {};
    for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
    const on = readDateInput(values, 'on', 'the day it happened');
    if (!on.ok) return render(c, inspection, key, values, { errors: [{ href: on.href, text: on.message }], dateParts: on.parts, field: 'on' });
    try {
      const done = await recordMilestoneDone(db, inspection.id, { milestone: key, on: on.date }, actingUser(c));
      return c.redirect(`/inspections/${inspection.id}?done=${done.key}#timeline`, 303);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      return render(c, inspection, key, values, { errors: e.fields.map((f) => ({ href: '#on-day', text: f.message })), dateParts: ['day', 'month', 'year'], field: 'on' });
    }
  });

  return routes;
}
