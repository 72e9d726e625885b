import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';
import { startSecondInstance } from '../helpers/second-instance';

// Every public door of security issue #12, anonymous and with a read-only API token: draft DIP
// proposals, sort/filter through a relation to hidden items, publication facts of a consequence
// test, a restart re-flagging tampered content, the
// public flag on every write door, a decided consequence test unpublishing its item, and the
// attachments of items that are not public (downloads and the upload API's `related`).
// Items are published properly (through their SOP run); the "excluded" one is then classified
// dikecualikan, so the guard's classification clause is what hides it, not the publication flag.
const ITEM = 'api::information-item.information-item';
const DIP = 'api::dip-entry.dip-entry';
const TEST_UID = 'plugin::ppid.consequence-test';
const SOP = 'kalteng-pendokumentasian-publikasi';
const CM = `/content-manager/collection-types/${ITEM}`;

let app: TestApp;
let p: Record<string, Person>;
let u: Record<string, Person>;
let admin: Person;
let unitId: number;
let readOnlyToken = '';
let fullToken = '';

const TITLES = {
  pub: 'Profil Kecamatan Terbuka Alfa',
  excl: 'Rencana pengamanan rahasia Bravo',
  unpub: 'Pengumuman ditarik Charlie',
  draft: 'Rancangan pengumuman Delta',
  ct: 'Dokumen diuji konsekuensi Echo',
  tam: 'Laporan keuangan Foxtrot',
};
type Key = keyof typeof TITLES;
const ids = {} as Record<Key, string>;
const files = {} as Record<Key | 'free', { id: number; url: string; formats: Record<string, { url: string }> | null }>;
const dips: Record<'toPub' | 'toExcl' | 'none', string> = { toPub: '', toExcl: '', none: '' };
let ctTestId = '';

const act = (who: Person, runId: string, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const sign = (who: Person) => ({ act: 'approve', password: who.password, confirmIntent: true });

async function uploadImage(label: string) {
  const file = path.join(os.tmpdir(), `ppid-doors-${label}-${process.pid}.png`);
  await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toFile(file);
  const [f] = await app.strapi.plugin('upload').service('upload').upload({
    data: {},
    files: { filepath: file, originalFilename: `${label}.png`, mimetype: 'image/png', size: fs.statSync(file).size },
  });
  fs.unlinkSync(file);
  return { id: f.id, url: f.url, formats: f.formats ?? null };
}

/** Created by the PPID Pembantu in the Content Manager, with one attachment. */
async function createItem(key: Key) {
  const res = await app.http().post(CM).set(bearer(p.pembantu)).send({ title: TITLES[key], summary: `Ringkasan ${TITLES[key]}`, classification: 'setiap_saat', unit: unitId, attachments: [files[key].id] });
  expect(res.status).toBe(201);
  ids[key] = res.body.data.documentId;
}

/** Seed 001 end to end: collect, approve, establish, publish. */
async function publishThroughSop(key: Key) {
  const s = await app.http().post('/ppid/runs').set(bearer(p.pembantu)).send({ uid: ITEM, documentId: ids[key], sopCode: SOP });
  expect(s.status).toBe(201);
  const runId = s.body.data.id;
  expect((await act(p.pembantu, runId, { act: 'submit' })).status).toBe(200);
  expect((await act(p.utama, runId, sign(p.utama))).status).toBe(200);
  expect((await act(p.utama, runId, sign(p.utama))).status).toBe(200);
  const pub = await act(p.admin, runId, { act: 'publish' });
  expect(pub.status).toBe(200);
  expect(pub.body.data.status).toBe('published');
}

const draftProposal = (documentId: string) =>
  app.strapi.db.query(DIP).findOne({ where: { informationItem: { documentId }, publishedAt: { $null: true } } });

async function waitFor(check: () => Promise<unknown>) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

async function createDip(ringkasan: string, item: string | null) {
  const doc = await app.strapi.documents(DIP as any).create({
    data: { ringkasan, pejabatUnit: 'Kecamatan Contoh', penanggungJawab: 'PPID Pembantu', bentuk: 'softcopy', classification: 'setiap_saat', ...(item ? { informationItem: item } : {}) } as any,
  });
  await app.strapi.documents(DIP as any).publish({ documentId: doc.documentId });
  return doc.documentId as string;
}

/** The item `ct` is found to be excluded: its consequence test decided through the uji-konsekuensi run. */
async function decideConsequenceTest() {
    expect((await app.http().get(`/api/information-items/${ids.ct}`)).status).toBe(200);
    const t = await app.http().post('/ppid/consequence-tests').set(bearer(admin)).send({
      itemDocumentId: ids.ct,
      informasi: TITLES.ct,
      badanPublik: 'Pemerintah Kabupaten Contoh',
      unit: 'Kecamatan Contoh',
      dasarHukum: { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'c' },
      konsekuensiJikaDibuka: 'Membahayakan pertahanan dan keamanan',
      konsekuensiJikaDitutup: 'Publik tidak mengetahui rincian pengamanan',
      pertimbanganKepentinganPublik: 'Kepentingan keamanan lebih besar',
      masaPengecualianBerakhir: '2030-12-31',
      nomorKeputusan: '000.5/03/PPID/2026',
      tempatKeputusan: 'Contoh',
      tanggalKeputusan: '2026-01-15',
    });
    expect(t.status).toBe(201);
    ctTestId = t.body.data.id;
    const s = await app.http().post('/ppid/runs').set(bearer(u.pelaksana)).send({ uid: TEST_UID, documentId: ctTestId });
    expect(s.status).toBe(201);
    const runId = s.body.data.id as string;
    expect((await act(u.pelaksana, runId, { act: 'submit' })).status).toBe(200);
    expect((await act(u.ppid, runId, sign(u.ppid))).status).toBe(200);
    expect((await act(u.atasan, runId, sign(u.atasan))).status).toBe(200);
    const pub = await act(u.ppid, runId, { act: 'publish' });
    expect(pub.status).toBe(200);

}

beforeAll(async () => {
  app = await startApp();
  const dir = app.strapi.plugin('ppid').service('directory');
  unitId = (await dir.ensureUnit({ code: 'KEC-PINTU', name: 'Kecamatan Contoh' })).id;
  p = await peopleFor(app, SOP, [
    { key: 'pembantu', sopRoles: ['ppid-pembantu'], jabatan: 'PPID Pembantu', unit: unitId },
    { key: 'utama', sopRoles: ['ppid-utama'], jabatan: 'PPID Utama', unit: unitId },
    { key: 'admin', sopRoles: ['admin-ppid'], jabatan: 'Admin PPID', unit: unitId },
  ]);
  u = await peopleFor(app, 'uji-konsekuensi', [
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID' },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah selaku Atasan PPID' },
  ]);
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const password = 'Super-Admin-123';
  const user = await dir.ensureUser({ email: 'super.pintu@example.go.id', firstname: 'Super', password, roles: [role.id] });
  const login = await app.http().post('/admin/login').send({ email: 'super.pintu@example.go.id', password });
  admin = { id: user.id, email: 'super.pintu@example.go.id', password, token: login.body.data.token, roleId: role.id };

  for (const key of [...(Object.keys(TITLES) as Key[]), 'free' as const]) files[key] = await uploadImage(key);
  for (const key of Object.keys(TITLES) as Key[]) await createItem(key);
  for (const key of ['pub', 'excl', 'unpub', 'ct', 'tam'] as Key[]) await publishThroughSop(key);
  // Each publication proposed its own draft DIP entry (after the commit).
  await waitFor(async () => (await Promise.all((['pub', 'excl', 'unpub', 'ct', 'tam'] as Key[]).map((k) => draftProposal(ids[k])))).every(Boolean));

  // Classified dikecualikan after publication: the published row keeps its flag, so only the
  // guard's classification clause hides it.
  await app.strapi.db.query(ITEM).updateMany({ where: { documentId: ids.excl }, data: { classification: 'dikecualikan' } });
  // Unpublished by an editor (recorded); its draft DIP proposal stays.
  const un = await app.http().post(`${CM}/${ids.unpub}/actions/unpublish`).set(bearer(admin)).send({});
  expect(un.status).toBe(200);

  dips.toPub = await createDip('Entri ke informasi terbuka', ids.pub);
  dips.toExcl = await createDip('Entri ke informasi dikecualikan', ids.excl);
  dips.none = await createDip('Entri tanpa informasi', null);

  await decideConsequenceTest();

  readOnlyToken = (await app.strapi.service('admin::api-token').create({ name: 'baca-pintu', type: 'read-only', lifespan: null, permissions: [] })).accessKey;
  fullToken = (await app.strapi.service('admin::api-token').create({ name: 'penuh-pintu', type: 'full-access', lifespan: null, permissions: [] })).accessKey;
  // The public role may list uploaded files (to show that `related` leaks nothing).
  const pub = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  for (const action of ['plugin::upload.content-api.find', 'plugin::upload.content-api.findOne']) {
    await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: pub.id } });
  }
}, 240000);

afterAll(async () => {
  if (app) for (const f of Object.values(files)) await app.strapi.plugin('upload').service('upload').remove(await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: f.id } })).catch(() => undefined);
  await app?.stop();
});

const clients: [string, () => Record<string, string>][] = [
  ['anonymous', () => ({})],
  ['read-only API token', () => ({ Authorization: `Bearer ${readOnlyToken}` })],
];
const HIDDEN_WORDS = /Bravo|Charlie|Delta|Echo/;

it('the setup is real: the draft proposals, the relations and the hidden attachments exist', async () => {
  for (const k of ['pub', 'excl', 'unpub', 'ct'] as Key[]) expect(await draftProposal(ids[k])).toBeTruthy();
  const excl = await app.strapi.db.query(ITEM).findOne({ where: { documentId: ids.excl, publishedAt: { $notNull: true } } });
  expect(excl).toMatchObject({ classification: 'dikecualikan', ppidPublic: true });
  expect(files.excl.formats?.thumbnail?.url).toMatch(/^\/uploads\/thumbnail_/);
  const entry = await app.strapi.documents(DIP as any).findOne({ documentId: dips.toExcl, status: 'published', populate: ['informationItem'] });
  expect((entry as any).informationItem?.documentId).toBe(ids.excl);
});

describe.each(clients)('REST, %s', (_name, auth) => {
  const get = (url: string) => app.http().get(url).set(auth());
  const docIds = (res: any) => (res.body.data ?? []).map((d: any) => d.documentId);

  it('no draft DIP proposal is public (status=draft, populate)', async () => {
    const drafts = await get('/api/dip-entries?status=draft&populate=*&pagination[pageSize]=100');
    expect(drafts.status).toBe(200);
    expect(drafts.body.data.every((d: any) => d.publishedAt)).toBe(true);
    expect(JSON.stringify(drafts.body)).not.toMatch(HIDDEN_WORDS);
    const proposal = await draftProposal(ids.unpub);
    expect((await get(`/api/dip-entries/${proposal.documentId}?status=draft`)).status).toBe(404);
    expect((await get(`/api/dip-entries/${proposal.documentId}`)).status).toBe(404);
  });

  it('sorting dip-entries by a field of the related item is refused (no ordering oracle)', async () => {
    for (const q of ['sort=informationItem.title:asc', 'sort[0]=informationItem.title:desc', 'sort=informationItem.classification:asc']) {
      const res = await get(`/api/dip-entries?${q}`);
      expect([q, res.status]).toEqual([q, 400]);
      expect(res.body.error.details).toMatchObject({ field: 'sort' });
    }
    expect((await get('/api/dip-entries?sort=ringkasan:asc')).status).toBe(200);
  });

  it('$null / $notNull on the related item: 200, over public items only', async () => {
    const none = await get('/api/dip-entries?filters[informationItem][$null]=true');
    expect(none.status).toBe(200);
    expect(docIds(none).sort()).toEqual([dips.toExcl, dips.none].sort());
    const some = await get('/api/dip-entries?filters[informationItem][$notNull]=true');
    expect(some.status).toBe(200);
    expect(docIds(some)).toEqual([dips.toPub]);
    const not = await get('/api/dip-entries?filters[informationItem][$null]=false');
    expect(docIds(not)).toEqual([dips.toPub]);
  });

  it('publication facts: 404 for a consequence test, an excluded and an unpublished item', async () => {
    expect((await get(`/api/ppid/publications/${ids.pub}`)).status).toBe(200);
    expect((await get(`/api/ppid/publications/${ctTestId}`)).status).toBe(404);
    for (const k of ['excl', 'unpub', 'draft', 'ct'] as Key[]) expect([k, (await get(`/api/ppid/publications/${ids[k]}`)).status]).toEqual([k, 404]);
  });

  it('attachments of items that are not public cannot be downloaded, nor their image formats', async () => {
    expect((await get(files.pub.url)).status).toBe(200);
    expect((await get(files.pub.formats!.thumbnail.url)).status).toBe(200);
    expect((await get(files.free.url)).status).toBe(200);
    // The same file by other spellings the static server accepts.
    const name = files.excl.url.slice('/uploads/'.length);
    for (const alias of [`/uploads//${name}`, `/%75ploads/${name}`, `/uploads/./${name}`, `/portal/../uploads/${name}`, `/uploads/${encodeURIComponent(name).replace('_', '%5F')}`]) {
      expect([alias, (await get(alias)).status]).toEqual([alias, 404]);
    }
    for (const k of ['excl', 'unpub', 'draft', 'ct'] as Key[]) {
      expect([k, (await get(files[k].url)).status]).toEqual([k, 404]);
      for (const f of Object.values(files[k].formats ?? {})) expect([k, f.url, (await get(f.url)).status]).toEqual([k, f.url, 404]);
    }
  });

  it('the upload API never lists a non-public item in `related`, nor a file attached only to such items', async () => {
    for (const url of ['/api/upload/files?populate=related', '/api/upload/files?populate=*']) {
      const res = await get(url);
      expect([url, res.status]).toEqual([url, 200]);
      const list = Array.isArray(res.body) ? res.body : res.body.data;
      const pub = list.find((f: any) => f.id === files.pub.id);
      expect(pub.related.map((r: any) => r.documentId)).toContain(ids.pub);
      expect(JSON.stringify(list)).not.toMatch(HIDDEN_WORDS);
    }
    // The files of items that are not public are not listed at all (their names and URLs).
    const listed = await get('/api/upload/files');
    const listedIds = (Array.isArray(listed.body) ? listed.body : listed.body.data).map((f: any) => f.id);
    expect(listedIds).toEqual(expect.arrayContaining([files.pub.id, files.free.id]));
    for (const k of ['excl', 'unpub', 'draft', 'ct'] as Key[]) {
      expect(listedIds).not.toContain(files[k].id);
      expect([k, (await get(`/api/upload/files/${files[k].id}?populate=*`)).status]).toEqual([k, 404]);
    }
    const item = await get(`/api/information-items/${ids.pub}?populate=attachments`);
    expect(item.body.data.attachments.map((f: any) => f.id)).toEqual([files.pub.id]);
  });
});

describe.each(clients)('GraphQL, %s', (_name, auth) => {
  const gql = (query: string) => app.http().post('/graphql').set(auth()).send({ query });

  it('dipEntries(status: DRAFT) lists no draft proposal', async () => {
    const res = await gql('{ dipEntries(status: DRAFT, pagination: { limit: 100 }) { documentId ringkasan publishedAt } dipEntries_connection(status: DRAFT) { pageInfo { total } } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.dipEntries).toEqual([]);
    expect(res.body.data.dipEntries_connection.pageInfo.total).toBe(0);
  });

  it('sorting by the related item is refused; $null on the relation answers over public items', async () => {
    const sorted = await gql('{ dipEntries(sort: "informationItem.title:asc") { documentId } }');
    expect(sorted.body.errors?.[0]?.message).toMatch(/sort/);
    expect(sorted.body.data?.dipEntries ?? null).toBeNull();
    const none = await gql('{ dipEntries(filters: { informationItem: { documentId: { null: true } } }) { documentId } }');
    expect(none.body.errors).toBeUndefined();
  });
});

describe('the public flag is written by the publish act only', () => {
  const reset = () => app.strapi.db.query(ITEM).updateMany({ where: { documentId: ids.draft }, data: { ppidPublic: false } });
  const flagOfDraft = async () => (await app.strapi.db.query(ITEM).findOne({ where: { documentId: ids.draft, publishedAt: { $null: true } } })).ppidPublic;

  it('document service: create and update with ppidPublic are refused (400)', async () => {
    await reset();
    await expect(app.strapi.documents(ITEM as any).update({ documentId: ids.draft, data: { ppidPublic: true } as any })).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(app.strapi.documents(ITEM as any).create({ data: { title: 'Bendera palsu', summary: 'x', classification: 'setiap_saat', ppidPublic: true } as any })).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await flagOfDraft()).toBe(false);
    expect(await app.strapi.db.query(ITEM).count({ where: { title: 'Bendera palsu' } })).toBe(0);
  });

  // Each door starts from a draft whose flag is false (set directly, as setup).
  const doors: [string, () => Promise<{ status: number; body: any }>][] = [
    ['Content Manager', () => app.http().put(`${CM}/${ids.draft}`).set(bearer(admin)).send({ title: TITLES.draft, ppidPublic: true })],
    ['REST (full-access token)', () => app.http().put(`/api/information-items/${ids.draft}?status=draft`).set('Authorization', `Bearer ${fullToken}`).send({ data: { ppidPublic: true } })],
    ['GraphQL (full-access token)', () => app.http().post('/graphql').set('Authorization', `Bearer ${fullToken}`).send({ query: `mutation { updateInformationItem(documentId: "${ids.draft}", status: DRAFT, data: { ppidPublic: true }) { documentId } }` })],
  ];
  it.each(doors)('%s: refused (400, field ppidPublic)', async (door, send) => {
    await reset();
    const res = await send();
    if (door.startsWith('GraphQL')) {
      expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(res.body.errors[0].message).toMatch(/^ppidPublic:/);
    } else {
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['ppidPublic']);
    }
    expect(await flagOfDraft()).toBe(false);
  });
});

describe('a decided consequence test takes the item off the public API at once, recorded', () => {
  it('decided through its run: the item is unpublished and an unpublish record is sealed', async () => {
    expect((await app.http().get(`/api/information-items/${ids.ct}`)).status).toBe(404);
    expect(await app.strapi.db.query(ITEM).count({ where: { documentId: ids.ct, publishedAt: { $notNull: true } } })).toBe(0);
    const records = await app.strapi.db.query('plugin::ppid.signature-record').findMany({ where: { itemDocumentId: ids.ct, kind: 'unpublish' } });
    expect(records).toHaveLength(1);
    const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { itemUid: ITEM, itemDocumentId: ids.ct }, orderBy: { id: 'desc' } });
    expect(run.status).toBe('unpublished');
    expect(records[0].runDocumentId).toBe(run.documentId);
    const report = await app.strapi.plugin('ppid').service('records').verifyChains();
    expect(report.ok).toBe(true);
  });
});

describe('a restart never makes unapproved content public', () => {
  it('a published row changed behind the workflow stays hidden after a restart, and verify reports it', async () => {
    const get = (url: string) => app.http().get(url);
    expect((await get(`/api/information-items/${ids.tam}`)).status).toBe(200);
    // Behind the workflow's back: the published row is replaced by a changed copy (raw SQL).
    const knex = app.strapi.db.connection;
    const table = app.strapi.db.metadata.get(ITEM).tableName;
    await knex(table).where({ document_id: ids.tam }).whereNotNull('published_at').del();
    const draft = await knex(table).where({ document_id: ids.tam }).whereNull('published_at').first();
    const { id: _id, ...copy } = draft;
    for (const [k, v] of Object.entries(copy)) if (v !== null && typeof v === 'object' && !(v instanceof Date)) copy[k] = JSON.stringify(v);
    await knex(table).insert({ ...copy, title: 'Laporan keuangan Foxtrot (diubah diam-diam)', published_at: new Date() });
    expect((await get(`/api/information-items/${ids.tam}`)).status).toBe(404);

    // A real restart: a second instance boots on the same database (its bootstrap syncs the flags).
    const second = await startSecondInstance();
    await second.stop();
    const after = await get(`/api/information-items/${ids.tam}`);
    expect(after.status).toBe(404);
    expect((await knex(table).where({ document_id: ids.tam }).whereNotNull('published_at').first()).ppid_public).toBeFalsy();
    const report = await app.strapi.plugin('ppid').service('verification').verifyAll();
    expect(report.problems.some((pr: any) => pr.itemDocumentId === ids.tam)).toBe(true);
  }, 120000);
});
