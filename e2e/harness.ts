import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../server/config.js';
import { buildContainer, type Container } from '../server/container.js';
import { buildApp, type App } from '../server/http/app.js';
import { seedDemo } from '../server/modules/demo/demo.seed.js';
import { modules } from '../server/modules/index.js';

export const CHROMIUM = '/usr/bin/chromium';

export interface RunningServer {
  url: string;
  app: App;
  container: Container;
  stop(): Promise<void>;
}

/** Starts the real server (demo agency seeded, admin console from dist/) on a free loopback port. */
/**
 * A server on a fresh SQLite database seeded with the demo. `withoutDemoOf` leaves out named modules' demo
 * content, for a journey that creates that content itself (e.g. the annual report the demo would publish).
 */
export async function startServer(
  options: { withoutDemoOf?: string[]; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-e2e-'));
  // `env` adds settings, e.g. SMTP_URL / SMPP_URL of protocol peers the journey starts on loopback
  const config = loadConfig({
    ...options.env,
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const container = await buildContainer(config);
  const skip = new Set(options.withoutDemoOf ?? []);
  await seedDemo(
    container.ctx,
    modules.flatMap((m) => (m.demo && !skip.has(m.name) ? [m.demo] : [])),
  );
  const app = await buildApp(container, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    container,
    stop: async () => {
      await app.close();
      await container.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  // Browser journeys always run (never skipped): without Chromium they fail with this message.
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Browser journeys need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a screenshot for docs/manual/ when $E2E_SHOTS names a directory (the manual's images come from there). */
export async function manualShot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const dir = process.env.E2E_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** A new browser context signed in to the console as a demo user, at the 工作台. */
export async function consoleLogin(browser: Browser, server: RunningServer, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Gongkai@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: /工作台/ }).waitFor();
  return page;
}
