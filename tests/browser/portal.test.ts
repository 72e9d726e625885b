import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SHOTS, ensureBuilt, launchBrowser, serve, teardown } from '../helpers/browser';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, peopleFor, Person } from '../helpers/people';

// The reference public page (public/portal, docs/portal.md) in a real browser, on a real Strapi:
// two items published through seed 001 (one berkala, one setiap saat), an excluded item forced
// into the published state in the database behind every service's back, and a draft. The page
// reads only the public API; what it may show is the API guard's decision, so this test checks
// the page end to end: nothing excluded or unpublished may appear anywhere on it.
const ITEM = 'api::information-item.information-item';
const EDITION = 'plugin::ppid.dip-edition';
const SOP_PUBLISH = 'kalteng-pendokumentasian-publikasi';
const SOP_DIP = 'kutim-bkpsdm-penetapan-dip';

const TITLES = {
  berkala: 'Laporan Realisasi Anggaran Semester I Tahun 2026',
  setiapSaat: 'Daftar Sarana dan Prasarana Kantor Dinas',
  excluded: 'Berkas Penyelidikan Pelanggaran Disiplin Pegawai Zulu',
  draft: 'Rancangan Pengumuman Seleksi Jabatan Yankee',
};
const EXCLUDED_SUMMARY = 'Dokumen pemeriksaan tertutup Zulu';
const DRAFT_SUMMARY = 'Naskah awal pengumuman Yankee';
const PERKI_HEADERS = [
  'Nomor',
  'Ringkasan Isi Informasi',
  'Pejabat atau Unit/Satuan Kerja yang Menguasai Informasi',
  'Penanggung Jawab Pembuatan atau Penerbitan Informasi',
  'Waktu dan Tempat Pembuatan Informasi',
  'Bentuk Informasi yang Tersedia',
  'Jangka Waktu Penyimpanan atau Retensi Arsip',
  'Klasifikasi',
];
jest.setTimeout(300000);

let app: TestApp;
let base: string;
let browser: Browser;
let publisher: Record<string, Person>;
let dipPeople: Record<string, Person>;
const ids = { berkala: '', setiapSaat: '', excluded: '', draft: '' };
// The berkala item's body (Strapi 5 blocks) and its attachment, a small PDF uploaded through
// Strapi's upload service. The body carries markup that must stay text.
const PDF_NAME = 'laporan-realisasi-semester-1.pdf';
const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
);
const BODY_TEXT = 'Pendapatan daerah sampai dengan 30 Juni 2026 mencapai';
const INJECTION = '<img src=x onerror="window.__pwned=1">';
const BODY = [
  { type: 'heading', level: 2, children: [{ type: 'text', text: 'Rincian realisasi' }] },
  {
    type: 'paragraph',
    children: [
      { type: 'text', text: `${BODY_TEXT} ` },
      { type: 'text', text: '54 persen', bold: true },
      { type: 'text', text: ' dari target. ' },
      { type: 'link', url: 'https://example.go.id/apbd-2026', children: [{ type: 'text', text: 'APBD 2026' }] },
      { type: 'text', text: ' ' },
      { type: 'link', url: 'mailto:ppid@example.go.id', children: [{ type: 'text', text: 'ppid@example.go.id' }] },
    ],
  },
  {
    type: 'list',
    format: 'ordered',
    children: [
      { type: 'list-item', children: [{ type: 'text', text: 'Belanja pegawai' }] },
      { type: 'list-item', children: [{ type: 'text', text: 'Belanja barang dan jasa' }] },
    ],
  },
  { type: 'quote', children: [{ type: 'text', text: 'Angka belum diaudit.' }] },
  { type: 'code', children: [{ type: 'text', text: INJECTION }] },
  { type: 'paragraph', children: [{ type: 'text', text: `<script>window.__pwned=1</script>${INJECTION}` }] },
];

const act = (who: Person, runId: string, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);

/** The forward act the current step expects, signed (password + confirmed intent) where it is a tanda tangan. */
async function forward(who: Person, runId: string) {
  const view = (await app.http().get(`/ppid/runs/${runId}`).set(bearer(who))).body.data;
  const fwd = view.allowedActs.find((a: string) => ['submit', 'approve', 'handover', 'publish'].includes(a));
  expect(fwd).toBeDefined();
  const body: Record<string, unknown> = { act: fwd, step: view.currentStep.number };
  if (view.currentStep.recordKind === 'tanda_tangan') Object.assign(body, { password: who.password, confirmIntent: true });
  const res = await act(who, runId, body);
  expect(res.status).toBe(200);
  return res.body.data;
}

/** Created in the Content Manager by the PPID Pembantu, then the four steps of seed 001. */
async function publishThroughSeed001(data: Record<string, unknown>) {
  const created = await app.http().post(`/content-manager/collection-types/${ITEM}`).set(bearer(publisher.pembantu)).send(data);
  expect([created.status, created.status === 201 ? null : created.body]).toEqual([201, null]);
  const documentId = created.body.data.documentId as string;
  const run = await app.http().post('/ppid/runs').set(bearer(publisher.pembantu)).send({ uid: ITEM, documentId, sopCode: SOP_PUBLISH });
  expect(run.status).toBe(201);
  const runId = run.body.data.id;
  await forward(publisher.pembantu, runId); // 1 collect
  await forward(publisher.utama, runId); // 2 approve (tanda tangan)
  await forward(publisher.atasan, runId); // 3 establish (tanda tangan, Atasan PPID)
  const done = await forward(publisher.admin, runId); // 4 publish
  expect(done.status).toBe('published');
  return documentId;
}

/** A rogue path around every service: the draft row copied as a published row with raw SQL. */
async function forcePublishedInDatabase(documentId: string) {
  const knex = app.strapi.db.connection;
  const table = app.strapi.db.metadata.get(ITEM).tableName;
  const draft = await knex(table).where({ document_id: documentId }).whereNull('published_at').first();
  const { id: _id, ...copy } = draft;
  for (const [k, v] of Object.entries(copy)) if (v !== null && typeof v === 'object' && !(v instanceof Date)) copy[k] = JSON.stringify(v);
  await knex(table).insert({ ...copy, published_at: new Date() });
}

async function newPage(viewport: { width: number; height: number }, opts: { isMobile?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta', deviceScaleFactor: 1, isMobile: opts.isMobile ?? false, hasTouch: opts.isMobile ?? false });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    // A 404 from /api/ppid/dip/current before a DIP is established is expected and handled.
    const dipNotYet = r.status() === 404 && new URL(r.url()).pathname === '/api/ppid/dip/current';
    if (r.status() >= 400 && !dipNotYet) problems.push(`${r.status()} ${decodeURIComponent(r.url())}`);
  });
  (page as any).problems = problems;
  return { context, page };
}

async function openPortal(page: Page, query = '') {
  await page.goto(`${base}/portal${query}`);
  await page.waitForFunction(() => document.getElementById('items')?.getAttribute('aria-busy') === 'false' && document.getElementById('dip-body')?.getAttribute('aria-busy') === 'false');
  await page.waitForFunction(() => !document.querySelector('.verify-pending'));
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const cardTitles = (page: Page) => page.locator('.card .card-title').allTextContents();
const everything = (page: Page) => page.evaluate(() => `${document.body.innerText}\n${document.documentElement.outerHTML}`);

function expectNothingHidden(text: string) {
  for (const hidden of [TITLES.excluded, TITLES.draft, EXCLUDED_SUMMARY, DRAFT_SUMMARY, ids.excluded, ids.draft]) expect(text).not.toContain(hidden);
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ensureBuilt({ admin: false }); // the portal is public/portal; the admin build is not needed
  app = await startApp({ PPID_UNIT_CODE: 'DISKOMINFO', PPID_INSTANSI: 'Dinas Komunikasi dan Informatika Kota Contoh' });
  const dir = app.strapi.plugin('ppid').service('directory');
  const unitId = (await dir.ensureUnit({ code: 'DISKOMINFO', name: 'Dinas Komunikasi dan Informatika' })).id;
  publisher = await peopleFor(app, SOP_PUBLISH, [
    { key: 'pembantu', sopRoles: ['ppid-pembantu'], jabatan: 'PPID Pembantu', unit: unitId },
    { key: 'utama', sopRoles: ['ppid-utama'], jabatan: 'Kepala Dinas (PPID Utama)', unit: unitId },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah (Atasan PPID)', unit: unitId },
    { key: 'admin', sopRoles: ['admin-ppid'], jabatan: 'Admin PPID', unit: unitId },
  ]);
  const kinds = app.strapi.db.query('api::information-kind.information-kind');
  const keuangan = await kinds.findOne({ where: { code: 'laporan_keuangan' } });
  const kebijakan = await kinds.findOne({ where: { code: 'kebijakan_dan_dokumen_pendukung' } });
  const pdfPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-portal-')), PDF_NAME);
  fs.writeFileSync(pdfPath, PDF_BYTES);
  const [pdf] = await app.strapi
    .plugin('upload')
    .service('upload')
    .upload({ data: {}, files: { filepath: pdfPath, originalFilename: PDF_NAME, mimetype: 'application/pdf', size: PDF_BYTES.length } });

  ids.berkala = await publishThroughSeed001({
    title: TITLES.berkala,
    summary: 'Realisasi pendapatan dan belanja daerah pada semester pertama tahun anggaran 2026.',
    classification: 'berkala',
    kind: keuangan.id,
    unit: unitId,
    holder: 'Sub Bagian Keuangan',
    responsible: 'Kepala Sub Bagian Keuangan',
    refreshMonths: 6,
    publicationDate: '2026-11-23T03:00:00.000Z',
    production: { date: '2026-07-15', place: 'Palangka Raya' },
    form: 'softcopy_hardcopy',
    retention: { activeYears: 2, inactiveYears: 8, disposition: 'permanen' },
    body: BODY,
    attachments: [pdf.id],
  });
  ids.setiapSaat = await publishThroughSeed001({
    title: TITLES.setiapSaat,
    summary: 'Inventaris gedung, kendaraan dan peralatan kantor yang dikelola dinas.',
    classification: 'setiap_saat',
    kind: kebijakan.id,
    unit: unitId,
    holder: 'Sub Bagian Umum dan Kepegawaian',
    responsible: 'Sekretaris Dinas',
    production: { date: '2026-03-02', place: 'Palangka Raya' },
    form: 'softcopy',
    retention: { activeYears: 2, inactiveYears: 5, disposition: 'dinilai_kembali' },
  });

  // Excluded: a draft, then a published row inserted with raw SQL, and even a forged
  // "published" run for it, so only the classification keeps it from the public.
  const excluded = await app.strapi.documents(ITEM as any).create({
    data: { title: TITLES.excluded, summary: EXCLUDED_SUMMARY, classification: 'dikecualikan', unit: unitId, holder: 'Inspektorat' } as any,
  });
  ids.excluded = excluded.documentId;
  await forcePublishedInDatabase(ids.excluded);
  await app.strapi.db.query('plugin::ppid.run').create({
    data: { itemUid: ITEM, itemDocumentId: ids.excluded, sopCode: SOP_PUBLISH, sopVersion: 1, status: 'published', currentStep: 4, lock: 1, state: {}, publishedHash: 'f'.repeat(64) },
  });
  // A draft that never went through the SOP.
  const draft = await app.http().post(`/content-manager/collection-types/${ITEM}`).set(bearer(publisher.pembantu)).send({ title: TITLES.draft, summary: DRAFT_SUMMARY, classification: 'setiap_saat', unit: unitId });
  expect(draft.status).toBe(201);
  ids.draft = draft.body.data.documentId;

  // The setup is real: the hidden rows exist, the excluded one even in the published state.
  expect(await app.strapi.db.query(ITEM).count({ where: { documentId: ids.excluded, publishedAt: { $notNull: true } } })).toBe(1);
  expect(await app.strapi.db.query(ITEM).count({ where: { documentId: ids.draft } })).toBe(1);

  base = await serve(app);

  // Debian's Chromium; playwright gives each launch a fresh temporary profile (user-data-dir).
  browser = await launchBrowser();
});

afterAll(() => teardown(browser, app));

describe('public portal (/portal)', () => {
  it('/portal is served, redirected to /portal/ with the query kept', async () => {
    const res = await app.http().get('/portal?lang=en');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/portal/?lang=en');
    const page = await app.http().get('/portal/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect((await app.http().get('/portal/portal.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('shows the two published items under their class headings, with date, holder and a verification link', async () => {
    const { context, page } = await newPage({ width: 1280, height: 900 });
    await openPortal(page);
    expect(new URL(page.url()).pathname).toBe('/portal/');
    expect(await page.locator('html').getAttribute('lang')).toBe('id');

    const groups = page.locator('section.group');
    expect(await groups.count()).toBe(2);
    const berkala = page.locator('section.group[data-class="berkala"]');
    const setiapSaat = page.locator('section.group[data-class="setiap_saat"]');
    await expect(berkala.locator('h3').textContent()).resolves.toBe('Informasi yang Wajib Disediakan dan Diumumkan Secara Berkala');
    await expect(setiapSaat.locator('h3').textContent()).resolves.toBe('Informasi yang Wajib Tersedia Setiap Saat');
    expect(await berkala.locator('.card-title').allTextContents()).toEqual([TITLES.berkala]);
    expect(await setiapSaat.locator('.card-title').allTextContents()).toEqual([TITLES.setiapSaat]);

    const card = page.locator(`.card[data-document-id="${ids.berkala}"]`);
    await expect(card.locator('.badge').textContent()).resolves.toBe('Berkala');
    await expect(card.locator('time').textContent()).resolves.toBe('23 November 2026');
    const cardText = (await card.textContent()) ?? '';
    // The holder (the unit relation is not public in this app, so the item's holder text is shown).
    expect(cardText).toContain('Sub Bagian Keuangan');
    expect(cardText).toContain('Laporan keuangan');
    expect(cardText).toContain('Pendokumentasian dan Publikasi Informasi Publik');
    // The link goes to the verification page of the code the public API gives for this publication.
    const publication = (await app.http().get(`/api/ppid/publications/${ids.berkala}`)).body.data;
    expect(publication.verificationCode).toBeTruthy();
    const verify = card.getByRole('link', { name: /Verifikasi/ });
    await expect(verify.textContent()).resolves.toContain('Verifikasi');
    expect(await verify.getAttribute('href')).toBe(`/api/ppid/verify/${publication.verificationCode}?format=html`);
    expect(await page.locator('.btn-verify').count()).toBe(2);
    // The public facts the page reads answer nothing for the hidden items either.
    for (const id of [ids.excluded, ids.draft]) expect((await app.http().get(`/api/ppid/publications/${id}`)).status).toBe(404);

    // Every control and link has a name; one h1; the status line is announced.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, button, a[href]')]
        .filter((el) => !el.closest('[hidden]'))
        .filter((el) => !(el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent)?.trim())
        .map((el) => el.outerHTML)
    );
    expect(unnamed).toEqual([]);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('#items-status').getAttribute('role')).toBe('status');

    // No DIP yet: said plainly, not as an error.
    await expect(page.locator('#dip-body').textContent()).resolves.toContain('DIP belum ditetapkan');
    expect(await page.locator('#dip-body .notice-error').count()).toBe(0);
    expectNothingHidden(await everything(page));
    await shot(page, 'portal-id-desktop-no-dip');
    expect((page as any).problems).toEqual([]);
    await context.close();
  });

  it('search narrows the results as one types, and the class filter too; nothing hidden is ever found', async () => {
    const { context, page } = await newPage({ width: 1280, height: 900 });
    await openPortal(page);
    expect(await cardTitles(page)).toHaveLength(2);

    await page.locator('#q').pressSequentially('anggaran', { delay: 40 });
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 1);
    expect(await cardTitles(page)).toEqual([TITLES.berkala]);
    await expect(page.locator('#items-status').textContent()).resolves.toBe('1 dari 1 informasi yang cocok ditampilkan');
    expect(new URL(page.url()).searchParams.get('q')).toBe('anggaran');

    // Summary text is searched too.
    await page.locator('#q').fill('kendaraan');
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 1 && document.querySelector('.card-title')?.textContent?.startsWith('Daftar'));
    expect(await cardTitles(page)).toEqual([TITLES.setiapSaat]);

    // Words of the excluded and the draft item find nothing.
    for (const word of ['Zulu', 'Yankee', 'Penyelidikan']) {
      await page.locator('#q').fill(word);
      await page.locator('#search-form button[type="submit"]').click();
      await page.waitForFunction(() => document.querySelectorAll('.card').length === 0 && document.getElementById('items')?.getAttribute('aria-busy') === 'false');
      await expect(page.locator('#items').textContent()).resolves.toContain('Tidak ada informasi yang cocok');
      expectNothingHidden(await everything(page));
    }

    await page.locator('#reset').click();
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 2);
    await page.selectOption('#f-class', 'setiap_saat');
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 1);
    expect(await cardTitles(page)).toEqual([TITLES.setiapSaat]);
    expect(await page.locator('section.group').count()).toBe(1);
    // The kind filter lists the regulation's kinds; choosing one narrows the list.
    await page.selectOption('#f-class', '');
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 2);
    await page.selectOption('#f-kind', 'laporan_keuangan');
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 1);
    expect(await cardTitles(page)).toEqual([TITLES.berkala]);
    // Unit / holder: the options are what the published items name.
    await page.selectOption('#f-kind', '');
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 2);
    expect(await page.locator('#f-unit option').allTextContents()).toEqual(['Semua unit', 'Sub Bagian Keuangan', 'Sub Bagian Umum dan Kepegawaian']);
    await page.selectOption('#f-unit', 'Sub Bagian Umum dan Kepegawaian');
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 1);
    expect(await cardTitles(page)).toEqual([TITLES.setiapSaat]);
    expect((page as any).problems).toEqual([]);
    await context.close();
  });

  it('opens an item from the list: its body, metadata and attachment, which downloads; Back returns to the list', async () => {
    const { context, page } = await newPage({ width: 1280, height: 900 });
    await openPortal(page);
    await page.locator(`.card[data-document-id="${ids.berkala}"] .card-link`).click();
    await page.waitForFunction(() => document.getElementById('item-view')?.getAttribute('aria-busy') === 'false' && document.getElementById('item-title'));
    expect(new URL(page.url()).searchParams.get('item')).toBe(ids.berkala);
    expect(await page.locator('#informasi').isVisible()).toBe(false);
    await expect(page.locator('#item-title').textContent()).resolves.toBe(TITLES.berkala);
    // Focus moves to the item's heading, for keyboard and screen-reader users.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('item-title');
    expect(await page.title()).toBe(`${TITLES.berkala} — Portal Informasi Publik`);

    // The body, built from Strapi's blocks: heading, bold, link, list, quote, code.
    const body = page.locator('.item-body .rich');
    expect(await body.textContent()).toContain(`${BODY_TEXT} 54 persen dari target.`);
    await expect(body.locator('h4').textContent()).resolves.toBe('Rincian realisasi');
    await expect(body.locator('strong').textContent()).resolves.toBe('54 persen');
    expect(await body.locator('ol > li').allTextContents()).toEqual(['Belanja pegawai', 'Belanja barang dan jasa']);
    await expect(body.locator('blockquote').textContent()).resolves.toBe('Angka belum diaudit.');
    await expect(body.locator('pre code').textContent()).resolves.toBe(INJECTION);
    expect(await body.getByRole('link', { name: 'APBD 2026' }).getAttribute('href')).toBe('https://example.go.id/apbd-2026');
    expect(await body.getByRole('link', { name: 'ppid@example.go.id' }).getAttribute('href')).toBe('mailto:ppid@example.go.id');
    // Markup in the body stays text.
    expect(await body.textContent()).toContain(`<script>window.__pwned=1</script>${INJECTION}`);
    expect(await page.locator('#item-view script, #item-view img').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();

    // Metadata: the class with its UU 14/2008 heading, and the DIP columns' facts.
    const meta = (await page.locator('.item-meta').textContent()) ?? '';
    for (const text of [
      'Informasi yang Wajib Disediakan dan Diumumkan Secara Berkala (UU 14/2008 Pasal 9)',
      'Laporan keuangan',
      'Sub Bagian Keuangan',
      'Kepala Sub Bagian Keuangan',
      '15 Juli 2026, Palangka Raya',
      'Softcopy dan hardcopy',
      'aktif 2 tahun, inaktif 8 tahun, kemudian permanen',
      '23 November 2026',
      'Pendokumentasian dan Publikasi Informasi Publik',
    ])
      expect(meta).toContain(text);
    const publication = (await app.http().get(`/api/ppid/publications/${ids.berkala}`)).body.data;
    expect(await page.locator('.item-meta .btn-verify').getAttribute('href')).toBe(`/api/ppid/verify/${publication.verificationCode}?format=html`);

    // The attachment: name, type and size, and it downloads with the uploaded bytes.
    const file = page.locator('.item-files .file');
    expect(await file.count()).toBe(1);
    expect(await file.textContent()).toMatch(new RegExp(`${PDF_NAME.replace(/\./g, '\\.')} \\(PDF, [\\d,]+ KB\\)`));
    const link = file.getByRole('link', { name: new RegExp(`^Unduh ${PDF_NAME.replace(/\./g, '\\.')}`) });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href.startsWith(`${base}/uploads/`) && href.endsWith('.pdf')).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(PDF_NAME);
    expect(fs.readFileSync((await download.path())!)).toEqual(PDF_BYTES);
    const direct = await context.request.get(href);
    expect(direct.status()).toBe(200);
    expect(Buffer.from(await direct.body())).toEqual(PDF_BYTES);
    expectNothingHidden(await everything(page));
    await shot(page, 'portal-item-id-desktop');

    // Back: the list again, focus on the item's link; Forward: the item again.
    await page.goBack();
    await page.waitForFunction(() => !document.getElementById('informasi')?.hidden);
    expect(new URL(page.url()).searchParams.get('item')).toBeNull();
    expect(await page.locator('#item-view').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.closest('.card')?.getAttribute('data-document-id'))).toBe(ids.berkala);
    await page.goForward();
    await page.waitForFunction(() => document.getElementById('item-title')?.textContent?.startsWith('Laporan'));
    // The back link leads to the list too.
    await page.getByRole('link', { name: /Kembali ke daftar informasi/ }).click();
    await page.waitForFunction(() => !document.getElementById('informasi')?.hidden && document.querySelectorAll('.card').length === 2);
    expect((page as any).problems).toEqual([]);
    await context.close();
  });

  it('an item opens from its address (deep link) on a phone, in English too, and prints cleanly', async () => {
    for (const lang of ['id', 'en']) {
      const { context, page } = await newPage({ width: 390, height: 844 }, { isMobile: true });
      await page.goto(`${base}/portal/?item=${ids.berkala}${lang === 'en' ? '&lang=en' : ''}`);
      await page.waitForFunction(() => document.getElementById('item-title')?.textContent?.startsWith('Laporan'));
      expect(await page.locator('#informasi').isVisible()).toBe(false);
      expect(await page.locator('.item-body').textContent()).toContain(BODY_TEXT);
      await expect(page.locator('.item-files h3').textContent()).resolves.toBe(lang === 'id' ? 'Lampiran' : 'Attachments');
      expect(await page.locator('.item-meta').textContent()).toContain(lang === 'id' ? 'Diumumkan Secara Berkala' : 'Information Published Periodically');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `portal-item-${lang}-mobile`);
      if (lang === 'id') {
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.item-back').isVisible()).toBe(false);
        expect(await page.locator('.lang').isVisible()).toBe(false);
        const printed = await page.locator('.file-link').evaluate((a) => getComputedStyle(a, '::after').content);
        expect(printed).toContain(`${base}/uploads/`);
        await shot(page, 'portal-item-id-print');
      }
      expect((page as any).problems).toEqual([]);
      await context.close();
    }
  });

  it('an excluded, draft or unknown item shows "Informasi tidak ditemukan", and nothing of it', async () => {
    // The API answers 404 for what is not public; its attachments' data is never returned.
    for (const id of [ids.excluded, ids.draft]) expect((await app.http().get(`/api/information-items/${id}?populate=*`)).status).toBe(404);
    const shown = await app.http().get(`/api/information-items/${ids.berkala}?populate[attachments][fields][0]=url`);
    expect(shown.status).toBe(200);
    expect(shown.body.data.attachments[0].url).toMatch(/^\/uploads\//);

    for (const id of [ids.excluded, ids.draft, 'bukan-dokumen', '..%2F..%2Fadmin']) {
      const { context, page } = await newPage({ width: 1280, height: 900 });
      await page.goto(`${base}/portal/?item=${id}`);
      await page.waitForSelector('#item-missing');
      await expect(page.locator('#item-missing h2').textContent()).resolves.toBe('Informasi tidak ditemukan');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('item-title');
      expect(await page.locator('#informasi').isVisible()).toBe(false);
      const text = await everything(page);
      for (const hidden of [TITLES.excluded, TITLES.draft, EXCLUDED_SUMMARY, DRAFT_SUMMARY]) expect(text).not.toContain(hidden);
      // Only the expected 404s of the item and its publication facts.
      const unexpected = ((page as any).problems as string[]).filter((p) => !/^404 .*\/api\/(information-items|ppid\/publications)\//.test(p));
      expect(unexpected).toEqual([]);
      if (id === ids.excluded) await shot(page, 'portal-item-not-found');
      // From there, back to the list.
      await page.getByRole('link', { name: /Kembali ke daftar informasi/ }).click();
      await page.waitForFunction(() => !document.getElementById('informasi')?.hidden && document.querySelectorAll('.card').length === 2);
      await context.close();
    }
  });

  it('shows the established DIP with the seven Perki 1/2021 columns in order, plus Klasifikasi', async () => {
    // The two published items proposed their DIP entries; an edition goes through seed 002.
    dipPeople = await peopleFor(app, SOP_DIP, [
      { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
      { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' },
      { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID Dinas' },
      { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah selaku Atasan PPID' },
    ]);
    const superRole = await app.strapi.service('admin::role').getSuperAdmin();
    await app.strapi.plugin('ppid').service('directory').ensureUser({ email: 'admin.portal@example.go.id', firstname: 'Admin', password: 'Rahasia-Admin-123', roles: [superRole.id] });
    const adminToken = await login(app, 'admin.portal@example.go.id', 'Rahasia-Admin-123');
    let entries = 0;
    for (let i = 0; i < 100 && entries < 2; i++) {
      entries = await app.strapi.db.query('api::dip-entry.dip-entry').count({});
      if (entries < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(entries).toBe(2);
    const edition = await app.http().post('/ppid/dip/editions').set({ Authorization: `Bearer ${adminToken}` }).send({ year: 2026 });
    expect(edition.status).toBe(201);
    const editionId = edition.body.data.documentId;
    expect(edition.body.data.entries.map((e: any) => e.ringkasan).sort()).toEqual([TITLES.setiapSaat, TITLES.berkala].sort());
    const run = await app.http().post('/ppid/runs').set(bearer(dipPeople.petugas)).send({ uid: EDITION, documentId: editionId });
    expect(run.status).toBe(201);
    const runId = run.body.data.id;
    for (const who of ['petugas', 'pelaksana', 'ppid', 'ppid', 'atasan', 'ppid']) await forward(dipPeople[who], runId);
    const current = await app.http().get('/api/ppid/dip/current');
    expect(current.status).toBe(200);

    const { context, page } = await newPage({ width: 1280, height: 900 });
    await openPortal(page);
    const headers = (await page.locator('.dip-table thead th').allTextContents()).map((s) => s.trim());
    expect(headers).toEqual(PERKI_HEADERS);
    const rows = page.locator('.dip-table tbody tr');
    expect(await rows.count()).toBe(2);
    const dipText = (await page.locator('#dip-body').textContent()) ?? '';
    expect(dipText).toContain(TITLES.berkala);
    expect(dipText).toContain(TITLES.setiapSaat);
    expect(dipText).toContain(current.body.data.decreeNumber);
    expect(dipText).toContain('15 Juli 2026, Palangka Raya');
    expect(dipText).not.toContain('DIP belum ditetapkan');
    const decreeLink = page.locator('#dip-body .dip-head a.btn-verify');
    expect(await decreeLink.getAttribute('href')).toBe(`/api/ppid/verify/${current.body.data.signer.verificationCode}?format=html`);
    expectNothingHidden(await everything(page));

    await shot(page, 'portal-id-desktop');
    expect((page as any).problems).toEqual([]);
    await context.close();
  });

  it('switches to English (toggle kept in localStorage, ?lang=en too) and back', async () => {
    const { context, page } = await newPage({ width: 1280, height: 900 });
    await openPortal(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('section.group[data-class="berkala"] h3').textContent()).resolves.toBe('Information Published Periodically');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Public Information Portal');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await expect(page.locator(`.card[data-document-id="${ids.berkala}"] time`).textContent()).resolves.toBe('23 November 2026');
    await expect(page.locator(`.card[data-document-id="${ids.berkala}"] .btn-verify`).textContent()).resolves.toContain('Verify');
    // DIP headers in English, with the official Indonesian header kept under each.
    await expect(page.locator('.dip-table thead th').nth(1).textContent()).resolves.toBe('Summary of InformationRingkasan Isi Informasi');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');

    // Kept across visits without the parameter.
    await openPortal(page);
    await expect(page.locator('#informasi-title').textContent()).resolves.toBe('Available Public Information');
    expectNothingHidden(await everything(page));
    await shot(page, 'portal-en-desktop');

    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await expect(page.locator('#informasi-title').textContent()).resolves.toBe('Informasi Publik yang Tersedia');
    await context.close();

    // ?lang=en on a fresh visit.
    const fresh = await newPage({ width: 1280, height: 900 });
    await openPortal(fresh.page, '?lang=en');
    await expect(fresh.page.locator('section.group[data-class="setiap_saat"] h3').textContent()).resolves.toBe('Information Available at All Times');
    expect((fresh.page as any).problems).toEqual([]);
    await fresh.context.close();
  });

  it('reads well on a narrow phone screen, in both languages', async () => {
    for (const lang of ['id', 'en']) {
      const { context, page } = await newPage({ width: 390, height: 844 }, { isMobile: true });
      await openPortal(page, `?lang=${lang}`);
      expect(await cardTitles(page)).toHaveLength(2);
      // Nothing wider than the screen: no sideways scrolling of the page.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // DIP rows read as blocks with their column names.
      const label = await page.locator('.dip-table tbody tr').first().locator('td').first().getAttribute('data-label');
      expect(label).toBe(lang === 'id' ? 'Ringkasan Isi Informasi' : 'Summary of Information');
      expectNothingHidden(await everything(page));
      await shot(page, `portal-${lang}-mobile`);
      expect((page as any).problems).toEqual([]);
      await context.close();
    }
  });

  it('prints without the controls', async () => {
    const { context, page } = await newPage({ width: 1280, height: 900 });
    await openPortal(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#search-form').isVisible()).toBe(false);
    expect(await page.locator('.lang').isVisible()).toBe(false);
    expect(await page.locator('.card').first().isVisible()).toBe(true);
    expect(await page.locator('#more').isVisible()).toBe(false);
    // On paper each verification link is followed by its full address.
    const printed = await page.locator('.card .btn-verify').first().evaluate((a) => getComputedStyle(a, '::after').content);
    expect(printed).toMatch(new RegExp(`${base}/api/ppid/verify/[^?]+\\?format=html`));
    await shot(page, 'portal-id-print');
    await context.close();
  });
  it('a serta merta item shows its announcement (the eight elements, labelled in Indonesian); another class never does', async () => {
    // Last in this file: the two items added here would change the counts the tests above read.
    const unitId = (await app.strapi.db.query('plugin::ppid.unit').findOne({ where: { code: 'DISKOMINFO' } })).id;
    const ANNOUNCEMENT = {
      bahayaDanDampak: 'Banjir setinggi 1 meter di Kelurahan Bukit Tunggal; air diperkirakan naik dalam 24 jam.',
      pihakTerdampak: 'Warga RT 01-RT 09 Kelurahan Bukit Tunggal.',
      prosedurDanTempatEvakuasi: 'Ikuti arahan petugas BPBD.\nTempat evakuasi: Aula Kantor Kelurahan Bukit Tunggal.',
      caraMenghindariBahaya: 'Matikan listrik rumah dan jauhi aliran sungai.',
      caraMemperolehBantuan: 'Hubungi Pusdalops BPBD di 112.',
      pihakYangWajibMengumumkan: 'Badan Penanggulangan Bencana Daerah',
      caraPengumumanDarurat: 'Pengeras suara masjid, radio daerah dan pesan singkat.',
      upayaYangDilakukan: 'Pompa air dan perahu karet disiagakan; dapur umum dibuka.',
    };
    const flood = await publishThroughSeed001({
      title: 'Peringatan dini banjir Kelurahan Bukit Tunggal',
      summary: 'Peringatan dini banjir dan petunjuk evakuasi bagi warga.',
      classification: 'serta_merta',
      unit: unitId,
      holder: 'Bidang Kedaruratan',
      announcement: ANNOUNCEMENT,
    });
    const ordinary = await publishThroughSeed001({
      title: 'Jadwal pelayanan informasi Desember 2026',
      summary: 'Jam pelayanan meja informasi selama bulan Desember.',
      classification: 'setiap_saat',
      unit: unitId,
      holder: 'Sub Bagian Umum dan Kepegawaian',
      // Left over from an earlier classification: not an announcement of this item.
      announcement: { bahayaDanDampak: 'Teks lama yang tidak berlaku' },
    });

    for (const lang of ['id', 'en']) {
      const { context, page } = await newPage({ width: 1280, height: 900 });
      await page.goto(`${base}/portal/?item=${flood}${lang === 'en' ? '&lang=en' : ''}`);
      await page.waitForFunction(() => document.getElementById('item-view')?.getAttribute('aria-busy') === 'false' && document.getElementById('item-title'));
      const section = page.locator('.item-announcement');
      await expect(section.locator('h3').textContent()).resolves.toBe(lang === 'id' ? 'Pengumuman Serta Merta' : 'Immediate announcement');
      // Exactly what the public API returned, in the regulation's order, each under its label.
      const api = (await app.http().get(`/api/information-items/${flood}?populate[announcement]=true`)).body.data.announcement;
      const keys = Object.keys(ANNOUNCEMENT);
      expect(await section.locator('dl > div').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.element))).toEqual(keys);
      expect(await section.locator('dd').allTextContents()).toEqual(keys.map((k) => api[k]));
      if (lang === 'id') {
        expect(await section.locator('dt').allTextContents()).toEqual([
          'Potensi bahaya dan/atau besaran dampak',
          'Pihak yang berpotensi terkena dampak',
          'Prosedur dan tempat evakuasi',
          'Cara menghindari bahaya dan/atau dampak',
          'Cara memperoleh bantuan dari pihak yang berwenang',
          'Pihak yang wajib mengumumkan informasi',
          'Tata cara pengumuman dalam keadaan darurat',
          'Upaya yang sedang dilakukan untuk menanggulangi',
        ]);
        // Line breaks the officer typed are kept.
        expect(await section.locator('[data-element="prosedurDanTempatEvakuasi"] dd').innerText()).toBe('Ikuti arahan petugas BPBD.\nTempat evakuasi: Aula Kantor Kelurahan Bukit Tunggal.');
        // Above the body: the first thing a citizen reads after the summary.
        const top = async (sel: string) => (await page.locator(sel).boundingBox())!.y;
        expect(await top('.item-announcement')).toBeLessThan(await top('.item-body'));
        await shot(page, 'portal-item-serta-merta-id-desktop');
      }
      expectNothingHidden(await everything(page));
      expect((page as any).problems).toEqual([]);
      await context.close();
    }

    // Another class: the component's leftover text is not shown as an announcement.
    const { context, page } = await newPage({ width: 390, height: 844 }, { isMobile: true });
    await page.goto(`${base}/portal/?item=${ordinary}`);
    await page.waitForFunction(() => document.getElementById('item-title')?.textContent?.startsWith('Jadwal'));
    expect(await page.locator('.item-announcement').count()).toBe(0);
    expect(await page.locator('#item-view').innerText()).not.toContain('Teks lama yang tidak berlaku');
    // The flood warning on a phone: the announcement fits the screen.
    await page.goto(`${base}/portal/?item=${flood}`);
    await page.waitForFunction(() => !!document.querySelector('.item-announcement'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shot(page, 'portal-item-serta-merta-id-mobile');
    expect((page as any).problems).toEqual([]);
    await context.close();
  });
});
