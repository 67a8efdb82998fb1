// Rows of the access matrix that depend on who is looking and when: the inspected service's staff
// at each stage of the report (service-embargo.storage.test.ts walks them), and a second assessor
// working blind on a case (blind-assessment.storage.test.ts walks them). Every GET route of an
// inspection, page or API, needs a service row here, so nothing new reaches the service by accident.
import type { ReportStatus } from '../../../src/domain/publication/workflow.ts';
import type { Expect } from './matrix.ts';

export const STAGES = ['draft', 'factual-accuracy', 'embargoed', 'published'] as const satisfies readonly ReportStatus[];
export type Stage = (typeof STAGES)[number];

export interface StageContext {
  demoId: number;
  /** The case the blind second assessor is assessing. */
  blindCase: string;
}

export interface ServiceStageRow {
  route: string;
  path: (ctx: StageContext) => string;
  /** The service's own staff, at each stage of the report. */
  expect: Record<Stage, Expect>;
}

const NEVER: Record<Stage, Expect> = { draft: 403, 'factual-accuracy': 403, embargoed: 403, published: 403 };
const ALWAYS: Record<Stage, Expect> = { draft: 200, 'factual-accuracy': 200, embargoed: 200, published: 200 };
/** The draft report and the comment form: from the factual accuracy check on. */
const FROM_DRAFT_REPORT: Record<Stage, Expect> = { draft: 403, 'factual-accuracy': 200, embargoed: 200, published: 200 };
const ONCE_PUBLISHED: Record<Stage, Expect> = { draft: 403, 'factual-accuracy': 403, embargoed: 403, published: 200 };
/** Shown without findings (the embargo notice) until publication. */
const EMBARGOED_UNTIL_PUBLISHED: Record<Stage, Expect> = { draft: 'embargoed', 'factual-accuracy': 'embargoed', embargoed: 'embargoed', published: 200 };

const page = (suffix: string) => (ctx: StageContext) => `/inspections/${ctx.demoId}${suffix}`;
const api = (suffix: string) => (ctx: StageContext) => `/api/inspections/${ctx.demoId}${suffix}`;

export const serviceStageRows: ServiceStageRow[] = [
  // The service's own tasks: the embargo notice on it until publication.
  { route: '/inspections/:id', path: page(''), expect: EMBARGOED_UNTIL_PUBLISHED },
  { route: '/inspections/:id/sample', path: page('/sample'), expect: ALWAYS },
  { route: '/inspections/:id/survey', path: page('/survey'), expect: ALWAYS },
  // The check of an uploaded contact list: theirs to make (no list held here, so 400 naming why).
  { route: '/inspections/:id/survey/contacts/check', path: page('/survey/contacts/check?upload=none'), expect: { draft: 400, 'factual-accuracy': 400, embargoed: 400, published: 400 } },
  // The timeline is the inspectorate's plan: moving a milestone is never the service's.
  { route: '/inspections/:id/timeline/:milestone', path: page('/timeline/publication'), expect: NEVER },
  { route: '/inspections/:id/report', path: page('/report'), expect: FROM_DRAFT_REPORT },
  { route: '/inspections/:id/report', path: page('/report?format=pdf'), expect: FROM_DRAFT_REPORT },
  { route: '/inspections/:id/publication', path: page('/publication'), expect: FROM_DRAFT_REPORT },
  // Publishing at once is the lead's: the inspected service never reaches the confirmation page.
  { route: '/inspections/:id/publication/publish-now', path: page('/publication/publish-now'), expect: NEVER },
  { route: '/inspections/:id/action-plan', path: page('/action-plan'), expect: ONCE_PUBLISHED },
  // The inspectorate's workings: never, at any stage.
  { route: '/inspections/:id/cases', path: page('/cases'), expect: NEVER },
  { route: '/inspections/:id/cases/:caseRef', path: page('/cases/DEMO-002'), expect: NEVER },
  { route: '/inspections/:id/cases/:caseRef/standards/:standardId', path: page('/cases/DEMO-002/standards/2.2'), expect: NEVER },
  { route: '/inspections/:id/cases/:caseRef/second', path: (ctx) => `/inspections/${ctx.demoId}/cases/${ctx.blindCase}/second`, expect: NEVER },
  { route: '/inspections/:id/cases/:caseRef/second/standards/:standardId', path: (ctx) => `/inspections/${ctx.demoId}/cases/${ctx.blindCase}/second/standards/2.2`, expect: NEVER },
  { route: '/inspections/:id/judgements', path: page('/judgements'), expect: NEVER },
  // Domain one's evidence and its forms: the inspectorate's own at every stage.
  { route: '/inspections/:id/domain-one/:standardId', path: page('/domain-one/1.1'), expect: NEVER },
  { route: '/inspections/:id/domain-one/:standardId/evidence/new', path: page('/domain-one/1.1/evidence/new'), expect: NEVER },
  { route: '/inspections/:id/domain-one/:standardId/evidence/:evidenceId', path: page('/domain-one/1.1/evidence/1'), expect: NEVER },
  { route: '/inspections/:id/domain-one/:standardId/evidence/:evidenceId/withdraw', path: page('/domain-one/1.1/evidence/1/withdraw'), expect: NEVER },
  // Drafts of the report's text: the service reads only the draft report itself, from the factual accuracy check.
  { route: '/inspections/:id/report-writing', path: page('/report-writing'), expect: NEVER },
  { route: '/inspections/:id/report-writing/:section', path: page('/report-writing/overall-findings'), expect: NEVER },
  { route: '/inspections/:id/report-writing/:section/compare', path: page('/report-writing/overall-findings/compare'), expect: NEVER },
  { route: '/inspections/:id/team', path: page('/team'), expect: NEVER },
  { route: '/inspections/:id/joint-inspection', path: page('/joint-inspection'), expect: NEVER },
  { route: '/inspections/:id/quality', path: page('/quality'), expect: NEVER },
  { route: '/inspections/:id/sign-off', path: page('/sign-off'), expect: NEVER },
  { route: '/inspections/:id/audit', path: page('/audit'), expect: NEVER },
  { route: '/inspections/:id/audit', path: page('/audit?format=csv'), expect: NEVER },
  { route: '/inspections/:id/export.xlsx', path: page('/export.xlsx'), expect: NEVER },
  { route: '/inspections/:id/survey/results', path: page('/survey/results'), expect: NEVER },
  { route: '/inspections/:id/survey/follow-ups', path: page('/survey/follow-ups'), expect: NEVER },
  // The JSON API: the same rules.
  { route: '/api/inspections', path: () => '/api/inspections', expect: EMBARGOED_UNTIL_PUBLISHED },
  { route: '/api/inspections/:id', path: api(''), expect: EMBARGOED_UNTIL_PUBLISHED },
  { route: '/api/inspections/:id/ratings', path: api('/ratings'), expect: ONCE_PUBLISHED },
  { route: '/api/inspections/:id/cases', path: api('/cases'), expect: NEVER },
  { route: '/api/inspections/:id/cases/:caseRef', path: api('/cases/DEMO-002'), expect: NEVER },
  { route: '/api/inspections/:id/export', path: api('/export?format=csv'), expect: NEVER },
  { route: '/api/inspections/:id/export', path: api('/export?format=json'), expect: NEVER },
  { route: '/api/inspections/:id/audit', path: api('/audit'), expect: NEVER },
];

export interface BlindRow {
  method: 'GET' | 'POST';
  route: string;
  path: (ctx: StageContext) => string;
  /** The second assessor before they submit. */
  expect: number;
  /** What in a 200 answer would give the first assessment away; null when nothing does. */
  leak?: (body: string, ctx: StageContext) => string | null;
}

const found = (what: string, present: boolean) => (present ? what : null);
const json = <T>(body: string) => JSON.parse(body) as T;

/** Every route that carries case-level answers (or could), for the blind second assessor. */
export const blindRows: BlindRow[] = [
  {
    method: 'GET',
    route: '/inspections/:id',
    path: page(''),
    expect: 200,
    leak: (b, ctx) => found('a quality flag on the case', b.includes(`/cases/${encodeURIComponent(ctx.blindCase)}/standards/`)),
  },
  { method: 'GET', route: '/inspections/:id/cases', path: page('/cases'), expect: 200, leak: (b, ctx) => found('a link to the case', b.includes(`/cases/${ctx.blindCase}"`)) },
  { method: 'GET', route: '/inspections/:id/cases/:caseRef', path: (ctx) => `/inspections/${ctx.demoId}/cases/${ctx.blindCase}`, expect: 403 },
  { method: 'GET', route: '/inspections/:id/cases/:caseRef/standards/:standardId', path: (ctx) => `/inspections/${ctx.demoId}/cases/${ctx.blindCase}/standards/2.2`, expect: 403 },
  { method: 'POST', route: '/inspections/:id/cases/:caseRef/standards/:standardId', path: (ctx) => `/inspections/${ctx.demoId}/cases/${ctx.blindCase}/standards/2.2`, expect: 403 },
  { method: 'GET', route: '/inspections/:id/cases/:caseRef/second', path: (ctx) => `/inspections/${ctx.demoId}/cases/${ctx.blindCase}/second`, expect: 200 },
  {
    method: 'GET',
    route: '/inspections/:id/cases/:caseRef/second/standards/:standardId',
    path: (ctx) => `/inspections/${ctx.demoId}/cases/${ctx.blindCase}/second/standards/2.2`,
    expect: 200,
    leak: (b) => found('an answer already chosen on the blank second assessment', /type="radio"[^>]*\schecked/.test(b)),
  },
  { method: 'GET', route: '/inspections/:id/export.xlsx', path: page('/export.xlsx'), expect: 403 },
  { method: 'GET', route: '/inspections/:id/report', path: page('/report'), expect: 200, leak: (b, ctx) => found('the case named in the report', b.includes(ctx.blindCase)) },
  { method: 'GET', route: '/inspections/:id/quality', path: page('/quality'), expect: 200, leak: (b, ctx) => found('a disagreement on the case', new RegExp(`${ctx.blindCase}</(td|th)>\\s*<td[^>]*>\\s*\\d\\.\\d\\.\\d`).test(b)) },
  { method: 'GET', route: '/inspections/:id/team', path: page('/team'), expect: 200 },
  {
    method: 'GET',
    route: '/api/inspections/:id',
    path: api(''),
    expect: 200,
  },
  {
    method: 'GET',
    route: '/api/inspections/:id/ratings',
    path: api('/ratings'),
    expect: 200,
    leak: (b, ctx) => found('a quality flag on the case', json<{ flags: { caseRef: string }[] }>(b).flags.some((f) => f.caseRef === ctx.blindCase)),
  },
  {
    method: 'GET',
    route: '/api/inspections/:id/cases',
    path: api('/cases'),
    expect: 200,
    leak: (b, ctx) => found('the case’s answers', json<{ cases: { caseRef: string }[] }>(b).cases.some((c) => c.caseRef === ctx.blindCase)),
  },
  { method: 'GET', route: '/api/inspections/:id/cases/:caseRef', path: (ctx) => `/api/inspections/${ctx.demoId}/cases/${ctx.blindCase}`, expect: 403 },
  { method: 'GET', route: '/api/inspections/:id/export', path: api('/export?format=csv'), expect: 403 },
  { method: 'GET', route: '/api/inspections/:id/export', path: api('/export?format=json'), expect: 403 },
];
