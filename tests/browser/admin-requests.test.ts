import type { Browser, Locator, Page } from 'playwright-core';
import fs from 'fs';
import path from 'path';
import { SHOTS, adminLogin, prepare, screenshot, serve, teardown } from '../helpers/browser';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, type Person } from '../helpers/people';
import { forwardActOf } from '../../packages/strapi-plugin-ppid/server/src/core/workflow/steps';

// The Permohonan Informasi screens (#15), one Strapi boot, as the officials whose step it is: the
// Petugas Informasi enters a request received by letter (with the identity scan) through the
// page and forwards it; the PPID extends the deadline, records the written notice and signs it;
// an objection filed over the public route is drafted by the PPID and signed by the Atasan PPID,
// who then records the dispute at the Komisi Informasi and its outcome. Each form first meets
// the server's 400, shown next to the fields.
const KEY = Buffer.alloc(32, 17).toString('base64');
const NIK = '6472011234560077';
const SOP = 'pelayanan-permohonan-informasi';
const OBJ_SOP = 'penanganan-keberatan';
const REQUEST = 'plugin::ppid.information-request';
const OBJECTION = 'plugin::ppid.objection';
const EMAIL = 'budi.santoso@example.id';
// Monday 7 December 2026, 09:00 WIB.
const MONDAY = new Date('2026-12-07T02:00:00Z');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex')]);

jest.setTimeout(600000);

let app: TestApp;
let browser: Browser;
let base: string;
let p: Record<string, Person>;
let requestId: string;
let number: string;
const pages = new Map<string, Page>();

const ppid = () => app.strapi.plugin('ppid');

beforeAll(async () => {
  browser = await prepare();
  app = await startApp({ PPID_PERSONAL_DATA_KEY: KEY });
  ppid().service('clock').setNow(MONDAY);
  const dir = ppid().service('directory');
  // The Permohonan Informasi page's permissions, as a body would grant them to these roles.
  await dir.ensureRole(`${SOP}:petugas`, '', { write: [], read: [], plugin: ['requests.enter'] });
  await dir.ensureRole(`${SOP}:ppid`, '', { write: [], read: [], plugin: ['requests.manage', 'objections.manage'] });
  await dir.ensureRole(`${SOP}:atasan`, '', { write: [], read: [], plugin: ['objections.manage'] });
  p = await peopleFor(app, SOP, [
    { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana Kelurahan' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID Kota Samarinda' },
    { key: 'atasan', sopRoles: [], jabatan: 'Sekretaris Daerah' },
  ]);
  // The same officials in the objection SOP (102).
  await dir.mapRole(OBJ_SOP, 'petugas-informasi', p.petugas.roleId, null);
  await dir.mapRole(OBJ_SOP, 'ppid', p.ppid.roleId, null);
  await dir.mapRole(OBJ_SOP, 'atasan-ppid', p.atasan.roleId, null);
  base = await serve(app);
}, 300000);

afterAll(async () => {
  ppid()?.service('clock').setNow(null);
  await teardown(browser, app);
});

async function as(who: Person): Promise<Page> {
  const open = pages.get(who.email);
  if (open) return open;
  const page = await adminLogin(browser, base, who.email, who.password);
  pages.set(who.email, page);
  return page;
}

/** Picks an option of a design-system select by its visible label. */
async function choose(page: Page, scope: Locator | Page, testId: string, name: RegExp) {
  await scope.getByTestId(testId).click();
  await page.getByRole('option', { name }).first().click();
}

/** A field's own box (its label, control and error): where the server's words for it must show. */
const field = (scope: Locator, testId: string): Locator => scope.getByTestId(testId).locator('xpath=ancestor::div[.//label][1]');

/** Clicks an act in a workflow panel, fills the dialog, waits for the panel to move on. */
async function act(page: Page, panel: Locator, name: string, opts: { confirm?: boolean; password?: string } = {}) {
  const before = await panel.getByTestId('ppid-current-step').textContent();
  await panel.getByTestId(`ppid-act-${name}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (opts.confirm) await dialog.getByRole('checkbox').click();
  if (opts.password) await dialog.locator('input[name="password"]').fill(opts.password);
  await dialog.getByTestId('ppid-act-confirm').click();
  // Either the dialog closes or the server's refusal shows in it (then say what it was).
  await Promise.race([dialog.waitFor({ state: 'detached', timeout: 30000 }), dialog.getByTestId('ppid-act-error').waitFor({ timeout: 30000 })]);
  if (await dialog.getByTestId('ppid-act-error').count()) throw new Error(`act ${name} refused: ${await dialog.getByTestId('ppid-act-error').innerText()}`);
  await page.waitForFunction(
    ({ testId, prev }) => {
      const el = document.querySelector(`[data-testid="${testId}"] [data-testid="ppid-current-step"]`);
      return !el || el.textContent !== prev;
    },
    { testId: (await panel.getAttribute('data-testid'))!, prev: before },
    { timeout: 30000 }
  );
}

/** An SOP step acted over HTTP (the steps whose screens other tests cover). */
async function stepOverHttp(who: Person, uid: string, documentId: string, extra: Record<string, unknown> = {}) {
  const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: uid, itemDocumentId: documentId }, populate: ['sop'], orderBy: { id: 'desc' } });
  const s = run.sop.definition.steps[run.currentStep - 1];
  const res = await app.http().post(`/ppid/runs/${run.documentId}/acts`).set(bearer(who)).send({ act: forwardActOf(s), step: run.currentStep, ...extra });
  expect(res.status).toBe(200);
}

const openRequest = async (page: Page) => {
  await page.goto(`${base}/admin/plugins/ppid/requests/${requestId}`);
  await page.getByTestId('ppid-request-facts').waitFor({ timeout: 60000 });
};

it('the Petugas Informasi enters a request received by letter through the page; a bad field is named next to it', async () => {
  const page = await as(p.petugas);
  await page.goto(`${base}/admin/plugins/ppid/requests`);
  await page.getByTestId('ppid-desk-new').click({ timeout: 60000 });
  const form = page.getByTestId('ppid-desk-form');
  await form.waitFor();
  await choose(page, form, 'ppid-desk-channel', /^Surat$/);
  await form.getByTestId('ppid-desk-name').fill('Budi Santoso');
  await form.getByTestId('ppid-desk-address').fill('Jl. Cendana No. 7, Samarinda');
  await form.getByTestId('ppid-desk-email').fill('budi.santoso@');
  await form.getByTestId('ppid-desk-phone').fill('0812-5555-0102');
  await form.getByTestId('ppid-desk-identity').fill(NIK);
  await form.getByTestId('ppid-desk-information').fill('Salinan dokumen pelaksanaan anggaran Kecamatan Palaran tahun 2026');
  await form.getByTestId('ppid-desk-purpose').fill('Bahan diskusi forum warga');
  await choose(page, form, 'ppid-desk-obtain', /^Salinan hardcopy$/);
  await choose(page, form, 'ppid-desk-deliver', /^Mengambil langsung$/);
  await form.getByTestId('ppid-desk-scan').setInputFiles({ name: 'ktp-budi.png', mimeType: 'image/png', buffer: PNG });
  await form.getByTestId('ppid-desk-submit').click();

  // 400: the banner says to check the fields; the e-mail field carries the server's words.
  const banner = form.getByTestId('ppid-desk-form-error');
  await banner.waitFor({ timeout: 30000 });
  expect(await banner.getAttribute('data-status')).toBe('400');
  await field(form, 'ppid-desk-email').getByText(/bukan alamat e-mail yang sah/).waitFor();
  // Only that field: the others filled in are not marked.
  expect(await field(form, 'ppid-desk-name').getByText(/wajib|bukan/).count()).toBe(0);
  expect(await app.strapi.db.query(REQUEST).count({})).toBe(0);
  await screenshot(page, 'requests-01-entry-error');

  await form.getByTestId('ppid-desk-email').fill(EMAIL);
  await form.getByTestId('ppid-desk-submit').click();
  await page.waitForURL((u) => /\/plugins\/ppid\/requests\/[^/]+$/.test(u.pathname), { timeout: 60000 });
  await page.getByTestId('ppid-request-facts').waitFor({ timeout: 60000 });
  requestId = page.url().split('/').pop()!.split('?')[0]!;
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { documentId: requestId } });
  number = row.number;
  expect(row).toMatchObject({ number: 'PMI-2026-00001', channel: 'surat', applicantName: 'Budi Santoso', applicantEmail: EMAIL, obtainBy: 'salinan_hardcopy', deliverBy: 'langsung' });
  expect(row.enteredBy).toMatchObject({ userId: String(p.petugas.id), jabatan: 'Petugas Informasi' });
  expect(await ppid().service('requests').identityScanOf(requestId)).toMatchObject({ mime: 'image/png', size: PNG.length });
  const facts = (await page.getByTestId('ppid-request-facts').innerText()).replace(/\s+/g, ' ');
  expect(facts).toContain('Surat · dicatat oleh Petugas Informasi petugas');
  expect(await page.content()).not.toContain(NIK);
  await screenshot(page, 'requests-02-entered');

  // Registration and forwarding (SOP 101 steps 1-2) from the request's own panel.
  const panel = page.getByTestId('ppid-request-workflow');
  expect((await panel.getByTestId('ppid-current-step').innerText()).trim()).toBe('Langkah 1 · Petugas Informasi');
  await act(page, panel, 'submit');
  await act(page, panel, 'handover');
  expect((await panel.getByTestId('ppid-current-step').innerText()).trim()).toBe('Langkah 3 · PPID Pelaksana');

  // The list: number, applicant, received, due, status; never the identity number or contact data.
  await page.goto(`${base}/admin/plugins/ppid/requests`);
  const list = page.getByTestId('ppid-desk-list');
  await list.getByText(number).waitFor({ timeout: 60000 });
  const text = await list.innerText();
  expect(text).toContain('Budi Santoso');
  expect(text).toContain('Surat');
  for (const secret of [NIK, EMAIL, '0812-5555-0102']) expect(text).not.toContain(secret);
  await screenshot(page, 'requests-03-list');
});

it('the PPID extends the deadline and records the written notice through the screens, then signs it', async () => {
  // The PPID Pelaksana's search (step 3) and the PPID's consideration (step 4), over HTTP.
  await stepOverHttp(p.pelaksana, REQUEST, requestId);
  await stepOverHttp(p.ppid, REQUEST, requestId);
  const page = await as(p.ppid);
  await openRequest(page);
  // The Petugas Informasi's entry form is not offered to the PPID (no requests.enter).
  await page.goto(`${base}/admin/plugins/ppid/requests`);
  await page.getByTestId('ppid-desk-list').waitFor({ timeout: 60000 });
  expect(await page.getByTestId('ppid-desk-new').count()).toBe(0);
  await openRequest(page);

  const ext = page.getByTestId('ppid-extension-form');
  await ext.getByTestId('ppid-extension-days').fill('9');
  await ext.getByTestId('ppid-extension-submit').click();
  await ext.getByTestId('ppid-extension-error').waitFor({ timeout: 30000 });
  await field(ext, 'ppid-extension-days').getByText(/1 sampai 7 hari kerja/).waitFor();
  await field(ext, 'ppid-extension-reasons').getByText(/alasan perpanjangan wajib ditulis/).waitFor();
  await page.getByTestId('ppid-extension').screenshot({ path: path.join(SHOTS, 'requests-04-extension-error.png') });
  await ext.getByTestId('ppid-extension-days').fill('5');
  await ext.getByTestId('ppid-extension-reasons').fill('Dokumen pelaksanaan anggaran tersimpan di arsip inaktif dan perlu dicari.');
  await ext.getByTestId('ppid-extension-submit').click();
  await page.getByTestId('ppid-extension-recorded').waitFor({ timeout: 30000 });
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { documentId: requestId } });
  expect(row).toMatchObject({ extended: true, extensionDays: 5 });
  expect(await page.getByTestId('ppid-extension-recorded').innerText()).toMatch(/Diperpanjang 5 hari kerja/);

  // The notice: a grant in part without its Pasal 17 letter, reason, blacked-out parts or format.
  const notice = page.getByTestId('ppid-notice-form');
  await choose(page, notice, 'ppid-notice-held', /^Ya, dikuasai$/);
  await choose(page, notice, 'ppid-notice-decision', /^Diberikan sebagian$/);
  await notice.getByTestId('ppid-notice-submit').click();
  await notice.getByTestId('ppid-notice-error').waitFor({ timeout: 30000 });
  await field(notice, 'ppid-notice-pasal17').getByText(/wajib menyebut huruf Pasal 17/).waitFor();
  await field(notice, 'ppid-notice-reason').getByText(/alasan pengecualian wajib diisi/).waitFor();
  await notice.getByTestId('ppid-notice-redactions-error').waitFor();
  await field(notice, 'ppid-notice-format').getByText(/bentuk informasi wajib diisi/).waitFor();
  await screenshot(page, 'requests-05-notice-errors');

  await choose(page, notice, 'ppid-notice-pasal17', /^Huruf h:/);
  await notice.getByTestId('ppid-notice-reason').fill('Lampiran memuat nomor rekening dan alamat penerima perorangan (data pribadi).');
  await notice.getByTestId('ppid-notice-redaction-add').click();
  await notice.getByTestId('ppid-notice-redaction-part-0').fill('Lampiran II kolom nomor rekening');
  await notice.getByTestId('ppid-notice-redaction-reason-0').fill('Rahasia pribadi penerima');
  await notice.getByTestId('ppid-notice-format').fill('Fotokopi dilegalisasi');
  await notice.getByTestId('ppid-notice-cost').fill('15000');
  await notice.getByTestId('ppid-notice-payment').fill('Tunai di loket PPID saat pengambilan');
  await notice.getByTestId('ppid-notice-submit').click();
  await notice.getByTestId('ppid-notice-recorded').waitFor({ timeout: 30000 });
  const recorded = await app.strapi.db.query(REQUEST).findOne({ where: { documentId: requestId } });
  expect(recorded.notice).toMatchObject({
    held: true,
    decision: 'diberikan_sebagian',
    hurufPasal17: 'h',
    redactions: [{ part: 'Lampiran II kolom nomor rekening', hurufPasal17: 'h', reason: 'Rahasia pribadi penerima' }],
    format: 'Fotokopi dilegalisasi',
    cost: 15000,
    payment: 'Tunai di loket PPID saat pengambilan',
  });
  await screenshot(page, 'requests-06-notice-recorded');

  // The PPID signs the notice at SOP 101's decision step, from the request's panel.
  const panel = page.getByTestId('ppid-request-workflow');
  expect((await panel.getByTestId('ppid-current-step').innerText()).trim()).toBe('Langkah 5 · PPID');
  await act(page, panel, 'approve', { confirm: true, password: p.ppid.password });
  await page.getByTestId('ppid-notice-signed').waitFor({ timeout: 30000 });
  expect(await page.getByTestId('ppid-notice-signed').innerText()).toMatch(/Diberikan sebagian/);
  expect((await app.strapi.db.query(REQUEST).findOne({ where: { documentId: requestId } })).outcome).toBe('diberikan_sebagian');
  await screenshot(page, 'requests-07-notice-signed');
});

it('an objection filed over HTTP: the PPID drafts the answer on the screen, the Atasan PPID signs it and records the dispute', async () => {
  const filed = await app.http().post(`/api/ppid/requests/${encodeURIComponent(number)}/objections`).send({
    email: EMAIL,
    reasons: ['a'],
    statement: 'Nomor rekening penerima dihitamkan tanpa uji konsekuensi yang dapat saya baca.',
  });
  expect(filed.status).toBe(201);
  const obj = await app.strapi.db.query(OBJECTION).findOne({ where: { number: filed.body.number } });
  // The Petugas Informasi registers and forwards it (SOP 102 steps 1-2).
  await stepOverHttp(p.petugas, OBJECTION, obj.documentId);
  await stepOverHttp(p.petugas, OBJECTION, obj.documentId);

  const page = await as(p.ppid);
  await openRequest(page);
  const panel = page.getByTestId(`ppid-objection-${filed.body.number}`);
  await panel.waitFor({ timeout: 60000 });
  const form = panel.getByTestId('ppid-answer-form');
  await choose(page, form, 'ppid-answer-decision', /^Menguatkan putusan PPID$/);
  await form.getByTestId('ppid-answer-submit').click();
  await form.getByTestId('ppid-answer-error').waitFor({ timeout: 30000 });
  await field(form, 'ppid-answer-reasons').getByText(/alasan wajib ditulis bila menguatkan/).waitFor();
  await screenshot(page, 'requests-08-answer-error');
  await form.getByTestId('ppid-answer-reasons').fill('Nomor rekening penerima adalah data pribadi yang dikecualikan (Pasal 17 huruf h); bagian lain diberikan.');
  await form.getByTestId('ppid-answer-submit').click();
  await panel.getByTestId('ppid-answer-recorded').waitFor({ timeout: 30000 });
  const run = panel.getByTestId(`ppid-objection-run-${filed.body.number}`);
  await act(page, run, 'submit');
  expect((await run.getByTestId('ppid-current-step').innerText()).trim()).toBe('Langkah 4 · Atasan PPID');

  const atasan = await as(p.atasan);
  await openRequest(atasan);
  // The Atasan PPID sees no notice or extension form (no requests.manage).
  expect(await atasan.getByTestId('ppid-notice-form').count()).toBe(0);
  expect(await atasan.getByTestId('ppid-extension-form').count()).toBe(0);
  const mine = atasan.getByTestId(`ppid-objection-${filed.body.number}`);
  await mine.waitFor({ timeout: 60000 });
  await act(atasan, mine.getByTestId(`ppid-objection-run-${filed.body.number}`), 'approve', { confirm: true, password: p.atasan.password });
  await mine.getByTestId('ppid-answer-signed').waitFor({ timeout: 30000 });
  const answered = await app.strapi.db.query(OBJECTION).findOne({ where: { documentId: obj.documentId } });
  expect(answered.answerDecision).toBe('menguatkan');
  expect(answered.answeredAt).toBeTruthy();
  await screenshot(atasan, 'requests-09-answer-signed');

  // The dispute at the Komisi Informasi and its outcome (dates on the body's calendar: 7 December 2026).
  const dispute = mine.getByTestId('ppid-dispute-form');
  await dispute.getByTestId('ppid-dispute-number').fill('');
  await dispute.getByTestId('ppid-dispute-submit').click();
  await dispute.getByTestId('ppid-dispute-error').waitFor({ timeout: 30000 });
  await field(dispute, 'ppid-dispute-number').getByText(/nomor register sengketa di Komisi Informasi/).waitFor();
  await field(dispute, 'ppid-dispute-filed').getByText(/wajib diisi/).waitFor();
  await dispute.getByTestId('ppid-dispute-filed').fill('2026-12-07');
  await dispute.getByTestId('ppid-dispute-number').fill('012/XII/KI-KT-PS/2026');
  await dispute.getByTestId('ppid-dispute-submit').click();
  await mine.getByTestId('ppid-dispute-recorded').waitFor({ timeout: 30000 });
  const outcome = mine.getByTestId('ppid-outcome-form');
  await choose(atasan, outcome, 'ppid-outcome-kind', /^Mediasi/);
  await outcome.getByTestId('ppid-outcome-date').fill('2026-12-07');
  await outcome.getByTestId('ppid-outcome-summary').fill('Para pihak sepakat: rekapitulasi per kelurahan diberikan tanpa nomor rekening.');
  await outcome.getByTestId('ppid-outcome-submit').click();
  await mine.getByTestId('ppid-outcome-recorded').waitFor({ timeout: 30000 });
  const disputed = await app.strapi.db.query(OBJECTION).findOne({ where: { documentId: obj.documentId } });
  expect(disputed.dispute).toMatchObject({ filedAt: '2026-12-07', registerNumber: '012/XII/KI-KT-PS/2026', outcome: { kind: 'mediasi', date: '2026-12-07' } });
  await screenshot(atasan, 'requests-10-dispute');
});

it("the applicant's identity: masked for the PPID, in full (and the scan) for a Petugas Informasi holding requests.personal-data; each read logged", async () => {
  const LOG = 'ppid_personal_data_log';
  const logged = async () => app.strapi.db.connection(LOG).where({ request_document_id: requestId }).orderBy('id', 'asc').select('subject', 'outcome', 'user_id');
  const before = (await logged()).length;

  // The PPID (requests.manage, not requests.personal-data): shown on request, masked, no scan.
  const page = await as(p.ppid);
  await openRequest(page);
  const box = page.getByTestId('ppid-applicant-identity');
  expect(await box.getByTestId('ppid-identity-number').count()).toBe(0); // nothing until asked
  await box.getByTestId('ppid-identity-show').click();
  const masked = (await box.getByTestId('ppid-identity-number').innerText({ timeout: 30000 })).trim();
  expect(masked).toMatch(/^\d{4}\*+\d{4}$/);
  expect(masked).not.toBe(NIK);
  expect(await box.getByTestId('ppid-identity-scan-state').innerText()).toMatch(/^Ada \(\d+ KB\)$/);
  expect(await box.getByTestId('ppid-identity-scan-download').count()).toBe(0);
  expect(await page.content()).not.toContain(NIK);
  await page.getByTestId('ppid-request-identity').screenshot({ path: path.join(SHOTS, 'requests-11-identity-masked.png') });
  expect((await logged()).length).toBe(before); // a masked answer reads nothing personal

  // The Petugas Informasi is given the applicants' personal data (as the demo's role has it).
  await ppid().service('directory').ensureRole(`${SOP}:petugas`, '', { write: [], read: [], plugin: ['requests.enter', 'requests.manage', 'requests.personal-data'] }, { converge: true });
  const petugas = await as(p.petugas);
  await openRequest(petugas);
  const mine = petugas.getByTestId('ppid-applicant-identity');
  await mine.getByTestId('ppid-identity-show').click();
  expect((await mine.getByTestId('ppid-identity-number').innerText({ timeout: 30000 })).trim()).toBe(NIK);
  const [download] = await Promise.all([petugas.waitForEvent('download'), mine.getByTestId('ppid-identity-scan-download').click()]);
  const saved = await download.path();
  expect(fs.readFileSync(saved!)).toEqual(PNG);
  await petugas.getByTestId('ppid-request-identity').screenshot({ path: path.join(SHOTS, 'requests-12-identity-full.png') });
  const rows = (await logged()).slice(before);
  // An auditor's view of the same log (records.personal-data), on the request's screen.
  await ppid().service('directory').ensureRole(`${SOP}:petugas`, '', { write: [], read: [], plugin: ['requests.enter', 'requests.manage', 'requests.personal-data', 'records.personal-data'] }, { converge: true });
  await openRequest(petugas);
  const log = petugas.getByTestId('ppid-personal-data-log');
  await log.getByTestId('ppid-personal-data-log-row').nth(1).waitFor({ timeout: 30000 });
  const lines = await log.getByTestId('ppid-personal-data-log-row').allInnerTexts();
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/Pindaian identitas · Dibaca · /);
  expect(lines[1]).toMatch(/Nomor identitas · Dibaca · /);
  for (const l of lines) expect(l).toContain(p.petugas.email);
  await petugas.getByTestId('ppid-request-identity').screenshot({ path: path.join(SHOTS, 'requests-13-identity-log.png') });
  expect(rows.map((r: any) => [r.subject, r.outcome, Number(r.user_id)])).toEqual([
    ['identity-number', 'read', p.petugas.id],
    ['identity-scan', 'read', p.petugas.id],
  ]);
});
