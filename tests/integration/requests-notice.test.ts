import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';
import { extendNotice } from '../../packages/strapi-plugin-ppid/server/src/core/requests';
import { forwardActOf } from '../../packages/strapi-plugin-ppid/server/src/core/workflow/steps';

// The applicant's papers of a request for information (#15): the receipt mail and PDF, the one
// extension (Pasal 22 ayat 8), and the written notice (ayat 7) the PPID records and signs at SOP
// 101's decide step: rendered once, stored, mailed, shown on tracking. Real SMTP server, real
// HTTP, the officials whose step it is (never the Super Admin).
const KEY = Buffer.alloc(32, 7).toString('base64');
const NIK = '6472011234560001';
const SOP = 'pelayanan-permohonan-informasi';
const REQUEST = 'plugin::ppid.information-request';
const MONDAY = new Date('2026-12-07T02:00:00Z'); // Monday 7 December 2026, 09:00 WIB

type Mail = { to: string[]; subject: string; text: string; raw: string };
const mails: Mail[] = [];
let smtp: any;
let app: TestApp;
let p: Record<string, Person>;

const ppid = () => app.strapi.plugin('ppid');
const setNow = (d: Date | null) => ppid().service('clock').setNow(d);
const file = (b: unknown) => app.http().post('/api/ppid/requests').set('Content-Type', 'application/json').send(JSON.stringify(b));
const track = (number: string, email: string) => app.http().get(`/api/ppid/requests/${encodeURIComponent(number)}`).query({ email });
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const getPdf = (url: string, email: string) => app.http().get(url).query({ email }).buffer(true).parse(binary);
const extend = (who: Person, id: string, body: unknown) => app.http().post(`/ppid/requests/${encodeURIComponent(id)}/extension`).set(bearer(who)).send(body as any);
const putNotice = (who: Person, id: string, body: unknown) => app.http().put(`/ppid/requests/${encodeURIComponent(id)}/notice`).set(bearer(who)).send(body as any);

const body = (email: string, over: Record<string, unknown> = {}) => ({
  applicant: { type: 'perorangan', name: 'Siti Aminah', address: 'Jl. Merdeka No. 1, Samarinda', email, phone: '+62 812-3456-7890', identityNumber: NIK },
  information: 'Daftar penerima bantuan sosial Kelurahan Rawa Makmur tahun 2025',
  purpose: 'Pengawasan program oleh warga',
  obtainBy: 'salinan_softcopy',
  deliverBy: 'email',
  ...over,
});

function pdfText(pdf: Buffer): string {
  const f = path.join(os.tmpdir(), `ppid-notice-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(f, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  } finally {
    fs.unlinkSync(f);
  }
}

/** pdfsig's report on a PDF, with the app's internal CA (keys/pdf/) trusted in a fresh NSS database. */
function pdfsig(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-pdfsig-'));
  try {
    const ca = path.resolve(__dirname, '..', '..', process.env.PPID_KEY_DIR || 'keys', 'pdf', 'internal-ca.crt.pem');
    execFileSync('certutil', ['-d', `sql:${dir}`, '-N', '--empty-password']);
    execFileSync('certutil', ['-d', `sql:${dir}`, '-A', '-n', 'PPID internal CA', '-t', 'CT,C,C', '-i', ca]);
    fs.writeFileSync(path.join(dir, 'notice.pdf'), pdf);
    return execFileSync('pdfsig', ['-nssdir', `sql:${dir}`, path.join(dir, 'notice.pdf')], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function parseMail(raw: string): { subject: string; text: string } {
  const unfolded = raw.replace(/\r\n[ \t]+/g, ' ');
  let subject = /^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '';
  // Encoded-word subjects (=?UTF-8?Q?...?=).
  subject = subject.replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, q) =>
    Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
  ).replace(/\?=\s+=\?UTF-8\?Q\?/gi, '');
  const part = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  const text = Buffer.from(
    part.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
    'latin1'
  ).toString('utf8');
  return { subject, text };
}

async function waitFor<T>(probe: () => T | undefined | null | false, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; mails: ${mails.map((m) => m.subject).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const mailTo = (to: string, subject: RegExp) => waitFor(() => mails.find((m) => m.to.includes(to) && subject.test(m.subject)), `mail to ${to} ${subject}`);

async function runOf(number: string) {
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { number } });
  return app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: REQUEST, itemDocumentId: row.documentId }, populate: ['sop'] });
}

/** The forward act of the run's current step, by `who` (a signature with password and intent). */
async function step(who: Person, number: string, extra: Record<string, unknown> = {}) {
  const run = await runOf(number);
  const def = run.sop.definition;
  const s = def.steps[run.currentStep - 1];
  const act = forwardActOf(s);
  const sign = s.act === 'decide' ? { password: who.password, confirmIntent: true } : {};
  return app.http().post(`/ppid/runs/${run.documentId}/acts`).set(bearer(who)).send({ act, step: run.currentStep, ...sign, ...extra });
}

beforeAll(async () => {
  const { SMTPServer } = require('smtp-server');
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream: NodeJS.ReadableStream, session: any, cb: (e?: Error) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        mails.push({ to: session.envelope.rcptTo.map((r: any) => r.address), raw, ...parseMail(raw) });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  app = await startApp({
    PPID_PERSONAL_DATA_KEY: KEY,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_IGNORE_TLS: 'true',
    SMTP_FROM: 'ppid@palaran.example.go.id',
  });
  setNow(MONDAY);
  // The PPID's admin role also holds the plugin permission for the notice and the extension.
  await ppid().service('directory').ensureRole(`${SOP}:ppid`, '', { write: [], read: [], plugin: ['requests.manage'] });
  p = await peopleFor(app, SOP, [
    { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana Kelurahan' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID Kota Samarinda' },
  ]);
}, 240000);

afterAll(async () => {
  ppid()?.service('clock').setNow(null);
  await app?.stop();
  await new Promise((r) => smtp?.close(r));
});

let filed: { number: string; receivedAt: string; dueAt: string };

it('the receipt: e-mailed after filing (number, received, due date in WIB, tracking), and a PDF for the applicant only', async () => {
  const res = await file(body('siti@example.id'));
  expect(res.status).toBe(201);
  filed = res.body;
  const mail = await mailTo('siti@example.id', new RegExp(`Tanda bukti penerimaan.*${filed.number}`));
  expect(mail.text).toContain(`Nomor pendaftaran      : ${filed.number}`);
  expect(mail.text).toContain('Waktu diterima         : 7 Desember 2026 pukul 09:00 WIB');
  const calendar = await ppid().service('zones').calendarOf(null);
  expect(mail.text).toMatch(/Batas pemberitahuan {4}: \d+ Desember 2026 pukul 09:00 WIB/);
  expect(mail.text).toContain(`/api/ppid/requests/${filed.number}?email=`);
  expect(mail.text).not.toContain(NIK);
  expect(new Date(filed.dueAt).getTime()).toBeGreaterThan(MONDAY.getTime());
  expect(calendar).toBeTruthy();

  const other = await getPdf(`/api/ppid/requests/${filed.number}/receipt`, 'warga@example.id');
  expect(other.status).toBe(404);
  const unknown = await getPdf('/api/ppid/requests/PMI-2026-99999/receipt', 'siti@example.id');
  expect(unknown.status).toBe(404);
  const pdf = await getPdf(`/api/ppid/requests/${filed.number}/receipt`, 'Siti@Example.id');
  expect(pdf.status).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  expect(pdf.headers['cache-control']).toBe('no-store');
  const text = pdfText(pdf.body);
  expect(text).toContain('TANDA BUKTI PENERIMAAN');
  expect(text).toContain(filed.number);
  expect(text).toContain('6472********0001');
  expect(text).not.toContain(NIK);
  expect(text).toContain('7 Desember 2026 pukul 09:00 WIB');
  // On the body's kop, like the other documents.
  const { block } = await ppid().service('kop').block(null);
  expect(text.replace(/\s+/g, ' ')).toContain(block.lines.nama || block.lines.pemerintah);
});

it('a failed receipt mail is logged and never fails the filing', async () => {
  const email = app.strapi.plugin('email').service('email');
  const send = email.send;
  email.send = async () => {
    throw new Error('SMTP down');
  };
  try {
    const res = await file(body('tanpa-surat@example.id'));
    expect(res.status).toBe(201);
    expect(await app.strapi.db.query(REQUEST).count({ where: { number: res.body.number } })).toBe(1);
  } finally {
    email.send = send;
  }
});

it('the extension (Pasal 22 ayat 8): requests.manage only, reasons required, 1..7 days, once, sealed, mailed, on tracking', async () => {
  // Another official of the SOP without the permission: refused.
  expect((await extend(p.pelaksana, filed.number, { reasons: 'x' })).status).toBe(403);
  const noReasons = await extend(p.ppid, filed.number, { days: 3 });
  expect(noReasons.status).toBe(400);
  expect(noReasons.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['reasons']);
  const tooLong = await extend(p.ppid, filed.number, { reasons: 'Arsip di gudang', days: 8 });
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['days']);
  expect((await extend(p.ppid, 'PMI-2026-99999', { reasons: 'x' })).status).toBe(404);

  const reasons = 'Informasi tersimpan di arsip inaktif kelurahan dan perlu ditelusuri';
  const ok = await extend(p.ppid, filed.number, { reasons, days: 5 });
  expect(ok.status).toBe(201);
  const calendar = await ppid().service('zones').calendarOf(null);
  const expected = extendNotice({ dueAt: new Date(filed.dueAt), extended: false }, { days: 5, reasons }, MONDAY, calendar);
  expect(expected.ok).toBe(true);
  expect(ok.body.data).toMatchObject({ number: filed.number, previousDueAt: filed.dueAt, dueAt: (expected as any).dueAt.toISOString(), days: 5, reasons });
  // Sealed: a record in the request type's gov: scope.
  const record = await ppid().service('records').byCode(ok.body.data.verificationCode);
  expect(record).toMatchObject({ kind: 'edit', decision: 'notice_extended', runId: `gov:${REQUEST}` });
  expect(record.signer.nama).toContain('PPID');

  const mail = await mailTo('siti@example.id', /Perpanjangan waktu pemberitahuan/);
  expect(mail.text).toContain('diperpanjang 5 hari kerja');
  expect(mail.text).toContain(reasons);

  const t = (await track(filed.number, 'siti@example.id')).body.data;
  expect(t).toMatchObject({ extended: true, dueAt: ok.body.data.dueAt, extension: { days: 5, reasons, originalDueAt: filed.dueAt } });

  const twice = await extend(p.ppid, filed.number, { reasons: 'lagi', days: 1 });
  expect(twice.status).toBe(409);
  expect(twice.body.error.details.reason).toBe('already_extended');
  filed.dueAt = ok.body.data.dueAt;
});

it('no extension after the original deadline (409)', async () => {
  const res = await file(body('lambat@example.id'));
  expect(res.status).toBe(201);
  setNow(new Date(new Date(res.body.dueAt).getTime() + 60_000));
  try {
    const late = await extend(p.ppid, res.body.number, { reasons: 'Terlambat' });
    expect(late.status).toBe(409);
    expect(late.body.error.details.reason).toBe('deadline_passed');
  } finally {
    setNow(MONDAY);
  }
  expect((await track(res.body.number, 'lambat@example.id')).body.data.extended).toBe(false);
});

it('the written notice: recorded at the decide step, the signature refused (409) without it, then sealed, rendered once, mailed, tracked', async () => {
  // SOP 101 steps 1-4 by the officials whose step it is.
  expect((await step(p.petugas, filed.number)).status).toBe(200); // 1 registration
  expect((await step(p.petugas, filed.number)).status).toBe(200); // 2 forwarding
  expect((await step(p.pelaksana, filed.number)).status).toBe(200); // 3 search and draft
  expect((await step(p.ppid, filed.number)).status).toBe(200); // 4 exclusion considered
  expect((await runOf(filed.number)).currentStep).toBe(5);

  // No outcome yet: the PPID's signature is refused, and the run stays at the decide step.
  const early = await step(p.ppid, filed.number);
  expect(early.status).toBe(409);
  expect(early.body.error.details.reason).toBe('notice_missing');
  expect(early.body.error.message).toMatch(/belum dicatat/);
  expect((await runOf(filed.number)).currentStep).toBe(5);

  // Recording it: the permission, then each field checked (400 naming it).
  const outcome = {
    held: true,
    decision: 'diberikan_sebagian',
    hurufPasal17: 'h',
    reason: 'Daftar memuat nomor induk kependudukan penerima (data pribadi)',
    redactions: [{ part: 'Kolom NIK penerima', reason: 'Data pribadi penerima bantuan' }],
    format: 'Softcopy PDF',
    cost: 0,
  };
  expect((await putNotice(p.pelaksana, filed.number, outcome)).status).toBe(403);
  const bad = await putNotice(p.ppid, filed.number, { ...outcome, hurufPasal17: undefined, redactions: [] });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['hurufPasal17', 'redactions']);
  const noTest = await putNotice(p.ppid, filed.number, { ...outcome, consequenceTest: 'tidak-ada' });
  expect(noTest.status).toBe(400);
  expect(noTest.body.error.details.errors[0].path).toEqual(['consequenceTest']);
  const rec = await putNotice(p.ppid, filed.number, outcome);
  expect(rec.status).toBe(200);
  expect(rec.body.data).toMatchObject({ number: filed.number, outcome: 'diberikan_sebagian' });
  // Nothing for the applicant before the signature.
  expect((await getPdf(`/api/ppid/requests/${filed.number}/notice`, 'siti@example.id')).status).toBe(404);
  expect((await track(filed.number, 'siti@example.id')).body.data.decision).toBeNull();

  const signed = await step(p.ppid, filed.number, { comment: 'Disetujui' });
  expect(signed.status).toBe(200);
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { number: filed.number } });
  expect(row).toMatchObject({ outcome: 'diberikan_sebagian' });
  expect(row.decidedAt).toBeTruthy();
  expect(row.noticePdf).toBeTruthy();
  // The signature record seals the notice's digest with the act.
  const record = await ppid().service('records').byCode(row.noticeCode);
  expect(record).toMatchObject({ kind: 'tanda_tangan', stepNumber: 5, itemDocumentId: row.documentId });
  expect(record.note).toContain('Disetujui');
  expect(record.note).toMatch(/Pemberitahuan tertulis: .* \(sha256 [0-9a-f]{64}\)/);

  const mail = await mailTo('siti@example.id', /Pemberitahuan tertulis permohonan/);
  expect(mail.text).toContain(filed.number);
  expect(mail.text).toContain('diterima sebagian');
  expect(mail.text).toContain(`/api/ppid/requests/${filed.number}/notice?email=`);

  const t = await track(filed.number, 'siti@example.id');
  expect(t.body.data).toMatchObject({ status: 'diputuskan', decision: { outcome: 'diberikan_sebagian', verificationCode: row.noticeCode } });
  expect(t.body.data.decision.noticeUrl).toMatch(new RegExp(`/api/ppid/requests/${filed.number}/notice$`));
  expect(JSON.stringify(t.body)).not.toContain('siti@example.id');

  expect((await getPdf(`/api/ppid/requests/${filed.number}/notice`, 'warga@example.id')).status).toBe(404);
  const pdf = await getPdf(`/api/ppid/requests/${filed.number}/notice`, 'siti@example.id');
  expect(pdf.status).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  expect(pdf.headers['cache-control']).toBe('no-store');
  // Stored once: the same bytes each time, the digest kept beside them.
  expect(createHash('sha256').update(pdf.body).digest('hex')).toBe(row.noticeSha256);
  const again = await getPdf(`/api/ppid/requests/${filed.number}/notice`, 'siti@example.id');
  expect(Buffer.compare(again.body, pdf.body)).toBe(0);
  const text = pdfText(pdf.body).replace(/[ \t]+/g, ' ');
  expect(text).toContain('PEMBERITAHUAN TERTULIS');
  expect(text).toContain(filed.number);
  expect(text).toContain('Pasal 17 huruf h');
  expect(text).toContain('Kolom NIK penerima');
  expect(text).toContain('Softcopy PDF');
  expect(text).toContain('PPID Kota Samarinda ppid');
  expect(text).toContain(row.noticeCode);
  expect(text).toContain('6472********0001');
  expect(text).not.toContain(NIK);
  // The stored notice is a PAdES signature of the body that poppler's pdfsig accepts, covering
  // the whole file; with the internal CA in an NSS database, the certificate is trusted.
  const sig = pdfsig(pdf.body);
  expect(sig).toMatch(/Signature Type: ETSI\.CAdES\.detached/);
  expect(sig).toMatch(/Signature Validation: Signature is Valid\./);
  expect(sig).toMatch(/^\s*- Total document signed$/m);
  expect(sig).toMatch(/TIDAK TERSERTIFIKASI/);
  expect(sig).toMatch(/Certificate Validation: Certificate is Trusted\./);
  expect((sig.match(/^Signature #/gm) ?? []).length).toBe(1);

  // Signed: the content can no longer change, nor the deadline.
  expect((await putNotice(p.ppid, filed.number, { held: true, decision: 'diberikan_seluruhnya', format: 'PDF' })).status).toBe(409);

  // Step 6, delivery by the Petugas Informasi: the run completes; tracking keeps the outcome.
  expect((await step(p.petugas, filed.number)).status).toBe(200);
  const done = (await track(filed.number, 'siti@example.id')).body.data;
  expect(done).toMatchObject({ status: 'selesai', decision: { outcome: 'diberikan_sebagian' } });

  // The chain and every run replayed from its records still verify.
  const report = await ppid().service('verification').verifyAll();
  expect(report.problems).toEqual([]);
});
