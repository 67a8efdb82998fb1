// "Your cases": an inspector's own work across inspections (the cases assigned to them and their
// second assessments), the page they land on after signing in.
import { Hono } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { hasOwnCaseWork } from '../../domain/access/landing.ts';
import { govukDate } from '../../presenters/govuk-dates.ts';
import { ownWork } from '../../services/own-work.ts';
import { requirePermission } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { demoTag, escapeHtml, page, renderMacro } from '../render.ts';
import { statusTag } from './cases.ts';

const SECOND_STATE = {
  'not-started': { text: 'Not started', classes: 'govuk-tag--grey' },
  'in-progress': { text: 'In progress', classes: 'govuk-tag--light-blue' },
  submitted: { text: 'Submitted', classes: 'govuk-tag--green' },
} as const;

export function ownWorkRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/my-cases', async (c) => {
    const actor = requirePermission(c, hasOwnCaseWork);
    const work = await ownWork(db, actor);
    return page(c, 'own-cases.njk', {
      title: 'Your cases',
      activeNav: 'own-cases',
      inspections: work.map(({ inspection: i, cases, seconds }) => {
        const base = `/inspections/${i.id}`;
        const caseHref = (ref: string) => `${base}/cases/${encodeURIComponent(ref)}`;
        const left = cases.filter((x) => x.status !== 'completed').length;
        return {
          id: i.id,
          titleHtml: `<a class="govuk-link" href="${base}">${escapeHtml(i.title)}</a>${demoTag(i.isDemo)}`,
          fieldwork: `${govukDate(i.fieldworkStart)} to ${govukDate(i.fieldworkEnd)}`,
          summary: cases.length ? `${cases.length} case${cases.length === 1 ? '' : 's'} assigned to you, ${left ? `${left} still to complete` : 'all completed'}` : 'No cases assigned to you',
          caseRows: cases.map((x) => [
            { html: `<a class="govuk-link" href="${escapeHtml(caseHref(x.caseRef))}">${escapeHtml(x.caseRef)}</a>` },
            { text: `${x.completed} of ${x.standards}`, format: 'numeric' },
            { html: statusTag(x.status) },
          ]),
          secondRows: seconds.map((s) => [
            { html: s.state === 'submitted' ? escapeHtml(s.caseRef) : `<a class="govuk-link" href="${escapeHtml(caseHref(s.caseRef))}/second">${escapeHtml(s.caseRef)}<span class="govuk-visually-hidden">: second assessment</span></a>` },
            { html: renderMacro('govuk/components/tag', 'govukTag', SECOND_STATE[s.state]) },
          ]),
        };
      }),
    });
  });

  return routes;
}
