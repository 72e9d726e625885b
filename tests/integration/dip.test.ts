import path from 'path';
import { parse as parseCsvSync } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, peopleFor, Person } from '../helpers/people';
import { INTENT_STATEMENTS } from '../../packages/strapi-plugin-ppid/server/src/core/signature/intent';

// The DIP end to end: entries proposed from published items, an edition snapshotted and taken
// through seed 002 (Penetapan dan Pemutakhiran DIP) to an established, signed decree with a
// number; public reads and exports; the diff of an update edition; import; exclusion; numbering.
const SOP = 'kutim-bkpsdm-penetapan-dip';
const EDITION = 'plugin::ppid.dip-edition';
const ENTRY = 'api::dip-entry.dip-entry';
const ITEM = 'api::information-item.information-item';
const PERKI_HEADERS = [
  'Nomor',
  'Ringkasan Isi Informasi',
  'Pejabat atau Unit/Satuan Kerja yang Menguasai Informasi',
  'Penanggung Jawab Pembuatan atau Penerbitan Informasi',
  'Waktu dan Tempat Pembuatan Informasi',
  'Bentuk Informasi yang Tersedia',
  'Jangka Waktu Penyimpanan atau Retensi Arsip',
];
const EXCLUDED_TEXT = 'Berkas penyidikan pelanggaran disiplin pegawai';
const DECREE = /^000\.8\.3\.3\/(\d{4})\/BKPSDM\/\d{4}$/;
// Loaded from the compiled plugin, the same module Strapi runs (one AsyncLocalStorage).
const { asWorkflowPublish, itemKey } = require(path.resolve(__dirname, '../../packages/strapi-plugin-ppid/server/src/workflow/context'));
const pdfParse = require('pdf-parse/lib/pdf-parse.js');

let app: TestApp;
let p: Record<string, Person>;
let admin: Person;

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const act = (who: Person, runId: string, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const signature = (who: Person) => ({ act: 'approve', password: who.password, confirmIntent: true });
const dip = () => app.strapi.plugin('ppid').service('dip');

function entryData(ringkasan: string, extra: Record<string, unknown> = {}) {
  return {
    ringkasan,
    pejabatUnit: 'Sekretariat BKPSDM',
    penanggungJawab: 'Kepala Sub Bagian Umum',
    waktuTempat: { date: '2026-01-15', place: 'Sangatta' },
    bentuk: 'softcopy_hardcopy',
    retensi: { activeYears: 2, inactiveYears: 5, disposition: 'permanen' },
    classification: 'berkala',
    ...extra,
  };
}

async function publishItem(data: Record<string, unknown>) {
  const item = await app.strapi.documents(ITEM as any).create({ data: data as any });
  await asWorkflowPublish(itemKey(ITEM, item.documentId, null), () => app.strapi.documents(ITEM as any).publish({ documentId: item.documentId }));
  return item.documentId as string;
}

async function download(url: string, who?: Person) {
  const req = app.http().get(url);
  if (who) req.set(bearer(who));
  const res = await req.buffer(true).parse(binary);
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

/** Steps 1-4 of seed 002 on an edition; returns the run id, waiting at step 5 (establish). */
async function runToEstablish(documentId: string) {
  const start = await app.http().post('/ppid/runs').set(bearer(p.petugas)).send({ uid: EDITION, documentId });
  expect(start.status).toBe(201);
  const runId = start.body.data.id;
  expect((await act(p.petugas, runId, { act: 'submit' })).status).toBe(200); // 1 collect
  expect((await act(p.pelaksana, runId, { act: 'submit' })).status).toBe(200); // 2 draft
  expect((await act(p.ppid, runId, { act: 'approve' })).status).toBe(200); // 3 classify
  const s4 = await act(p.ppid, runId, { act: 'approve' }); // 4 archive
  expect(s4.status).toBe(200);
  expect(s4.body.data.currentStep).toMatchObject({ number: 5, role: 'atasan-ppid', recordKind: 'tanda_tangan' });
  return runId as string;
}

beforeAll(async () => {
  app = await startApp({ PPID_UNIT_CODE: 'BKPSDM', PPID_INSTANSI: 'BKPSDM Kabupaten Kutai Timur' });
  p = await peopleFor(app, SOP, [
    { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID BKPSDM' },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah selaku Atasan PPID' },
  ]);
  const superRole = await app.strapi.service('admin::role').getSuperAdmin();
  const password = 'Rahasia-Admin-123';
  const u = await app.strapi.plugin('ppid').service('directory').ensureUser({ email: 'admin.dip@example.go.id', firstname: 'Admin', password, roles: [superRole.id] });
  admin = { id: u.id, email: 'admin.dip@example.go.id', password, token: await login(app, 'admin.dip@example.go.id', password), roleId: superRole.id };
});
afterAll(async () => {
  await app?.stop();
});

describe('DIP: editions established through seed 002', () => {
  let ed1: string;
  let runId: string;
  let proposedKey: string;
  let profilKey: string;
  let excludedKey: string;

  it('a published item proposes its DIP entry; an excluded one does not', async () => {
    proposedKey = await publishItem({
      title: 'Rencana Strategis BKPSDM 2026-2031',
      summary: 'Dokumen rencana strategis',
      classification: 'setiap_saat',
      holder: 'Bidang Perencanaan',
      responsible: 'Kepala Bidang Perencanaan',
      production: { date: '2026-02-01', place: 'Sangatta' },
      form: 'softcopy',
      retention: { activeYears: 5, inactiveYears: 5, disposition: 'permanen' },
    });
    await app.strapi.eventHub.emit('ppid.published', { item: { uid: ITEM, documentId: proposedKey } });
    let proposed: any = null;
    for (let i = 0; i < 50 && !proposed; i++) {
      proposed = await app.strapi.db.query(ENTRY).findOne({ where: { informationItem: { documentId: proposedKey } } });
      if (!proposed) await new Promise((r) => setTimeout(r, 50));
    }
    expect(proposed).toMatchObject({ ringkasan: 'Rencana Strategis BKPSDM 2026-2031', classification: 'setiap_saat', publishedAt: null });

    excludedKey = await publishItem({ title: EXCLUDED_TEXT, summary: 'Rahasia', classification: 'dikecualikan', holder: 'Bidang Disiplin', responsible: 'Kabid' });
    expect(await dip().proposeFromItem(excludedKey)).toBeNull();
    // Someone links an entry to the excluded item by hand: the snapshot must still leave it out.
    await app.strapi.documents(ENTRY as any).create({ data: entryData(EXCLUDED_TEXT, { informationItem: { connect: [{ documentId: excludedKey }] } }) as any });

    const profil = await app.strapi.documents(ENTRY as any).create({ data: entryData('Profil BKPSDM Kabupaten Kutai Timur') as any });
    profilKey = profil.documentId;
    await app.strapi.documents(ENTRY as any).create({ data: entryData('Laporan Kinerja Instansi Pemerintah 2025', { classification: 'setiap_saat', bentuk: 'softcopy' }) as any });
  });

  it('creates a draft edition without the excluded entry; nothing of it is public yet', async () => {
    const res = await app.http().post('/ppid/dip/editions').set(bearer(admin)).send({ year: 2026 });
    expect(res.status).toBe(201);
    ed1 = res.body.data.documentId;
    const texts = res.body.data.entries.map((e: any) => e.ringkasan);
    expect(texts).toHaveLength(3);
    expect(texts).not.toContain(EXCLUDED_TEXT);
    expect(res.body.meta.skipped.map((s: any) => s.ringkasan)).toContain(EXCLUDED_TEXT);
    expect(res.body.data).toMatchObject({ status: 'draft', decreeNumber: null });

    expect((await app.http().get('/ppid/dip/editions').set(bearer(p.petugas))).status).toBe(200); // dip.read
    expect((await app.http().post('/ppid/dip/editions').set(bearer(p.petugas)).send({})).status).toBe(403); // no dip.manage
    expect((await app.http().get(`/api/ppid/dip/editions/${ed1}`)).status).toBe(404);
    expect((await app.http().get(`/api/ppid/dip/editions/${ed1}/export?format=csv`)).status).toBe(404);
    expect((await app.http().get('/api/ppid/dip/current')).status).toBe(404);
    expect((await app.http().get('/api/ppid/dip/editions')).body.data).toEqual([]);
  });

  it('runs seed 002: the Atasan PPID signs at step 5 and the edition gets its decree number', async () => {
    runId = await runToEstablish(ed1);
    const early = await act(p.ppid, runId, { act: 'publish' });
    expect(early.status).toBe(400);
    // The Atasan PPID confirms the decree's own statement (penetapan DIP), sealed in the record.
    const at5 = await app.http().get(`/ppid/runs/${runId}`).set(bearer(p.atasan));
    expect(at5.body.data.currentStep.intentStatement).toBe(INTENT_STATEMENTS.dip.tanda_tangan);
    const s5 = await act(p.atasan, runId, signature(p.atasan));
    expect(s5.status).toBe(200);
    expect(s5.body.data.currentStep.number).toBe(6);
    expect(s5.body.data.written[0]).toMatchObject({ kind: 'tanda_tangan', intent: INTENT_STATEMENTS.dip.tanda_tangan });

    const row = await app.strapi.db.query(EDITION).findOne({ where: { documentId: ed1 } });
    expect(row.editionStatus).toBe('established');
    expect(row.decreeNumber).toMatch(DECREE);
    expect(row.decreeSerial).toBe(1);
    const tt = s5.body.data.records.find((r: any) => r.kind === 'tanda_tangan' && r.stepNumber === 5);
    expect(row.signer).toMatchObject({ nama: tt.signer.nama, jabatan: 'Sekretaris Daerah selaku Atasan PPID', verificationCode: tt.verificationCode });
    // The SK's number and date are inside the signed record (its hash and seal cover them).
    expect(tt.decree).toEqual({ number: row.decreeNumber, date: String(row.decreeDate).slice(0, 10) });
    const stored = await app.strapi.db.query('plugin::ppid.signature-record').findOne({ where: { verificationCode: tt.verificationCode } });
    expect(stored.body.decree).toEqual(tt.decree);
    expect(await app.strapi.plugin('ppid').service('records').verifyChains()).toMatchObject({ ok: true });
    // A number changed in the stored record afterwards no longer matches its hash.
    await app.strapi.db.query('plugin::ppid.signature-record').update({ where: { id: stored.id }, data: { body: { ...stored.body, decree: { ...stored.body.decree, number: '000.8.3.3/9999/BKPSDM/2026' } } } });
    expect(await app.strapi.plugin('ppid').service('records').verifyChains()).toMatchObject({ ok: false });
    await app.strapi.db.query('plugin::ppid.signature-record').update({ where: { id: stored.id }, data: { body: stored.body } });
    expect(await app.strapi.plugin('ppid').service('records').verifyChains()).toMatchObject({ ok: true });

    // Frozen: no door edits an established edition, and it is still not public before step 6.
    await expect(app.strapi.documents(EDITION as any).update({ documentId: ed1, data: { entries: [] } as any })).rejects.toThrow(/ditetapkan|established/);
    expect((await app.http().get('/api/ppid/dip/current')).status).toBe(404);

    const s6 = await act(p.ppid, runId, { act: 'publish' });
    expect(s6.status).toBe(200);
    expect(s6.body.data.status).toBe('published');
  });

  it('serves the established edition publicly, over REST and GraphQL', async () => {
    const cur = await app.http().get('/api/ppid/dip/current');
    expect(cur.status).toBe(200);
    expect(cur.body.data).toMatchObject({ documentId: ed1, status: 'established', signer: { jabatan: 'Sekretaris Daerah selaku Atasan PPID' } });
    expect(cur.body.data.decreeNumber).toMatch(DECREE);
    expect(cur.body.data.signer.verificationUrl).toMatch(/\/api\/ppid\/verify\/.+/);
    expect(cur.body.data.entries.map((e: any) => e.ringkasan)).not.toContain(EXCLUDED_TEXT);
    const list = await app.http().get('/api/ppid/dip/editions');
    expect(list.body.data.map((e: any) => e.documentId)).toEqual([ed1]);

    const gql = await app
      .http()
      .post('/graphql')
      .send({ query: '{ dipCurrent { documentId decreeNumber signerJabatan entries { nomor ringkasan klasifikasi } } dipEditions { documentId } }' });
    expect(gql.status).toBe(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.dipCurrent.documentId).toBe(ed1);
    expect(gql.body.data.dipCurrent.entries).toHaveLength(3);
    expect(gql.body.data.dipEditions).toEqual([{ documentId: ed1 }]);
  });

  it('the public DIP carries no internal ids (entry keys) and the signer\'s NIP masked, anonymous and with a read-only token', async () => {
    const row = await app.strapi.db.query(EDITION).findOne({ where: { documentId: ed1, publishedAt: { $notNull: true } } });
    const nip = row.signer.nip as string;
    expect(nip).toMatch(/^\d{18}$/);
    const keys = (row.entries as any[]).map((e) => e.key);
    expect(keys.length).toBeGreaterThan(0);
    const token = (await app.strapi.service('admin::api-token').create({ name: 'baca-dip', type: 'read-only', lifespan: null, permissions: [] })).accessKey;
    for (const auth of [{}, { Authorization: `Bearer ${token}` }] as Record<string, string>[]) {
      for (const url of ['/api/ppid/dip/current', `/api/ppid/dip/editions/${ed1}`]) {
        const res = await app.http().get(url).set(auth);
        expect(res.status).toBe(200);
        for (const e of res.body.data.entries) expect(e).not.toHaveProperty('key');
        const text = JSON.stringify(res.body);
        for (const k of keys) expect(text).not.toContain(k);
        expect(text).not.toContain(nip);
        expect(res.body.data.signer.nip).toBe(`${'*'.repeat(14)}${nip.slice(-4)}`);
      }
      const gql = await app.http().post('/graphql').set(auth).send({ query: '{ dipCurrent { signerNip entries { nomor ringkasan } } }' });
      expect(gql.body.errors).toBeUndefined();
      expect(gql.body.data.dipCurrent.signerNip).toBe(`${'*'.repeat(14)}${nip.slice(-4)}`);
      const withKey = await app.http().post('/graphql').set(auth).send({ query: '{ dipCurrent { entries { key } } }' });
      expect(withKey.body.errors?.length).toBeGreaterThan(0);
    }
  });

  it('exports CSV, XLSX and PDF with the seven Perki columns in order and the decree', async () => {
    const number = (await app.strapi.db.query(EDITION).findOne({ where: { documentId: ed1 } })).decreeNumber;

    const csv = await download(`/api/ppid/dip/editions/${ed1}/export?format=csv`);
    const rows: string[][] = parseCsvSync(csv, { bom: true });
    expect(rows[0].slice(0, 7)).toEqual(PERKI_HEADERS);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r[1])).toContain('Profil BKPSDM Kabupaten Kutai Timur');
    expect(csv.toString('utf8')).not.toContain(EXCLUDED_TEXT);

    const xlsx = await download(`/ppid/dip/editions/${ed1}/export?format=xlsx`, admin);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as any);
    const sheet = wb.getWorksheet('DIP')!;
    const header = (sheet.getRow(5).values as any[]).slice(1, 8);
    expect(header).toEqual(PERKI_HEADERS);
    const cells: string[] = [];
    sheet.eachRow((r) => cells.push(JSON.stringify(r.values)));
    expect(cells.join('\n')).toContain(number);
    expect(cells.join('\n')).not.toContain(EXCLUDED_TEXT);
    expect(sheet.getRow(6).getCell(1).value).toBe(1);

    const pdf = await download(`/api/ppid/dip/editions/${ed1}/export?format=pdf`);
    const text = (await pdfParse(new Uint8Array(pdf))).text.replace(/\s+/g, ' ');
    expect(text).toContain(number);
    expect(text).toContain('Profil BKPSDM');
    expect(text).toContain('Sekretaris Daerah selaku Atasan PPID');
    expect(text).not.toContain(EXCLUDED_TEXT);
    let at = 0;
    for (const h of ['Nomor', 'Ringkasan', 'Pejabat', 'Penanggung', 'Waktu', 'Bentuk', 'Retensi']) {
      const i = text.indexOf(h, at);
      expect(i).toBeGreaterThanOrEqual(at);
      at = i;
    }

    expect((await app.http().get(`/api/ppid/dip/editions/${ed1}/export?format=docx`)).status).toBe(400);
  });

  let ed2: string;
  it('pemutakhiran: due on the schedule with one reminder; an entry that changed class gets a revised edition proposed', async () => {
    const clock = app.strapi.plugin('ppid').service('clock');
    const updates = dip().pemutakhiran;
    const notices = (event: string) => app.strapi.db.query('plugin::ppid.notification').findMany({ where: { event } });
    const st = await app.http().get('/ppid/dip/pemutakhiran').set(bearer(p.ppid));
    expect(st.status).toBe(200);
    const decreeDate = String(st.body.data.edition.decreeDate).slice(0, 10);
    const due = `${Number(decreeDate.slice(0, 4)) + 1}${decreeDate.slice(4)}`; // default: every 12 months
    expect(st.body.data).toMatchObject({ schedule: { everyMonths: 12 }, dueDate: due, due: false, drift: [], openUpdate: null });
    expect(await updates.tick()).toEqual({ reminded: false, revision: null });
    try {
      clock.setNow(`${due}T01:00:00Z`);
      expect(await updates.tick()).toEqual({ reminded: true, revision: null });
      const reminders = await notices('dip_update_due');
      // To who starts the DIP SOP (Petugas Informasi) and who establishes it (Atasan PPID).
      expect(reminders.map((n: any) => Number(n.recipientId)).sort()).toEqual([p.petugas.id, p.atasan.id].map(Number).sort());
      expect(await updates.tick()).toEqual({ reminded: false, revision: null }); // once per due date
    } finally {
      clock.setNow(null);
    }

    // The Renstra in the SK in force is now serta merta: the SK's attachment no longer says what it is.
    await app.strapi.db.query(ITEM).updateMany({ where: { documentId: proposedKey }, data: { classification: 'serta_merta' } });
    const drifted = (await app.http().get('/ppid/dip/pemutakhiran').set(bearer(p.ppid))).body.data.drift;
    expect(drifted).toEqual([expect.objectContaining({ key: proposedKey, was: 'setiap_saat', now: 'serta_merta' })]);
    const t = await updates.tick();
    expect(t.revision).toEqual(expect.any(String));
    const revised = (await app.http().get(`/ppid/dip/editions/${t.revision}`).set(bearer(p.ppid))).body.data;
    expect(revised).toMatchObject({ status: 'draft', revisionOf: ed1, previousEdition: ed1, decreeNumber: null });
    expect(revised.revisionReason).toMatch(/Rencana Strategis/);
    expect(revised.entries.find((e: any) => e.key === proposedKey).klasifikasi).toBe('serta_merta');
    expect((await notices('dip_revision_proposed')).length).toBeGreaterThan(0);
    expect((await updates.tick()).revision).toBeNull(); // one revision at a time
    // Leave the fixture as the next test expects it.
    await app.strapi.documents(EDITION as any).delete({ documentId: t.revision });
    await app.strapi.db.query(ITEM).updateMany({ where: { documentId: proposedKey }, data: { classification: 'setiap_saat' } });
  });

  it('the reclassification act itself proposes the revised edition, without waiting for the daily job', async () => {
    const notices = () => app.strapi.db.query('plugin::ppid.notification').count({ where: { event: 'dip_revision_proposed' } });
    const before = await notices();
    // The Renstra, an entry of the SK in force, is republished as serta merta: the workflow's
    // publish act emits ppid.published (the event a run's publish step emits), nothing else runs.
    await app.strapi.db.query(ITEM).updateMany({ where: { documentId: proposedKey }, data: { classification: 'serta_merta' } });
    await asWorkflowPublish(itemKey(ITEM, proposedKey, null), () => app.strapi.documents(ITEM as any).publish({ documentId: proposedKey }));
    await app.strapi.db.query(ITEM).updateMany({ where: { documentId: proposedKey }, data: { classification: 'serta_merta' } });
    await app.strapi.eventHub.emit('ppid.published', { item: { uid: ITEM, documentId: proposedKey } });
    // After the publish commits: the revised edition, then its announcement.
    let revised: any = null;
    for (let i = 0; i < 100 && !(revised && (await notices()) > before); i++) {
      revised = await app.strapi.db.query(EDITION).findOne({ where: { revisionOf: ed1, publishedAt: null } });
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(revised).toMatchObject({ editionStatus: 'draft', revisionOf: ed1, previousEdition: ed1, decreeNumber: null });
    expect(revised.revisionReason).toMatch(/Rencana Strategis.*setiap_saat → serta_merta/);
    expect(revised.entries.find((e: any) => e.key === proposedKey).klasifikasi).toBe('serta_merta');
    expect(await notices()).toBeGreaterThan(before);
    // Republishing an item that is not in the SK, or whose class did not change, proposes nothing more.
    await app.strapi.eventHub.emit('ppid.published', { item: { uid: ITEM, documentId: proposedKey } });
    await new Promise((r) => setTimeout(r, 500));
    expect(await app.strapi.db.query(EDITION).count({ where: { revisionOf: ed1, publishedAt: null } })).toBe(1);
    expect((await dip().pemutakhiran.tick()).revision).toBeNull(); // the daily job finds it already proposed
    await app.strapi.documents(EDITION as any).delete({ documentId: revised.documentId });
    await app.strapi.db.query(ITEM).updateMany({ where: { documentId: proposedKey }, data: { classification: 'setiap_saat' } });
  });

  it('an update edition starts from the established one; its diff shows added, removed and changed columns', async () => {
    await app.strapi.documents(ENTRY as any).update({ documentId: profilKey, data: { penanggungJawab: 'Sekretaris BKPSDM' } as any });
    await app.strapi.documents(ENTRY as any).create({ data: entryData('Daftar Pengadaan Barang dan Jasa 2026', { classification: 'setiap_saat' }) as any });
    // The Renstra is reclassified as excluded: it leaves the DIP.
    await app.strapi.db.query(ITEM).updateMany({ where: { documentId: proposedKey }, data: { classification: 'dikecualikan' } });

    const res = await app.http().post('/ppid/dip/editions').set(bearer(admin)).send({ year: 2027 });
    expect(res.status).toBe(201);
    ed2 = res.body.data.documentId;
    expect(res.body.data.previousEdition).toBe(ed1);

    const diff = await app.http().get(`/ppid/dip/editions/${ed2}/diff?against=${ed1}`).set(bearer(admin));
    expect(diff.status).toBe(200);
    expect(diff.body.data.added.map((e: any) => e.ringkasan)).toEqual(['Daftar Pengadaan Barang dan Jasa 2026']);
    expect(diff.body.data.removed.map((e: any) => e.key)).toEqual([proposedKey]);
    expect(diff.body.data.changed).toHaveLength(1);
    expect(diff.body.data.changed[0]).toMatchObject({ key: profilKey, columns: ['penanggungJawab'] });
    expect(diff.body.data.unchanged).toBe(1);

    const csv = await download(`/ppid/dip/editions/${ed2}/diff?against=${ed1}&format=csv`, admin);
    const rows: string[][] = parseCsvSync(csv, { bom: true });
    expect(rows[0].slice(0, 3)).toEqual(['Perubahan', 'Kunci', 'Kolom Berubah']);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(['dihapus', 'ditambah', 'diubah']);
    expect(rows.find((r) => r[0] === 'diubah')![2]).toBe('Penanggung Jawab Pembuatan atau Penerbitan Informasi');

    // The established edition is frozen, but its exports still never show what is now excluded.
    const again = await download(`/api/ppid/dip/editions/${ed1}/export?format=csv`);
    expect(again.toString('utf8')).not.toContain('Rencana Strategis BKPSDM');
    const stored = await app.strapi.db.query(EDITION).findOne({ where: { documentId: ed1, publishedAt: { $notNull: true } } });
    expect(stored.entries.map((e: any) => e.key)).toContain(proposedKey);
  });

  it('an import with one bad row imports nothing and reports the row and column', async () => {
    const before = await app.strapi.db.query(ENTRY).count({});
    const header = PERKI_HEADERS.concat(['Klasifikasi']).map((h) => `"${h}"`).join(',');
    const good = '1,Pengumuman seleksi JPT,Bidang Mutasi,Kepala Bidang Mutasi,"2026, Sangatta",Softcopy,"Aktif 1 tahun, inaktif 2 tahun, musnah",Setiap Saat';
    const bad = '2,Data pegawai,Bidang Data,Kepala Bidang Data,"2026, Sangatta",Disket,"Aktif 1 tahun, inaktif 2 tahun, musnah",Berkala';
    const res = await app
      .http()
      .post('/ppid/dip/import')
      .set(bearer(admin))
      .send({ filename: 'dip.csv', base64: Buffer.from([header, good, bad].join('\n')).toString('base64') });
    expect(res.status).toBe(400);
    const errors = res.body.error.details.report.errors;
    expect(errors).toEqual([expect.objectContaining({ row: 3, column: 'Bentuk Informasi yang Tersedia' })]);
    expect(await app.strapi.db.query(ENTRY).count({})).toBe(before);

    const excluded = '3,Data rahasia,Bidang Data,Kepala Bidang Data,"2026, Sangatta",Softcopy,"Aktif 1 tahun, inaktif 2 tahun, musnah",Dikecualikan';
    const res2 = await app.http().post('/ppid/dip/import').set(bearer(admin)).send({ filename: 'dip.csv', base64: Buffer.from([header, good, excluded].join('\n')).toString('base64') });
    expect(res2.status).toBe(400);
    expect(res2.body.error.details.report.errors[0]).toMatchObject({ row: 3 });

    const ok = await app
      .http()
      .post('/ppid/dip/import')
      .set(bearer(admin))
      .attach('file', Buffer.from([header, good].join('\r\n')), 'dip.csv');
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({ ok: true, created: 1 });
    expect(await app.strapi.db.query(ENTRY).count({})).toBe(before + 1);
  });

  it('two establishments at once never share a serial', async () => {
    const ed3 = (await app.http().post('/ppid/dip/editions').set(bearer(admin)).send({ year: 2027, title: 'DIP 2027 (perubahan)' })).body.data.documentId;
    const runA = await runToEstablish(ed2);
    const runB = await runToEstablish(ed3);
    const [a, b] = await Promise.all([act(p.atasan, runA, signature(p.atasan)), act(p.atasan, runB, signature(p.atasan))]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const rows = await app.strapi.db.query(EDITION).findMany({ where: { documentId: { $in: [ed2, ed3] } } });
    const serials = rows.map((r: any) => r.decreeSerial);
    expect(new Set(serials).size).toBe(2);
    expect(serials.every((s: number) => s > 1)).toBe(true);

    const many = await Promise.all([0, 1, 2, 3].map(() => dip().nextDecreeNumber('2026-03-01')));
    expect(new Set(many.map((m: any) => m.serial)).size).toBe(4);
    expect(new Set(many.map((m: any) => m.number)).size).toBe(4);
  });

  it('the command line exports an edition and refuses a bad import (exit codes)', async () => {
    const { spawnSync } = require('child_process');
    const fs = require('fs');
    const root = path.resolve(__dirname, '..', '..');
    const out = path.join(root, '.tmp', `dip-cli-${process.pid}.csv`);
    const bad = path.join(root, '.tmp', `dip-cli-bad-${process.pid}.csv`);
    const outDefault = path.join(root, '.tmp', `dip-cli-current-${process.pid}.csv`);
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'scripts/ppid.js'), ...args], { cwd: root, env: process.env, encoding: 'utf8' });
    try {
      const exp = cli('dip', 'export', '--edition', ed1, '--format', 'csv', '--out', out);
      expect(exp.status).toBe(0);
      const header = fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
      expect(header.split(',').slice(0, 7)).toEqual(PERKI_HEADERS);
      // Without --edition: the current established edition (the one /api/ppid/dip/current serves).
      const current = (await app.http().get('/api/ppid/dip/current')).body.data;
      expect(current.documentId).toBe(ed1);
      const dflt = cli('dip', 'export', '--out', outDefault);
      expect(dflt.status).toBe(0);
      expect(dflt.stdout).toContain(`csv ${current.title} (`);
      expect(fs.readFileSync(outDefault, 'utf8')).toBe(fs.readFileSync(out, 'utf8'));
      expect(cli('dip', 'export', '--edition').status).toBe(2);
      fs.writeFileSync(bad, `${PERKI_HEADERS.join(',')},Klasifikasi\n1,,Unit,PJ,"2026, Sangatta",Softcopy,"Aktif 1 tahun, inaktif 1 tahun, musnah",Berkala\n`);
      const entries = await app.strapi.db.query(ENTRY).count({});
      const imp = cli('dip', 'import', bad);
      expect(imp.status).toBe(1);
      expect(imp.stderr).toMatch(/baris\/row 2/);
      expect(await app.strapi.db.query(ENTRY).count({})).toBe(entries);
    } finally {
      for (const f of [out, bad, outDefault]) fs.rmSync(f, { force: true });
    }
  });
});
