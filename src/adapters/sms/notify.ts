// GOV.UK Notify through its official client (notifications-node-client). Each text is sent with
// one template whose whole content is the placeholder ((message)), so the survey's wording stays
// in this project (src/domain/survey/wording.ts) and Notify only delivers it. Replies arrive at the
// inbound webhook (Notify's "received text messages" callback), not here.
import { NotifyClient } from 'notifications-node-client';
import { SmsSendError, type OutgoingSms, type SmsSender } from '../../services/survey/sms-sender.ts';

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

/** Notify's API key ends with the service id and the key's secret, two UUIDs. */
export const NOTIFY_API_KEY_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface NotifyErrorBody {
  errors?: { error?: string; message?: string }[];
}

/** Notify's error text without anything that looks like a phone number. */
const withoutNumbers = (s: string) => s.replace(/\+?\d[\d\s]{8,}\d/g, '[number]');

export class NotifySmsSender implements SmsSender {
  readonly label = 'GOV.UK Notify';
  readonly real = true;
  readonly #client: NotifyClient;
  readonly #templateId: string;
  readonly #timeoutMs: number;

  constructor(options: NotifyOptions) {
    if (!NOTIFY_API_KEY_PATTERN.test(options.apiKey)) throw new Error('NOTIFY_API_KEY is not a GOV.UK Notify API key (it ends with two UUIDs)');
    this.#client = options.baseUrl ? new NotifyClient(options.baseUrl, options.apiKey) : new NotifyClient(options.apiKey);
    this.#templateId = options.templateId;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  async send(message: OutgoingSms): Promise<{ providerId: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SmsSendError(`GOV.UK Notify did not answer within ${this.#timeoutMs / 1000} s`, true)), this.#timeoutMs);
    });
    try {
      const response = await Promise.race([
        this.#client.sendSms(this.#templateId, message.to, { personalisation: { message: message.body }, reference: message.reference }),
        timeout,
      ]);
      const id = response.data?.id;
      if (typeof id !== 'string' || !id) throw new SmsSendError('GOV.UK Notify accepted the text but gave no id for it', false);
      return { providerId: id };
    } catch (error) {
      if (error instanceof SmsSendError) throw error;
      const response = (error as { response?: { status?: number; data?: NotifyErrorBody } }).response;
      const status = response?.status;
      if (status === undefined) throw new SmsSendError(`GOV.UK Notify could not be reached: ${withoutNumbers((error as Error).message ?? String(error))}`, true);
      const detail = (response?.data?.errors ?? []).map((e) => [e.error, e.message].filter(Boolean).join(': ')).join('; ');
      // 429: rate or daily limit; 5xx: Notify is having trouble. Both go again later. 4xx: the request is wrong.
      throw new SmsSendError(`GOV.UK Notify refused the text (HTTP ${status})${detail ? `: ${withoutNumbers(detail)}` : ''}`, status === 429 || status >= 500, status);
    } finally {
      clearTimeout(timer);
    }
  }
}
