// Browser-test support: the app served on a free port over a test database, Debian's Chromium
// driven by playwright-core, axe-core run in the page, screenshots kept under test-results/.
import { serve, type ServerType } from '@hono/node-server';
import AxeBuilder from 'axe-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/http/app.ts';
import { createServices } from '../../src/wiring.ts';
import { ensureDemoInspection } from '../../src/services/demo.ts';
import { DEMO_ACCOUNTS, ensureDemoUsers } from '../../src/services/identity/demo-users.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotsDir = join(process.cwd(), 'test-results', 'screenshots');

export interface BrowserFixture {
  browser: Browser;
  baseUrl: string;
  database: TestDatabase;
  demoId: number;
  close(): Promise<void>;
}

export async function startBrowserFixture(): Promise<BrowserFixture> {
  const database = await openTestDatabase();
  await loadReferenceData(database.db, 'test');
  const demoId = (await ensureDemoInspection(database.db))!;
  await ensureDemoUsers(database.db, demoId);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: createApp({ db: database.db, ...createServices(database.db) }).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  // The flags the machine needs: root without a sandbox, and no calls out to a closed network.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(screenshotsDir, { recursive: true });
  return {
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    demoId,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Signs in through the sign-in page as the demonstration account with that email prefix (lead, inspector, leeds …). */
export async function signInAs(page: Page, baseUrl: string, who: string): Promise<void> {
  const account = DEMO_ACCOUNTS.find((a) => a.email.startsWith(`${who}@`));
  if (!account) throw new Error(`no demo account ${who}`);
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Runs axe-core in the page against WCAG 2.0-2.2 A and AA; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(AxeBuilder.source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
