// The inspected service at each stage of its report: its own tasks before the draft comes, then
// the draft report and the comment form (factual accuracy check and embargo), then what the public
// sees and its action plan. Never the inspectorate's workings (case judgements, evidence, QA, the
// team and its workloads, survey free text, the audit trail), on any page, API route or export,
// and never a link to something it cannot open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveReport } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { addRecipient, addRecommendationTo } from '../../src/services/publication.ts';
import { serviceStageRows, STAGES, type Stage, type StageContext } from './access/rows-stages.ts';
import type { Expect } from './access/matrix.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { daysAfter } from '../../src/domain/time/clock.ts';
import { pinClock } from '../support/clock.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let ctx: StageContext;
let leeds: TestSession;
let sheffield: TestSession;

const isoDay = (offset: number) => daysAfter(clock.today(), offset);
const FINDINGS_TEXT = 'Work to keep people safe was not good enough.';

beforeAll(async () => {
  const demo = await openDemoTestDatabase();
  handle = demo.handle;
  const demoId = demo.demoId;
  ctx = { demoId, blindCase: 'DEMO-001' };
  app = createApp({ db: handle.db });
  leeds = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
  sheffield = await signedIn(handle.db, 'service-staff', { service: 'Sheffield' });
  await addRecommendationTo(handle.db, { inspectionId: demoId, addressedTo: 'pdu', text: 'Improve risk of harm assessment.' }, 'test');
  await addRecipient(handle.db, { inspectionId: demoId, name: 'Internal Recipient', email: 'recipient@justice.example', organisation: 'HMPPS' }, 'test');
});
afterAll(() => handle?.close());

/** Puts the report at a stage directly: this test is about who sees what, not the moves between stages. */
async function atStage(stage: Stage): Promise<void> {
  const publishOn = stage === 'embargoed' ? isoDay(30) : stage === 'published' ? isoDay(-1) : null;
  await saveReport(handle.db, { inspectionId: ctx.demoId, status: stage, foreword: 'A foreword.', overallFindings: FINDINGS_TEXT, publishOn, updatedBy: 'test' });
}

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });

async function outcome(s: TestSession, path: string): Promise<{ result: Expect; text: string }> {
  const res = await get(s, path);
  const text = res.headers.get('content-type')?.startsWith('application/pdf') ? '' : await res.text();
  // The same reading as the access matrix: 200 showing the inspection but none of its findings.
  const embargoed = res.status === 200 && /embargoed until|"embargoed":true/i.test(text) && !/"standards"/.test(text);
  return { result: embargoed ? 'embargoed' : res.status, text };
}

describe('the inspected service, stage by stage', () => {
  it('has a row for every GET route of an inspection, page or API', () => {
    const inspectionRoutes = app.routes
      .filter((r) => r.method === 'GET' && (r.path.startsWith('/inspections/:id') || r.path.startsWith('/api/inspections')))
      .map((r) => r.path.replace(/\/$/, ''));
    const covered = new Set(serviceStageRows.map((r) => r.route));
    // A new route of an inspection needs a row in test/integration/access/rows-stages.ts saying what the service sees of it at each stage.
    expect([...new Set(inspectionRoutes)].filter((r) => !covered.has(r))).toEqual([]);
  });

  for (const stage of STAGES)
    describe(`when the report is ${stage}`, () => {
      beforeAll(() => atStage(stage));

      it('opens exactly what the stage allows, to its own staff only', async () => {
        const results: Record<string, Expect> = {};
        const expected: Record<string, Expect> = {};
        for (const row of serviceStageRows) {
          const path = row.path(ctx);
          results[path] = (await outcome(leeds, path)).result;
          expected[path] = row.expect[stage];
        }
        expect(results).toEqual(expected);
        for (const row of serviceStageRows.filter((r) => r.route.startsWith('/inspections/:id') || r.route.startsWith('/api/inspections/:id')))
          expect([row.path(ctx), (await get(sheffield, row.path(ctx))).status]).toEqual([row.path(ctx), 404]);
      });

      it('shows nothing internal on what it opens, and links only to what it may open', async () => {
        const reachable = serviceStageRows.filter((r) => r.expect[stage] !== 403 && !r.path(ctx).includes('format=pdf'));
        for (const row of reachable) {
          const { text } = await outcome(leeds, row.path(ctx));
          // No case is named (case judgements are the inspectorate's), nor the embargo's recipients, nor the inspectors' working.
          expect([row.path(ctx), text.match(/DEMO-\d{3}/)?.[0] ?? null]).toEqual([row.path(ctx), null]);
          expect(text).not.toContain('recipient@justice.example');
          expect(text).not.toMatch(/Quality assurance|Team and progress|Domain one and diversity|Audit trail|Sign-off</);
          const links = new Set([...text.matchAll(new RegExp(`href="(/inspections/${ctx.demoId}[^"#]*)`, 'g'))].map((m) => m[1]!.replace(/&amp;/g, '&')));
          for (const link of links) expect([link, (await get(leeds, link)).status]).toEqual([link, 200]);
        }
      });
    });

  it('lands the service on its own tasks, each linked once the stage opens it', async () => {
    await atStage('draft');
    const draft = (await outcome(leeds, `/inspections/${ctx.demoId}`)).text;
    expect(draft).toContain('Your tasks');
    // The organisation named as the adult framework names it, as before.
    expect(draft).toMatch(/<dt class="govuk-summary-list__key">\s*Probation Delivery Unit\s*<\/dt>/);
    expect(draft).toContain(`href="/inspections/${ctx.demoId}/sample"`);
    expect(draft).toContain(`href="/inspections/${ctx.demoId}/survey"`);
    expect(draft).not.toContain(`href="/inspections/${ctx.demoId}/publication`);
    expect(draft).not.toContain(`href="/inspections/${ctx.demoId}/report"`);
    await atStage('factual-accuracy');
    const check = (await outcome(leeds, `/inspections/${ctx.demoId}`)).text;
    expect(check).toContain(`href="/inspections/${ctx.demoId}/publication#comments"`);
    expect(check).toContain(`href="/inspections/${ctx.demoId}/report"`);
    expect(check).not.toContain(`href="/inspections/${ctx.demoId}/action-plan"`);
    // The comment form, and the draft's text, but not the recipients of the embargoed copy.
    const publication = (await outcome(leeds, `/inspections/${ctx.demoId}/publication`)).text;
    expect(publication).toContain(FINDINGS_TEXT);
    expect(publication).toMatch(/<textarea [^>]*id="comment"/);
    expect(publication).not.toContain('Recipients of the embargoed copy');
    expect((await app.request(`/inspections/${ctx.demoId}/publication/comments`, formPost(leeds, { section: 'Overall findings', comment: 'A fact to correct.' }))).status).toBe(303);
    await atStage('published');
    const published = (await outcome(leeds, `/inspections/${ctx.demoId}`)).text;
    expect(published).toContain(`href="/inspections/${ctx.demoId}/action-plan"`);
    expect(published).not.toContain('embargoed until');
  });
});
