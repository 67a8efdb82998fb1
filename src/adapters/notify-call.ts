// One call to GOV.UK Notify through its client, with a time limit, and its failure said in words
// without personal data: a rate limit (429), Notify's own trouble (5xx), no answer or no
// connection are worth trying again later; any other refusal (4xx) is final. Texts and emails
// both go through here.
import type { NotifyClient } from 'notifications-node-client';
import { SendError } from '../services/outbox/dispatcher.ts';

/** Notify's API key ends with the service id and the key's secret, two UUIDs. */
export const NOTIFY_API_KEY_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Notify's client, made on the first send: its module (and the HTTP client under it) is loaded
 * then, not when the server starts, and not at all while nothing is sent.
 */
export function lazyNotifyClient(apiKey: string, baseUrl?: string): () => Promise<NotifyClient> {
  let client: Promise<NotifyClient> | undefined;
  return () =>
    (client ??= import('notifications-node-client').then(({ NotifyClient }) => (baseUrl ? new NotifyClient(baseUrl, apiKey) : new NotifyClient(apiKey))));
}

interface NotifyErrorBody {
  errors?: { error?: string; message?: string }[];
}

export interface NotifyCall {
  /** What is being sent, in messages: "text", "email". */
  what: string;
  timeoutMs: number;
  /** Takes personal data (numbers, addresses) out of Notify's error text. */
  scrub: (text: string) => string;
  /** The adapter's own error class. */
  fail: (message: string, retryable: boolean, status?: number) => SendError;
}

/** Sends through Notify and returns the id Notify gives the notification. */
export async function callNotify(send: () => Promise<{ data?: { id?: unknown } }>, o: NotifyCall): Promise<{ providerId: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(o.fail(`GOV.UK Notify did not answer within ${o.timeoutMs / 1000} s`, true)), o.timeoutMs);
  });
  let response: { data?: { id?: unknown } };
  try {
    response = await Promise.race([send(), timeout]);
  } catch (error) {
    if (error instanceof SendError) throw error;
    const answer = (error as { response?: { status?: number; data?: NotifyErrorBody } }).response;
    const status = answer?.status;
    if (status === undefined) throw o.fail(`GOV.UK Notify could not be reached: ${o.scrub((error as Error).message ?? String(error))}`, true);
    const detail = (answer?.data?.errors ?? []).map((e) => [e.error, e.message].filter(Boolean).join(': ')).join('; ');
    // 429: rate or daily limit; 5xx: Notify is having trouble. Both go again later. 4xx: the request is wrong.
    throw o.fail(`GOV.UK Notify refused the ${o.what} (HTTP ${status})${detail ? `: ${o.scrub(detail)}` : ''}`, status === 429 || status >= 500, status);
  } finally {
    clearTimeout(timer);
  }
  const id = response.data?.id;
  if (typeof id !== 'string' || !id) throw o.fail(`GOV.UK Notify accepted the ${o.what} but gave no id for it`, false);
  return { providerId: id };
}
