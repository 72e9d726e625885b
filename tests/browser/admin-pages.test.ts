import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { ROOT, SHOTS, adminLogin, ensureBuilt, launchBrowser, serve, teardown } from '../helpers/browser';
import { startApp, TestApp } from '../helpers/strapi';
import { login } from '../helpers/people';

// The DIP, Klasifikasi, Verifikasi and Laporan pages in a real browser with real data: a DIP
// imported from CSV (a bad file first), two editions compared and exported, rules edited,
// consequence tests near and past their end, the chain verification, and the reports.
const TMP = path.join(ROOT, 'tests', 'artifacts', 'tmp-admin-pages');
const ITEM = 'api::information-item.information-item';
const DIP_ENTRY = 'api::dip-entry.dip-entry';

jest.setTimeout(240000);

let app: TestApp;
let browser: Browser;
let page: Page;
let base: string;
let token: string;
const EMAIL = 'admin.halaman@example.go.id';
const PASSWORD = 'Rahasia-Admin-123';

const HEADER =
  'Nomor,Ringkasan Isi Informasi,Pejabat atau Unit/Satuan Kerja yang Menguasai Informasi,Penanggung Jawab Pembuatan atau Penerbitan Informasi,Waktu dan Tempat Pembuatan Informasi,Bentuk Informasi yang Tersedia,Jangka Waktu Penyimpanan atau Retensi Arsip,Klasifikasi,Tautan';
const GOOD_CSV = [
  HEADER,
  '1,Profil BKPSDM Kabupaten Kutai Timur,Sekretariat BKPSDM,Kepala Sub Bagian Umum dan Kepegawaian,"2026, Sangatta","Softcopy, Hardcopy","Aktif 2 tahun, inaktif 5 tahun, permanen",Berkala,https://ppid.example.go.id/dip/profil',
  '2,Rencana Strategis 2026-2031,Bidang Perencanaan,Kepala Bidang Perencanaan,"2026-01-15, Sangatta",Softcopy,"Aktif 5 tahun, inaktif 5 tahun, permanen",Setiap Saat,',
  '3,Peringatan dini banjir,Bidang Kedaruratan,Kepala Pelaksana BPBD,"2026-02-03, Sangatta",Softcopy,"Aktif 1 tahun, inaktif 2 tahun, musnah",Serta Merta,',
].join('\r\n');
const BAD_CSV = [
  HEADER,
  '1,,Sekretariat BKPSDM,Kepala Sub Bagian Umum,"2026, Sangatta",Softcopy,"Aktif 2 tahun, inaktif 5 tahun, permanen",Berkala,',
  '2,Data gaji pegawai,Bidang Keuangan,Kepala Bidang Keuangan,"2026, Sangatta",Disket,"Aktif 2 tahun, inaktif 5 tahun, permanen",Dikecualikan,',
].join('\r\n');

/** The whole page: the admin scrolls inside its own containers, so the viewport grows to fit them. */
async function shot(name: string) {
  const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll('*')].map((e) => (e as HTMLElement).scrollHeight)));
  await page.setViewportSize({ width: 1440, height: Math.min(Math.max(height, 1000), 5000) });
  await page.evaluate(() => document.querySelectorAll('*').forEach((e) => ((e as HTMLElement).scrollTop = 0)));
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await page.setViewportSize({ width: 1440, height: 1000 });
}
const api = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.mkdirSync(TMP, { recursive: true });
  ensureBuilt();
  app = await startApp();
  const s = app.strapi;
  const superRole = await s.service('admin::role').getSuperAdmin();
  await s.plugin('ppid').service('directory').ensureUser({ email: EMAIL, firstname: 'Admin', lastname: 'PPID', password: PASSWORD, roles: [superRole.id] });
  token = await login(app, EMAIL, PASSWORD);

  // Reports: published items over three months (one berkala item long overdue for refresh)
  // and step logs of seed 000 with one breach.
  const items = s.db.query(ITEM);
  const published = [
    ['Laporan keuangan semester I', 'berkala', '2025-01-10T03:00:00Z'],
    ['Pengumuman pengadaan kendaraan', 'berkala', '2026-01-20T03:00:00Z'],
    ['Peringatan dini banjir Sangatta', 'serta_merta', '2026-02-03T03:00:00Z'],
    ['Keputusan Camat tentang RT', 'setiap_saat', '2026-02-14T03:00:00Z'],
    ['Rencana kerja 2026', 'setiap_saat', '2026-03-02T03:00:00Z'],
  ];
  for (const [i, [title, classification, at]] of published.entries()) {
    await items.create({ data: { documentId: `pub${i}xxxxxxxxxxxxxxxxxxxxx`, title, summary: title, classification, publicationDate: at, publishedAt: at, refreshMonths: classification === 'berkala' ? 6 : null } });
  }
  const logs = s.db.query('plugin::ppid.step-log');
  const log = (stepNumber: number, role: string, unitCode: string, workingMinutes: number, standardMinutes: number | null) =>
    logs.create({
      data: { sopCode: 'palaran-publikasi-website', stepNumber, role, unitCode, startedAt: '2026-02-01T01:00:00Z', endedAt: '2026-02-01T02:00:00Z', workingMinutes, standardMinutes, breached: standardMinutes !== null && workingMinutes > standardMinutes },
    });
  for (const m of [4, 6, 9]) await log(1, 'camat', 'KEC-PALARAN', m, 10);
  for (const m of [30, 45, 90]) await log(2, 'sekretaris', 'KEC-PALARAN', m, 60);
  for (const m of [5, 8]) await log(3, 'kasubbag-kasi', 'KEC-PALARAN', m, 15);

  // Consequence tests: one ended (re-test), one ending within the month, one permanent draft.
  const tests = s.db.query('plugin::ppid.consequence-test');
  const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const dh = { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'a' };
  // (The query engine publishes D&P rows unless told otherwise: drafts get publishedAt null.)
  // A decided test is one whose SOP run published it (uji-konsekuensi template): recorded here
  // directly (draft row, published row, run), as the workflow leaves them.
  const decided = async (data: Record<string, unknown>) => {
    const draft = await tests.create({ data: { ...data, publishedAt: null } });
    await tests.create({ data: { ...data, documentId: draft.documentId, publishedAt: new Date() } });
    await s.db.query('plugin::ppid.run').create({
      data: { itemUid: 'plugin::ppid.consequence-test', itemDocumentId: draft.documentId, sopCode: 'uji-konsekuensi', sopVersion: 1, status: 'published', currentStep: 4, lock: 5, state: {}, endedAt: new Date() },
    });
  };
  await decided({ itemUid: ITEM, itemDocumentId: 'x1', informasi: 'Berkas penyidikan kasus pengadaan 2023', unit: 'Inspektorat', dasarHukum: dh, masaPengecualianBerakhir: '2025-12-31', tanggalKeputusan: '2024-01-10' });
  await decided({ itemUid: ITEM, itemDocumentId: 'x2', informasi: 'Rencana pengamanan objek vital', unit: 'Satpol PP', dasarHukum: { ...dh, hurufPasal17: 'c' }, masaPengecualianBerakhir: soon, tanggalKeputusan: '2024-03-01' });
  await tests.create({ data: { itemUid: ITEM, itemDocumentId: 'x3', informasi: 'Data pribadi pegawai (NIK, alamat)', unit: 'BKPSDM', dasarHukum: { ...dh, hurufPasal17: 'h' }, masaPengecualianBerakhir: null, publishedAt: null } });

  base = await serve(app);
  browser = await launchBrowser();
  page = await adminLogin(browser, base, EMAIL, PASSWORD, { acceptDownloads: true });
});

afterAll(async () => {
  await teardown(browser, app);
  fs.rmSync(TMP, { recursive: true, force: true });
});

async function open(pathName: string) {
  await page.goto(`${base}/admin/plugins/ppid/${pathName}`);
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60000 });
}

async function importFile(name: string, text: string) {
  const file = path.join(TMP, name);
  fs.writeFileSync(file, text);
  await page.getByTestId('ppid-dip-import-file').setInputFiles(file);
  await page.getByTestId('ppid-dip-import-run').click();
  await page.getByTestId('ppid-dip-import-progress').waitFor();
}

async function download(testId: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.getByTestId(testId).click()]);
  const file = path.join(TMP, dl.suggestedFilename());
  await dl.saveAs(file);
  return fs.readFileSync(file);
}

describe('PPID admin pages with real data', () => {
  it('DIP: a bad file lists every bad cell; a good one imports; two editions, their diff and exports', async () => {
    await open('dip');
    await page.getByText('Belum ada edisi DIP').waitFor();

    await importFile('dip-salah.csv', BAD_CSV);
    const report = page.getByTestId('ppid-dip-import-report');
    await report.waitFor({ timeout: 30000 });
    const rows = await page.getByTestId('ppid-dip-import-error').allTextContents();
    const server = await app.http().post('/ppid/dip/import').set(api()).send({ filename: 'x.csv', base64: Buffer.from(BAD_CSV).toString('base64') });
    expect(server.status).toBe(400);
    // Every error the server reported is listed, with its row and column.
    expect(rows.length).toBe(server.body.error.details.report.errors.length);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.startsWith('2') && r.includes('Ringkasan Isi Informasi'))).toBe(true);
    expect(rows.some((r) => r.startsWith('3') && r.includes('Klasifikasi'))).toBe(true);
    expect(await page.getByTestId('ppid-server-error').textContent()).toContain(server.body.error.message);
    await shot('21-dip-impor-ditolak');

    await importFile('dip.csv', GOOD_CSV);
    await page.getByTestId('ppid-dip-import-ok').waitFor({ timeout: 30000 });
    expect(await page.getByTestId('ppid-dip-import-ok').textContent()).toContain('3 entri baru');
    expect(await page.getByTestId('ppid-dip-import-progress').getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');

    await page.getByTestId('ppid-dip-create').click();
    await page.getByTestId('ppid-dip-entry').first().waitFor({ timeout: 30000 });
    expect(await page.getByTestId('ppid-dip-entry').count()).toBe(3);
    const headers = (await page.getByTestId('ppid-dip-entries').locator('thead th').allTextContents()).map((h) => h.trim());
    expect(headers).toEqual([
      'Nomor',
      'Ringkasan Isi Informasi',
      'Pejabat atau Unit/Satuan Kerja yang Menguasai Informasi',
      'Penanggung Jawab Pembuatan atau Penerbitan Informasi',
      'Waktu dan Tempat Pembuatan Informasi',
      'Bentuk Informasi yang Tersedia',
      'Jangka Waktu Penyimpanan atau Retensi Arsip',
      'Klasifikasi',
    ]);
    expect(await page.getByTestId('ppid-dip-entry').first().textContent()).toContain('Aktif 2 tahun, inaktif 5 tahun, permanen');

    // Pemutakhiran: one entry changes its holder (import by key), one is new.
    const entries = await app.strapi.db.query(DIP_ENTRY).findMany({ where: { publishedAt: null }, orderBy: { nomor: 'asc' } });
    const profil = entries.find((e: any) => e.ringkasan.startsWith('Profil'));
    const second = [
      `${HEADER},Kunci`,
      `1,Profil BKPSDM Kabupaten Kutai Timur,Bagian Umum BKPSDM,Kepala Sub Bagian Umum dan Kepegawaian,"2026, Sangatta","Softcopy, Hardcopy","Aktif 2 tahun, inaktif 5 tahun, permanen",Berkala,https://ppid.example.go.id/dip/profil,${profil.documentId}`,
      '4,Laporan akuntabilitas kinerja 2025,Bidang Perencanaan,Kepala Bidang Perencanaan,"2026-03-01, Sangatta",Softcopy,"Aktif 2 tahun, inaktif 5 tahun, permanen",Berkala,,',
    ].join('\r\n');
    await importFile('dip-2.csv', second);
    await page.getByTestId('ppid-dip-import-ok').waitFor({ timeout: 30000 });
    expect(await page.getByTestId('ppid-dip-import-ok').textContent()).toContain('1 entri baru, 1 diperbarui');

    await page.getByTestId('ppid-dip-create').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ppid-dip-edition-row"]').length === 2, null, { timeout: 30000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ppid-dip-entry"]').length === 4, null, { timeout: 30000 });
    const diff = page.getByTestId('ppid-dip-diff-summary');
    await diff.waitFor({ timeout: 30000 });
    expect(await diff.textContent()).toContain('Ditambahkan: 1');
    expect(await diff.textContent()).toContain('Berubah: 1');
    expect(await diff.textContent()).toContain('Dihapus: 0');
    expect(await page.getByTestId('ppid-dip-diff-added').textContent()).toContain('Laporan akuntabilitas kinerja 2025');
    const changed = page.getByTestId('ppid-dip-diff-changed');
    const highlighted = await changed.locator('td[data-changed="true"]').allTextContents();
    expect(highlighted.length).toBe(1);
    expect(highlighted[0]).toContain('Sekretariat BKPSDM');
    expect(highlighted[0]).toContain('Bagian Umum BKPSDM');
    await shot('22-dip-edisi-dan-perbandingan');

    const csv = (await download('ppid-dip-export-csv')).toString('utf8');
    expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toContain('Ringkasan Isi Informasi');
    expect(csv).toContain('Laporan akuntabilitas kinerja 2025');
    expect(csv).toContain('Bagian Umum BKPSDM');
    const xlsx = await download('ppid-dip-export-xlsx');
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    const pdf = await download('ppid-dip-export-pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('Klasifikasi: a bad rule definition shows each path the server named; rules toggle; tests and queues', async () => {
    await open('classification');
    await page.getByTestId('ppid-rule-row').first().waitFor({ timeout: 30000 });
    const ruleCount = await page.getByTestId('ppid-rule-row').count();
    expect(ruleCount).toBe((await app.http().get('/ppid/classification/rules').set(api())).body.data.length);

    // Disable the first rule with its switch; the server keeps it.
    const first = (await app.http().get('/ppid/classification/rules').set(api())).body.data[0];
    await page.getByTestId('ppid-rule-row').first().getByRole('switch').click();
    let enabled = first.enabled;
    for (let i = 0; i < 50 && enabled === first.enabled; i++) {
      await page.waitForTimeout(200);
      enabled = (await app.http().get('/ppid/classification/rules').set(api())).body.data.find((r: any) => r.id === first.id).enabled;
    }
    expect(enabled).toBe(!first.enabled);
    expect(await page.getByTestId('ppid-rule-row').first().getByRole('switch').getAttribute('aria-checked')).toBe(String(!first.enabled));

    await page.getByTestId('ppid-rule-new').click();
    const editor = page.getByTestId('ppid-rule-editor');
    const bad = { code: 'uji-aturan', name: 'Uji', description: '', enabled: true, priority: 10, when: { kindIn: 'bukan-daftar' }, then: [{ suggestClass: 'rahasia' }] };
    await editor.locator('textarea').fill(JSON.stringify(bad, null, 2));
    await page.getByTestId('ppid-rule-save').click();
    await page.getByTestId('ppid-rule-issue').first().waitFor({ timeout: 30000 });
    const server = await app.http().post('/ppid/classification/rules').set(api()).send(bad);
    expect(server.status).toBe(400);
    const issues = await page.getByTestId('ppid-rule-issue').allTextContents();
    expect(issues.length).toBe(server.body.error.details.errors.length);
    for (const e of server.body.error.details.errors) expect(issues.some((i) => i.includes(e.path.join('.')) && i.includes(e.message))).toBe(true);
    await shot('23-klasifikasi-aturan');

    // A valid rule saves and is listed.
    const good = { ...bad, when: { keywordsAny: ['jadwal posyandu'] }, then: [{ suggestClass: 'berkala' }] };
    await editor.locator('textarea').fill(JSON.stringify(good, null, 2));
    await page.getByTestId('ppid-rule-save').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="ppid-rule-row"]').length === n, ruleCount + 1, { timeout: 30000 });

    const testRows = page.getByTestId('ppid-tests-table').getByTestId('ppid-test-row');
    await testRows.first().waitFor();
    expect(await testRows.count()).toBe(3);
    expect(await page.getByTestId('ppid-tests-table').getByTestId('ppid-test-end-ended').count()).toBe(1);
    expect(await page.getByTestId('ppid-tests-table').getByTestId('ppid-test-end-near').count()).toBe(1);
    const retest = await page.getByTestId('ppid-retest-table').getByTestId('ppid-test-row').allTextContents();
    expect(retest.length).toBe(1);
    expect(retest[0]).toContain('Berkas penyidikan kasus pengadaan 2023');
    expect(await page.getByTestId('ppid-refresh-due').getByTestId('ppid-refresh-row').count()).toBe(2);
    await shot('24-klasifikasi-uji-konsekuensi');
  });

  it('Verifikasi: the full run shows the server report (or its error as written); a form code is checked', async () => {
    await open('verify');
    const server = await app.http().post('/ppid/verify').set(api()).send({});
    await page.getByTestId('ppid-verify-run').click();
    if (server.status < 400) {
      await page.getByTestId('ppid-verify-report').waitFor({ timeout: 60000 });
      const rep = server.body.data ?? server.body;
      expect(await page.getByTestId('ppid-verify-checked').textContent()).toContain(String(rep.checked));
      expect(await page.getByTestId('ppid-verify-problem').count()).toBe(rep.problems.length);
    } else {
      // Not there (yet): the server's answer is shown as it wrote it.
      await page.getByTestId('ppid-server-error').waitFor({ timeout: 60000 });
      expect(await page.getByTestId('ppid-server-error').textContent()).toContain(server.body?.error?.message ?? server.text.trim());
    }
    await shot('25-verifikasi');

    const code = 'KODE-TIDAK-ADA-123';
    const pub = await app.http().get(`/api/ppid/verify/${code}`).set('Accept', 'application/json');
    expect(pub.status).toBe(404);
    await page.getByTestId('ppid-verify-code-input').fill(code);
    await page.getByTestId('ppid-verify-code-run').click();
    const err = page.getByTestId('ppid-verify-code').getByTestId('ppid-server-error');
    await err.waitFor({ timeout: 30000 });
    expect(await err.textContent()).toContain(pub.body?.error?.message ?? pub.text.trim());
    await shot('26-verifikasi-kode');
  });

  it('Laporan: step times against the standard, publications by month, refresh overdue, yearly; exports', async () => {
    await open('reports');
    await page.getByTestId('ppid-chart-steps').waitFor({ timeout: 30000 });
    const steps = (await app.http().get('/ppid/reports/steps').set(api())).body.data;
    expect(steps.length).toBe(3);
    expect(await page.getByTestId('ppid-chart-steps').getByTestId('ppid-chart-group').count()).toBe(3);
    const stepRows = await page.getByTestId('ppid-table-steps').locator('tbody tr').allTextContents();
    expect(stepRows[1]).toContain(String(steps[1].medianMinutes));
    expect(stepRows[1]).toContain('1 (33%)');
    const pub = (await app.http().get('/ppid/reports/published').set(api())).body.data;
    const months = new Set(pub.map((r: any) => r.month));
    expect(await page.getByTestId('ppid-chart-published').getByTestId('ppid-chart-group').count()).toBe(months.size);
    expect(await page.getByTestId('ppid-table-refresh').textContent()).toContain('Laporan keuangan semester I');
    expect(await page.getByTestId('ppid-table-yearly').locator('tbody tr').count()).toBe(2);
    await shot('27-laporan');

    const csv = (await download('ppid-report-steps-csv')).toString('utf8');
    expect(csv.split(/\r?\n/)[0]).toContain('medianMinutes');
    const xlsx = await download('ppid-report-published-xlsx');
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });

  it('Content Manager: the information item fields carry Indonesian labels; a changed label is kept', async () => {
    const cfg = await app.http().get(`/content-manager/content-types/${ITEM}/configuration`).set(api());
    expect(cfg.status).toBe(200);
    const meta = cfg.body.data.contentType.metadatas;
    expect(meta.title.edit.label).toBe('Judul');
    expect(meta.summary.list.label).toBe('Ringkasan Isi Informasi');
    expect(meta.refreshMonths.edit.label).toBe('Periode Pemutakhiran (bulan)');
    const entryCfg = await app.http().get(`/content-manager/content-types/${DIP_ENTRY}/configuration`).set(api());
    expect(entryCfg.body.data.contentType.metadatas.classification.edit.label).toBe('Klasifikasi');

    // An administrator's own label survives the next bootstrap.
    const cm = app.strapi.plugin('content-manager').service('content-types');
    const ct = cm.findContentType(ITEM);
    const conf = await cm.findConfiguration(ct);
    const { uid: _u, ...rest } = conf;
    await cm.updateConfiguration(ct, { ...rest, metadatas: { ...conf.metadatas, title: { ...conf.metadatas.title, edit: { ...conf.metadatas.title.edit, label: 'Judul Informasi' } } } });
    await app.strapi.plugin('ppid').service('cm-labels').apply();
    expect((await cm.findConfiguration(ct)).metadatas.title.edit.label).toBe('Judul Informasi');

    await page.goto(`${base}/admin/content-manager/collection-types/${ITEM}/create`);
    await page.getByText('Ringkasan Isi Informasi').first().waitFor({ timeout: 60000 });
    expect(await page.getByText('Pejabat/Unit yang Menguasai Informasi').count()).toBeGreaterThan(0);
    await shot('28-cm-label');
  });
});
