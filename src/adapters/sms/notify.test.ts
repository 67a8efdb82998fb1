// The GOV.UK Notify adapter against a local fake of Notify's API (never the internet): the request
// is the one Notify documents (POST /v2/notifications/sms, a JWT signed with the key's secret, the
// template and its personalisation), and failures come back as retryable or final.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakeNotifyServer } from '../../../test/support/fake-notify.ts';
import { loadConfig } from '../../config.ts';
import { SmsSendError } from '../../services/survey/sms-sender.ts';
import { createSmsSender, LocalOutboxSender, NotifySmsSender } from './index.ts';

const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const API_KEY = `inspectorate_test-${SERVICE_ID}-${SECRET}`;
const TEMPLATE_ID = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

const notify = fakeNotifyServer();
const seen = notify.seen;

const base64url = (b: Buffer) => b.toString('base64url');

describe('the GOV.UK Notify adapter', () => {
  it('sends one text as Notify documents it: the template, the number, the message as personalisation, a signed token', async () => {
    notify.respond = (body) => ({ status: 201, json: { id: '740e5834-3a29-46b4-9a6f-16142fde533a', reference: body.reference, content: { body: 'x', from_number: 'GOVUK' }, uri: '', template: { id: TEMPLATE_ID, version: 1, uri: '' } } });
    const sender = new NotifySmsSender({ apiKey: API_KEY, templateId: TEMPLATE_ID, baseUrl: notify.baseUrl });
    const result = await sender.send({ to: '+447700900123', body: '1/11 I have been able to access the services I need.', reference: 'survey-3-r45' });
    expect(result).toEqual({ providerId: '740e5834-3a29-46b4-9a6f-16142fde533a' });
    const request = seen.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v2/notifications/sms');
    expect(request.headers['content-type']).toContain('application/json');
    expect(request.body).toEqual({ template_id: TEMPLATE_ID, phone_number: '+447700900123', personalisation: { message: '1/11 I have been able to access the services I need.' }, reference: 'survey-3-r45' });
    // Authorization: Bearer <JWT>, HS256 over header.payload with the key's secret, issued by the service.
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization))![1]!;
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'HS256' });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { iss: string; iat: number };
    expect(claims.iss).toBe(SERVICE_ID);
    expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(30);
    expect(signature).toBe(base64url(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest()));
  });

  it('reports a rate limit or a server error as worth trying again, and a refusal as final, without the number', async () => {
    const sender = new NotifySmsSender({ apiKey: API_KEY, templateId: TEMPLATE_ID, baseUrl: notify.baseUrl });
    notify.respond = () => ({ status: 429, json: { status_code: 429, errors: [{ error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds' }] } });
    const busy = await sender.send({ to: '+447700900123', body: 'x', reference: 'r' }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(SmsSendError);
    expect(busy).toMatchObject({ retryable: true, status: 429 });
    expect((busy as Error).message).toContain('RateLimitError');
    notify.respond = () => ({ status: 400, json: { status_code: 400, errors: [{ error: 'ValidationError', message: 'phone_number +447700900123 is not a valid number' }] } });
    const refused = await sender.send({ to: '+447700900123', body: 'x', reference: 'r' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ retryable: false, status: 400 });
    expect((refused as Error).message).toContain('ValidationError');
    expect((refused as Error).message).not.toContain('7700');
    notify.respond = () => ({ status: 503, json: {} });
    expect(await sender.send({ to: '+447700900123', body: 'x', reference: 'r' }).catch((e: unknown) => e)).toMatchObject({ retryable: true, status: 503 });
  });

  it('treats an unreachable Notify as worth trying again', async () => {
    const sender = new NotifySmsSender({ apiKey: API_KEY, templateId: TEMPLATE_ID, baseUrl: 'http://127.0.0.1:1' });
    expect(await sender.send({ to: '+447700900123', body: 'x', reference: 'r' }).catch((e: unknown) => e)).toMatchObject({ retryable: true, name: 'SmsSendError' });
  });

  it('refuses a key that is not a Notify API key', () => {
    expect(() => new NotifySmsSender({ apiKey: 'not-a-key', templateId: TEMPLATE_ID })).toThrow(/not a GOV.UK Notify API key/);
  });
});

describe('the text provider from configuration', () => {
  it('is the local outbox under DATA_DIR unless Notify is configured', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/x' });
    expect(config.sms).toEqual({ provider: 'local', outboxDir: '/tmp/x/outbox' });
    expect(createSmsSender(config.sms)).toBeInstanceOf(LocalOutboxSender);
    expect(loadConfig({ OUTBOX_DIR: '/tmp/outbox' }).sms).toEqual({ provider: 'local', outboxDir: '/tmp/outbox' });
  });

  it('is GOV.UK Notify with an API key and a template, and names what is missing', () => {
    const config = loadConfig({ SMS_PROVIDER: 'notify', NOTIFY_API_KEY: API_KEY, NOTIFY_SMS_TEMPLATE_ID: TEMPLATE_ID, SMS_WEBHOOK_TOKEN: 'x'.repeat(32) });
    expect(config.sms).toMatchObject({ provider: 'notify', apiKey: API_KEY, templateId: TEMPLATE_ID });
    expect(config.smsWebhookToken).toBe('x'.repeat(32));
    const sender = createSmsSender(config.sms);
    expect(sender).toBeInstanceOf(NotifySmsSender);
    expect(sender.real).toBe(true);
    expect(() => loadConfig({ SMS_PROVIDER: 'notify', NOTIFY_API_KEY: API_KEY })).toThrow(/needs NOTIFY_SMS_TEMPLATE_ID/);
    expect(() => loadConfig({ NOTIFY_API_KEY: 'nope' })).toThrow(/NOTIFY_API_KEY: must be a GOV.UK Notify API key/);
    expect(() => loadConfig({ SMS_WEBHOOK_TOKEN: 'short' })).toThrow(/SMS_WEBHOOK_TOKEN: must be at least 32 characters/);
    expect(() => loadConfig({ SMS_PROVIDER: 'carrier-pigeon' })).toThrow(/SMS_PROVIDER/);
  });
});
