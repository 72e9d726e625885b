import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';
import { komisiInformasiDeadline } from '../../packages/strapi-plugin-ppid/server/src/core/requests';

// Objections (#15): the Atasan PPID's written answer (UU 14/2008 Pasal 36 ayat 2) recorded before
// signing, signed at step 4 of SOP 102 by the official whose step it is (password + intent), the
// answer PDF rendered once and stored, mailed to the applicant through a real SMTP server,
// tracking with the 14-working-day Komisi Informasi deadline (Pasal 37 ayat 2), and the dispute.
const KEY = Buffer.alloc(32, 12).toString('base64');
const SOP = 'penanganan-keberatan';
const OBJ = 'plugin::ppid.objection';
const EMAIL = 'rahmat@example.id';

type Mail = { to: string[]; raw: string };
const mails: Mail[] = [];
let smtp: any;
let app: TestApp;
let p: Record<string, Person>;
let requestNumber: string;
let objection: { number: string; receivedAt: string; dueAt: string };
let runId: string;

const ppid = () => app.strapi.plugin('ppid');
const setNow = (d: Date | null) => ppid().service('clock').setNow(d);
const json = (req: any, b: unknown) => req.set('Content-Type', 'application/json').send(JSON.stringify(b));
const track = (email = EMAIL) => app.http().get(`/api/ppid/requests/${encodeURIComponent(requestNumber)}`).query({ email });
const act = (who: Person, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const answer = (who: Person, b: unknown, id = objection.number) => app.http().put(`/ppid/objections/${encodeURIComponent(id)}/answer`).set(bearer(who)).send(b as object);
const runRow = () => app.strapi.db.query('plugin::ppid.run').findOne({ where: { documentId: runId } });
const binary = (res: any, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
/** The PDF's text as pdftotext reads it, whitespace collapsed. */
function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-keb-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', [path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
async function waitFor<T>(probe: () => T | undefined | null | false, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
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
  // Monday 7 December 2026, 09:00 WIB.
  setNow(new Date('2026-12-07T02:00:00Z'));
  p = await peopleFor(app, SOP, [
    { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID Utama' },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah' },
  ]);
  // The PPID prepares the answer: the plugin permission to record it (the Atasan PPID signs only).
  await ppid().service('directory').ensureRole(`${SOP}:ppid`, '', { write: [], read: [], plugin: ['objections.manage'] }, { converge: true });

  const filed = await json(app.http().post('/api/ppid/requests'), {
    applicant: { type: 'perorangan', name: 'Rahmat Hidayat', address: 'Jl. Pelabuhan No. 5, Samarinda', email: EMAIL, phone: '+62 811-555-0101', identityNumber: '6472010101010003' },
    information: 'Daftar penerima bantuan sosial Kecamatan Palaran 2026',
    purpose: 'Pengawasan masyarakat',
    obtainBy: 'salinan_softcopy',
    deliverBy: 'email',
  });
  expect(filed.status).toBe(201);
  requestNumber = filed.body.number;
  const objected = await json(app.http().post(`/api/ppid/requests/${encodeURIComponent(requestNumber)}/objections`), {
    email: EMAIL,
    reasons: ['a'],
    statement: 'Permohonan saya ditolak dengan alasan Pasal 17 tanpa uji konsekuensi.',
  });
  expect(objected.status).toBe(201);
  objection = objected.body;
  const row = await app.strapi.db.query(OBJ).findOne({ where: { number: objection.number } });
  const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: OBJ, itemDocumentId: row.documentId } });
  runId = run.documentId;
}, 240000);

afterAll(async () => {
  ppid()?.service('clock').setNow(null);
  await app?.stop();
  await new Promise((r) => smtp?.close(r));
});

it('the officials walk SOP 102 to the Atasan PPID; signing without a recorded answer is refused (409)', async () => {
  expect((await act(p.petugas, { act: 'submit', step: 1 })).status).toBe(200);
  expect((await act(p.petugas, { act: 'handover', step: 2 })).status).toBe(200);
  expect((await act(p.ppid, { act: 'submit', step: 3 })).status).toBe(200);
  expect(await runRow()).toMatchObject({ currentStep: 4, currentRole: 'atasan-ppid' });

  // At the Atasan PPID's step the content is locked: the answer cannot be written in (409, nothing kept).
  const locked = await answer(p.ppid, { decision: 'menguatkan', reasons: 'Informasi dikecualikan' });
  expect(locked.status).toBe(409);
  expect((await app.strapi.db.query(OBJ).findOne({ where: { number: objection.number } })).answerDecision).toBeNull();

  const sign = await act(p.atasan, { act: 'approve', step: 4, password: p.atasan.password, confirmIntent: true });
  expect(sign.status).toBe(409);
  expect(sign.body.error.details.reason).toBe('objection_answer_missing');
  expect(sign.body.error.message).toMatch(/Tanggapan tertulis belum dicatat/);
  // Nothing moved, nothing sealed at step 4.
  expect(await runRow()).toMatchObject({ currentStep: 4 });
  expect(await app.strapi.db.query('plugin::ppid.signature-record').count({ where: { runDocumentId: runId, stepNumber: 4 } })).toBe(0);

  // The Atasan PPID sends it back to the PPID to draft the answer (SOP 102 step 4 returnTo 3).
  expect((await act(p.atasan, { act: 'return', step: 4, comment: 'Siapkan draf tanggapan tertulis' })).status).toBe(200);
  expect(await runRow()).toMatchObject({ currentStep: 3, currentRole: 'ppid' });
});

it('the answer is recorded before signing: 400 naming the field, 403 without the permission, 404 unknown', async () => {
  const bad = await answer(p.ppid, { decision: 'menguatkan' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['reasons']);
  const bad2 = await answer(p.ppid, { decision: 'membatalkan', signer: 'Bupati' });
  expect(bad2.status).toBe(400);
  expect(bad2.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['signer', 'followUp']);
  // The Atasan PPID's role does not hold objections.manage (only the PPID's was given it).
  expect((await answer(p.atasan, { decision: 'menguatkan', reasons: 'x' })).status).toBe(403);
  expect((await answer(p.ppid, { decision: 'menguatkan', reasons: 'x' }, 'KEB-1999-00009')).status).toBe(404);

  const ok = await answer(p.ppid, {
    decision: 'menguatkan',
    reasons: 'Daftar penerima memuat data pribadi yang dikecualikan (UU 14/2008 Pasal 17 huruf h); uji konsekuensi telah dilakukan.',
    followUp: 'Pemohon dapat memperoleh rekapitulasi jumlah penerima per kelurahan.',
  });
  expect(ok.status).toBe(200);
  expect(ok.body.data).toMatchObject({ number: objection.number, status: 'diproses', answer: { decision: 'menguatkan', answeredAt: null } });
  // Recorded as an edit of the run (sealed), then the PPID hands it on.
  expect(await app.strapi.db.query('plugin::ppid.signature-record').count({ where: { runDocumentId: runId, kind: 'edit' } })).toBe(1);
  expect((await act(p.ppid, { act: 'submit', step: 3 })).status).toBe(200);
  // The tracking page shows no answer yet.
  const t = await track();
  expect(t.body.data.objections[0]).toMatchObject({ status: 'diproses', answer: null, komisiInformasi: null });
});

let signedAt: string;
it('the Atasan PPID signs (password + intent): the answer PDF is rendered once, stored, and mailed to the applicant', async () => {
  // Wednesday 23 December 2026, 10:00 WIB.
  setNow(new Date('2026-12-23T03:00:00Z'));
  const noIntent = await act(p.atasan, { act: 'approve', step: 4, password: p.atasan.password });
  expect(noIntent.status).toBe(400);
  const sign = await act(p.atasan, { act: 'approve', step: 4, password: p.atasan.password, confirmIntent: true });
  expect(sign.status).toBe(200);
  expect(await runRow()).toMatchObject({ currentStep: 5, currentRole: 'petugas-informasi' });
  const record = sign.body.data.written.find((r: any) => r.kind === 'tanda_tangan');
  expect(record.signer).toMatchObject({ jabatan: 'Sekretaris Daerah' });
  signedAt = record.signedAt;

  const row = await app.strapi.db.query(OBJ).findOne({ where: { number: objection.number } });
  expect(new Date(row.answeredAt).toISOString()).toBe(new Date(signedAt).toISOString());
  expect(row.answerSigner).toMatchObject({ nama: 'Sekretaris Daerah atasan', jabatan: 'Sekretaris Daerah', verificationCode: record.verificationCode });
  const pdf = Buffer.from(row.answerPdf, 'base64');
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // Stored PAdES-signed by the body (issue #13): pdfsig finds one valid signature over the whole file.
  const sigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-answer-sig-'));
  try {
    fs.writeFileSync(path.join(sigDir, 'a.pdf'), pdf);
    const sig = execFileSync('pdfsig', ['-nocert', path.join(sigDir, 'a.pdf')], { encoding: 'utf8' });
    expect(sig).toMatch(/Signature Type: ETSI\.CAdES\.detached/);
    expect(sig).toMatch(/Signature Validation: Signature is Valid\./);
    expect(sig).toMatch(/^\s*- Total document signed$/m);
  } finally {
    fs.rmSync(sigDir, { recursive: true, force: true });
  }
  const text = pdfText(pdf);
  expect(text).toContain('TANGGAPAN TERTULIS ATASAN PPID ATAS KEBERATAN');
  expect(text).toContain(objection.number);
  expect(text).toContain(requestNumber);
  expect(text).toContain('MENGUATKAN PUTUSAN PPID');
  expect(text).toContain('Pasal 17 huruf h');
  expect(text).toContain('rekapitulasi jumlah penerima');
  expect(text).toContain('Sekretaris Daerah atasan');
  expect(text).toContain(record.verificationCode);
  expect(text).toMatch(/14 \(empat belas\) hari kerja/);
  expect(text).not.toContain('6472010101010003');

  // The mail, through the real SMTP server, with the PDF attached.
  // The applicant also gets the request's receipt; this is the answer's mail.
  const mail = await waitFor(() => mails.find((m) => m.to.includes(EMAIL) && /Tanggapan atas keberatan/.test(m.raw)), 'the answer mail');
  expect(mail.raw).toMatch(/Subject: \[PPID\] Tanggapan atas keberatan/);
  expect(mail.raw).toContain(objection.number);
  expect(mail.raw).toMatch(/application\/pdf/);
  // Marked mailed once the SMTP server took it (after the act's commit).
  for (let i = 0; i < 200 && !(await app.strapi.db.query(OBJ).findOne({ where: { number: objection.number } })).answerMailedAt; i++) await new Promise((r) => setTimeout(r, 25));
  expect((await app.strapi.db.query(OBJ).findOne({ where: { number: objection.number } })).answerMailedAt).toBeTruthy();

  // Rendered once: later acts do not touch it, and the run goes on (the stamp is not signed content).
  expect((await act(p.petugas, { act: 'handover', step: 5 })).status).toBe(200);
  expect((await runRow()).status).toBe('completed');
  const after = await app.strapi.db.query(OBJ).findOne({ where: { number: objection.number } });
  expect(after.answerPdfSha256).toBe(row.answerPdfSha256);
  // A signed answer can no longer change.
  expect((await answer(p.ppid, { decision: 'membatalkan', followUp: 'x' })).status).toBe(409);
  const report = await ppid().service('verification').verifyAll();
  expect(report.problems).toEqual([]);
});

it('tracking shows the answer, the PDF link (applicant only, no-store) and the 14-working-day Komisi Informasi deadline', async () => {
  const t = await track(' Rahmat@Example.id ');
  expect(t.status).toBe(200);
  const o = t.body.data.objections[0];
  const calendar = await ppid().service('zones').calendarOf(null);
  const deadline = komisiInformasiDeadline(new Date(signedAt), calendar).toISOString();
  expect(o).toMatchObject({
    number: objection.number,
    status: 'dijawab',
    answer: { decision: 'menguatkan', answeredAt: new Date(signedAt).toISOString(), signedBy: { nama: 'Sekretaris Daerah atasan', jabatan: 'Sekretaris Daerah' } },
    komisiInformasi: { deadline, basis: 'answered' },
    dispute: null,
  });
  expect(o.komisiInformasi.message).toMatch(/Pasal 37 ayat 2/);
  expect(JSON.stringify(t.body)).not.toContain(EMAIL);

  const url = o.answer.document;
  expect(url).toBe(`/api/ppid/requests/${requestNumber}/objections/${objection.number}/answer`);
  const pdf = await app.http().get(url).query({ email: EMAIL }).buffer(true).parse(binary);
  expect(pdf.status).toBe(200);
  expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
  expect(pdf.headers['cache-control']).toBe('no-store');
  const row = await app.strapi.db.query(OBJ).findOne({ where: { number: objection.number } });
  expect((pdf.body as Buffer).equals(Buffer.from(row.answerPdf, 'base64'))).toBe(true);
  expect((await app.http().get(url).query({ email: 'orang.lain@example.id' })).status).toBe(404);
  expect((await app.http().get(url)).status).toBe(404);
  expect((await app.http().get(`/api/ppid/requests/PMI-2026-99999/objections/${objection.number}/answer`).query({ email: EMAIL })).status).toBe(404);
});

it('the dispute before the Komisi Informasi is recorded (sealed), then its outcome, and shown on tracking', async () => {
  const dispute = (b: unknown, who = p.ppid) => app.http().put(`/ppid/objections/${objection.number}/dispute`).set(bearer(who)).send(b as object);
  const outcome = (b: unknown) => app.http().put(`/ppid/objections/${objection.number}/dispute/outcome`).set(bearer(p.ppid)).send(b as object);
  // 4 January 2027.
  setNow(new Date('2027-01-04T03:00:00Z'));
  expect((await outcome({ kind: 'putusan', date: '2027-01-04', summary: 'x' })).body.error.details.reason).toBe('dispute_not_filed');
  const bad = await dispute({ filedAt: '2027-01-05' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['filedAt', 'registerNumber']);
  expect((await dispute({ filedAt: '2027-01-04', registerNumber: 'x' }, p.atasan)).status).toBe(403);
  const ok = await dispute({ filedAt: '2027-01-04', registerNumber: '003/I/KI-KT-PS/2027' });
  expect(ok.status).toBe(200);
  expect(ok.body.data.dispute).toMatchObject({ filedAt: '2027-01-04', registerNumber: '003/I/KI-KT-PS/2027', recordedBy: { jabatan: 'PPID Utama' }, outcome: null });
  expect((await dispute({ filedAt: '2027-01-04', registerNumber: 'lain' })).status).toBe(409);

  setNow(new Date('2027-02-15T03:00:00Z'));
  const early = await outcome({ kind: 'mediasi', date: '2027-01-03', summary: 'Sepakat' });
  expect(early.status).toBe(400);
  expect(early.body.error.details.errors[0].path).toEqual(['date']);
  const done = await outcome({ kind: 'mediasi', date: '2027-02-12', summary: 'Para pihak sepakat: rekapitulasi per kelurahan diberikan.' });
  expect(done.status).toBe(200);
  expect((await outcome({ kind: 'putusan', date: '2027-02-12', summary: 'x' })).status).toBe(409);

  // Auditable: both are sealed records in the objection type's scope, and the chain verifies.
  const records = await app.strapi.db.query('plugin::ppid.signature-record').findMany({ where: { itemUid: OBJ, kind: 'complete' } });
  expect(records.map((r: any) => r.body.decision).sort()).toEqual(['sengketa_diajukan', 'sengketa_mediasi']);
  expect((await ppid().service('verification').verifyAll()).problems).toEqual([]);

  const o = (await track()).body.data.objections[0];
  expect(o.dispute).toEqual({
    filedAt: '2027-01-04',
    registerNumber: '003/I/KI-KT-PS/2027',
    outcome: { kind: 'mediasi', kindLabel: expect.any(String), date: '2027-02-12', summary: 'Para pihak sepakat: rekapitulasi per kelurahan diberikan.' },
  });
  // The officials' view.
  const view = await app.http().get(`/ppid/objections/${objection.number}`).set(bearer(p.ppid));
  expect(view.status).toBe(200);
  expect(view.body.data).toMatchObject({ status: 'dijawab', answer: { decision: 'menguatkan' }, dispute: { outcome: { kind: 'mediasi' } } });
});

it('no answer within 30 working days: tracking says the applicant may go to the Komisi Informasi', async () => {
  setNow(new Date('2027-02-15T03:00:00Z'));
  const filed = await json(app.http().post('/api/ppid/requests'), {
    applicant: { type: 'perorangan', name: 'Rahmat Hidayat', address: 'Jl. Pelabuhan No. 5, Samarinda', email: EMAIL, phone: '+62 811-555-0101', identityNumber: '6472010101010003' },
    information: 'Rencana kerja Kecamatan Palaran 2027',
    purpose: 'Pengawasan masyarakat',
    obtainBy: 'salinan_softcopy',
    deliverBy: 'email',
  });
  expect(filed.status).toBe(201);
  requestNumber = filed.body.number;
  const res = await json(app.http().post(`/api/ppid/requests/${encodeURIComponent(requestNumber)}/objections`), {
    email: EMAIL,
    reasons: ['g'],
    statement: 'Penyampaian informasi melebihi waktu.',
  });
  expect(res.status).toBe(201);
  const before = (await track()).body.data.objections.find((o: any) => o.number === res.body.number);
  expect(before).toMatchObject({ status: 'diproses', komisiInformasi: null });
  // A dispute cannot be recorded before the answer or its deadline (409).
  expect((await app.http().put(`/ppid/objections/${res.body.number}/dispute`).set(bearer(p.ppid)).send({ filedAt: '2027-02-15', registerNumber: 'x' })).status).toBe(409);
  setNow(new Date(new Date(res.body.dueAt).getTime() + 60_000));
  const after = (await track()).body.data.objections.find((o: any) => o.number === res.body.number);
  const calendar = await ppid().service('zones').calendarOf(null);
  expect(after).toMatchObject({
    status: 'tidak_dijawab',
    answer: null,
    komisiInformasi: { basis: 'unanswered', deadline: komisiInformasiDeadline(new Date(res.body.dueAt), calendar).toISOString() },
  });
  expect(after.komisiInformasi.message).toMatch(/30 hari kerja/);
});

it('overturning, with the mail server failing: the act still succeeds, the failure is logged, the PDF is served', async () => {
  // The second request's objection (previous test), walked through SOP 102 by its officials.
  const row = await app.strapi.db.query(OBJ).findOne({ where: { request: { number: requestNumber } } });
  const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: OBJ, itemDocumentId: row.documentId } });
  runId = run.documentId;
  expect((await act(p.petugas, { act: 'submit', step: 1 })).status).toBe(200);
  expect((await act(p.petugas, { act: 'handover', step: 2 })).status).toBe(200);
  const overturn = await answer(p.ppid, { decision: 'membatalkan', reasons: 'Informasi berkala wajib tersedia setiap saat.', followUp: 'Rencana kerja 2027 dikirim melalui e-mail paling lambat 3 hari kerja.' }, row.number);
  expect(overturn.status).toBe(200);
  expect((await act(p.ppid, { act: 'submit', step: 3 })).status).toBe(200);

  const email = app.strapi.plugin('email').service('email');
  const original = email.send;
  const errors: string[] = [];
  const log = app.strapi.log.error;
  email.send = async () => {
    throw new Error('SMTP down');
  };
  app.strapi.log.error = ((m: unknown) => void errors.push(String(m))) as any;
  const answerMails = () => mails.filter((m) => /Tanggapan atas keberatan/.test(m.raw)).length;
  const before = answerMails();
  try {
    const sign = await act(p.atasan, { act: 'approve', step: 4, password: p.atasan.password, confirmIntent: true });
    expect(sign.status).toBe(200);
    await waitFor(() => errors.find((e) => e.includes(row.number)), 'the logged mail failure');
  } finally {
    email.send = original;
    app.strapi.log.error = log;
  }
  expect(errors.find((e) => e.includes(row.number))).toMatch(/SMTP down/);
  expect(answerMails()).toBe(before);
  const after = await app.strapi.db.query(OBJ).findOne({ where: { id: row.id } });
  expect(after.answeredAt).toBeTruthy();
  expect(after.answerMailedAt).toBeNull();
  const text = pdfText(Buffer.from(after.answerPdf, 'base64'));
  expect(text).toContain('MEMBATALKAN PUTUSAN PPID');
  expect(text).toContain('Rencana kerja 2027 dikirim');
  const o = (await track()).body.data.objections.find((x: any) => x.number === row.number);
  expect(o).toMatchObject({ status: 'dijawab', answer: { decision: 'membatalkan' }, komisiInformasi: { basis: 'answered' } });
  expect((await app.http().get(o.answer.document).query({ email: EMAIL })).status).toBe(200);
});
