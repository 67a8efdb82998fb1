// The pages and JSON API through app.request(), on a database holding the demonstration inspection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demoId: number;
let lead: TestSession;

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
});
afterAll(() => handle?.close());

const get = (path: string) => app.request(path, { headers: { cookie: lead.cookie } });
const getJson = async (path: string) => {
  const res = await get(path);
  return { status: res.status, body: (await res.json()) };
};

describe('pages', () => {
  it('lists inspections with their overall rating and marks demonstration data', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`href="/inspections/${demoId}">Leeds</a>`);
    expect(html).toContain('Demonstration data');
    expect(html).toMatch(/govuk-tag--(red|orange|turquoise|green)/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self' 'nonce-");
  });

  it('shows every standard with its rating and explanation', async () => {
    const html = await (await get(`/inspections/${demoId}`)).text();
    for (const id of ['1.1', '1.4', '2.1', '2.5', '2.6', '2.7']) expect(html).toContain(`id="standard-${id}"`);
    expect(html).toContain('set by key question');
    expect(html).toContain('95% interval');
    expect(html).toContain('National only');
  });

  it('answers an unknown inspection with a GOV.UK 404 page', async () => {
    for (const path of ['/inspections/9999', '/inspections/abc', '/nowhere']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Page not found');
    }
  });

  it('serves the GOV.UK Frontend assets', async () => {
    expect((await app.request('/assets/govuk-frontend.min.css')).status).toBe(200);
    expect((await app.request('/assets/init.js')).status).toBe(200);
    expect((await app.request('/assets/images/favicon.svg')).status).toBe(200);
  });
});

describe('JSON API', () => {
  it('lists frameworks and returns a framework version with its rules', async () => {
    expect((await getJson('/api/frameworks')).body.frameworks).toEqual([
      expect.objectContaining({ id: 'hmip-adult-pdu', version: '2021' }),
      expect.objectContaining({ id: 'hmip-youth', version: '2018' }),
      expect.objectContaining({ id: 'hmip-youth', version: '2021' }),
    ]);
    const { body } = await getJson('/api/frameworks/hmip-adult-pdu/2021');
    expect(body.rules.keyQuestionBands).toHaveLength(4);
    expect((await getJson('/api/frameworks/hmip-adult-pdu/1999')).status).toBe(404);
  });

  it('lists the 12 regions with their PDUs', async () => {
    const { body } = await getJson('/api/organisations');
    expect(body.regions).toHaveLength(12);
    expect(body.regions.reduce((n: number, r: any) => n + r.pdus.length, 0)).toBe(110);
  });

  it('returns ratings with explanations', async () => {
    const { body } = await getJson(`/api/inspections/${demoId}/ratings`);
    expect(body.standards.map((s: any) => s.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7']);
    const assessment = body.standards.find((s: any) => s.id === '2.2');
    expect(assessment.explanation).toMatchObject({ setBy: expect.stringMatching(/^2\.2\.\d$/), band: expect.any(Object), interval: expect.any(Object) });
    expect(body.overall).toMatchObject({ maxScore: 27, complete: true });
  });

  it('returns the cases and one case', async () => {
    const { body } = await getJson(`/api/inspections/${demoId}/cases`);
    expect(body.cases).toHaveLength(40);
    const one = await getJson(`/api/inspections/${demoId}/cases/${body.cases[0].caseRef}`);
    expect(one.body.caseRef).toBe(body.cases[0].caseRef);
    expect((await getJson(`/api/inspections/${demoId}/cases/NOPE`)).status).toBe(404);
  });

  it('exports the assessments as CSV or JSON and refuses other formats', async () => {
    const csv = await get(`/api/inspections/${demoId}/export?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\n')[0]).toBe('case_ref,item,value');
    const bad = await getJson(`/api/inspections/${demoId}/export?format=xml`);
    expect(bad).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid', message: expect.stringContaining('csv, json') }) });
  });

  it('returns the audit trail of an inspection', async () => {
    const { body } = await getJson(`/api/inspections/${demoId}/audit`);
    // Newest first, as the audit trail page reads; the demonstration records its notice and fieldwork on the timeline.
    expect(body.events.map((e: any) => e.action)).toEqual(['timeline.milestone-done', 'timeline.milestone-done', 'timeline.milestone-done', 'assessments.generated', 'inspection.created']);
  });

  it('answers unknown resources and ids with JSON 404s', async () => {
    expect(await getJson('/api/inspections/0')).toMatchObject({ status: 404, body: { error: 'not-found' } });
    expect(await getJson('/api/nothing')).toMatchObject({ status: 404, body: { error: 'not-found' } });
  });
});
