// The programme's overview page: its PDU cycles, youth justice selections and programme years.
import { Hono } from 'hono';
import type { Db } from '../../../db/repositories/index.ts';
import { listCycleSummaries } from '../../../services/programme/cycles.ts';
import { canPlanInspections } from '../../../services/programme/permissions.ts';
import { listYears } from '../../../services/programme/years.ts';
import { listStoredSelections } from '../../../services/programme/youth.ts';
import { shortDate } from '../../../presenters/programme-cycle.ts';
import type { AppEnv } from '../../auth.ts';
import { escapeHtml as escape, page } from '../../render.ts';
import { view } from './common.ts';

export function overviewRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/programme', async (c) => {
    const actor = view(c);
    const [cycles, selections, years] = await Promise.all([listCycleSummaries(db), listStoredSelections(db), listYears(db)]);
    return page(c, 'programme-index.njk', {
      title: 'Inspection programme',
      activeNav: 'programme',
      section: 'overview',
      canPlan: canPlanInspections(actor),
      cycleRows: cycles.map((s) => [
        { html: `<a class="govuk-link" href="/programme/cycles/${s.cycle.id}">${escape(s.cycle.title)}</a>` },
        { text: `${shortDate(s.start)}, ${s.years} years` },
        { text: String(s.teams), format: 'numeric' },
        { text: String(s.bookings), format: 'numeric' },
        { text: s.unmet ? `${s.unmet} not met` : 'All met' },
        { text: `${s.cycle.revision}`, format: 'numeric' },
      ]),
      selectionRows: selections.map((s) => [
        { html: `<a class="govuk-link" href="/programme/youth/selections/${s.id}">${escape(s.title)}</a>` },
        { text: shortDate(s.asOf) },
        { text: String(s.seed), format: 'numeric' },
        { text: String(s.selected.length), format: 'numeric' },
      ]),
      yearRows: years.map((y) => [
        { html: `<a class="govuk-link" href="/programme/years/${y.id}">${escape(y.label)}</a>` },
        { text: shortDate(y.startsOn) },
        { text: `${y.fieldworkSlots} fieldwork, ${y.desktopSlots} desktop, ${y.researchSlots} research` },
        { html: `<a class="govuk-link" href="/programme/years/${y.id}/consultation">Consultation<span class="govuk-visually-hidden"> on ${escape(y.label)}</span></a>` },
      ]),
    });
  });
  return routes;
}
