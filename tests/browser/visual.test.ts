import fs from 'fs';
import net from 'net';
import path from 'path';
import { execFileSync } from 'child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startApp, TestApp } from '../helpers/strapi';
import { login } from '../helpers/people';
import { expectMatchesBaseline, horizontalOverflow, pdfWords, renderPdfPages, stableScreenshot, visualContext } from '../helpers/visual';

// Issue #18: "a Camat signs from a phone", and visual regression of the key screens.
// The demo body (seed 000 of Kecamatan Palaran) on a real Strapi with the server's clock fixed
// (only Date is faked; timers run), the browser's clock fixed, one font, no animation: the
// screens are the same on every run, and each is compared with its committed baseline
// (tests/browser/baselines, `npm run test:visual:update` to change them deliberately).
const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screenshots');
const ITEM = 'api::information-item.information-item';
const SOP = 'palaran-publikasi-website';
const PASSWORD = 'Demo-PPID-2026!';
const email = (who: string) => `${who}.palaran@demo.ppid.local`;
// Tuesday 1 December 2026, 09:00 WIB on the server; the officers look nine and a half minutes later.
const SERVER_NOW = new Date('2026-12-01T02:00:00.000Z');
// (09:09:31: with the page clock ten times slower, a deadline on a whole minute reads the
// same for the first nine minutes after a page load.)
const BROWSER_NOW = new Date('2026-12-01T02:09:31.000Z');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const WIDTHS = [
  ['1440', DESKTOP],
  ['390', PHONE],
] as const;

jest.setTimeout(600000);

let app: TestApp;
let browser: Browser;
let base: string;
const items: Record<string, string> = {};
const runs: Record<string, string> = {};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/** An item of Kecamatan Palaran taken through the service, as the seed's officials, to the Camat's signature (step 5). */
async function itemAtCamatSignature(title: string, summary: string): Promise<{ documentId: string; runId: string }> {
  const users: Record<string, number> = {};
  for (const key of ['staf', 'camat', 'kasubbag-kasi', 'sekretaris']) {
    users[key] = (await app.strapi.db.query('admin::user').findOne({ where: { email: email(key) } })).id;
  }
  const unit = await app.strapi.db.query('plugin::ppid.unit').findOne({ where: { code: 'PALARAN' } });
  const wf = app.strapi.plugin('ppid').service('workflow');
  const doc = await app.strapi.documents(ITEM as any).create({
    data: { title, summary, classification: 'setiap_saat', unit: unit.id, holder: 'Kecamatan Palaran', responsible: 'Sekretaris Kecamatan' } as any,
  });
  const sign = { password: PASSWORD, confirmIntent: true };
  const run = await wf.submit({ uid: ITEM, documentId: doc.documentId }, users.camat);
  await wf.act(run.id, { act: 'approve' }, users.camat);
  await wf.act(run.id, { act: 'submit' }, users.staf);
  await wf.act(run.id, { act: 'approve', confirmIntent: true }, users['kasubbag-kasi']);
  await wf.act(run.id, { act: 'approve', ...sign }, users.sekretaris);
  return { documentId: doc.documentId, runId: run.id };
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync('node', [path.join(ROOT, 'scripts', 'build-server.js')], { cwd: ROOT, stdio: 'inherit' });
  if (!fs.existsSync(path.join(ROOT, 'dist', 'build', 'index.html'))) {
    execFileSync('npx', ['strapi', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  // The server's clock stands still at SERVER_NOW: every timestamp, deadline and date printed
  // (records, approval form, portal) is the same on every run. Timers are real.
  jest.useFakeTimers({
    now: SERVER_NOW,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  app = await startApp({ NODE_ENV: 'development', PPID_DEMO_SEED: 'true' });
  const d = await itemAtCamatSignature('Pengumuman jadwal Musrenbang Kecamatan Palaran 2027', 'Jadwal musyawarah perencanaan pembangunan tingkat kelurahan dan kecamatan.');
  items.signature = d.documentId;
  const e = await itemAtCamatSignature('Laporan realisasi anggaran Kecamatan Palaran semester II', 'Ringkasan realisasi anggaran kecamatan.');
  items.phone = e.documentId;
  runs.phone = e.runId;
  const find = async (title: string) => (await app.strapi.db.query(ITEM).findOne({ where: { title } })).documentId as string;
  items.paraf = await find('Kerja bakti RT 12 Kelurahan Rawa Makmur'); // the demo's item at the Kasi's paraf (step 3)
  items.published = await find('Profil Kecamatan Palaran');
  const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemDocumentId: items.published, status: 'published' } });
  runs.published = run.documentId;

  const port = await freePort();
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(port, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none', '--disable-lcd-text', '--force-color-profile=srgb', '--hide-scrollbars'],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  jest.useRealTimers();
});

async function loginPage(context: BrowserContext, who: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/admin/auth/login`);
  await page.fill('input[name="email"]', email(who));
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 60000 });
  // Strapi's one-off announcement (new media library) is dismissed, as an officer would.
  const close = page.getByRole('button', { name: /Tutup pemberitahuan/ }).first();
  if (await close.waitFor({ timeout: 15000 }).then(() => true, () => false)) await close.click();
  return page;
}

const sessions = new Map<string, Page>();
/** One desktop-sized logged-in page per official; resized for the phone width. */
async function as(who: string): Promise<Page> {
  const open = sessions.get(who);
  if (open) return open;
  const page = await loginPage(await visualContext(browser, DESKTOP, BROWSER_NOW), who);
  sessions.set(who, page);
  return page;
}

/**
 * Opens the item's edit view. Below Strapi's desktop breakpoint the side panels (the workflow
 * panel among them) live in the actions drawer at the bottom: it is opened, as on a phone.
 */
async function openItem(page: Page, documentId: string) {
  await page.goto(`${base}/admin/content-manager/collection-types/${ITEM}/${documentId}`);
  await page.locator('input[name="title"]').waitFor({ timeout: 60000 });
  const drawer = page.getByRole('button', { name: 'Buka tindakan lainnya' });
  if ((page.viewportSize()?.width ?? 0) < 1080) await drawer.click({ timeout: 30000 });
  await page.getByTestId('ppid-current-step').waitFor({ timeout: 30000 });
}

/** The page has nothing off screen sideways. */
async function expectNoHorizontalOverflow(page: Page) {
  const o = await horizontalOverflow(page);
  expect({ scrollWidth: o.scrollWidth, culprits: o.scrollWidth > o.innerWidth ? o.culprits : [] }).toEqual({ scrollWidth: o.innerWidth, culprits: [] });
}

/** The element is entirely inside the viewport (reachable without scrolling sideways). */
async function expectInsideViewport(page: Page, locator: ReturnType<Page['locator']>) {
  await locator.scrollIntoViewIfNeeded();
  const box = (await locator.boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect({ left: box.x >= 0, right: box.x + box.width <= vp.width, top: box.y >= 0, bottom: box.y + box.height <= vp.height }).toEqual({ left: true, right: true, top: true, bottom: true });
}

describe('a Camat signs from a phone (390 × 844)', () => {
  it('logs in, opens the item from Tugas Saya, signs at step 5 through the panel and the dialog', async () => {
    const context = await visualContext(browser, PHONE, BROWSER_NOW, { isMobile: true });
    const page = await loginPage(context, 'camat');
    await page.goto(`${base}/admin/plugins/ppid/tasks`);
    const row = page.getByTestId('ppid-task-row').filter({ hasText: 'Laporan realisasi anggaran' });
    await row.waitFor({ timeout: 60000 });
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: path.join(SHOTS, 'phone-01-tasks.png'), fullPage: true });
    await row.getByTestId('ppid-task-open').click();
    await page.locator('input[name="title"]').waitFor({ timeout: 60000 });
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: path.join(SHOTS, 'phone-02-item.png') });
    // The workflow panel is in Strapi's actions drawer at the bottom of a phone's screen.
    await page.getByRole('button', { name: 'Buka tindakan lainnya' }).click();
    await page.getByTestId('ppid-current-step').waitFor({ timeout: 60000 });
    expect((await page.getByTestId('ppid-current-step').textContent())?.trim()).toBe('Langkah 5 · Camat');
    await expectNoHorizontalOverflow(page);

    const sign = page.getByTestId('ppid-act-approve');
    expect((await sign.textContent())?.trim()).toBe('Tanda tangan');
    await expectInsideViewport(page, sign);
    await page.screenshot({ path: path.join(SHOTS, 'phone-03-panel.png') });
    await sign.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('ppid-intent').waitFor();
    // The dialog fits: its own box, the intent statement, the fields and both buttons on screen.
    await expectInsideViewport(page, dialog);
    await expectNoHorizontalOverflow(page);
    const fontSize = await dialog.getByTestId('ppid-intent').evaluate((el) => parseFloat(getComputedStyle(el.querySelector('*') ?? el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(14);
    await dialog.getByRole('checkbox').click();
    await dialog.locator('input[name="password"]').fill(PASSWORD);
    await expectInsideViewport(page, dialog.getByRole('button', { name: 'Batal' }));
    await expectInsideViewport(page, dialog.getByTestId('ppid-act-confirm'));
    await page.screenshot({ path: path.join(SHOTS, 'phone-04-dialog.png') });
    await dialog.getByTestId('ppid-act-confirm').click();
    await dialog.waitFor({ state: 'detached', timeout: 30000 });
    await page.waitForFunction(() => /^Langkah 6 · /.test(document.querySelector('[data-testid="ppid-current-step"]')?.textContent?.trim() ?? ''), undefined, { timeout: 30000 });
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: path.join(SHOTS, 'phone-05-signed.png') });

    // Recorded as the Camat's signature (tanda tangan) at step 5, and the run moved on.
    const camat = await app.strapi.db.query('admin::user').findOne({ where: { email: email('camat') } });
    const records = await app.strapi.db.query('plugin::ppid.signature-record').findMany({ where: { runDocumentId: runs.phone, stepNumber: 5 } });
    expect(records.map((r: any) => ({ kind: r.kind, signer: r.signerUserId }))).toEqual([{ kind: 'tanda_tangan', signer: camat.id }]);
    await context.close();
  });

  it('the return dialog (with its required note) fits a phone too', async () => {
    const context = await visualContext(browser, PHONE, BROWSER_NOW, { isMobile: true });
    const page = await loginPage(context, 'camat');
    await openItem(page, items.signature);
    const ret = page.getByTestId('ppid-act-return');
    await expectInsideViewport(page, ret);
    await ret.click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea[name="comment"]').waitFor();
    await expectInsideViewport(page, dialog);
    await expectNoHorizontalOverflow(page);
    await expectInsideViewport(page, dialog.getByTestId('ppid-act-confirm'));
    await page.screenshot({ path: path.join(SHOTS, 'phone-06-return-dialog.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await context.close();
  });
});

describe('visual regression: key screens against tests/browser/baselines', () => {
  const check = (name: string, png: Buffer, opts: { maxDiffRatio?: number } = {}) => {
    fs.writeFileSync(path.join(SHOTS, `visual-${name}.png`), png);
    return expectMatchesBaseline(name, png, opts);
  };
  // A PDF page is mostly white paper and poppler draws it the same every time (two boots with
  // different codes and hashes: 0 pixels apart): 0.01 % (about 100 pixels at 100 dpi) is
  // allowed, so that one changed word fails where the screens' 0.5 % would let it pass.
  const PDF_PAGE = { maxDiffRatio: 0.0001 };

  for (const [w, viewport] of WIDTHS) {
    it(`Tugas Saya of the Camat at ${w} px`, async () => {
      const page = await as('camat');
      await page.setViewportSize(viewport);
          await page.goto(`${base}/admin/plugins/ppid/tasks`);
      await page.getByTestId('ppid-task-row').filter({ hasText: 'Pengumuman jadwal Musrenbang' }).waitFor({ timeout: 60000 });
      await expectNoHorizontalOverflow(page);
      check(`tasks-camat-${w}`, await stableScreenshot(page, { fullPage: true }));
    });

    it(`the edit view at the Kasi's paraf step (3) at ${w} px`, async () => {
      const page = await as('kasubbag-kasi');
      await page.setViewportSize(viewport);
      await openItem(page, items.paraf);
      expect((await page.getByTestId('ppid-act-approve').textContent())?.trim()).toBe('Paraf');
      await expectNoHorizontalOverflow(page);
      check(`item-paraf-${w}`, await stableScreenshot(page, { fullPage: true }));
    });

    it(`the edit view at the Camat's signature step (5) and the signing dialog at ${w} px`, async () => {
      const page = await as('camat');
      await page.setViewportSize(viewport);
      await openItem(page, items.signature);
      expect((await page.getByTestId('ppid-act-approve').textContent())?.trim()).toBe('Tanda tangan');
      await expectNoHorizontalOverflow(page);
      check(`item-signature-${w}`, await stableScreenshot(page, { fullPage: true }));
      await page.getByTestId('ppid-act-approve').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('ppid-intent').waitFor();
      await expectInsideViewport(page, dialog.getByTestId('ppid-act-confirm'));
      check(`dialog-signature-${w}`, await stableScreenshot(page));
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });

    it(`the portal at ${w} px`, async () => {
      const context = await visualContext(browser, viewport, BROWSER_NOW, { isMobile: w === '390' });
      const page = await context.newPage();
      await page.goto(`${base}/portal`);
      await page.waitForFunction(() => document.getElementById('items')?.getAttribute('aria-busy') === 'false' && document.getElementById('dip-body')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 60000 });
      await page.waitForFunction(() => !document.querySelector('.verify-pending'), undefined, { timeout: 60000 });
      await page.getByText('Profil Kecamatan Palaran').first().waitFor();
      await expectNoHorizontalOverflow(page);
      check(`portal-${w}`, await stableScreenshot(page, { fullPage: true }));
      await context.close();
    });
  }

  /** A document as the JFU (staf.palaran) downloads it, with their own JWT. */
  const fetchPdf = async (url: string): Promise<Buffer> => {
    const token = await login(app, email('staf'), PASSWORD);
    const res = await app.http().get(url).set({ Authorization: `Bearer ${token}` }).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect([res.status, res.headers['content-type']]).toEqual([200, 'application/pdf']);
    return res.body as Buffer;
  };
  // Ids, hashes and verification codes printed in the documents: runs of 10+ letters and
  // digits mixed (a NIP, all digits, and the SOP number stay), and the hex ids of the approval
  // form (12 or 64 digits, which may by chance be all numbers). The line holding one is painted
  // over; so are raster images (QR codes, logos). Pages are rendered by poppler (pdftoppm).
  const DYNAMIC_TEXT = /(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{10,}|^[0-9a-f]{12}$|^[0-9a-f]{64}$/;

  it('the approval form of the published item (all seven steps signed), as images', async () => {
    const pdf = await fetchPdf(`/ppid/runs/${runs.published}/form.pdf`);
    fs.writeFileSync(path.join(SHOTS, 'visual-form.pdf'), pdf);
    // The run's verification code (random) is printed in the URL, the footer and the
    // "Kode verifikasi" line; it may be all letters, so it is masked as itself.
    const code = /\/verify\/([A-Za-z0-9]+)/.exec(pdfWords(pdf).map((w) => w.text).join(' '))?.[1];
    expect(code).toMatch(/^[A-Za-z0-9]{6,}$/);
    const pages = renderPdfPages(pdf, { maskText: (w) => DYNAMIC_TEXT.test(w) || w.includes(code!) });
    // Two A4 pages at 100 dpi: the steps table, then the signatures and the verification block.
    expect(pages.length).toBe(2);
    pages.forEach((png, i) => check(`form-pdf-p${i + 1}`, png, PDF_PAGE));
  });

  it('the SOP document of seed 000, as images', async () => {
    const pdf = await fetchPdf(`/ppid/sops/${SOP}/document?format=pdf`);
    const pages = renderPdfPages(pdf, { maskText: DYNAMIC_TEXT });
    expect(pages.length).toBeGreaterThan(0);
    pages.forEach((png, i) => check(`sop-pdf-p${i + 1}`, png, PDF_PAGE));
  });
});
