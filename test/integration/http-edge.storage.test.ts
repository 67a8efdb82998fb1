// The HTTP edge (issue 11): bodies limited before anything reads them, the sign-in return address
// kept on this site, the CSRF token required whatever the Content-Type's case and for any body that
// is not JSON, text the database cannot store refused naming the field, health checks, and the
// request id in the log line, on error pages and in audit events.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAudit } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { createServices } from '../../src/wiring.ts';
import { logger } from '../../src/observability/logger.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

const TOKEN = 'edge-webhook-token-0123456789abcdef01234';
const MB = 1024 * 1024;
let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demoId: number;
let lead: TestSession;

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  app = createApp({ db: handle.db, ...createServices(handle.db, { smsWebhookToken: TOKEN }) });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
});
afterAll(() => handle?.close());

const judgement = () => `/inspections/${demoId}/judgements/1.4`;

/** A raw HTTP/1.1 request on a socket: the headers and only `send` bytes of the body; resolves with the first bytes answered. */
function partialRequest(port: number, head: string, send: Buffer): Promise<{ answer: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head);
      socket.write(send);
    });
    socket.once('data', (chunk) => {
      resolve({ answer: chunk.toString('latin1') });
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describe('request bodies are limited before they are read', () => {
  it('answers a declared 64 MB form with 413 at once, before the body is sent, on a real server', async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // 1 MB of a declared 64 MB: nothing can have read the body, yet the answer comes.
      const head = `POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${64 * MB}\r\n\r\n`;
      const { answer } = await partialRequest(port, head, Buffer.alloc(MB, 'a'));
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      // A streamed (chunked) webhook body is counted as it arrives and stopped at 64 KB.
      const chunk = Buffer.alloc(32 * 1024, 'x');
      const chunked = `POST /sms/inbound HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
      const body = Buffer.concat([0, 1, 2].map(() => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])));
      expect((await partialRequest(port, chunked, body)).answer).toMatch(/^HTTP\/1\.1 413 /);
      // A client that sends the whole (8 MB) body before reading gets the answer too, on a connection still usable.
      const res = await fetch(`http://127.0.0.1:${port}/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${port}` }, body: `a=${'x'.repeat(8 * MB)}` });
      expect(res.status).toBe(413);
      expect(await res.text()).toContain('The form is too large');
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers 413 with a GOV.UK page for pages and JSON for the API and the webhook', async () => {
    const big = `a=${'x'.repeat(MB + 1)}`;
    const page = await app.request('/sign-in', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', 'content-length': String(big.length) }, body: big });
    expect(page.status).toBe(413);
    const html = await page.text();
    expect(html).toContain('govuk-heading-l');
    expect(html).toContain('The request must be smaller than 1 MB');
    expect(html).toContain(`Reference: ${page.headers.get('x-request-id')}`);
    const api = await app.request('/api/inspections', { method: 'POST', headers: { 'content-type': 'application/json', cookie: lead.cookie, 'content-length': String(big.length) }, body: big });
    expect(api.status).toBe(413);
    expect(await api.json()).toMatchObject({ error: 'too-large' });
    const hook = await app.request('/sms/inbound', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ id: 'big', source_number: '447700900001', message: 'x'.repeat(70 * 1024) }) });
    expect(hook.status).toBe(413);
  });

  it('lets a file upload take up to 20 MB and no more', async () => {
    const upload = (bytes: number) => {
      const form = new FormData();
      form.set('_csrf', lead.csrfToken);
      form.set('caseload', new File([new Uint8Array(bytes).fill(0x41)], 'caseload.csv'));
      return app.request(`/inspections/${demoId}/sample/caseload`, { method: 'POST', headers: { cookie: lead.cookie, origin: 'http://localhost' }, body: form });
    };
    expect((await upload(2 * MB)).status).not.toBe(413);
    const refused = await upload(21 * MB);
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain('The file must be smaller than 20 MB');
  });
});

describe('the return address after signing in', () => {
  it('never leaves the site, for any of the forms a browser reads as another host', async () => {
    for (const returnTo of ['/%5C127.0.0.2:3999/x', '//127.0.0.2/x', '/%09/127.0.0.2', 'https://127.0.0.2/x', '/%2F127.0.0.2', '/.//127.0.0.2', '/%0D%0A/127.0.0.2']) {
      const res = await app.request(`/sign-in?returnTo=${returnTo}`, { headers: { cookie: lead.cookie } });
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get('location')!, 'http://localhost/sign-in').origin).toBe('http://localhost');
      expect(res.headers.get('location')).toBe('/');
    }
    const home = await app.request('/sign-in?returnTo=%2Finspections%3Fx%3D1', { headers: { cookie: lead.cookie } });
    expect(home.headers.get('location')).toBe('/inspections?x=1');
  });
});

describe('the CSRF token', () => {
  const post = (type: string | undefined, body: string, extra: Record<string, string> = {}) =>
    app.request(judgement(), { method: 'POST', headers: { cookie: lead.cookie, origin: 'http://localhost', ...(type ? { 'content-type': type } : {}), ...extra }, body });

  it('is required whatever the letter case of the form media type', async () => {
    for (const type of ['Application/X-WWW-Form-Urlencoded', 'APPLICATION/X-WWW-FORM-URLENCODED; charset=UTF-8', ' application/x-www-form-urlencoded'])
      expect((await post(type, 'rating=Good&rationale=forged')).status).toBe(403);
    // With the token, the same media type is read and accepted.
    expect((await post('Application/X-WWW-Form-Urlencoded', `_csrf=${lead.csrfToken}&rating=Good&rationale=Mixed+case+is+still+a+form`)).status).toBe(303);
  });

  it('is required for text/plain, unknown and missing body types, in the X-CSRF-Token header', async () => {
    for (const type of ['text/plain', 'Text/Plain', 'application/octet-stream', 'application/xml', undefined]) expect((await post(type, 'rating=Good')).status).toBe(403);
    expect((await post('text/plain', 'anything', { 'x-csrf-token': lead.csrfToken })).status).not.toBe(403);
  });

  it('lets JSON through only from this origin (no cross-site page can send it without a preflight)', async () => {
    expect((await post('application/json', '{}', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('application/json', '{}')).status).not.toBe(403);
  });
});

describe('text the database cannot store', () => {
  it('refuses a NUL in a form field with a 400 naming the field, and saves nothing', async () => {
    const before = (await listAudit(handle.db, { inspectionId: demoId })).length;
    const res = await app.request(judgement(), formPost(lead, { rating: 'Good', rationale: 'fine\u0000then' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('field “rationale” contains a character that cannot be stored');
    expect((await listAudit(handle.db, { inspectionId: demoId })).length).toBe(before);
  });

  it('refuses a NUL in the query or the web address: a page for people, problems for the API', async () => {
    const page = await app.request('/sign-in?returnTo=%2F%00', { headers: { cookie: lead.cookie } });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('field “returnTo”');
    const inPath = await app.request(`/inspections/${demoId}/cases/DEMO%00001`, { headers: { cookie: lead.cookie } });
    expect(inPath.status).toBe(400);
    expect(await inPath.text()).toContain('web address');
    const api = await app.request(`/api/inspections/${demoId}/cases/DEMO%00`, { headers: { cookie: lead.cookie } });
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: 'invalid', problems: [expect.stringContaining('web address')] });
    const query = await app.request(`/api/inspections?x=%00`, { headers: { cookie: lead.cookie } });
    expect(await query.json()).toMatchObject({ problems: [expect.stringMatching(/^x: /)] });
  });
});

describe('health checks', () => {
  it('answers liveness and readiness without a session', async () => {
    const live = await app.request('/health');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await app.request('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('is not ready while a migration this build carries has not run', async () => {
    const name = '0011_audit_request_id';
    const { rows } = await sql<{ timestamp: string }>`select timestamp from kysely_migration where name = ${name}`.execute(handle.db);
    await sql`delete from kysely_migration where name = ${name}`.execute(handle.db);
    try {
      const res = await app.request('/health/ready');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'not-ready', reason: `migrations not yet run: ${name}` });
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${name}, ${rows[0]!.timestamp})`.execute(handle.db);
    }
  });
});

describe('request ids and logs', () => {
  it('logs one line per request: id, method, path without the query, status and duration; no personal data', async () => {
    const info = vi.spyOn(logger, 'info');
    try {
      const res = await app.request('/sign-in?returnTo=%2Fcases%2FDEMO-001&email=someone%40example.org');
      const lines = info.mock.calls.filter(([entry]) => (entry as { path?: string }).path === '/sign-in');
      expect(lines).toHaveLength(1);
      expect(lines[0]![0]).toEqual({ requestId: res.headers.get('x-request-id'), method: 'GET', path: '/sign-in', status: 200, durationMs: expect.any(Number) });
      expect(JSON.stringify(lines)).not.toMatch(/example\.org|DEMO-001|returnTo/);
    } finally {
      info.mockRestore();
    }
  });

  it('keeps a proxy’s plain id, replaces any other, and shows the id on error pages', async () => {
    expect((await app.request('/health', { headers: { 'x-request-id': 'lb-0123456789abcdef' } })).headers.get('x-request-id')).toBe('lb-0123456789abcdef');
    expect((await app.request('/health', { headers: { 'x-request-id': '<b>not an id</b>' } })).headers.get('x-request-id')).not.toContain('<');
    const missing = await app.request('/nowhere', { headers: { cookie: lead.cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(`Reference: ${missing.headers.get('x-request-id')}`);
  });

  it('logs a failure with its request id and stack, and shows the id on the 500 page', async () => {
    const error = vi.spyOn(logger, 'error');
    const failing = createApp({ db: handle.db });
    failing.get('/boom', () => {
      throw new Error('simulated failure');
    });
    try {
      const res = await failing.request('/boom', { headers: { cookie: lead.cookie } });
      expect(res.status).toBe(500);
      const id = res.headers.get('x-request-id')!;
      expect(await res.text()).toContain(`Reference: ${id}`);
      const entry = error.mock.calls.map(([e]) => e as { requestId?: string; err?: Error }).find((e) => e.requestId === id)!;
      expect(entry.err!.stack).toContain('simulated failure');
    } finally {
      error.mockRestore();
    }
  });

  it('stores the request id with the audit events the request caused', async () => {
    const res = await app.request(judgement(), formPost(lead, { rating: 'Good', rationale: 'Request id test' }));
    expect(res.status).toBe(303);
    const event = (await listAudit(handle.db, { inspectionId: demoId })).at(-1)!;
    expect(event.requestId).toBe(res.headers.get('x-request-id'));
    expect(event.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
