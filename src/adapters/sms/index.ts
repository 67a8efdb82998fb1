// The text-message provider chosen by configuration (SMS_PROVIDER): the local outbox unless GOV.UK
// Notify is configured.
import type { SmsSender } from '../../services/survey/sms-sender.ts';
import { LocalOutboxSender } from './local-outbox.ts';
import { NotifySmsSender } from './notify.ts';

export { LocalOutboxSender, type OutboxEntry } from './local-outbox.ts';
export { NotifySmsSender } from './notify.ts';

export type SmsProviderConfig =
  | { provider: 'local'; outboxDir: string }
  | { provider: 'notify'; apiKey: string; templateId: string; outboxDir: string };

export function createSmsSender(config: SmsProviderConfig): SmsSender {
  return config.provider === 'notify' ? new NotifySmsSender({ apiKey: config.apiKey, templateId: config.templateId }) : new LocalOutboxSender(config.outboxDir);
}
