import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, peopleFor, Person } from '../helpers/people';

// Partial exclusion (issue #16): a consequence test that excludes parts of a published item (a
// passage of one field, another field whole), decided by the PPID with the period set by the
// Atasan PPID; the public version blacked out through every public door (REST find/findOne,
// populate, GraphQL, filters, _q, sort), the public register of excluded information (JSON,
// GraphQL, CSV/XLSX/PDF) that never carries content, ids or identity numbers, and the opening of
// an exclusion under UU 14/2008 Pasal 18 ayat (2).
const ITEM = 'api::information-item.information-item';
const DIP = 'api::dip-entry.dip-entry';
const TEST_UID = 'plugin::ppid.consequence-test';
const CM = `/content-manager/collection-types/${ITEM}`;
const pdfParse: (b: Uint8Array) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');

// A small SOP of this test's own (not a seed): staf drafts, kepala signs, staf publishes.
const SOP_CODE = 'uji-pengecualian-sebagian';
const SOP_YAML = `
formatVersion: 1
code: ${SOP_CODE}
header:
  nomorSop: "000.8.3.3/0001/UJI"
  namaSop: Publikasi Informasi (uji)
  instansi: Badan Uji
  unit: null
  tanggalPembuatan: null
  tanggalRevisi: null
  tanggalEfektif: null
  disahkanOleh: { nama: Kepala Badan Uji, nip: null, jabatan: Kepala }
  dasarHukum: [UU No. 14 Tahun 2008]
  kualifikasiPelaksana: []
  keterkaitan: []
  peralatanPerlengkapan: []
  peringatan: []
  pencatatanPendataan: []
roles:
  - { key: staf, label: Staf }
  - { key: kepala, label: Kepala }
steps:
  - { number: 1, activity: Menyusun informasi, role: staf, act: draft, inputs: [], standard: tentatif, output: Draf }
  - { number: 2, activity: Menandatangani, role: kepala, act: review_signature, inputs: [], standard: tentatif, output: Disetujui, returnTo: 1 }
  - { number: 3, activity: Mempublikasikan, role: staf, act: publish, inputs: [], standard: tentatif, output: Terbit }
`;

const NIK = 'NIK 6472010101010001';
const SECRET_SUMMARY = 'Harga penawaran Zulu 987654321 rupiah';
const SECRET_TITLE = 'Rekap kasus Yankee tertutup';
const NONSENSE = 'qqqtidakadaqqq';

let app: TestApp;
let s: Record<string, Person>;
let u: Record<string, Person>;
let admin: Person;
let itemA = '';
let itemB = '';
let dipA = '';
let testA = '';
const officials: Record<string, any> = {};

const act = (who: Person, runId: string, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const sign = (who: Person) => ({ act: 'approve', password: who.password, confirmIntent: true });
const get = (url: string) => app.http().get(url);
const gql = (query: string) => app.http().post('/graphql').send({ query });
const bodyOf = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

async function publishItem(title: string, summary: string, body: string) {
  const res = await app.http().post(CM).set(bearer(s.staf)).send({ title, summary, body: bodyOf(body), classification: 'setiap_saat', holder: 'Bagian Umum' });
  expect(res.status).toBe(201);
  const documentId = res.body.data.documentId as string;
  const run = await app.http().post('/ppid/runs').set(bearer(s.staf)).send({ uid: ITEM, documentId, sopCode: SOP_CODE });
  expect([run.status, run.body?.error?.message]).toEqual([201, undefined]);
  const runId = run.body.data.id;
  expect((await act(s.staf, runId, { act: 'submit' })).status).toBe(200);
  expect((await act(s.kepala, runId, sign(s.kepala))).status).toBe(200);
  expect((await act(s.staf, runId, { act: 'publish' })).status).toBe(200);
  return documentId;
}

const BASE_TEST = {
  badanPublik: 'Badan Uji',
  unit: 'Bagian Umum',
  dasarHukum: { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'h' },
  konsekuensiJikaDibuka: 'Mengungkap rahasia pribadi',
  konsekuensiJikaDitutup: 'Publik tidak mengetahui identitas',
  pertimbanganKepentinganPublik: 'Perlindungan data pribadi lebih besar',
  masaPengecualianBerakhir: '2031-12-31',
  tempatKeputusan: 'Samarinda',
  tanggalKeputusan: '2026-02-01',
};

/** Decided through the uji-konsekuensi SOP: the PPID decides, the Atasan PPID sets the period, the PPID brings it into force. */
async function decide(testId: string) {
  const run = await app.http().post('/ppid/runs').set(bearer(u.pelaksana)).send({ uid: TEST_UID, documentId: testId });
  expect(run.status).toBe(201);
  const runId = run.body.data.id;
  expect((await act(u.pelaksana, runId, { act: 'submit' })).status).toBe(200);
  expect((await act(u.ppid, runId, sign(u.ppid))).status).toBe(200);
  expect((await act(u.atasan, runId, sign(u.atasan))).status).toBe(200);
  expect((await act(u.ppid, runId, { act: 'publish' })).status).toBe(200);
}

beforeAll(async () => {
  app = await startApp();
  const sops = app.strapi.plugin('ppid').service('sops');
  const parsed = sops.validate(SOP_YAML, 'yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await sops.save(parsed.value);
  await app.strapi.plugin('ppid').service('bindings').create({ contentType: ITEM, sopCode: SOP_CODE, isDefault: false });
  s = await peopleFor(app, SOP_CODE, [
    { key: 'staf', sopRoles: ['staf'], jabatan: 'Staf Bagian Umum' },
    { key: 'kepala', sopRoles: ['kepala'], jabatan: 'Kepala Badan Uji' },
  ]);
  u = await peopleFor(app, 'uji-konsekuensi', [
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID Badan Uji' },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Kepala Badan selaku Atasan PPID' },
  ]);
  for (const k of ['ppid', 'atasan', 'pelaksana']) officials[k] = await app.strapi.db.query('plugin::ppid.official').findOne({ where: { user: u[k].id } });
  // The PPID's and the Atasan PPID's admin roles carry the consequence-tests page (classification.manage).
  for (const k of ['ppid', 'atasan']) await app.strapi.db.query('admin::permission').create({ data: { action: 'plugin::ppid.classification.manage', subject: null, properties: {}, conditions: [], role: u[k].roleId } });
  const superRole = await app.strapi.service('admin::role').getSuperAdmin();
  const password = 'Rahasia-Admin-123';
  const su = await app.strapi.plugin('ppid').service('directory').ensureUser({ email: 'admin.excl@example.go.id', firstname: 'Admin', password, roles: [superRole.id] });
  admin = { id: su.id, email: 'admin.excl@example.go.id', password, token: await login(app, 'admin.excl@example.go.id', password), roleId: superRole.id };

  itemA = await publishItem('Daftar penerima bantuan Xray', SECRET_SUMMARY, `Penerima pertama ${NIK} di Kelurahan Contoh.`);
  itemB = await publishItem(SECRET_TITLE, 'Ringkasan kasus Yankee', 'Isi kasus Yankee');
  const dip = await app.strapi.documents(DIP as any).create({
    data: { ringkasan: 'Entri daftar penerima', pejabatUnit: 'Bagian Umum', penanggungJawab: 'PPID', bentuk: 'softcopy', classification: 'setiap_saat', informationItem: itemA } as any,
  });
  await app.strapi.documents(DIP as any).publish({ documentId: dip.documentId });
  dipA = dip.documentId;
}, 240000);

afterAll(async () => {
  await app?.stop();
});

describe('a partial exclusion, decided', () => {
  it('refuses parts that name no text field of the item (400 by path)', async () => {
    for (const kolom of ['attachments', 'ppidPublic', 'tidakAda']) {
      const bad = await app.http().post('/ppid/consequence-tests').set(bearer(admin)).send({
        itemDocumentId: itemA, informasi: 'Data penerima', cakupan: 'sebagian',
        bagianDikecualikan: [{ kolom, hurufPasal17: 'h', alasan: 'x', uraian: 'y' }],
      });
      expect([kolom, bad.status]).toEqual([kolom, 400]);
      expect(bad.body.error.details.errors[0].path).toEqual(['bagianDikecualikan[0]', 'kolom']);
    }
  });

  it('before the decision the item is public whole; decided, its parts are blacked out and it stays published', async () => {
    expect(JSON.stringify((await get(`/api/information-items/${itemA}`)).body)).toContain(NIK);
    const t = await app.http().post('/ppid/consequence-tests').set(bearer(admin)).send({
      ...BASE_TEST,
      itemDocumentId: itemA,
      informasi: 'Data pribadi penerima bantuan dan harga penawaran',
      cakupan: 'sebagian',
      nomorKeputusan: '000.5/11/PPID/2026',
      bagianDikecualikan: [
        { kolom: 'body', kutipan: NIK, hurufPasal17: 'h', alasan: 'Nomor induk kependudukan penerima', uraian: 'nomor induk kependudukan penerima' },
        { kolom: 'summary', hurufPasal17: 'b', alasan: 'Rahasia dagang penyedia', uraian: 'harga penawaran penyedia' },
      ],
    });
    expect(t.status).toBe(201);
    testA = t.body.data.id;
    await decide(testA);
    const res = await get(`/api/information-items/${itemA}`);
    expect(res.status).toBe(200);
    expect(res.body.data.summary).toBe('[DIKECUALIKAN — Pasal 17 huruf b]');
    expect(res.body.data.body).toEqual(bodyOf('Penerima pertama [DIKECUALIKAN — Pasal 17 huruf h] di Kelurahan Contoh.'));
    expect(res.body.data.title).toBe('Daftar penerima bantuan Xray');
    // The decided test names who signed, from the records.
    const view = await app.http().get(`/ppid/consequence-tests/${testA}`).set(bearer(admin));
    expect(view.body.data.pejabatPemutus.map((p: any) => [p.nama, p.peran])).toEqual([[officials.ppid.nama, 'PPID'], [officials.atasan.nama, 'Atasan PPID']]);
  });
});

describe('every public door shows the blacked-out version', () => {
  const hidden = (x: unknown) => {
    const text = JSON.stringify(x);
    return !text.includes('6472010101010001') && !text.includes('Zulu') && !text.includes('987654321');
  };

  it('REST find, findOne, fields, populate from a related type', async () => {
    for (const url of [
      '/api/information-items',
      `/api/information-items/${itemA}`,
      '/api/information-items?fields[0]=summary',
      '/api/information-items?fields[0]=body&fields[1]=title',
      '/api/dip-entries?populate=informationItem',
      `/api/dip-entries/${dipA}?populate=*`,
      '/api/dip-entries?populate[informationItem][fields][0]=summary',
    ]) {
      const res = await get(url);
      expect([url, res.status]).toEqual([url, 200]);
      expect([url, hidden(res.body)]).toEqual([url, true]);
      expect(JSON.stringify(res.body)).toContain('[DIKECUALIKAN — Pasal 17 huruf');
    }
  });

  it('GraphQL: the collection, one document and the relation from a DIP entry', async () => {
    const res = await gql(`{ informationItems { documentId summary body } informationItem(documentId: "${itemA}") { summary body } dipEntries { informationItem { summary body } } }`);
    expect(res.body.errors).toBeUndefined();
    expect(hidden(res.body)).toBe(true);
    expect(res.body.data.informationItem.summary).toBe('[DIKECUALIKAN — Pasal 17 huruf b]');
    expect(res.body.data.dipEntries[0].informationItem.summary).toBe('[DIKECUALIKAN — Pasal 17 huruf b]');
  });

  it('filters, $not, relation filters, _q and GraphQL filters answer alike for the hidden text and for nonsense', async () => {
    const ids = (res: any) => (res.body.data ?? []).map((d: any) => d.documentId).sort();
    const shapes = [
      (w: string) => `/api/information-items?filters[summary][$containsi]=${encodeURIComponent(w)}`,
      (w: string) => `/api/information-items?filters[$not][summary][$containsi]=${encodeURIComponent(w)}`,
      (w: string) => `/api/information-items?filters[$or][0][summary][$containsi]=${encodeURIComponent(w)}&filters[$or][1][title][$eq]=x`,
      (w: string) => `/api/information-items?_q=${encodeURIComponent(w)}`,
      (w: string) => `/api/dip-entries?filters[informationItem][summary][$containsi]=${encodeURIComponent(w)}`,
    ];
    for (const shape of shapes) {
      const secret = await get(shape('Zulu'));
      const none = await get(shape(NONSENSE));
      expect([shape('Zulu'), secret.status]).toEqual([shape('Zulu'), 200]);
      expect([shape('Zulu'), ids(secret)]).toEqual([shape('Zulu'), ids(none)]);
    }
    // The visible fields still filter and search.
    expect(ids(await get('/api/information-items?filters[title][$containsi]=Xray'))).toEqual([itemA]);
    const g = await gql('{ informationItems(filters: { summary: { containsi: "Zulu" } }) { documentId } }');
    expect(g.body.errors).toBeUndefined();
    expect(g.body.data.informationItems).toEqual([]);
  });

  it('sorting by a partly excluded field is refused (400); by another field it works', async () => {
    const res = await get('/api/information-items?sort=summary:asc');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ field: 'sort', reason: 'sort_on_excluded_field' });
    expect((await get('/api/information-items?sort=title:asc')).status).toBe(200);
  });

  it('the admin still reads the full text (the decision does not change the sealed content)', async () => {
    const res = await app.http().get(`${CM}/${itemA}`).set(bearer(admin));
    expect(JSON.stringify(res.body)).toContain(NIK);
  });
});

describe('the register of excluded information (Daftar Informasi yang Dikecualikan)', () => {
  it('a whole exclusion takes the item off the public API and is listed too', async () => {
    const t = await app.http().post('/ppid/consequence-tests').set(bearer(admin)).send({
      ...BASE_TEST, itemDocumentId: itemB, informasi: 'Berkas kasus disiplin pegawai', dasarHukum: { ...BASE_TEST.dasarHukum, hurufPasal17: 'a' }, nomorKeputusan: '000.5/12/PPID/2026',
    });
    expect(t.status).toBe(201);
    await decide(t.body.data.id);
    const live = await app.strapi.db.query(ITEM).findMany({ where: { documentId: itemB, publishedAt: { $notNull: true } } });
    const reg = await app.strapi.db.query('plugin::ppid.excluded-information').findMany({ where: { itemDocumentId: itemB } });
    expect([live.length, reg.map((r: any) => [r.cakupan, r.status])]).toEqual([0, [['seluruh', 'berlaku']]]);
    expect((await get(`/api/information-items/${itemB}`)).status).toBe(404);
  });

  it('is public, in JSON and GraphQL, with what, letter, period, number and date; never content, ids or identity numbers', async () => {
    const res = await get('/api/ppid/excluded-register');
    expect(res.status).toBe(200);
    const rows = res.body.data;
    expect(rows.map((r: any) => [r.nomor, r.cakupan, r.hurufPasal17, r.nomorKeputusan, r.status])).toEqual([
      [1, 'sebagian', 'h', '000.5/11/PPID/2026', 'berlaku'],
      [2, 'sebagian', 'b', '000.5/11/PPID/2026', 'berlaku'],
      [3, 'seluruh', 'a', '000.5/12/PPID/2026', 'berlaku'],
    ]);
    expect(rows[0]).toMatchObject({ uraian: 'Data pribadi penerima bantuan dan harga penawaran: nomor induk kependudukan penerima', jangkaWaktu: 'sampai 31 Desember 2031', tanggalKeputusan: '2026-02-01', dasarHukum: 'UU 14/2008 Pasal 17 huruf h' });
    const g = await gql('{ excludedInformationRegister { nomor uraian hurufPasal17 jangkaWaktu nomorKeputusan tanggalKeputusan status } }');
    expect(g.body.errors).toBeUndefined();
    expect(g.body.data.excludedInformationRegister).toHaveLength(3);

    const all = JSON.stringify([res.body, g.body]);
    const forbidden = [
      '6472010101010001', 'Zulu', 'Yankee', 'Xray', 'Kelurahan Contoh', itemA, itemB, testA, dipA,
      officials.ppid.nip, officials.atasan.nip, officials.pelaksana.nip, 'itemDocumentId', 'testDocumentId', 'kutipan', 'kolom', '"id"', 'documentId',
    ];
    for (const f of forbidden) expect([f, all.includes(f)]).toEqual([f, false]);

    for (const format of ['csv', 'pdf', 'xlsx']) {
      const file = await get(`/api/ppid/excluded-register/export?format=${format}`).buffer(true).parse((r: any, cb: any) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect([format, file.status]).toEqual([format, 200]);
      let text = '';
      if (format === 'csv') text = file.body.toString('utf8');
      else if (format === 'pdf') text = (await pdfParse(new Uint8Array(file.body))).text;
      else {
        const ExcelJS = require('exceljs');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(file.body);
        wb.eachSheet((ws: any) => ws.eachRow((row: any) => (text += `${row.values.join('|')}\n`)));
      }
      expect([format, text.replace(/\s+/g, ' ')]).toEqual([format, expect.stringContaining('Berkas kasus disiplin pegawai')]);
      expect(text).toContain('000.5/11/PPID/2026');
      for (const f of forbidden.slice(0, 12)) expect([format, f, text.includes(f)]).toEqual([format, f, false]);
    }
    expect((await get('/api/ppid/excluded-register/export?format=doc')).status).toBe(400);
  });
});

describe('UU 14/2008 Pasal 18 ayat (2): opening an exclusion', () => {
  const entries = async () => (await app.http().get('/ppid/excluded-information').set(bearer(admin))).body.data;
  const open = (who: Person, id: string, body: Record<string, unknown>) => app.http().post(`/ppid/excluded-information/${id}/open`).set(bearer(who)).send(body);

  it('only letters g and h, only the PPID, with the ground named, the statement confirmed and the password', async () => {
    const list = await entries();
    const nik = list.find((e: any) => e.hurufPasal17 === 'h');
    const dagang = list.find((e: any) => e.hurufPasal17 === 'b');
    const ok = { dasar: 'persetujuan_tertulis', keterangan: 'Surat persetujuan tertulis penerima tanggal 3 Februari 2026', confirmIntent: true, password: u.ppid.password };
    const refused = await open(u.ppid, dagang.id, ok);
    expect([refused.status, refused.body.error?.details?.reason, refused.body.error?.message]).toEqual([409, 'not_openable', expect.any(String)]);
    // The Atasan PPID (and a Super Admin holding no role) does not decide consequence tests.
    expect((await open(u.atasan, nik.id, { ...ok, password: u.atasan.password })).status).toBe(403);
    expect((await open(admin, nik.id, { ...ok, password: admin.password })).status).toBe(403);
    const badGround = await open(u.ppid, nik.id, { ...ok, dasar: 'kepentingan_umum' });
    expect(badGround.status).toBe(400);
    expect((await open(u.ppid, nik.id, { ...ok, keterangan: '' })).status).toBe(400);
    expect((await open(u.ppid, nik.id, { ...ok, confirmIntent: false })).status).toBe(400);
    expect((await open(u.ppid, nik.id, { ...ok, password: 'salah-sandi' })).status).toBe(400);
    expect(JSON.stringify((await get(`/api/information-items/${itemA}`)).body)).not.toContain('6472010101010001');

    const opened = await open(u.ppid, nik.id, ok);
    expect(opened.status).toBe(200);
    expect(opened.body.data).toMatchObject({ status: 'dibuka', dibuka: { ground: 'persetujuan_tertulis' } });
    expect((await open(u.ppid, nik.id, ok)).status).toBe(409);
    // The part is public now; the other part stays blacked out.
    const item = await get(`/api/information-items/${itemA}`);
    expect(item.body.data.body).toEqual(bodyOf(`Penerima pertama ${NIK} di Kelurahan Contoh.`));
    expect(item.body.data.summary).toBe('[DIKECUALIKAN — Pasal 17 huruf b]');
    // Recorded and signed in the chain.
    const rec = await app.strapi.db.query('plugin::ppid.signature-record').findOne({ where: { itemDocumentId: nik.id, kind: 'tanda_tangan' } });
    expect(rec.body.signer.nama).toBe(officials.ppid.nama);
    expect(rec.body.note).toContain('Pasal 18 ayat (2) huruf a');
    expect((await app.strapi.plugin('ppid').service('records').verifyChains()).ok).toBe(true);
    const reg = (await get('/api/ppid/excluded-register')).body.data;
    expect(reg[0]).toMatchObject({ status: 'dibuka', dasarPembukaan: 'UU 14/2008 Pasal 18 ayat (2) huruf a' });
    expect(JSON.stringify(reg)).not.toContain('Surat persetujuan');
  });
});

describe('migration 002: a database on the earlier template gets the lawful one', () => {
  it('the old shape (the Atasan PPID decides) is replaced by a new version; a body’s own edit is left alone', async () => {
    const { MIGRATIONS } = require('../../packages/strapi-plugin-ppid/server/src/platform/migrations');
    const m = MIGRATIONS.find((x: any) => x.id === '002-uji-konsekuensi-roles');
    const sops = app.strapi.plugin('ppid').service('sops');
    const current = async () => sops.current('uji-konsekuensi');
    const def = JSON.parse(JSON.stringify((await current()).definition));
    const old = { ...def, steps: def.steps.map((st: any) => (st.number === 2 ? { ...st, act: 'review_paraf' } : st.number === 3 ? { ...st, act: 'decide' } : st)) };
    await sops.save(old);
    const before = (await current()).version;
    await m.up({ strapi: app.strapi, trx: null });
    const after = await current();
    expect(after.version).toBe(before + 1);
    expect(after.definition.steps.map((st: any) => [st.role, st.act])).toEqual([['ppid-pelaksana', 'draft'], ['ppid', 'decide'], ['atasan-ppid', 'establish'], ['ppid', 'publish']]);
    await m.up({ strapi: app.strapi, trx: null });
    expect((await current()).version).toBe(after.version);
  });
});
