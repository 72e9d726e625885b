import fs from 'fs';
import path from 'path';
import type { AddressInfo } from 'net';
import { execFileSync } from 'child_process';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { TestApp } from './strapi';

// What every browser test file shares: the build (once), the server on a port of its own, Debian's
// Chromium, and logging in to the admin panel as a given person.

export const ROOT = path.resolve(__dirname, '..', '..');
export const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screenshots');
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The desktop window the admin tests use. */
export const DESKTOP = { width: 1440, height: 1000 };

/**
 * The compiled server and (unless `admin: false`) the built admin panel. With PPID_SKIP_BUILD=1
 * (scripts/run-tests.js, which builds both once beforehand) nothing is rebuilt here; a missing
 * admin build is then an error.
 */
export function ensureBuilt({ admin = true }: { admin?: boolean } = {}): void {
  const adminBuilt = !admin || fs.existsSync(path.join(ROOT, 'dist', 'build', 'index.html'));
  if (process.env.PPID_SKIP_BUILD === '1') {
    if (!adminBuilt) throw new Error('PPID_SKIP_BUILD=1 but the admin panel is not built: run `node scripts/build-server.js && npx strapi build` first');
    return;
  }
  execFileSync('node', [path.join(ROOT, 'scripts', 'build-server.js')], { cwd: ROOT, stdio: 'inherit' });
  if (!adminBuilt) execFileSync('npx', ['strapi', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** Serves the booted app on a free port the system picks (no pick-then-bind race); returns its base URL. */
export async function serve(app: TestApp): Promise<string> {
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Debian's Chromium driven by playwright-core (each launch gets a fresh temporary profile). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** Build, screenshots folder, browser: the usual beforeAll steps around the test's own startApp. */
export async function prepare(): Promise<Browser> {
  fs.mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  return launchBrowser();
}

/** Stops what prepare/serve started; either may be missing when beforeAll failed half-way. */
export async function teardown(browser: Browser | undefined, app: TestApp | undefined): Promise<void> {
  await browser?.close();
  const server = app?.strapi.server.httpServer;
  if (server?.listening) await new Promise((r) => server.close(r));
  await app?.stop();
}

/** A new context in Bahasa Indonesia, WIB, on a desktop window (options override). */
export async function newAdminPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'id-ID', timezoneId: 'Asia/Jakarta', ...options });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('strapi-admin-language', 'id'));
  return page;
}

/** Logs in through the admin login form and waits until the panel has left /auth/. */
export async function loginPage(page: Page, base: string, email: string, password: string): Promise<Page> {
  await page.goto(`${base}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 60000 });
  return page;
}

/** A fresh page logged in to the admin panel as this person. */
export async function adminLogin(browser: Browser, base: string, email: string, password: string, options: BrowserContextOptions = {}): Promise<Page> {
  return loginPage(await newAdminPage(browser, options), base, email, password);
}

/** A full-page screenshot in tests/artifacts/screenshots. */
export const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
