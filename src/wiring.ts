// The composition root: the one place that chooses the real parts (the text and email providers,
// the single sign-on client) and makes the services that use them. `npm start` (main.ts) passes its
// configuration; the tests and the bench pass nothing, or a sender of their own, and get the local
// outboxes in a temporary folder of this process's own. The services see only the adapters'
// interfaces (SmsSender, EmailSender); which one runs is decided here.
import { createEmailSender, type EmailProviderConfig, type EmailSender } from './adapters/email/index.ts';
import { processOutboxDir } from './adapters/outbox-file.ts';
import { createSmsSender, type SmsProviderConfig } from './adapters/sms/index.ts';
import type { Db } from './db/repositories/index.ts';
import { createEmbargoMail, type EmbargoMail } from './services/embargo-mail.ts';
import { OidcClient, type OidcSettings } from './services/identity/oidc.ts';
import type { DispatcherOptions } from './services/outbox/dispatcher.ts';
import { createSurveyMessaging, type SurveyMessaging } from './services/survey/messaging.ts';
import type { SmsSender } from './services/survey/sms-sender.ts';

/** What to wire: `Config` (config.ts) is one; a test gives a sender of its own, or nothing. */
export interface ServiceChoices {
  /** Survey texts: the configured provider (SMS_PROVIDER), or a sender given whole. Default: the local outbox. */
  sms?: SmsProviderConfig | SmsSender;
  /** The embargoed copy's emails: the configured provider (EMAIL_PROVIDER), or a sender given whole. Default: the local outbox. */
  email?: EmailProviderConfig | EmailSender;
  /** The bearer token the text provider sends with each inbound message (SMS_WEBHOOK_TOKEN); none refuses every one. */
  smsWebhookToken?: string;
  /** The address people reach the service at, for the links in emails (SERVICE_URL). */
  serviceUrl?: string;
  /** Single sign-on through an OpenID Connect provider, when configured. */
  oidc?: OidcSettings & { cookieSecret: string };
  /** The outbox dispatchers' pace and log (a test's long retry, or a log it reads). */
  dispatchers?: { sms?: DispatcherOptions; mail?: DispatcherOptions };
}

/** The services main.ts gives the web app (createApp takes them as they are). */
export interface Services {
  /** Survey texts: the provider, the outbox dispatcher and the inbound webhook's token. */
  sms: SurveyMessaging;
  /** The embargoed copy's emails: the provider and the dispatcher. */
  mail: EmbargoMail;
  oidc?: { client: OidcClient; cookieSecret: string };
}

export function createServices(db: Db, choices: ServiceChoices = {}): Services {
  const local = () => ({ provider: 'local', outboxDir: processOutboxDir() }) as const;
  const smsSender = choices.sms && 'send' in choices.sms ? choices.sms : createSmsSender(choices.sms ?? local());
  const emailSender = choices.email && 'send' in choices.email ? choices.email : createEmailSender(choices.email ?? local());
  const sms = createSurveyMessaging(db, { sender: smsSender, ...(choices.smsWebhookToken ? { webhookToken: choices.smsWebhookToken } : {}), ...(choices.dispatchers?.sms ? { dispatcher: choices.dispatchers.sms } : {}) });
  const mail = createEmbargoMail(db, { sender: emailSender, ...(choices.serviceUrl ? { serviceUrl: choices.serviceUrl } : {}), ...(choices.dispatchers?.mail ? { dispatcher: choices.dispatchers.mail } : {}) });
  if (!choices.oidc) return { sms, mail };
  const { cookieSecret, ...settings } = choices.oidc;
  return { sms, mail, oidc: { client: new OidcClient(settings), cookieSecret } };
}
