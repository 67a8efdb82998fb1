// The GOV.UK Notify email adapter against a local fake of Notify's API (never the internet): the
// request is the one Notify documents (POST /v2/notifications/email, a JWT signed with the key's
// secret, the template and its personalisation), failures come back as retryable or final and
// never carry the address; and the provider chosen from configuration.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fakeNotifyServer } from '../../../test/support/fake-notify.ts';
import { loadConfig } from '../../config.ts';
import { createEmailSender, EmailSendError, LocalEmailOutbox, NotifyEmailSender } from './index.ts';

const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const API_KEY = `inspectorate_test-${SERVICE_ID}-${SECRET}`;
const TEMPLATE_ID = '9d1b4b1e-4a5e-4c51-8e0c-2f6f0f6f9a11';
const EMAIL = { to: 'rpd@justice.example', subject: 'Embargoed until Monday 5 October 2026', body: 'Dear Director,\n\nOpen your copy here:\nhttp://127.0.0.1:3000/embargoed?link=abc', reference: 'embargo-3-r4-l5' };

const notify = fakeNotifyServer();
const seen = notify.seen;

describe('the GOV.UK Notify email adapter', () => {
  it('sends one email as Notify documents it: the template, the address, subject and body as personalisation, a signed token', async () => {
    notify.respond = (body) => ({
      status: 201,
      json: { id: 'c2f1b4a2-6f0e-4a43-9d3b-1f9a2b8c7d6e', reference: body.reference, content: { body: 'x', subject: 'y', from_email: 'inspectorate@notifications.service.gov.uk' }, uri: '', template: { id: TEMPLATE_ID, version: 1, uri: '' } },
    });
    const sender = new NotifyEmailSender({ apiKey: API_KEY, templateId: TEMPLATE_ID, baseUrl: notify.baseUrl });
    expect(await sender.send(EMAIL)).toEqual({ providerId: 'c2f1b4a2-6f0e-4a43-9d3b-1f9a2b8c7d6e' });
    const request = seen.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v2/notifications/email');
    expect(request.headers['content-type']).toContain('application/json');
    expect(request.body).toEqual({ template_id: TEMPLATE_ID, email_address: EMAIL.to, personalisation: { subject: EMAIL.subject, body: EMAIL.body }, reference: EMAIL.reference });
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization))![1]!;
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect((JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { iss: string }).iss).toBe(SERVICE_ID);
    expect(signature).toBe(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url'));
  });

  it('reports a rate limit or a server error as worth trying again, and a refusal as final, without the address', async () => {
    const sender = new NotifyEmailSender({ apiKey: API_KEY, templateId: TEMPLATE_ID, baseUrl: notify.baseUrl });
    notify.respond = () => ({ status: 429, json: { status_code: 429, errors: [{ error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds' }] } });
    const busy = await sender.send(EMAIL).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(EmailSendError);
    expect(busy).toMatchObject({ retryable: true, status: 429 });
    expect((busy as Error).message).toContain('GOV.UK Notify refused the email (HTTP 429): RateLimitError');
    notify.respond = () => ({ status: 400, json: { status_code: 400, errors: [{ error: 'BadRequestError', message: 'Can’t send to this recipient using a team-only API key (rpd@justice.example)' }] } });
    const refused = await sender.send(EMAIL).catch((e: unknown) => e);
    expect(refused).toMatchObject({ retryable: false, status: 400 });
    expect((refused as Error).message).toContain('team-only API key');
    expect((refused as Error).message).not.toContain('rpd@');
    notify.respond = () => ({ status: 503, json: {} });
    expect(await sender.send(EMAIL).catch((e: unknown) => e)).toMatchObject({ retryable: true, status: 503 });
    notify.respond = () => ({ status: 201, json: {} });
    expect(await sender.send(EMAIL).catch((e: unknown) => e)).toMatchObject({ retryable: false, message: 'GOV.UK Notify accepted the email but gave no id for it' });
  });

  it('treats an unreachable or silent Notify as worth trying again', async () => {
    const unreachable = new NotifyEmailSender({ apiKey: API_KEY, templateId: TEMPLATE_ID, baseUrl: 'http://127.0.0.1:1' });
    expect(await unreachable.send(EMAIL).catch((e: unknown) => e)).toMatchObject({ retryable: true, name: 'EmailSendError' });
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const slow = new NotifyEmailSender({ apiKey: API_KEY, templateId: TEMPLATE_ID, baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 200 });
    expect(await slow.send(EMAIL).catch((e: unknown) => e)).toMatchObject({ retryable: true, message: 'GOV.UK Notify did not answer within 0.2 s' });
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('refuses a key that is not a Notify API key', () => {
    expect(() => new NotifyEmailSender({ apiKey: 'not-a-key', templateId: TEMPLATE_ID })).toThrow(/not a GOV.UK Notify API key/);
  });
});

describe('the local email outbox', () => {
  it('writes each email as a line of JSON, readable by this user only, and lists the newest first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspectorate-email-outbox-'));
    try {
      const outbox = new LocalEmailOutbox(dir);
      const sent = await Promise.all([1, 2, 3].map((n) => outbox.send({ ...EMAIL, reference: `r${n}` })));
      expect(new Set(sent.map((s) => s.providerId)).size).toBe(3);
      const lines = readFileSync(join(dir, 'email-outbox.jsonl'), 'utf8').trim().split('\n');
      expect(lines).toHaveLength(3);
      expect(JSON.parse(lines[0]!)).toMatchObject({ to: EMAIL.to, subject: EMAIL.subject, body: EMAIL.body, reference: 'r1' });
      expect(statSync(outbox.file).mode & 0o077).toBe(0);
      const { entries, total } = await outbox.list(2);
      expect(total).toBe(3);
      expect(entries.map((e) => e.reference)).toEqual(['r3', 'r2']);
      await outbox.close();
      expect(await new LocalEmailOutbox(join(dir, 'none')).list()).toEqual({ entries: [], total: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the email provider from configuration', () => {
  it('is the local outbox under DATA_DIR unless Notify is configured, with links to this server', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/x', PORT: '3491' });
    expect(config.email).toEqual({ provider: 'local', outboxDir: '/tmp/x/outbox' });
    expect(config.serviceUrl).toBe('http://127.0.0.1:3491');
    expect(createEmailSender(config.email)).toBeInstanceOf(LocalEmailOutbox);
  });

  it('is GOV.UK Notify with the API key, an email template and the service’s address, and names what is missing', () => {
    const config = loadConfig({ EMAIL_PROVIDER: 'notify', NOTIFY_API_KEY: API_KEY, NOTIFY_EMAIL_TEMPLATE_ID: TEMPLATE_ID, SERVICE_URL: 'https://inspectorate.example.gov.uk/' });
    expect(config.email).toMatchObject({ provider: 'notify', apiKey: API_KEY, templateId: TEMPLATE_ID });
    expect(config.serviceUrl).toBe('https://inspectorate.example.gov.uk');
    const sender = createEmailSender(config.email);
    expect(sender).toBeInstanceOf(NotifyEmailSender);
    expect(sender.real).toBe(true);
    // Texts stay local: each channel is chosen on its own.
    expect(config.sms.provider).toBe('local');
    expect(() => loadConfig({ EMAIL_PROVIDER: 'notify', NOTIFY_API_KEY: API_KEY })).toThrow(/EMAIL_PROVIDER=notify needs NOTIFY_EMAIL_TEMPLATE_ID and SERVICE_URL/);
    expect(() => loadConfig({ EMAIL_PROVIDER: 'notify', NOTIFY_EMAIL_TEMPLATE_ID: TEMPLATE_ID, SERVICE_URL: 'https://x.example' })).toThrow(/needs NOTIFY_API_KEY/);
    expect(() => loadConfig({ NOTIFY_EMAIL_TEMPLATE_ID: 'template' })).toThrow(/NOTIFY_EMAIL_TEMPLATE_ID: must be the id \(a UUID\) of a Notify email template/);
    expect(() => loadConfig({ SERVICE_URL: 'https://x.example/inspectorate' })).toThrow(/SERVICE_URL: must be the address the service is reached at/);
    expect(() => loadConfig({ EMAIL_PROVIDER: 'pigeon' })).toThrow(/EMAIL_PROVIDER="pigeon": must be local or notify/);
  });
});
