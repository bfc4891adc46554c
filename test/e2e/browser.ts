// Debian's Chromium driven by playwright-core, with a fresh profile per launch and everything that
// would phone home switched off (tests only reach loopback), and the editor served to it.
import { existsSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { packageRoot } from '../../runtime/package-root.js';
import { startTestServer, type ApiClient, type TestServer, type TestServerOptions } from '../editor/serve-harness.js';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  const profile = mkdtempSync(join(tmpdir(), 'payscript-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport: { width: 1400, height: 860 },
  });
}

/** A real `payscript serve` with its admin logged in over the API, and a fresh browser page. */
export interface EditorInBrowser {
  t: TestServer;
  admin: ApiClient;
  browser: BrowserContext;
  page: Page;
  /** Closes the browser, then the server. */
  close(): Promise<void>;
}

export async function startEditorInBrowser(options: TestServerOptions = {}): Promise<EditorInBrowser> {
  const t = await startTestServer(options);
  const admin = await t.login();
  const browser = await launchBrowser();
  const page = await browser.newPage();
  return {
    t,
    admin,
    browser,
    page,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** test/e2e/screenshots/<name>.png (git-ignored), to look at how each page renders. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(packageRoot(), 'test', 'e2e', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

export async function logIn(page: Page, url: string, name: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('User').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('.topbar').waitFor();
}
