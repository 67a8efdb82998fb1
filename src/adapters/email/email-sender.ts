// What the service needs of an email provider: send one email to one address. The wording is the
// service's (src/domain/publication/embargo-email.ts); the provider only delivers it. Implemented by
// GOV.UK Notify (notify.ts) and, by default, a local outbox file for trying the product.
import { SendError } from '../../services/outbox/dispatcher.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  /** Plain text; paragraphs separated by a blank line; links written out in full. */
  body: string;
  /** Our reference for the email (never personal data): `embargo-<inspection>-r<recipient>-e<email>`. */
  reference: string;
}

export interface EmailSender {
  /** How the product names the provider to its users. */
  readonly label: string;
  /** Whether emails reach real inboxes. */
  readonly real: boolean;
  /** Sends the email; resolves with the provider's id for it. */
  send(email: OutgoingEmail): Promise<{ providerId: string }>;
}

/** A send that failed. `retryable`: the provider was busy or unreachable, so try again later. */
export class EmailSendError extends SendError {
  constructor(message: string, retryable: boolean, status?: number) {
    super(message, retryable, status);
    this.name = 'EmailSendError';
  }
}

/** Text without anything that looks like an email address (for messages that are logged or shown). */
export const withoutEmailAddresses = (s: string): string => s.replace(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+/g, '[email address]');
