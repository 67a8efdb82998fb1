// GOV.UK Notify through its official client (notifications-node-client). Each text is sent with
// one template whose whole content is the placeholder ((message)), so the survey's wording stays
// in this project (src/domain/survey/wording.ts) and Notify only delivers it. Replies arrive at the
// inbound webhook (Notify's "received text messages" callback), not here.
import type { NotifyClient } from 'notifications-node-client';
import { SmsSendError, type OutgoingSms, type SmsSender } from '../../services/survey/sms-sender.ts';
import { callNotify, lazyNotifyClient, NOTIFY_API_KEY_PATTERN } from '../notify-call.ts';

export { NOTIFY_API_KEY_PATTERN } from '../notify-call.ts';

export interface NotifyOptions {
  /** The API key, `name-serviceId-secret` as Notify gives it. */
  apiKey: string;
  /** A text message template whose content is `((message))`. */
  templateId: string;
  /** Another base URL than Notify's production API (a test server). */
  baseUrl?: string;
  /** Milliseconds to wait for Notify before trying the text again later. */
  timeoutMs?: number;
}

/** Notify's error text without anything that looks like a phone number. */
const withoutNumbers = (s: string) => s.replace(/\+?\d[\d\s]{8,}\d/g, '[number]');

export class NotifySmsSender implements SmsSender {
  readonly label = 'GOV.UK Notify';
  readonly real = true;
  readonly #client: () => Promise<NotifyClient>;
  readonly #templateId: string;
  readonly #timeoutMs: number;

  constructor(options: NotifyOptions) {
    if (!NOTIFY_API_KEY_PATTERN.test(options.apiKey)) throw new Error('NOTIFY_API_KEY is not a GOV.UK Notify API key (it ends with two UUIDs)');
    this.#client = lazyNotifyClient(options.apiKey, options.baseUrl);
    this.#templateId = options.templateId;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  send(message: OutgoingSms): Promise<{ providerId: string }> {
    return callNotify(async () => (await this.#client()).sendSms(this.#templateId, message.to, { personalisation: { message: message.body }, reference: message.reference }), {
      what: 'text',
      timeoutMs: this.#timeoutMs,
      scrub: withoutNumbers,
      fail: (m, retryable, status) => new SmsSendError(m, retryable, status),
    });
  }
}
