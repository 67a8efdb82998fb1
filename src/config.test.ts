import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopbackHost, loadConfig } from './config.ts';

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
      email: { provider: 'local', outboxDir: resolve('data', 'outbox') },
      serviceUrl: 'http://127.0.0.1:3000',
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

  it('says what is wrong in one line, with the value given unless it may be secret', () => {
    const error = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    };
    const wrong = error({ PORT: 'eighty', DEMO_DATA: 'maybe', DATABASE_URL: 'mysql://me:hunter2@h/db' });
    expect(wrong).toBeInstanceOf(ConfigError);
    expect(wrong.message).not.toContain('\n');
    expect(wrong.message).toMatch(/^Configuration is not valid: PORT="eighty": must be a whole number from 1 to 65535; DATABASE_URL: must be a postgres/);
    expect(wrong.message).toContain('DEMO_DATA="maybe": must be on or off');
    expect(wrong.message).not.toContain('hunter2');
    expect(error({ OIDC_ISSUER: 'https://login.example' }).message).not.toContain('\n');
  });

  it('refuses demonstration accounts (published passwords) on a server reachable beyond this machine', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST=0\.0\.0\.0 serves beyond this machine.*set DEMO_DATA=off/);
    expect(() => loadConfig({ HOST: '192.168.1.20', DEMO_DATA: 'on' })).toThrow(ConfigError);
    expect(loadConfig({ HOST: '0.0.0.0', DEMO_DATA: 'off' }).host).toBe('0.0.0.0');
    // On PostgreSQL demonstration accounts are never created, so only the labelled demo inspection is at stake.
    expect(loadConfig({ HOST: '0.0.0.0', DATABASE_URL: 'postgres://u@h/db' }).demoData).toBe(true);
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'example.org', '127.0.0.1.example.org']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('turns single sign-on on only with every setting it needs', () => {
    const full = { OIDC_ISSUER: 'https://login.example', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 'secret', OIDC_REDIRECT_URI: 'https://inspectorate.example/sign-in/oidc/callback', COOKIE_SECRET: 'x'.repeat(32) };
    expect(loadConfig(full).oidc).toMatchObject({ issuer: 'https://login.example', displayName: 'single sign-on' });
    expect(() => loadConfig({ ...full, OIDC_CLIENT_SECRET: undefined })).toThrow(/missing OIDC_CLIENT_SECRET/);
    expect(() => loadConfig({ ...full, COOKIE_SECRET: undefined })).toThrow(/COOKIE_SECRET/);
    expect(loadConfig({}).oidc).toBeUndefined();
  });
});
