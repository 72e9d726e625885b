import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { SHOTS, ensureBuilt, launchBrowser, serve, teardown } from '../helpers/browser';
import { startApp, TestApp } from '../helpers/strapi';
import { renderApprovalForm } from '../../packages/strapi-plugin-ppid/server/src/documents/pdf';
import { formData } from '../../packages/strapi-plugin-ppid/server/src/documents/pdf/__tests__/fixtures';

// The portal's "Periksa Dokumen PDF" (?halaman=periksa, public/portal/verify-pdf.js) over
// POST /api/ppid/verify/pdf (#13): the body's stored written notice is shown intact, signed by the
// body's certificate, and matched with its request and verification code; a changed copy is
// flagged; an unsigned PDF gets the reason. Only the portal (no admin build needed).
jest.setTimeout(240000);

const KEY = Buffer.alloc(32, 14).toString('base64');
const REQUEST = 'plugin::ppid.information-request';
const CODE = 'PORT-PDF-0014';

let app: TestApp;
let base: string;
let browser: Browser;
let number = '';
let signed: Buffer;
let unsigned: Buffer;

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ensureBuilt({ admin: false });
  app = await startApp({ PPID_PERSONAL_DATA_KEY: KEY });
  base = await serve(app);
  browser = await launchBrowser();
  const res = await app
    .http()
    .post('/api/ppid/requests')
    .set('Content-Type', 'application/json')
    .send(
      JSON.stringify({
        applicant: { type: 'perorangan', name: 'Dewi Lestari', address: 'Jl. Kenanga 4, Samarinda', email: 'dewi@example.id', phone: '0812-1414-1414', identityNumber: '6472011234560014' },
        information: 'Rencana kerja kelurahan 2027',
        purpose: 'Pengawasan',
        obtainBy: 'salinan_softcopy',
        deliverBy: 'email',
      })
    );
  expect(res.status).toBe(201);
  number = res.body.number;
  unsigned = await renderApprovalForm(formData(true));
  signed = await app.strapi.plugin('ppid').service('pdf-signing').sign(unsigned, { reason: `Pemberitahuan tertulis ${number} (kode verifikasi ${CODE})`, signingTime: '2026-12-07T03:00:00Z' });
  await app.strapi.db.query(REQUEST).update({ where: { number }, data: { noticeCode: CODE, noticeSha256: createHash('sha256').update(signed).digest('hex'), noticePdf: signed.toString('base64') } });
});

afterAll(() => teardown(browser, app));

async function check(page: Page, name: string, bytes: Buffer) {
  await page.locator('#vf-file').setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
  await page.locator('#vf-submit').click();
  await page.locator('#vf-result[aria-busy="false"] :is(h3, .notice-error)').first().waitFor();
  return (await page.locator('#vf-result').innerText()).replace(/\s+/g, ' ');
}

it('the stored notice: intact, the body certificate, matched with its request and code; a changed copy flagged; an unsigned PDF gets the reason', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta', deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}/portal/`);
  await page.locator('.page-nav a[data-page="periksa"]').click();
  await page.locator('#periksa-title').waitFor();
  expect(new URL(page.url()).searchParams.get('halaman')).toBe('periksa');
  expect(await page.locator('#periksa-title').innerText()).toBe('Periksa Dokumen PDF');

  const ok = await check(page, 'pemberitahuan.pdf', signed);
  await shot(page, 'portal-verify-pdf-ok');
  expect(ok).toContain('Tanda tangan utuh: isi yang ditandatangani tidak berubah.');
  expect(ok).toContain('✓ utuh, tidak berubah');
  expect(ok).toContain('✓ seluruh berkas');
  expect(ok).toContain('sertifikat penandatanganan dokumen badan publik ini');
  expect(ok).toContain('TIDAK TERSERTIFIKASI');
  expect(ok).toContain('7 Desember 2026 pukul 10:00 WIB');
  expect(ok).toContain(`Pemberitahuan tertulis permohonan ${number}`);
  const link = page.locator('#vf-result .vf-records a');
  expect(await link.innerText()).toBe(`kode verifikasi ${CODE}`);
  expect(await link.getAttribute('href')).toContain(`/api/ppid/verify/${CODE}?format=html`);
  expect(ok).not.toContain('Dewi');

  const changed = Buffer.from(signed);
  changed[Math.floor(unsigned.length / 2)] ^= 0x01;
  const bad = await check(page, 'diubah.pdf', changed);
  await shot(page, 'portal-verify-pdf-changed');
  expect(bad).toContain('Perhatian: dokumen ini tidak utuh');
  expect(bad).toContain('✗ berubah atau tanda tangan tidak sah');
  expect(bad).toContain('Bagian yang ditandatangani telah diubah sesudah penandatanganan.');
  expect(bad).toContain('Tidak ada dokumen tersimpan yang sama persis dengan berkas ini.');

  const none = await check(page, 'tanpa-ttd.pdf', unsigned);
  expect(none).toContain('PDF ini tidak memuat tanda tangan elektronik.');

  // English beside it.
  await page.locator('.lang-btn[data-lang="en"]').click();
  const en = await check(page, 'notice.pdf', signed);
  await shot(page, 'portal-verify-pdf-en');
  expect(en).toContain('The signature is intact: the signed content is unchanged.');
  expect(en).toContain(`Written notice on request ${number}`);
  expect(problems).toEqual([]);
  await context.close();
});
