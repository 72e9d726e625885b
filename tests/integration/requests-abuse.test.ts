import fs from 'fs';
import os from 'os';
import path from 'path';
import crypto from 'crypto';
import { startApp, TestApp } from '../helpers/strapi';
import { windowStart } from '../../packages/strapi-plugin-ppid/server/src/core/requests';
import { incrementCounter } from '../../packages/strapi-plugin-ppid/server/src/requests/services/rate-limits';

// The public request doors resist abuse (#15): a per-address rate limit counted in the database
// (shared by every instance), separate per door, 429 with Retry-After; multipart filing with the
// identity scan, its type read from its bytes, sealed with the personal-data key in the
// request's transaction, never stored or answered in clear. One boot; TRUST_PROXY=true so that
// each test speaks from its own address (X-Forwarded-For), which also shows the limit follows
// the app's proxy setting.
const KEY = Buffer.alloc(32, 21).toString('base64');
const NIK = '6472011234560001';
const REQUEST = 'plugin::ppid.information-request';
const ROOT = path.resolve(__dirname, '..', '..');
const MAX_SCAN = 3 * 1024 * 1024;
const NOW = new Date('2026-12-07T02:17:30Z'); // Monday, 09:17 WIB

let app: TestApp;
const ppid = () => app.strapi.plugin('ppid');
const knex = () => app.strapi.db.connection;
const counts = async () => ({
  requests: await app.strapi.db.query(REQUEST).count({}),
  scans: Number((await knex()('ppid_request_scans').count({ n: '*' }))[0].n),
  runs: await app.strapi.db.query('plugin::ppid.run').count({ where: { itemUid: REQUEST } }),
});

const body = (email = 'siti@example.id') => ({
  applicant: { type: 'perorangan', name: 'Siti Aminah', address: 'Jl. Merdeka No. 1, Samarinda', email, phone: '+62 812-3456-7890', identityNumber: NIK },
  information: 'Realisasi anggaran Kecamatan Palaran tahun 2025',
  purpose: 'Penelitian skripsi',
  obtainBy: 'salinan_softcopy',
  deliverBy: 'email',
});
const from = (ip: string) => ({ 'X-Forwarded-For': ip });
const fileJson = (ip: string, b: unknown = body()) => app.http().post('/api/ppid/requests').set(from(ip)).set('Content-Type', 'application/json').send(JSON.stringify(b));
const track = (ip: string, number = 'PMI-2026-99999') => app.http().get(`/api/ppid/requests/${number}`).set(from(ip)).query({ email: 'siti@example.id' });
const object = (ip: string, number = 'PMI-2026-99999') =>
  app.http().post(`/api/ppid/requests/${number}/objections`).set(from(ip)).set('Content-Type', 'application/json').send(JSON.stringify({ email: 'siti@example.id', reasons: ['c'], statement: 'Belum ditanggapi.' }));
const fileMultipart = (ip: string, scan: Buffer | null, filename = 'ktp.png', contentType = 'image/png', data: string = JSON.stringify(body())) => {
  const r = app.http().post('/api/ppid/requests').set(from(ip)).field('data', data);
  return scan ? r.attach('identityScan', scan, { filename, contentType }) : r;
};

// A real 1x1 PNG, then a unique marker and padding after IEND (still a valid PNG), ~2 MB.
const MARKER = `KTP-PLAINTEXT-${crypto.randomBytes(6).toString('hex')}`;
const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const png = Buffer.concat([PNG_1x1, Buffer.from(MARKER), crypto.randomBytes(2 * 1024 * 1024)]);
const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${MARKER}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

let badBoot = '';
beforeAll(async () => {
  // A bad limit stops the boot, naming the key and its variable (before the one real boot).
  try {
    const bad = await startApp({ LOG_LEVEL: 'error', PPID_PERSONAL_DATA_KEY: KEY, PPID_RATE_LIMIT_FILE: '10/hour' });
    await bad.stop();
  } catch (e) {
    badBoot = String((e as Error)?.message ?? e);
  }
  app = await startApp({
    PPID_PERSONAL_DATA_KEY: KEY,
    TRUST_PROXY: 'true',
    PPID_RATE_LIMIT_FILE: '3/3600',
    PPID_RATE_LIMIT_OBJECTION: '2/3600',
    PPID_RATE_LIMIT_TRACK: '5/60',
    PPID_IDENTITY_SCAN_MAX_BYTES: String(MAX_SCAN),
  });
  ppid().service('clock').setNow(NOW);
}, 240000);
afterAll(async () => {
  app?.strapi.plugin('ppid').service('clock').setNow(null);
  await app?.stop();
});

it('a bad rate limit setting stops the boot, naming it', () => {
  expect(badBoot).toMatch(/ppid config: requests\.rateLimit\.file \(PPID_RATE_LIMIT_FILE\) "10\/hour" must be "max\/windowSeconds"/);
});

it('429 with Retry-After after the limit; every attempt counts; another address and a new window are free', async () => {
  const ip = '203.0.113.10';
  expect((await fileJson(ip, { ...body(), purpose: undefined })).status).toBe(400); // a refused attempt counts too
  expect((await fileJson(ip)).status).toBe(201);
  expect((await fileJson(ip)).status).toBe(201);
  const over = await fileJson(ip);
  expect(over.status).toBe(429);
  // The window is 3600 s from 02:00:00Z; now is 02:17:30Z.
  expect(over.headers['retry-after']).toBe(String(42 * 60 + 30));
  expect(over.body.error).toMatchObject({
    status: 429,
    name: 'TooManyRequestsError',
    details: { reason: 'rate_limited', bucket: 'file', limit: 3, windowSeconds: 3600, retryAfterSeconds: 2550 },
  });
  expect(over.body.error.message).toMatch(/Terlalu banyak permintaan/);
  expect(JSON.stringify(over.body)).not.toContain(NIK);
  // Another address is not affected.
  expect((await fileJson('203.0.113.11')).status).toBe(201);
  // The next window starts again.
  ppid().service('clock').setNow(new Date('2026-12-07T03:00:01Z'));
  try {
    expect((await fileJson(ip)).status).toBe(201);
  } finally {
    ppid().service('clock').setNow(NOW);
  }
});

it('each door has its own counter (file, objection, track)', async () => {
  const ip = '203.0.113.20';
  for (let i = 0; i < 3; i++) expect((await fileJson(ip, { ...body(), purpose: undefined })).status).toBe(400);
  expect((await fileJson(ip)).status).toBe(429);
  // Tracking and objecting from the same address still answer (404: unknown number).
  expect((await track(ip)).status).toBe(404);
  expect((await object(ip)).status).toBe(404);
  expect((await object(ip)).status).toBe(404);
  const o = await object(ip);
  expect(o.status).toBe(429);
  expect(o.body.error.details).toMatchObject({ bucket: 'objection', limit: 2 });
  for (let i = 0; i < 4; i++) expect((await track(ip)).status).toBe(404);
  const t = await track(ip);
  expect(t.status).toBe(429);
  expect(t.body.error.details).toMatchObject({ bucket: 'track', limit: 5, windowSeconds: 60 });
  expect(t.headers['retry-after']).toBe('30'); // 02:17:30 → 02:18:00
});

it('the count lives in the database: concurrent requests each count once, and another connection (instance) shares it', async () => {
  const ip = '203.0.113.30';
  const answers = await Promise.all(Array.from({ length: 12 }, () => track(ip)));
  expect(answers.filter((a) => a.status === 404)).toHaveLength(5);
  expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
  const start = windowStart(NOW, 60);
  const row = await knex()('ppid_rate_limits').where({ bucket: 'track', address: ip, window_start: start }).first();
  expect(Number(row.count)).toBe(12);

  // A second connection pool, as another app instance on the same database would have: what it
  // counts, this instance sees (and the other way round).
  const { default: createKnex } = await import('knex');
  const env = app.db.env;
  const client = app.strapi.db.dialect.client as string;
  const other =
    client === 'sqlite'
      ? createKnex({ client: 'better-sqlite3', connection: { filename: path.resolve(ROOT, env.DATABASE_FILENAME!) }, useNullAsDefault: true })
      : createKnex({
          client: client === 'postgres' ? 'pg' : 'mysql2',
          connection: { host: env.DATABASE_HOST, port: Number(env.DATABASE_PORT), user: env.DATABASE_USERNAME, password: env.DATABASE_PASSWORD, database: env.DATABASE_NAME },
        });
  try {
    const fresh = '203.0.113.31';
    expect((await track(fresh)).status).toBe(404);
    const seen = await other('ppid_rate_limits').where({ bucket: 'track', address: fresh }).first();
    expect(Number(seen.count)).toBe(1);
    for (let i = 2; i <= 5; i++) expect(await incrementCounter(other as any, client, 'track', fresh, start)).toBe(i);
    expect((await track(fresh)).status).toBe(429);
  } finally {
    await other.destroy();
  }
});

it('ended windows are pruned', async () => {
  const old = windowStart(NOW, 60) - 600;
  await incrementCounter(knex(), app.strapi.db.dialect.client, 'track', '203.0.113.40', old);
  await incrementCounter(knex(), app.strapi.db.dialect.client, 'file', '203.0.113.40', windowStart(NOW, 3600));
  expect(await ppid().service('rate-limits').prune(NOW)).toBeGreaterThanOrEqual(1);
  expect(await knex()('ppid_rate_limits').where({ address: '203.0.113.40' }).select('bucket')).toEqual([{ bucket: 'file' }]);
});

describe('multipart filing with the identity scan', () => {
  let tmpBefore: Set<string>;
  beforeAll(() => {
    tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
  });

  it('a real PNG (2 MB) and a PDF are accepted; the scan is stored sealed, never in the media library', async () => {
    const before = await counts();
    const uploadsBefore = await app.strapi.db.query('plugin::upload.file').count({});
    const res = await fileMultipart('198.51.100.1', png, 'ktp.png', 'image/png', JSON.stringify(body('png@example.id')));
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['dueAt', 'number', 'receivedAt']);
    const row = await app.strapi.db.query(REQUEST).findOne({ where: { number: res.body.number } });
    const stored = await knex()('ppid_request_scans').where({ request_document_id: row.documentId }).first();
    expect(stored).toMatchObject({ mime: 'image/png' });
    expect(Number(stored.size)).toBe(png.length);
    const sealed = Buffer.from(stored.sealed);
    // Ciphertext only: no byte run of the file in the row.
    expect(sealed.includes(Buffer.from(MARKER))).toBe(false);
    expect(sealed.includes(PNG_1x1.subarray(0, 16))).toBe(false);
    expect(sealed.includes(png.subarray(png.length - 64))).toBe(false);
    expect(JSON.stringify({ ...stored, sealed: undefined })).not.toContain(MARKER);
    expect((await ppid().service('requests').identityScanOf(row.documentId)).bytes.equals(png)).toBe(true);

    // Declared as application/octet-stream with a .bin name: the content decides.
    const doc = await fileMultipart('198.51.100.2', pdf, 'scan.bin', 'application/octet-stream', JSON.stringify(body('pdf@example.id')));
    expect(doc.status).toBe(201);
    const docRow = await app.strapi.db.query(REQUEST).findOne({ where: { number: doc.body.number } });
    expect((await ppid().service('requests').identityScanOf(docRow.documentId))).toMatchObject({ mime: 'application/pdf', size: pdf.length });
    // Without a scan a multipart filing is like a JSON one.
    expect((await fileMultipart('198.51.100.3', null, '', '', JSON.stringify(body('noscan@example.id')))).status).toBe(201);

    expect(await counts()).toEqual({ requests: before.requests + 3, scans: before.scans + 2, runs: before.runs + 3 });
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(uploadsBefore);
    const uploadsDir = path.join(ROOT, 'public', 'uploads');
    if (fs.existsSync(uploadsDir)) {
      for (const f of fs.readdirSync(uploadsDir)) {
        const p = path.join(uploadsDir, f);
        if (fs.statSync(p).isFile() && fs.statSync(p).size === png.length) expect(fs.readFileSync(p).includes(Buffer.from(MARKER))).toBe(false);
      }
    }

    // No public answer carries the scan or the identity number.
    const tracked = await app.http().get(`/api/ppid/requests/${res.body.number}`).set(from('198.51.100.1')).query({ email: 'png@example.id' });
    expect(tracked.status).toBe(200);
    for (const a of [res, doc, tracked]) {
      const text = JSON.stringify(a.body);
      for (const secret of [NIK, MARKER, 'identityScan', 'sealed', 'pd1.']) expect(text).not.toContain(secret);
    }
  });

  it('refused, with nothing stored: an .exe or .html renamed .png (415 naming identityScan), oversize (413), bad fields (400)', async () => {
    const before = await counts();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.from(MARKER), crypto.randomBytes(1024)]);
    const html = Buffer.from(`<!doctype html><html><body><script>alert("${MARKER}")</script></body></html>`);
    let n = 10;
    for (const bad of [exe, html]) {
      const r = await fileMultipart(`198.51.100.${n++}`, bad, 'ktp.png', 'image/png');
      expect(r.status).toBe(415);
      expect(r.body.error.name).toBe('UnsupportedMediaTypeError');
      expect(r.body.error.details.errors[0].path).toEqual(['identityScan']);
      expect(r.body.error.details.allowed).toEqual(['image/jpeg', 'image/png', 'application/pdf']);
      expect(JSON.stringify(r.body)).not.toContain(MARKER);
    }
    const big = Buffer.concat([PNG_1x1, crypto.randomBytes(MAX_SCAN + 1 - PNG_1x1.length)]);
    const tooBig = await fileMultipart(`198.51.100.${n++}`, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.details.errors[0].path).toEqual(['identityScan']);

    const badJson = await fileMultipart(`198.51.100.${n++}`, png, 'ktp.png', 'image/png', '{"applicant":');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.details.errors[0].path).toEqual(['data']);
    const badField = await fileMultipart(`198.51.100.${n++}`, png, 'ktp.png', 'image/png', JSON.stringify({ ...body(), obtainBy: 'fotokopi' }));
    expect(badField.status).toBe(400);
    expect(badField.body.error.details.errors[0].path).toEqual(['obtainBy']);
    const stray = await app.http().post('/api/ppid/requests').set(from(`198.51.100.${n++}`)).field('data', JSON.stringify(body())).attach('foto', png, 'foto.png');
    expect(stray.status).toBe(400);
    expect(stray.body.error.details.errors[0].path).toEqual(['foto']);
    const two = await app.http().post('/api/ppid/requests').set(from(`198.51.100.${n++}`)).field('data', JSON.stringify(body()))
      .attach('identityScan', png, 'a.png').attach('identityScan', pdf, 'b.pdf');
    expect(two.status).toBe(400);
    expect(two.body.error.details.errors[0].path).toEqual(['identityScan']);
    // Objections stay JSON only.
    const objection = await app.http().post('/api/ppid/requests/PMI-2026-00001/objections').set(from(`198.51.100.${n++}`)).field('data', '{}').attach('identityScan', png, 'a.png');
    expect(objection.status).toBe(415);

    expect(await counts()).toEqual(before);
  });

  it('leaves no temp file behind', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const leftovers = fs
      .readdirSync(os.tmpdir())
      .filter((f) => !tmpBefore.has(f))
      .map((f) => path.join(os.tmpdir(), f))
      .filter((p) => {
        try {
          const s = fs.statSync(p);
          return s.isFile() && s.size > 0 && s.size < 16 * 1024 * 1024;
        } catch {
          return false;
        }
      })
      .filter((p) => fs.readFileSync(p).includes(Buffer.from(MARKER)));
    expect(leftovers).toEqual([]);
  });
});
