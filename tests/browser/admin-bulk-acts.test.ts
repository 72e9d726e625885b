import fs from 'fs';
import net from 'net';
import path from 'path';
import { execFileSync } from 'child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, TestApp } from '../helpers/strapi';
import { login } from '../helpers/people';

// Bulk acts from Tugas Saya (issue #18), as the demo body's own officials: the Kasi chooses
// several items waiting for their paraf, confirms the statement once for the listed titles and
// sees each item's outcome; the Sekretaris signs several with one password. Each act is its own
// record (checked through the API).
const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screenshots');
const ITEM = 'api::information-item.information-item';
const PASSWORD = 'Demo-PPID-2026!';
const mail = (k: string) => `${k}.palaran@demo.ppid.local`;
const TITLES = ['Jadwal posyandu Kelurahan Bukuan', 'Laporan kerja bakti Kelurahan Handil Bakti', 'Pengumuman lomba kebersihan Kelurahan Simpang Pasir'];

jest.setTimeout(600000);

let app: TestApp;
let browser: Browser;
let base: string;
const tok: Record<string, string> = {};
const as = (k: string) => ({ Authorization: `Bearer ${tok[k]}` });
const runIds: string[] = [];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync('node', [path.join(ROOT, 'scripts', 'build-server.js')], { cwd: ROOT, stdio: 'inherit' });
  if (!fs.existsSync(path.join(ROOT, 'dist', 'build', 'index.html'))) {
    execFileSync('npx', ['strapi', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  app = await startApp({ NODE_ENV: 'development', PPID_DEMO_SEED: 'true' });
  for (const k of ['staf', 'camat', 'kasubbag-kasi', 'sekretaris']) tok[k] = await login(app, mail(k), PASSWORD);
  const unit = await app.strapi.db.query('plugin::ppid.unit').findOne({ where: { code: 'PALARAN' } });
  for (const title of TITLES) {
    const cm = await app.http().post(`/content-manager/collection-types/${ITEM}`).set(as('staf')).send({ title, summary: 'Kegiatan kecamatan.', classification: 'setiap_saat', unit: unit.id });
    if (cm.status !== 201) throw new Error(`create: ${cm.status} ${JSON.stringify(cm.body)}`);
    const run = await app.http().post('/ppid/runs').set(as('camat')).send({ uid: ITEM, documentId: cm.body.data.documentId });
    if (run.status !== 201) throw new Error(`submit: ${run.status} ${JSON.stringify(run.body)}`);
    for (const [who, body] of [['camat', { act: 'approve' }], ['staf', { act: 'submit' }]] as const) {
      const r = await app.http().post(`/ppid/runs/${run.body.data.id}/acts`).set(as(who)).send(body);
      if (r.status !== 200) throw new Error(`${who}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    runIds.push(run.body.data.id);
  }
  const port = await freePort();
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(port, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function loginAs(email: string, width = 1440): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 1000 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('strapi-admin-language', 'id'));
  await page.goto(`${base}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 60000 });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const row = (page: Page, title: string) => page.getByTestId('ppid-task-row').filter({ hasText: title });
const select = (page: Page, title: string) => row(page, title).getByRole('checkbox').click();

describe('bulk acts from Tugas Saya', () => {
  it('the Kasi chooses three items, confirms the statement once for the listed titles, and sees each outcome', async () => {
    const page = await loginAs(mail('kasubbag-kasi'));
    await page.goto(`${base}/admin/plugins/ppid/tasks`);
    await row(page, TITLES[0]).waitFor({ timeout: 60000 });
    for (const title of TITLES) await select(page, title);
    const open = page.getByTestId('ppid-bulk-open');
    expect((await open.innerText()).trim()).toBe('Paraf terpilih (3)');
    await shot(page, 'bulk-tasks-selected');
    await open.click();

    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const listed = await dialog.getByTestId('ppid-bulk-titles').innerText();
    for (const title of TITLES) expect(listed).toContain(title);
    // The demo's own item also waits for this Kasi's paraf, but was not chosen.
    expect(listed).not.toContain('Kerja bakti RT 12');
    expect(await dialog.getByTestId('ppid-intent').innerText()).toMatch(/membubuhkan paraf/);
    // A paraf asks no password in this body (parafRequiresPassword is off).
    expect(await dialog.locator('input[type="password"]').count()).toBe(0);
    const confirm = dialog.getByTestId('ppid-bulk-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('checkbox').click();
    await shot(page, 'bulk-paraf-dialog');
    await confirm.click();

    await dialog.getByTestId('ppid-bulk-results').waitFor({ timeout: 60000 });
    expect(await dialog.getByTestId('ppid-bulk-summary').innerText()).toBe('3 berhasil dicatat, 0 tidak');
    const results = dialog.getByTestId('ppid-bulk-result');
    expect(await results.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const text = await results.nth(i).innerText();
      expect(await results.nth(i).getAttribute('data-ok')).toBe('true');
      expect(text).toMatch(/Berhasil/i); // the badge is set in capitals
      expect(text).toContain('Diteruskan ke langkah 4');
    }
    await shot(page, 'bulk-paraf-results');
    await dialog.getByTestId('ppid-bulk-done').click();
    // The acted items left the Kasi's list; the unchosen one stays.
    await row(page, TITLES[0]).waitFor({ state: 'detached', timeout: 30000 });
    expect(await row(page, 'Kerja bakti RT 12').count()).toBe(1);

    // Three acts, three records, each in its own run.
    for (const runId of runIds) {
      const view = await app.http().get(`/ppid/runs/${runId}`).set(as('kasubbag-kasi'));
      expect(view.body.data.records.filter((r: any) => r.kind === 'paraf')).toHaveLength(1);
      expect(view.body.data.currentStep.number).toBe(4);
    }
  });

  it('the Sekretaris signs two of them with one password; a wrong one is shown and records nothing', async () => {
    const page = await loginAs(mail('sekretaris'));
    await page.goto(`${base}/admin/plugins/ppid/tasks`);
    await row(page, TITLES[0]).waitFor({ timeout: 60000 });
    await select(page, TITLES[0]);
    await select(page, TITLES[2]);
    const open = page.getByTestId('ppid-bulk-open');
    expect((await open.innerText()).trim()).toBe('Tanda tangani terpilih (2)');
    await open.click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('ppid-intent').innerText()).toMatch(/menandatanganinya secara elektronik/);
    await dialog.getByRole('checkbox').click();
    await dialog.locator('input[type="password"]').fill('bukan-kata-sandi');
    await dialog.getByTestId('ppid-bulk-confirm').click();
    const error = dialog.getByTestId('ppid-act-error');
    await error.waitFor({ timeout: 30000 });
    expect(await error.innerText()).toMatch(/Kata sandi salah/);
    const none = await app.http().get(`/ppid/runs/${runIds[0]}`).set(as('sekretaris'));
    expect(none.body.data.records.filter((r: any) => r.kind === 'tanda_tangan')).toHaveLength(0);

    await dialog.locator('input[type="password"]').fill(PASSWORD);
    await shot(page, 'bulk-sign-dialog');
    await dialog.getByTestId('ppid-bulk-confirm').click();
    await dialog.getByTestId('ppid-bulk-results').waitFor({ timeout: 60000 });
    expect(await dialog.getByTestId('ppid-bulk-summary').innerText()).toBe('2 berhasil dicatat, 0 tidak');
    await shot(page, 'bulk-sign-results');
    for (const runId of [runIds[0], runIds[2]]) {
      const view = await app.http().get(`/ppid/runs/${runId}`).set(as('sekretaris'));
      expect(view.body.data.records.filter((r: any) => r.kind === 'tanda_tangan')).toHaveLength(1);
      expect(view.body.data.currentStep.number).toBe(5);
    }
    const untouched = await app.http().get(`/ppid/runs/${runIds[1]}`).set(as('sekretaris'));
    expect(untouched.body.data.currentStep.number).toBe(4);
  });

  it('at 390 px the selection bar and the dialog fit the phone', async () => {
    const page = await loginAs(mail('sekretaris'), 390);
    await page.goto(`${base}/admin/plugins/ppid/tasks`);
    await row(page, TITLES[1]).waitFor({ timeout: 60000 });
    await select(page, TITLES[1]);
    await page.getByTestId('ppid-bulk-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('ppid-bulk-titles').waitFor();
    await page.waitForTimeout(800); // the dialog fades in
    expect(await dialog.locator('input[type="password"]').count()).toBe(1);
    const box = (await dialog.getByTestId('ppid-bulk-confirm').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'bulk-sign-dialog-phone.png') });

    // Meanwhile the Camat, who started the run (step 1), withdraws the item: its own refusal is shown, in words.
    const cancel = await app.http().post(`/ppid/runs/${runIds[1]}/acts`).set(as('camat')).send({ act: 'cancel', reason: 'Ditarik oleh Camat' });
    expect(cancel.status).toBe(200);
    await dialog.getByRole('checkbox').click();
    await dialog.locator('input[type="password"]').fill(PASSWORD);
    await dialog.getByTestId('ppid-bulk-confirm').click();
    await dialog.getByTestId('ppid-bulk-results').waitFor({ timeout: 60000 });
    expect(await dialog.getByTestId('ppid-bulk-summary').innerText()).toBe('0 berhasil dicatat, 1 tidak');
    const failed = dialog.getByTestId('ppid-bulk-result');
    expect(await failed.getAttribute('data-ok')).toBe('false');
    expect(await failed.innerText()).toMatch(/Gagal/i);
    expect(await failed.innerText()).toContain(TITLES[1]);
    expect(await failed.innerText()).toContain('Alur kerja item ini sudah selesai atau dibatalkan.');
    await page.screenshot({ path: path.join(SHOTS, 'bulk-sign-results-phone.png') });
    const after = await app.http().get(`/ppid/runs/${runIds[1]}`).set(as('sekretaris'));
    expect(after.body.data.records.filter((r: any) => r.kind === 'tanda_tangan')).toHaveLength(0);
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
    expect(scroll).toBeLessThanOrEqual(inner);
  });
});
