import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, peopleFor, Person } from '../helpers/people';
import { formatNoticeNumber, objectionDeadline } from '../../packages/strapi-plugin-ppid/server/src/core/requests';
import { localIsoDate } from '../../packages/strapi-plugin-ppid/server/src/core/calendar';
import { forwardActOf } from '../../packages/strapi-plugin-ppid/server/src/core/workflow/steps';

// The legal deadlines of #15 over real HTTP, a real database and a real SMTP server: reminders
// before the written notice's deadline (Pasal 22 ayat 7), the extended one (ayat 8) and the
// Atasan PPID's answer (Pasal 36 ayat 2), each sent once and once on breach, to the officials of
// the run's current step and the one who signs; the breaches in the registers and the annual
// report; the notice's letter number; the objection window from the notice's date; the
// objection form PDF. The officials act in their own SOP roles (never the Super Admin).
const KEY = Buffer.alloc(32, 21).toString('base64');
const SOP = 'pelayanan-permohonan-informasi';
const SOP_OBJ = 'penanganan-keberatan';
const REQUEST = 'plugin::ppid.information-request';
const OBJ = 'plugin::ppid.objection';
// Signatures carry the real time (the chain's), not the test clock: the requests are received
// on a Monday 09:00 WIB about two months back, so that the notices signed now are late.
const MONDAY = (() => {
  const day = localIsoDate(new Date(Date.now() - 60 * 86_400_000), 'Asia/Jakarta');
  const back = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = new Date(new Date(`${day}T00:00:00Z`).getTime() - back * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${monday}T09:00:00+07:00`);
})();
const YEAR = Number(localIsoDate(MONDAY, 'Asia/Jakarta').slice(0, 4));
const NOTICE_PATTERN = '{serial:3}/PPID/PT/{bulan:romawi}/{tahun}';
const MINUTE = 60_000;

type Mail = { to: string[]; subject: string; raw: string; text: string };
const mails: Mail[] = [];
let smtp: any;
let app: TestApp;
let p: Record<string, Person>;
let q: Record<string, Person>;
let officer: Record<string, string>;

const ppid = () => app.strapi.plugin('ppid');
const setNow = (d: Date) => ppid().service('clock').setNow(d);
const tick = (): Promise<{ near: number; breached: number }> => ppid().service('deadline-reminders').tick();
const json = (req: any, b: unknown) => req.set('Content-Type', 'application/json').send(JSON.stringify(b));
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const getPdf = (url: string, query: Record<string, string>, headers: Record<string, string> = {}) => app.http().get(url).set(headers).query(query).buffer(true).parse(binary);

const decodeQp = (s: string) =>
  Buffer.from(s.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
function subjectOf(raw: string): string {
  const unfolded = raw.replace(/\r\n[ \t]+/g, ' ');
  const s = /^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '';
  return s
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, v) => decodeQp(v.replace(/_/g, ' ')))
    .replace(/\?=\s+=\?UTF-8\?Q\?/gi, '');
}

function pdfText(pdf: Buffer): string {
  const f = path.join(os.tmpdir(), `ppid-deadlines-${process.pid}-${Date.now()}-${Math.random()}.pdf`);
  fs.writeFileSync(f, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  } finally {
    fs.unlinkSync(f);
  }
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
const mailTo = (to: string, subject: RegExp, extra: (m: Mail) => boolean = () => true) =>
  waitFor(() => mails.find((m) => m.to.includes(to) && subject.test(m.subject) && extra(m)), `mail to ${to} ${subject}`);

const body = (email: string, name: string) => ({
  applicant: { type: 'perorangan', name, address: 'Jl. Pahlawan No. 9, Samarinda', email, phone: '+62 813-2222-3333', identityNumber: '6472010202020004' },
  information: `Dokumen anggaran kelurahan 2025 (${name})`,
  purpose: 'Kajian warga',
  obtainBy: 'salinan_softcopy',
  deliverBy: 'email',
});

async function fileRequest(email: string, name: string) {
  const res = await json(app.http().post('/api/ppid/requests'), body(email, name));
  expect(res.status).toBe(201);
  return res.body as { number: string; receivedAt: string; dueAt: string };
}

async function runOf(uid: string, number: string) {
  const row = await app.strapi.db.query(uid).findOne({ where: { number } });
  return app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: uid, itemDocumentId: row.documentId }, populate: ['sop'] });
}

/** The forward act of the request run's current step, by `who` (password and intent when it signs). */
async function step(who: Person, number: string) {
  const run = await runOf(REQUEST, number);
  const s = run.sop.definition.steps[run.currentStep - 1];
  const sign = s.act === 'decide' ? { password: who.password, confirmIntent: true } : {};
  const res = await app.http().post(`/ppid/runs/${run.documentId}/acts`).set(bearer(who)).send({ act: forwardActOf(s), step: run.currentStep, ...sign });
  expect(res.status).toBe(200);
}

/** SOP 101 to its signed written notice, by the officials whose step each is. */
async function decide(number: string, notice: Record<string, unknown>) {
  await step(p.petugas, number);
  await step(p.petugas, number);
  await step(p.pelaksana, number);
  await step(p.ppid, number);
  const rec = await app.http().put(`/ppid/requests/${encodeURIComponent(number)}/notice`).set(bearer(p.ppid)).send(notice as any);
  expect(rec.status).toBe(200);
  await step(p.ppid, number);
  return app.strapi.db.query(REQUEST).findOne({ where: { number } });
}

async function legalNotices(number: string, event?: string) {
  const rows = await app.strapi.db.query('plugin::ppid.notification').findMany({ where: event ? { event } : { event: { $startsWith: 'legal_deadline' } }, orderBy: { id: 'asc' } });
  return rows.filter((r: any) => r.payload?.number === number);
}
const recipientIds = (rows: any[]) => [...new Set(rows.map((r) => Number(r.recipientId)))].sort((a, b) => a - b);

async function roleUser(name: string, actions: string[]) {
  const role = await app.strapi.service('admin::role').create({ name, description: '' });
  await app.strapi.service('admin::role').assignPermissions(role.id, actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })));
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.go.id`;
  const password = 'Rahasia-Register-123';
  await ppid().service('directory').ensureUser({ email, firstname: name, lastname: 'PPID', password, roles: [role.id] });
  return { Authorization: `Bearer ${await login(app, email, password)}` };
}

const R: Record<string, { number: string; receivedAt: string; dueAt: string }> = {};

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
        mails.push({ to: session.envelope.rcptTo.map((r: any) => r.address), raw, subject: subjectOf(raw), text: decodeQp(raw) });
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
  await ppid().service('directory').ensureRole(`${SOP}:ppid`, '', { write: [], read: [], plugin: ['requests.manage'] });
  p = await peopleFor(app, SOP, [
    { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID Kota' },
  ]);
  q = await peopleFor(app, SOP_OBJ, [
    { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Keberatan' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID Utama' },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah' },
  ]);
  officer = await roleUser('Petugas Register Tenggat', ['plugin::ppid.registers.read']);
  // Four requests received at the same moment: one left open (R1), one extended and answered
  // after the extended deadline (R2), two answered late without extension (R3, and R4:
  // information not held).
  R.open = await fileRequest('ani@example.id', 'Ani');
  R.extended = await fileRequest('budi@example.id', 'Budi');
  R.late = await fileRequest('citra@example.id', 'Citra');
  R.notHeld = await fileRequest('dedi@example.id', 'Dedi');
}, 240000);

afterAll(async () => {
  ppid()?.service('clock').setNow(null);
  await app?.stop();
  await new Promise((r) => smtp?.close(r));
});

let notHeldRow: any;

it('the notice gets its own letter number (nomor surat) at signing: on the PDF, in tracking; "not held" is its outcome', async () => {
  setNow(new Date(MONDAY.getTime() + 60 * MINUTE));
  notHeldRow = await decide(R.notHeld.number, { held: false, holder: 'Dinas Sosial Kota Samarinda', cost: 0 });
  expect(notHeldRow.outcome).toBe('tidak_dikuasai');
  // The first of the series of the year and month of the signature (e.g. 001/PPID/PT/XII/2026).
  const expected = formatNoticeNumber(NOTICE_PATTERN, { serial: 1, signedAt: new Date(notHeldRow.decidedAt), timeZone: 'Asia/Jakarta' });
  expect(expected).toMatch(/^001\/PPID\/PT\/[IVX]+\/\d{4}$/);
  expect(notHeldRow.noticeNumber).toBe(expected);
  const t = await app.http().get(`/api/ppid/requests/${R.notHeld.number}`).query({ email: 'dedi@example.id' });
  expect(t.body.data.decision).toMatchObject({ outcome: 'tidak_dikuasai', noticeNumber: expected });
  const pdf = await getPdf(`/api/ppid/requests/${R.notHeld.number}/notice`, { email: 'dedi@example.id' });
  expect(pdf.status).toBe(200);
  expect(pdfText(pdf.body)).toContain(`Nomor: ${expected}`);
  const mail = await mailTo('dedi@example.id', /Pemberitahuan tertulis permohonan/);
  expect(mail.text).toContain(expected);
});

it('reminders before the notice deadline and on its breach: once across passes, to the current step and the PPID, mailed in Bahasa Indonesia', async () => {
  const due = new Date(R.open.dueAt);
  expect(await tick()).toEqual({ near: 0, breached: 0 }); // 10 working days ahead: nothing yet
  // The extension of R2 is decided now, before any deadline (Pasal 22 ayat 8).
  const ext = await app.http().post(`/ppid/requests/${R.extended.number}/extension`).set(bearer(p.ppid)).send({ days: 3, reasons: 'Arsip tersimpan di gudang kecamatan' });
  expect(ext.status).toBe(201);
  R.extended.dueAt = ext.body.data.dueAt;

  setNow(new Date(due.getTime() - MINUTE)); // within the 2 working days before (the default)
  const near = await tick();
  expect(near.near).toBe(2); // R1 and R3 (same deadline); R2 is extended, R4 answered
  expect(await tick()).toEqual({ near: 0, breached: 0 }); // sent once
  const [n1] = await legalNotices(R.open.number, 'legal_deadline_near');
  expect(n1.payload).toMatchObject({ deadline: 'notice', dueAt: due.toISOString() });
  // The step's role (registration, Petugas Informasi) and the PPID who signs the notice.
  expect(recipientIds(await legalNotices(R.open.number))).toEqual([p.petugas.id, p.ppid.id].map(Number).sort((a, b) => a - b));
  expect(n1.title).toMatch(/^\[PPID\] Batas waktu undang-undang mendekat/);

  setNow(new Date(due.getTime() + MINUTE));
  // Two passes at once (as two instances would): the claim lets one through per reminder.
  const [a, b] = await Promise.all([tick(), tick()]);
  expect(a.breached + b.breached).toBe(2);
  expect(await tick()).toEqual({ near: 0, breached: 0 });
  const breached = await legalNotices(R.open.number, 'legal_deadline_breached');
  expect(breached).toHaveLength(2); // one per official, once
  const claims = await app.strapi.db.connection('ppid_legal_reminders').where({ document_id: (await app.strapi.db.query(REQUEST).findOne({ where: { number: R.open.number } })).documentId });
  expect(claims.map((c: any) => c.stage).sort()).toEqual(['breached', 'near']);

  await ppid().service('notifications').flushMail();
  const mail = await mailTo(p.ppid.email, /Batas waktu undang-undang terlampaui/, (m) => m.text.includes(R.open.number));
  expect(mail.text).toContain('Pasal 22 ayat (7)');
  expect(mail.text).toContain('telah melewati batas waktu');
  // Bahasa Indonesia first, English below.
  expect(mail.text.indexOf('telah melewati batas waktu')).toBeLessThan(mail.text.indexOf('passed on'));
});

it('an extension is a new deadline: reminded again as the extended notice (Pasal 22 ayat 8)', async () => {
  const due = new Date(R.extended.dueAt);
  setNow(new Date(due.getTime() - MINUTE));
  expect((await tick()).near).toBe(1);
  const [n] = await legalNotices(R.extended.number, 'legal_deadline_near');
  expect(n.payload).toMatchObject({ deadline: 'notice_extended', dueAt: due.toISOString() });
  expect(n.body).toContain('Pasal 22 ayat (8)');
});

it('an objection counts its 30 working days from the notice\'s date, not its deadline; a late one is refused saying why', async () => {
  const calendar = await ppid().service('zones').calendarOf(null);
  const fromNotice = objectionDeadline(new Date(notHeldRow.decidedAt), calendar);
  const fromDeadline = objectionDeadline(new Date(notHeldRow.dueAt), calendar);
  // R4's notice came after its deadline: the two readings differ, and the refusal names the notice's.
  expect(fromNotice.getTime()).toBeGreaterThan(fromDeadline.getTime());
  setNow(new Date(fromNotice.getTime() + MINUTE));
  const late = await json(app.http().post(`/api/ppid/requests/${R.notHeld.number}/objections`), { email: 'dedi@example.id', reasons: ['e'], statement: 'Informasi seharusnya dikuasai.' });
  expect(late.status).toBe(409);
  expect(late.body.error.details).toMatchObject({ reason: 'objection_late', deadline: fromNotice.toISOString() });
  expect(late.body.error.message).toMatch(/Pasal 36 ayat 1/);
});

let objection: { number: string; dueAt: string };

it('late answers and an open request past its deadline show in the registers and the annual report (with and without extension)', async () => {
  // R3 answered after its (unextended) deadline; R2 after its extended deadline (signed now).
  setNow(new Date());
  const grant = { held: true, decision: 'diberikan_seluruhnya', format: 'Softcopy PDF', cost: 0 };
  const lateRow = await decide(R.late.number, grant);
  const extRow = await decide(R.extended.number, grant);
  expect(new Date(lateRow.decidedAt).getTime()).toBeGreaterThan(new Date(R.late.dueAt).getTime());
  // The letter series runs per year of signing.
  expect(new Date(extRow.decidedAt).getTime()).toBeGreaterThan(new Date(R.extended.dueAt).getTime());
  expect(extRow.noticeNumber).toBe(formatNoticeNumber(NOTICE_PATTERN, { serial: 3, signedAt: new Date(extRow.decidedAt), timeZone: 'Asia/Jakarta' }));

  const report = await app.http().get(`/ppid/reports/annual/${YEAR}`).set(officer);
  expect(report.status).toBe(200);
  expect(report.body.data.requests).toMatchObject({
    total: 4,
    answered: 3,
    pending: 1,
    withinTime: 0,
    late: 3,
    lateWithoutExtension: 2,
    lateAfterExtension: 1,
    openPastDeadline: 1,
    extended: 1,
    granted: 2,
    refused: 0,
    notHeld: 1,
  });
  const pdf = await getPdf(`/ppid/reports/annual/${YEAR}`, { format: 'pdf' }, officer);
  expect(pdf.status).toBe(200);
  const text = pdfText(pdf.body);
  expect(text).toContain('Melewati batas setelah perpanjangan (Pasal 22 ayat 8)');
  expect(text).toContain('Informasi tidak dikuasai (Pasal 22 ayat 7 huruf a)');

  const reg = await app.http().get('/ppid/registers/permohonan').query({ year: YEAR }).set(officer);
  expect(reg.status).toBe(200);
  const row = (n: string) => reg.body.data.find((r: any) => r.nomor === n);
  expect(row(R.open.number).status).toBe('Dalam proses; melewati batas waktu');
  expect(row(R.late.number).keterangan).toMatch(/Melewati batas waktu \d{4}-\d{2}-\d{2} \(Pasal 22 ayat 7\)/);
  expect(row(R.extended.number).keterangan).toMatch(/Melewati batas waktu \d{4}-\d{2}-\d{2} \(setelah perpanjangan\) \(Pasal 22 ayat 8\)/);
  expect(row(R.extended.number).keterangan).toContain(`Nomor surat pemberitahuan: ${extRow.noticeNumber}`);
  expect(row(R.notHeld.number)).toMatchObject({ status: 'Informasi tidak dikuasai' });
  expect(row(R.notHeld.number).keterangan).toContain(`Nomor surat pemberitahuan: ${notHeldRow.noticeNumber}`);
});

it('the objection form (formulir keberatan): mailed on filing, downloadable by its applicant only (404 for another e-mail)', async () => {
  setNow(new Date(new Date(R.extended.dueAt).getTime() + 30 * MINUTE)); // within R1's window (from its deadline: unanswered)
  const res = await json(app.http().post(`/api/ppid/requests/${R.open.number}/objections`), {
    email: 'ani@example.id',
    reasons: ['c', 'g'],
    statement: 'Permohonan saya tidak ditanggapi sampai batas waktu.',
  });
  expect(res.status).toBe(201);
  objection = res.body;
  const url = `/api/ppid/requests/${R.open.number}/objections/${objection.number}/form`;
  expect((await getPdf(url, { email: 'budi@example.id' })).status).toBe(404);
  expect((await getPdf(`/api/ppid/requests/${R.late.number}/objections/${objection.number}/form`, { email: 'ani@example.id' })).status).toBe(404);
  const pdf = await getPdf(url, { email: 'Ani@Example.id' });
  expect(pdf.status).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  expect(pdf.headers['cache-control']).toBe('no-store');
  const text = pdfText(pdf.body);
  expect(text).toContain('FORMULIR KEBERATAN');
  expect(text).toContain(objection.number);
  expect(text).toContain(R.open.number);
  expect(text).toContain('Tidak ditanggapinya permintaan informasi');
  expect(text).toContain('Permohonan saya tidak ditanggapi sampai batas waktu.');
  expect(text).toContain('6472********0004');
  expect(text).not.toContain('6472010202020004');
  expect(text).not.toContain('2222-3333');

  const mail = await mailTo('ani@example.id', /Tanda bukti penerimaan keberatan/);
  expect(mail.text).toContain(objection.number);
  expect(mail.raw).toMatch(/filename="?formulir-keberatan-/);
  expect(mail.raw).toMatch(/Content-Type: application\/pdf/);
});

it("the Atasan PPID's answer due (Pasal 36 ayat 2): reminded to the step's officials and the Atasan PPID, once; breached in the report", async () => {
  const due = new Date(objection.dueAt);
  setNow(new Date(due.getTime() - MINUTE));
  expect((await tick()).near).toBe(1);
  setNow(new Date(due.getTime() + MINUTE));
  expect((await tick()).breached).toBe(1);
  expect(await tick()).toEqual({ near: 0, breached: 0 });
  const rows = await legalNotices(objection.number);
  expect(rows.map((r: any) => r.event).sort()).toEqual(['legal_deadline_breached', 'legal_deadline_breached', 'legal_deadline_near', 'legal_deadline_near']);
  expect(recipientIds(rows)).toEqual([q.petugas.id, q.atasan.id].map(Number).sort((a, b) => a - b));
  expect(rows[0].payload).toMatchObject({ deadline: 'objection_answer' });
  expect(rows[0].body).toContain('Pasal 36 ayat (2)');

  // The report of the year the objection was received in.
  const stored = await app.strapi.db.query(OBJ).findOne({ where: { number: objection.number } });
  const year = Number(localIsoDate(new Date(stored.receivedAt), 'Asia/Jakarta').slice(0, 4));
  const r = await app.http().get(`/ppid/reports/annual/${year}`).set(officer);
  expect(r.body.data.objections).toMatchObject({ total: 1, answered: 0, pending: 1, openPastDeadline: 1, answeredLate: 0 });
  const reg = await app.http().get('/ppid/registers/keberatan').query({ year }).set(officer);
  expect(reg.body.data.find((x: any) => x.nomor === objection.number).keterangan).toBe('Belum ditanggapi; melewati batas waktu (Pasal 36 ayat 2)');
});
