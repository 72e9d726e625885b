import fs from 'fs';
import net from 'net';
import path from 'path';
import { execFileSync } from 'child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, TestApp } from '../helpers/strapi';

// The first-run checklist (issue #18) as the Super Admin of a fresh database meets it: the home
// page widget says how much is missing, the Persiapan page names each missing thing in Bahasa
// Indonesia with where to fix it, and saving the kop there moves its item. Built admin needed.
const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screenshots');
const EMAIL = 'admin.persiapan@example.go.id';
const PASSWORD = 'Rahasia-Persiapan-123';

jest.setTimeout(300000);

let app: TestApp;
let browser: Browser;
let page: Page;
let base: string;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

async function shot(name: string) {
  const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll('*')].map((e) => (e as HTMLElement).scrollHeight)));
  await page.setViewportSize({ width: 1440, height: Math.min(Math.max(height, 1000), 5000) });
  await page.evaluate(() => document.querySelectorAll('*').forEach((e) => ((e as HTMLElement).scrollTop = 0)));
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await page.setViewportSize({ width: 1440, height: 1000 });
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync('node', [path.join(ROOT, 'scripts', 'build-server.js')], { cwd: ROOT, stdio: 'inherit' });
  if (!fs.existsSync(path.join(ROOT, 'dist', 'build', 'index.html'))) execFileSync('npx', ['strapi', 'build'], { cwd: ROOT, stdio: 'inherit' });
  app = await startApp();
  const superRole = await app.strapi.service('admin::role').getSuperAdmin();
  await app.strapi.plugin('ppid').service('directory').ensureUser({ email: EMAIL, firstname: 'Admin', lastname: 'Badan', password: PASSWORD, roles: [superRole.id] });
  const port = await freePort();
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(port, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  page = await context.newPage();
  await page.goto(`${base}/admin/auth/login`);
  await page.evaluate(() => localStorage.setItem('strapi-admin-language', 'id'));
  await page.fill('input[name="email"]', EMAIL);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 60000 });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('the home page of a fresh database shows the checklist widget with what is missing', async () => {
  await page.goto(`${base}/admin`);
  const widget = page.getByTestId('ppid-setup-widget');
  await widget.waitFor({ timeout: 60000 });
  await page.waitForTimeout(500);
  await shot('setup-home-widget');
  const text = await widget.innerText();
  expect(text).toMatch(/\d+ hal masih kurang sebelum informasi pertama dapat diterbitkan/);
  expect(text).toContain('Unit kerja');
  expect(text).toMatch(/BELUM/i); // badges are upper-cased by CSS
  await expect(page.getByText('Persiapan PPID').first().isVisible()).resolves.toBe(true);
  await widget.getByText('Buka daftar persiapan').click();
  await page.waitForURL(/\/plugins\/ppid\/setup$/);
});

it('the Persiapan page names every missing thing in Bahasa Indonesia, with where to fix it', async () => {
  await page.getByRole('heading', { level: 1, name: 'Persiapan' }).waitFor({ timeout: 60000 });
  await page.getByTestId('ppid-setup-summary').waitFor();
  await page.waitForTimeout(500);
  await shot('setup-checklist-fresh');
  const summary = page.getByTestId('ppid-setup-summary');
  expect(await summary.getAttribute('data-ready')).toBe('false');
  const sum = await summary.innerText();
  expect(sum).toContain('Yang masih kurang sebelum informasi pertama dapat diterbitkan');
  expect(sum).toContain('Belum ada unit kerja');
  // One line per SOP for its unmapped roles, in the SOP's order.
  expect(sum).toContain(`Peran "Camat", "Sekretaris", "Kasubbag / Kasi", "Staf" pada SOP ${await sopName()} belum dipetakan ke peran admin.`);
  expect(sum).toContain('Kop belum memuat alamat kantor.');
  expect(sum).not.toMatch(/PUBLIC_URL/); // not blocking outside production

  const status = async (key: string) => page.getByTestId(`ppid-setup-item-${key}`).getAttribute('data-status');
  expect(await status('units')).toBe('missing');
  expect(await status('officials')).toBe('missing');
  expect(await status('roleMappings')).toBe('missing');
  expect(await status('bindings')).toBe('done');
  expect(await status('signingKey')).toBe('done');
  expect(await status('publicUrl')).toBe('warning');
  expect(await page.getByTestId('ppid-setup-item-bindings').innerText()).toMatch(/Selesai/i);
  expect(await page.getByTestId('ppid-setup-item-publicUrl').innerText()).toContain('PUBLIC_URL=https://');
  expect(await page.getByTestId('ppid-setup-item-timeZone').innerText()).toMatch(/Perlu diperiksa/i);

  // No English of the page's own making.
  const body = await page.locator('main').innerText();
  for (const english of ['Missing', 'Done', 'To check', 'Fix', 'Setup', 'Still missing', 'Save letterhead']) expect(body).not.toContain(english);
  // The PPID menu lists the page.
  expect(await page.getByTestId('ppid-nav-setup').innerText()).toBe('Persiapan');

  // Each role mapping problem links to its SOP page; the units item to the unit list.
  const unitsLink = page.getByTestId('ppid-setup-item-units').getByRole('link', { name: 'Buka daftar Unit Kerja' });
  expect(await unitsLink.getAttribute('href')).toBe('/admin/content-manager/collection-types/plugin::ppid.unit');
  const sopLink = page.getByTestId('ppid-setup-item-roleMappings').getByRole('link', { name: 'Perbaiki' }).first();
  expect(await sopLink.getAttribute('href')).toMatch(/^\/admin\/plugins\/ppid\/sops\/[a-z0-9-]+$/);
});

it('saving the kop on the page moves its item from missing', async () => {
  const kop = page.getByTestId('ppid-setup-kop');
  await kop.scrollIntoViewIfNeeded();
  await kop.getByLabel('Pemerintah daerah induk').fill('Pemerintah Kota Samarinda');
  await kop.getByLabel('Nama badan publik').fill('Kecamatan Palaran');
  await kop.getByLabel('Alamat kantor').fill('Jalan Ampera No. 1, Samarinda 75253');
  await kop.getByLabel('Tempat penandatanganan').fill('Samarinda');
  await page.getByTestId('ppid-setup-kop-save').click();
  await page.getByText('Kop disimpan').first().waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="ppid-setup-item-kop"]')?.getAttribute('data-status') !== 'missing');
  const kopItem = await page.getByTestId('ppid-setup-item-kop').innerText();
  expect(kopItem).toContain('Kop belum memiliki logo daerah.');
  expect(await page.getByTestId('ppid-setup-summary').innerText()).not.toContain('Kop belum memuat');
  const stored = await app.strapi.plugin('ppid').service('kop').get();
  expect(stored).toMatchObject({ stored: true, body: { nama: 'Kecamatan Palaran', tempat: 'Samarinda' } });
  await shot('setup-checklist-kop-saved');
});

it("choosing WITA saves the body's time zone; a unit's own is its \"Zona waktu\" field", async () => {
  const zone = page.getByTestId('ppid-setup-zone');
  await zone.scrollIntoViewIfNeeded();
  expect(await zone.innerText()).toContain('Zona waktu badan publik');
  await zone.getByRole('combobox').click();
  await page.getByRole('option', { name: /^WITA/ }).click();
  await page.getByTestId('ppid-setup-zone-save').click();
  await page.getByText('Zona waktu disimpan').first().waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="ppid-setup-item-timeZone"]')?.getAttribute('data-status') === 'done');
  expect(await page.getByTestId('ppid-setup-item-timeZone').innerText()).toContain('Zona waktu WITA (Asia/Makassar) diatur.');
  expect(await app.strapi.plugin('ppid').service('zones').bodyZone()).toBe('Asia/Makassar');
  await zone.scrollIntoViewIfNeeded();
  await shot('setup-zone-saved');

  await page.goto(`${base}/admin/content-manager/collection-types/plugin::ppid.unit/create`);
  await page.getByText('Nama Unit').first().waitFor({ timeout: 60000 });
  await page.getByText('Zona waktu', { exact: true }).first().waitFor();
  await shot('unit-zone-field');
});

async function sopName() {
  const sop = await app.strapi.db.query('plugin::ppid.sop').findOne({ where: { code: 'palaran-publikasi-website', current: true } });
  return `"${sop.name}"`;
}
