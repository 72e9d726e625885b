import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, peopleFor, Person } from '../helpers/people';
import { pdfQrCodes } from '../helpers/pdf-images';

// The printable decisions: the SK penetapan DIP of an edition established through seed 002
// (admin and public, with a QR code to the signing record's verification page) and the berita
// acara of a consequence test (admin only, BELUM DIPUTUSKAN while draft, no public verification).
const SOP = 'kutim-bkpsdm-penetapan-dip';
const EDITION = 'plugin::ppid.dip-edition';
const ENTRY = 'api::dip-entry.dip-entry';
const ITEM = 'api::information-item.information-item';
const pdfParse: (b: Uint8Array) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
const flat = (s: string) => s.replace(/\s+/g, '');

const TEST_UID = 'plugin::ppid.consequence-test';

let app: TestApp;
let p: Record<string, Person>;
let u: Record<string, Person>;
let admin: Person;

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const get = (url: string, who?: Person) => {
  const req = app.http().get(url);
  if (who) req.set(bearer(who));
  return req.buffer(true).parse(binary);
};
const act = (who: Person, runId: string, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const textOf = async (pdf: Buffer) => (await pdfParse(new Uint8Array(pdf))).text;

const PEJABAT_NIP = '197001012000031001';
const TEST_BODY = {
  informasi: 'Dokumen rencana pengamanan objek vital',
  badanPublik: 'BKPSDM Kabupaten Kutai Timur',
  unit: 'Bidang Disiplin',
  dasarHukum: { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'c' },
  konsekuensiJikaDibuka: 'Membahayakan pertahanan dan keamanan',
  konsekuensiJikaDitutup: 'Publik tidak mengetahui rincian pengamanan',
  pertimbanganKepentinganPublik: 'Kepentingan keamanan lebih besar',
  masaPengecualianBerakhir: '2030-12-31',
  nomorKeputusan: '000.5/07/PPID/2026',
  tempatKeputusan: 'Sangatta',
  tanggalKeputusan: '2026-01-15',
};

beforeAll(async () => {
  app = await startApp({ PPID_UNIT_CODE: 'BKPSDM', PPID_INSTANSI: 'BKPSDM Kabupaten Kutai Timur', PPID_DITETAPKAN_DI: 'Sangatta' });
  p = await peopleFor(app, SOP, [
    { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID BKPSDM' },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah selaku Atasan PPID' },
  ]);
  u = await peopleFor(app, 'uji-konsekuensi', [
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID BKPSDM' },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah selaku Atasan PPID' },
  ]);
  const superRole = await app.strapi.service('admin::role').getSuperAdmin();
  const password = 'Rahasia-Admin-123';
  const su = await app.strapi.plugin('ppid').service('directory').ensureUser({ email: 'admin.sk@example.go.id', firstname: 'Admin', password, roles: [superRole.id] });
  admin = { id: su.id, email: 'admin.sk@example.go.id', password, token: await login(app, 'admin.sk@example.go.id', password), roleId: superRole.id };
});
afterAll(async () => {
  await app?.stop();
});

describe('SK penetapan DIP (decree.pdf)', () => {
  let edition: string;
  let runId: string;

  it('a draft edition: admin decree is a DRAF, the public one is 404', async () => {
    await app.strapi.documents(ENTRY as any).create({
      data: {
        ringkasan: 'Profil BKPSDM Kabupaten Kutai Timur',
        pejabatUnit: 'Sekretariat BKPSDM',
        penanggungJawab: 'Kepala Sub Bagian Umum',
        waktuTempat: { date: '2026-01-15', place: 'Sangatta' },
        bentuk: 'softcopy_hardcopy',
        retensi: { activeYears: 2, inactiveYears: 5, disposition: 'permanen' },
        classification: 'berkala',
      } as any,
    });
    const res = await app.http().post('/ppid/dip/editions').set(bearer(admin)).send({ year: 2026 });
    expect(res.status).toBe(201);
    edition = res.body.data.documentId;

    const draft = await get(`/ppid/dip/editions/${edition}/decree.pdf`, p.petugas); // dip.read
    expect(draft.status).toBe(200);
    expect(draft.headers['content-type']).toBe('application/pdf');
    const text = await textOf(draft.body);
    expect(text).toContain('DRAF');
    expect(flat(text)).toContain(flat('PENETAPAN DAFTAR INFORMASI PUBLIK TAHUN 2026'));
    expect(pdfQrCodes(draft.body)).toEqual([]);

    expect((await get(`/api/ppid/dip/editions/${edition}/decree.pdf`)).status).toBe(404);
    expect((await get(`/ppid/dip/editions/${edition}/decree.pdf`)).status).toBe(401);
    expect((await get('/ppid/dip/editions/nope-nope/decree.pdf', admin)).status).toBe(404);
  });

  it('established through seed 002 (signed but not yet published): still 404 publicly', async () => {
    const start = await app.http().post('/ppid/runs').set(bearer(p.petugas)).send({ uid: EDITION, documentId: edition });
    expect(start.status).toBe(201);
    runId = start.body.data.id;
    expect((await act(p.petugas, runId, { act: 'submit' })).status).toBe(200);
    expect((await act(p.pelaksana, runId, { act: 'submit' })).status).toBe(200);
    expect((await act(p.ppid, runId, { act: 'approve' })).status).toBe(200);
    expect((await act(p.ppid, runId, { act: 'approve' })).status).toBe(200);
    const s5 = await act(p.atasan, runId, { act: 'approve', password: p.atasan.password, confirmIntent: true });
    expect(s5.status).toBe(200);
    expect((await get(`/api/ppid/dip/editions/${edition}/decree.pdf`)).status).toBe(404);
    expect((await act(p.ppid, runId, { act: 'publish' })).status).toBe(200);
  });

  it('prints the decree number, the signer (nama, NIP) and a QR code to the verification page that answers 200', async () => {
    const row = await app.strapi.db.query(EDITION).findOne({ where: { documentId: edition } });
    expect(row.editionStatus).toBe('established');
    const official = await app.strapi.db.query('plugin::ppid.official').findOne({ where: { user: p.atasan.id } });
    expect(row.signer.nip).toBe(official.nip);

    for (const url of [`/ppid/dip/editions/${edition}/decree.pdf`, `/api/ppid/dip/editions/${edition}/decree.pdf`]) {
      const res = await get(url, url.startsWith('/api') ? undefined : p.petugas);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.body as Buffer;
      const text = await textOf(pdf);
      expect(flat(text)).toContain(flat(`NOMOR ${row.decreeNumber}`));
      expect(flat(text)).toContain(flat(row.signer.nama));
      expect(text).toContain(`NIP. ${row.signer.nip}`);
      expect(flat(text)).toContain(flat('KEPUTUSAN SEKRETARIS DAERAH SELAKU ATASAN PPID'));
      expect(flat(text)).toContain(flat('Undang-Undang Nomor 14 Tahun 2008'));
      expect(flat(text)).toContain('Lampiran');
      expect(text).toContain('Ditetapkan di Sangatta');
      expect(text).not.toContain('DRAF');

      const verificationUrl = app.strapi.plugin('ppid').service('verification').verificationUrl(row.signer.verificationCode);
      expect(pdfQrCodes(pdf)).toEqual([verificationUrl]);
      expect(flat(text)).toContain(flat(verificationUrl));
      expect(text).toContain(row.signer.verificationCode);
      const scanned = await app.http().get(new URL(verificationUrl).pathname);
      expect(scanned.status).toBe(200);
      expect(scanned.body.data.valid).toBe(true);
    }
  });
});

describe('Berita acara uji konsekuensi (decision.pdf)', () => {
  let testId: string;

  it('a draft test prints BELUM DIPUTUSKAN; the PDF needs classification.manage', async () => {
    const item = await app.strapi.documents(ITEM as any).create({ data: { title: 'Rencana pengamanan objek vital', summary: 'Rahasia', classification: 'dikecualikan' } as any });
    const created = await app.http().post('/ppid/consequence-tests').set(bearer(admin)).send({ itemDocumentId: item.documentId, ...TEST_BODY });
    expect(created.status).toBe(201);
    testId = created.body.data.id;

    const res = await get(`/ppid/consequence-tests/${testId}/decision.pdf`, admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await textOf(res.body);
    expect(text).toContain('BELUM DIPUTUSKAN');
    expect(flat(text)).toContain(flat('BERITA ACARA / KEPUTUSAN UJI KONSEKUENSI'));
    expect(flat(text)).toContain(flat(TEST_BODY.informasi));

    expect((await get(`/ppid/consequence-tests/${testId}/decision.pdf`)).status).toBe(401);
    expect((await get(`/ppid/consequence-tests/${testId}/decision.pdf`, p.petugas)).status).toBe(403);
    expect((await get('/ppid/consequence-tests/nope-nope/decision.pdf', admin)).status).toBe(404);
    // There is no public door to it.
    expect((await get(`/api/ppid/consequence-tests/${testId}/decision.pdf`)).status).toBe(404);
  });

  it('a decided test prints every element, the legal-basis letter, the officials who signed (from the records) and the code; no public verification', async () => {
    // Decided through the uji-konsekuensi SOP: the PPID Pelaksana sends it in, the PPID decides
    // (tanda tangan), the Atasan PPID sets the period (tanda tangan), the PPID brings it into force.
    const start = await app.http().post(`/ppid/consequence-tests/${testId}/decide`).set(bearer(u.pelaksana));
    expect(start.status).toBe(403); // the decide route needs classification.manage
    const run = await app.http().post('/ppid/runs').set(bearer(u.pelaksana)).send({ uid: TEST_UID, documentId: testId });
    expect(run.status).toBe(201);
    const runId = run.body.data.id;
    expect((await act(u.pelaksana, runId, { act: 'submit' })).status).toBe(200);
    const [ppid, atasan] = await Promise.all([u.ppid, u.atasan].map((x) => app.strapi.db.query('plugin::ppid.official').findOne({ where: { user: x.id } })));
    // Draft with no signature yet: blank blocks for the roles to sign, nobody as having decided.
    const blank = await textOf((await get(`/ppid/consequence-tests/${testId}/decision.pdf`, admin)).body);
    expect(blank).toContain('BELUM DIPUTUSKAN');
    expect(blank).toContain('(belum ditandatangani)');
    expect(flat(blank)).not.toContain(flat(ppid.nama));
    expect(blank).not.toMatch(/Diputuskan|Memutuskan uji konsekuensi;/);
    const wrong = await act(u.ppid, runId, { act: 'approve', password: 'bukan-sandinya', confirmIntent: true });
    expect(wrong.status).toBe(400);
    const decided = await act(u.ppid, runId, { act: 'approve', password: u.ppid.password, confirmIntent: true });
    expect(decided.status).toBe(200);
    const decideCode = decided.body.data.written[0].verificationCode;
    // The PPID has signed, the Atasan PPID not yet: only the PPID is printed as having signed.
    const mid = await textOf((await get(`/ppid/consequence-tests/${testId}/decision.pdf`, admin)).body);
    expect(mid).toContain('BELUM DIPUTUSKAN');
    expect(flat(mid)).toContain(flat(ppid.nama));
    expect(flat(mid)).not.toContain(flat(atasan.nama));
    const signed = await act(u.atasan, runId, { act: 'approve', password: u.atasan.password, confirmIntent: true });
    expect(signed.status).toBe(200);
    const code = signed.body.data.written[0].verificationCode;
    // Signed, not yet in effect until the publish act.
    expect(await textOf((await get(`/ppid/consequence-tests/${testId}/decision.pdf`, admin)).body)).toContain('BELUM DIPUTUSKAN');
    expect((await act(u.ppid, runId, { act: 'publish' })).status).toBe(200);

    const res = await get(`/ppid/consequence-tests/${testId}/decision.pdf`, admin);
    expect(res.status).toBe(200);
    const text = await textOf(res.body);
    const f = flat(text);
    expect(text).not.toContain('BELUM DIPUTUSKAN');
    expect(text).toContain('huruf c');
    expect(f).toContain(flat('membahayakan pertahanan dan keamanan negara'));
    for (const v of [TEST_BODY.informasi, TEST_BODY.badanPublik, TEST_BODY.unit, TEST_BODY.konsekuensiJikaDibuka, TEST_BODY.konsekuensiJikaDitutup, TEST_BODY.pertimbanganKepentinganPublik, 'sampai 31 Desember 2030', '15 Januari 2026', 'Sangatta', TEST_BODY.nomorKeputusan]) {
      expect(f).toContain(flat(v));
    }
    // The signers are the two officials of the records, each with the role signed as.
    expect(f).toContain(flat(ppid.nama));
    expect(f).toContain(flat(atasan.nama));
    expect(text).toContain(`NIP. ${ppid.nip}`);
    expect(text).toContain(`NIP. ${atasan.nip}`);
    expect(f).toContain(flat('Memutuskan uji konsekuensi'));
    expect(f).toContain(flat('Menetapkan jangka waktu pengecualian'));
    expect(text).not.toContain('Diputuskan');
    expect(text).not.toContain('(belum ditandatangani)');
    expect(text).toContain(code);
    expect(text).toContain(decideCode);
    expect(f.toLowerCase()).toContain(flat('verifikasi melalui ppid'));
    // No QR code: the public verification page does not show decisions about excluded information.
    expect(pdfQrCodes(res.body)).toEqual([]);
    const url = app.strapi.plugin('ppid').service('verification').verificationUrl(code);
    const pub = await app.http().get(new URL(url).pathname);
    expect(pub.status).toBe(404);
    expect(JSON.stringify(pub.body)).not.toContain(TEST_BODY.informasi);

    // The PPID checks the code on the admin Verification page.
    const check = await app.http().post('/ppid/verify').set(bearer(admin)).send({ code });
    expect(check.status).toBe(200);
    expect(check.body.data).toMatchObject({ valid: true, code, checks: { record: true, run: true }, run: { id: runId, status: 'published', kind: 'consequence_test', decided: true } });
    expect(check.body.data.record).toMatchObject({ kind: 'tanda_tangan', itemUid: TEST_UID, itemDocumentId: testId });
  });
});
