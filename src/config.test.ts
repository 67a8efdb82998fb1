import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('defaults to the embedded database in ./data on 127.0.0.1:3000 with demo data', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      pgliteDir: resolve('data', 'pglite'),
      demoData: true,
      session: { idleMinutes: 120, maxHours: 12 },
      secureCookies: false,
      sms: { provider: 'local', outboxDir: resolve('data', 'outbox') },
    });
  });
  it('switches to PostgreSQL with DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', PORT: '8080', DEMO_DATA: 'off' })).toMatchObject({
      databaseUrl: 'postgres://u@h:5432/db',
      port: 8080,
      demoData: false,
    });
    expect(loadConfig({ DATABASE_URL: '' })).not.toHaveProperty('databaseUrl');
  });
  it('names every setting that is wrong', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://h/db', PORT: 'eighty' })).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
  });

  it('turns single sign-on on only with every setting it needs', () => {
    const full = { OIDC_ISSUER: 'https://login.example', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 'secret', OIDC_REDIRECT_URI: 'https://inspectorate.example/sign-in/oidc/callback', COOKIE_SECRET: 'x'.repeat(32) };
    expect(loadConfig(full).oidc).toMatchObject({ issuer: 'https://login.example', displayName: 'single sign-on' });
    expect(() => loadConfig({ ...full, OIDC_CLIENT_SECRET: undefined })).toThrow(/missing OIDC_CLIENT_SECRET/);
    expect(() => loadConfig({ ...full, COOKIE_SECRET: undefined })).toThrow(/COOKIE_SECRET/);
    expect(loadConfig({}).oidc).toBeUndefined();
  });
});
