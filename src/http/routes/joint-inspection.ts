// A joint inspection's page: the partner inspectorates that inspect alongside (checkboxes of those
// the framework allows for the service's nation) and the partner inspectors on the team (added by
// name, inspectorate and optional email; removed one by one). The inspectorate's staff who see the
// team see it; who manages the team (the lead, programme managers, administrators) records it.
// Thin over services/joint-inspection.ts.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { canManageTeam, mayOpen } from '../../domain/access/permissions.ts';
import { listAnd } from '../../domain/text/lists.ts';
import { FieldError } from '../../services/errors.ts';
import { addPartnerInspector, jointInspectionOf, removePartnerInspector, setPartnerInspectorates, type JointInspection } from '../../services/joint-inspection.ts';
import { actingUser, inspectionFor } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { withFlash } from '../flash.ts';
import { fieldErrors, type FormError } from '../form-errors.ts';
import { formText } from '../params.ts';
import { buttonForm, page } from '../render.ts';

interface Failed {
  form: 'inspectorates' | 'inspector';
  errors: FormError[];
  values: { inspectorates?: string[]; name?: string; inspectorate?: string; email?: string };
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
const problemsOf = (e: FieldError): FormError[] => e.fields.map((f) => ({ href: `#${f.field}`, text: f.message }));

/**
 * The inspection overview's summary row: with whom it is inspected jointly and how many partner
 * inspectors are on the team, linked to the page; none for a framework that inspects nobody jointly
 * and has no partner recorded (a PDU inspection's overview is unchanged).
 */
export function jointInspectionSummaryRow(joint: JointInspection, inspectionId: number, mayChange: boolean) {
  if (!joint.offered && !joint.recorded.length) return undefined;
  const partners = joint.recorded.map((p) => p.abbreviation ?? p.name);
  const inspectors = joint.inspectors.length ? `; ${joint.inspectors.length} partner inspector${joint.inspectors.length === 1 ? '' : 's'} on the team` : '';
  const change = mayChange && !joint.signedOff && joint.whyNone === null;
  return {
    key: { text: 'Joint inspection' },
    value: { text: partners.length ? `With ${listAnd(partners)}${inspectors}` : 'No partner inspectorate recorded' },
    actions: { items: [{ href: `/inspections/${inspectionId}/joint-inspection`, text: change ? (partners.length ? 'Change' : 'Record') : 'View', visuallyHiddenText: 'joint inspection' }] },
  };
}

export function jointInspectionRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const jointPage = async (c: Context<AppEnv>, failed?: Failed) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('team'));
    const joint = await jointInspectionOf(db, inspection.id);
    const canRecord = canManageTeam(actor, scope) && !joint.signedOff && joint.whyNone === null;
    const errors = failed?.errors ?? [];
    const byField = fieldErrors(errors);
    const chosen = failed?.form === 'inspectorates' ? (failed.values.inspectorates ?? []) : joint.recorded.map((p) => p.id);
    const inspectorValues = failed?.form === 'inspector' ? failed.values : {};
    return page(
      c,
      'joint-inspection.njk',
      {
        title: `${failed ? 'Error: ' : ''}Joint inspection: ${inspection.title}`,
        inspection,
        section: 'team',
        joint,
        canRecord,
        errors,
        inspectorates: {
          idPrefix: 'inspectorates',
          name: 'inspectorates',
          fieldset: { legend: { text: 'Partner inspectorates inspecting alongside', classes: 'govuk-fieldset__legend--s' } },
          hint: { text: `Those that inspect a ${joint.nation ? `service in ${joint.nation}` : 'service'} with us. Leave all unticked if this is not a joint inspection.` },
          items: joint.allowed.map((p) => ({ value: p.id, text: p.abbreviation ? `${p.name} (${p.abbreviation})` : p.name, hint: { text: `Inspects ${p.inspects}` }, checked: chosen.includes(p.id) })),
          ...(byField.inspectorates ? { errorMessage: byField.inspectorates } : {}),
        },
        inspectorFields: {
          name: { id: 'name', name: 'name', label: { text: 'Name', classes: 'govuk-label--s' }, value: inspectorValues.name ?? '', autocomplete: 'off', spellcheck: false, ...(byField.name ? { errorMessage: byField.name } : {}) },
          inspectorate: {
            idPrefix: 'inspectorate',
            name: 'inspectorate',
            classes: 'govuk-radios--small',
            fieldset: { legend: { text: 'Their inspectorate', classes: 'govuk-fieldset__legend--s' } },
            items: joint.recorded.map((p) => ({ value: p.id, text: p.abbreviation ? `${p.name} (${p.abbreviation})` : p.name, checked: inspectorValues.inspectorate === p.id })),
            ...(byField.inspectorate ? { errorMessage: byField.inspectorate } : {}),
          },
          email: {
            id: 'email',
            name: 'email',
            type: 'email',
            label: { text: 'Email address (optional)', classes: 'govuk-label--s' },
            hint: { text: 'For contacting them about this inspection. They do not sign in with it.' },
            value: inspectorValues.email ?? '',
            autocomplete: 'off',
            spellcheck: false,
            ...(byField.email ? { errorMessage: byField.email } : {}),
          },
        },
        inspectorRows: joint.inspectors.map((p) => [
          { text: p.name },
          { text: p.inspectorateName },
          { text: p.email ?? 'Not given' },
          canRecord
            ? {
                html: buttonForm(c, `/inspections/${inspection.id}/joint-inspection/inspectors/${p.id}/remove`, {
                  text: 'Remove',
                  classes: 'govuk-button--secondary govuk-!-margin-bottom-0',
                  attributes: { 'aria-label': `Remove ${p.name} from the team` },
                }),
              }
            : { text: '' },
        ]),
      },
      failed ? 400 : 200,
    );
  };

  routes.get('/inspections/:id/joint-inspection', (c) => jointPage(c));

  routes.post('/inspections/:id/joint-inspection/inspectorates', async (c) => {
    const { inspection } = await inspectionFor(c, db, canManageTeam);
    const body = await c.req.parseBody({ all: true });
    const inspectorates = asList(body.inspectorates);
    try {
      await setPartnerInspectorates(db, { inspectionId: inspection.id, inspectorates }, actingUser(c));
    } catch (e) {
      if (e instanceof FieldError) return jointPage(c, { form: 'inspectorates', errors: problemsOf(e), values: { inspectorates } });
      throw e;
    }
    return c.redirect(withFlash(`/inspections/${inspection.id}/joint-inspection`, 'partners-saved'), 303);
  });

  routes.post('/inspections/:id/joint-inspection/inspectors', async (c) => {
    const { inspection } = await inspectionFor(c, db, canManageTeam);
    const body = await c.req.parseBody();
    const values = { name: formText(body.name), inspectorate: formText(body.inspectorate), email: formText(body.email) };
    try {
      await addPartnerInspector(db, { inspectionId: inspection.id, ...values }, actingUser(c));
    } catch (e) {
      if (e instanceof FieldError) return jointPage(c, { form: 'inspector', errors: problemsOf(e), values });
      throw e;
    }
    return c.redirect(withFlash(`/inspections/${inspection.id}/joint-inspection#inspectors`, 'partner-inspector-added'), 303);
  });

  routes.post('/inspections/:id/joint-inspection/inspectors/:inspectorId/remove', async (c) => {
    const { inspection } = await inspectionFor(c, db, canManageTeam);
    const inspectorId = Number(c.req.param('inspectorId'));
    await removePartnerInspector(db, { inspectionId: inspection.id, inspectorId: Number.isInteger(inspectorId) ? inspectorId : 0 }, actingUser(c));
    return c.redirect(withFlash(`/inspections/${inspection.id}/joint-inspection#inspectors`, 'partner-inspector-removed'), 303);
  });

  return routes;
}
