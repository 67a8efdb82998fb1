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
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success)
    throw new Error(`Configuration is not valid:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const c = result.data;
  return {
    port: c.PORT,
    host: c.HOST,
    ...(c.DATABASE_URL ? { databaseUrl: c.DATABASE_URL } : {}),
    pgliteDir: resolve(c.DATA_DIR, 'pglite'),
    demoData: c.DEMO_DATA === 'on',
    session: { idleMinutes: c.SESSION_IDLE_MINUTES, maxHours: c.SESSION_MAX_HOURS },
    secureCookies: c.SECURE_COOKIES === 'on',
  };
}
