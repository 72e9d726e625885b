import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, Person } from '../helpers/people';
import { RECORD, RUN, runAtStep3, seed000, Seed000, UID } from '../helpers/hardening';

// Every change that decides what is public or who may sign is a sealed signature record,
// whatever door it comes through; `verify` checks each record's stored columns against its
// sealed body, each run's state against its records, and each configuration row against its
// records, and names what was changed behind the product's back.
const CM = `/content-manager/collection-types/${UID}`;

let app: TestApp;
let s: Seed000;
let admin: { token: string };

const act = (who: Person, runId: string, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const sign = (who: Person) => ({ act: 'approve', password: who.password, confirmIntent: true });
const recordsOf = async (where: Record<string, unknown>) =>
  ((await app.strapi.db.query(RECORD).findMany({ where, orderBy: { seq: 'asc' } })) as any[]).map((r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body));
const verifyAll = async () => {
  const res = await app.http().post('/ppid/verify').set(bearer(admin)).send({});
  expect(res.status).toBe(200);
  return res.body.data as { ok: boolean; problems: { code: string; seq?: number; runId?: string; column?: string; itemDocumentId?: string; message: string }[] };
};
const table = (uid: string) => app.strapi.db.metadata.get(uid as any).tableName;
const itemOf = async (runId: string) => (await app.strapi.db.query(RUN).findOne({ where: { documentId: runId } })).itemDocumentId as string;

async function createItem(title: string) {
  const res = await app.http().post(CM).set(bearer(s.p.jfu)).send({ title, summary: 'Ringkasan', classification: 'setiap_saat', unit: s.unitId });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
}

async function publishedRun(title: string) {
  const runId = await runAtStep3(app, s, title);
  expect((await act(s.kasis[0], runId, { act: 'approve' })).status).toBe(200);
  expect((await act(s.p.sekcam, runId, sign(s.p.sekcam))).status).toBe(200);
  expect((await act(s.p.camat, runId, sign(s.p.camat))).status).toBe(200);
  expect((await act(s.kasis[0], runId, { act: 'handover' })).status).toBe(200);
  const pub = await act(s.p.jfu, runId, { act: 'publish' });
  expect(pub.status).toBe(200);
  expect(pub.body.data.status).toBe('published');
  return runId;
}

beforeAll(async () => {
  app = await startApp();
  s = await seed000(app, 'SEGEL', 1);
  const superRole = await app.strapi.service('admin::role').getSuperAdmin();
  await app.strapi.service('admin::user').create({
    email: 'super.segel@example.go.id',
    firstname: 'Super',
    lastname: 'Segel',
    password: 'Rahasia-Super-123',
    isActive: true,
    registrationToken: null,
    roles: [superRole.id],
  });
  admin = { token: await login(app, 'super.segel@example.go.id', 'Rahasia-Super-123') };
});
afterAll(async () => {
  await app?.stop();
});

describe('sealed changes', () => {
  it('an edit that voids an approval is sealed: an edit record with the new content hash, a void record naming the approval', async () => {
    const runId = await runAtStep3(app, s, 'Pengumuman yang diperbaiki');
    expect((await act(s.kasis[0], runId, { act: 'approve' })).status).toBe(200); // step 3 paraf
    const ret = await act(s.p.sekcam, runId, { act: 'return', comment: 'Perbaiki judul.' });
    expect(ret.status).toBe(200);
    expect(ret.body.data.currentStep.number).toBe(2);
    const documentId = await itemOf(runId);
    const edit = await app.http().put(`${CM}/${documentId}`).set(bearer(s.p.jfu)).send({ title: 'Pengumuman yang diperbaiki (revisi)' });
    expect(edit.status).toBe(200);

    const records = await recordsOf({ runDocumentId: runId });
    const voided = records.filter((r) => r.kind === 'void');
    expect(voided).toHaveLength(1);
    expect(voided[0]).toMatchObject({ stepNumber: 3, decision: 'voided_paraf', signer: { jabatan: 'JFU' } });
    const edits = records.filter((r) => r.kind === 'edit');
    expect(edits).toHaveLength(1);
    const run = await app.strapi.db.query(RUN).findOne({ where: { documentId: runId } });
    const state = typeof run.state === 'string' ? JSON.parse(run.state) : run.state;
    expect(edits[0].contentHash).toBe(state.contentHash);
    expect(edits[0].note).toMatch(/[0-9a-f]{64}/);
    expect(voided[0].contentHash).toBe(state.contentHash);
    // The approval form shows step 3's paraf as voided until it is given again.
    const view = await app.http().get(`/ppid/runs/${runId}`).set(bearer(s.p.jfu));
    expect(view.body.data.records.map((r: any) => r.kind)).toEqual(['complete', 'submit', 'paraf', 'return', 'edit', 'void']);
    expect((await verifyAll()).problems).toEqual([]);
  });

  it('unpublishing and deleting a published item are sealed against its run, in the same transaction', async () => {
    const runId = await publishedRun('Pengumuman yang ditarik');
    const documentId = await itemOf(runId);
    const unpub = await app.http().post(`${CM}/${documentId}/actions/unpublish`).set(bearer(s.p.camat)).send({});
    expect(unpub.status).toBe(200);
    const del = await app.http().delete(`${CM}/${documentId}`).set(bearer(s.p.camat));
    expect(del.status).toBe(200);
    const records = await recordsOf({ runDocumentId: runId });
    expect(records.slice(-2).map((r) => [r.kind, r.decision, r.signer.jabatan])).toEqual([
      ['unpublish', 'unpublished', 'Camat'],
      ['delete', 'deleted', 'Camat'],
    ]);
    expect((await app.strapi.db.query(RUN).findOne({ where: { documentId: runId } })).status).toBe('unpublished');
    expect((await verifyAll()).problems).toEqual([]);
  });

  it('deleting a governed item that never had a run is sealed in its type scope', async () => {
    const documentId = await createItem('Draf yang dihapus');
    const del = await app.http().delete(`${CM}/${documentId}`).set(bearer(s.p.jfu));
    expect(del.status).toBe(200);
    const [rec] = await recordsOf({ itemDocumentId: documentId });
    expect(rec).toMatchObject({ kind: 'delete', runId: `gov:${UID}`, itemUid: UID, signer: { jabatan: 'JFU' } });
    expect(rec.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // An admin can check its code like any other.
    const check = await app.http().post('/ppid/verify').set(bearer(admin)).send({ code: rec.verificationCode });
    expect(check.status).toBe(200);
    expect(check.body.data.valid).toBe(true);
  });

  it('role mappings, delegations and bindings are sealed on create and delete, through the admin routes and the document service', async () => {
    const role = await app.strapi.service('admin::role').create({ name: 'Peran Segel', description: '' });
    const created = await app.http().post('/ppid/role-mappings').set(bearer(admin)).send({ sopCode: 'palaran-publikasi-website', sopRole: 'camat', adminRole: role.id, unit: s.unitId });
    expect(created.status).toBe(201);
    const row = await app.strapi.db.query('plugin::ppid.role-mapping').findOne({ where: { id: created.body.data.id } });
    const scope = 'gov:plugin::ppid.role-mapping';
    let mine = await recordsOf({ runDocumentId: scope, itemDocumentId: row.documentId });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'config', decision: 'created', signer: { nama: 'Super Segel' } });
    expect(mine[0].note).toContain('sopRole=camat');
    expect(mine[0].note).toContain('adminRole=');

    // Through the document service (no route at all): sealed too, in its transaction.
    await app.strapi.documents('plugin::ppid.role-mapping' as any).update({ documentId: row.documentId, data: { sopRole: 'sekretaris' } as any });
    mine = await recordsOf({ runDocumentId: scope, itemDocumentId: row.documentId });
    expect(mine.map((r) => r.decision)).toEqual(['created', 'updated']);
    expect(mine[1].note).toContain('sopRole=sekretaris');

    const del = await app.http().delete(`/ppid/role-mappings/${row.id}`).set(bearer(admin));
    expect(del.status).toBe(200);
    mine = await recordsOf({ runDocumentId: scope, itemDocumentId: row.documentId });
    expect(mine.map((r) => r.decision)).toEqual(['created', 'updated', 'deleted']);

    const officials = (await app.strapi.db.query('plugin::ppid.official').findMany({ orderBy: { id: 'asc' }, limit: 2 })) as any[];
    const deleg = await app
      .http()
      .post('/ppid/delegations')
      .set(bearer(admin))
      .send({ delegator: officials[0].id, delegate: officials[1].id, capacity: 'plh', validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2026-02-01T00:00:00.000Z', basis: 'ND 1/2026' });
    expect(deleg.status).toBe(201);
    const d = await app.strapi.db.query('plugin::ppid.delegation').findOne({ where: { id: deleg.body.data.id } });
    const [drec] = await recordsOf({ runDocumentId: 'gov:plugin::ppid.delegation', itemDocumentId: d.documentId });
    expect(drec).toMatchObject({ kind: 'config', decision: 'created' });
    expect(drec.note).toContain(`delegate=${officials[1].nip}`);

    // The default bindings made at boot are sealed (by the system).
    const bindings = await recordsOf({ runDocumentId: 'gov:plugin::ppid.binding' });
    expect(bindings.length).toBeGreaterThanOrEqual(5);
    expect(bindings[0]).toMatchObject({ kind: 'config', decision: 'created', signer: { userId: 'system' } });
    expect((await verifyAll()).problems).toEqual([]);
  });
});

describe('verify names what was changed in the database', () => {
  it('a record column changed directly: verify names the record and the column', async () => {
    const runId = await runAtStep3(app, s, 'Catatan yang diutak-atik');
    const [first, second] = await recordsOf({ runDocumentId: runId });
    await app.strapi.db.connection(table(RECORD)).where({ seq: first.seq }).update({ kind: 'tanda_tangan' });
    await app.strapi.db.connection(table(RECORD)).where({ seq: second.seq }).update({ step_number: 5, signed_at: new Date('2020-01-01T00:00:00Z') });
    const report = await verifyAll();
    expect(report.ok).toBe(false);
    const cols = report.problems.filter((p) => p.code === 'column_mismatch').map((p) => [p.seq, p.column]);
    expect(cols).toEqual(expect.arrayContaining([[first.seq, 'kind'], [second.seq, 'step_number'], [second.seq, 'signed_at']]));
    expect(report.problems.find((p) => p.column === 'kind')!.message).toMatch(/tanda_tangan.*complete/);
    // Put them back: verify is clean again.
    await app.strapi.db.connection(table(RECORD)).where({ seq: first.seq }).update({ kind: first.kind });
    await app.strapi.db.connection(table(RECORD)).where({ seq: second.seq }).update({ step_number: second.stepNumber, signed_at: new Date(second.signedAt) });
    expect((await verifyAll()).problems).toEqual([]);
  });

  it("a run's status or current step changed directly: verify names the run and the column", async () => {
    const runId = await runAtStep3(app, s, 'Alur yang diutak-atik');
    await app.strapi.db.connection(table(RUN)).where({ document_id: runId }).update({ status: 'published', current_step: 7 });
    const report = await verifyAll();
    const mine = report.problems.filter((p) => p.runId === runId && p.code === 'run_state_mismatch');
    expect(mine.map((p) => p.column).sort()).toEqual(['current_step', 'status']);
    expect(mine.find((p) => p.column === 'status')!.message).toMatch(/"published".*"in_progress"/);
    await app.strapi.db.connection(table(RUN)).where({ document_id: runId }).update({ status: 'in_progress', current_step: 3 });
    expect((await verifyAll()).problems).toEqual([]);
  });

  it('a role mapping changed, added or removed directly: verify names the row', async () => {
    const t = table('plugin::ppid.role-mapping');
    const [victim] = await app.strapi.db.connection(t).orderBy('id', 'asc').limit(1);
    await app.strapi.db.connection(t).where({ id: victim.id }).update({ sop_role: 'camat' === victim.sop_role ? 'staf' : 'camat' });
    await app.strapi.db.connection(t).insert({ document_id: 'rawmappingrawmappingraw1', sop_code: 'palaran-publikasi-website', sop_role: 'camat' });
    const report = await verifyAll();
    const unsealed = report.problems.filter((p) => p.code === 'config_unsealed').map((p) => p.itemDocumentId);
    expect(unsealed).toEqual(expect.arrayContaining([victim.document_id, 'rawmappingrawmappingraw1']));
    await app.strapi.db.connection(t).where({ id: victim.id }).update({ sop_role: victim.sop_role });
    await app.strapi.db.connection(t).where({ document_id: 'rawmappingrawmappingraw1' }).del();
    expect((await verifyAll()).problems).toEqual([]);
    // Removed behind the product's back (its relations would cascade; the row is enough to show).
    await app.strapi.db.connection(t).where({ id: victim.id }).del();
    const gone = (await verifyAll()).problems.filter((p) => p.code === 'config_missing');
    expect(gone.map((p) => p.itemDocumentId)).toEqual([victim.document_id]);
  });
});
