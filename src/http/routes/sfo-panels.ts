// The SFO learning panels' pages: the panels held and a form to record one (/sfo/panels), and each
// panel with its reviews, learning points and actions, where actions are added and moved on
// (/sfo/panels/:id). The SFO QA team and administrators only; thin over src/services/sfo/learning-panels.ts.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { canRecordSfoPanels, canViewSfoReviews } from '../../domain/access/permissions.ts';
import { ACTION_STATE_NAMES, ACTION_STATES, lines, PanelSchema } from '../../domain/sfo/learning-panel.ts';
import { dateInputItems, readDateInput, type DateParts } from '../../presenters/date-input.ts';
import { govukDate, govukDateTime } from '../../presenters/govuk-dates.ts';
import { AppError, FieldError, fieldProblems } from '../../services/errors.ts';
import { addPanelAction, changePanelActionState, editLearningPanel, editPanelAction, learningPanels, learningPanelView, recordLearningPanel } from '../../services/sfo/learning-panels.ts';
import { sfoRegions } from '../../services/sfo/register.ts';
import { requirePermission, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import type { FormError } from '../form-errors.ts';
import { idParam } from '../params.ts';
import { escapeHtml, page } from '../render.ts';

type C = Context<AppEnv>;
type Values = Record<string, string>;
const formValues = async (c: C): Promise<Values> => {
  const values: Values = {};
  for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  return values;
};
const fieldErrorsOf = (errors: readonly FormError[]) => Object.fromEntries(errors.map((e) => [e.href.slice(1).replace(/-(day|month|year)$/, ''), { text: e.text }]));
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const PANEL_FIELDS: Record<string, { href: string; name: string }> = {
  title: { href: '#title', name: 'The panel’s name' },
  heldOn: { href: '#heldOn-day', name: 'The date the panel met' },
  agencies: { href: '#agencies', name: 'The agencies' },
  reviewRefs: { href: '#reviewRefs', name: 'The reviews' },
  learningPoints: { href: '#learningPoints', name: 'The learning points' },
};
const ACTION_FIELDS: Record<string, { href: string; name: string }> = {
  description: { href: '#description', name: 'The action' },
  owner: { href: '#owner', name: 'The owner' },
  dueOn: { href: '#dueOn-day', name: 'The due date' },
  region: { href: '#region', name: 'The region' },
  state: { href: '#state', name: 'The state' },
  note: { href: '#note', name: 'The reason' },
};

/** A service's problem as the error summary says it: "give …" or "name …" alone, otherwise said of its field. */
function sentence(fields: Record<string, { href: string; name: string }>, field: string, message: string): FormError {
  const f = fields[field] ?? { href: `#${field}`, name: field };
  const text = /^(give|name|choose|say|the action|a |an |[A-Z0-9-]+ (is|are) not)/.test(message) ? capital(message) : `${f.name} ${message.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => govukDate(iso))}`;
  return { href: f.href, text };
}

/** The panel form read: its input for the rules, whether its date was readable, and its problems as the error summary lists them, in the form's order. */
function readPanelForm(values: Values) {
  const heldOn = readDateInput(values, 'heldOn', 'the date the panel met');
  const dateErrors: FormError[] = heldOn.ok ? [] : [{ href: heldOn.href, text: heldOn.message }];
  const input = {
    heldOn: heldOn.ok ? heldOn.date : '2000-01-01',
    title: values.title ?? '',
    agencies: lines(values.agencies ?? ''),
    reviewRefs: lines(values.reviewRefs ?? '').flatMap((l) => l.split(/[\s,;]+/)).filter(Boolean),
    learningPoints: lines(values.learningPoints ?? ''),
  };
  const order = Object.keys(PANEL_FIELDS);
  const errors = (fields: readonly { field: string; message: string }[]) => {
    const all = [...dateErrors, ...fields.filter((f) => f.field !== 'heldOn' || heldOn.ok).map((f) => sentence(PANEL_FIELDS, f.field, f.message))];
    const key = (x: FormError) => order.findIndex((k) => PANEL_FIELDS[k]!.href === x.href);
    return all.sort((a, b) => key(a) - key(b));
  };
  return { input, dateOk: heldOn.ok, dateParts: heldOn.ok ? undefined : heldOn.parts, errors };
}

const stateTag = (state: string, overdue: boolean) =>
  `<strong class="govuk-tag ${state === 'completed' ? 'govuk-tag--green' : state === 'withdrawn' ? 'govuk-tag--grey' : overdue ? 'govuk-tag--red' : 'govuk-tag--blue'}">${escapeHtml(ACTION_STATE_NAMES[state as keyof typeof ACTION_STATE_NAMES] ?? state)}${overdue ? ' (overdue)' : ''}</strong>`;

export function sfoPanelRoutes(db: Db) {
  const routes = new Hono<AppEnv>();

  const panelsPage = async (c: C, state: { errors?: FormError[]; values?: Values; dateParts?: DateParts[] } = {}, status: 200 | 400 = 200) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const panels = await learningPanels(db);
    const errors = state.errors ?? [];
    const values = state.values ?? {};
    return page(
      c,
      'sfo-panels.njk',
      {
        title: 'Learning panels',
        activeNav: 'sfo',
        errors,
        fieldErrors: fieldErrorsOf(errors),
        values,
        recorded: c.req.query('recorded') === '1',
        mayRecord: canRecordSfoPanels(actor),
        heldOnItems: dateInputItems(values, 'heldOn', undefined, state.dateParts),
        panelRows: panels.map((p) => [
          { html: `<a class="govuk-link" href="/sfo/panels/${p.id}">${escapeHtml(p.title)}</a>` },
          { text: govukDate(p.heldOn), attributes: { 'data-sort-value': p.heldOn } },
          { text: p.agencies.join(', ') },
          { text: String(p.reviews), format: 'numeric' },
          { text: String(p.openActions), format: 'numeric' },
          { text: String(p.overdueActions), format: 'numeric' },
        ]),
      },
      status,
    );
  };

  routes.get('/sfo/panels', (c) => panelsPage(c));

  routes.post('/sfo/panels', async (c) => {
    requirePermission(c, canRecordSfoPanels);
    const values = await formValues(c);
    const form = readPanelForm(values);
    const refuse = (fields: readonly { field: string; message: string }[]) => panelsPage(c, { errors: form.errors(fields), values, ...(form.dateParts ? { dateParts: form.dateParts } : {}) }, 400);
    // Checked here first so that a bad date and the other fields' problems are listed together.
    const checked = PanelSchema.safeParse(form.input);
    if (!form.dateOk || !checked.success) return refuse(checked.success ? [] : fieldProblems(checked.error));
    try {
      const id = await recordLearningPanel(db, form.input, actingUser(c));
      return c.redirect(`/sfo/panels/${id}?recorded=1`, 303);
    } catch (e) {
      if (e instanceof FieldError) return refuse(e.fields);
      throw e;
    }
  });

  const panelPage = async (c: C, state: { errors?: FormError[]; values?: Values; dateParts?: DateParts[] } = {}, status: 200 | 400 = 200) => {
    const actor = requirePermission(c, canViewSfoReviews);
    const view = await learningPanelView(db, idParam(c));
    const errors = state.errors ?? [];
    const values = state.values ?? {};
    const p = view.panel;
    const regions = await sfoRegions(db);
    return page(
      c,
      'sfo-panel.njk',
      {
        title: p.title,
        activeNav: 'sfo',
        errors,
        fieldErrors: fieldErrorsOf(errors),
        values,
        panel: p,
        banner: { recorded: 'The learning panel has been recorded.', edited: 'The learning panel has been changed.', added: 'The action has been added.', changed: 'The action has been updated.', 'action-edited': 'The action has been changed.' }[c.req.query('done') ?? (c.req.query('recorded') ? 'recorded' : '')],
        mayRecord: canRecordSfoPanels(actor),
        summaryRows: [
          { key: { text: 'Date' }, value: { text: govukDate(p.heldOn) } },
          { key: { text: 'Agencies attending' }, value: { html: `<ul class="govuk-list">${p.agencies.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` } },
          { key: { text: 'Regions of the reviews' }, value: { text: view.regions.join(', ') } },
          { key: { text: 'Recorded' }, value: { text: govukDateTime(p.createdAt) } },
        ],
        reviewRows: view.reviews.map((r) => [{ text: r.reviewRef }, { text: r.region }]),
        learningPoints: p.learningPoints,
        actionRows: view.actions.map((a, i) => [
          canRecordSfoPanels(actor)
            ? { html: `${escapeHtml(a.description)}<br><a class="govuk-link govuk-body-s" href="/sfo/panels/${p.id}/actions/${a.id}/edit">Edit<span class="govuk-visually-hidden"> action ${i + 1}</span></a>` }
            : { text: a.description },
          { text: a.owner },
          { text: a.regions.join(', ') },
          { text: govukDate(a.dueOn), attributes: { 'data-sort-value': a.dueOn } },
          { html: stateTag(a.state, a.overdue) + (a.stateNote ? `<p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">${escapeHtml(a.stateNote)}</p>` : '') },
        ]),
        heldOn: p.heldOn,
        dueItems: dateInputItems(values, 'dueOn', undefined, state.dateParts),
        regionItems: [{ value: '', text: 'The regions of the reviews discussed' }, ...regions.map((r) => ({ value: r, text: r, selected: r === values.region }))],
        actionItems: [{ value: '', text: 'Choose an action' }, ...view.actions.map((a) => ({ value: String(a.id), text: `${a.description.slice(0, 80)} (${ACTION_STATE_NAMES[a.state].toLowerCase()})`, selected: values.actionId === String(a.id) }))],
        stateItems: ACTION_STATES.map((s) => ({ value: s, text: ACTION_STATE_NAMES[s], checked: values.state === s })),
      },
      status,
    );
  };

  routes.get('/sfo/panels/:id', (c) => panelPage(c));

  // Editing a panel: its date, name, agencies, reviews discussed and learning points (actions are moved on on its page).
  const editPage = async (c: C, state: { errors?: FormError[]; values?: Values; dateParts?: DateParts[] } = {}, status: 200 | 400 = 200) => {
    requirePermission(c, canRecordSfoPanels);
    const view = await learningPanelView(db, idParam(c));
    const p = view.panel;
    const [year, month, day] = p.heldOn.split('-');
    const values = state.values ?? {
      title: p.title,
      'heldOn-day': String(Number(day)),
      'heldOn-month': String(Number(month)),
      'heldOn-year': year!,
      agencies: p.agencies.join('\n'),
      reviewRefs: view.reviews.map((r) => r.reviewRef).join('\n'),
      learningPoints: p.learningPoints.join('\n'),
    };
    const errors = state.errors ?? [];
    return page(c, 'sfo-panel-edit.njk', { title: `Edit ${p.title}`, activeNav: 'sfo', errors, fieldErrors: fieldErrorsOf(errors), values, panel: p, heldOnItems: dateInputItems(values, 'heldOn', undefined, state.dateParts) }, status);
  };

  routes.get('/sfo/panels/:id/edit', (c) => editPage(c));

  routes.post('/sfo/panels/:id/edit', async (c) => {
    requirePermission(c, canRecordSfoPanels);
    const id = idParam(c);
    const values = await formValues(c);
    const form = readPanelForm(values);
    const refuse = (fields: readonly { field: string; message: string }[]) => editPage(c, { errors: form.errors(fields), values, ...(form.dateParts ? { dateParts: form.dateParts } : {}) }, 400);
    const checked = PanelSchema.safeParse(form.input);
    if (!form.dateOk || !checked.success) return refuse(checked.success ? [] : fieldProblems(checked.error));
    try {
      await editLearningPanel(db, id, form.input, actingUser(c));
    } catch (e) {
      if (e instanceof FieldError) return refuse(e.fields);
      throw e;
    }
    return c.redirect(`/sfo/panels/${id}?done=edited`, 303);
  });

  routes.post('/sfo/panels/:id/actions', async (c) => {
    requirePermission(c, canRecordSfoPanels);
    const id = idParam(c);
    const values = await formValues(c);
    const due = readDateInput(values, 'dueOn', 'the date the action is due');
    try {
      await addPanelAction(db, id, { description: values.description ?? '', owner: values.owner ?? '', dueOn: due.ok ? due.date : '9999-12-31', ...(values.region ? { region: values.region } : {}) }, actingUser(c));
      if (!due.ok) throw new FieldError([]);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      const errors = [...e.fields.map((f) => sentence(ACTION_FIELDS, f.field, f.message)), ...(due.ok ? [] : [{ href: due.href, text: due.message }])];
      const order = ['#description', '#owner', '#dueOn', '#region'];
      const key = (x: FormError) => order.findIndex((h) => x.href.startsWith(h));
      return panelPage(c, { errors: errors.sort((a, b) => key(a) - key(b)), values, ...(due.ok ? {} : { dateParts: due.parts }) }, 400);
    }
    return c.redirect(`/sfo/panels/${id}?done=added#actions`, 303);
  });

  // Editing an action: what is to be done, its owner and its due date (its state is moved on on the panel's page).
  const actionEditPage = async (c: C, state: { errors?: FormError[]; values?: Values; dateParts?: DateParts[] } = {}, status: 200 | 400 = 200) => {
    requirePermission(c, canRecordSfoPanels);
    const view = await learningPanelView(db, idParam(c));
    const actionId = idParam(c, 'actionId', (text) => `"${text}" is not an action id`);
    const a = view.actions.find((x) => x.id === actionId);
    if (!a) throw new AppError('not-found', `Learning panel ${view.panel.id} has no action ${actionId}`);
    const [year, month, day] = a.dueOn.split('-');
    const values = state.values ?? { description: a.description, owner: a.owner, 'dueOn-day': String(Number(day)), 'dueOn-month': String(Number(month)), 'dueOn-year': year! };
    const errors = state.errors ?? [];
    return page(
      c,
      'sfo-panel-action-edit.njk',
      { title: 'Edit an action', activeNav: 'sfo', errors, fieldErrors: fieldErrorsOf(errors), values, panel: view.panel, action: a, heldOn: govukDate(view.panel.heldOn), dueItems: dateInputItems(values, 'dueOn', undefined, state.dateParts) },
      status,
    );
  };

  routes.get('/sfo/panels/:id/actions/:actionId/edit', (c) => actionEditPage(c));

  routes.post('/sfo/panels/:id/actions/:actionId/edit', async (c) => {
    requirePermission(c, canRecordSfoPanels);
    const id = idParam(c);
    const actionId = idParam(c, 'actionId', (text) => `"${text}" is not an action id`);
    const values = await formValues(c);
    const due = readDateInput(values, 'dueOn', 'the date the action is due');
    try {
      await editPanelAction(db, id, actionId, { description: values.description ?? '', owner: values.owner ?? '', dueOn: due.ok ? due.date : '9999-12-31' }, actingUser(c));
      if (!due.ok) throw new FieldError([]);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      const errors = [...e.fields.filter((f) => f.field !== 'dueOn' || due.ok).map((f) => sentence(ACTION_FIELDS, f.field, f.message)), ...(due.ok ? [] : [{ href: due.href, text: due.message }])];
      const order = ['#description', '#owner', '#dueOn'];
      const key = (x: FormError) => order.findIndex((h) => x.href.startsWith(h));
      return actionEditPage(c, { errors: errors.sort((a, b) => key(a) - key(b)), values, ...(due.ok ? {} : { dateParts: due.parts }) }, 400);
    }
    return c.redirect(`/sfo/panels/${id}?done=action-edited#actions`, 303);
  });

  routes.post('/sfo/panels/:id/action-states', async (c) => {
    requirePermission(c, canRecordSfoPanels);
    const id = idParam(c);
    const values = await formValues(c);
    const actionId = Number(values.actionId);
    if (!Number.isInteger(actionId) || actionId <= 0) return panelPage(c, { errors: [{ href: '#actionId', text: 'Choose the action to update' }], values }, 400);
    try {
      await changePanelActionState(db, id, actionId, { state: values.state ?? '', note: values.note ?? '' }, actingUser(c));
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      return panelPage(c, { errors: e.fields.map((f) => sentence(ACTION_FIELDS, f.field, f.message)), values }, 400);
    }
    return c.redirect(`/sfo/panels/${id}?done=changed#actions`, 303);
  });

  return routes;
}
