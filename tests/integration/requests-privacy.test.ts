import fs from 'fs';
import os from 'os';
import http from 'http';
import crypto from 'crypto';
import type { AddressInfo } from 'net';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, peopleFor, Person } from '../helpers/people';
import { requestServiceGrants } from '../../packages/strapi-plugin-ppid/server/src/core/requests/role-grants';

// Applicants' identity documents for officials (#15): the scan only with requests.personal-data
// (the Petugas Informasi's), masked otherwise; every read and refused attempt in the log the
// auditor lists; the scans of closed cases deleted by the retention job (never while an
// objection runs); the public doors refuse an oversize upload before a byte reaches the temp
// folder. One boot; officials are SOP roles with the service's grants (core/requests/role-grants.ts).
const KEY = Buffer.alloc(32, 33).toString('base64');
const SOP = 'pelayanan-permohonan-informasi';
const REQUEST = 'plugin::ppid.information-request';
const MAX_SCAN = 64 * 1024;
const DAY = 24 * 60 * 60 * 1000;
const NIK = '6472010202020004';

let app: TestApp;
let p: Record<string, Person>;
let auditor: Record<string, string>;
const ppid = () => app.strapi.plugin('ppid');
const knex = () => app.strapi.db.connection;

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const MARKER = `KTP-${crypto.randomBytes(6).toString('hex')}`;
const scan = Buffer.concat([PNG_1x1, Buffer.from(MARKER), crypto.randomBytes(4096)]);

let ip = 1;
const body = (email: string) => ({
  applicant: { type: 'perorangan', name: 'Dewi Lestari', address: 'Jl. Cendana No. 3, Sangatta', email, phone: '+62 812-7777-0404', identityNumber: NIK },
  information: 'Rekapitulasi formasi CPNS BKPSDM Kutai Timur 2026',
  purpose: 'Kajian kebijakan',
  obtainBy: 'salinan_softcopy',
  deliverBy: 'email',
});
async function file(email: string, withScan = true): Promise<{ number: string; documentId: string }> {
  const r = app.http().post('/api/ppid/requests').set('X-Forwarded-For', `192.0.2.${ip++}`).field('data', JSON.stringify(body(email)));
  const res = await (withScan ? r.attach('identityScan', scan, { filename: 'ktp.png', contentType: 'image/png' }) : r);
  expect(res.status).toBe(201);
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { number: res.body.number } });
  return { number: res.body.number, documentId: row.documentId };
}
const getScan = (who: Record<string, string>, id: string) =>
  app.http().get(`/ppid/requests/${encodeURIComponent(id)}/identity-scan`).set(who).set('User-Agent', 'UjiPrivasi/1.0').buffer(true).parse((res: any, cb: any) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
const logOf = (documentId: string) => knex()('ppid_personal_data_log').where({ request_document_id: documentId }).orderBy('id', 'asc');

async function roleUser(name: string, plugin: string[]) {
  const dir = ppid().service('directory');
  const role = await dir.ensureRole(name, '', { write: [], read: [], plugin }, { converge: true });
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.go.id`;
  await dir.ensureUser({ email, firstname: name, lastname: 'Uji', password: 'Rahasia-Privasi-123', roles: [role.id] });
  return { Authorization: `Bearer ${await login(app, email, 'Rahasia-Privasi-123')}` };
}

beforeAll(async () => {
  app = await startApp({ PPID_PERSONAL_DATA_KEY: KEY, TRUST_PROXY: 'true', PPID_IDENTITY_SCAN_MAX_BYTES: String(MAX_SCAN), PPID_RATE_LIMIT_FILE: 'off' });
  p = await peopleFor(app, SOP, [
    { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID' },
    { key: 'atasan', sopRoles: [], jabatan: 'Atasan PPID' },
  ]);
  // The service's grants, as the demo seed gives them (tested there by logging in as the seeded officials).
  const dir = ppid().service('directory');
  for (const [key, roleKey] of [['petugas', 'petugas-informasi'], ['ppid', 'ppid'], ['atasan', 'atasan-ppid']]) {
    await dir.ensureRole(`${SOP}:${key}`, '', { write: [], read: [], plugin: requestServiceGrants(roleKey) }, { converge: true });
  }
  // The inspectorate's auditor: the log carries officials' addresses, as signature records do.
  auditor = await roleUser('Auditor Inspektorat', ['records.personal-data']);
}, 240000);
afterAll(async () => {
  ppid()?.service('clock').setNow(null);
  await app?.stop();
});

describe('the identity scan for officials', () => {
  let r: { number: string; documentId: string };
  beforeAll(async () => {
    r = await file('dewi@example.id');
  });

  it('the Petugas Informasi (requests.personal-data) gets the decrypted file as an attachment, never cached; the read is logged', async () => {
    const res = await getScan(bearer(p.petugas), r.number);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="identitas-${r.number.replace(/[^A-Za-z0-9._-]+/g, '-')}.png"`);
    expect(Buffer.compare(res.body, scan)).toBe(0);
    const log = await logOf(r.documentId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ subject: 'identity-scan', outcome: 'read', request_number: r.number, user_id: p.petugas.id, user_email: p.petugas.email, user_agent: 'UjiPrivasi/1.0' });
    expect(log[0].ip).toBeTruthy();
    expect(log[0].detail).toBe(`image/png, ${scan.length} bytes`);
  });

  it('the PPID (requests.manage, no requests.personal-data) and the Atasan PPID are refused with the reason; each attempt is logged', async () => {
    const before = (await logOf(r.documentId)).length;
    const ppidRes = await getScan(bearer(p.ppid), r.documentId);
    expect(ppidRes.status).toBe(403);
    const err = JSON.parse(ppidRes.body.toString('utf8')).error;
    expect(err.details).toEqual({ reason: 'personal_data_permission', permission: 'plugin::ppid.requests.personal-data' });
    expect(err.message).toContain('requests.personal-data');
    expect(ppidRes.body.includes(Buffer.from(MARKER))).toBe(false);
    const atasan = await getScan(bearer(p.atasan), r.number);
    expect(atasan.status).toBe(403);
    expect(JSON.parse(atasan.body.toString('utf8')).error.details.permission).toBe('plugin::ppid.requests.manage');
    const log = (await logOf(r.documentId)).slice(before);
    expect(log.map((l: any) => [l.outcome, l.reason, l.user_email])).toEqual([
      ['refused', 'missing requests.personal-data', p.ppid.email],
      ['refused', 'missing requests.manage', p.atasan.email],
    ]);
    // Unknown numbers: 404 for holders, the same 403 for others (no guessing which exist).
    expect((await getScan(bearer(p.petugas), 'PMI-1999-00001')).status).toBe(404);
    expect((await getScan(bearer(p.atasan), 'PMI-1999-00001')).status).toBe(403);
  });

  it('the request detail masks the identity number without requests.personal-data; the full number is a logged read', async () => {
    const masked = await app.http().get(`/ppid/requests/${r.number}/applicant`).set(bearer(p.ppid));
    expect(masked.status).toBe(200);
    expect(masked.body.data).toMatchObject({ number: r.number, name: 'Dewi Lestari', identityNumber: '6472********0004', masked: true, identityScan: { present: true, mime: 'image/png', readable: false } });
    expect(JSON.stringify(masked.body)).not.toContain(NIK);
    expect(masked.body.data.email).not.toBe('dewi@example.id');
    const before = (await logOf(r.documentId)).length;
    const full = await app.http().get(`/ppid/requests/${r.number}/applicant`).set(bearer(p.petugas));
    expect(full.body.data).toMatchObject({ identityNumber: NIK, masked: false, email: 'dewi@example.id', identityScan: { present: true, readable: true } });
    const log = (await logOf(r.documentId)).slice(before);
    expect(log.map((l: any) => [l.subject, l.outcome, l.user_email])).toEqual([['identity-number', 'read', p.petugas.email]]);
    // The Atasan PPID does not handle requests: 403 by the route's permission.
    expect((await app.http().get(`/ppid/requests/${r.number}/applicant`).set(bearer(p.atasan))).status).toBe(403);
  });

  it('a request without a scan: 404 saying so', async () => {
    const none = await file('tanpa.scan@example.id', false);
    const res = await getScan(bearer(p.petugas), none.number);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body.toString('utf8')).error.details.reason).toBe('no_scan');
  });

  it('the auditor (records.personal-data) lists the reads and refusals, newest first, by request; others may not', async () => {
    const res = await app.http().get('/ppid/personal-data-log').query({ request: r.number }).set(auditor);
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: any) => [e.subject, e.outcome, e.user?.email ?? null])).toEqual([
      ['identity-number', 'read', p.petugas.email],
      ['identity-scan', 'refused', p.atasan.email],
      ['identity-scan', 'refused', p.ppid.email],
      ['identity-scan', 'read', p.petugas.email],
    ]);
    expect(res.body.data[3]).toMatchObject({ request: { documentId: r.documentId, number: r.number }, userAgent: 'UjiPrivasi/1.0' });
    expect(res.body.meta.pagination).toMatchObject({ page: 1, total: 4 });
    const refused = await app.http().get('/ppid/personal-data-log').query({ outcome: 'refused' }).set(auditor);
    expect(refused.body.data.every((e: any) => e.outcome === 'refused')).toBe(true);
    const bad = await app.http().get('/ppid/personal-data-log').query({ from: 'kemarin' }).set(auditor);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['from']);
    for (const who of [bearer(p.ppid), bearer(p.petugas)]) expect((await app.http().get('/ppid/personal-data-log').set(who)).status).toBe(403);
  });
});

describe('retention of identity scans (the job, under the lease, on the clock service)', () => {
  it('deletes the scan of a closed case after the period, never while an objection is open, and logs it; the scan is then gone (410)', async () => {
    const closedCase = await file('selesai@example.id');
    const objected = await file('keberatan@example.id');
    const running = await file('berjalan@example.id');
    // An administrator (runs.cancel) closes two of the runs (the workflow's cancel act, as the
    // route calls it); the applicant objects on one of them.
    const runOf = async (documentId: string) => (await app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: REQUEST, itemDocumentId: documentId } })).documentId;
    for (const c of [closedCase, objected]) {
      const view = await ppid().service('workflow').act(await runOf(c.documentId), { act: 'cancel', reason: 'Pemohon mencabut permohonan' }, p.ppid.id, {}, { administrator: true });
      expect(view.status).toBe('cancelled');
    }
    const obj = await app.http().post(`/api/ppid/requests/${encodeURIComponent(objected.number)}/objections`).set('X-Forwarded-For', '192.0.2.200')
      .set('Content-Type', 'application/json').send(JSON.stringify({ email: 'keberatan@example.id', reasons: ['e'], statement: 'Permohonan tidak dipenuhi.' }));
    expect(obj.status).toBe(201);
    const scans = async () => (await knex()('ppid_request_scans').whereIn('request_document_id', [closedCase, objected, running].map((c) => c.documentId)).select('request_document_id')).map((s: any) => s.request_document_id).sort();
    const jobs = ppid().service('jobs');
    const clock = ppid().service('clock');

    // 89 days on: within the period, nothing goes.
    clock.setNow(new Date(Date.now() + 89 * DAY));
    expect(await jobs.fire('ppidIdentityScanRetention', clock.now())).toBe('ran');
    expect(await scans()).toEqual([closedCase, objected, running].map((c) => c.documentId).sort());

    // 91 days on: the closed case's scan goes; the one with an open objection and the running one stay.
    clock.setNow(new Date(Date.now() + 91 * DAY));
    expect(await jobs.fire('ppidIdentityScanRetention', clock.now())).toBe('ran');
    expect(await scans()).toEqual([objected, running].map((c) => c.documentId).sort());
    const deleted = (await logOf(closedCase.documentId)).filter((l: any) => l.outcome === 'deleted');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({ subject: 'identity-scan', reason: 'retention', request_number: closedCase.number, user_id: null });
    expect(deleted[0].detail).toContain(`image/png, ${scan.length} bytes; 90 hari`);
    // The same interval again does nothing (the lease), and the sealed bytes are nowhere.
    expect(await jobs.fire('ppidIdentityScanRetention', clock.now())).toBe('done');
    const gone = await getScan(bearer(p.petugas), closedCase.number);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.body.toString('utf8')).error.details.reason).toBe('scan_deleted');
    const detail = await app.http().get(`/ppid/requests/${closedCase.number}/applicant`).set(bearer(p.petugas));
    expect(detail.body.data.identityScan).toMatchObject({ present: false, deletedAt: expect.any(String) });
    // The auditor sees the deletion.
    const listed = await app.http().get('/ppid/personal-data-log').query({ outcome: 'deleted' }).set(auditor);
    expect(listed.body.data.map((e: any) => e.request.number)).toContain(closedCase.number);
    clock.setNow(null);
  });
});

describe('oversize uploads are refused before anything is written', () => {
  // formidable names its temp files with a 25-character cuid2 (lowercase, a letter first).
  const TEMP_NAME = /^[a-z][a-z0-9]{24}$/;
  const tempFiles = () => fs.readdirSync(os.tmpdir()).filter((f) => TEMP_NAME.test(f));

  it('413 from the declared Content-Length; no temp file appears, even for a moment; nothing is stored', async () => {
    const requestsBefore = await app.strapi.db.query(REQUEST).count({});
    const before = tempFiles().length;
    const seen: string[] = [];
    const watcher = fs.watch(os.tmpdir(), (_e, name) => {
      if (name && TEMP_NAME.test(String(name))) seen.push(String(name));
    });
    try {
      // The scan limit is 64 KB; 600 KB declared is past the body, the scan and the multipart overhead.
      const big = Buffer.concat([PNG_1x1, Buffer.from(MARKER), crypto.randomBytes(600 * 1024)]);
      const res = await app.http().post('/api/ppid/requests').set('X-Forwarded-For', '192.0.2.250').field('data', JSON.stringify(body('besar@example.id')))
        .attach('identityScan', big, { filename: 'ktp.png', contentType: 'image/png' });
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ status: 413, name: 'PayloadTooLargeError' });
      // The router matches paths whatever their case; so does the early limit.
      const shouted = await app.http().post('/API/PPID/Requests').set('X-Forwarded-For', '192.0.2.251').field('data', JSON.stringify(body('besar@example.id')))
        .attach('identityScan', big, { filename: 'ktp.png', contentType: 'image/png' });
      expect(shouted.status).toBe(413);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      watcher.close();
    }
    expect(seen).toEqual([]);
    expect(tempFiles().length).toBe(before);
    expect(await app.strapi.db.query(REQUEST).count({})).toBe(requestsBefore);
  });

  it('411 for a multipart upload without a declared length (chunked)', async () => {
    // Supertest cannot send a chunked body: a plain Node request to the app's server, listening for this test.
    const httpServer = app.strapi.server.httpServer;
    const server = httpServer.address() ? null : httpServer;
    if (server) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = (httpServer.address() as AddressInfo).port;
    try {
      const boundary = 'batasUji123';
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: address, method: 'POST', path: '/api/ppid/requests', headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Transfer-Encoding': 'chunked', 'X-Forwarded-For': '192.0.2.251' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(body('chunked@example.id'))}\r\n`);
        req.end(`--${boundary}--\r\n`);
      });
      expect(status).toBe(411);
    } finally {
      if (server) await new Promise((r) => server.close(r));
    }
  });

  it('within the declared limit, an oversize scan is still the route\'s 413 naming identityScan, and its temp file is removed', async () => {
    const before = tempFiles().length;
    const seen: string[] = [];
    const watcher = fs.watch(os.tmpdir(), (_e, name) => {
      if (name && TEMP_NAME.test(String(name))) seen.push(String(name));
    });
    try {
      const big = Buffer.concat([PNG_1x1, crypto.randomBytes(MAX_SCAN + 1 - PNG_1x1.length)]);
      const res = await app.http().post('/api/ppid/requests').set('X-Forwarded-For', '192.0.2.252').field('data', JSON.stringify(body('batas@example.id')))
        .attach('identityScan', big, { filename: 'ktp.png', contentType: 'image/png' });
      expect(res.status).toBe(413);
      expect(res.body.error.details.errors[0].path).toEqual(['identityScan']);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      watcher.close();
    }
    // Here the parser did write the file (the watcher sees it: the first test's empty list means something), then it was removed.
    expect(seen.length).toBeGreaterThan(0);
    expect(tempFiles().length).toBe(before);
  });
});
