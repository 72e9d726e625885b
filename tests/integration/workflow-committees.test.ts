import fs from 'fs';
import path from 'path';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';
import { isUniqueViolation } from '../../packages/strapi-plugin-ppid/server/src/platform/services/constraints';

// Issue #16, the engine: the two SOP fixtures of tests/fixtures/sops validate, import and run end
// to end over HTTP as the officers whose step it is. 110: a Tim Pertimbangan whose every member
// initials (a member's return voids the paraf given; one act per member, even at once), a
// decision that takes effect at the publish step and a recording step after it; the run starts
// before the consequence-test sheet exists. 111: a panel where two of three suffice, members
// named per unit, and no publish step (the run completes, nothing is published).
const ITEM = 'api::information-item.information-item';
const TEST_UID = 'plugin::ppid.consequence-test';
const CM = `/content-manager/collection-types/${ITEM}`;
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'sops');
const TIM = 'contoh-uji-konsekuensi-tim';
const PANEL = 'contoh-penetapan-klasifikasi-panel';

const SHEET = {
  informasi: 'Dokumen rencana pengamanan gudang logistik kebencanaan',
  badanPublik: 'Pemerintah Kabupaten Contoh',
  unit: 'Dinas Komunikasi dan Informatika',
  dasarHukum: { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'c' },
  konsekuensiJikaDibuka: 'Membahayakan keamanan logistik kebencanaan',
  konsekuensiJikaDitutup: 'Publik tidak mengetahui rincian pengamanan',
  pertimbanganKepentinganPublik: 'Kepentingan keamanan lebih besar',
  masaPengecualianBerakhir: '2031-12-31',
  nomorKeputusan: '000.5/07/PPID/2026',
  tempatKeputusan: 'Contoh',
  tanggalKeputusan: '2026-01-15',
};

let app: TestApp;
let admin: Person;
let unitId: number;

const act = (who: Person, runId: string, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const sign = (who: Person, extra: Record<string, unknown> = {}) => ({ act: 'approve', password: who.password, confirmIntent: true, ...extra });
const view = async (who: Person, runId: string) => (await app.http().get(`/ppid/runs/${runId}`).set(bearer(who))).body.data;
const records = (runId: string) => app.strapi.plugin('ppid').service('records').forRun(runId);

async function superAdmin(): Promise<Person> {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const password = 'Super-Admin-123';
  const user = await app.strapi.plugin('ppid').service('directory').ensureUser({ email: 'admin@example.go.id', firstname: 'Admin', password, roles: [role.id] });
  const res = await app.http().post('/admin/login').send({ email: 'admin@example.go.id', password });
  return { id: user.id, email: 'admin@example.go.id', password, token: res.body.data.token, roleId: role.id };
}

async function importFixture(file: string, contentType: string) {
  const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  const checked = await app.http().post('/ppid/sops/validate').set(bearer(admin)).send({ text, format: 'yaml' });
  expect(checked.status).toBe(200);
  const imported = await app.http().post('/ppid/sops/import').set(bearer(admin)).send({ text, format: 'yaml' });
  expect(imported.status).toBeLessThan(300);
  const bound = await app.http().post('/ppid/bindings').set(bearer(admin)).send({ contentType, sopCode: imported.body.data.code, isDefault: false });
  expect(bound.status).toBe(201);
  return imported.body.data.code as string;
}

beforeAll(async () => {
  app = await startApp();
  admin = await superAdmin();
  const dir = app.strapi.plugin('ppid').service('directory');
  unitId = (await dir.ensureUnit({ code: 'DISKOMINFO', name: 'Dinas Komunikasi dan Informatika' })).id;
  await dir.ensureUnit({ code: 'BID-IKP', name: 'Bidang Informasi dan Komunikasi Publik' });
  await dir.ensureUnit({ code: 'BID-APTIKA', name: 'Bidang Aplikasi Informatika' });
  expect(await importFixture('110-tim-pertimbangan-uji-konsekuensi.yaml', TEST_UID)).toBe(TIM);
  expect(await importFixture('111-panel-penetapan-klasifikasi.yaml', ITEM)).toBe(PANEL);
});
afterAll(async () => {
  await app?.stop();
});

describe('fixture 110: Tim Pertimbangan (paraf seluruh anggota), then a recording step after the decision', () => {
  let p: Record<string, Person>;
  let runId: string;
  let testId: string;
  beforeAll(async () => {
    p = await peopleFor(app, TIM, [
      { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
      { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' },
      { key: 'anggota1', sopRoles: ['tim-pertimbangan'], jabatan: 'Ketua Tim Pertimbangan' },
      { key: 'anggota2', sopRoles: ['tim-pertimbangan'], jabatan: 'Anggota Tim Pertimbangan' },
      { key: 'anggota3', sopRoles: ['tim-pertimbangan'], jabatan: 'Anggota Tim Pertimbangan' },
      { key: 'utama', sopRoles: ['ppid-utama'], jabatan: 'PPID Utama' },
      { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah (Atasan PPID)' },
    ]);
    // The PPID Pelaksana writes the sheet (the consequence tests page).
    await app.strapi.db.query('admin::permission').create({ data: { action: 'plugin::ppid.classification.manage', subject: null, properties: {}, conditions: [], role: p.pelaksana.roleId } });
    const item = await app.strapi.documents(ITEM as any).create({ data: { title: 'Rencana pengamanan gudang logistik', summary: 'Ringkasan', classification: 'dikecualikan', unit: unitId } as any });
    const draft = await app.http().post('/ppid/consequence-tests').set(bearer(admin)).send({ itemDocumentId: item.documentId, informasi: SHEET.informasi });
    expect(draft.status).toBe(201);
    testId = draft.body.data.id;
  });

  it('starts when the SOP starts: the Petugas Informasi records the proposal before the sheet exists', async () => {
    const start = await app.http().post('/ppid/runs').set(bearer(p.petugas)).send({ uid: TEST_UID, documentId: testId, sopCode: TIM });
    expect(start.status).toBe(201);
    runId = start.body.data.id;
    expect(start.body.data.currentStep).toMatchObject({ number: 1, role: 'petugas-informasi' });
    // 30 menit, as the SOP writes it.
    const due = new Date(start.body.data.currentStep.dueAt).getTime() - new Date(start.body.data.startedAt).getTime();
    expect(due).toBeGreaterThanOrEqual(30 * 60_000);
    expect((await act(p.petugas, runId, { act: 'approve', step: 1 })).status).toBe(200);
    // Step 2 needs the sheet: refused, by path, until it is complete.
    const early = await act(p.pelaksana, runId, { act: 'submit' });
    expect(early.status).toBe(400);
    expect(early.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain('konsekuensiJikaDibuka');
    expect((await app.http().put(`/ppid/consequence-tests/${testId}`).set(bearer(p.pelaksana)).send(SHEET)).status).toBe(200);
    const submitted = await act(p.pelaksana, runId, { act: 'submit' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.data.currentStep).toMatchObject({ number: 3, role: 'tim-pertimbangan', committee: { rule: 'all', round: 1, acted: [] } });
  });

  it('every member is told and sees the task; one act each, even sent twice at once', async () => {
    for (const who of [p.anggota1, p.anggota2, p.anggota3]) {
      const tasks = (await app.http().get('/ppid/tasks').set(bearer(who))).body.data;
      expect(tasks.map((t: any) => t.runId)).toContain(runId);
    }
    const v = await view(p.anggota1, runId);
    expect(v.allowedActs).toEqual(expect.arrayContaining(['approve', 'return']));
    // The same member twice at once: one paraf, the other refused (409), never two.
    const [a, b] = await Promise.all([act(p.anggota1, runId, { act: 'approve' }), act(p.anggota1, runId, { act: 'approve' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const mine = (await records(runId)).filter((r: any) => r.stepNumber === 3 && r.signer.userId === String(p.anggota1.id));
    expect(mine.map((r: any) => [r.kind, r.decision])).toEqual([['paraf', 'member_approved']]);
    // Still at the committee step; the member who acted has nothing left to do there.
    const again = await act(p.anggota1, runId, { act: 'approve' });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('already_acted');
    expect((await app.http().get('/ppid/tasks').set(bearer(p.anggota1))).body.data.map((t: any) => t.runId)).not.toContain(runId);
    // Someone outside the committee cannot initial for it.
    expect((await act(p.utama, runId, { act: 'approve' })).status).toBe(403);
  });

  it('the database refuses a second act by the same member in the same round', async () => {
    const [rec] = (await records(runId)).filter((r: any) => r.decision === 'member_approved');
    const row = await app.strapi.db.query('plugin::ppid.signature-record').findOne({ where: { verificationCode: rec.verificationCode } });
    expect(row.memberKey).toBe(`${runId}:3:1:${p.anggota1.id}`);
    const { seq: _s, runSeq: _r, prevHash: _p, prevRunHash: _q, hash: _h, keyId: _k, signature: _g, verificationCode: _v, ...input } = rec;
    const refused = await app.strapi.db
      .transaction(() => app.strapi.plugin('ppid').service('records').append(input, undefined, { memberKey: row.memberKey }))
      .then(() => null, (e: unknown) => e);
    const spec = app.strapi.plugin('ppid').service('constraints').spec('ppid_records_member_uq');
    expect(isUniqueViolation(refused, spec, 'ppid_signature_records') || /member_key|UNIQUE/i.test(String((refused as Error)?.message))).toBe(true);
    expect((await records(runId)).filter((r: any) => r.decision === 'member_approved')).toHaveLength(1);
  });

  it("a member's return voids the paraf given so far; the corrected sheet goes to the whole committee again", async () => {
    expect((await act(p.anggota2, runId, { act: 'approve' })).status).toBe(200);
    const ret = await act(p.anggota3, runId, { act: 'return', comment: 'Uraikan pertimbangan kepentingan publik' });
    expect(ret.status).toBe(200);
    expect(ret.body.data.currentStep.number).toBe(2);
    const after = (await records(runId)).slice(-3);
    expect(after.map((r: any) => [r.kind, r.stepNumber, r.decision])).toEqual([
      ['void', 3, 'voided_paraf'],
      ['void', 3, 'voided_paraf'],
      ['return', 3, 'returned_to_2'],
    ]);
    expect((await app.http().put(`/ppid/consequence-tests/${testId}`).set(bearer(p.pelaksana)).send({ pertimbanganKepentinganPublik: 'Kepentingan keamanan logistik lebih besar daripada manfaat membuka rinciannya' })).status).toBe(200);
    expect((await act(p.pelaksana, runId, { act: 'submit' })).status).toBe(200);
    expect((await view(p.anggota1, runId)).currentStep.committee).toMatchObject({ round: 2, acted: [] });
    expect((await act(p.anggota1, runId, { act: 'approve' })).body.data.currentStep.number).toBe(3);
    expect((await act(p.anggota3, runId, { act: 'approve' })).body.data.currentStep.number).toBe(3);
    // The last member meets the rule: the run moves on to the PPID Utama's decision.
    const done = await act(p.anggota2, runId, { act: 'approve' });
    expect(done.body.data.currentStep).toMatchObject({ number: 4, role: 'ppid-utama' });
  });

  it('decided by the PPID Utama, period set by the Atasan PPID, in effect at the publish step, then recorded by the Petugas Informasi', async () => {
    expect((await act(p.utama, runId, sign(p.utama))).status).toBe(200);
    expect((await act(p.atasan, runId, sign(p.atasan))).status).toBe(200);
    const pub = await act(p.utama, runId, { act: 'publish' });
    expect(pub.status).toBe(200);
    expect(pub.body.data).toMatchObject({ status: 'published', currentStep: { number: 7, role: 'petugas-informasi' } });
    expect((await app.http().get(`/ppid/consequence-tests/${testId}`).set(bearer(admin))).body.data.status).toBe('decided');
    // The publication stands: the run can no longer be cancelled.
    const cancel = await act(p.petugas, runId, { act: 'cancel', reason: 'salah input' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.details.reason).toBe('already_published');
    expect((await app.http().get('/ppid/tasks').set(bearer(p.petugas))).body.data.map((t: any) => t.runId)).toContain(runId);
    const recorded = await act(p.petugas, runId, { act: 'approve' });
    expect(recorded.status).toBe(200);
    expect(recorded.body.data).toMatchObject({ status: 'published', allowedActs: [] });
    const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { documentId: runId } });
    expect(run).toMatchObject({ status: 'published', activeKey: null, currentStep: 7 });

    const kinds = (await records(runId)).map((r: any) => `${r.stepNumber}:${r.kind}`);
    expect(kinds.slice(-8)).toEqual(['2:submit', '3:paraf', '3:paraf', '3:paraf', '4:tanda_tangan', '5:tanda_tangan', '6:publish', '7:complete']);
    const report = await app.strapi.plugin('ppid').service('verification').verifyAll();
    expect(report.problems.filter((x: any) => x.runId === runId)).toEqual([]);
  });

  it('the approval form shows every member of the committee; the SOP document names the committee', async () => {
    const form = await app.strapi.plugin('ppid').service('approval-form').formData(runId);
    const step3 = form.rows.filter((r: any) => r.no === 3);
    expect(step3.map((r: any) => r.signer?.nama).sort()).toEqual(
      ['Ketua Tim Pertimbangan anggota1', 'Anggota Tim Pertimbangan anggota2', 'Anggota Tim Pertimbangan anggota3'].sort()
    );
    expect(step3.every((r: any) => r.kind === 'paraf')).toBe(true);
    const pdf = await app.http().get(`/ppid/runs/${runId}/form.pdf`).set(bearer(admin)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    const doc = await app.http().get(`/ppid/sops/${TIM}/document?format=html`).set(bearer(admin));
    expect(doc.status).toBe(200);
    expect(doc.text).toContain('Tim: paraf seluruh anggota (Tim Pertimbangan)');
    expect(doc.text).toContain('Mencatat penetapan ke register informasi yang dikecualikan dan memutakhirkan DIP');
  });
});

describe('fixture 111: a panel where two of three suffice, members per unit, no publish step', () => {
  let p: Record<string, Person>;
  let runId: string;
  let documentId: string;
  beforeAll(async () => {
    const unit = async (code: string) => (await app.strapi.db.query('plugin::ppid.unit').findOne({ where: { code } })).id;
    p = await peopleFor(app, PANEL, [
      { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana', unit: unitId },
      { key: 'kabidikp', sopRoles: ['kepala-bidang'], jabatan: 'Kepala Bidang IKP', unit: await unit('BID-IKP') },
      { key: 'kabidaptika', sopRoles: ['kepala-bidang'], jabatan: 'Kepala Bidang Aptika', unit: await unit('BID-APTIKA') },
      { key: 'sekretaris', sopRoles: ['sekretaris'], jabatan: 'Sekretaris Dinas', unit: unitId },
      // Holds the Kepala Bidang role for the item's own unit, not for a bidang the panel names.
      { key: 'kabidlain', sopRoles: ['kepala-bidang'], jabatan: 'Kepala Bidang Lain', unit: unitId },
      { key: 'utama', sopRoles: ['ppid-utama'], jabatan: 'PPID Utama', unit: unitId },
      { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi', unit: unitId },
    ]);
    const created = await app.http().post(CM).set(bearer(p.pelaksana)).send({ title: 'Rekap aduan layanan informasi 2025', summary: 'Ringkasan', classification: 'setiap_saat', unit: unitId });
    expect(created.status).toBe(201);
    documentId = created.body.data.documentId;
  });

  it('two of the three members complete the panel step; the third has nothing left to do', async () => {
    const start = await app.http().post('/ppid/runs').set(bearer(p.pelaksana)).send({ uid: ITEM, documentId, sopCode: PANEL });
    expect(start.status).toBe(201);
    runId = start.body.data.id;
    expect((await act(p.pelaksana, runId, { act: 'submit' })).body.data.currentStep).toMatchObject({ number: 2, committee: { rule: { atLeast: 2 } } });
    expect((await act(p.kabidlain, runId, { act: 'approve' })).status).toBe(403);
    expect((await act(p.kabidikp, runId, { act: 'approve' })).body.data.currentStep.number).toBe(2);
    expect((await act(p.kabidikp, runId, { act: 'approve' })).status).toBe(409);
    const met = await act(p.sekretaris, runId, { act: 'approve' });
    expect(met.status).toBe(200);
    expect(met.body.data.currentStep).toMatchObject({ number: 3, role: 'ppid-utama' });
    expect((await act(p.kabidaptika, runId, { act: 'approve' })).status).toBe(403);
  });

  it('the decision and the recording step complete the run; nothing is published', async () => {
    expect((await act(p.utama, runId, { act: 'publish' })).status).toBe(400);
    expect((await act(p.utama, runId, sign(p.utama))).body.data.currentStep.number).toBe(4);
    const done = await act(p.petugas, runId, { act: 'approve' });
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({ status: 'completed', allowedActs: [] });
    expect((await app.strapi.db.query('plugin::ppid.run').findOne({ where: { documentId: runId } })).activeKey).toBeNull();
    const list = await app.http().get('/api/information-items');
    expect(list.body.data.map((d: any) => d.documentId)).not.toContain(documentId);
    const kinds = (await records(runId)).map((r: any) => `${r.stepNumber}:${r.kind}:${r.decision}`);
    expect(kinds).toEqual(['1:submit:approved', '2:paraf:member_approved', '2:paraf:approved', '3:tanda_tangan:approved', '4:complete:approved']);
    const report = await app.strapi.plugin('ppid').service('verification').verifyAll();
    expect(report.problems.filter((x: any) => x.runId === runId)).toEqual([]);
    const form = await app.strapi.plugin('ppid').service('approval-form').formData(runId);
    expect(form.rows.filter((r: any) => r.no === 2).map((r: any) => r.signer?.nama)).toEqual(['Kepala Bidang IKP kabidikp', 'Sekretaris Dinas sekretaris']);
    const doc = await app.http().get(`/ppid/sops/${PANEL}/document?format=html`).set(bearer(admin));
    expect(doc.text).toContain('Tim: paraf sekurang-kurangnya 2 anggota (Kepala Bidang BID-IKP; Kepala Bidang BID-APTIKA; Sekretaris)');
  });
});
