import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';
import { INTENT_STATEMENTS } from '../../packages/strapi-plugin-ppid/server/src/core/signature/intent';

// Classification end to end: seeded rules and kinds, rule CRUD, suggestions on save, rule blocks
// at workflow acts (serta merta elements, a blocking rule), the consequence test (uji
// konsekuensi) and its signature, an excluded item that never publishes, the re-test queue and
// the berkala refresh list.
const ITEM = 'api::information-item.information-item';
const SOP = 'kalteng-pendokumentasian-publikasi';
const CM = `/content-manager/collection-types/${ITEM}`;
const TEST_UID = 'plugin::ppid.consequence-test';

let app: TestApp;
let p: Record<string, Person>;
/** The uji-konsekuensi SOP's people: PPID Pelaksana drafts, the PPID decides, the Atasan PPID sets the period. */
let u: Record<string, Person>;
let admin: Person;
let unitId: number;

const act = (who: Person, runId: string, body: Record<string, unknown>) =>
  app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const sign = (who: Person) => ({ act: 'approve', password: who.password, confirmIntent: true });
const submit = (documentId: string) => app.http().post('/ppid/runs').set(bearer(p.pembantu)).send({ uid: ITEM, documentId, sopCode: SOP });

/** A test's run through the uji-konsekuensi SOP: step 1, the PPID decides, the Atasan PPID sets the period, publish. */
async function decideThroughWorkflow(testId: string) {
  const s = await app.http().post('/ppid/runs').set(bearer(u.pelaksana)).send({ uid: TEST_UID, documentId: testId });
  expect(s.status).toBe(201);
  expect(s.body.data.sop.code).toBe('uji-konsekuensi');
  const runId = s.body.data.id as string;
  expect((await act(u.pelaksana, runId, { act: 'submit' })).status).toBe(200);
  expect((await act(u.ppid, runId, sign(u.ppid))).status).toBe(200);
  expect((await act(u.atasan, runId, sign(u.atasan))).status).toBe(200);
  const pub = await act(u.ppid, runId, { act: 'publish' });
  expect(pub.status).toBe(200);
  expect(pub.body.data.status).toBe('published');
  return runId;
}

async function createItem(data: Record<string, unknown>) {
  const res = await app.http().post(CM).set(bearer(p.pembantu)).send({ summary: 'Ringkasan informasi', unit: unitId, ...data });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
}

/** Submit (run at step 1), then the PPID Pembantu completes step 1: returns the run id. */
async function startAndCollect(documentId: string) {
  const s = await submit(documentId);
  expect(s.status).toBe(201);
  const c = await act(p.pembantu, s.body.data.id, { act: 'submit' });
  expect(c.status).toBe(200);
  return s.body.data.id as string;
}

const FULL_ANNOUNCEMENT = {
  bahayaDanDampak: 'Banjir setinggi 1 meter merendam permukiman',
  pihakTerdampak: 'Warga RT 01-05 Kelurahan Contoh',
  prosedurDanTempatEvakuasi: 'Evakuasi ke Balai Kelurahan Contoh',
  caraMenghindariBahaya: 'Hindari bantaran sungai, matikan listrik',
  caraMemperolehBantuan: 'Hubungi posko BPBD 112',
  pihakYangWajibMengumumkan: 'Kecamatan Contoh dan BPBD',
  caraPengumumanDarurat: 'Pengeras suara masjid dan pesan singkat',
  upayaYangDilakukan: 'Pendirian dapur umum dan posko kesehatan',
};

const TEST_BODY = {
  informasi: 'Dokumen rencana pengamanan objek vital',
  badanPublik: 'Pemerintah Kabupaten Contoh',
  unit: 'Kecamatan Contoh',
  dasarHukum: { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'c' },
  konsekuensiJikaDibuka: 'Membahayakan pertahanan dan keamanan',
  konsekuensiJikaDitutup: 'Publik tidak mengetahui rincian pengamanan',
  pertimbanganKepentinganPublik: 'Kepentingan keamanan lebih besar',
  masaPengecualianBerakhir: '2030-12-31',
  nomorKeputusan: '000.5/01/PPID/2026',
  tempatKeputusan: 'Contoh',
  tanggalKeputusan: '2026-01-15',
};

beforeAll(async () => {
  app = await startApp();
  const dir = app.strapi.plugin('ppid').service('directory');
  unitId = (await dir.ensureUnit({ code: 'KEC-CONTOH', name: 'Kecamatan Contoh' })).id;
  p = await peopleFor(app, SOP, [
    { key: 'pembantu', sopRoles: ['ppid-pembantu'], jabatan: 'PPID Pembantu', unit: unitId },
    { key: 'utama', sopRoles: ['ppid-utama'], jabatan: 'PPID Utama', unit: unitId },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah (Atasan PPID)', unit: unitId },
    { key: 'admin', sopRoles: ['admin-ppid'], jabatan: 'Admin PPID', unit: unitId },
  ]);
  u = await peopleFor(app, 'uji-konsekuensi', [
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID' },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah selaku Atasan PPID' },
  ]);
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const password = 'Super-Admin-123';
  const user = await dir.ensureUser({ email: 'super@example.go.id', firstname: 'Super', password, roles: [role.id] });
  const login = await app.http().post('/admin/login').send({ email: 'super@example.go.id', password });
  admin = { id: user.id, email: 'super@example.go.id', password, token: login.body.data.token, roleId: role.id };
});
afterAll(async () => {
  await app?.stop();
});

describe('seeds', () => {
  it('seeds the default rules and information kinds once (idempotent)', async () => {
    const { DEFAULT_RULES, DEFAULT_INFORMATION_KINDS } = require('../../packages/strapi-plugin-ppid/server/src/core/classification');
    const rules = () => app.strapi.db.query('plugin::ppid.classification-rule').count({});
    const kinds = () => app.strapi.db.query('api::information-kind.information-kind').count({});
    expect(await rules()).toBe(DEFAULT_RULES.length);
    expect(await kinds()).toBe(DEFAULT_INFORMATION_KINDS.length);
    await app.strapi.plugin('ppid').service('classification').seed();
    expect(await rules()).toBe(DEFAULT_RULES.length);
    expect(await kinds()).toBe(DEFAULT_INFORMATION_KINDS.length);
  });
});

describe('rules CRUD', () => {
  it('needs classification.manage', async () => {
    expect((await app.http().get('/ppid/classification/rules').set(bearer(p.pembantu))).status).toBe(403);
    const list = await app.http().get('/ppid/classification/rules').set(bearer(admin));
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: any) => r.code)).toContain('dikecualikan-data-pribadi');
  });

  it('refuses an invalid rule with 400 listing each path; creates, updates and deletes a valid one', async () => {
    const bad = await app.http().post('/ppid/classification/rules').set(bearer(admin)).send({ code: 'x', name: '', when: { kindIn: 'bukan-daftar' }, then: [{ suggestClass: 'rahasia' }] });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.errors.map((e: any) => e.path.join('.'));
    expect(paths.length).toBeGreaterThan(1);
    expect(paths.some((x: string) => x.startsWith('then'))).toBe(true);

    const rule = { code: 'blok-uji', name: 'Blok uji', description: 'Uji', enabled: true, priority: 5, when: { keywordsAny: ['zzkata-blok'] }, then: [{ block: { message: 'kata terlarang / forbidden word' } }] };
    const created = await app.http().post('/ppid/classification/rules').set(bearer(admin)).send(rule);
    expect(created.status).toBe(201);
    expect((await app.http().post('/ppid/classification/rules').set(bearer(admin)).send(rule)).status).toBe(409);
    const upd = await app.http().put(`/ppid/classification/rules/${created.body.data.id}`).set(bearer(admin)).send({ priority: 7 });
    expect(upd.status).toBe(200);
    expect(upd.body.data.priority).toBe(7);
    const badUpd = await app.http().put('/ppid/classification/rules/blok-uji').set(bearer(admin)).send({ then: [] });
    expect(badUpd.status).toBe(400);
    expect((await app.http().delete('/ppid/classification/rules/blok-uji').set(bearer(admin))).status).toBe(204);
    expect((await app.http().delete('/ppid/classification/rules/blok-uji').set(bearer(admin))).status).toBe(404);
  });
});

describe('suggestions and blocks through the workflow', () => {
  it('a personal-data title gets the dikecualikan suggestion (Pasal 17 h); saving stays possible', async () => {
    const documentId = await createItem({ title: 'Daftar NIK penerima bantuan sosial', classification: 'setiap_saat' });
    const res = await app.http().get(`/ppid/classification/evaluate?uid=${ITEM}&documentId=${documentId}`).set(bearer(p.pembantu));
    expect(res.status).toBe(200);
    expect(res.body.data.evaluation.suggestions[0]).toMatchObject({ class: 'dikecualikan', pasal17: 'h', rule: 'dikecualikan-data-pribadi' });
    expect(res.body.data.problems.map((x: any) => x.kind)).toContain('consequence_test_missing');
    // Blocks apply at acts: submitting without a consequence test is refused, naming the rule.
    const s = await submit(documentId);
    expect(s.status).toBe(400);
    expect(s.body.error.message).toMatch(/dikecualikan-data-pribadi/);
    expect(s.body.error.details.reason).toBe('classification');
  });

  it('a serta merta item missing announcement elements is blocked at submit, naming them', async () => {
    const partial = { bahayaDanDampak: FULL_ANNOUNCEMENT.bahayaDanDampak, pihakTerdampak: FULL_ANNOUNCEMENT.pihakTerdampak };
    const documentId = await createItem({ title: 'Banjir di Kelurahan Contoh', classification: 'serta_merta', announcement: partial });
    const s = await submit(documentId);
    expect(s.status).toBe(400);
    const problem = s.body.error.details.problems.find((x: any) => x.kind === 'serta_merta_incomplete');
    expect(problem.missing).toEqual(expect.arrayContaining(['prosedurDanTempatEvakuasi', 'upayaYangDilakukan']));
    expect(problem.missing).not.toContain('bahayaDanDampak');
    expect(s.body.error.message).toMatch(/serta-merta-bencana/);
    expect(s.body.error.message).toMatch(/evakuasi/i);
    expect(await app.strapi.db.query('plugin::ppid.run').count({ where: { itemDocumentId: documentId } })).toBe(0);

    const fix = await app.http().put(`${CM}/${documentId}`).set(bearer(p.pembantu)).send({ announcement: FULL_ANNOUNCEMENT });
    expect(fix.status).toBe(200);
    const runId = await startAndCollect(documentId);
    expect(runId).toBeTruthy();
  });

  it('an element removed at the editable step blocks the step-1 submit; a blocking rule stops an approve', async () => {
    const documentId = await createItem({ title: 'Gempa bumi Kecamatan Contoh', classification: 'serta_merta', announcement: FULL_ANNOUNCEMENT });
    const s = await submit(documentId);
    expect(s.status).toBe(201);
    const runId = s.body.data.id;
    const edit = await app.http().put(`${CM}/${documentId}`).set(bearer(p.pembantu)).send({ announcement: { ...FULL_ANNOUNCEMENT, caraMemperolehBantuan: '' } });
    expect(edit.status).toBe(200);
    const blocked = await act(p.pembantu, runId, { act: 'submit' });
    expect(blocked.status).toBe(400);
    expect(blocked.body.error.details.problems[0].missing).toEqual(['caraMemperolehBantuan']);
    // The announcement also names the channels it went out on besides the website.
    const channels = [
      { jenis: 'pengeras_suara', keterangan: 'Pengeras suara masjid Kelurahan Contoh' },
      { jenis: 'sms', keterangan: 'SMS siaran operator seluler' },
    ];
    expect((await app.http().put(`${CM}/${documentId}`).set(bearer(p.pembantu)).send({ announcement: FULL_ANNOUNCEMENT, announcementChannels: channels })).status).toBe(200);
    expect((await act(p.pembantu, runId, { act: 'submit' })).status).toBe(200);

    const rule = { code: 'tahan-gempa', name: 'Tahan pengumuman gempa', description: 'Uji blok', enabled: true, priority: 1, when: { keywordsAny: ['gempa bumi'] }, then: [{ block: { message: 'menunggu konfirmasi BMKG / waiting for BMKG' } }] };
    expect((await app.http().post('/ppid/classification/rules').set(bearer(admin)).send(rule)).status).toBe(201);
    const approve = await act(p.utama, runId, sign(p.utama));
    expect(approve.status).toBe(400);
    expect(approve.body.error.message).toMatch(/tahan-gempa/);
    expect(approve.body.error.message).toMatch(/BMKG/);
    const view = await app.http().get(`/ppid/runs/${runId}`).set(bearer(p.utama));
    expect(view.body.data.currentStep.number).toBe(2);
    await app.http().put('/ppid/classification/rules/tahan-gempa').set(bearer(admin)).send({ enabled: false });
    const approved = await act(p.utama, runId, sign(p.utama));
    expect(approved.status).toBe(200);
    // Serta merta: step 3 (1 minggu in the SOP) has its serta merta time, 30 menit of elapsed time.
    const s3 = approved.body.data.steps[2];
    expect(approved.body.data.fastTrack).toBe(true);
    expect(new Date(s3.dueAt).getTime() - new Date(s3.startedAt).getTime()).toBe(30 * 60_000);
    expect((await act(p.atasan, runId, sign(p.atasan))).status).toBe(200);
    expect((await act(p.admin, runId, { act: 'publish' })).body.data.status).toBe('published');
    // The public API shows the channels with the announcement.
    const pub = await app.http().get(`/api/information-items/${documentId}?populate[0]=announcementChannels&populate[1]=announcement`);
    expect(pub.status).toBe(200);
    expect(pub.body.data.announcementChannels.map((c: any) => [c.jenis, c.keterangan])).toEqual(channels.map((c) => [c.jenis, c.keterangan]));
    expect(pub.body.data.announcement.caraPengumumanDarurat).toBe(FULL_ANNOUNCEMENT.caraPengumumanDarurat);
  });
});

describe('excluded information and the consequence test', () => {
  let documentId: string;
  let testId: string;

  it('an excluded item needs a decided consequence test before it may be submitted', async () => {
    documentId = await createItem({ title: 'Rencana pengamanan objek vital', classification: 'dikecualikan' });
    const s = await submit(documentId);
    expect(s.status).toBe(400);
    expect(s.body.error.message).toMatch(/dikecualikan-uji-konsekuensi/);
    expect(s.body.error.details.problems.map((x: any) => x.kind)).toContain('consequence_test_missing');

    const draft = await app.http().post('/ppid/consequence-tests').set(bearer(admin)).send({ itemDocumentId: documentId, informasi: TEST_BODY.informasi });
    expect(draft.status).toBe(201);
    testId = draft.body.data.id;
    const badField = await app.http().put(`/ppid/consequence-tests/${testId}`).set(bearer(admin)).send({ dasarHukum: { hurufPasal17: 'z' } });
    expect(badField.status).toBe(400);
    expect(badField.body.error.details.errors[0].path).toEqual(['dasarHukum', 'hurufPasal17']);
    // The decide route sends a complete test into its run; an incomplete one is refused, by path.
    const incomplete = await app.http().post(`/ppid/consequence-tests/${testId}/decide`).set(bearer(admin));
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain('konsekuensiJikaDibuka');
    // A run started directly on it starts (issue #16: what a step needs is required when that
    // step acts); its drafting step is refused, by path, until the sheet is complete.
    const early = await app.http().post('/ppid/runs').set(bearer(u.pelaksana)).send({ uid: TEST_UID, documentId: testId });
    expect(early.status).toBe(201);
    const step1 = await act(u.pelaksana, early.body.data.id, { act: 'submit' });
    expect(step1.status).toBe(400);
    expect(step1.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain('konsekuensiJikaDibuka');
    expect((await act(u.pelaksana, early.body.data.id, { act: 'cancel', reason: 'dimulai sebelum lembar lengkap' })).status).toBe(200);
    expect((await app.http().put(`/ppid/consequence-tests/${testId}`).set(bearer(admin)).send(TEST_BODY)).status).toBe(200);
    expect((await submit(documentId)).status).toBe(400); // still a draft test
  });

  let testRunId: string;
  it('the test runs through the uji-konsekuensi SOP: the PPID decides (Pasal 19), the Atasan PPID sets the period, decided when the run publishes', async () => {
    // Typed-in deciding officials are refused: they come from the run's signature records.
    const typed = await app.http().put(`/ppid/consequence-tests/${testId}`).set(bearer(admin)).send({ pejabatPemutus: [{ nama: 'Atasan PPID', nip: '', jabatan: 'Sekretaris Daerah' }] });
    expect(typed.status).toBe(400);
    expect(typed.body.error.details.errors[0].path).toEqual(['pejabatPemutus']);
    // Whoever holds no role in the uji-konsekuensi SOP cannot send it into the run.
    const noRole = await app.http().post(`/ppid/consequence-tests/${testId}/decide`).set(bearer(admin));
    expect(noRole.status).toBe(403);
    const start = await app.http().post('/ppid/runs').set(bearer(u.pelaksana)).send({ uid: TEST_UID, documentId: testId });
    expect(start.status).toBe(201);
    testRunId = start.body.data.id;
    expect(start.body.data.sop.code).toBe('uji-konsekuensi');
    expect(start.body.data.currentStep).toMatchObject({ number: 1, role: 'ppid-pelaksana' });
    const listed = await app.http().get(`/ppid/consequence-tests/${testId}`).set(bearer(admin));
    expect(listed.body.data).toMatchObject({ status: 'draft', run: { id: testRunId, status: 'in_progress' }, pejabatPemutus: [] });
    expect((await act(u.pelaksana, testRunId, { act: 'submit' })).status).toBe(200);
    const at2 = await app.http().get(`/ppid/runs/${testRunId}`).set(bearer(u.ppid));
    expect(at2.body.data.currentStep).toMatchObject({ number: 2, act: 'decide', role: 'ppid' });
    expect(at2.body.data.currentStep.intentStatement).toBe(INTENT_STATEMENTS.consequence_test.tanda_tangan);
    // The Atasan PPID cannot decide in the PPID's place.
    expect((await act(u.atasan, testRunId, sign(u.atasan))).status).toBe(403);
    const wrong = await act(u.ppid, testRunId, { act: 'approve', password: 'salah-sekali', confirmIntent: true });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.field ?? wrong.body.error.details.errors?.[0]?.path?.[0]).toBe('password');
    const noIntent = await act(u.ppid, testRunId, { act: 'approve', password: u.ppid.password });
    expect(noIntent.status).toBe(400);
    const decided = await act(u.ppid, testRunId, sign(u.ppid));
    expect(decided.status).toBe(200);
    expect(decided.body.data.written[0]).toMatchObject({ kind: 'tanda_tangan', stepNumber: 2, itemUid: TEST_UID, itemDocumentId: testId });
    // So far the PPID signed; nobody is presented as deciding yet (not in force).
    const mid = await app.http().get(`/ppid/consequence-tests/${testId}`).set(bearer(admin));
    expect(mid.body.data.status).toBe('draft');
    expect(mid.body.data.pejabatPemutus).toEqual([]);
    expect(mid.body.data.penandatangan.map((x: any) => [x.role, x.act])).toEqual([['ppid', 'decide']]);
    expect((await submit(documentId)).status).toBe(400); // the item stays blocked

    // Step 3: the head of the body sets the period (establish, tanda tangan); the PPID cannot.
    expect((await act(u.ppid, testRunId, sign(u.ppid))).status).toBe(403);
    const period = await act(u.atasan, testRunId, sign(u.atasan));
    expect(period.status).toBe(200);
    expect(period.body.data.written[0]).toMatchObject({ kind: 'tanda_tangan', stepNumber: 3 });
    expect((await submit(documentId)).status).toBe(400); // signed, not yet in force
    const pub = await act(u.ppid, testRunId, { act: 'publish' });
    expect(pub.status).toBe(200);
    expect(pub.body.data.status).toBe('published');

    const done = await app.http().get(`/ppid/consequence-tests/${testId}`).set(bearer(admin));
    expect(done.body.data).toMatchObject({ id: testId, status: 'decided', runId: testRunId });
    expect(done.body.data.decidedAt).toBeTruthy();
    // The deciding officials are the two who signed, with their SOP roles, from the records.
    const officials = await Promise.all([u.ppid, u.atasan].map((x) => app.strapi.db.query('plugin::ppid.official').findOne({ where: { user: x.id } })));
    expect(done.body.data.pejabatPemutus.map((x: any) => [x.nama, x.nip, x.peran, x.act])).toEqual([
      [officials[0].nama, officials[0].nip, 'PPID', 'decide'],
      [officials[1].nama, officials[1].nip, 'Atasan PPID', 'establish'],
    ]);
    const list = await app.http().get(`/ppid/consequence-tests?status=decided&itemDocumentId=${documentId}`).set(bearer(admin));
    expect(list.body.data.map((t: any) => t.id)).toEqual([testId]);
    expect(list.body.data[0].pejabatPemutus).toHaveLength(2);
    expect(await app.strapi.documents(TEST_UID as any).findOne({ documentId: testId, status: 'published' })).toBeTruthy();
    const records = await app.strapi.plugin('ppid').service('records').forRun(testRunId);
    expect(records.map((r: any) => r.kind)).toEqual(['submit', 'tanda_tangan', 'tanda_tangan', 'publish']);
    expect((await app.http().put(`/ppid/consequence-tests/${testId}`).set(bearer(admin)).send({ informasi: 'x' })).status).toBe(409);
    expect((await app.http().post(`/ppid/consequence-tests/${testId}/decide`).set(bearer(admin))).status).toBe(409);
    const again = await app.http().post('/ppid/runs').set(bearer(u.pelaksana)).send({ uid: TEST_UID, documentId: testId });
    expect(again.status).toBe(409);
    const report = await app.strapi.plugin('ppid').service('records').verifyChains();
    expect(report.ok).toBe(true);
    // A decision about excluded information is never on the public verification page.
    const tt = records.find((r: any) => r.kind === 'tanda_tangan');
    const url = app.strapi.plugin('ppid').service('verification').verificationUrl(tt.verificationCode);
    expect((await app.http().get(new URL(url).pathname)).status).toBe(404);
    // The register now lists it (public), without the item's content.
    const reg = await app.http().get('/api/ppid/excluded-register');
    expect(reg.status).toBe(200);
    const row = reg.body.data.find((r: any) => r.nomorKeputusan === TEST_BODY.nomorKeputusan);
    expect(row).toMatchObject({ uraian: TEST_BODY.informasi, cakupan: 'seluruh', hurufPasal17: 'c', jangkaWaktu: 'sampai 31 Desember 2030', tanggalKeputusan: '2026-01-15', status: 'berlaku' });
  });

  it('with the decided test the block is lifted for the other acts, but the publish act is refused (409 excluded) and nothing is published', async () => {
    const runId = await startAndCollect(documentId);
    expect((await act(p.utama, runId, sign(p.utama))).status).toBe(200);
    expect((await act(p.atasan, runId, sign(p.atasan))).status).toBe(200);
    const pub = await act(p.admin, runId, { act: 'publish' });
    expect(pub.status).toBe(409);
    expect(pub.body.error.details.reason).toBe('excluded');
    expect(await app.strapi.documents(ITEM as any).findOne({ documentId, status: 'published' })).toBeNull();
    const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { documentId: runId } });
    expect(run.status).not.toBe('published');
    expect(run.publishedHash).toBeNull();
  });

  it('a decided test whose exclusion period has ended is in the re-test queue', async () => {
    const other = await createItem({ title: 'Catatan penyelidikan lama', classification: 'dikecualikan' });
    const t = await app.http().post('/ppid/consequence-tests').set(bearer(admin)).send({
      ...TEST_BODY, itemDocumentId: other, dasarHukum: { ...TEST_BODY.dasarHukum, hurufPasal17: 'a' }, tanggalKeputusan: '2020-01-10', masaPengecualianBerakhir: '2022-01-10',
    });
    expect(t.status).toBe(201);
    expect(t.body.data.status).toBe('draft');
    await decideThroughWorkflow(t.body.data.id);
    const queue = await app.http().get('/ppid/consequence-tests/retest').set(bearer(admin));
    expect(queue.status).toBe(200);
    const queued = queue.body.data.map((x: any) => x.id);
    expect(queued).toContain(t.body.data.id);
    expect(queued).not.toContain(testId);
    // The end date (10 January 2022) is a date where the item's unit is: at 15:30 UTC on that day
    // it is 22:30 WIB (still in force) but 00:30 WIT on the 11th (ended) for a unit in Papua.
    const units = app.strapi.db.query('plugin::ppid.unit');
    const svc = app.strapi.plugin('ppid').service('classification');
    const atBoundary = async () => (await svc.retestQueue(new Date('2022-01-10T15:30:00Z'))).map((x: any) => x.documentId);
    try {
      await units.update({ where: { id: unitId }, data: { timeZone: 'Asia/Jakarta' } });
      expect(await atBoundary()).not.toContain(t.body.data.id);
      await units.update({ where: { id: unitId }, data: { timeZone: 'Asia/Jayapura' } });
      expect(await atBoundary()).toContain(t.body.data.id);
    } finally {
      await units.update({ where: { id: unitId }, data: { timeZone: null } });
    }
    // An expired exclusion also blocks acts until it is re-tested.
    const s = await submit(other);
    expect(s.status).toBe(400);
    expect(s.body.error.details.problems.map((x: any) => x.kind)).toContain('consequence_test_expired');
  });
});

describe('berkala refresh list', () => {
  it('lists published berkala items past their refresh date, grouped by unit', async () => {
    const documentId = await createItem({ title: 'Profil badan publik Kecamatan Contoh', classification: 'berkala', refreshMonths: 6 });
    const runId = await startAndCollect(documentId);
    expect((await act(p.utama, runId, sign(p.utama))).status).toBe(200);
    expect((await act(p.atasan, runId, sign(p.atasan))).status).toBe(200);
    expect((await act(p.admin, runId, { act: 'publish' })).status).toBe(200);

    const fresh = await app.http().get('/ppid/classification/refresh-due').set(bearer(admin));
    expect(fresh.status).toBe(200);
    expect(JSON.stringify(fresh.body.data)).not.toContain(documentId);

    await app.strapi.db.query(ITEM).updateMany({ where: { documentId, publishedAt: { $notNull: true } }, data: { publishedAt: new Date('2025-01-01T00:00:00Z') } });
    const due = await app.http().get('/ppid/classification/refresh-due').set(bearer(admin));
    const group = due.body.data.find((g: any) => g.unit.code === 'KEC-CONTOH');
    expect(group.items.map((i: any) => i.documentId)).toEqual([documentId]);
    expect(group.items[0].dueAt).toBe('2025-07-01T00:00:00.000Z');
  });
});
