// The email provider chosen by configuration (EMAIL_PROVIDER): the local outbox unless GOV.UK
// Notify is configured.
import type { EmailSender } from './email-sender.ts';
import { LocalEmailOutbox } from './local-outbox.ts';
import { NotifyEmailSender } from './notify.ts';

export { EmailSendError, type EmailSender, type OutgoingEmail } from './email-sender.ts';
export { LocalEmailOutbox, type EmailOutboxEntry } from './local-outbox.ts';
export { NotifyEmailSender } from './notify.ts';

export type EmailProviderConfig = { provider: 'local'; outboxDir: string } | { provider: 'notify'; apiKey: string; templateId: string; outboxDir: string };

export function createEmailSender(config: EmailProviderConfig): EmailSender {
  return config.provider === 'notify' ? new NotifyEmailSender({ apiKey: config.apiKey, templateId: config.templateId }) : new LocalEmailOutbox(config.outboxDir);
}
