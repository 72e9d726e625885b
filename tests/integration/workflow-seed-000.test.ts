import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';

// Seed 000 (Kecamatan Palaran, Publikasi Informasi melalui Website) end to end, with a return
// at the Kasubbag/Kasi step and a corrected resubmission, and every forbidden act refused.
const UID = 'api::information-item.information-item';
const SOP = 'palaran-publikasi-website';
const CM = `/content-manager/collection-types/${UID}`;

let app: TestApp;
let p: Record<string, Person>;
let otherUnitKasi: Person;

const act = (who: Person, runId: string, body: Record<string, unknown>) =>
  app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const signature = (who: Person) => ({ act: 'approve', password: who.password, confirmIntent: true });

beforeAll(async () => {
  app = await startApp();
  const dir = app.strapi.plugin('ppid').service('directory');
  const kec = await dir.ensureUnit({ code: 'KEC-PALARAN', name: 'Kecamatan Palaran' });
  const other = await dir.ensureUnit({ code: 'KEC-LAIN', name: 'Kecamatan Lain' });
  p = await peopleFor(app, SOP, [
    { key: 'camat', sopRoles: ['camat'], jabatan: 'Camat Palaran', unit: kec.id },
    { key: 'sekcam', sopRoles: ['sekretaris'], jabatan: 'Sekretaris Kecamatan', unit: kec.id },
    { key: 'kasi', sopRoles: ['kasubbag-kasi'], jabatan: 'Kasi Pemerintahan', unit: kec.id },
    { key: 'jfu', sopRoles: ['staf'], jabatan: 'JFU Pengelola Informasi', unit: kec.id },
  ]);
  ({ kasiLain: otherUnitKasi } = await peopleFor(app, SOP, [
    { key: 'kasiLain', sopRoles: ['kasubbag-kasi'], jabatan: 'Kasi Kecamatan Lain', unit: other.id },
  ]));
  (app as any).unitId = kec.id;
});
afterAll(async () => {
  await app?.stop();
});

async function createItem(who: Person, title: string) {
  const res = await app
    .http()
    .post(CM)
    .set(bearer(who))
    .send({ title, summary: 'Kegiatan rutin kecamatan', classification: 'setiap_saat', unit: (app as any).unitId });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
}

describe('seed 000: Publikasi Informasi melalui Website', () => {
  let documentId: string;
  let runId: string;

  it('a run starts when the SOP starts: the JFU may not open it, the Camat (step 1, instruct) does', async () => {
    documentId = await createItem(p.jfu, 'Kerja bakti RT 12 Kelurahan Rawa Makmur');
    // The panel offers the start to the Camat only, and tells the JFU who starts it.
    const panel = async (who: Person) => (await app.http().get(`/ppid/items/${UID}/${documentId}/runs`).set(bearer(who))).body.data.start[SOP];
    expect(await panel(p.camat)).toEqual({ allowed: true, message: null });
    expect(await panel(p.jfu)).toMatchObject({ allowed: false, message: expect.stringMatching(/^Langkah 1 SOP ini dijalankan oleh Camat;/) });
    // Issue #16: the first step's pelaksana starts the run; the staf holds a later step only.
    for (const who of [p.jfu, p.kasi, otherUnitKasi]) {
      const refused = await app.http().post('/ppid/runs').set(bearer(who)).send({ uid: UID, documentId });
      expect(refused.status).toBe(403);
    }
    const staf = await app.http().post('/ppid/runs').set(bearer(p.jfu)).send({ uid: UID, documentId });
    expect(staf.body.error.details.reason).toBe('not_first_step_role');
    expect(staf.body.error.message).toMatch(/^Langkah 1 SOP ini dijalankan oleh Camat; .* \/ Step 1 of this SOP is carried out by the Camat/);
    expect(await app.strapi.db.query('plugin::ppid.run').count({ where: { itemDocumentId: documentId } })).toBe(0);

    const res = await app.http().post('/ppid/runs').set(bearer(p.camat)).send({ uid: UID, documentId });
    expect(res.status).toBe(201);
    runId = res.body.data.id;
    expect(res.body.data.currentStep).toMatchObject({ number: 1, role: 'camat' });
    expect(res.body.data.sop.code).toBe(SOP);

    const again = await app.http().post('/ppid/runs').set(bearer(p.camat)).send({ uid: UID, documentId });
    expect(again.status).toBe(409);
  });

  it('refuses the wrong role, and skipping a step', async () => {
    const wrong = await act(p.kasi, runId, { act: 'approve' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.details.reason).toBe('wrong_role');
    const skip = await act(p.kasi, runId, { act: 'approve', step: 3 });
    expect(skip.status).toBe(403);
    expect(skip.body.error.details.reason).toBe('step_skipped');
  });

  it('step 1 Camat instructs, step 2 JFU drafts and reports', async () => {
    const s1 = await act(p.camat, runId, { act: 'approve' });
    expect(s1.status).toBe(200);
    expect(s1.body.data.currentStep.number).toBe(2);
    const s2 = await act(p.jfu, runId, { act: 'submit' });
    expect(s2.status).toBe(200);
    expect(s2.body.data.currentStep).toMatchObject({ number: 3, role: 'kasubbag-kasi', recordKind: 'paraf' });
  });

  it('refuses the Kasi of another unit', async () => {
    const res = await act(otherUnitKasi, runId, { act: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body.error.details.reason).toBe('wrong_role');
  });

  it('refuses self-approval: whoever drafted the content cannot initial it, even holding the Kasi role', async () => {
    const { ganda } = await peopleFor(app, SOP, [
      { key: 'ganda', sopRoles: ['staf', 'kasubbag-kasi'], jabatan: 'Kasi merangkap penyusun', unit: (app as any).unitId },
    ]);
    const doc = await createItem(ganda, 'Laporan pelaksanaan posyandu');
    const run = (await app.http().post('/ppid/runs').set(bearer(p.camat)).send({ uid: UID, documentId: doc })).body.data.id;
    expect((await act(p.camat, run, { act: 'approve' })).status).toBe(200);
    expect((await act(ganda, run, { act: 'submit' })).status).toBe(200);
    const own = await act(ganda, run, { act: 'approve' });
    expect(own.status).toBe(403);
    expect(own.body.error.details.reason).toBe('separation_of_duties');
    // Another Kasi of the unit may initial it.
    expect((await act(p.kasi, run, { act: 'approve' })).status).toBe(200);
  });

  it('locks the content at a review step: an edit through the Content Manager is refused', async () => {
    const res = await app.http().put(`${CM}/${documentId}`).set(bearer(p.jfu)).send({ title: 'Diubah diam-diam saat direviu' });
    expect(res.status).toBe(409);
    const draft = await app.strapi.documents(UID).findOne({ documentId, status: 'draft' });
    expect(draft!.title).toBe('Kerja bakti RT 12 Kelurahan Rawa Makmur');
  });

  it('a return needs a comment and sends the work back to the JFU (step 2)', async () => {
    const noComment = await act(p.kasi, runId, { act: 'return' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.message).toMatch(/comment/);
    const ret = await act(p.kasi, runId, { act: 'return', comment: 'Lengkapi foto kegiatan dan perbaiki judul.' });
    expect(ret.status).toBe(200);
    expect(ret.body.data.status).toBe('returned');
    expect(ret.body.data.currentStep.number).toBe(2);
  });

  it('the JFU corrects the content and resubmits', async () => {
    const edit = await app.http().put(`${CM}/${documentId}`).set(bearer(p.jfu)).send({ title: 'Kerja bakti RT 12 Kelurahan Rawa Makmur (diperbaiki)' });
    expect(edit.status).toBe(200);
    const s2 = await act(p.jfu, runId, { act: 'submit' });
    expect(s2.status).toBe(200);
    expect(s2.body.data.currentStep.number).toBe(3);
  });

  it('step 3 Kasi paraf; a stale version is a conflict', async () => {
    const view = await app.http().get(`/ppid/runs/${runId}`).set(bearer(p.kasi));
    expect(view.body.data.allowedActs).toEqual(expect.arrayContaining(['approve', 'return']));
    const version = view.body.data.version;
    const ok = await act(p.kasi, runId, { act: 'approve', expectedVersion: version });
    expect(ok.status).toBe(200);
    expect(ok.body.data.currentStep.number).toBe(4);
    const stale = await act(p.kasi, runId, { act: 'approve', expectedVersion: version });
    expect(stale.status).toBe(409);
  });

  it('step 4 Sekretaris signs: a wrong password is refused and writes nothing', async () => {
    const before = await app.strapi.db.query('plugin::ppid.signature-record').count({});
    const bad = await act(p.sekcam, runId, { act: 'approve', password: 'salah', confirmIntent: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/password/i);
    const noIntent = await act(p.sekcam, runId, { act: 'approve', password: p.sekcam.password });
    expect(noIntent.status).toBe(400);
    expect(await app.strapi.db.query('plugin::ppid.signature-record').count({})).toBe(before);
    const ok = await act(p.sekcam, runId, signature(p.sekcam));
    expect(ok.status).toBe(200);
    expect(ok.body.data.currentStep.number).toBe(5);
  });

  it('no door publishes before the last step', async () => {
    const cm = await app.http().post(`${CM}/${documentId}/actions/publish`).set(bearer(p.camat)).send({});
    expect(cm.status).toBe(403);
    const bulk = await app.http().post(`${CM}/actions/bulkPublish`).set(bearer(p.camat)).send({ documentIds: [documentId] });
    expect(bulk.status).toBe(403);
    await expect(app.strapi.documents(UID).publish({ documentId })).rejects.toThrow(/SOP/);
    await expect(app.strapi.documents(UID).update({ documentId, data: { summary: 'x' } as any, status: 'published' })).rejects.toThrow(/SOP/);
    const published = await app.strapi.documents(UID).findOne({ documentId, status: 'published' });
    expect(published).toBeNull();
    const early = await act(p.camat, runId, { act: 'publish' });
    expect(early.status).toBe(400);
  });

  it('step 5 Camat signs, step 6 Kasi hands over, step 7 JFU publishes', async () => {
    expect((await act(p.camat, runId, signature(p.camat))).status).toBe(200);
    const s6 = await act(p.kasi, runId, { act: 'handover' });
    expect(s6.status).toBe(200);
    expect(s6.body.data.currentStep).toMatchObject({ number: 7, role: 'staf' });
    const s7 = await act(p.jfu, runId, { act: 'publish' });
    expect(s7.status).toBe(200);
    expect(s7.body.data.status).toBe('published');

    const pub = await app.http().get('/api/information-items');
    expect(pub.body.data.map((d: any) => d.documentId)).toContain(documentId);
    const facts = await app.http().get(`/api/ppid/publications/${documentId}`).expect(200);
    expect(facts.body.data).toMatchObject({ publishedThroughSop: true, sop: { code: SOP } });
  });

  it('records every act in order, bound to the approved content', async () => {
    const view = await app.http().get(`/ppid/runs/${runId}`).set(bearer(p.camat));
    const kinds = view.body.data.records.map((r: any) => `${r.stepNumber}:${r.kind}`);
    // The JFU's correction after the return is sealed too (an edit has no step of its own).
    expect(kinds).toEqual(['1:complete', '2:submit', '3:return', 'null:edit', '2:submit', '3:paraf', '4:tanda_tangan', '5:tanda_tangan', '6:handover', '7:publish']);
    const sek = view.body.data.records.find((r: any) => r.kind === 'tanda_tangan');
    // The camat does not hold records.personal-data: the NIP is masked (admin-authorization.test.ts).
    expect(sek.signer.nip).toMatch(/^\*{14}\d{4}$/);
    expect(sek.signer.jabatan).toBe('Sekretaris Kecamatan');
    const report = await app.strapi.plugin('ppid').service('records').verifyChains();
    expect(report.ok).toBe(true);
  });

  it('acting on a closed run is a conflict; republishing needs a new run', async () => {
    const late = await act(p.jfu, runId, { act: 'publish' });
    expect(late.status).toBe(409);
    const unpub = await app.http().post(`${CM}/${documentId}/actions/unpublish`).set(bearer(p.camat)).send({});
    expect(unpub.status).toBe(200);
    const rec = await app.strapi.db.query('plugin::ppid.signature-record').findOne({ where: { kind: 'unpublish', itemDocumentId: documentId } });
    expect(rec).not.toBeNull();
    const cm = await app.http().post(`${CM}/${documentId}/actions/publish`).set(bearer(p.camat)).send({});
    expect(cm.status).toBe(403);
    // A republish behind the workflow's back (raw query engine) stays invisible to the public.
    const draft = await app.strapi.db.query(UID).findOne({ where: { documentId, publishedAt: null } });
    await app.strapi.db.query(UID).create({ data: { documentId, title: draft.title, summary: draft.summary, classification: draft.classification, publishedAt: new Date() } });
    const list = await app.http().get('/api/information-items');
    expect(list.body.data.map((d: any) => d.documentId)).not.toContain(documentId);
    expect((await app.http().get(`/api/information-items/${documentId}`)).status).toBe(404);
  });

  it('cancelling needs a reason; a cancelled run takes no more acts', async () => {
    const doc = await createItem(p.jfu, 'Pengumuman jadwal posyandu');
    const run = (await app.http().post('/ppid/runs').set(bearer(p.camat)).send({ uid: UID, documentId: doc })).body.data.id;
    expect((await act(p.camat, run, { act: 'cancel' })).status).toBe(400);
    expect((await act(p.kasi, run, { act: 'cancel', reason: 'x' })).status).toBe(403);
    const ok = await act(p.camat, run, { act: 'cancel', reason: 'Informasi sudah tidak relevan' });
    expect(ok.status).toBe(200);
    expect(ok.body.data.status).toBe('cancelled');
    const after = await act(p.camat, run, { act: 'approve' });
    expect(after.status).toBe(409);
  });
});
