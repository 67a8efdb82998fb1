// What the survey needs of a text-message provider: send one text to one number. The adapters in
// src/adapters/sms implement it (GOV.UK Notify, and a local outbox file for trying the product).
// Replies come back through the inbound webhook, not through this interface.
import { SendError } from '../outbox/dispatcher.ts';

export interface OutgoingSms {
  /** E.164 UK mobile number, +447…. */
  to: string;
  body: string;
  /** Our reference for the text (survey and respondent), never personal data. */
  reference: string;
}

export interface SmsSender {
  /** How the product names the provider to its users. */
  readonly label: string;
  /** Whether texts reach real phones. */
  readonly real: boolean;
  /** Sends the text; resolves with the provider's id for it. */
  send(message: OutgoingSms): Promise<{ providerId: string }>;
}

/** A send that failed. `retryable`: the provider was busy or unreachable, so try again later. */
export class SmsSendError extends SendError {
  constructor(message: string, retryable: boolean, status?: number) {
    super(message, retryable, status);
    this.name = 'SmsSendError';
  }
}
