import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SHOTS, ensureBuilt, launchBrowser, serve, teardown } from '../helpers/browser';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';
import { forwardActOf } from '../../packages/strapi-plugin-ppid/server/src/core/workflow/steps';

// Issue #15's "done when", in a browser: a request filed on the portal (public/portal,
// ?halaman=permohonan) with an identity scan runs through the template SOP 101 to the PPID's
// signed written notice within its deadline; the applicant tracks it on the portal
// (?halaman=lacak) with the number and their e-mail, reads the outcome and downloads the notice;
// files an objection there, and a late one is refused with the server's reasons. The officials
// act over HTTP, each at their own step (tests/helpers/people.ts), never as Super Admin.
jest.setTimeout(300000);

const KEY = Buffer.alloc(32, 9).toString('base64');
const NIK = '6472011234560077';
const EMAIL = 'rahmat.hidayat@example.id';
const SOP = 'pelayanan-permohonan-informasi';
const REQUEST = 'plugin::ppid.information-request';
const MONDAY = new Date('2026-12-07T02:00:00Z'); // Monday 7 December 2026, 09:00 WIB
// A 1×1 PNG: the scan's type is read from its bytes on the server.
// Markup in what the applicant typed stays text on every page.
const INFORMATION = 'Salinan kontrak pengadaan lampu penerangan jalan Kelurahan Rawa Makmur tahun 2026 <img src=x onerror="window.__pwned=1">';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let app: TestApp;
let base: string;
let browser: Browser;
let smtp: any;
let p: Record<string, Person>;
let number = '';
const mails: { to: string[]; raw: string }[] = [];

const ppid = () => app.strapi.plugin('ppid');
const setNow = (d: Date | null) => ppid().service('clock').setNow(d);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
/** Element ids with a dot (the field's API path, `applicant.email`) need an attribute selector. */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);
const everything = (page: Page) => page.evaluate(() => `${document.body.innerText}\n${document.documentElement.outerHTML}`);

const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
/** "10 Desember 2026 pukul 09:00 WIB", independently of the page's code. */
function wib(d: Date): string {
  const j = new Date(d.getTime() + 7 * 3600000);
  const hm = `${String(j.getUTCHours()).padStart(2, '0')}:${String(j.getUTCMinutes()).padStart(2, '0')}`;
  return `${j.getUTCDate()} ${BULAN[j.getUTCMonth()]} ${j.getUTCFullYear()} pukul ${hm} WIB`;
}

function pdfText(pdf: Buffer): string {
  const f = path.join(os.tmpdir(), `ppid-portal-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(f, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  } finally {
    fs.unlinkSync(f);
  }
}

async function runOf(n: string) {
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { number: n } });
  return app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: REQUEST, itemDocumentId: row.documentId }, populate: ['sop'] });
}

/** The forward act of the run's current step, by `who` (with password and intent where it is a signature). */
async function step(who: Person, n: string, extra: Record<string, unknown> = {}) {
  const run = await runOf(n);
  const s = run.sop.definition.steps[run.currentStep - 1];
  const sign = s.act === 'decide' ? { password: who.password, confirmIntent: true } : {};
  const res = await app.http().post(`/ppid/runs/${run.documentId}/acts`).set(bearer(who)).send({ act: forwardActOf(s), step: run.currentStep, ...sign, ...extra });
  expect([res.status, res.status === 200 ? null : res.body]).toEqual([200, null]);
}

async function newPage(viewport: { width: number; height: number }, isMobile = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta', deviceScaleFactor: 1, isMobile, hasTouch: isMobile, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  (page as any).problems = problems;
  return { context, page };
}

async function fillForm(page: Page, email: string) {
  await page.locator('input[name="applicantType"][value="perorangan"]').check();
  await byId(page, 'f-applicant.name').fill('Rahmat Hidayat');
  await byId(page, 'f-applicant.address').fill('Jl. Pangeran Antasari No. 12, Samarinda');
  await byId(page, 'f-applicant.email').fill(email);
  await byId(page, 'f-applicant.phone').fill('0812-5555-0101');
  await byId(page, 'f-applicant.identityNumber').fill(NIK);
  await page.locator('#f-information').fill(INFORMATION);
  await page.locator('#f-purpose').fill('Pengawasan pembangunan oleh warga');
  await page.locator('input[name="obtainBy"][value="salinan_softcopy"]').check();
  await page.locator('input[name="deliverBy"][value="email"]').check();
}

/** Clicks a download button of the page and returns the file's bytes. */
async function downloadOf(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file!) };
}

async function openTracking(page: Page, n: string, email: string) {
  await page.goto(`${base}/portal/`);
  await page.locator('.page-nav a[data-page="lacak"]').click();
  await page.locator('#lacak-title').waitFor();
  await page.locator('#t-number').fill(n);
  await page.locator('#t-email').fill(email);
  await page.locator('#tr-submit').click();
  await page.waitForFunction(() => document.getElementById('tr-result')?.getAttribute('aria-busy') === 'false' && document.querySelector('#tr-result h3'));
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ensureBuilt({ admin: false }); // the portal is public/portal; the admin build is not needed
  const { SMTPServer } = require('smtp-server');
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream: NodeJS.ReadableStream, session: any, cb: () => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r: any) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  app = await startApp({
    PPID_PERSONAL_DATA_KEY: KEY,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String((smtp.server.address() as AddressInfo).port),
    SMTP_IGNORE_TLS: 'true',
    SMTP_FROM: 'ppid@palaran.example.go.id',
  });
  setNow(MONDAY);
  // The PPID's admin role also holds the plugin permission to record the notice.
  await ppid().service('directory').ensureRole(`${SOP}:ppid`, '', { write: [], read: [], plugin: ['requests.manage'] });
  p = await peopleFor(app, SOP, [
    { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana Kelurahan' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID Kota Samarinda' },
  ]);
  base = await serve(app);
  browser = await launchBrowser();
}, 240000);

afterAll(async () => {
  ppid()?.service('clock').setNow(null);
  await teardown(browser, app);
  await new Promise((r) => smtp?.close(r));
});

it('the server judges the form: its 400 shows beside the field (a bad e-mail), nothing is stored', async () => {
  const { context, page } = await newPage({ width: 1280, height: 900 });
  await page.goto(`${base}/portal/?halaman=permohonan`);
  await expect(page.locator('#permohonan-title').textContent()).resolves.toBe('Permohonan Informasi Publik');
  expect(await page.locator('#informasi').isVisible()).toBe(false);
  // Required marks, but no browser validation in the way: the server decides.
  expect(await page.locator('#request-form .req').count()).toBeGreaterThanOrEqual(10);
  await fillForm(page, 'rahmat@tanpa-domain');
  await page.locator('#rq-submit').click();
  const error = byId(page, 'e-applicant.email');
  await error.waitFor();
  await expect(error.textContent()).resolves.toMatch(/alamat e-mail/);
  await expect(byId(page, 'f-applicant.email').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(page.locator('#rq-alert').textContent()).resolves.toContain('Periksa kolom yang ditandai');
  // Only that field is marked.
  expect(await page.locator('#request-form .field-error:not([hidden])').count()).toBe(1);
  expect(await app.strapi.db.query(REQUEST).count({ where: { applicantName: 'Rahmat Hidayat' } })).toBe(0);
  await shot(page, 'portal-request-error');
  // The form at phone width: one column, nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'portal-request-error-mobile');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  expect((page as any).problems).toEqual([]);
  await context.close();
});

it('files a request with an identity scan (multipart): the number, received and due dates in WIB, the receipt PDF', async () => {
  const { context, page } = await newPage({ width: 1280, height: 900 });
  await page.goto(`${base}/portal/`);
  await page.locator('.page-nav a[data-page="permohonan"]').click();
  await page.locator('#permohonan-title').waitFor();
  expect(new URL(page.url()).search).toBe('?halaman=permohonan');
  await fillForm(page, EMAIL);
  await page.locator('#f-identityScan').setInputFiles({ name: 'ktp.png', mimeType: 'image/png', buffer: PNG });
  await shot(page, 'portal-request-form');
  await page.locator('#rq-submit').click();
  await page.locator('#rq-success').waitFor();

  number = (await page.locator('#rq-number').textContent())!.trim();
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { number } });
  expect(row).toBeTruthy();
  expect(row.applicantEmail).toBe(EMAIL);
  // The scan came with the filing (sealed in the plugin's table).
  const scan = await ppid().service('requests').identityScanOf(row.documentId);
  expect(scan).toMatchObject({ mime: 'image/png', size: PNG.length });
  expect(Buffer.compare(scan.bytes, PNG)).toBe(0);

  const success = (await page.locator('#rq-success').innerText()).replace(/\s+/g, ' ');
  expect(success).toContain('Permohonan Anda telah diterima');
  expect(success).toContain('7 Desember 2026 pukul 09:00 WIB');
  // 10 working days on the body's calendar (Pasal 22 ayat 7).
  expect(success).toContain('21 Desember 2026 pukul 09:00 WIB');
  expect(new Date(row.dueAt).toISOString()).toBe('2026-12-21T02:00:00.000Z');
  await shot(page, 'portal-request-success');

  const receipt = await downloadOf(page, '#rq-receipt');
  expect(receipt.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfText(receipt.bytes)).toContain(number);
  expect(receipt.name).toBe(`tanda-bukti-${number}.pdf`);

  // Never shown back: not the identity number, and nothing the applicant typed stays in the form.
  const text = await everything(page);
  expect(text).not.toContain(NIK);
  await expect(byId(page, 'f-applicant.identityNumber').inputValue()).resolves.toBe('');
  // The e-mail is in no address or link of the page.
  expect(page.url()).not.toContain('example.id');
  expect(await page.evaluate(() => [...document.querySelectorAll('a')].map((a) => a.href).join(' '))).not.toContain('example.id');
  // The receipt mail went to the applicant.
  expect(mails.some((m) => m.to.includes(EMAIL) && m.raw.includes(number))).toBe(true);

  // The success box at phone width.
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'portal-request-success-mobile');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  expect((page as any).problems).toEqual([]);
  await context.close();
});

it('the officials run SOP 101 over HTTP to the PPID\'s signed written notice, before its deadline', async () => {
  expect(number).not.toBe('');
  setNow(new Date(MONDAY.getTime() + 86400000)); // Tuesday
  await step(p.petugas, number); // 1 registration
  await step(p.petugas, number); // 2 forwarding to the unit that holds it
  // The one extension of Pasal 22 ayat (8), with its written reasons.
  const ext = await app.http().post(`/ppid/requests/${encodeURIComponent(number)}/extension`).set(bearer(p.ppid)).send({ reasons: 'Kontrak tersimpan di arsip inaktif dinas teknis', days: 3 });
  expect([ext.status, ext.status === 201 ? null : ext.body]).toEqual([201, null]);
  setNow(new Date(MONDAY.getTime() + 3 * 86400000)); // Thursday
  await step(p.pelaksana, number); // 3 search and draft
  await step(p.ppid, number); // 4 exclusion considered
  const notice = await app.http().put(`/ppid/requests/${encodeURIComponent(number)}/notice`).set(bearer(p.ppid)).send({
    held: true,
    decision: 'diberikan_sebagian',
    hurufPasal17: 'h',
    reason: 'Kontrak memuat nomor rekening pribadi penyedia (data pribadi)',
    redactions: [{ part: 'Nomor rekening penyedia', reason: 'Data pribadi' }],
    format: 'Softcopy PDF',
    cost: 0,
  });
  expect([notice.status, notice.status === 200 ? null : notice.body]).toEqual([200, null]);
  await step(p.ppid, number, { comment: 'Disetujui' }); // 5 the written notice, signed
  await step(p.petugas, number); // 6 delivery
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { number } });
  expect(row.outcome).toBe('diberikan_sebagian');
  expect(row.noticePdf).toBeTruthy();
  // Within the 10 working days of Pasal 22 ayat (7).
  expect(new Date(row.decidedAt).getTime()).toBeLessThanOrEqual(new Date(row.dueAt).getTime());
  expect((await runOf(number)).status).toBe('completed');
});

it('tracking with the number and the e-mail: the stages, the notice\'s outcome and its PDF; another e-mail is "not found"', async () => {
  const { context, page } = await newPage({ width: 1280, height: 900 });
  await openTracking(page, number, 'Rahmat.Hidayat@Example.id');
  await page.locator('#tr-outcome').waitFor();
  await expect(page.locator('#tr-number').textContent()).resolves.toBe(number);
  await expect(page.locator('#tr-status').textContent()).resolves.toBe('Selesai: pemberitahuan tertulis telah disampaikan');
  await expect(page.locator('#tr-outcome').textContent()).resolves.toBe('Permohonan diterima sebagian: sebagian informasi dikecualikan (dihitamkan)');
  expect(await page.locator('.stage.done').count()).toBe(4);
  await expect(page.locator('.stage[aria-current="step"]').getAttribute('data-stage')).resolves.toBe('selesai');
  const result = (await page.locator('#tr-result').innerText()).replace(/\s+/g, ' ');
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { number } });
  // The extension: the new deadline, from the original one, with the reasons.
  expect(result).toContain(`Batas waktu pemberitahuan tertulis ${wib(new Date(row.dueAt))} (diperpanjang)`);
  await expect(page.locator('#tr-extension').innerText()).resolves.toContain(`Batas waktu diperpanjang 3 hari kerja, dari 21 Desember 2026 pukul 09:00 WIB menjadi ${wib(new Date(row.dueAt))}.`);
  await expect(page.locator('#tr-extension').innerText()).resolves.toContain('Kontrak tersimpan di arsip inaktif dinas teknis');
  // Markup the applicant typed is shown as typed, never run.
  expect(result).toContain(INFORMATION);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(await page.locator('#tr-result img').count()).toBe(0);
  // The signature's own time (the signature record's clock), in WIB.
  const decidedAt = new Date(row.decidedAt);
  expect(result).toContain(`Ditandatangani PPID pada ${wib(decidedAt)}`);
  expect(result).toContain('Mendapatkan salinan informasi (softcopy)');
  // The verification link of the signature.
  expect(await page.locator('#tr-decision a.btn-verify').getAttribute('href')).toMatch(/\/api\/ppid\/verify\/[^/]+\?format=html$/);

  const notice = await downloadOf(page, '#tr-notice');
  expect(notice.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(notice.bytes);
  expect(text).toContain('PEMBERITAHUAN TERTULIS');
  expect(text).toContain(number);
  expect(notice.name).toBe(`pemberitahuan-tertulis-${number}.pdf`);

  expect(await everything(page)).not.toContain(NIK);
  expect(page.url()).toBe(`${base}/portal/?halaman=lacak`);
  await shot(page, 'portal-track-notice');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'portal-track-notice-mobile');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // Another e-mail, and an unknown number with the right e-mail: the same words.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('#t-email').fill('orang.lain@example.id');
  await page.locator('#tr-submit').click();
  await page.locator('#tr-missing').waitFor();
  const wrongEmail = await page.locator('#tr-result').innerText();
  expect(wrongEmail).toContain('Permohonan tidak ditemukan');
  expect(wrongEmail).not.toContain('Rawa Makmur');
  await page.locator('#t-email').fill(EMAIL);
  await page.locator('#t-number').fill('PMI-2026-99999');
  await page.locator('#tr-submit').click();
  await page.waitForFunction(() => document.querySelector('#tr-missing') && document.getElementById('tr-result')?.getAttribute('aria-busy') === 'false');
  expect(await page.locator('#tr-result').innerText()).toBe(wrongEmail);
  expect((page as any).problems).toEqual([]);
  await context.close();
});

it('an objection from tracking (Pasal 35 reasons as the law words them) is registered; a late one is refused with the server\'s reasons', async () => {
  const { context, page } = await newPage({ width: 1280, height: 900 });
  await openTracking(page, number, EMAIL);
  await page.locator('#ob-box > summary').click();
  const reasons = page.locator('#objection-form input[name="reasons"]');
  expect(await reasons.count()).toBe(7);
  await expect(page.locator('#f-reasons').innerText()).resolves.toContain('Pengenaan biaya yang tidak wajar');
  // No reason: the server's 400 beside the reasons.
  await page.locator('#f-statement').fill('Bagian yang dihitamkan lebih luas dari yang diperlukan.');
  await page.locator('#ob-submit').click();
  await page.locator('#e-reasons:not([hidden])').waitFor();
  await expect(page.locator('#e-reasons').textContent()).resolves.toMatch(/sedikitnya satu alasan/);

  await page.locator('#objection-form input[name="reasons"][value="d"]').check();
  await page.locator('#ob-submit').click();
  await page.locator('#ob-filed').waitFor();
  const filed = await page.locator('#ob-filed').innerText();
  expect(filed).toMatch(/KEB-2026-\d{5}/);
  const objection = page.locator('.objection');
  await expect(objection.innerText()).resolves.toContain('Permintaan informasi ditanggapi tidak sebagaimana yang diminta');
  await expect(objection.innerText()).resolves.toContain('Sedang diperiksa Atasan PPID');
  await shot(page, 'portal-track-objection');

  // Pasal 36 ayat (1): 30 working days from the reason; months later the server refuses it.
  setNow(new Date('2027-06-01T02:00:00Z'));
  try {
    const { context: c2, page: late } = await newPage({ width: 1280, height: 900 });
    await openTracking(late, number, EMAIL);
    await late.locator('#ob-box > summary').click();
    await late.locator('#objection-form input[name="reasons"][value="e"]').check();
    await late.locator('#f-statement').fill('Informasi belum diterima.');
    await late.locator('#ob-submit').click();
    await late.locator('#ob-refused').waitFor();
    const refused = await late.locator('#ob-refused').innerText();
    expect(refused).toContain('Keberatan tidak dapat diterima');
    expect(refused).toContain('Pasal 36 ayat 1');
    // What the applicant wrote is still there to copy.
    await expect(late.locator('#f-statement').inputValue()).resolves.toBe('Informasi belum diterima.');
    expect(await app.strapi.db.query('plugin::ppid.objection').count()).toBe(1);
    // The first objection went unanswered for 30 working days: the Pasal 37 window, as the API gives it.
    await expect(late.locator('.objection .komisi').innerText()).resolves.toContain('Komisi Informasi');
    await expect(late.locator('.objection').innerText()).resolves.toContain('Tidak dijawab dalam 30 hari kerja');
    await shot(late, 'portal-track-objection-late');
    expect((late as any).problems).toEqual([]);
    await c2.close();
  } finally {
    setNow(MONDAY);
  }
  expect((page as any).problems).toEqual([]);
  await context.close();
});

it('in English with the language switch, the same request reads in English', async () => {
  const { context, page } = await newPage({ width: 1280, height: 900 });
  await openTracking(page, number, EMAIL);
  await page.locator('#tr-outcome').waitFor();
  await page.locator('.lang-btn[data-lang="en"]').click();
  await expect(page.locator('#lacak-title').textContent()).resolves.toBe('Track a Request');
  await expect(page.locator('#tr-outcome').textContent()).resolves.toBe('Request granted in part: some of the information is exempt (blacked out)');
  expect(await page.locator('#tr-result').innerText()).toContain('21 December 2026, 09:00 WIB');
  expect(new URL(page.url()).search).toBe('?lang=en&halaman=lacak');
  await page.locator('.page-nav a[data-page="permohonan"]').click();
  await expect(page.locator('#permohonan-title').textContent()).resolves.toBe('Request for Public Information');
  await shot(page, 'portal-request-form-en');
  expect((page as any).problems).toEqual([]);
  await context.close();
});
