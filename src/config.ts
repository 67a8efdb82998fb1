// Settings from the environment, validated once at start.
import { resolve } from 'node:path';
import { z } from 'zod';

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('data'),
  DEMO_DATA: z.enum(['on', 'off']).default('on'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  SECURE_COOKIES: z.enum(['on', 'off']).default('off'),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  OIDC_NAME: z.string().min(1).default('single sign-on'),
  COOKIE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMS_PROVIDER: z.enum(['local', 'notify']).default('local'),
  NOTIFY_API_KEY: z
    .string()
    .regex(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GOV.UK Notify API key (it ends with two UUIDs)')
    .optional(),
  NOTIFY_SMS_TEMPLATE_ID: z.string().uuid('must be the id (a UUID) of a Notify text message template').optional(),
  SMS_WEBHOOK_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  OUTBOX_DIR: z.string().min(1).optional(),
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
}

const OIDC_KEYS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success)
    throw new Error(`Configuration is not valid:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const c = result.data;
  const oidcSet = OIDC_KEYS.filter((k) => c[k]);
  if (oidcSet.length && oidcSet.length < OIDC_KEYS.length)
    throw new Error(`Configuration is not valid:\n  single sign-on needs all of ${OIDC_KEYS.join(', ')}; missing ${OIDC_KEYS.filter((k) => !c[k]).join(', ')}`);
  if (oidcSet.length && !c.COOKIE_SECRET) throw new Error('Configuration is not valid:\n  COOKIE_SECRET (32 characters or more) is needed with single sign-on');
  if (c.SMS_PROVIDER === 'notify' && (!c.NOTIFY_API_KEY || !c.NOTIFY_SMS_TEMPLATE_ID))
    throw new Error(`Configuration is not valid:\n  SMS_PROVIDER=notify needs ${[!c.NOTIFY_API_KEY && 'NOTIFY_API_KEY', !c.NOTIFY_SMS_TEMPLATE_ID && 'NOTIFY_SMS_TEMPLATE_ID'].filter(Boolean).join(' and ')}`);
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
    ...(oidcSet.length
      ? { oidc: { issuer: c.OIDC_ISSUER!, clientId: c.OIDC_CLIENT_ID!, clientSecret: c.OIDC_CLIENT_SECRET!, redirectUri: c.OIDC_REDIRECT_URI!, displayName: c.OIDC_NAME, cookieSecret: c.COOKIE_SECRET! } }
      : {}),
  };
}
