import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor } from '../helpers/people';
import { DEFAULT_CALENDAR } from '../../packages/strapi-plugin-ppid/server/src/core/calendar';
import { noticeDueAt, objectionAnswerDueAt, objectionDeadline, openPersonalData, parsePersonalDataKey } from '../../packages/strapi-plugin-ppid/server/src/core/requests';

// Requests for public information (#15, first part): filing over the public REST door, the
// registration number, the 10-working-day written-notice deadline (Pasal 22 ayat 7), the run
// of the service SOP each request opens, tracking for the applicant only, and no personal data
// in any public answer.
const KEY = Buffer.alloc(32, 11).toString('base64');
const NIK = '6472011234560001';
const NIK2 = '6472019876540002';
const REQUEST = 'plugin::ppid.information-request';

let app: TestApp;
const ppid = () => app.strapi.plugin('ppid');
const count = () => app.strapi.db.query(REQUEST).count({});

const body = (applicant: Record<string, unknown> = {}, over: Record<string, unknown> = {}) => ({
  applicant: { type: 'perorangan', name: 'Siti Aminah', address: 'Jl. Merdeka No. 1, Samarinda', email: 'siti@example.id', phone: '+62 812-3456-7890', identityNumber: NIK, ...applicant },
  information: 'Realisasi anggaran Kecamatan Palaran tahun 2025',
  purpose: 'Penelitian skripsi',
  obtainBy: 'salinan_softcopy',
  deliverBy: 'email',
  ...over,
});
const file = (b: unknown) => app.http().post('/api/ppid/requests').set('Content-Type', 'application/json').send(JSON.stringify(b));
const track = (number: string, email: string) => app.http().get(`/api/ppid/requests/${encodeURIComponent(number)}`).query({ email });

beforeAll(async () => {
  // More filings than the default per-address limit, all from 127.0.0.1 (requests-abuse.test.ts tests the limit).
  app = await startApp({ PPID_PERSONAL_DATA_KEY: KEY, PPID_RATE_LIMIT_FILE: '100/3600' });
  // Monday 7 December 2026, 09:00 WIB.
  ppid().service('clock').setNow(new Date('2026-12-07T02:00:00Z'));
}, 240000);
afterAll(async () => {
  ppid()?.service('clock').setNow(null);
  await app?.stop();
});

let first: { number: string; receivedAt: string; dueAt: string };

it('files a request: 201 with the registration number and the written-notice deadline (10 working days)', async () => {
  const res = await file(body());
  expect(res.status).toBe(201);
  expect(Object.keys(res.body).sort()).toEqual(['dueAt', 'number', 'receivedAt']);
  first = res.body;
  expect(first.number).toBe('PMI-2026-00001');
  expect(first.receivedAt).toBe('2026-12-07T02:00:00.000Z');
  const calendar = await ppid().service('zones').calendarOf(null);
  expect(first.dueAt).toBe(noticeDueAt(new Date(first.receivedAt), calendar).toISOString());
  // On the default calendar: Monday 21 December, 09:00 WIB.
  if (JSON.stringify(calendar.holidays) === JSON.stringify(DEFAULT_CALENDAR.holidays)) expect(first.dueAt).toBe('2026-12-21T02:00:00.000Z');
  expect(JSON.stringify(res.body)).not.toContain(NIK);

  // Stored with the identity number sealed under the configured key, the e-mail normalised.
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { number: first.number } });
  expect(row.applicantIdentity).not.toContain(NIK);
  expect(openPersonalData(row.applicantIdentity, [parsePersonalDataKey(KEY)])).toBe(NIK);
  expect(ppid().service('requests').identityOf(row)).toBe(NIK);

  // Its run of the service SOP, waiting for the Petugas Informasi to register it.
  const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: REQUEST, itemDocumentId: row.documentId } });
  expect(run).toMatchObject({ sopCode: 'pelayanan-permohonan-informasi', status: 'in_progress', currentStep: 1, currentRole: 'petugas-informasi', startedById: null });
  expect(run.itemTitle).toBe(`Permohonan informasi ${first.number}`);
  // Step 1's standard is 1 working day: Tuesday 8 December, 09:00 WIB.
  expect(new Date(run.stepDeadline).toISOString()).toBe('2026-12-08T02:00:00.000Z');
});

it('numbers requests in sequence, per year, unique in the database', async () => {
  const results = await Promise.all([0, 1, 2].map((i) => file(body({ email: `warga${i}@example.id`, identityNumber: NIK2 }))));
  expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
  expect(results.map((r) => r.body.number).sort()).toEqual(['PMI-2026-00002', 'PMI-2026-00003', 'PMI-2026-00004']);
  // Each has its own run.
  const docs = (await app.strapi.db.query(REQUEST).findMany({ select: ['documentId'] })).map((r: any) => r.documentId);
  expect(await app.strapi.db.query('plugin::ppid.run').count({ where: { itemUid: REQUEST, itemDocumentId: { $in: docs } } })).toBe(4);
  // The registration number is unique by a database constraint, not only by Strapi's validator.
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { number: first.number } });
  const { id, documentId, createdAt, updatedAt, publishedAt, ...copy } = row;
  // Compared by message: better-sqlite3 raises its errors in the first jest file's realm, so
  // `rejects.toThrow()` (an instanceof Error check) misses them in later files.
  const refusal = await app.strapi.db.query(REQUEST).create({ data: { ...copy } }).then(() => null, (e: unknown) => e);
  expect(String((refusal as Error | null)?.message ?? refusal)).toMatch(/unique|duplicate/i);
  // A new year starts again at 1 (the body's local year: 1 January 2027 00:30 WIB).
  ppid().service('clock').setNow(new Date('2026-12-31T17:30:00Z'));
  try {
    const res = await file(body({ email: 'tahunbaru@example.id' }));
    expect(res.status).toBe(201);
    expect(res.body.number).toBe('PMI-2027-00001');
  } finally {
    ppid().service('clock').setNow(new Date('2026-12-07T02:00:00Z'));
  }
});

it('refuses bad input with 400 naming the field, 413 when too large, 415 when not JSON; nothing is stored', async () => {
  const before = await count();
  const missing = await file(body({ email: undefined }));
  expect(missing.status).toBe(400);
  expect(missing.body.error.details.errors).toEqual([expect.objectContaining({ path: ['applicant', 'email'] })]);
  const bad = await file(body({}, { obtainBy: 'fotokopi', deliverBy: 'whatsapp' }));
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['obtainBy', 'deliverBy']);
  expect(bad.body.error.message).toMatch(/obtainBy: harus salah satu dari/);
  const unknown = await file(body({}, { status: 'selesai' }));
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.details.errors[0].path).toEqual(['status']);
  const large = await file(body({}, { information: 'x'.repeat(40 * 1024) }));
  expect(large.status).toBe(413);
  const form = await app.http().post('/api/ppid/requests').type('form').send({ information: 'x' });
  expect(form.status).toBe(415);
  // No key configured: refused (503), never stored in clear.
  const config = app.strapi.config.get('plugin::ppid.requests') as Record<string, unknown>;
  app.strapi.config.set('plugin::ppid.requests', { ...config, personalDataKey: '' });
  try {
    expect((await file(body())).status).toBe(503);
  } finally {
    app.strapi.config.set('plugin::ppid.requests', config);
  }
  expect(await count()).toBe(before);
});

it('tracking answers the applicant only: 404 for another e-mail or an unknown number', async () => {
  const mine = await track(first.number, ' SITI@example.id ');
  expect(mine.status).toBe(200);
  expect(mine.headers['cache-control']).toBe('no-store');
  expect(mine.body.data).toMatchObject({ number: first.number, receivedAt: first.receivedAt, dueAt: first.dueAt, extended: false, status: 'diterima', step: { current: 1, total: 6 } });
  const other = await track(first.number, 'warga0@example.id');
  expect(other.status).toBe(404);
  const unknown = await track('PMI-2026-99999', 'siti@example.id');
  expect(unknown.status).toBe(404);
  // Same answer whether the number exists or not.
  expect(other.body.error.message).toBe(unknown.body.error.message);
  expect((await app.http().get(`/api/ppid/requests/${first.number}`)).status).toBe(404);
});

it('no identity number, phone or e-mail in any public answer, and no door to the type (REST, GraphQL)', async () => {
  const answers = [await track(first.number, 'siti@example.id'), await track('PMI-2026-00002', 'warga0@example.id')];
  for (const a of answers) {
    const text = JSON.stringify(a.body);
    for (const secret of [NIK, NIK2, '812-3456', 'applicantIdentity', 'identityNumber', 'phone', 'Jl. Merdeka']) expect(text).not.toContain(secret);
  }
  for (const path of ['/api/ppid/information-requests', '/api/information-requests', '/api/ppid/requests']) {
    expect([404, 405]).toContain((await app.http().get(path)).status);
  }
  const gql = await app.http().post('/graphql').send({ query: '{ informationRequests { number applicantIdentity } }' });
  expect(JSON.stringify(gql.body)).toMatch(/Cannot query field/);
  const schema = await app.http().post('/graphql').send({ query: '{ __schema { types { name } } }' });
  const names: string[] = (schema.body.data?.__schema?.types ?? []).map((t: { name: string }) => t.name);
  expect(names.filter((n) => /InformationRequest|Objection/i.test(n))).toEqual([]);
});

it("the Petugas Informasi registers a filed request at its run's first step; the run moves to forwarding", async () => {
  const u = await peopleFor(app, 'pelayanan-permohonan-informasi', [{ key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' }]);
  const row = await app.strapi.db.query(REQUEST).findOne({ where: { number: first.number } });
  const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: REQUEST, itemDocumentId: row.documentId } });
  const res = await app.http().post(`/ppid/runs/${run.documentId}/acts`).set(bearer(u.petugas)).send({ act: 'submit', step: 1 });
  expect(res.status).toBe(200);
  const after = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { id: run.id } });
  expect(after).toMatchObject({ status: 'in_progress', currentStep: 2, currentRole: 'petugas-informasi' });
  expect((await track(first.number, 'siti@example.id')).body.data).toMatchObject({ status: 'diproses', step: { current: 2, total: 6 } });
  // The act is sealed like any other (a signature record of kind submit).
  expect(await app.strapi.db.query('plugin::ppid.signature-record').count({ where: { runDocumentId: run.documentId, kind: 'submit' } })).toBe(1);
  // The chain and every run's state replayed from its records still verify.
  const report = await ppid().service('verification').verifyAll();
  expect(report.problems).toEqual([]);
});

const object = (number: string, b: unknown) =>
  app.http().post(`/api/ppid/requests/${encodeURIComponent(number)}/objections`).set('Content-Type', 'application/json').send(JSON.stringify(b));

it('the applicant objects (Pasal 35): 201 with the register number and the answer deadline; a run of the objection SOP', async () => {
  const objection = { email: 'Siti@example.id', reasons: ['c', 'a'], statement: 'Permohonan saya belum ditanggapi.' };
  expect((await object(first.number, { ...objection, email: 'warga0@example.id' })).status).toBe(404);
  expect((await object('PMI-2026-99999', objection)).status).toBe(404);
  const bad = await object(first.number, { ...objection, reasons: ['h'] });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.errors[0].path).toEqual(['reasons', '0']);

  const res = await object(first.number, objection);
  expect(res.status).toBe(201);
  expect(res.body).toEqual({ number: 'KEB-2026-00001', request: first.number, receivedAt: '2026-12-07T02:00:00.000Z', dueAt: expect.any(String) });
  const calendar = await ppid().service('zones').calendarOf(null);
  // Pasal 36 ayat (2): the Atasan PPID answers within 30 working days.
  expect(res.body.dueAt).toBe(objectionAnswerDueAt(new Date(res.body.receivedAt), calendar).toISOString());
  const row = await app.strapi.db.query('plugin::ppid.objection').findOne({ where: { number: res.body.number } });
  expect(row.reasons).toEqual(['a', 'c']);
  const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: 'plugin::ppid.objection', itemDocumentId: row.documentId } });
  expect(run).toMatchObject({ sopCode: 'penanganan-keberatan', status: 'in_progress', currentStep: 1, currentRole: 'petugas-informasi' });

  // The tracking page shows it to the applicant.
  const mine = await track(first.number, 'siti@example.id');
  expect(mine.body.data.objections).toEqual([
    {
      number: 'KEB-2026-00001',
      receivedAt: res.body.receivedAt,
      dueAt: res.body.dueAt,
      reasons: ['a', 'c'],
      status: 'diproses',
      statusLabel: expect.any(String),
      answer: null,
      komisiInformasi: null,
      dispute: null,
    },
  ]);
});

it('a late objection is refused, saying why and until when (Pasal 36 ayat 1); nothing is stored', async () => {
  const calendar = await ppid().service('zones').calendarOf(null);
  const deadline = objectionDeadline(new Date(first.dueAt), calendar);
  const before = await app.strapi.db.query('plugin::ppid.objection').count({});
  ppid().service('clock').setNow(new Date(deadline.getTime() + 60_000));
  try {
    const late = await object(first.number, { email: 'siti@example.id', reasons: ['c'], statement: 'Tidak ditanggapi.' });
    expect(late.status).toBe(409);
    expect(late.body.error.details).toEqual({ reason: 'objection_late', deadline: deadline.toISOString() });
    expect(late.body.error.message).toMatch(/Pasal 36 ayat 1/);
    // Up to the deadline it is accepted.
    ppid().service('clock').setNow(deadline);
    expect((await object(first.number, { email: 'siti@example.id', reasons: ['c'], statement: 'Tidak ditanggapi.' })).status).toBe(201);
  } finally {
    ppid().service('clock').setNow(new Date('2026-12-07T02:00:00Z'));
  }
  expect(await app.strapi.db.query('plugin::ppid.objection').count({})).toBe(before + 1);
});
