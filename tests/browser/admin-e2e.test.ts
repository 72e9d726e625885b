import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { SHOTS, adminLogin, ensureBuilt, launchBrowser, serve, teardown } from '../helpers/browser';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';

// The admin panel end to end in a real browser: a real Strapi (compiled server + built admin)
// on a free port and a fresh database; four officials of seed 000 take one item from draft
// through paraf, signatures and a return to publication, every act through the CM side panel.
const UID = 'api::information-item.information-item';
const SOP = 'palaran-publikasi-website';
const TITLE = 'Kerja bakti RT 12 Kelurahan Rawa Makmur (uji peramban)';

jest.setTimeout(300000);

let app: TestApp;
let browser: Browser;
let base: string;
let p: Record<string, Person>;
let documentId: string;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  app = await startApp();
  const dir = app.strapi.plugin('ppid').service('directory');
  const kec = await dir.ensureUnit({ code: 'KEC-PALARAN', name: 'Kecamatan Palaran' });
  p = await peopleFor(app, SOP, [
    { key: 'camat', sopRoles: ['camat'], jabatan: 'Camat Palaran', unit: kec.id },
    { key: 'sekcam', sopRoles: ['sekretaris'], jabatan: 'Sekretaris Kecamatan', unit: kec.id },
    { key: 'kasi', sopRoles: ['kasubbag-kasi'], jabatan: 'Kasi Pemerintahan', unit: kec.id },
    { key: 'jfu', sopRoles: ['staf'], jabatan: 'JFU Pengelola Informasi', unit: kec.id },
  ]);
  // The plugin's page permissions for the officials' roles (the menu and pages are behind them).
  const actions = ['tasks.read', 'runs.read', 'sops.read'].map((a) => `plugin::ppid.${a}`);
  for (const person of Object.values(p)) {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { id: person.roleId }, populate: ['permissions'] });
    const existing = role.permissions.map((x: any) => ({ action: x.action, subject: x.subject, properties: x.properties, conditions: x.conditions }));
    await app.strapi.service('admin::role').assignPermissions(person.roleId, [
      ...existing,
      ...actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
      ...['read', 'create', 'update'].map((a) => ({
        action: `plugin::content-manager.explorer.${a}`,
        subject: UID,
        properties: { fields: ['title', 'summary', 'body', 'classification', 'kind', 'unit', 'holder', 'responsible', 'form', 'publicationDate', 'refreshMonths'] },
        conditions: [],
      })),
    ]);
  }
  const created = await app
    .http()
    .post(`/content-manager/collection-types/${UID}`)
    .set(bearer(p.jfu))
    .send({ title: TITLE, summary: 'Kegiatan rutin kecamatan', classification: 'setiap_saat', unit: kec.id });
  expect(created.status).toBe(201);
  documentId = created.body.data.documentId;

  base = await serve(app);
  browser = await launchBrowser();
});

afterAll(() => teardown(browser, app));

/** A fresh browser context (own cookies and storage) logged in as this official. */
async function as(person: Person): Promise<Page> {
  // Bahasa Indonesia, the panel's default language (stored before the panel loads).
  return adminLogin(browser, base, person.email, person.password);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function openItem(page: Page) {
  await page.goto(`${base}/admin/content-manager/collection-types/${UID}/${documentId}`);
  await page.getByTestId('ppid-panel').waitFor({ timeout: 60000 });
}

/**
 * The side panel's current step once it shows the expected one (the panel refetches after an
 * act; on a loaded machine the first text change can be an intermediate render).
 */
async function currentStep(page: Page, expected: string | RegExp) {
  const source = typeof expected === 'string' ? `^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : expected.source;
  await page
    .waitForFunction(
      (re) => new RegExp(re).test(document.querySelector('[data-testid="ppid-current-step"]')?.textContent?.trim() ?? ''),
      source,
      { timeout: 30000 }
    )
    .catch(() => undefined); // the assertion below reports what the panel shows instead
  return (await page.getByTestId('ppid-current-step').textContent())?.trim();
}

/** Clicks an act in the side panel, fills the dialog, and waits until the panel moved on. */
async function act(page: Page, act: string, opts: { comment?: string; password?: string; confirm?: boolean } = {}) {
  const before = await page.getByTestId('ppid-panel').textContent();
  await page.getByTestId(`ppid-act-${act}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (opts.comment) await dialog.locator('textarea[name="comment"]').fill(opts.comment);
  if (opts.confirm) await dialog.getByRole('checkbox').click();
  if (opts.password) await dialog.locator('input[name="password"]').fill(opts.password);
  await dialog.getByTestId('ppid-act-confirm').click();
  await dialog.waitFor({ state: 'detached', timeout: 30000 });
  await page.waitForFunction(
    (prev) => document.querySelector('[data-testid="ppid-panel"]')?.textContent !== prev,
    before,
    { timeout: 30000 }
  );
}

describe('admin panel: seed 000 item from draft to publication through the side panel', () => {
  it('the Camat opens the run from the edit view (step 1 is the Camat\'s); the JFU is told who starts it', async () => {
    const jfu = await as(p.jfu);
    await openItem(jfu);
    await expect(jfu.getByTestId('ppid-publish-note').textContent()).resolves.toContain('Terbitkan hanya melalui langkah terakhir SOP');
    await jfu.getByTestId('ppid-start-not-allowed').waitFor({ timeout: 30000 });
    expect(await jfu.getByTestId('ppid-start-not-allowed').innerText()).toMatch(/^Langkah 1 SOP ini dijalankan oleh Camat;/);
    expect(await jfu.getByTestId('ppid-submit-run').count()).toBe(0);
    await jfu.context().close();
    const page = await as(p.camat);
    await openItem(page);
    await page.getByTestId('ppid-submit-run').click();
    await page.getByTestId('ppid-current-step').waitFor();
    expect(await currentStep(page, 'Langkah 1 · Camat')).toBe('Langkah 1 · Camat');
    await shot(page, '01-cm-panel-submitted');
    await page.context().close();
  });

  it('the Camat sees the task in Tugas Saya and instructs (step 1)', async () => {
    const page = await as(p.camat);
    await page.goto(`${base}/admin/plugins/ppid/tasks`);
    const row = page.getByTestId('ppid-task-row').filter({ hasText: TITLE });
    await row.waitFor({ timeout: 60000 });
    await expect(row.textContent()).resolves.toContain('Camat');
    await shot(page, '02-tugas-saya');
    await openItem(page);
    await act(page, 'approve');
    expect(await currentStep(page, /^Langkah 2 · /)).toMatch(/^Langkah 2 · /);
    await page.context().close();
  });

  it('the JFU reports (step 2); the Kasi returns it with a note; the JFU resubmits', async () => {
    const jfu = await as(p.jfu);
    await openItem(jfu);
    await act(jfu, 'submit');
    expect(await currentStep(jfu, 'Langkah 3 · Kasubbag / Kasi')).toBe('Langkah 3 · Kasubbag / Kasi');

    const kasi = await as(p.kasi);
    await openItem(kasi);
    // A return needs a note: the button stays disabled until one is written.
    await kasi.getByTestId('ppid-act-return').click();
    await expect(kasi.getByRole('dialog').getByTestId('ppid-act-confirm').isDisabled()).resolves.toBe(true);
    await kasi.keyboard.press('Escape');
    await kasi.getByRole('dialog').waitFor({ state: 'detached' });
    await act(kasi, 'return', { comment: 'Lengkapi foto kegiatan dan perbaiki judul.' });
    expect(await currentStep(kasi, /^Langkah 2 · /)).toMatch(/^Langkah 2 · /);
    await expect(kasi.getByTestId('ppid-panel').textContent()).resolves.toContain('Dikembalikan');
    await shot(kasi, '03-cm-panel-returned');

    await openItem(jfu);
    await act(jfu, 'submit');
    expect(await currentStep(jfu, 'Langkah 3 · Kasubbag / Kasi')).toBe('Langkah 3 · Kasubbag / Kasi');

    // Paraf: the intent statement is shown and confirmed.
    await openItem(kasi);
    await expect(kasi.getByTestId('ppid-act-approve').textContent()).resolves.toBe('Paraf');
    await act(kasi, 'approve', { confirm: true });
    expect(await currentStep(kasi, /^Langkah 4 · /)).toMatch(/^Langkah 4 · /);
    await jfu.context().close();
    await kasi.context().close();
  });

  it('the Sekretaris signs (wrong password refused as the server says), then the Camat signs', async () => {
    const sek = await as(p.sekcam);
    await openItem(sek);
    await expect(sek.getByTestId('ppid-act-approve').textContent()).resolves.toBe('Tanda tangan');
    await sek.getByTestId('ppid-act-approve').click();
    const dialog = sek.getByRole('dialog');
    await expect(dialog.getByTestId('ppid-intent').textContent()).resolves.toContain('menandatanganinya secara elektronik');
    await dialog.getByRole('checkbox').click();
    await dialog.locator('input[name="password"]').fill('bukan-sandinya');
    await dialog.getByTestId('ppid-act-confirm').click();
    await expect(dialog.getByTestId('ppid-act-error').textContent()).resolves.toContain('Kata sandi salah');
    await shot(sek, '04-tanda-tangan-dialog');
    await sek.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await act(sek, 'approve', { confirm: true, password: p.sekcam.password });
    expect(await currentStep(sek, /^Langkah 5 · /)).toMatch(/^Langkah 5 · /);
    await sek.context().close();

    const camat = await as(p.camat);
    await openItem(camat);
    await act(camat, 'approve', { confirm: true, password: p.camat.password });
    expect(await currentStep(camat, /^Langkah 6 · /)).toMatch(/^Langkah 6 · /);
    await camat.context().close();
  });

  it('the Kasi hands over, the JFU publishes through the last step; the public API shows it', async () => {
    const kasi = await as(p.kasi);
    await openItem(kasi);
    await act(kasi, 'handover');
    expect(await currentStep(kasi, /^Langkah 7 · /)).toMatch(/^Langkah 7 · /);
    await kasi.context().close();

    const jfu = await as(p.jfu);
    await openItem(jfu);
    await act(jfu, 'publish');
    // Published and unchanged: the panel says so instead of offering a new submission.
    await jfu.getByTestId('ppid-published').waitFor();
    const panel = (await jfu.getByTestId('ppid-panel').textContent()) ?? '';
    expect(panel).toContain('Terbit');
    await shot(jfu, '05-cm-panel-published');

    const pub = await app.http().get('/api/information-items');
    expect(pub.status).toBe(200);
    expect(pub.body.data.map((d: any) => d.documentId)).toContain(documentId);

    const view = await app.http().get(`/ppid/items/${UID}/${documentId}/runs`).set(bearer(p.jfu));
    expect(view.body.data.runs[0].status).toBe('published');

    // The list view column shows the outcome.
    await jfu.goto(`${base}/admin/content-manager/collection-types/${UID}`);
    const cell = jfu.getByTestId('ppid-step-cell').first();
    await cell.waitFor({ timeout: 60000 });
    expect(await cell.textContent()).toBe('Terbit');
    await shot(jfu, '06-cm-list-view');
    await jfu.context().close();
  });

  it('the run detail shows the timeline with each record; the PPID pages render', async () => {
    const page = await as(p.camat);
    await page.goto(`${base}/admin/plugins/ppid/runs`);
    await page.getByTestId('ppid-run-row').first().waitFor({ timeout: 60000 });
    await shot(page, '07-alur-kerja');
    await page.getByTestId('ppid-run-row').filter({ hasText: TITLE }).getByRole('link').click();
    await page.getByTestId('ppid-record').first().waitFor();
    const records = await page.getByTestId('ppid-record').allTextContents();
    expect(records.length).toBe(9);
    expect(records.some((r) => r.includes('Tanda tangan') && r.includes('Sekretaris Kecamatan'))).toBe(true);
    expect(records.some((r) => r.includes('Dikembalikan') && r.includes('Lengkapi foto kegiatan'))).toBe(true);
    expect(records.every((r) => r.includes('WIB'))).toBe(true);
    await shot(page, '08-alur-kerja-detail');

    await page.goto(`${base}/admin/plugins/ppid/sops`);
    await page.getByTestId('ppid-sop-row').first().waitFor({ timeout: 60000 });
    await shot(page, '09-sop');
    await page.goto(`${base}/admin/plugins/ppid/sops/${SOP}`);
    const frame = page.getByTestId('ppid-sop-document');
    await frame.waitFor({ timeout: 60000 });
    // The document is rendered inside the frame (fetched with the JWT): its steps are there.
    const doc = page.frameLocator('[data-testid="ppid-sop-document"]');
    await expect(doc.locator('body').textContent()).resolves.toContain('kasubbag');
    await shot(page, '10-sop-dokumen');
    await page.context().close();
  });

  it('the other pages call their APIs and show what the server answers (super admin)', async () => {
    const email = 'admin@example.go.id';
    const password = 'Rahasia-Admin-123';
    const superRole = await app.strapi.service('admin::role').getSuperAdmin();
    const dir = app.strapi.plugin('ppid').service('directory');
    await dir.ensureUser({ email, firstname: 'Admin', lastname: 'PPID', password, roles: [superRole.id] });
    const page = await as({ email, password } as Person);
    for (const [pathName, name] of [['dip', '11-dip'], ['classification', '12-klasifikasi'], ['verify', '13-verifikasi'], ['reports', '14-laporan']]) {
      await page.goto(`${base}/admin/plugins/ppid/${pathName}`);
      await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60000 });
      await page.waitForLoadState('networkidle');
      await shot(page, name);
    }
    await page.context().close();
  });
});
