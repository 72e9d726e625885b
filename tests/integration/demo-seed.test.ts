import { startApp, TestApp } from '../helpers/strapi';
import { pdfWords } from '../helpers/visual';

// The README's run command seeds a demo body once in development; a newcomer logs in with it.
let app: TestApp;
// The demo seed (16 accounts, items through several acts) is slow on a loaded 2-core machine.
beforeAll(async () => {
  app = await startApp({ NODE_ENV: 'development', PPID_DEMO_SEED: 'true', PPID_PERSONAL_DATA_KEY: Buffer.alloc(32, 44).toString('base64') });
}, 400000);
afterAll(async () => {
  await app?.stop();
});

it('seeds one user per SOP role, officials with valid NIPs, and items at different steps', async () => {
  const officials = await app.strapi.db.query('plugin::ppid.official').findMany({});
  expect(officials.length).toBe(16);
  // Seed 001's Atasan PPID column acts (step 3) and has its demo official.
  expect(officials.map((o: any) => o.jabatan)).toContain('Sekretaris Daerah Provinsi (Atasan PPID)');
  for (const o of officials) expect(o.nip).toMatch(/^\d{18}$/);
  const runs = await app.strapi.db.query('plugin::ppid.run').findMany({ orderBy: { id: 'asc' } });
  expect(runs.map((r: any) => [r.status, r.currentStep])).toEqual([
    ['in_progress', 1],
    ['in_progress', 3],
    ['published', 7],
  ]);
  const login = await app.http().post('/admin/login').send({ email: 'kasubbag-kasi.palaran@demo.ppid.local', password: 'Demo-PPID-2026!' });
  expect(login.status).toBe(200);
  const tasks = await app.http().get('/ppid/tasks').set('Authorization', `Bearer ${login.body.data.token}`);
  expect(tasks.body.data.map((t: any) => t.item.title)).toEqual(['Kerja bakti RT 12 Kelurahan Rawa Makmur']);
  const pub = await app.http().get('/api/information-items');
  expect(pub.body.data.map((d: any) => d.title)).toEqual(['Profil Kecamatan Palaran']);
});

it('the demo bodies keep their own time: Palaran and Kutai Timur WITA, Kalteng and Pontianak WIB; Palaran documents print WITA', async () => {
  const zones = app.strapi.plugin('ppid').service('zones');
  expect(await zones.bodyZone()).toBe('Asia/Makassar');
  const units = await app.strapi.db.query('plugin::ppid.unit').findMany({ where: { code: { $in: ['PALARAN', 'KUTIM', 'KALTENG', 'PONTIANAK'] } } });
  const zoneOf = Object.fromEntries(await Promise.all(units.map(async (u: any) => [u.code, await zones.ofUnit(u.id)])));
  expect(zoneOf).toEqual({ PALARAN: 'Asia/Makassar', KUTIM: 'Asia/Makassar', KALTENG: 'Asia/Jakarta', PONTIANAK: 'Asia/Jakarta' });
  // The published demo item's approval form, as pdftotext reads it.
  const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { status: 'published' } });
  const { pdf } = await app.strapi.plugin('ppid').service('approval-form').render(run.documentId);
  const text = pdfWords(pdf).map((w) => w.text).join(' ');
  expect(text).toContain('Waktu (WITA)');
  expect(text).toMatch(/\d{2}-\d{2}-\d{4} \d{2}:\d{2} WITA/);
  expect(text).not.toMatch(/\bWIB\b/);
});

it('seeds only once', async () => {
  const again = await app.strapi.plugin('ppid').service('demo').seedOnce();
  expect(again).toBeNull();
});

describe('demo roles: each SOP role can do what its step asks, nothing more', () => {
  const ITEM = 'api::information-item.information-item';
  const CM = 'plugin::content-manager.explorer';
  const perms = async (roleName: string) => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { name: roleName }, populate: ['permissions'] });
    return role.permissions as { action: string; subject: string | null; properties: any }[];
  };
  const fieldsOf = (ps: any[], action: string, subject: string) => ps.find((p) => p.action === `${CM}.${action}` && p.subject === subject)?.properties?.fields as string[] | undefined;

  it('the JFU writes every DIP field (component fields as dotted paths), never the private ppidPublic', async () => {
    const ps = await perms('palaran: JFU Pengelola Informasi');
    for (const action of ['read', 'create', 'update']) {
      const fields = fieldsOf(ps, action, ITEM)!;
      expect(fields).toEqual(expect.arrayContaining(['title', 'unit', 'kind', 'production.period', 'production.place', 'retention.activeYears', 'retention.disposition', 'announcement.bahayaDanDampak', 'form']));
      expect(fields).not.toContain('ppidPublic');
      expect(fields).not.toContain('production');
    }
    expect(fieldsOf(ps, 'read', 'plugin::ppid.unit')).toEqual(expect.arrayContaining(['name']));
    expect(fieldsOf(ps, 'read', 'api::information-kind.information-kind')).toEqual(expect.arrayContaining(['label']));
  });

  it('the Kasi, Sekretaris and Camat read everything they examine and write nothing', async () => {
    for (const name of ['palaran: Kasi Pemerintahan', 'palaran: Sekretaris Kecamatan', 'palaran: Camat Palaran']) {
      const ps = await perms(name);
      expect(fieldsOf(ps, 'read', ITEM)).toEqual(expect.arrayContaining(['production.period', 'retention.note', 'announcement.upayaYangDilakukan']));
      expect(fieldsOf(ps, 'read', ITEM)).not.toContain('ppidPublic');
      expect(ps.filter((p) => p.subject === ITEM).map((p) => p.action)).toEqual([`${CM}.read`]);
      expect(fieldsOf(ps, 'read', 'plugin::ppid.unit')).toContain('name');
    }
  });

  it('the DIP SOP: its writers manage editions; the Atasan PPID only signs', async () => {
    const has = (ps: any[], a: string) => ps.some((p) => p.action === a);
    expect(has(await perms('kutim: Petugas Informasi'), 'plugin::ppid.dip.manage')).toBe(true);
    expect(has(await perms('kutim: Kepala BKPSDM (Atasan PPID)'), 'plugin::ppid.dip.manage')).toBe(false);
  });

  it('an existing database converges on the next boot: old permissions are replaced', async () => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { name: 'palaran: Kasi Pemerintahan' } });
    // As an older version left it: top-level fields with ppidPublic, full CRUD, no unit read.
    await app.strapi.service('admin::role').assignPermissions(role.id, [
      { action: `${CM}.update`, subject: ITEM, properties: { fields: ['title', 'production', 'ppidPublic'] }, conditions: [] },
    ]);
    expect(await app.strapi.plugin('ppid').service('demo').seedOnce()).toBeNull();
    const ps = await perms('palaran: Kasi Pemerintahan');
    expect(ps.some((p) => p.action === `${CM}.update`)).toBe(false);
    expect(fieldsOf(ps, 'read', ITEM)).toContain('production.period');
    expect(fieldsOf(ps, 'read', 'plugin::ppid.unit')).toContain('name');
  });

  it('relations show names: unit and jenis informasi main fields', async () => {
    const cm = app.strapi.plugin('content-manager').service('content-types');
    const conf = await cm.findConfiguration(cm.findContentType(ITEM));
    expect(conf.metadatas.unit.edit.mainField).toBe('name');
    expect(conf.metadatas.kind.edit.mainField).toBe('label');
  });
});

describe('the information service (#15): the BKPSDM officials hold what their duty needs, logging in as seeded', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const as = async (email: string) => {
    const res = await app.http().post('/admin/login').send({ email, password: 'Demo-PPID-2026!' });
    expect(res.status).toBe(200);
    return { Authorization: `Bearer ${res.body.data.token}` };
  };
  let number = '';
  beforeAll(async () => {
    const filed = await app.http().post('/api/ppid/requests').field('data', JSON.stringify({
      applicant: { type: 'perorangan', name: 'Andi Saputra', address: 'Jl. Yos Sudarso No. 8, Sangatta', email: 'andi@example.id', phone: '+62 813-0000-0808', identityNumber: '6408010303030005' },
      information: 'Data jumlah ASN BKPSDM Kutai Timur 2026',
      purpose: 'Penelitian',
      obtainBy: 'salinan_softcopy',
      deliverBy: 'email',
    })).attach('identityScan', PNG, { filename: 'ktp.png', contentType: 'image/png' });
    expect(filed.status).toBe(201);
    number = filed.body.number;
  });

  it('SOPs 101 and 102 are mapped to the Kutai Timur officials, body-wide; the request\'s run waits for the Petugas Informasi', async () => {
    const maps = await app.strapi.db.query('plugin::ppid.role-mapping').findMany({ where: { sopCode: { $in: ['pelayanan-permohonan-informasi', 'penanganan-keberatan'] } }, populate: ['adminRole', 'unit'] });
    const pairs = maps.map((m: any) => `${m.sopCode}/${m.sopRole} -> ${m.adminRole.name}${m.unit ? ' @' + m.unit.code : ''}`).sort();
    expect(pairs).toEqual([
      'pelayanan-permohonan-informasi/petugas-informasi -> kutim: Petugas Informasi',
      'pelayanan-permohonan-informasi/ppid -> kutim: PPID',
      'pelayanan-permohonan-informasi/ppid-pelaksana -> kutim: PPID Pelaksana',
      'penanganan-keberatan/atasan-ppid -> kutim: Kepala BKPSDM (Atasan PPID)',
      'penanganan-keberatan/petugas-informasi -> kutim: Petugas Informasi',
      'penanganan-keberatan/ppid -> kutim: PPID',
    ]);
    const row = await app.strapi.db.query('plugin::ppid.information-request').findOne({ where: { number } });
    const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemDocumentId: row.documentId } });
    expect(run).toMatchObject({ sopCode: 'pelayanan-permohonan-informasi', currentStep: 1, currentRole: 'petugas-informasi' });
  });

  it('each official reaches exactly the service routes their duty needs', async () => {
    const who = {
      petugas: await as('petugas-informasi.kutim@demo.ppid.local'),
      ppid: await as('ppid.kutim@demo.ppid.local'),
      atasan: await as('atasan-ppid.kutim@demo.ppid.local'),
      pelaksana: await as('ppid-pelaksana.kutim@demo.ppid.local'),
    };
    const status = async (h: Record<string, string>, url: string) => (await app.http().get(url).set(h)).status;
    const routes = {
      notice: `/ppid/requests/${number}/notice`, // requests.manage
      scan: `/ppid/requests/${number}/identity-scan`, // requests.manage + requests.personal-data
      objection: '/ppid/objections/KEB-1999-00001', // objections.manage (404: none such)
      register: '/ppid/registers/permohonan?year=2026', // registers.read
      desk: `/ppid/requests/${number}`, // any of requests.read (the PPID Pelaksana's), .enter, .manage, objections.manage
    };
    const table: Record<string, Record<string, number>> = {};
    for (const [name, h] of Object.entries(who)) {
      table[name] = {};
      for (const [route, url] of Object.entries(routes)) table[name][route] = await status(h, url);
    }
    expect(table).toEqual({
      petugas: { notice: 200, scan: 200, objection: 403, register: 200, desk: 200 },
      ppid: { notice: 200, scan: 403, objection: 404, register: 200, desk: 200 },
      atasan: { notice: 403, scan: 403, objection: 404, register: 200, desk: 200 },
      pelaksana: { notice: 403, scan: 403, objection: 403, register: 403, desk: 200 },
    });
  });
});

describe('the drafting officer through the Content Manager doors (staf.palaran)', () => {
  const ITEM = 'api::information-item.information-item';
  let token: string;
  beforeAll(async () => {
    const res = await app.http().post('/admin/login').send({ email: 'staf.palaran@demo.ppid.local', password: 'Demo-PPID-2026!' });
    token = res.body.data.token;
  });
  const auth = () => ({ Authorization: `Bearer ${token}` });

  it('finds the unit and the jenis informasi by name', async () => {
    const units = await app.http().get(`/content-manager/relations/${ITEM}/unit`).query({ _q: 'Palaran' }).set(auth());
    expect(units.status).toBe(200);
    expect(units.body.results.map((r: any) => r.name)).toContain('Kecamatan Palaran');
    const kinds = await app.http().get(`/content-manager/relations/${ITEM}/kind`).query({ _q: 'pertemuan' }).set(auth());
    expect(kinds.status).toBe(200);
    expect(kinds.body.results.map((r: any) => r.label)).toContain('Informasi dan kebijakan dalam pertemuan terbuka untuk umum');
  });

  it('a new item without a unit takes the official’s unit, and can be submitted to the SOP', async () => {
    const created = await app
      .http()
      .post(`/content-manager/collection-types/${ITEM}`)
      .set(auth())
      .send({ title: 'Pengumuman jadwal posyandu', summary: 'Jadwal posyandu', unit: { connect: [], disconnect: [] } });
    expect(created.status).toBe(201);
    const doc = await app.strapi.documents(ITEM as any).findOne({ documentId: created.body.data.documentId, populate: ['unit'] as any });
    expect(doc.unit.name).toBe('Kecamatan Palaran');
    // Step 1 (instruct) is the Camat's: the staf is told so, the Camat opens the run (issue #16).
    const refused = await app.http().post('/ppid/runs').set(auth()).send({ uid: ITEM, documentId: created.body.data.documentId });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('Langkah 1 SOP ini dijalankan oleh Camat');
    const camat = await app.http().post('/admin/login').send({ email: 'camat.palaran@demo.ppid.local', password: 'Demo-PPID-2026!' });
    const run = await app.http().post('/ppid/runs').set({ Authorization: `Bearer ${camat.body.data.token}` }).send({ uid: ITEM, documentId: created.body.data.documentId });
    expect(run.status).toBe(201);
  });

  it('a unit the officer picked is kept', async () => {
    const other = await app.strapi.db.query('plugin::ppid.unit').findOne({ where: { code: 'PEMDA' } });
    const created = await app
      .http()
      .post(`/content-manager/collection-types/${ITEM}`)
      .set(auth())
      .send({ title: 'Profil pemerintah daerah', summary: 'Profil', unit: { connect: [{ documentId: other.documentId }] } });
    expect(created.status).toBe(201);
    const doc = await app.strapi.documents(ITEM as any).findOne({ documentId: created.body.data.documentId, populate: ['unit'] as any });
    expect(doc.unit.code).toBe('PEMDA');
  });
});
