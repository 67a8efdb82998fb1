// GOV.UK Notify's email API through its official client (notifications-node-client). Every email
// goes with one template whose subject is ((subject)) and whose body is ((body)), so the wording
// stays in this project and Notify only delivers it. The embargoed copy is not attached (Notify's
// prepareUpload): its link is the recipient's own, expires at publication, can be withdrawn with
// the embargo and is recorded when opened; a file at Notify could be none of these (docs/reports.md).
import type { NotifyClient } from 'notifications-node-client';
import { callNotify, lazyNotifyClient, NOTIFY_API_KEY_PATTERN } from '../notify-call.ts';
import { EmailSendError, withoutEmailAddresses, type EmailSender, type OutgoingEmail } from './email-sender.ts';

export interface NotifyEmailOptions {
  /** The API key, `name-serviceId-secret` as Notify gives it. */
  apiKey: string;
  /** An email template whose subject is `((subject))` and whose body is `((body))`. */
  templateId: string;
  /** Another base URL than Notify's production API (a test server). */
  baseUrl?: string;
  /** Milliseconds to wait for Notify before trying the email again later. */
  timeoutMs?: number;
}

export class NotifyEmailSender implements EmailSender {
  readonly label = 'GOV.UK Notify';
  readonly real = true;
  readonly #client: () => Promise<NotifyClient>;
  readonly #templateId: string;
  readonly #timeoutMs: number;

  constructor(options: NotifyEmailOptions) {
    if (!NOTIFY_API_KEY_PATTERN.test(options.apiKey)) throw new Error('NOTIFY_API_KEY is not a GOV.UK Notify API key (it ends with two UUIDs)');
    this.#client = lazyNotifyClient(options.apiKey, options.baseUrl);
    this.#templateId = options.templateId;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  send(email: OutgoingEmail): Promise<{ providerId: string }> {
    return callNotify(async () => (await this.#client()).sendEmail(this.#templateId, email.to, { personalisation: { subject: email.subject, body: email.body }, reference: email.reference }), {
      what: 'email',
      timeoutMs: this.#timeoutMs,
      scrub: withoutEmailAddresses,
      fail: (m, retryable, status) => new EmailSendError(m, retryable, status),
    });
  }
}
