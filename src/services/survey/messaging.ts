// What the survey's web routes and maintenance need for texting: the provider (an SmsSender), the
// outbox dispatcher that sends after commit, and the shared secret the inbound webhook checks.
import { createHmac, randomBytes } from 'node:crypto';
import { secretValue, type Db } from '../../db/repositories/index.ts';
import { OutboxDispatcher, type DispatcherOptions } from './outbox.ts';
import type { SmsSender } from './sms-sender.ts';

export interface SurveyMessaging {
  sender: SmsSender;
  dispatcher: OutboxDispatcher;
  /** The bearer token the text provider sends with each inbound message; without one the webhook refuses everything. */
  webhookToken: string | undefined;
}

export interface SurveyMessagingOptions {
  /** The provider, chosen in src/wiring.ts. */
  sender: SmsSender;
  webhookToken?: string;
  dispatcher?: DispatcherOptions;
}

export function createSurveyMessaging(db: Db, options: SurveyMessagingOptions): SurveyMessaging {
  const { sender } = options;
  return { sender, dispatcher: new OutboxDispatcher(db, sender, options.dispatcher), webhookToken: options.webhookToken || undefined };
}

const SUPPRESSION_KEY = 'suppression-hash-key';

/**
 * The suppression list holds a keyed hash (HMAC-SHA256) of each number, never the number: the key
 * lives in the database, so the list cannot be read as a list of numbers, though someone holding
 * the whole database could still test a number against it.
 */
export async function phoneHasher(db: Db): Promise<(e164: string) => string> {
  const key = await secretValue(db, SUPPRESSION_KEY, () => randomBytes(32).toString('hex'));
  return (e164) => createHmac('sha256', key).update(`phone:${e164}`).digest('hex');
}
