// The lead inspector's pages: domain-one ratings and the diversity judgement, the team and case
// assignment, sign-off and reopening. (The audit trail is in ./audit.ts.)
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/repositories/index.ts';
import { blindListNote } from '../../domain/access/first-assessment.ts';
import { canLeadInspection, canManageTeam, mayOpen } from '../../domain/access/permissions.ts';
import { standardStatus } from '../../domain/assessment/standard-edit.ts';
import { AppError } from '../../services/errors.ts';
import { loadAssessment } from '../../services/inspections.ts';
import {
  assignCaseTo,
  caseAssignments,
  judgementItems,
  recordJudgement,
  removeTeamMember,
  reopen,
  reopenBlocker,
  setTeamMember,
  signOff,
  signOffChecks,
  SignOffRefused,
  storedJudgements,
  teamCandidates,
  teamOf,
} from '../../services/lead-inspector.ts';
import { judgementSurveyEvidence } from '../../services/survey/survey.ts';
import { caseAccess, inspectionFor, actingUser } from '../access.ts';
import { domainOneOverview } from './domain-one.ts';
import type { AppEnv } from '../auth.ts';
import { govukDateTime } from '../../presenters/govuk-dates.ts';
import { actorNamer } from '../../services/audit-trail.ts';
import { withFlash } from '../flash.ts';
import { fieldErrors } from '../form-errors.ts';
import { buttonForm, page, ratingTag } from '../render.ts';
import { formText } from '../params.ts';
import { signOffChecklistView } from '../../presenters/sign-off-page.ts';


export function leadRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const judgementsPage = async (c: Context<AppEnv>, failed?: { itemId: string; rating: string; rationale: string; message: string }) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('judgements'));
    const { framework, items } = await judgementItems(db, inspection.id);
    const stored = new Map((await storedJudgements(db, inspection.id)).map((j) => [j.itemId, j]));
    const editable = canLeadInspection(actor, scope) && inspection.status !== 'signed-off';
    const nameOf = await actorNamer(db);
    return page(
      c,
      'judgements.njk',
      {
        title: `${failed ? 'Error: ' : ''}${framework.regime.judgementsSection}: ${inspection.title}`,
        inspection,
        section: 'judgements',
        surveyEvidence: await judgementSurveyEvidence(db, inspection.id),
        ...(await domainOneOverview(c, db, inspection, actor, scope)),
        editable,
        errors: failed ? [{ href: `#rating-${failed.itemId.replace(/\./g, '-')}`, text: failed.message }] : [],
        items: items.map((item) => {
          const current = stored.get(item.id);
          const values = failed?.itemId === item.id ? failed : { rating: current?.rating ?? '', rationale: current?.rationale ?? '' };
          const key = item.id.replace(/\./g, '-');
          const error = failed?.itemId === item.id ? fieldErrors([{ href: `#rating-${key}`, text: failed.message }])[`rating-${key}`] : undefined;
          return {
            ...item,
            key,
            ratingHtml: ratingTag(current?.rating ?? null, 'Not yet rated'),
            recorded: current && `${nameOf(current.recordedBy)}, ${govukDateTime(current.recordedAt)}`,
            rationale: current?.rationale,
            radios: {
              idPrefix: `rating-${key}`,
              name: 'rating',
              classes: 'govuk-radios--small',
              fieldset: { legend: { text: `Rating for ${item.name}`, classes: 'govuk-fieldset__legend--s' } },
              items: framework.ratingScale.map((r) => ({ value: r, text: r, checked: values.rating === r })),
              ...(error ? { errorMessage: error } : {}),
            },
            textarea: { id: `rationale-${key}`, name: 'rationale', label: { text: 'Rationale' }, value: values.rationale, rows: 5 },
          };
        }),
      },
      failed ? 400 : 200,
    );
  };

  routes.get('/inspections/:id/judgements', (c) => judgementsPage(c));
  routes.post('/inspections/:id/judgements/:itemId', async (c) => {
    const { inspection } = await inspectionFor(c, db, canLeadInspection);
    const body = await c.req.parseBody();
    const input = { itemId: c.req.param('itemId'), rating: formText(body.rating), rationale: formText(body.rationale) };
    try {
      await recordJudgement(db, { inspectionId: inspection.id, ...input }, actingUser(c));
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid') return judgementsPage(c, { ...input, message: e.message });
      throw e;
    }
    return c.redirect(withFlash(`/inspections/${inspection.id}/judgements#item-${input.itemId.replace(/\./g, '-')}`, 'judgement-saved'), 303);
  });

  const teamPage = async (c: Context<AppEnv>, error?: { href: string; text: string }) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('team'));
    const [members, work, { framework, assessment }] = await Promise.all([teamOf(db, inspection.id), caseAssignments(db, inspection.id), loadAssessment(db, inspection.id)]);
    const caseStatus = new Map(
      assessment.cases.map((x) => {
        const statuses = framework.caseStandards.map((s) => standardStatus(s, x).status).filter((s) => s !== 'not-applicable');
        return [x.caseRef, statuses.every((s) => s === 'completed') ? 'completed' : statuses.every((s) => s === 'not-started') ? 'not-started' : 'in-progress'] as const;
      }),
    );
    const count = (userId: number | null, status?: string) => work.filter((w) => w.assignedTo === userId && (!status || caseStatus.get(w.caseRef) === status)).length;
    const canManage = canManageTeam(actor, scope);
    const candidates = canManage ? await teamCandidates(db, members) : [];
    return page(c, 'team.njk', {
      title: `${error ? 'Error: ' : ''}Team and progress: ${inspection.title}`,
      inspection,
      section: 'team',
      errors: error ? [error] : [],
      userIdError: error ? { text: error.text } : undefined,
      canLead: canLeadInspection(actor, scope) && inspection.status !== 'signed-off',
      canManage,
      // A framework that inspects jointly: partner inspectors from other inspectorates are on the joint inspection page.
      jointInspection: framework.regime.jointInspection !== undefined,
      teamRows: members.map((m) => [
        { text: m.displayName },
        { text: m.role === 'lead-inspector' ? 'Lead inspector' : 'Inspector' },
        canManage
          ? {
              html: buttonForm(c, `/inspections/${inspection.id}/team/members/${m.userId}/remove`, {
                text: 'Remove',
                classes: 'govuk-button--secondary govuk-!-margin-bottom-0',
                attributes: { 'aria-label': `Remove ${m.displayName} from the team` },
              }),
            }
          : { text: '' },
      ]),
      candidateItems: [{ value: '', text: 'Select a person' }, ...candidates.map((u) => ({ value: String(u.id), text: `${u.displayName} (${u.role === 'lead-inspector' ? 'lead inspector' : 'inspector'})` }))],
      memberRows: [...members.map((m) => ({ id: m.userId, name: m.displayName })), { id: null, name: 'Not assigned' }].map((m) => [
        { text: m.name },
        { text: String(count(m.id)), format: 'numeric' },
        { text: String(count(m.id, 'completed')), format: 'numeric' },
        { text: String(count(m.id, 'in-progress')), format: 'numeric' },
        { text: String(count(m.id, 'not-started')), format: 'numeric' },
      ]),
      standardRows: framework.caseStandards.map((s) => {
        const statuses = assessment.cases.map((x) => standardStatus(s, x).status);
        const n = (st: string) => String(statuses.filter((x) => x === st).length);
        return [{ text: `${s.id} ${s.name}` }, { text: n('completed'), format: 'numeric' }, { text: n('in-progress'), format: 'numeric' }, { text: n('not-started'), format: 'numeric' }, { text: n('not-applicable'), format: 'numeric' }];
      }),
      assignments: work.map((w) => ({
        id: `assign-${w.caseRef}`,
        name: `case:${w.caseRef}`,
        label: { text: `Inspector for case ${w.caseRef}`, classes: 'govuk-visually-hidden' },
        caseRef: w.caseRef,
        items: [{ value: '', text: 'Not assigned' }, ...members.map((m) => ({ value: String(m.userId), text: m.displayName, selected: w.assignedTo === m.userId }))],
      })),
    }, error ? 400 : 200);
  };
  routes.get('/inspections/:id/team', (c) => teamPage(c));

  routes.post('/inspections/:id/team/members', async (c) => {
    const { inspection } = await inspectionFor(c, db, canManageTeam);
    const body = await c.req.parseBody();
    const userId = Number(body.userId);
    if (!Number.isInteger(userId) || userId < 1) return teamPage(c, { href: '#userId', text: 'Select the person to add' });
    try {
      await setTeamMember(db, { inspectionId: inspection.id, userId, role: body.role === 'lead-inspector' ? 'lead-inspector' : 'inspector' }, actingUser(c));
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid') return teamPage(c, { href: '#userId', text: e.message });
      throw e;
    }
    return c.redirect(withFlash(`/inspections/${inspection.id}/team`, 'member-added'), 303);
  });

  routes.post('/inspections/:id/team/members/:userId/remove', async (c) => {
    const { inspection } = await inspectionFor(c, db, canManageTeam);
    await removeTeamMember(db, { inspectionId: inspection.id, userId: Number(c.req.param('userId')) }, actingUser(c));
    return c.redirect(withFlash(`/inspections/${inspection.id}/team`, 'member-removed'), 303);
  });

  routes.post('/inspections/:id/team/assignments', async (c) => {
    const { inspection } = await inspectionFor(c, db, canLeadInspection);
    const body = await c.req.parseBody();
    const current = new Map((await caseAssignments(db, inspection.id)).map((w) => [w.caseRef, w.assignedTo]));
    for (const [name, value] of Object.entries(body)) {
      if (!name.startsWith('case:') || typeof value !== 'string') continue;
      const caseRef = name.slice(5);
      const userId = value === '' ? null : Number(value);
      if (current.get(caseRef) === userId) continue;
      await assignCaseTo(db, { inspectionId: inspection.id, caseRef, userId }, actingUser(c));
    }
    return c.redirect(withFlash(`/inspections/${inspection.id}/team`, 'assignments-saved'), 303);
  });

  // The checklist before sign-off; after it, the lock and reopening. `refused`: sign-off was just refused.
  const signOffPage = async (c: Context<AppEnv>, error?: string, refused = false) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('sign-off'));
    const open = inspection.status !== 'signed-off';
    const access = open ? await caseAccess(db, actor, scope) : undefined;
    const checklist = open ? signOffChecklistView(inspection.id, await signOffChecks(db, inspection.id, access!.hidden)) : undefined;
    const errors = refused && checklist ? checklist.refusal : error ? [{ href: '#reason', text: error }] : [];
    return page(
      c,
      'sign-off.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}Sign-off: ${inspection.title}`,
        inspection,
        section: 'sign-off',
        canLead: canLeadInspection(actor, scope),
        checklist,
        withheld: access?.hidden.size ? blindListNote(access.hidden) : null,
        reopenBlocker: open ? null : await reopenBlocker(db, inspection.id),
        errors,
        errorTitle: refused ? 'The inspection cannot be signed off yet' : undefined,
        reasonError: error ? { text: error } : undefined,
      },
      errors.length ? 400 : 200,
    );
  };
  routes.get('/inspections/:id/sign-off', (c) => signOffPage(c));
  routes.post('/inspections/:id/sign-off', async (c) => {
    const { inspection } = await inspectionFor(c, db, canLeadInspection);
    try {
      await signOff(db, inspection.id, actingUser(c));
    } catch (e) {
      if (e instanceof SignOffRefused) return signOffPage(c, undefined, true);
      throw e;
    }
    return c.redirect(withFlash(`/inspections/${inspection.id}/sign-off`, 'signed-off'), 303);
  });
  routes.post('/inspections/:id/reopen', async (c) => {
    const { inspection } = await inspectionFor(c, db, canLeadInspection);
    const reason = z.string().safeParse((await c.req.parseBody()).reason);
    if (!reason.success || !reason.data.trim()) return signOffPage(c, 'Give the reason for reopening the inspection');
    await reopen(db, inspection.id, reason.data, actingUser(c));
    return c.redirect(withFlash(`/inspections/${inspection.id}/sign-off`, 'reopened'), 303);
  });

  return routes;
}
