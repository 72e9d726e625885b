import fs from 'fs';
import net from 'net';
import path from 'path';
import { execFileSync } from 'child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, TestApp } from '../helpers/strapi';
import { login } from '../helpers/people';

// Tugas Saya as the officer's home (issue #18), with the demo body's own accounts: the Kasi
// returns an item with a note, the JFU sees it stand out with the note, opens the item from the
// row, and the pages a person reads (Tugas Saya, Alur Kerja, Laporan, Klasifikasi) show names
// and sentences, not codes, and fit a desktop and a phone without sideways scrolling.
const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screenshots');
const ITEM = 'api::information-item.information-item';
const PASSWORD = 'Demo-PPID-2026!';
const STAF = 'staf.palaran@demo.ppid.local';
const TITLE = 'Dokumentasi lomba kebersihan lingkungan Kecamatan Palaran';
const NOTE = 'Lengkapi foto kegiatan dan sebutkan nama kelurahan pemenang.';
// Codes a person should never have to read on these pages.
const CODES = ['palaran-publikasi-website', 'kasubbag-kasi', 'keywordsAny', 'suggestClass', 'pasal17', '(PALARAN)', 'kutim-bkpsdm-penetapan-dip'];

jest.setTimeout(600000);

let app: TestApp;
let browser: Browser;
let base: string;
let documentId: string;

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
  const tok: Record<string, string> = {};
  for (const k of ['staf', 'camat', 'kasubbag-kasi']) tok[k] = await login(app, `${k}.palaran@demo.ppid.local`, PASSWORD);
  const as = (k: string) => ({ Authorization: `Bearer ${tok[k]}` });
  const unit = await app.strapi.db.query('plugin::ppid.unit').findOne({ where: { code: 'PALARAN' } });
  const cm = await app.http().post(`/content-manager/collection-types/${ITEM}`).set(as('staf')).send({ title: TITLE, summary: 'Foto dan daftar pemenang lomba.', classification: 'setiap_saat', unit: unit.id });
  if (cm.status !== 201) throw new Error(`create: ${cm.status} ${JSON.stringify(cm.body)}`);
  documentId = cm.body.data.documentId;
  const run = await app.http().post('/ppid/runs').set(as('staf')).send({ uid: ITEM, documentId });
  if (run.status !== 201) throw new Error(`submit: ${run.status} ${JSON.stringify(run.body)}`);
  const acts: [string, Record<string, unknown>][] = [['camat', { act: 'approve' }], ['staf', { act: 'submit' }], ['kasubbag-kasi', { act: 'return', comment: NOTE }]];
  for (const [who, body] of acts) {
    const r = await app.http().post(`/ppid/runs/${run.body.data.id}/acts`).set(as(who)).send(body);
    if (r.status !== 200) throw new Error(`${who} ${body.act}: ${r.status} ${JSON.stringify(r.body)}`);
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

async function loginAs(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
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

/** Sideways overflow of the document, and of any element wider than the window. */
const overflow = (page: Page) =>
  page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));

async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

function expectNoCodes(text: string) {
  for (const code of CODES) expect({ code, found: text.includes(code) }).toEqual({ code, found: false });
}

describe('Tugas Saya as the officer home', () => {
  let page: Page;

  it('the returned item stands out with the Kasi note; its deadline shows; the row opens the item', async () => {
    page = await loginAs(STAF);
    await page.goto(`${base}/admin/plugins/ppid/tasks`);
    const row = page.getByTestId('ppid-task-row').filter({ hasText: TITLE });
    await row.waitFor({ timeout: 60000 });
    // The note as the Kasi wrote it, from the run's history, with who returned it.
    const note = row.getByTestId('ppid-task-return-note');
    expect(await note.innerText()).toContain(NOTE);
    expect(await note.innerText()).toMatch(/Dikembalikan oleh .+ \(Langkah 3\)/);
    // The server says the same: the API carries the note and the codes stay values.
    const api = (await app.http().get('/ppid/tasks').set({ Authorization: `Bearer ${await login(app, STAF, PASSWORD)}` })).body;
    const mine = api.data.find((x: any) => x.item.documentId === documentId);
    expect(mine.returned.comment).toBe(NOTE);
    expect(mine.sop.code).toBe('palaran-publikasi-website');
    // Deadline: the step's own, or the tentative note; never an empty cell.
    const deadline = (await row.getByTestId('ppid-task-deadline').innerText()).trim();
    expect(deadline).toMatch(/lagi|terlambat|Tanpa batas waktu/);
    if (mine.overdue) expect(await row.getByTestId('ppid-task-overdue').innerText()).toBe('Terlambat');
    expect(await row.innerText()).toContain('Kecamatan Palaran');
    expectNoCodes(await mainText(page));
    const o = await overflow(page);
    expect(o.scroll).toBeLessThanOrEqual(o.inner);
    await shot(page, '40-tugas-saya-1440');

    // A phone: nothing goes off screen; the deadline is still visible in the row.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const p = await overflow(page);
    expect(p.scroll).toBeLessThanOrEqual(p.inner);
    const box = await row.getByTestId('ppid-task-deadline').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await shot(page, '41-tugas-saya-390');
    await page.setViewportSize({ width: 1440, height: 1000 });

    // The row opens the item in the Content Manager, where its SOP panel shows the step.
    const link = row.getByTestId('ppid-task-open');
    expect(await link.getAttribute('href')).toBe(`/admin/content-manager/collection-types/${ITEM}/${documentId}`);
    await link.click();
    await page.waitForURL((u) => u.pathname === `/admin/content-manager/collection-types/${ITEM}/${documentId}`, { timeout: 60000 });
    await page.getByTestId('ppid-panel').waitFor({ timeout: 60000 });
  });

  it('filters by SOP and unit', async () => {
    await page.goto(`${base}/admin/plugins/ppid/tasks`);
    await page.getByTestId('ppid-task-row').first().waitFor({ timeout: 60000 });
    const before = await page.getByTestId('ppid-task-row').count();
    await page.getByRole('combobox', { name: 'Unit' }).click();
    const options = page.getByRole('option');
    expect(await options.allInnerTexts()).toEqual(expect.arrayContaining(['Semua unit', 'Kecamatan Palaran']));
    await page.getByRole('option', { name: 'Kecamatan Palaran' }).click();
    const rows = await page.getByTestId('ppid-task-row').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(before);
    for (const r of rows) expect(r).toContain('Kecamatan Palaran');
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'SOP' }).click();
    expect(await page.getByRole('option').allInnerTexts()).not.toContain('palaran-publikasi-website');
  });
});

describe('Codes to labels', () => {
  let page: Page;
  beforeAll(async () => {
    page = await loginAs('admin@demo.ppid.local');
  });

  it.each([
    ['runs', 'ppid-run-row', '42-alur-kerja'],
    ['reports', 'ppid-chart-steps', '43-laporan'],
    ['classification', 'ppid-rule-sentence', '44-klasifikasi'],
  ])('%s shows names and sentences, and fits 1440 and 390 px', async (pathName, testId, name) => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${base}/admin/plugins/ppid/${pathName}`);
    await page.getByTestId(testId).first().waitFor({ timeout: 60000 });
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const text = await mainText(page);
    expectNoCodes(text);
    if (pathName === 'runs') {
      expect(text).toContain('Publikasi Informasi melalui Website');
      // The step's activity wraps: the last column (Dimulai) is still on screen.
      const last = await page.getByTestId('ppid-run-row').first().locator('td').last().boundingBox();
      expect(last!.x + last!.width).toBeLessThanOrEqual(1440);
    }
    if (pathName === 'reports') {
      expect(await page.getByTestId('ppid-working-hours').innerText()).toMatch(/Senin.+WIB/);
      expect(await page.getByTestId('ppid-table-steps').first().innerText()).toMatch(/Kecamatan Palaran/);
    }
    if (pathName === 'classification') expect(await page.getByTestId('ppid-rule-sentence').first().innerText()).toMatch(/^Jika .+, (sarankan|wajibkan|perbarui|jalankan|tolak)/);
    await shot(page, `${name}-1440`);
    const o = await overflow(page);
    expect(o.scroll).toBeLessThanOrEqual(o.inner);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const p = await overflow(page);
    await shot(page, `${name}-390`);
    expect(p.scroll).toBeLessThanOrEqual(p.inner);
  });
});
