import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';

// The officials' desk of the information service (#15): the Petugas Informasi enters a request
// received in person or by letter (POST /ppid/requests, requests.enter) and it takes the public
// filing's path (number, SOP 101 run, deadline, sealed identity number and scan); the list and a
// request's facts for the officials who may see them. As the Petugas Informasi, never the Super Admin.
const KEY = Buffer.alloc(32, 13).toString('base64');
const NIK = '6472011234560009';
const SOP = 'pelayanan-permohonan-informasi';
const REQUEST = 'plugin::ppid.information-request';
// The smallest PNG: the 8-byte signature and an IHDR chunk (the type is read from the bytes).
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex')]);

let app: TestApp;
let p: Record<string, Person>;
const ppid = () => app.strapi.plugin('ppid');

const entry = (over: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) => ({
  channel: 'langsung',
  applicant: { type: 'perorangan', name: 'Budi Santoso', address: 'Jl. Cendana No. 7, Samarinda', email: 'budi@example.id', phone: '0812-5555-0102', identityNumber: NIK, ...applicant },
  information: 'Salinan dokumen pelaksanaan anggaran Kecamatan Palaran 2026',
  purpose: 'Bahan diskusi warga',
  obtainBy: 'salinan_hardcopy',
  deliverBy: 'langsung',
  ...over,
});
const enter = (who: Person, body: unknown) => app.http().post('/ppid/requests').set(bearer(who)).send(body as any);

beforeAll(async () => {
  app = await startApp({ PPID_PERSONAL_DATA_KEY: KEY });
  // Monday 7 December 2026, 09:00 WIB.
  ppid().service('clock').setNow(new Date('2026-12-07T02:00:00Z'));
  // The Petugas Informasi enters requests; the PPID decides them (requests.manage); the PPID Pelaksana neither.
  await ppid().service('directory').ensureRole(`${SOP}:petugas`, '', { write: [], read: [], plugin: ['requests.enter'] });
  await ppid().service('directory').ensureRole(`${SOP}:ppid`, '', { write: [], read: [], plugin: ['requests.manage'] });
  p = await peopleFor(app, SOP, [
    { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID Utama' },
  ]);
}, 240000);
afterAll(async () => {
  ppid()?.service('clock').setNow(null);
  await app?.stop();
});

let entered: { id: string; number: string };

it('the Petugas Informasi enters a request received in person: 201 with a number, a run of SOP 101 and the deadline; who and how recorded', async () => {
  const res = await enter(p.petugas, entry());
  expect(res.status).toBe(201);
  expect(res.body.data).toMatchObject({ number: 'PMI-2026-00001', receivedAt: '2026-12-07T02:00:00.000Z', channel: 'langsung' });
  expect(res.body.data.dueAt).toBe(new Date(noticeDue()).toISOString());
  expect(JSON.stringify(res.body)).not.toContain(NIK);
  entered = res.body.data;

  const row = await app.strapi.db.query(REQUEST).findOne({ where: { number: entered.number } });
  expect(row.documentId).toBe(entered.id);
  expect(row.channel).toBe('langsung');
  expect(row.enteredBy).toMatchObject({ userId: String(p.petugas.id), nama: 'Petugas Informasi petugas', jabatan: 'Petugas Informasi' });
  expect(row.applicantIdentity).not.toContain(NIK);
  expect(ppid().service('requests').identityOf(row)).toBe(NIK);
  const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: REQUEST, itemDocumentId: row.documentId } });
  expect(run).toMatchObject({ sopCode: SOP, status: 'in_progress', currentStep: 1, currentRole: 'petugas-informasi' });
  // The run is the Petugas Informasi's task at once (registration, step 1).
  const tasks = await app.http().get('/ppid/tasks').set(bearer(p.petugas));
  expect(tasks.body.data.map((t: any) => t.runId)).toContain(run.documentId);
});

function noticeDue(): number {
  // 10 working days from Monday 7 December 2026 09:00 WIB on the default calendar: Monday 21 December.
  return Date.parse('2026-12-21T02:00:00.000Z');
}

it('a request received by letter, with the identity scan (multipart): sealed in the plugin’s table', async () => {
  const res = await app
    .http()
    .post('/ppid/requests')
    .set(bearer(p.petugas))
    .field('data', JSON.stringify(entry({ channel: 'surat' }, { name: 'Yayasan Mahakam Terbuka', type: 'badan_hukum', identityNumber: 'AHU-0012345.AH.01.04' })))
    .attach('identityScan', PNG, { filename: 'akta.png', contentType: 'application/octet-stream' });
  expect(res.status).toBe(201);
  expect(res.body.data).toMatchObject({ number: 'PMI-2026-00002', channel: 'surat' });
  const scan = await ppid().service('requests').identityScanOf(res.body.data.id);
  expect(scan).toMatchObject({ mime: 'image/png', size: PNG.length });
  expect(scan.bytes.equals(PNG)).toBe(true);
});

it('400 names each bad field (the channel and the filing’s, as the public door); nothing stored', async () => {
  const before = await app.strapi.db.query(REQUEST).count({});
  const res = await enter(p.petugas, entry({ channel: 'portal' }, { email: 'bukan-email' }));
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['channel', 'applicant.email']);
  expect(res.body.error.message).toMatch(/channel/);
  const missing = await enter(p.petugas, entry({ channel: undefined, purpose: '' }));
  expect(missing.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['channel', 'purpose']);
  // The public door does not take a channel: an applicant cannot claim to have come in person.
  const pub = await app.http().post('/api/ppid/requests').send(entry());
  expect(pub.status).toBe(400);
  expect(pub.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['channel']);
  expect(await app.strapi.db.query(REQUEST).count({})).toBe(before);
});

it('403 without requests.enter (the PPID, the PPID Pelaksana); the list and the facts need one of the desk’s permissions', async () => {
  const before = await app.strapi.db.query(REQUEST).count({});
  expect((await enter(p.ppid, entry())).status).toBe(403);
  expect((await enter(p.pelaksana, entry())).status).toBe(403);
  expect(await app.strapi.db.query(REQUEST).count({})).toBe(before);
  expect((await app.http().get('/ppid/requests').set(bearer(p.pelaksana))).status).toBe(403);
  expect((await app.http().get(`/ppid/requests/${entered.id}`).set(bearer(p.pelaksana))).status).toBe(403);
  expect((await app.http().get('/ppid/requests')).status).toBe(401);
});

it('the list and a request’s facts: number, name, received, due, status; never the identity number, e-mail or phone', async () => {
  for (const who of [p.petugas, p.ppid]) {
    const list = await app.http().get('/ppid/requests').set(bearer(who));
    expect(list.status).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect(list.body.meta).toMatchObject({ page: 1, total: 2 });
    // Newest first (same second: the later id first).
    expect(list.body.data.map((r: any) => r.number)).toEqual(['PMI-2026-00002', 'PMI-2026-00001']);
    expect(list.body.data[1]).toEqual({
      id: entered.id,
      number: 'PMI-2026-00001',
      applicantName: 'Budi Santoso',
      channel: 'langsung',
      receivedAt: '2026-12-07T02:00:00.000Z',
      dueAt: '2026-12-21T02:00:00.000Z',
      extended: false,
      status: 'diterima',
      outcome: null,
    });
    const text = JSON.stringify(list.body);
    for (const secret of [NIK, 'budi@example.id', '0812-5555-0102', 'AHU-0012345']) expect(text).not.toContain(secret);
  }
  const found = await app.http().get('/ppid/requests').query({ q: 'yayasan' }).set(bearer(p.petugas));
  expect(found.body.data.map((r: any) => r.number)).toEqual(['PMI-2026-00002']);

  const detail = await app.http().get(`/ppid/requests/${encodeURIComponent(entered.number)}`).set(bearer(p.petugas));
  expect(detail.status).toBe(200);
  expect(detail.body.data).toMatchObject({
    id: entered.id,
    number: entered.number,
    channel: 'langsung',
    enteredBy: { nama: 'Petugas Informasi petugas', jabatan: 'Petugas Informasi' },
    applicant: { type: 'perorangan', name: 'Budi Santoso' },
    status: 'diterima',
    extension: null,
    run: { currentStep: 1, currentRole: 'petugas-informasi', currentRoleLabel: 'Petugas Informasi' },
    objections: [],
  });
  const text = JSON.stringify(detail.body);
  for (const secret of [NIK, 'budi@example.id', '0812-5555-0102', 'applicantIdentity']) expect(text).not.toContain(secret);
  expect((await app.http().get('/ppid/requests/PMI-1999-99999').set(bearer(p.petugas))).status).toBe(404);
});
