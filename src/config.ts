// Settings from the environment, validated once at start.
import { resolve } from 'node:path';
import { z } from 'zod';

const whole = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ message }).int(message).min(min, message).max(max, message);
};

const ConfigSchema = z.object({
  PORT: whole(1, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('data'),
  DEMO_DATA: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
  SESSION_IDLE_MINUTES: whole(5, 24 * 60).default(120),
  SESSION_MAX_HOURS: whole(1, 24 * 7).default(12),
  SECURE_COOKIES: z.enum(['on', 'off'], { message: 'must be on or off' }).default('off'),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  OIDC_NAME: z.string().min(1).default('single sign-on'),
  COOKIE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMS_PROVIDER: z.enum(['local', 'notify'], { message: 'must be local or notify' }).default('local'),
  NOTIFY_API_KEY: z
    .string()
    .regex(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GOV.UK Notify API key (it ends with two UUIDs)')
    .optional(),
  NOTIFY_SMS_TEMPLATE_ID: z.string().uuid('must be the id (a UUID) of a Notify text message template').optional(),
  SMS_WEBHOOK_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  OUTBOX_DIR: z.string().min(1).optional(),
  EMAIL_PROVIDER: z.enum(['local', 'notify'], { message: 'must be local or notify' }).default('local'),
  NOTIFY_EMAIL_TEMPLATE_ID: z.string().uuid('must be the id (a UUID) of a Notify email template').optional(),
  SERVICE_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+\/?$/, 'must be the address the service is reached at, like https://inspectorate.example.gov.uk (no path)')
    .transform((url) => url.replace(/\/$/, ''))
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  /** Where the embedded database lives when DATABASE_URL is not set. */
  pgliteDir: string;
  demoData: boolean;
  session: { idleMinutes: number; maxHours: number };
  /** Cookies marked Secure: turn on whenever the service is reached over HTTPS. */
  secureCookies: boolean;
  /** Single sign-on, when all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI are set. */
  oidc?: { issuer: string; clientId: string; clientSecret: string; redirectUri: string; displayName: string; cookieSecret: string };
  /** Texts for the survey: the local outbox file (the default) or GOV.UK Notify. */
  sms: { provider: 'local'; outboxDir: string } | { provider: 'notify'; apiKey: string; templateId: string; outboxDir: string };
  /** The bearer token the text provider's inbound-message callback must send; none refuses every callback. */
  smsWebhookToken?: string;
  /** Emails (the embargoed copy's links): the local outbox file (the default) or GOV.UK Notify. */
  email: { provider: 'local'; outboxDir: string } | { provider: 'notify'; apiKey: string; templateId: string; outboxDir: string };
  /** The address people reach the service at, for links in emails (SERVICE_URL; needed with Notify). */
  serviceUrl: string;
}

/** The value given, when it helps to see it; never a secret's, a key's or a URL's (it may hold a password). */
const ECHOED = new Set(['PORT', 'HOST', 'DATA_DIR', 'DEMO_DATA', 'SESSION_IDLE_MINUTES', 'SESSION_MAX_HOURS', 'SECURE_COOKIES', 'SMS_PROVIDER', 'OIDC_NAME', 'EMAIL_PROVIDER']);
const given = (key: string, value: string | undefined): string => (value !== undefined && ECHOED.has(key) ? `=${JSON.stringify(value.slice(0, 60))}` : '');

const OIDC_KEYS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

/** A setting that is wrong: one line naming it, for `npm start` to print without a stack trace. */
export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Configuration is not valid: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** The host names and addresses that reach only this machine. */
export const isLoopbackHost = (host: string): boolean =>
  /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(\.\d{1,3}){3})$/i.test(host);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}${given(String(i.path[0]), env[String(i.path[0])])}: ${i.message}`));
  const c = result.data;
  const oidcSet = OIDC_KEYS.filter((k) => c[k]);
  if (oidcSet.length && oidcSet.length < OIDC_KEYS.length)
    throw new ConfigError([`single sign-on needs all of ${OIDC_KEYS.join(', ')}; missing ${OIDC_KEYS.filter((k) => !c[k]).join(', ')}`]);
  if (oidcSet.length && !c.COOKIE_SECRET) throw new ConfigError(['COOKIE_SECRET (32 characters or more) is needed with single sign-on']);
  if (c.SMS_PROVIDER === 'notify' && (!c.NOTIFY_API_KEY || !c.NOTIFY_SMS_TEMPLATE_ID))
    throw new ConfigError([`SMS_PROVIDER=notify needs ${[!c.NOTIFY_API_KEY && 'NOTIFY_API_KEY', !c.NOTIFY_SMS_TEMPLATE_ID && 'NOTIFY_SMS_TEMPLATE_ID'].filter(Boolean).join(' and ')}`]);
  if (c.EMAIL_PROVIDER === 'notify' && (!c.NOTIFY_API_KEY || !c.NOTIFY_EMAIL_TEMPLATE_ID || !c.SERVICE_URL))
    throw new ConfigError([`EMAIL_PROVIDER=notify needs ${[!c.NOTIFY_API_KEY && 'NOTIFY_API_KEY', !c.NOTIFY_EMAIL_TEMPLATE_ID && 'NOTIFY_EMAIL_TEMPLATE_ID', !c.SERVICE_URL && 'SERVICE_URL (the links in the emails)'].filter(Boolean).join(' and ')}`]);
  // Demonstration accounts have published passwords: never on a server others can reach.
  if (c.DEMO_DATA === 'on' && !c.DATABASE_URL && !isLoopbackHost(c.HOST))
    throw new ConfigError([
      `HOST=${c.HOST} serves beyond this machine, and DEMO_DATA=on would put the demonstration accounts (their passwords are published) on it: set DEMO_DATA=off, or HOST=127.0.0.1`,
    ]);
  const outboxDir = resolve(c.OUTBOX_DIR ?? resolve(c.DATA_DIR, 'outbox'));
  return {
    port: c.PORT,
    host: c.HOST,
    ...(c.DATABASE_URL ? { databaseUrl: c.DATABASE_URL } : {}),
    pgliteDir: resolve(c.DATA_DIR, 'pglite'),
    demoData: c.DEMO_DATA === 'on',
    session: { idleMinutes: c.SESSION_IDLE_MINUTES, maxHours: c.SESSION_MAX_HOURS },
    secureCookies: c.SECURE_COOKIES === 'on',
    sms: c.SMS_PROVIDER === 'notify' ? { provider: 'notify', apiKey: c.NOTIFY_API_KEY!, templateId: c.NOTIFY_SMS_TEMPLATE_ID!, outboxDir } : { provider: 'local', outboxDir },
    ...(c.SMS_WEBHOOK_TOKEN ? { smsWebhookToken: c.SMS_WEBHOOK_TOKEN } : {}),
    email: c.EMAIL_PROVIDER === 'notify' ? { provider: 'notify', apiKey: c.NOTIFY_API_KEY!, templateId: c.NOTIFY_EMAIL_TEMPLATE_ID!, outboxDir } : { provider: 'local', outboxDir },
    serviceUrl: c.SERVICE_URL ?? `http://${c.HOST === '0.0.0.0' ? 'localhost' : c.HOST.includes(':') ? `[${c.HOST.replace(/^\[|\]$/g, '')}]` : c.HOST}:${c.PORT}`,
    ...(oidcSet.length
      ? { oidc: { issuer: c.OIDC_ISSUER!, clientId: c.OIDC_CLIENT_ID!, clientSecret: c.OIDC_CLIENT_SECRET!, redirectUri: c.OIDC_REDIRECT_URI!, displayName: c.OIDC_NAME, cookieSecret: c.COOKIE_SECRET! } }
      : {}),
  };
}
