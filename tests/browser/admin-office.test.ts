import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { SHOTS, adminLogin, ensureBuilt, launchBrowser, serve, teardown } from '../helpers/browser';
import { startApp, TestApp } from '../helpers/strapi';
import type { Person } from '../helpers/people';

// The panel as an Indonesian office uses it (issue #18), with the demo body's own accounts and
// no Super Admin: Kecamatan Palaran's JFU drafts an item from an empty form (unit and jenis
// picked by name, every DIP field filled), each official acts at their step of seed 000 up to
// publication, then the BKPSDM Kutai Timur officers establish a DIP edition through seed 002
// and the item is in it.
const ITEM = 'api::information-item.information-item';
const TITLE = 'Notulen musyawarah perencanaan pembangunan Kecamatan Palaran 2026';
const PASSWORD = 'Demo-PPID-2026!';
const person = (email: string) => ({ email: `${email}@demo.ppid.local`, password: PASSWORD }) as Person;
const staf = person('staf.palaran');
const kasi = person('kasubbag-kasi.palaran');
const sekretaris = person('sekretaris.palaran');
const camat = person('camat.palaran');
const petugas = person('petugas-informasi.kutim');
const pelaksana = person('ppid-pelaksana.kutim');
const ppid = person('ppid.kutim');
const atasan = person('atasan-ppid.kutim');
const pdfParse = require('pdf-parse/lib/pdf-parse.js');

jest.setTimeout(600000);

let app: TestApp;
let browser: Browser;
let base: string;
let documentId: string;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  // The demo body, as `npm run dev` seeds it (explicitly requested).
  app = await startApp({ NODE_ENV: 'development', PPID_DEMO_SEED: 'true' });
  base = await serve(app);
  browser = await launchBrowser();
});

afterAll(() => teardown(browser, app));

// One logged-in page per official, kept for the whole file (a login costs two full loads of
// the panel on a loaded 2-core machine).
const sessions = new Map<string, Page>();

async function as(who: Person): Promise<Page> {
  const open = sessions.get(who.email);
  if (open) return open;
  const page = await login(who);
  sessions.set(who.email, page);
  return page;
}

async function login(who: Person): Promise<Page> {
  return adminLogin(browser, base, who.email, who.password, { acceptDownloads: true });
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function openItem(page: Page) {
  await page.goto(`${base}/admin/content-manager/collection-types/${ITEM}/${documentId}`);
  await page.getByTestId('ppid-panel').waitFor({ timeout: 60000 });
}

async function currentStep(page: Page, expected: RegExp) {
  await page
    .waitForFunction((re) => new RegExp(re).test(document.querySelector('[data-testid="ppid-current-step"]')?.textContent?.trim() ?? ''), expected.source, { timeout: 30000 })
    .catch(() => undefined);
  return (await page.getByTestId('ppid-current-step').textContent())?.trim() ?? '';
}

/** Clicks an act in the panel, fills the dialog as told, and waits until the panel moved on. */
async function act(page: Page, name: string, opts: { confirm?: boolean; password?: string } = {}) {
  const before = await page.getByTestId('ppid-panel').textContent();
  await page.getByTestId(`ppid-act-${name}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (opts.confirm) await dialog.getByRole('checkbox').click();
  if (opts.password) await dialog.locator('input[name="password"]').fill(opts.password);
  await dialog.getByTestId('ppid-act-confirm').click();
  await dialog.waitFor({ state: 'detached', timeout: 30000 });
  await page.waitForFunction((prev) => document.querySelector('[data-testid="ppid-panel"]')?.textContent !== prev, before, { timeout: 30000 });
}

/** Picks a relation by typing part of its name and choosing the option that shows the name. */
async function pickRelation(page: Page, field: string, search: string, name: RegExp) {
  const combo = page.locator(`input[role="combobox"][name="${field}"]`);
  await combo.click();
  await combo.fill(search);
  const option = page.getByRole('option', { name });
  await option.first().waitFor({ timeout: 30000 });
  await option.first().click();
}

it('the browser’s favicon request is answered, not a 500 with a stack trace', async () => {
  const res = await app.http().get('/favicon.ico');
  expect(res.status).toBe(200);
}, 30000);

describe('the office: seed 000 from an empty form to publication, then a DIP edition through seed 002', () => {
  it('the JFU (staf.palaran) creates the item through the form: unit and jenis by name, every DIP field', async () => {
    const page = await as(staf);
    await page.goto(`${base}/admin/content-manager/collection-types/${ITEM}/create`);
    await page.locator('input[name="title"]').waitFor({ timeout: 60000 });
    // No DIP field is hidden from the drafting officer; the private publication flag is not offered.
    await page.getByText('Retensi Arsip').first().waitFor();
    expect(await page.getByText(/Tidak ada izin untuk melihat bidang ini|No permissions to see this field/).count()).toBe(0);
    expect(await page.locator('[name="ppidPublic"]').count()).toBe(0);

    await page.locator('input[name="title"]').fill(TITLE);
    await page.locator('textarea[name="summary"]').fill('Notulen dan daftar hadir musyawarah perencanaan pembangunan tingkat kecamatan.');
    await pickRelation(page, 'kind', 'pertemuan', /pertemuan terbuka untuk umum/i);
    await pickRelation(page, 'unit', 'Palaran', /Kecamatan Palaran/);
    await page.locator('input[name="holder"]').fill('Seksi Pemerintahan Kecamatan Palaran');
    await page.locator('input[name="responsible"]').fill('Sekretaris Kecamatan Palaran');
    // Waktu dan Tempat Pembuatan, Retensi Arsip: empty components, added and filled.
    const empty = page.getByRole('button', { name: /Belum ada entri|No entry yet/ });
    await empty.first().click();
    await page.locator('input[name="production.period"]').fill('2026');
    await page.locator('input[name="production.place"]').fill('Kantor Kecamatan Palaran, Samarinda');
    await empty.first().click();
    await page.locator('input[name="retention.activeYears"]').fill('3');
    await page.locator('input[name="retention.inactiveYears"]').fill('7');
    await page.locator('input[name="retention.note"]').fill('Sesuai JRA Pemerintah Kota Samarinda');
    await shot(page, 'office-01-form-filled');

    await page.getByRole('button', { name: /^(Simpan|Save)$/ }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/create'), { timeout: 60000 });
    documentId = page.url().split('/').pop()!.split('?')[0];
    const saved = await app.strapi.documents(ITEM as any).findOne({ documentId, populate: ['unit', 'kind', 'production', 'retention'] as any });
    expect(saved).toMatchObject({
      title: TITLE,
      classification: 'setiap_saat',
      holder: 'Seksi Pemerintahan Kecamatan Palaran',
      unit: { name: 'Kecamatan Palaran' },
      kind: { code: 'pertemuan_terbuka' },
      production: { period: '2026', place: 'Kantor Kecamatan Palaran, Samarinda' },
      retention: { activeYears: 3, inactiveYears: 7 },
    });

    // A run starts when the SOP starts: step 1 is the Camat's, so the JFU is told who opens it.
    await page.getByTestId('ppid-start-not-allowed').waitFor({ timeout: 30000 });
    expect(await page.getByTestId('ppid-start-not-allowed').innerText()).toMatch(/^Langkah 1 SOP ini dijalankan oleh Camat;/);
    expect(await page.getByTestId('ppid-submit-run').count()).toBe(0);
    const c = await as(camat);
    await openItem(c);
    await c.getByTestId('ppid-submit-run').click();
    expect(await currentStep(c, /^Langkah 1 · Camat$/)).toBe('Langkah 1 · Camat');
    await shot(c, 'office-02-submitted');
  });

  it('a new item without a unit takes the drafting official’s unit', async () => {
    const page = await as(staf);
    await page.goto(`${base}/admin/content-manager/collection-types/${ITEM}/create`);
    await page.locator('input[name="title"]').waitFor({ timeout: 60000 });
    await page.locator('input[name="title"]').fill('Jadwal posyandu Kelurahan Bantuas');
    await page.locator('textarea[name="summary"]').fill('Jadwal posyandu bulan depan.');
    await page.getByRole('button', { name: /^(Simpan|Save)$/ }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/create'), { timeout: 60000 });
    const id = page.url().split('/').pop()!.split('?')[0];
    const saved = await app.strapi.documents(ITEM as any).findOne({ documentId: id, populate: ['unit'] as any });
    expect(saved.unit?.name).toBe('Kecamatan Palaran');
  });

  it('each official acts at their step; the JFU prints the approval form; the Kasi’s paraf asks no password', async () => {
    const c = await as(camat);
    await openItem(c);
    await act(c, 'approve');
    expect(await currentStep(c, /^Langkah 2 · /)).toMatch(/^Langkah 2 · Staf/);

    const jfu = await as(staf);
    await openItem(jfu);
    // No bare "edit" button: the editable step says how to edit instead.
    expect(await jfu.getByTestId('ppid-act-edit').count()).toBe(0);
    await jfu.getByTestId('ppid-edit-hint').waitFor();
    // The approval form the JFU fills at step 2, from the panel (fetched with the JWT).
    const [download] = await Promise.all([jfu.waitForEvent('download'), jfu.getByTestId('ppid-form-pdf').click()]);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdfParse(pdf)).text).toContain('Notulen musyawarah');
    await act(jfu, 'submit');
    expect(await currentStep(jfu, /^Langkah 3 · /)).toBe('Langkah 3 · Kasubbag / Kasi');
    await shot(jfu, 'office-03-panel-form-link');
    // The SOP document opens from the panel.
    await jfu.getByTestId('ppid-sop-link').click();
    await jfu.getByTestId('ppid-sop-document').waitFor({ timeout: 60000 });

    const k = await as(kasi);
    await openItem(k);
    await k.getByTestId('ppid-act-approve').click();
    const dialog = k.getByRole('dialog');
    await dialog.getByTestId('ppid-intent').waitFor();
    expect(await dialog.locator('input[name="password"]').count()).toBe(0);
    await shot(k, 'office-04-paraf-dialog');
    await k.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await act(k, 'approve', { confirm: true });
    expect(await currentStep(k, /^Langkah 4 · /)).toBe('Langkah 4 · Sekretaris');

    const s = await as(sekretaris);
    await openItem(s);
    await act(s, 'approve', { confirm: true, password: PASSWORD });
    expect(await currentStep(s, /^Langkah 5 · /)).toBe('Langkah 5 · Camat');

    const c2 = await as(camat);
    await openItem(c2);
    await act(c2, 'approve', { confirm: true, password: PASSWORD });
    expect(await currentStep(c2, /^Langkah 6 · /)).toBe('Langkah 6 · Kasubbag / Kasi');

    const k2 = await as(kasi);
    await openItem(k2);
    await act(k2, 'handover');
    expect(await currentStep(k2, /^Langkah 7 · /)).toBe('Langkah 7 · Staf');
  });

  it('the JFU publishes: the status badge and the panel follow without a reload', async () => {
    const jfu = await as(staf);
    await openItem(jfu);
    await act(jfu, 'publish');
    await jfu.getByTestId('ppid-published').waitFor({ timeout: 30000 });
    expect(await jfu.getByTestId('ppid-submit-run').count()).toBe(0);
    // The Content Manager's own status badge, refreshed after the act.
    await jfu.getByText(/^(Diterbitkan|Published)$/).first().waitFor({ timeout: 30000 });
    await shot(jfu, 'office-05-published');
    const pub = await app.http().get('/api/information-items');
    expect(pub.body.data.map((d: any) => d.title)).toContain(TITLE);
  });

  it('the BKPSDM Kutai Timur officers establish a DIP edition through seed 002; the item is in it', async () => {
    // The published item proposes its DIP entry once the publish transaction committed.
    for (let i = 0; i < 100; i++) {
      if (await app.strapi.db.query('api::dip-entry.dip-entry').findOne({ where: { ringkasan: TITLE } })) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const p1 = await as(petugas);
    await p1.goto(`${base}/admin/plugins/ppid/dip`);
    await p1.getByTestId('ppid-dip-create').click();
    const entries = p1.getByTestId('ppid-dip-entries');
    await entries.getByText(TITLE).waitFor({ timeout: 60000 });
    const workflow = p1.getByTestId('ppid-dip-workflow');
    await workflow.getByTestId('ppid-submit-run').click();
    expect(await currentStep(p1, /^Langkah 1 · /)).toBe('Langkah 1 · Petugas Informasi');
    await act(p1, 'submit');
    expect(await currentStep(p1, /^Langkah 2 · /)).toBe('Langkah 2 · PPID Pelaksana');

    const openEdition = async (page: Page) => {
      await page.goto(`${base}/admin/plugins/ppid/dip`);
      await page.getByTestId('ppid-dip-workflow').getByTestId('ppid-current-step').waitFor({ timeout: 60000 });
    };
    const p2 = await as(pelaksana);
    await openEdition(p2);
    await act(p2, 'submit');
    expect(await currentStep(p2, /^Langkah 3 · /)).toBe('Langkah 3 · PPID');

    const p3 = await as(ppid);
    await openEdition(p3);
    await act(p3, 'approve');
    expect(await currentStep(p3, /^Langkah 4 · /)).toBe('Langkah 4 · PPID');
    await act(p3, 'approve');
    expect(await currentStep(p3, /^Langkah 5 · /)).toBe('Langkah 5 · Atasan PPID');

    const p4 = await as(atasan);
    await openEdition(p4);
    await act(p4, 'approve', { confirm: true, password: PASSWORD });
    expect(await currentStep(p4, /^Langkah 6 · /)).toBe('Langkah 6 · PPID');

    const p5 = await as(ppid);
    await openEdition(p5);
    await act(p5, 'publish');
    await p5.getByTestId('ppid-dip-workflow').getByTestId('ppid-published').waitFor({ timeout: 30000 });
    await p5.reload();
    await p5.getByTestId('ppid-dip-edition').getByText(/SK Nomor/).waitFor({ timeout: 60000 });
    await shot(p5, 'office-06-dip-established');

    const current = await app.http().get('/api/ppid/dip/current');
    expect(current.status).toBe(200);
    expect(current.body.data.status).toBe('established');
    expect(current.body.data.signer.jabatan).toBe('Kepala BKPSDM (Atasan PPID)');
    const entry = current.body.data.entries.find((e: any) => e.ringkasan === TITLE);
    expect(entry).toMatchObject({ pejabatUnit: 'Seksi Pemerintahan Kecamatan Palaran', klasifikasi: 'setiap_saat', waktuTempat: { waktu: '2026', tempat: 'Kantor Kecamatan Palaran, Samarinda' } });
  });
});
